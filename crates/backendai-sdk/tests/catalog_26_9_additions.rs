//! The 26.9 additions to existing groups (issue 16 part 2) against the catalog rows copied in
//! `tests/fixtures/api_catalog_26.9_additions.md`: every builder's method and path is a row
//! of its module, every row is produced by some builder, bodies carry the 26.9 DTOs' keys,
//! and a 23.09 (v7) server is refused with `ErrorKind::Unsupported` before anything is
//! built (so nothing is sent).

#[path = "support/catalog.rs"]
mod catalog;

use backendai_sdk::core::dto::{
    QueryDefinitionCreate, QueryDefinitionFilter, QueryDefinitionOptions,
    QueryDefinitionOptionsUpdate, QueryDefinitionSearchRequest, QueryDefinitionUpdate,
    QueryExecuteOptions, QueryExecuteRequest, QueryTimeRange, StringFilter,
};
use backendai_sdk::core::error::ErrorKind;
use backendai_sdk::core::ApiVersion;
use backendai_sdk::groups::prometheus_query_definition as pqd;
use backendai_sdk::groups::service::try_start::try_start_request;
use backendai_sdk::groups::service::CreateService;
use backendai_sdk::groups::session::priority::{global_id, set_priority_query};
use backendai_sdk::groups::session::requests::export_to_image;
use backendai_sdk::groups::session::SessionRef;
use backendai_sdk::groups::vfolder::requests as vf;
use backendai_sdk::{ApiRequest, Body, Result};
use catalog::{built, v7, v9};
use serde_json::{json, Value};

const CATALOG: &str = include_str!("../../../tests/fixtures/api_catalog_26.9_additions.md");

const DEF: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const SESSION: &str = "11111111-2222-3333-4444-555555555555";
const FOLDER: &str = "0123456789abcdef0123456789abcdef";

/// Every built request is a row of `module` and together they cover all of its rows.
fn check_coverage(module: &str, built: &[(&str, ApiRequest)]) {
    let rows = catalog::rows(CATALOG, module, "");
    assert!(!rows.is_empty(), "no catalog rows for {module}");
    catalog::check_coverage(&rows, built);
}

fn body(req: &ApiRequest) -> &Value {
    match &req.body {
        Body::Json(v) => v,
        other => panic!("JSON body expected, got {other:?}"),
    }
}

fn create_body() -> QueryDefinitionCreate {
    QueryDefinitionCreate {
        name: "gpu-util".into(),
        metric_name: "backendai_gpu_util".into(),
        query_template: "avg(rate({metric}[{window}]))".into(),
        time_window: None,
        options: QueryDefinitionOptions {
            filter_labels: vec!["kernel_id".into()],
            group_labels: vec![],
            extra: Default::default(),
        },
    }
}

fn update_body() -> QueryDefinitionUpdate {
    QueryDefinitionUpdate {
        time_window: Some("10m".into()),
        options: Some(QueryDefinitionOptionsUpdate {
            filter_labels: None,
            group_labels: Some(vec!["agent".into()]),
        }),
        ..Default::default()
    }
}

fn execute_body() -> QueryExecuteRequest {
    QueryExecuteRequest {
        options: QueryExecuteOptions {
            filter_labels: pqd::parse_labels(&["kernel_id = k1".into()]).unwrap(),
            group_labels: pqd::split_list("agent, ,device"),
        },
        time_window: None,
        time_range: Some(QueryTimeRange {
            start: "2026-12-01T00:00:00Z".into(),
            end: "2026-12-02T00:00:00Z".into(),
            step: "60s".into(),
        }),
    }
}

fn search_body() -> QueryDefinitionSearchRequest {
    QueryDefinitionSearchRequest {
        filter: Some(QueryDefinitionFilter {
            name: Some(StringFilter::contains("gpu")),
        }),
        limit: 20,
        offset: 0,
        ..Default::default()
    }
}

fn pqd_builders(v: &ApiVersion) -> Vec<(&'static str, Result<ApiRequest>)> {
    vec![
        ("create", pqd::create_request(v, &create_body())),
        ("search", pqd::search_request(v, &search_body())),
        ("get", pqd::get_request(v, DEF)),
        ("modify", pqd::modify_request(v, DEF, &update_body())),
        ("delete", pqd::delete_request(v, DEF)),
        ("execute", pqd::execute_request(v, DEF, &execute_body())),
    ]
}

