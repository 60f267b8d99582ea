//! An in-process AIME API server for tests, written from spec/aime-protocol.md (server 0.9.6).
//!
//! Endpoints (all allow the API key `test-api-key-0001`; `private` only `other-key-0002`):
//! * `echo`   — inputs `prompt_input` (string), `chat_context`, `max_gen_tokens` (integer,
//!   1..4096, default 64). A job is queued (position 2, then 1), processing without update,
//!   processing at 50 with partial text, then done with `text = "echo: <prompt>"` and
//!   `num_generated_tokens = min(words, max_gen_tokens)`. One poll = one step.
//! * `fail`   — like echo, but the result carries the model error `error` (still success).
//! * `lapse`  — queued, then lapsed (HTTP 400).
//! * `images` — done at once; result has `images` (list of PNG data URLs) and `audio_output`.
//! * `slow`   — a blocking submit ends in HTTP 503 "Response Timeout".
//! * `private` — exists, but the default key is not authorised for it (402).
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};

pub const API_KEY: &str = "test-api-key-0001";
pub const OTHER_KEY: &str = "other-key-0002";
/// 1×1 PNG bytes served (base64) by the `images` endpoint.
pub const PNG_BYTES: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3];
pub const WAV_BYTES: &[u8] = b"RIFF\x00\x00\x00\x00WAVEfmt ";
/// Base64 of `PNG_BYTES`, of its first 4 bytes, and of `WAV_BYTES`.
const PNG_B64: &str = "iVBORw0KGgoBAgM=";
const PNG4_B64: &str = "iVBORw==";
const WAV_B64: &str = "UklGRgAAAABXQVZFZm10IA==";

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub body: Option<Value>,
}

#[derive(Debug)]
struct Job {
    endpoint: String,
    polls: usize,
    prompt: String,
    max_tokens: i64,
    collected: bool,
    expired: bool,
}

#[derive(Debug, Default)]
struct State {
    sessions: HashSet<String>,
    jobs: HashMap<String, Job>,
    counter: u64,
    seen: Vec<Seen>,
    amnesia: bool,
    poll_failures: usize,
}

/// The running server; stops when dropped.
pub struct AimeServer {
    pub url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for AimeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl AimeServer {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let state = Arc::new(Mutex::new(State::default()));
        let st = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    break;
                };
                let st = st.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        let st = st.clone();
                        async move { Ok::<_, Infallible>(handle(st, req).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self {
            url: format!("http://{addr}"),
            state,
            task,
        }
    }

    /// Simulates a server restart: every session key and job is lost.
    pub fn restart(&self) {
        let mut s = self.state.lock().unwrap();
        s.sessions.clear();
        s.jobs.clear();
    }

    /// Forgets a job as after `result_lifetime` (later polls get 402).
    pub fn expire_job(&self, job_id: &str) {
        if let Some(j) = self.state.lock().unwrap().jobs.get_mut(job_id) {
            j.expired = true;
        }
    }

    /// When on, login succeeds but its session key is never registered (every submit → 401).
    pub fn set_amnesia(&self, on: bool) {
        self.state.lock().unwrap().amnesia = on;
    }

    /// The next `n` progress polls fail with HTTP 502 (a proxy in between having trouble).
    pub fn fail_next_polls(&self, n: usize) {
        self.state.lock().unwrap().poll_failures = n;
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// Requests whose path ends with `suffix`.
    pub fn count(&self, method: &str, suffix: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.method == method && s.path.ends_with(suffix))
            .count()
    }
}

fn reply(status: u16, body: Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap()
}

fn sanic_error(
    status: u16,
    description: &str,
    message: &str,
    json_wanted: bool,
) -> Response<Full<Bytes>> {
    if json_wanted {
        reply(
            status,
            json!({"description": description, "status": status, "message": message}),
        )
    } else {
        Response::builder()
            .status(status)
            .header("content-type", "text/html")
            .body(Full::new(Bytes::from(format!(
                "<!DOCTYPE html><html><head><title>{description}</title></head><body><h1>{description}</h1><p>{message}</p></body></html>"
            ))))
            .unwrap()
    }
}

const ENDPOINTS: &[&str] = &["echo", "fail", "lapse", "images", "slow", "private"];

fn endpoint_keys(ep: &str) -> &'static [&'static str] {
    if ep == "private" {
        &[OTHER_KEY]
    } else {
        &[API_KEY]
    }
}

