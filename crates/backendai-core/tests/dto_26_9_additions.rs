//! Round trips of the prometheus-query-definition DTOs (26.9): answers in the shapes of the
//! 26.9 pydantic response models decode, keep unknown fields, and serialise back to the same
//! JSON; request bodies serialise to the keys the 26.9 request models take.

use backendai_core::dto::{
    QueryDefinition, QueryDefinitionDeleted, QueryDefinitionList, QueryDefinitionUpdate,
    QueryExecuteRequest, QueryExecuteResponse,
};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(v: Value) -> T {
    let t: T = serde_json::from_value(v.clone()).expect("decodes");
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        v,
        "round trip changed the JSON"
    );
    t
}

fn definition() -> Value {
    json!({
        "id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "name": "gpu-util",
        "metric_name": "backendai_gpu_util",
        "query_template": "avg(rate({metric}[{window}]))",
        "time_window": "5m",
        "options": {"filter_labels": ["kernel_id"], "group_labels": ["agent"]},
        "created_at": "2026-12-01T00:00:00+00:00",
        "updated_at": "2026-12-02T00:00:00+00:00",
        "category_id": "from-a-newer-manager"
    })
}

#[test]
fn a_definition_round_trips_and_keeps_unknown_fields() {
    let d: QueryDefinition = round_trip(definition());
    assert_eq!(d.options.group_labels, ["agent"]);
    assert_eq!(
        d.extra.get("category_id"),
        Some(&json!("from-a-newer-manager"))
    );
}

#[test]
fn a_search_answer_round_trips() {
    let page: QueryDefinitionList = round_trip(json!({
        "items": [definition()],
        "pagination": {"total": 41, "offset": 20, "limit": 20}
    }));
    assert_eq!(page.pagination.total, 41);
    assert_eq!(page.items[0].time_window.as_deref(), Some("5m"));
}

#[test]
fn execute_and_delete_answers_round_trip() {
    let r: QueryExecuteResponse = round_trip(json!({
        "status": "success",
        "data": {"result_type": "matrix", "result": [{
            "metric": [{"key": "agent", "value": "i-1"}],
            "values": [{"timestamp": 1764633600.5, "value": "0.25"}]
        }]}
    }));
    assert_eq!(r.data.result[0].values[0].value, "0.25");
    let d: QueryDefinitionDeleted =
        round_trip(json!({"id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}));
    assert_eq!(d.id, "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
}

#[test]
fn request_bodies_send_only_what_is_set() {
    assert_eq!(
        serde_json::to_value(QueryExecuteRequest::default()).unwrap(),
        json!({"options": {"filter_labels": [], "group_labels": []}})
    );
    let u = QueryDefinitionUpdate {
        name: Some("n".into()),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&u).unwrap(), json!({"name": "n"}));
    assert!(QueryDefinitionUpdate::default().is_empty());
    assert!(!u.is_empty());
}
