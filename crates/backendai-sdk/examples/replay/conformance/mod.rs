//! The conformance runner's logic, shared by the `replay` example and the conformance test
//! (`tests/conformance.rs` includes this directory with `#[path]`, so both run the same code
//! and the same table; nothing here is published with the SDK).
//!
//! * [`Trace`]: a capture of the Python client (endpoint, keys, `fixed_now`, API version,
//!   `calls[]`);
//! * [`table`]: the one mapping from Python names (`ComputeSession.get_or_create`) to SDK
//!   builders, one module per Python class or family of classes;
//! * [`Line`]: what one call became: the prepared requests (signed with the capture's date
//!   and keys at its API version) or why the SDK does not have the call.
#![allow(dead_code)] // the example and the test each use part of it

mod admin;
mod compute_session;
mod server_log;
mod serving;
mod system;
mod table;
mod templates;
mod vfolder;

use backendai_core::auth::SignDate;
use backendai_core::config::ApiConfig;
use backendai_core::{ApiVersion, Secret};
use backendai_sdk::transport::{prepare, prepare_with_boundary, PreparedRequest};
use backendai_sdk::{ApiRequest, Body};
use serde_json::{json, Map, Value};

pub use table::{Call, Mapped};

/// A capture of the Python client, ready to be replayed.
pub struct Trace {
    /// The configuration the Python client ran with (its endpoint, keypair, User-Agent).
    pub config: ApiConfig,
    /// The fixed signing date (`fixed_now`).
    pub date: SignDate,
    /// The API version negotiated with the capture's server.
    pub version: ApiVersion,
    /// The captured calls, in order.
    pub calls: Vec<Value>,
}

/// What one captured call became.
pub struct Line {
    /// Position in `calls[]`.
    pub index: usize,
    /// Python class (`ComputeSession`).
    pub class: String,
    /// Python method (`get_or_create`).
    pub method: String,
    /// Our requests, or why there are none.
    pub outcome: Outcome,
}

/// Our side of one call.
pub enum Outcome {
    /// The requests the SDK sends for the call, as they go on the wire.
    Requests(Vec<PreparedRequest>),
    /// The SDK has no such call (or refuses it at this API version): why.
    Unsupported(String),
}

impl Trace {
    /// Reads a capture (`client_version`, `endpoint`, `fixed_now`, `access_key`, `secret_key`,
    /// `negotiated_api_version` or `server_version_reported`, `calls`).
    pub fn parse(text: &str) -> Result<Trace, String> {
        let capture: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let field = |k: &str| -> Result<&str, String> {
            capture[k]
                .as_str()
                .ok_or_else(|| format!("missing string field {k:?}"))
        };
        let version = match &capture["negotiated_api_version"] {
            // `[7, "20230615"]`, as the Python client keeps it.
            Value::Array(parts) if parts.len() == 2 => ApiVersion::new(
                parts[0]
                    .as_u64()
                    .and_then(|m| u32::try_from(m).ok())
                    .ok_or("bad negotiated_api_version")?,
                parts[1].as_str().ok_or("bad negotiated_api_version")?,
            ),
            _ => {
                let server: ApiVersion = field("server_version_reported")?
                    .parse()
                    .map_err(|e| format!("{e}"))?;
                ApiVersion::negotiate(&ApiVersion::client_default(), &server)
            }
        };
        let config = ApiConfig {
            endpoints: vec![field("endpoint")?.to_owned()],
            access_key: field("access_key")?.to_owned(),
            secret_key: Secret::new(field("secret_key")?),
            api_version: version.clone(),
            // The header is the configured User-Agent; the capture's client sent its own.
            user_agent: format!("Backend.AI Client for Python {}", field("client_version")?),
            ..ApiConfig::default()
        };
        let date = SignDate::parse_isoformat(field("fixed_now")?)
            .map_err(|e| format!("fixed_now: {e}"))?;
        let calls = capture["calls"]
            .as_array()
            .ok_or("missing calls[]")?
            .clone();
        Ok(Trace {
            config,
            date,
            version,
            calls,
        })
    }

    /// Rebuilds every call, in order.
    pub fn run(&self) -> Vec<Line> {
        self.calls
            .iter()
            .enumerate()
            .map(|(index, call)| self.line(index, call))
            .collect()
    }

