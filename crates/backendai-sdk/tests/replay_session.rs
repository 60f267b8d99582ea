//! Replays every `ComputeSession` request captured from the Python client 23.09.10: each is
//! rebuilt with the session group's pure builders from the captured arguments, prepared with
//! the captured endpoint, keys and date, and compared (method, path+query, JSON body as JSON,
//! multipart bytes, Content-Type, Authorization byte for byte).

use backendai_core::config::ApiConfig;
use backendai_sdk::groups::session::requests;
use backendai_sdk::groups::session::{
    CompleteOptions, CreateParams, DestroyOptions, EventScope, ExecMode, ListParams, SessionRef,
    StartServiceOptions, TemplateParams,
};
use backendai_sdk::transport::{encode_multipart, prepare};
use backendai_sdk::{ApiRequest, MultipartFile};
use common::{assert_replayed, capture_config, capture_date, captured_header, v7, API_TRACE};
use serde_json::Value;

mod common;

const STREAMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/captures/streams_appproxy_session_23.09.10.json"
));

fn session() -> SessionRef {
    SessionRef::new("mysession")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

fn build(call: &Value, captured: &Value) -> Option<ApiRequest> {
    let v = v7();
    let cfg = ApiConfig::default();
    let s = session();
    let args = call["args"].as_array().unwrap();
    let kwargs = &call["kwargs"];
    let arg0 = || args[0].as_str().unwrap().to_owned();
    Some(match call["method"].as_str().unwrap() {
        "commit" => requests::commit(&s, &v),
        "complete" => requests::complete(&s, &arg0(), &CompleteOptions::default(), &v),
        "create_from_template" => {
            // The name is random in the Python SDK: take the one it picked.
            let name = captured["body"]["json"]["name"].as_str().unwrap();
            requests::create_from_template(&TemplateParams::new(arg0()).name(name), &cfg, &v)
        }
        "destroy" => requests::destroy(&s, DestroyOptions::default(), &v),
        "download" => requests::download(&s, &strings(&args[0]), &v),
        "execute" => requests::execute(
            &s,
            None,
            kwargs["code"].as_str().unwrap(),
            &ExecMode::Query,
            &v,
        ),
        "get_abusing_report" => requests::abusing_report(&s, &v),
        "get_dependency_graph" => requests::dependency_graph(&s, &v),
        "get_info" => requests::get_info(&s, &v),
        "get_logs" => requests::get_logs(&s, &v),
        "get_or_create" => {
            let mut p = CreateParams::new(arg0()).name(kwargs["name"].as_str().unwrap());
            for (k, val) in kwargs["resources"].as_object().unwrap() {
                p = p.resource(k, val.as_str().unwrap());
            }
            for m in strings(&kwargs["mounts"]) {
                p = p.mount(m);
            }
            for (k, val) in kwargs["envs"].as_object().unwrap() {
                p = p.env(k, val.as_str().unwrap());
            }
            requests::create(&p, &cfg, &v)
        }
        "get_status_history" => requests::status_history(&s, &v),
        "get_task_logs" => requests::get_task_logs(&arg0(), &v),
        "hello" => requests::hello(),
        "interrupt" => requests::interrupt(&s, &v),
        "list_files" => requests::list_files(&s, ".", &v),
        "paginated_list" => requests::list(&ListParams::default(), &v).unwrap(),
        "rename" => requests::rename(&s, &arg0(), &v),
        "restart" => requests::restart(&s, &v),
        "start_service" => {
            requests::start_service(&s, &arg0(), &StartServiceOptions::default(), &v)
        }
        "stream_app_info" => requests::app_info(&s, &v),
        "upload" => {
            assert_eq!(strings(&args[0]), vec!["hello.txt"]);
            requests::upload(
                &s,
                vec![MultipartFile {
                    filename: "hello.txt".into(),
                    data: "hello world".into(),
                }],
                &v,
            )
        }
        _ => return None,
    })
}

/// Compares one rebuilt request with the captured one: [`assert_replayed`], or for a
/// multipart upload the body bytes (with the captured boundary), method, path and signature.
fn compare(label: &str, ours: &ApiRequest, captured: &Value, capture: &Value) {
    let cfg = capture_config(capture);
    let date = capture_date(capture);
    let boundary = captured_header(captured, "Content-Type")
        .and_then(|ct| ct.strip_prefix("multipart/form-data; boundary="));
    let Some(boundary) = boundary else {
        return assert_replayed(label, ours, captured, &cfg, &date);
    };
    let backendai_sdk::Body::Multipart(files) = &ours.body else {
        panic!("{label}: multipart body expected")
    };
    assert_eq!(
        String::from_utf8(encode_multipart(files, boundary).to_vec()).unwrap(),
        captured["body"]["text"].as_str().unwrap(),
        "{label}: multipart bytes"
    );
    let p = prepare(&cfg, &cfg.endpoints[0], ours, &v7(), &date).unwrap();
    assert_eq!(p.method.as_str(), captured["method"].as_str().unwrap());
    assert_eq!(p.rel_url, captured["raw_path"].as_str().unwrap());
    assert!(p
        .header("Content-Type")
        .unwrap()
        .starts_with("multipart/form-data; boundary="));
    assert_eq!(
        p.header("Authorization"),
        captured_header(captured, "Authorization"),
        "{label}: Authorization"
    );
}

#[test]
fn every_compute_session_call_is_reproduced() {
    let capture: Value = serde_json::from_str(API_TRACE).unwrap();
    let mut replayed = Vec::new();
    for call in capture["calls"].as_array().unwrap() {
        if call["class"] != "ComputeSession" {
            continue;
        }
        let method = call["method"].as_str().unwrap();
        let reqs = call["requests"].as_array().unwrap();
        assert_eq!(reqs.len(), 1, "{method}: one request per call");
        let ours = build(call, &reqs[0]).unwrap_or_else(|| panic!("no builder for {method}"));
        compare(method, &ours, &reqs[0], &capture);
        replayed.push(method.to_owned());
    }
    assert_eq!(
        replayed.len(),
        22,
        "all ComputeSession calls replayed: {replayed:?}"
    );
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
