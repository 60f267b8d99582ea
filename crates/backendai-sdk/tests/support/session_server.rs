//! An in-process Backend.AI manager for the session group: what the dummy agent of the real
//! stack cannot do (execute, PTY, session files, apps), replaying the behaviour recorded in
//! `captures/streams_appproxy_session_23.09.10.json`.
//!
//! Every request except `GET /` must carry a valid HMAC signature, checked like the manager
//! does: the signature is recomputed with `backendai_core::auth::sign` from the method, the
//! path+query as received, the `Host`, `Date`, `Content-Type` (absent → `application/octet-stream`)
//! and `X-BackendAI-Version` headers. A bad one gets 401 `auth-failed`.
//!
//! Session `mysession`:
//! * `POST /session/mysession` (execute): `query` answers `waiting-input` (prompt `name? `),
//!   `input` answers `continued` with `hello <input>\n`, `continue` answers `finished`.
//! * WS `/stream/session/mysession/execute`: the first frame must be `{"code","mode","options"}`;
//!   code `input()` → `waiting-input`, then the next text frame is echoed in a `finished`
//!   result; any other code → the captured result frame (`hi\n`, `finished`).
//! * WS `/stream/session/mysession/pty`: `stdin` frames are echoed back as `out` frames;
//!   `resize` frames are recorded; `ping` answers `{"type":"pong"}`.
//! * `upload` (multipart) stores files; `download` answers multipart/mixed with one tar per
//!   requested file (uploaded files plus a built-in `hello.txt`); `files` lists them.
//! * `GET /stream/session/mysession/apps`, `POST .../start-service`, `GET /events/session`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use backendai_core::auth::{sign, HashType, SignDate, SignInput};
use base64::Engine as _;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

pub const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const SESSION: &str = "mysession";
/// The result frame the capture recorded for `print('hi')`.
pub const CAPTURED_EXEC_FRAME: &str =
    "{\"status\": \"finished\", \"console\": [[\"stdout\", \"hi\\n\"]], \"exitCode\": 0, \"options\": {}}";

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path_and_query: String,
    pub content_type: Option<String>,
    pub body: Bytes,
    pub signature_ok: bool,
}

#[derive(Debug, Default)]
pub struct State {
    pub seen: Vec<Seen>,
    pub files: BTreeMap<String, Bytes>,
    pub resizes: Vec<(u64, u64)>,
    pub ws_first_frames: Vec<String>,
    pub runs: u64,
}

/// The running server (it serves until the test's runtime ends).
pub struct SessionServer {
    pub endpoint: String,
    pub state: Arc<Mutex<State>>,
}

impl SessionServer {
    pub async fn start() -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        state
            .lock()
            .unwrap()
            .files
            .insert("hello.txt".into(), Bytes::from_static(b"hello world"));
        let st = state.clone();
        let addr = crate::common::serve(move |req| {
            let st = st.clone();
            async move {
                let Ok(resp) = handle(st, req).await;
                Ok::<_, std::io::Error>(resp)
            }
        })
        .await;
        Self {
            endpoint: format!("http://{addr}"),
            state,
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }
}

type Resp = Response<Full<Bytes>>;

fn json_resp(status: StatusCode, v: &Value) -> Resp {
    Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .body(Full::new(Bytes::from(v.to_string())))
        .unwrap()
}

fn problem(status: StatusCode, kind: &str, title: &str) -> Resp {
    Response::builder()
        .status(status)
        .header("Content-Type", "application/problem+json")
        .body(Full::new(Bytes::from(
            json!({"type": format!("https://api.backend.ai/probs/{kind}"), "title": title})
                .to_string(),
        )))
        .unwrap()
}

fn header<'a>(req: &'a http::request::Parts, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Verifies the `Authorization` header exactly like the manager 23.09 does.
pub fn check_signature(parts: &http::request::Parts, body: &[u8]) -> bool {
    let Some(auth) = header(parts, "authorization") else {
        return false;
    };
    let Some(rest) = auth.strip_prefix("BackendAI signMethod=HMAC-") else {
        return false;
    };
    let Some((hash, rest)) = rest.split_once(", credential=") else {
        return false;
    };
    let Some((ak, _sig)) = rest.split_once(':') else {
        return false;
    };
    if ak != ACCESS_KEY {
        return false;
    }
    let Ok(hash_type) = hash.to_ascii_lowercase().parse::<HashType>() else {
        return false;
    };
    let date = header(parts, "x-backendai-date").or_else(|| header(parts, "date"));
    let Some(Ok(date)) = date.map(SignDate::parse_isoformat) else {
        return false;
    };
    let content_type = header(parts, "content-type")
        .map(|c| c.split(';').next().unwrap_or("").trim().to_owned())
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let rel_url = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let signed = sign(&SignInput {
        method: parts.method.as_str(),
        rel_url: &rel_url,
        host: header(parts, "host").unwrap_or(""),
        date: &date,
        content_type: &content_type,
        api_version: header(parts, "x-backendai-version").unwrap_or(""),
        access_key: ak,
        secret_key: SECRET_KEY,
        hash_type,
        body,
    });
    signed.authorization == auth
}

