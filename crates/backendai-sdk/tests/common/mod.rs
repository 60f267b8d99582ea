//! Helpers shared by the SDK integration tests (`mod common;` in each test file):
//!
//! * live tests: the configuration from the environment, with the skip rule (no
//!   `BACKEND_ENDPOINT` → print `live: skipped (BACKEND_ENDPOINT not set)` and pass), the normal
//!   user's keypair and unique names;
//! * replay tests: the captured trace, the configuration and date of a capture, captured
//!   headers, and the wire comparison of a rebuilt request with a captured one.
//!
//! Every test file uses only part of this module.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use backendai_core::auth::SignDate;
use backendai_core::config::ApiConfig;
use backendai_core::{ApiVersion, Secret};
use backendai_sdk::transport::prepare;
use backendai_sdk::ApiRequest;
use hyper::body::{Body, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;

// ----- live tests ----------------------------------------------------------------------

/// Access key of the realstack's normal user (`user@lablup.com`).
pub const USER_AK: &str = "AKIANABBDUSEREXAMPLE";
/// Secret key of the realstack's normal user.
pub const USER_SK: &str = "C8qnIo29EZvXkPK_MXcuAakYTy4NYrxwmCEyNPlf";

/// The live configuration (connect timeout 3 s, read timeout 30 s), or `None` (after saying
/// the test is skipped) when `BACKEND_ENDPOINT` is not set.
pub fn live() -> Option<ApiConfig> {
    live_with(Duration::from_secs(3), Duration::from_secs(30))
}

/// A client offering API v9 (as a 26.9 client does) on the live 23.09 manager, checked to
/// have negotiated the manager's v7; `None` (skipped) when `BACKEND_ENDPOINT` is not set.
pub async fn live_v9_client() -> Option<backendai_sdk::Client> {
    let mut cfg = live()?;
    let (major, date) = ApiVersion::V9_26_09;
    cfg.api_version = ApiVersion::new(major, date);
    let client = backendai_sdk::Client::new(cfg).unwrap();
    assert_eq!(client.api_version().await.unwrap().major, 7);
    Some(client)
}

/// Asserts `r` failed with the typed `Unsupported` error naming API v7; returns the message.
pub fn assert_unsupported<T: std::fmt::Debug>(what: &str, r: backendai_sdk::Result<T>) -> String {
    let e = r.expect_err(what);
    assert_eq!(
        e.kind(),
        backendai_core::error::ErrorKind::Unsupported,
        "{what}: {e}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("not supported by this server (API version v7."),
        "{what}: {e}"
    );
    msg
}

/// [`live`] with other timeouts.
pub fn live_with(connect: Duration, read: Duration) -> Option<ApiConfig> {
    let Ok(endpoint) = std::env::var("BACKEND_ENDPOINT") else {
        println!("live: skipped (BACKEND_ENDPOINT not set)");
        return None;
    };
    Some(ApiConfig {
        endpoints: endpoint.split(',').map(|s| s.trim().to_owned()).collect(),
        access_key: std::env::var("BACKEND_ACCESS_KEY").unwrap_or_default(),
        secret_key: Secret::new(std::env::var("BACKEND_SECRET_KEY").unwrap_or_default()),
        connection_timeout: connect,
        read_timeout: Some(read),
        ..ApiConfig::default()
    })
}

/// `cfg` with the normal user's keypair.
pub fn as_user(cfg: &ApiConfig) -> ApiConfig {
    ApiConfig {
        access_key: USER_AK.to_owned(),
        secret_key: Secret::new(USER_SK),
        ..cfg.clone()
    }
}

/// `prefix-` and 10 random hex digits.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

// ----- in-process HTTP servers --------------------------------------------------------

/// Serves HTTP/1 on a free loopback port, every connection with `handler`, until the test
/// ends; returns the address. Connections may be upgraded (WebSocket via `hyper::upgrade::on`).
pub async fn serve<F, Fut, B>(handler: F) -> SocketAddr
where
    F: Fn(Request<Incoming>) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Response<B>, std::io::Error>> + Send + 'static,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let handler = handler.clone();
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service_fn(handler))
                    .with_upgrades()
                    .await;
            });
        }
    });
    addr
}

// ----- replay tests --------------------------------------------------------------------

/// Every request the Python client 23.09.10 sent, with its arguments (golden capture).
pub const API_TRACE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/captures/api_trace_23.09.10.json"
));

/// The API version of the captures.
pub fn v7() -> ApiVersion {
    "v7.20230615".parse().unwrap()
}

/// The configuration the Python client 23.09.10 used: one endpoint, a keypair, v7.
pub fn replay_config(endpoint: &str, access_key: &str, secret_key: &str) -> ApiConfig {
    ApiConfig {
        endpoints: vec![endpoint.to_owned()],
        access_key: access_key.to_owned(),
        secret_key: Secret::new(secret_key),
        api_version: v7(),
        user_agent: "Backend.AI Client for Python 23.09.10".to_owned(),
        ..ApiConfig::default()
    }
}

/// [`replay_config`] with the endpoint and keys recorded in a capture.
pub fn capture_config(capture: &Value) -> ApiConfig {
    replay_config(
        capture["endpoint"].as_str().unwrap(),
        capture["access_key"].as_str().unwrap(),
        capture["secret_key"].as_str().unwrap(),
    )
}

/// The fixed signing date of a capture (`fixed_now`).
pub fn capture_date(capture: &Value) -> SignDate {
    SignDate::parse_isoformat(capture["fixed_now"].as_str().unwrap()).unwrap()
}

/// A header of a captured request (`[[name, value], ...]`, name compared without case).
pub fn captured_header<'a>(req: &'a Value, name: &str) -> Option<&'a str> {
    req["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(name))
        .map(|h| h[1].as_str().unwrap())
}

/// Prepares `ours` like the captured call and compares it with `captured`: method,
/// path+query, Content-Type, the JSON body (the GraphQL text first, then the whole body as
/// JSON, then its length, i.e. Python's `json.dumps` bytes) or an empty body, Authorization
/// byte for byte, and Date.
pub fn assert_replayed(
    label: &str,
    ours: &ApiRequest,
    captured: &Value,
    cfg: &ApiConfig,
    date: &SignDate,
) {
    let p = prepare(cfg, &cfg.endpoints[0], ours, &v7(), date).unwrap();
    assert_eq!(
        p.method.as_str(),
        captured["method"].as_str().unwrap(),
        "{label}: method"
    );
    assert_eq!(
        p.rel_url,
        captured["raw_path"].as_str().unwrap(),
        "{label}: path+query"
    );
    assert_eq!(
        p.header("Content-Type"),
        captured_header(captured, "Content-Type"),
        "{label}: Content-Type"
    );
    match captured["body"].get("json") {
        Some(json) => {
            let body: Value = serde_json::from_slice(&p.body)
                .unwrap_or_else(|e| panic!("{label}: our body is not JSON: {e}"));
            if let (Some(q), Some(cq)) = (body.get("query"), json.get("query")) {
                assert_eq!(q, cq, "{label}: GraphQL text");
            }
            assert_eq!(&body, json, "{label}: JSON body");
            assert_eq!(
                p.body.len() as u64,
                captured["body"]["len"].as_u64().unwrap(),
                "{label}: body bytes (json.dumps length)"
            );
        }
        None => assert!(p.body.is_empty(), "{label}: empty body expected"),
    }
    assert_eq!(
        p.header("Authorization"),
        captured_header(captured, "Authorization"),
        "{label}: Authorization"
    );
    assert_eq!(
        p.header("Date"),
        captured_header(captured, "Date"),
        "{label}: Date"
    );
}
