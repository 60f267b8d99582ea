//! Typed views of the AIME API server's JSON answers (spec/aime-protocol.md §3–§6).
//!
//! Every type keeps the raw JSON object it was built from, so fields this client does not
//! model are never lost.

use base64::Engine as _;
use serde_json::{Map, Value};

use backendai_core::error::ErrorKind;

use crate::error::{Error, Result};

/// The state of a job as reported by `/<ep>/progress` (§5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobState {
    /// Waiting in the endpoint's queue.
    Queued,
    /// Pulled by a worker (also while a finished result waits to be collected).
    Processing,
    /// Finished; the first `done` reply carries the result.
    Done,
    /// Timed out in the queue or while processing; terminal.
    Lapsed,
    /// Cancelled; terminal (defined by the protocol, not produced by server 0.9.6).
    Canceled,
    /// A state this client does not know (kept verbatim).
    Other(String),
}

impl JobState {
    /// Parses the wire value.
    pub fn parse(s: &str) -> Self {
        match s {
            "queued" => Self::Queued,
            "processing" => Self::Processing,
            "done" => Self::Done,
            "lapsed" => Self::Lapsed,
            "canceled" | "cancelled" => Self::Canceled,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Queued => "queued",
            Self::Processing => "processing",
            Self::Done => "done",
            Self::Lapsed => "lapsed",
            Self::Canceled => "canceled",
            Self::Other(s) => s,
        }
    }

    /// True for `done`, `lapsed` and `canceled`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Done | Self::Lapsed | Self::Canceled)
    }
}

impl std::fmt::Display for JobState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The answer of a login (`GET /<ep>/login`, §3), without the session key itself.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginInfo {
    /// The endpoint logged in to.
    pub endpoint: String,
    /// The endpoint's config version (`ep_version`), if it has one.
    pub ep_version: Option<i64>,
}

/// One progress update of a queued or running job (§5.1, §5.2).
#[derive(Debug, Clone, PartialEq)]
pub struct JobProgress {
    /// The job.
    pub job_id: String,
    /// `queued` or `processing`.
    pub state: JobState,
    /// `progress.progress`: chosen by the worker — percent for image models, generated
    /// tokens for LLMs. Not necessarily within 0..100.
    pub progress: Option<f64>,
    /// 1-based position in the queue while queued; 0 once running.
    pub queue_position: Option<u64>,
    /// Seconds left as estimated by the server; `None` when unknown (`-1`).
    pub estimate: Option<f64>,
    /// Workers online for this endpoint (0 means the job waits and may lapse).
    pub num_workers_online: Option<u64>,
    /// The endpoint's declared progress outputs (e.g. partial `text`: the whole text so far).
    pub progress_data: Map<String, Value>,
    /// The whole reply.
    pub raw: Value,
}

impl JobProgress {
    /// Builds a progress view from a progress reply (`{"job_state", "progress": {...}}`).
    pub fn from_reply(job_id: &str, state: JobState, reply: &Value) -> Self {
        let progress = reply.get("progress").and_then(Value::as_object);
        let num = |k: &str| progress.and_then(|p| p.get(k)).and_then(Value::as_f64);
        let uint = |k: &str| {
            progress.and_then(|p| p.get(k)).and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            })
        };
        Self {
            job_id: reply
                .get("job_id")
                .and_then(Value::as_str)
                .unwrap_or(job_id)
                .to_owned(),
            state,
            progress: num("progress"),
            queue_position: uint("queue_position"),
            estimate: num("estimate").filter(|e| *e >= 0.0),
            num_workers_online: uint("num_workers_online"),
            progress_data: progress
                .and_then(|p| p.get("progress_data"))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            raw: reply.clone(),
        }
    }

    /// The partial `text` progress output, if the endpoint sends one.
    pub fn text(&self) -> Option<&str> {
        self.progress_data.get("text").and_then(Value::as_str)
    }
}

/// The final result of a job (`job_result`, §5.3 / §4b): typed common fields plus every output.
#[derive(Debug, Clone, PartialEq)]
pub struct JobResult {
    /// The job.
    pub job_id: String,
    /// The endpoint's config version.
    pub ep_version: Option<i64>,
    /// `text` output (LLM endpoints).
    pub text: Option<String>,
    /// `num_generated_tokens` output (LLM endpoints).
    pub num_generated_tokens: Option<u64>,
    /// `model_name` output.
    pub model_name: Option<String>,
    /// `error` output: a model-level failure reported by the worker. A result with a
    /// non-empty error is turned into an [`Error`] by [`crate::aime::JobHandle::wait`].
    pub error: Option<String>,
    /// Worker name (`auth`), when the endpoint provides worker meta data.
    pub worker: Option<String>,
    /// `worker_interface_version`, when provided.
    pub worker_interface_version: Option<String>,
    /// Unix seconds when the job was handed to a worker.
    pub start_time: Option<f64>,
    /// Unix seconds when computing started.
    pub start_time_compute: Option<f64>,
    /// Unix seconds when the server received the result.
    pub result_received_time: Option<f64>,
    /// Compute time in seconds.
    pub compute_duration: Option<f64>,
    /// Total time in seconds.
    pub total_duration: Option<f64>,
    /// The whole `job_result` object, including endpoint-specific outputs.
    pub raw: Map<String, Value>,
}