    /// Maps one call (`{"class", "method", "args", "kwargs"}`, e.g. one of `calls`) at
    /// `version`: the same SDK call, as it would go to a server of that version.
    pub fn map_at(&self, call: &Value, version: &ApiVersion) -> Mapped {
        let empty = Map::new();
        table::build(&self.call_at(call, version, &empty))
    }

    /// Prepares `req` with the capture's configuration and date at `version`.
    pub fn prepare_at(
        &self,
        req: &ApiRequest,
        version: &ApiVersion,
    ) -> backendai_sdk::Result<PreparedRequest> {
        prepare(
            &self.config,
            &self.config.endpoints[0],
            req,
            version,
            &self.date,
        )
    }

    fn call_at<'a>(
        &'a self,
        call: &'a Value,
        version: &'a ApiVersion,
        empty: &'a Map<String, Value>,
    ) -> Call<'a> {
        Call {
            class: call["class"].as_str().unwrap_or_default(),
            method: call["method"].as_str().unwrap_or_default(),
            args: call["args"].as_array().map(Vec::as_slice).unwrap_or(&[]),
            kwargs: call["kwargs"].as_object().unwrap_or(empty),
            captured: call["requests"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            version,
            config: &self.config,
        }
    }

    fn line(&self, index: usize, call: &Value) -> Line {
        let empty = Map::new();
        let c = self.call_at(call, &self.version, &empty);
        let outcome = match table::build(&c) {
            Mapped::Requests(reqs) => {
                let prepared: Result<Vec<_>, String> = reqs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.prepare(r, c.captured.get(i)))
                    .collect();
                match prepared {
                    Ok(p) => Outcome::Requests(p),
                    Err(e) => Outcome::Unsupported(e),
                }
            }
            Mapped::Unsupported { why, .. } => Outcome::Unsupported(why),
        };
        Line {
            index,
            class: c.class.to_owned(),
            method: c.method.to_owned(),
            outcome,
        }
    }

    /// Prepares one request; a multipart body takes the boundary of the captured request.
    fn prepare(
        &self,
        req: &ApiRequest,
        captured: Option<&Value>,
    ) -> Result<PreparedRequest, String> {
        let endpoint = &self.config.endpoints[0];
        let boundary = captured
            .filter(|_| matches!(req.body, Body::Multipart(_)))
            .and_then(|c| captured_header(c, "Content-Type"))
            .and_then(|ct| ct.split_once("boundary=").map(|(_, b)| b));
        match boundary {
            Some(b) => {
                prepare_with_boundary(&self.config, endpoint, req, &self.version, &self.date, b)
            }
            None => prepare(&self.config, endpoint, req, &self.version, &self.date),
        }
        .map_err(|e| e.to_string())
    }
}

impl Line {
    /// The output line: `{"index","class","method","requests":[...]}` or `{..., "unsupported"}`.
    pub fn to_json(&self) -> Value {
        let mut line = json!({"index": self.index, "class": self.class, "method": self.method});
        match &self.outcome {
            Outcome::Requests(reqs) => {
                line["requests"] = reqs.iter().map(request_json).collect();
            }
            Outcome::Unsupported(why) => line["unsupported"] = Value::String(why.clone()),
        }
        line
    }
}

/// One prepared request in the capture's shape.
pub fn request_json(p: &PreparedRequest) -> Value {
    let headers: Vec<Value> = p.headers.iter().map(|(k, v)| json!([k, v])).collect();
    json!({
        "method": p.method.as_str(),
        "raw_path": p.rel_url,
        "headers": headers,
        "body": body_json(p),
    })
}

/// `{"len", "json"}` for a JSON body, `{"len", "text"}` for any other, `{"len": 0}` when empty.
pub fn body_json(p: &PreparedRequest) -> Value {
    let len = p.body.len();
    if len == 0 {
        return json!({"len": 0});
    }
    let is_json = p
        .header("Content-Type")
        .is_some_and(|ct| ct.starts_with("application/json"));
    match serde_json::from_slice::<Value>(&p.body) {
        Ok(v) if is_json => json!({"len": len, "json": v}),
        _ => json!({"len": len, "text": String::from_utf8_lossy(&p.body)}),
    }
}

/// A header of a captured request (`[[name, value], ...]`, name without case).
pub fn captured_header<'a>(req: &'a Value, name: &str) -> Option<&'a str> {
    req["headers"]
        .as_array()?
        .iter()
        .find(|h| h[0].as_str().is_some_and(|k| k.eq_ignore_ascii_case(name)))
        .and_then(|h| h[1].as_str())
}