async fn handle(
    state: Arc<Mutex<State>>,
    mut req: Request<hyper::body::Incoming>,
) -> Result<Resp, Infallible> {
    let upgrade = hyper::upgrade::on(&mut req);
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    if parts.method == http::Method::GET && path == "/" {
        return Ok(json_resp(
            StatusCode::OK,
            &json!({"version": "v7.20230615", "manager": "23.09.10"}),
        ));
    }
    let ok = check_signature(&parts, &body);
    state.lock().unwrap().seen.push(Seen {
        method: parts.method.to_string(),
        path_and_query: parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        content_type: header(&parts, "content-type").map(str::to_owned),
        body: body.clone(),
        signature_ok: ok,
    });
    if !ok {
        return Ok(problem(
            StatusCode::UNAUTHORIZED,
            "auth-failed",
            "Authentication failed.",
        ));
    }
    let json_body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let prefix = format!("/session/{SESSION}");
    let stream_prefix = format!("/stream/session/{SESSION}");
    let m = parts.method.clone();
    let resp = match (m.as_str(), path.as_str()) {
        ("POST", "/session") => json_resp(
            StatusCode::CREATED,
            &json!({
                "sessionId": "11111111-2222-3333-4444-555555555555",
                "sessionName": json_body["name"],
                "status": "RUNNING",
                "servicePorts": [{"name": "jupyter", "protocol": "http", "ports": [8080]}],
                "created": true,
                "newField": 1,
            }),
        ),
        // The shape the real 23.09.10 manager answers (slots as Python repr text).
        ("GET", p) if p == prefix => json_resp(
            StatusCode::OK,
            &json!({
                "domainName": "default", "groupId": "2de2b969-1d04-48a6-af16-0bc8adb3c831",
                "userId": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
                "lang": "cr.backend.ai/stable/python:3.9-ubuntu20.04",
                "image": "cr.backend.ai/stable/python:3.9-ubuntu20.04",
                "architecture": "x86_64", "registry": "cr.backend.ai", "tag": null,
                "containerId": "",
                "occupiedSlots": "{'cpu': Decimal('1'), 'mem': Decimal('536870912')}",
                "occupyingSlots": "{}",
                "requestedSlots": "{'cpu': Decimal('1'), 'mem': Decimal('536870912')}",
                "occupiedShares": "{}", "environ": "{}",
                "resourceOpts": "{'main1': {'shmem': 67108864}}",
                "status": "RUNNING", "statusInfo": "", "statusData": {}, "age": 4171,
                "creationTime": "2026-11-23 13:54:01.976478+00:00", "terminationTime": null,
                "numQueriesExecuted": 0, "lastStat": null,
                "idleChecks": {"session_lifetime": {"remaining": null,
                               "remaining_time_type": "expire_after", "extra": null}},
                "futureField": [1, 2],
            }),
        ),
        ("POST", p) if p == prefix => execute(&state, &json_body),
        ("POST", "/admin/gql") => gql_session_list(&json_body),
        ("POST", p) if p == format!("{prefix}/upload") => upload(&state, &parts, &body),
        ("GET", p) if p == format!("{prefix}/download") => download(&state, &json_body),
        ("GET", p) if p == format!("{prefix}/files") => list_files(&state, &json_body),
        ("GET", p) if p == format!("{stream_prefix}/apps") => json_resp(
            StatusCode::OK,
            &json!([
                {"name": "jupyter", "protocol": "http", "ports": [8080],
                 "url_template": "{protocol}://{host}:{port}/tree", "allowed_arguments": {}},
                {"name": "ttyd", "protocol": "http", "ports": [7681]},
            ]),
        ),
        ("POST", p) if p == format!("{prefix}/start-service") => {
            if json_body["app"] == "jupyter" {
                json_resp(
                    StatusCode::OK,
                    &json!({"token": "tok-123", "wsproxy_addr": "http://127.0.0.1:10200"}),
                )
            } else {
                problem(StatusCode::NOT_FOUND, "object-not-found", "No such app.")
            }
        }
        ("GET", "/events/session") => Response::builder()
            .header("Content-Type", "text/event-stream")
            .body(Full::new(Bytes::from(
                "event: session_started\ndata: {\"sessionName\": \"s1\", \"ownerAccessKey\": \"AK\", \"reason\": \"\", \"exitCode\": null}\n\nevent: server_close\ndata: \n\n",
            )))
            .unwrap(),
        ("GET", p) if p == format!("{stream_prefix}/execute") => {
            ws_upgrade(&parts, upgrade, state.clone(), WsKind::Execute)
        }
        ("GET", p) if p == format!("{stream_prefix}/pty") => {
            ws_upgrade(&parts, upgrade, state.clone(), WsKind::Pty)
        }
        _ => problem(StatusCode::NOT_FOUND, "object-not-found", "No such resource."),
    };
    Ok(resp)
}

