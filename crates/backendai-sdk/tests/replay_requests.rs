//! Replays every request captured from the real Python client 23.09.10 through
//! [`backendai_sdk::transport::prepare`] and compares the wire form: method, path+query,
//! the signed headers byte for byte (Host, User-Agent, X-BackendAI-Domain,
//! X-BackendAI-Version, Date, Content-Type, Authorization), their order, and the body.

use backendai_core::auth::SignDate;
use backendai_core::config::{ApiConfig, EndpointType};
use backendai_core::ApiVersion;
use backendai_sdk::transport::{
    prepare, prepare_version_probe, prepare_with_boundary, PreparedRequest,
};
use backendai_sdk::{ApiRequest, MultipartFile};
use http::Method;
use serde_json::Value;

mod common;
use common::{capture_config, API_TRACE};

const STREAMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/captures/streams_appproxy_session_23.09.10.json"
));

/// Headers that our client must send exactly like the Python client.
const COMPARED: [&str; 7] = [
    "Host",
    "User-Agent",
    "X-BackendAI-Domain",
    "X-BackendAI-Version",
    "Date",
    "Content-Type",
    "Authorization",
];

fn config(capture: &Value, endpoint_type: EndpointType) -> ApiConfig {
    ApiConfig {
        endpoint_type,
        user_agent: format!(
            "Backend.AI Client for Python {}",
            capture["client_version"].as_str().unwrap()
        ),
        ..capture_config(capture)
    }
}