#[test]
fn prometheus_query_definition_rows_are_all_built() {
    let built = built(pqd_builders(&v9()));
    check_coverage("prometheus_query_definition", &built);
    let by = |n: &str| &built.iter().find(|(k, _)| *k == n).unwrap().1;
    // pydantic's dump of CreateQueryDefinitionRequest: every field, `time_window` null.
    assert_eq!(
        body(by("create")),
        &json!({"name": "gpu-util", "metric_name": "backendai_gpu_util",
                "query_template": "avg(rate({metric}[{window}]))", "time_window": null,
                "options": {"filter_labels": ["kernel_id"], "group_labels": []}})
    );
    assert_eq!(
        body(by("search")),
        &json!({"filter": {"name": {"contains": "gpu"}}, "limit": 20, "offset": 0})
    );
    // Only the fields given are sent.
    assert_eq!(
        body(by("modify")),
        &json!({"time_window": "10m", "options": {"group_labels": ["agent"]}})
    );
    assert_eq!(
        body(by("execute")),
        &json!({"options": {"filter_labels": [{"key": "kernel_id", "value": "k1"}],
                            "group_labels": ["agent", "device"]},
                "time_range": {"start": "2026-12-01T00:00:00Z",
                               "end": "2026-12-02T00:00:00Z", "step": "60s"}})
    );
    assert_eq!(
        by("get").path,
        format!("/resource/prometheus-query-definitions/{DEF}")
    );
    assert!(matches!(by("delete").body, Body::Empty));
}

#[test]
fn prometheus_query_definition_arguments_are_checked() {
    let v = v9();
    let e = pqd::get_request(&v, "dummy1").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = pqd::modify_request(&v, DEF, &QueryDefinitionUpdate::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    for bad in ["novalue", "=v", "k= "] {
        let e = pqd::parse_labels(&[bad.to_owned()]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
    }
}

fn vfolder_builders(v: &ApiVersion) -> Vec<(&'static str, Result<ApiRequest>)> {
    vec![
        ("purge", vf::purge(v, FOLDER)),
        ("restore", vf::recover(v, FOLDER)),
        ("delete_from_trash", vf::delete_from_trash(v, FOLDER)),
    ]
}

#[test]
fn vfolder_trash_rows_are_all_built_with_the_id_body() {
    let built = built(vfolder_builders(&v9()));
    check_coverage("vfolder", &built);
    for (name, req) in &built {
        assert_eq!(body(req), &json!({"id": FOLDER}), "{name}");
    }
}

#[test]
fn convert_to_image_is_the_imagify_row_with_the_name_in_the_query() {
    let req = export_to_image(&SessionRef::new(SESSION), "my-image", &v9());
    check_coverage("session", &[("imagify", req.clone())]);
    assert_eq!(
        req.query,
        vec![("image_name".to_owned(), "my-image".to_owned())]
    );
    // The transport refuses it below 24.03 (v8.20240315), so on 23.09 before sending.
    let need = req.requires.expect("a version requirement");
    assert!(!v7().at_least(need.since.major, &need.since.date));
    assert!(v9().at_least(need.since.major, &need.since.date));
}

#[test]
fn try_start_posts_the_create_body_to_services_try() {
    let mut p = CreateService::new("cr.backend.ai/testing/vllm:0.6", "my-model", 1);
    p.model_version = Some("1".into());
    let req = try_start_request(&v9(), &p, "svc-try").unwrap();
    check_coverage("model_serving", &[("try_start", req.clone())]);
    let b = body(&req);
    assert_eq!(b["name"], "svc-try");
    assert_eq!(b["desired_session_count"], 1);
    assert_eq!(b["image"], "cr.backend.ai/testing/vllm:0.6");
    assert_eq!(b["config"]["model"], "my-model");
}

#[test]
fn set_priority_is_the_modify_compute_session_mutation() {
    let q = set_priority_query(&v9(), SESSION, 42).unwrap();
    let req = q.to_request(&v9());
    check_coverage("graphql", &[("set_priority", req.clone())]);
    assert!(q.query.contains("modify_compute_session(input: $input)"));
    assert_eq!(
        q.variables,
        json!({"input": {"id": global_id("ComputeSessionNode", SESSION), "priority": 42}})
    );
    // A name is not a node id: the SDK resolves names before building.
    assert_eq!(
        set_priority_query(&v9(), "my-session", 1)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn a_23_09_server_is_refused_before_anything_is_built() {
    let v = v7();
    let mut refused: Vec<(&str, Result<ApiRequest>)> = pqd_builders(&v);
    refused.extend(vfolder_builders(&v));
    refused.push((
        "try_start",
        try_start_request(&v, &CreateService::new("img", "model", 1), "svc"),
    ));
    refused.push((
        "set_priority",
        set_priority_query(&v, SESSION, 1).map(|q| q.to_request(&v)),
    ));
    for (name, r) in refused {
        let e = r.expect_err(name);
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{name}: {e}");
        assert!(
            e.to_string()
                .contains("is not supported by this server (API version v7."),
            "{name}: {e}"
        );
    }
}