fn key_valid(key: &str) -> bool {
    key == API_KEY || key == OTHER_KEY
}

fn input_spec() -> Value {
    json!({
        "prompt_input": {"type": "string", "default": "", "required": false},
        "chat_context": {"type": "chat_context", "required": false},
        "max_gen_tokens": {"type": "integer", "default": 64, "minimum": 1, "maximum": 4096},
        "client_session_auth_key": {"type": "string"},
        "key": {"type": "string"},
        "wait_for_result": {"type": "bool"}
    })
}

fn describe(ep: &str) -> Value {
    json!({
        "name": ep, "title": format!("{ep} (test)"), "description": "test endpoint",
        "http_methods": ["GET", "POST"], "version": 1, "category": "chat",
        "max_queue_length": 100, "max_time_in_queue": 600, "free_queue_slots": 100,
        "num_active_workers": 1, "num_workers": 1,
        "workers": [{"name": "vm_fake_worker_0", "state": "waiting", "max_batch_size": 1,
                     "free_slots": 1, "gpu_name": "none (fake)", "num_gpus": 0,
                     "framework": "none", "framework_version": "0", "pytorch_version": null,
                     "model": {"label": "echo-model", "quantization": "none", "size": "0B",
                               "family": "echo", "type": "LLM", "repo_name": "echo-model"}}],
        "parameter_description": {
            "input": input_spec(),
            "output": {"text": {"type": "string"}, "num_generated_tokens": {"type": "integer"},
                       "model_name": {"type": "string"}, "error": {"type": "string"}},
            "progress": {"OUTPUTS": {"text": {"type": "string"}, "num_generated_tokens": {"type": "integer"}}}
        }
    })
}

fn fake_uuid() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{t:08x}-{:04x}-4000-8000-{n:012x}", n & 0xffff)
}

fn query_map(query: Option<&str>) -> HashMap<String, String> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