fn execute(state: &Arc<Mutex<State>>, body: &Value) -> Resp {
    let mode = body["mode"].as_str().unwrap_or("");
    let run_id = match body["runId"].as_str() {
        Some(r) => r.to_owned(),
        None => {
            let mut st = state.lock().unwrap();
            st.runs += 1;
            format!("run{}", st.runs)
        }
    };
    let result = match mode {
        "query" => json!({"status": "waiting-input", "runId": run_id,
                          "console": [["stdout", "name? "]], "options": {"is_password": false}}),
        "input" => json!({"status": "continued", "runId": run_id,
                          "console": [["stdout", format!("hello {}\n", body["code"].as_str().unwrap_or(""))]]}),
        "continue" => {
            json!({"status": "finished", "runId": run_id, "console": [], "exitCode": 0})
        }
        "batch" => json!({"status": "build-finished", "runId": run_id,
                          "console": [["stdout", format!("built with {}\n", body["options"]["build"])]]}),
        _ => return problem(StatusCode::BAD_REQUEST, "invalid-api-params", "bad mode"),
    };
    json_resp(StatusCode::OK, &json!({"result": result}))
}

/// `compute_session_list` over 5 sessions `sess-0`..`sess-4`, paginated by limit/offset.
fn gql_session_list(body: &Value) -> Resp {
    let q = body["query"].as_str().unwrap_or("");
    if !q.contains("compute_session_list(") || !q.contains("total_count") {
        return json_resp(
            StatusCode::OK,
            &json!({"data": null, "errors": [{"message": "unknown query"}]}),
        );
    }
    let v = &body["variables"];
    let limit = v["limit"].as_u64().unwrap_or(20) as usize;
    let offset = v["offset"].as_u64().unwrap_or(0) as usize;
    let items: Vec<Value> = (0..5)
        .map(|i| json!({"id": format!("id-{i}"), "name": format!("sess-{i}"), "status": v["status"]}))
        .skip(offset)
        .take(limit)
        .collect();
    json_resp(
        StatusCode::OK,
        &json!({"data": {"compute_session_list": {"items": items, "total_count": 5}}}),
    )
}

fn multipart_boundary(ct: &str) -> Option<String> {
    ct.split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_owned())
        .next()
}

fn upload(state: &Arc<Mutex<State>>, parts: &http::request::Parts, body: &Bytes) -> Resp {
    let Some(boundary) = header(parts, "content-type").and_then(multipart_boundary) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "invalid-api-params",
            "not multipart",
        );
    };
    let parsed = match backendai_sdk::groups::session::files::parse_multipart(body, &boundary) {
        Ok(p) => p,
        Err(_) => return problem(StatusCode::BAD_REQUEST, "invalid-api-params", "bad body"),
    };
    let mut st = state.lock().unwrap();
    for p in parsed {
        let disp = p.header("content-disposition").unwrap_or("").to_owned();
        if !disp.contains("name=\"src\"") {
            return problem(
                StatusCode::BAD_REQUEST,
                "invalid-api-params",
                "field must be src",
            );
        }
        let Some(name) = disp
            .split("filename=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        else {
            return problem(StatusCode::BAD_REQUEST, "invalid-api-params", "no filename");
        };
        st.files.insert(name.to_owned(), p.body.clone());
    }
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Full::new(Bytes::new()))
        .unwrap()
}

fn tar_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, name, data).unwrap();
    b.into_inner().unwrap()
}