/// Control and meta fields of a result that are not endpoint outputs.
const META_FIELDS: &[&str] = &[
    "success",
    "job_id",
    "ep_version",
    "auth",
    "worker_interface_version",
    "start_time",
    "start_time_compute",
    "result_received_time",
    "compute_duration",
    "total_duration",
    "job_state",
];

impl JobResult {
    /// Builds a result from a `job_result` object.
    pub fn from_object(raw: Map<String, Value>) -> Self {
        let s = |k: &str| raw.get(k).and_then(Value::as_str).map(str::to_owned);
        let f = |k: &str| raw.get(k).and_then(Value::as_f64);
        let error = match raw.get("error") {
            None | Some(Value::Null) => None,
            Some(v) => Some(error_text(v)).filter(|e| !e.is_empty()),
        };
        Self {
            job_id: s("job_id").unwrap_or_default(),
            ep_version: raw.get("ep_version").and_then(Value::as_i64),
            text: s("text"),
            num_generated_tokens: raw.get("num_generated_tokens").and_then(Value::as_u64),
            model_name: s("model_name"),
            error,
            worker: s("auth"),
            worker_interface_version: s("worker_interface_version"),
            start_time: f("start_time"),
            start_time_compute: f("start_time_compute"),
            result_received_time: f("result_received_time"),
            compute_duration: f("compute_duration"),
            total_duration: f("total_duration"),
            raw,
        }
    }

