//! Transport: building the exact wire request (URL, headers, signature, body) from an
//! [`ApiRequest`], like the Python client 23.09 does (spec/protocol.md §1–§3).
//!
//! [`prepare`] is pure (no I/O): the [`Client`](crate::Client) calls it once per attempt with
//! a fresh [`SignDate`], and the replay tests call it with the captured date.

mod multipart;
pub(crate) mod pyjson;

use backendai_core::auth::{sign, signing_host, SignDate, SignInput};
use backendai_core::config::{ApiConfig, EndpointType};
use backendai_core::error::ErrorKind;
use backendai_core::urls::{build_url, BuiltUrl};
use backendai_core::ApiVersion;
use bytes::Bytes;
use http::Method;

use crate::error::{Error, Result};
use crate::request::{ApiRequest, Body};

pub use multipart::encode as encode_multipart;

/// A request ready for the wire: everything is computed, nothing is sent yet.
#[derive(Debug, Clone)]
pub struct PreparedRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL (`scheme://authority/path?query`).
    pub url: String,
    /// Path and query exactly as sent; this is what the signature covers.
    pub rel_url: String,
    /// Headers in the order the Python client sends them; `Host` first (the signed host).
    pub headers: Vec<(String, String)>,
    /// Body bytes (empty for bodiless requests).
    pub body: Bytes,
}

impl PreparedRequest {
    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Builds the wire request for `request` sent to `endpoint` with API `version` at `date`.
///
/// Headers, in the Python client's order: `Host` (the signed host, so the manager verifies
/// what was signed), `User-Agent`, `X-BackendAI-Domain`, `X-BackendAI-Version`, `Date`,
/// `Content-Type` (absent for [`Body::None`]), `Authorization` (absent for anonymous requests,
/// an empty access key, and session mode, where the webserver authenticates the cookie).
/// A multipart `Content-Type` comes last, after `Authorization`, where aiohttp adds it.
/// JSON bodies are serialized like Python's `json.dumps`; a multipart body gets a fresh random
/// boundary (see [`prepare_with_boundary`]).
///
/// A request the negotiated `version` does not have ([`ApiRequest::requires`]) fails with
/// [`ErrorKind::Unsupported`] here, before anything is sent.
pub fn prepare(
    config: &ApiConfig,
    endpoint: &str,
    request: &ApiRequest,
    version: &ApiVersion,
    date: &SignDate,
) -> Result<PreparedRequest> {
    prepare_inner(config, endpoint, request, version, date, None)
}

/// [`prepare`] with a given multipart boundary instead of a random one, so that a multipart
/// request can be rebuilt byte for byte (the conformance runner uses the boundary of the
/// captured request). The boundary is ignored for other bodies.
pub fn prepare_with_boundary(
    config: &ApiConfig,
    endpoint: &str,
    request: &ApiRequest,
    version: &ApiVersion,
    date: &SignDate,
    boundary: &str,
) -> Result<PreparedRequest> {
    prepare_inner(config, endpoint, request, version, date, Some(boundary))
}

fn prepare_inner(
    config: &ApiConfig,
    endpoint: &str,
    request: &ApiRequest,
    version: &ApiVersion,
    date: &SignDate,
    boundary: Option<&str>,
) -> Result<PreparedRequest> {
    if let Some(req) = request.requires.as_ref().filter(|r| *version < r.since) {
        return Err(Error::unsupported(&req.what, version));
    }
    let method = check_method(&request.method)?;
    let bad_endpoint = |why: String| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid endpoint {endpoint:?}: {why}"),
        )
    };
    let host = signing_host(endpoint).map_err(|e| bad_endpoint(e.to_string()))?;
    let built = build_url(
        endpoint,
        config.endpoint_type,
        &request.path,
        &request.query,
    )
    .map_err(|e| bad_endpoint(e.to_string()))?;
    if !(built.full_url.starts_with("http://") || built.full_url.starts_with("https://")) {
        return Err(bad_endpoint(
            "only http:// and https:// are supported".into(),
        ));
    }
    let session_mode = config.endpoint_type == EndpointType::Session;
    let BuiltUrl {
        full_url: url,
        rel_url,
    } = built;

    let (body, content_type_header) = match &request.body {
        Body::Empty => (Bytes::new(), Some("text/plain".to_owned())),
        Body::Json(value) => (
            Bytes::from(pyjson::dumps(value)),
            Some("application/json".to_owned()),
        ),
        Body::Bytes { data, .. } => (data.clone(), Some(request.body.content_type().to_owned())),
        Body::Multipart(files) => {
            let boundary = boundary
                .map(str::to_owned)
                .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
            (
                multipart::encode(files, &boundary),
                Some(format!("multipart/form-data; boundary={boundary}")),
            )
        }
        Body::None => (Bytes::new(), None),
        // The client sends the stream itself; `PreparedRequest::body` stays empty.
        Body::Stream(_) => (Bytes::new(), Some(request.body.content_type().to_owned())),
    };
    let signed_content_type = request.body.content_type().to_ascii_lowercase();

    let version = version.to_string();
    let date_str = date.isoformat();
    let mut headers: Vec<(String, String)> = Vec::with_capacity(8);
    headers.push(("Host".into(), host.clone()));
    headers.push(("User-Agent".into(), config.user_agent.clone()));
    headers.push(("X-BackendAI-Domain".into(), config.domain.clone()));
    headers.push(("X-BackendAI-Version".into(), version.clone()));
    headers.push(("Date".into(), date_str));
    // aiohttp sets a multipart Content-Type (it picks the boundary) after the caller's headers.
    let multipart = matches!(request.body, Body::Multipart(_));
    let late_content_type = if multipart {
        content_type_header
    } else {
        if let Some(ct) = content_type_header {
            headers.push(("Content-Type".into(), ct));
        }
        None
    };
    if let Body::Stream(stream) = &request.body {
        if let Some(len) = stream.length() {
            headers.push(("Content-Length".into(), len.to_string()));
        }
    }
    let anonymous = request.anonymous || session_mode || config.access_key.is_empty();
    if !anonymous {
        let signed = sign(&SignInput {
            method: method.as_str(),
            rel_url: &rel_url,
            host: &host,
            date,
            content_type: &signed_content_type,
            api_version: &version,
            access_key: &config.access_key,
            secret_key: config.secret_key.expose(),
            hash_type: config.hash_type,
            body: &body,
        });
        headers.push(("Authorization".into(), signed.authorization));
    }
    if let Some(ct) = late_content_type {
        headers.push(("Content-Type".into(), ct));
    }
    Ok(PreparedRequest {
        method,
        url,
        rel_url,
        headers,
        body,
    })
}

/// The unsigned version probe `GET /` (`GET /func/` in session mode) for `endpoint`.
pub fn prepare_version_probe(config: &ApiConfig, endpoint: &str) -> Result<PreparedRequest> {
    let date = SignDate::from_timestamp_utc(jiff::Timestamp::now());
    let mut p = prepare(
        config,
        endpoint,
        &ApiRequest::get("/").anonymous(),
        &config.api_version,
        &date,
    )?;
    // The Python client sends only its User-Agent on the probe.
    p.headers.retain(|(k, _)| k == "Host" || k == "User-Agent");
    Ok(p)
}

fn check_method(method: &Method) -> Result<Method> {
    const ALLOWED: [Method; 7] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::OPTIONS,
    ];
    if ALLOWED.contains(method) {
        Ok(method.clone())
    } else {
        Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("HTTP method {method} is not allowed by the Backend.AI API"),
        ))
    }
}