fn download(state: &Arc<Mutex<State>>, body: &Value) -> Resp {
    let st = state.lock().unwrap();
    let boundary = "f0a7c3b1e2d4";
    let mut out = Vec::new();
    for f in body["files"].as_array().cloned().unwrap_or_default() {
        let name = f.as_str().unwrap_or("");
        let Some(data) = st.files.get(name) else {
            return problem(StatusCode::NOT_FOUND, "object-not-found", "No such file.");
        };
        out.extend_from_slice(format!("--{boundary}\r\nContent-Type: application/x-tar\r\nContent-Transfer-Encoding: binary\r\n\r\n").as_bytes());
        out.extend_from_slice(&tar_of(name, data));
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Response::builder()
        .header(
            "Content-Type",
            format!("multipart/mixed; boundary=\"{boundary}\""),
        )
        .body(Full::new(Bytes::from(out)))
        .unwrap()
}

fn list_files(state: &Arc<Mutex<State>>, body: &Value) -> Resp {
    let st = state.lock().unwrap();
    let entries: Vec<Value> = st
        .files
        .iter()
        .map(|(k, v)| {
            json!({"filename": k, "size": v.len(), "mode": "-rw-r--r--",
                   "mtime": 1714979289.0})
        })
        .collect();
    json_resp(
        StatusCode::OK,
        &json!({
            "files": serde_json::to_string(&entries).unwrap(),
            "errors": "",
            "abspath": format!("/home/work/{}", body["path"].as_str().unwrap_or(".")),
        }),
    )
}

enum WsKind {
    Execute,
    Pty,
}

fn ws_upgrade(
    parts: &http::request::Parts,
    upgrade: hyper::upgrade::OnUpgrade,
    state: Arc<Mutex<State>>,
    kind: WsKind,
) -> Resp {
    let is_ws = header(parts, "upgrade").is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
    let Some(key) = header(parts, "sec-websocket-key").filter(|_| is_ws) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "invalid-api-params",
            "WebSocket expected",
        );
    };
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
    tokio::spawn(async move {
        let Ok(upgraded) = upgrade.await else {
            return;
        };
        let ws = WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
        match kind {
            WsKind::Execute => ws_execute(ws, state).await,
            WsKind::Pty => ws_pty(ws, state).await,
        }
    });
    Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header("Upgrade", "websocket")
        .header("Connection", "Upgrade")
        .header("Sec-WebSocket-Accept", accept)
        .body(Full::new(Bytes::new()))
        .unwrap()
}

async fn next_text<S>(ws: &mut WebSocketStream<S>) -> Option<String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    while let Some(Ok(msg)) = ws.next().await {
        match msg {
            Message::Text(t) => return Some(t.to_string()),
            Message::Close(_) => return None,
            _ => continue,
        }
    }
    None
}

async fn ws_execute<S>(mut ws: WebSocketStream<S>, state: Arc<Mutex<State>>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let Some(first) = next_text(&mut ws).await else {
        return;
    };
    state.lock().unwrap().ws_first_frames.push(first.clone());
    let Ok(v) = serde_json::from_str::<Value>(&first) else {
        let _ = ws.close(None).await;
        return;
    };
    if v["code"] == "input()" {
        let wait = json!({"status": "waiting-input", "console": [["stdout", "? "]],
                          "options": {"is_password": false}});
        let _ = ws.send(Message::text(wait.to_string())).await;
        let line = next_text(&mut ws).await.unwrap_or_default();
        let done = json!({"status": "finished", "console": [["stdout", format!("got {line}\n")]],
                          "exitCode": 0, "options": {}});
        let _ = ws.send(Message::text(done.to_string())).await;
    } else {
        let _ = ws.send(Message::text(CAPTURED_EXEC_FRAME)).await;
    }
    // Wait for the client's close (the capture shows the client closing).
    while let Some(Ok(msg)) = ws.next().await {
        if let Message::Close(_) = msg {
            break;
        }
    }
}

async fn ws_pty<S>(mut ws: WebSocketStream<S>, state: Arc<Mutex<State>>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let b64 = base64::engine::general_purpose::STANDARD;
    while let Some(text) = next_text(&mut ws).await {
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        match v["type"].as_str() {
            Some("stdin") => {
                let Ok(bytes) = b64.decode(v["chars"].as_str().unwrap_or("")) else {
                    continue;
                };
                let out = json!({"type": "out", "data": b64.encode(&bytes)});
                let _ = ws.send(Message::text(out.to_string())).await;
            }
            Some("resize") => {
                let rows = v["rows"].as_u64().unwrap_or(0);
                let cols = v["cols"].as_u64().unwrap_or(0);
                state.lock().unwrap().resizes.push((rows, cols));
            }
            Some("ping") => {
                let _ = ws.send(Message::text("{\"type\": \"pong\"}")).await;
            }
            _ => {}
        }
    }
}