/// `application/x-www-form-urlencoded` decoding (`+` = space, `%XX`).
fn form_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(v)) => {
                out.push(v);
                i += 2;
            }
            (c, _) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: Request<hyper::body::Incoming>,
) -> Response<Full<Bytes>> {
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let json_wanted = req
        .headers()
        .get("accept")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let raw = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let body: Option<Value> = if raw.is_empty() {
        None
    } else {
        serde_json::from_slice(&raw).ok()
    };
    let body_is_bad_json = !raw.is_empty() && body.is_none();
    state.lock().unwrap().seen.push(Seen {
        method: method.clone(),
        path: path.clone(),
        query: query.clone(),
        body: body.clone(),
    });
    let q = query_map(query.as_deref());
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let not_found = || {
        sanic_error(
            404,
            "Not Found",
            &format!("Requested URL {path} not found"),
            json_wanted,
        )
    };

    match segs.as_slice() {
        ["api", "endpoints"] => {
            if let Some(k) = q.get("key") {
                if !key_valid(k) {
                    return reply(401, json!({"error": "Key not valid"}));
                }
                let eps: Vec<&str> = ENDPOINTS
                    .iter()
                    .copied()
                    .filter(|e| endpoint_keys(e).contains(&k.as_str()))
                    .collect();
                return reply(200, json!({"endpoints": eps}));
            }
            reply(200, json!({"endpoints": ENDPOINTS}))
        }
        ["api", "endpoints", ep] if ENDPOINTS.contains(ep) => reply(200, describe(ep)),
        ["api", "validate_key"] => {
            if q.get("key").is_some_and(|k| key_valid(k)) {
                reply(200, json!({"success": true, "error": null}))
            } else {
                reply(200, json!({"success": false, "error": "Key not valid"}))
            }
        }
        ["stream_progress"] => sanic_error(500, "Internal Server Error", "broken", json_wanted),
        [ep, "login"] if ENDPOINTS.contains(ep) => {
            // Query string only, even for POST.
            let Some(key) = q
                .get("key")
                .filter(|k| key_valid(k) && endpoint_keys(ep).contains(&k.as_str()))
            else {
                return reply(200, json!({"success": false, "error": "Key not valid"}));
            };
            let session = fake_uuid();
            let mut st = state.lock().unwrap();
            if !st.amnesia {
                st.sessions.insert(session.clone());
            }
            reply(
                200,
                json!({"success": true, "ep_version": 1, "client_session_auth_key": session, "key": key}),
            )
        }
        [ep, "progress"] if ENDPOINTS.contains(ep) => {
            {
                let mut st = state.lock().unwrap();
                if st.poll_failures > 0 {
                    st.poll_failures -= 1;
                    return sanic_error(502, "Bad Gateway", "upstream hiccup", json_wanted);
                }
            }
            let job_id = if method == "POST" {
                body.as_ref()
                    .and_then(|b| b.get("job_id"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            } else {
                q.get("job_id").cloned()
            };
            let Some(job_id) = job_id else {
                return reply(
                    402,
                    json!({"success": false, "error": ["No job_id given"], "ep_version": 1}),
                );
            };
            progress(&state, &job_id)
        }
        [ep] if ENDPOINTS.contains(ep) => {
            if method != "POST" {
                return reply(
                    400,
                    json!({"success": false, "error": ["use POST in tests"], "ep_version": 1}),
                );
            }
            if body_is_bad_json {
                return sanic_error(400, "Bad Request", "Failed when parsing body as json", true);
            }
            submit(&state, ep, body.unwrap_or_else(|| json!({})))
        }
        _ => not_found(),
    }
}

fn submit(state: &Arc<Mutex<State>>, ep: &str, body: Value) -> Response<Full<Bytes>> {
    let Value::Object(mut body) = body else {
        return sanic_error(400, "Bad Request", "Failed when parsing body as json", true);
    };
    let mut st = state.lock().unwrap();
    // Authorisation: `key` first, else the session key.
    if let Some(k) = body.get("key").and_then(Value::as_str) {
        if !key_valid(k) {
            return reply(
                401,
                json!({"success": false, "error": ["Key not valid"], "ep_version": 1}),
            );
        }
        if !endpoint_keys(ep).contains(&k) {
            return reply(
                402,
                json!({"success": false, "error": [format!("Client not authorized for endpoint {ep}!")], "ep_version": 1}),
            );
        }
    } else {
        let ok = body
            .get("client_session_auth_key")
            .and_then(Value::as_str)
            .is_some_and(|s| st.sessions.contains(s));
        if !ok {
            return reply(
                401,
                json!({"success": false, "error": ["API Key missing and client session authentication key not registered in API Server"], "ep_version": 1}),
            );
        }
    }
    // Strict validation.
    let spec = input_spec();
    let mut problems = Vec::new();
    for k in body.keys() {
        if spec.get(k).is_none() {
            problems.push(format!("Invalid input parameter(s): {k}"));
        }
    }
    let prompt = match body.get("prompt_input") {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => {
            problems.push(format!(
                "Invalid argument type prompt_input: {v} is not string"
            ));
            String::new()
        }
    };
    let max_tokens = match body.get("max_gen_tokens") {
        None => 64,
        // A JSON float for an integer input is truncated (observed).
        Some(Value::Number(n)) => n
            .as_i64()
            .unwrap_or_else(|| n.as_f64().unwrap_or(0.0) as i64),
        Some(v) => {
            problems.push(format!(
                "Invalid argument type max_gen_tokens: {v} is not integer"
            ));
            64
        }
    };
    if !(1..=4096).contains(&max_tokens) {
        problems.push(format!(
            "Parameter max_gen_tokens = {max_tokens} outside of valid range 1 - 4096"
        ));
    }
    if !problems.is_empty() {
        return reply(
            400,
            json!({"success": false, "error": problems, "ep_version": 1}),
        );
    }
    let wait = body
        .remove("wait_for_result")
        .and_then(|v| v.as_bool())
        .unwrap_or(true);
    st.counter += 1;
    let job_id = format!("{}#{}", fake_uuid(), st.counter);
    if wait {
        if ep == "slow" {
            return reply(
                503,
                json!({"description": "Service Unavailable", "status": 503, "message": "Response Timeout"}),
            );
        }
        let mut job = Job {
            endpoint: ep.to_owned(),
            polls: 0,
            prompt,
            max_tokens,
            collected: true,
            expired: false,
        };
        let mut result = result_for(&mut job, &job_id);
        result.insert("success".into(), json!(true));
        return reply(200, Value::Object(result));
    }
    st.jobs.insert(
        job_id.clone(),
        Job {
            endpoint: ep.to_owned(),
            polls: 0,
            prompt,
            max_tokens,
            collected: false,
            expired: false,
        },
    );
    reply(
        200,
        json!({"success": true, "job_id": job_id, "ep_version": 1}),
    )
}

fn result_for(job: &mut Job, job_id: &str) -> Map<String, Value> {
    let words = job.prompt.split_whitespace().count() as i64;
    let mut r = json!({
        "success": true, "job_id": job_id, "ep_version": 1,
        "auth": "vm_fake_worker_0", "worker_interface_version": "fake-worker-protocol 0.1",
        "start_time": 1795355968.12, "start_time_compute": 1795355968.12,
        "result_received_time": 1795355970.14, "compute_duration": 2.018, "total_duration": 2.018
    });
    let m = r.as_object_mut().unwrap();
    match job.endpoint.as_str() {
        "images" => {
            m.insert(
                "images".into(),
                json!([
                    format!("data:image/png;base64,{PNG_B64}"),
                    format!("data:image/png;base64,{PNG4_B64}")
                ]),
            );
            m.insert(
                "audio_output".into(),
                json!(format!("data:audio/wav;base64,{WAV_B64}")),
            );
            m.insert("model_name".into(), json!("image-model"));
        }
        "fail" => {
            m.insert("model_name".into(), json!("echo-model"));
            m.insert("error".into(), json!("CUDA out of memory while generating"));
        }
        _ => {
            m.insert("text".into(), json!(format!("echo: {}", job.prompt)));
            m.insert(
                "num_generated_tokens".into(),
                json!(words.min(job.max_tokens)),
            );
            m.insert("model_name".into(), json!("echo-model"));
        }
    }
    r.as_object().unwrap().clone()
}

fn progress(state: &Arc<Mutex<State>>, job_id: &str) -> Response<Full<Bytes>> {
    let mut st = state.lock().unwrap();
    let Some(job) = st.jobs.get_mut(job_id).filter(|j| !j.expired) else {
        return reply(
            402,
            json!({"success": false, "error": [format!("Client has no active request with this job id {job_id}")], "ep_version": 1}),
        );
    };
    if job.collected {
        return reply(
            200,
            json!({"success": true, "job_id": job_id, "ep_version": 1, "job_state": "done"}),
        );
    }
    job.polls += 1;
    let queued = |pos: u64| {
        json!({"success": true, "job_id": job_id, "ep_version": 1, "job_state": "queued",
               "progress": {"queue_position": pos, "estimate": -1, "num_workers_online": 1,
                            "progress": 0, "progress_data": {}}})
    };
    let words: Vec<&str> = job.prompt.split_whitespace().collect();
    let partial = format!(
        "echo: {}",
        words.iter().take(2).copied().collect::<Vec<_>>().join(" ")
    );
    let step = match job.endpoint.as_str() {
        "images" => 5,
        "lapse" => {
            if job.polls >= 2 {
                return reply(
                    400,
                    json!({"success": false, "error": format!("Job {job_id} on lapse lapsed!"), "ep_version": 1,
                    "job_state": "lapsed",
                    "progress": {"job_id": job_id, "progress": 0, "progress_data": {}, "queue_position": 0,
                                 "estimate": -1, "num_workers_online": 0}}),
                );
            }
            1
        }
        _ => job.polls,
    };
    let body = match step {
        1 => queued(2),
        2 => queued(1),
        3 => json!({"success": true, "job_id": job_id, "ep_version": 1, "job_state": "processing",
                    "progress": {"queue_position": 0, "estimate": 0, "num_workers_online": 1,
                                 "progress": 0, "progress_data": {}}}),
        4 => json!({"success": true, "job_id": job_id, "ep_version": 1, "job_state": "processing",
                    "progress": {"job_id": job_id, "auth": "vm_fake_worker_0", "job_type": job.endpoint,
                                 "auth_key": "worker-secret", "progress": 50,
                                 "progress_data": {"text": partial, "num_generated_tokens": 2},
                                 "queue_position": 0, "estimate": 1.5, "num_workers_online": 1}}),
        _ => {
            job.collected = true;
            let result = result_for(job, job_id);
            json!({"success": true, "job_id": job_id, "ep_version": 1, "job_result": result, "job_state": "done"})
        }
    };
    reply(200, body)
}
