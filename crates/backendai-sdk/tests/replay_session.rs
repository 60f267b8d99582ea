//! The session group's requests beyond the call trace: the captured SSE/WebSocket/app-proxy
//! requests (streams capture) rebuilt with the group's builders and compared byte for byte,
//! and the version-dependent shapes of session creation and listing. Every captured
//! `ComputeSession` call is checked by `tests/conformance.rs` (the `replay` example's table).

use backendai_core::config::ApiConfig;
use backendai_sdk::groups::session::requests;
use backendai_sdk::groups::session::{CreateParams, EventScope, ExecMode, ListParams, SessionRef};
use backendai_sdk::ApiRequest;
use common::{assert_replayed, capture_config, capture_date, v7};
use serde_json::Value;

mod common;

const STREAMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/captures/streams_appproxy_session_23.09.10.json"
));

fn session() -> SessionRef {
    SessionRef::new("mysession")
}

/// Prepares `ours` like the captured call and compares it with `captured`.
fn compare(label: &str, ours: &ApiRequest, captured: &Value, capture: &Value) {
    let cfg = capture_config(capture);
    assert_replayed(label, ours, captured, &cfg, &capture_date(capture));
}

#[test]
fn stream_requests_are_reproduced() {
    let capture: Value = serde_json::from_str(STREAMS).unwrap();
    let v = v7();
    let s = session();
    let events = &capture["sse_session_events"]["requests"][0];
    compare(
        "events",
        &requests::events(&s, EventScope::All, &v),
        events,
        &capture,
    );
    let exec = &capture["ws_execute"]["requests"][0];
    compare(
        "ws execute",
        &requests::stream_execute(&s, &v),
        exec,
        &capture,
    );
    assert_eq!(
        requests::stream_execute_first_frame("print('hi')", &ExecMode::Query),
        exec["ws_frames_from_client"][0]["data"].as_str().unwrap()
    );
    let pty = &capture["ws_pty"]["requests"][0];
    compare("ws pty", &requests::pty(&s, &v), pty, &capture);
    let apps = &capture["app_proxy"]["requests"][1];
    compare("apps", &requests::app_info(&s, &v), apps, &capture);
}

#[test]
fn version_shapes_of_create() {
    let cfg = ApiConfig::default();
    let p = CreateParams::new("python:3.9")
        .name("abcd")
        .dependencies(vec!["s0".into()])
        .callback_url("http://cb")
        .architecture("aarch64")
        .cluster(2, backendai_sdk::groups::session::ClusterMode::MultiNode);
    let body = |v: &str| -> Value {
        match requests::create(&p, &cfg, &v.parse().unwrap()).body {
            backendai_sdk::Body::Json(b) => b,
            other => panic!("json expected, got {other:?}"),
        }
    };
    let b = body("v6.20220315");
    assert_eq!(b["dependencies"], serde_json::json!(["s0"]));
    assert_eq!(b["callback_url"], "http://cb");
    assert_eq!(b["architecture"], "aarch64");
    assert_eq!(b["clusterMode"], "multi-node");
    let b = body("v6.20210815");
    assert!(b.get("dependencies").is_none() && b.get("architecture").is_none());
    assert_eq!(b["clusterSize"], 2);
    let b = body("v5.20191215");
    assert!(b.get("clusterSize").is_none());
    assert_eq!(b["config"]["clusterSize"], 2);
    assert!(b["config"].get("mount_map").is_some());
    let req = requests::create(&p, &cfg, &"v4.20190615".parse().unwrap());
    assert_eq!(req.path, "/kernel/create");
    let list_v5 = requests::list(&ListParams::default(), &"v5.20191215".parse().unwrap()).unwrap();
    assert_eq!(list_v5.path, "/admin/graphql");
    let lp = ListParams {
        limit: 101,
        ..ListParams::default()
    };
    assert!(requests::list(&lp, &v7()).is_err());
    // filter/order need v6.20210815+.
    let lp = ListParams {
        filter: Some("name == \"x\"".into()),
        ..ListParams::default()
    };
    assert!(requests::list(&lp, &"v5.20191215".parse().unwrap()).is_err());
    assert!(requests::list(&lp, &v7()).is_ok());
}