    /// The endpoint outputs: `raw` without control, timing and worker meta fields.
    pub fn outputs(&self) -> Map<String, Value> {
        self.raw
            .iter()
            .filter(|(k, _)| !META_FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Every output value that is a base64 `data:` URL (images, audio, video), decoded.
    /// Lists of data URLs (e.g. `images`) yield one entry per item.
    pub fn binary_outputs(&self) -> Result<Vec<BinaryOutput>> {
        let mut out = Vec::new();
        for (field, value) in &self.raw {
            match value {
                Value::String(s) if is_data_url(s) => {
                    let (mime, data) = decode_data_url(s)?;
                    out.push(BinaryOutput {
                        field: field.clone(),
                        index: None,
                        mime,
                        data,
                    });
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(s) = item.as_str().filter(|s| is_data_url(s)) {
                            let (mime, data) = decode_data_url(s)?;
                            out.push(BinaryOutput {
                                field: field.clone(),
                                index: Some(i),
                                mime,
                                data,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// Decodes one output field holding base64 media: a `data:` URL or bare base64 (or a list
    /// of them). Fails with [`ErrorKind::NotFound`] when the field is absent.
    pub fn decode_output(&self, field: &str) -> Result<Vec<BinaryOutput>> {
        let value = self.raw.get(field).ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("the result has no output `{field}`"),
            )
        })?;
        let one = |s: &str, index| -> Result<BinaryOutput> {
            let (mime, data) = decode_media(s)?;
            Ok(BinaryOutput {
                field: field.to_owned(),
                index,
                mime,
                data,
            })
        };
        match value {
            Value::String(s) => Ok(vec![one(s, None)?]),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v.as_str() {
                    Some(s) => one(s, Some(i)),
                    None => Err(Error::new(
                        ErrorKind::Decode,
                        format!("output `{field}`[{i}] is not a base64 string"),
                    )),
                })
                .collect(),
            _ => Err(Error::new(
                ErrorKind::Decode,
                format!("output `{field}` is not a base64 string"),
            )),
        }
    }
}

/// A decoded binary output (image, audio, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryOutput {
    /// The output field name (e.g. `images`, `audio_output`).
    pub field: String,
    /// Position in the list when the output is a list.
    pub index: Option<usize>,
    /// MIME type from the data URL (`application/octet-stream` for bare base64).
    pub mime: String,
    /// The decoded bytes.
    pub data: Vec<u8>,
}

impl BinaryOutput {
    /// A file extension for the MIME type (`png`, `wav`, ...; `bin` when unknown).
    pub fn extension(&self) -> &str {
        let sub = self.mime.split('/').nth(1).unwrap_or("");
        let sub = sub.split(['+', ';']).next().unwrap_or("");
        match sub.to_ascii_lowercase().as_str() {
            "" | "octet-stream" => "bin",
            "jpeg" | "jpg" => "jpg",
            "png" => "png",
            "webp" => "webp",
            "gif" => "gif",
            "wav" | "x-wav" | "wave" => "wav",
            "mpeg" if self.mime.starts_with("audio") => "mp3",
            "mp3" => "mp3",
            "ogg" => "ogg",
            "flac" => "flac",
            "mp4" => "mp4",
            "webm" => "webm",
            _ => "bin",
        }
    }

    /// A file name: `<field>[_<index>].<ext>`, with unsafe characters replaced.
    pub fn file_name(&self) -> String {
        let field: String = self
            .field
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        match self.index {
            Some(i) => format!("{field}_{i}.{}", self.extension()),
            None => format!("{field}.{}", self.extension()),
        }
    }
}

fn is_data_url(s: &str) -> bool {
    // `get`, not slicing: a server's text may have a multi-byte character at byte 5.
    s.len() > 5
        && s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        && s.split_once(',')
            .is_some_and(|(head, _)| head.to_ascii_lowercase().ends_with(";base64"))
}

fn decode_data_url(s: &str) -> Result<(String, Vec<u8>)> {
    let (head, payload) = s.split_once(',').unwrap_or(("", s));
    let mime = head
        .get(5..)
        .unwrap_or("")
        .split(';')
        .next()
        .filter(|m| !m.is_empty())
        .unwrap_or("application/octet-stream")
        .to_ascii_lowercase();
    Ok((mime, decode_base64(payload)?))
}

fn decode_media(s: &str) -> Result<(String, Vec<u8>)> {
    if is_data_url(s) {
        decode_data_url(s)
    } else {
        Ok(("application/octet-stream".to_owned(), decode_base64(s)?))
    }
}

fn decode_base64(payload: &str) -> Result<Vec<u8>> {
    let cleaned: String = payload
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let engine = base64::engine::general_purpose::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    engine
        .decode(cleaned.as_bytes())
        .or_else(|_| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cleaned.trim_end_matches('='))
        })
        .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid base64 output: {e}")))
}

/// Encodes bytes as a base64 `data:` URL, the form media inputs (`image`, `audio`, `video`)
/// take.
pub fn data_url(mime: &str, data: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(data)
    )
}

/// Renders a server `error` value: a string, or a list of strings joined with `; `.
pub fn error_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// An endpoint's description (`GET /api/endpoints/<ep>`, §6).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointInfo {
    /// Endpoint name.
    pub name: String,
    /// Human title.
    pub title: Option<String>,
    /// Description text.
    pub description: Option<String>,
    /// Config version.
    pub version: Option<i64>,
    /// Category (`chat`, `image`, ...).
    pub category: Option<String>,
    /// Allowed HTTP methods.
    pub http_methods: Vec<String>,
    /// Workers currently able to take jobs.
    pub num_active_workers: Option<u64>,
    /// Free queue slots.
    pub free_queue_slots: Option<u64>,
    /// Declared inputs (`parameter_description.input`): name → spec (`type`, `default`, ...).
    pub inputs: Map<String, Value>,
    /// Declared outputs (`parameter_description.output`).
    pub outputs: Map<String, Value>,
    /// The whole description.
    pub raw: Value,
}

impl EndpointInfo {
    /// Builds the typed view from the description JSON.
    pub fn from_value(name: &str, raw: Value) -> Self {
        let s = |k: &str| raw.get(k).and_then(Value::as_str).map(str::to_owned);
        let params = raw.get("parameter_description");
        let section = |k: &str| {
            params
                .and_then(|p| p.get(k))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        Self {
            name: s("name").unwrap_or_else(|| name.to_owned()),
            title: s("title"),
            description: s("description"),
            version: raw.get("version").and_then(Value::as_i64),
            category: s("category"),
            http_methods: raw
                .get("http_methods")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|m| m.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            num_active_workers: raw.get("num_active_workers").and_then(Value::as_u64),
            free_queue_slots: raw.get("free_queue_slots").and_then(Value::as_u64),
            inputs: section("input"),
            outputs: section("output"),
            raw,
        }
    }

    /// Input names a client may set (control fields `key`, `client_session_auth_key` and
    /// `wait_for_result` left out).
    pub fn user_inputs(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.inputs.iter().filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "key" | "client_session_auth_key" | "wait_for_result"
            )
        })
    }
}