fn headers_of(req: &Value) -> Vec<(String, String)> {
    req["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap().to_owned(),
                h[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Parses an aiohttp multipart body back into files.
fn parse_multipart(text: &str, boundary: &str) -> Vec<MultipartFile> {
    let delim = format!("--{boundary}");
    let mut files = Vec::new();
    for part in text.split(&delim).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let (head, body) = part.split_once("\r\n\r\n").expect("part head");
        let filename = head
            .split("filename=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("filename")
            .to_owned();
        let data = body
            .strip_suffix("\r\n")
            .expect("part end")
            .as_bytes()
            .to_vec();
        files.push(MultipartFile {
            filename,
            data: data.into(),
        });
    }
    files
}

#[derive(Debug, PartialEq)]
enum Outcome {
    /// Everything matched byte for byte (body included).
    Exact,
    /// A multipart body, rebuilt with the captured boundary: matched byte for byte too.
    Multipart,
}

/// Builds the request from the capture with the low-level API and compares.
fn replay(cfg: &ApiConfig, date: &SignDate, captured: &Value) -> Result<Outcome, String> {
    let version: ApiVersion = "v7.20230615".parse().unwrap();
    let want_headers = headers_of(captured);
    let method: Method = captured["method"].as_str().unwrap().parse().unwrap();
    let path = captured["path"].as_str().unwrap();
    let mut req = ApiRequest::new(method.clone(), path);
    for pair in captured["query"].as_array().unwrap() {
        req = req.query(pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
    }
    let want_ct = header(&want_headers, "Content-Type");
    let body = &captured["body"];
    let mut multipart_boundary = None;
    if let Some(json) = body.get("json") {
        req = req.json(json.clone());
    } else if let Some(ct) = want_ct.filter(|ct| ct.starts_with("multipart/form-data")) {
        let boundary = ct.split("boundary=").nth(1).unwrap().to_owned();
        req = req.multipart(parse_multipart(body["text"].as_str().unwrap(), &boundary));
        multipart_boundary = Some(boundary);
    } else if let Some(text) = body.get("text") {
        req = req.bytes(
            text.as_str().unwrap().as_bytes().to_vec(),
            want_ct.unwrap_or(""),
        );
    } else if want_ct.is_none() {
        // SSE subscriptions and WebSocket upgrades: no Content-Type at all.
        req = req.no_content_type();
    }
    if header(&want_headers, "Authorization").is_none() {
        req = req.anonymous();
    }

    let got: PreparedRequest = match &multipart_boundary {
        Some(b) => prepare_with_boundary(cfg, &cfg.endpoints[0], &req, &version, date, b),
        None => prepare(cfg, &cfg.endpoints[0], &req, &version, date),
    }
    .map_err(|e| e.to_string())?;
    if got.method != method {
        return Err(format!("method {} != {}", got.method, method));
    }
    let raw_path = captured["raw_path"].as_str().unwrap();
    if got.rel_url != raw_path {
        return Err(format!("path {:?} != {:?}", got.rel_url, raw_path));
    }
    if got.header("Host") != captured["host_header_seen_by_server"].as_str() {
        return Err(format!("Host {:?}", got.header("Host")));
    }
    for name in COMPARED {
        let (ours, theirs) = (got.header(name), header(&want_headers, name));
        if ours != theirs {
            return Err(format!(
                "{raw_path}: header {name}: ours {ours:?} != captured {theirs:?}"
            ));
        }
    }
    // Same relative order as the Python client for the compared headers.
    let order = |hs: &[(String, String)]| -> Vec<String> {
        hs.iter()
            .filter(|(k, _)| COMPARED.iter().any(|c| c.eq_ignore_ascii_case(k)))
            .map(|(k, _)| k.to_ascii_lowercase())
            .collect()
    };
    let (ours_order, theirs_order) = (order(&got.headers), order(&want_headers));
    if ours_order != theirs_order {
        return Err(format!(
            "{raw_path}: header order {ours_order:?} != {theirs_order:?}"
        ));
    }
    // Body.
    let want_len = body.get("len").and_then(Value::as_u64).unwrap_or(0) as usize;
    if let Some(json) = body.get("json") {
        let ours: Value = serde_json::from_slice(&got.body).map_err(|e| e.to_string())?;
        if &ours != json {
            return Err(format!("{raw_path}: JSON body differs"));
        }
    }
    if got.body.len() != want_len {
        return Err(format!(
            "{raw_path}: body length {} != {}",
            got.body.len(),
            want_len
        ));
    }
    if let Some(text) = body.get("text").and_then(Value::as_str) {
        if got.body.as_ref() != text.as_bytes() {
            return Err(format!("{raw_path}: body bytes differ"));
        }
    }
    Ok(if multipart_boundary.is_some() {
        Outcome::Multipart
    } else {
        Outcome::Exact
    })
}

#[test]
fn every_captured_api_request_is_reproduced() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = config(&capture, EndpointType::Api);
    let date = SignDate::parse_isoformat(capture["fixed_now"].as_str().unwrap()).unwrap();
    let (mut exact, mut multipart, mut foreign, mut failures) = (0, 0, 0, Vec::new());
    let mut total = 0;
    for call in capture["calls"].as_array().unwrap() {
        for req in call["requests"].as_array().unwrap() {
            total += 1;
            let headers = headers_of(req);
            if header(&headers, "X-BackendAI-Version").is_none() {
                // A tus PATCH to the storage proxy: not a manager API request (no Backend.AI
                // headers at all); the transfer module owns it.
                foreign += 1;
                continue;
            }
            match replay(&cfg, &date, req) {
                Ok(Outcome::Exact) => exact += 1,
                Ok(Outcome::Multipart) => multipart += 1,
                Err(e) => failures.push(format!("{}.{}: {e}", call["class"], call["method"])),
            }
        }
    }
    println!("replay: {total} captured requests: {exact} exact, {multipart} multipart (captured boundary), {foreign} storage-proxy (skipped)");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(total, 179);
    assert_eq!(exact + multipart + foreign, total);
    assert_eq!(foreign, 1);
}

#[test]
fn session_open_probe_is_reproduced() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let cfg = config(&capture, EndpointType::Api);
    let want = &capture["session_open_requests"][0];
    let probe = prepare_version_probe(&cfg, &cfg.endpoints[0]).unwrap();
    assert_eq!(probe.method, Method::GET);
    assert_eq!(probe.rel_url, want["raw_path"].as_str().unwrap());
    let names: Vec<_> = probe.headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["Host", "User-Agent"]);
    assert_eq!(
        probe.header("Host"),
        want["host_header_seen_by_server"].as_str()
    );
}

#[test]
fn stream_and_session_mode_requests_are_reproduced() {
    let capture: Value = serde_json::from_str(STREAMS).unwrap();
    let date = SignDate::parse_isoformat(capture["fixed_now"].as_str().unwrap()).unwrap();
    let api = config(&capture, EndpointType::Api);
    let session = config(&capture, EndpointType::Session);
    let mut n = 0;
    for key in [
        "sse_session_events",
        "ws_execute",
        "ws_pty",
        "sse_bgtask",
        "app_proxy",
    ] {
        for req in capture[key]["requests"].as_array().unwrap() {
            if req["raw_path"] == "/" {
                continue; // the version probe, checked separately
            }
            assert_eq!(replay(&api, &date, req), Ok(Outcome::Exact), "{key}");
            n += 1;
        }
    }
    for req in capture["anonymous_mode"].as_array().unwrap() {
        let mut anon = api.clone();
        anon.access_key.clear();
        assert_eq!(replay(&anon, &date, req), Ok(Outcome::Exact), "anonymous");
        n += 1;
    }
    let sm = &capture["session_mode"];
    for key in ["login_requests", "call_requests", "logout_requests"] {
        for req in sm[key].as_array().unwrap() {
            let mut req = req.clone();
            // The capture lists the final path (with /func); the API path is without it.
            let api_path = req["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("/func")
                .to_owned();
            req["path"] = Value::String(api_path);
            assert_eq!(
                replay(&session, &date, &req),
                Ok(Outcome::Exact),
                "session {key}"
            );
            n += 1;
        }
    }
    let probe = prepare_version_probe(&session, &session.endpoints[0]).unwrap();
    assert_eq!(
        probe.rel_url,
        sm["open_requests"][0]["raw_path"].as_str().unwrap()
    );
    assert_eq!(n, 10);
}
