//! Round trips of the 26.9 REST DTOs (fair share, resource usage, search building blocks):
//! JSON shaped like the 26.9 manager's pydantic models (`model_dump(mode="json")`: decimals
//! as strings, every field present, `null`s kept) → DTO → JSON keeps everything, unknown
//! fields included.

use backendai_core::dto::*;
use serde_json::{json, Value};

/// Parses `v` as `T`, serialises it back and checks the JSON is unchanged.
fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> T {
    let t: T = serde_json::from_value(v.clone()).expect("deserialize");
    let back = serde_json::to_value(&t).expect("serialize");
    assert_eq!(&back, v, "round trip");
    t
}

fn slots(pairs: &[(&str, &str)]) -> Value {
    let entries: Vec<Value> = pairs
        .iter()
        .map(|(t, q)| json!({"resource_type": t, "quantity": q}))
        .collect();
    json!({ "entries": entries })
}

fn spec(weight: Value) -> Value {
    json!({
        "weight": weight,
        "half_life_days": 7,
        "lookback_days": 28,
        "decay_unit_days": 1,
        "resource_weights": slots(&[("cpu", "1.0"), ("mem", "0.5")]),
    })
}

fn snapshot() -> Value {
    json!({
        "fair_share_factor": "0.734500",
        "total_decayed_usage": slots(&[("cpu", "3600.5")]),
        "normalized_usage": "0.1200",
        "lookback_start": "2026-11-04",
        "lookback_end": "2026-12-02",
        "last_calculated_at": "2026-12-02T10:00:00+00:00",
    })
}

fn user_fair_share() -> Value {
    json!({
        "id": "0c4b1bb0-8a5e-4c4e-9f5e-1f0c1d8d2a11",
        "resource_group": "default",
        "user_uuid": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "project_id": "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e",
        "domain_name": "default",
        "spec": spec(json!("2.5")),
        "calculation_snapshot": snapshot(),
        "created_at": "2026-11-01T00:00:00+00:00",
        "updated_at": "2026-12-02T10:00:00+00:00",
        "a_field_from_a_newer_manager": {"x": [1, 2]},
    })
}

#[test]
fn fair_share_records_of_every_level_round_trip() {
    let user: UserFairShare = roundtrip(&user_fair_share());
    assert_eq!(
        user.spec.weight.as_ref().map(NumText::as_text),
        Some("2.5".into())
    );
    assert_eq!(
        user.calculation_snapshot.fair_share_factor.as_text(),
        "0.734500"
    );
    assert_eq!(user.spec.resource_weights.summary(), "cpu=1.0, mem=0.5");
    assert!(user.extra.contains_key("a_field_from_a_newer_manager"));

    let mut project = user_fair_share();
    project.as_object_mut().unwrap().remove("user_uuid");
    project["spec"] = spec(Value::Null);
    let p: ProjectFairShare = roundtrip(&project);
    assert!(
        p.spec.weight.is_none(),
        "null = the resource group's default"
    );

    let mut domain = project.clone();
    domain.as_object_mut().unwrap().remove("project_id");
    roundtrip::<DomainFairShare>(&domain);
}

#[test]
fn get_and_search_answers_round_trip() {
    let found = json!({"item": user_fair_share()});
    let got: ItemResponse<UserFairShare> = roundtrip(&found);
    assert!(got.item.is_some());
    let none: ItemResponse<UserFairShare> = roundtrip(&json!({"item": null}));
    assert!(none.item.is_none());

    let page = json!({
        "items": [user_fair_share()],
        "pagination": {"total": 41, "offset": 20, "limit": 20},
    });
    let p: SearchResponse<UserFairShare> = roundtrip(&page);
    assert_eq!(p.pagination.total, 41);
    roundtrip::<SearchResponse<UserFairShare>>(&json!({
        "items": [],
        "pagination": {"total": 0, "offset": 0, "limit": null},
    }));
}

#[test]
fn resource_group_specs_round_trip() {
    let spec = json!({
        "resource_group": "default",
        "fair_share_spec": {
            "half_life_days": 7,
            "lookback_days": 28,
            "decay_unit_days": 1,
            "default_weight": "1.0",
            "resource_weights": slots(&[("cuda.shares", "4")]),
        },
    });
    let one: ResourceGroupFairShare = roundtrip(&spec);
    assert_eq!(one.fair_share_spec.default_weight.as_text(), "1.0");
    let list: ResourceGroupFairShareList =
        roundtrip(&json!({"items": [spec.clone(), spec], "total_count": 2}));
    assert_eq!(list.items.len(), 2);
}

#[test]
fn weight_requests_round_trip_and_keep_null_weights() {
    roundtrip::<UpsertWeightRequest>(&json!({"weight": "1.5"}));
    roundtrip::<UpsertWeightRequest>(&json!({"domain_name": "default", "weight": null}));
    let bulk = json!({
        "resource_group": "default",
        "inputs": [
            {"user_uuid": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
             "project_id": "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e",
             "domain_name": "default", "weight": null},
            {"domain_name": "other", "weight": "3"},
        ],
    });
    let b: BulkUpsertWeightRequest = roundtrip(&bulk);
    assert_eq!(b.inputs.len(), 2);
    roundtrip::<BulkUpsertWeightResponse>(&json!({"upserted_count": 2}));
    let update = json!({
        "half_life_days": 14,
        "default_weight": "1.0",
        "resource_weights": [
            {"resource_type": "cpu", "weight": "1.0"},
            {"resource_type": "mem", "weight": null},
        ],
    });
    let u: UpdateFairShareSpecRequest = roundtrip(&update);
    assert!(!u.is_empty());
    assert!(UpdateFairShareSpecRequest::default().is_empty());
}

#[test]
fn search_bodies_round_trip() {
    let body = json!({
        "filter": {
            "resource_group": {"equals": "default"},
            "domain_name": {"i_contains": "DEF"},
            "project_id": {"in": ["2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e"]},
            "user_uuid": {"not_equals": "f38dea23-50fa-42a0-b5ae-338f5f4693f4"},
            "period_start": {"after": "2026-11-01", "before": "2026-11-30"},
        },
        "order": [{"field": "period_start", "direction": "asc"}],
        "limit": 20,
        "offset": 40,
    });
    let q: FairShareSearchRequest = roundtrip(&body);
    assert!(q.filter.as_ref().is_some_and(|f| !f.is_empty()));
    assert!(FairShareFilter::default().is_empty());
    // Defaults: no filter or order keys, the server's page size.
    assert_eq!(
        serde_json::to_value(FairShareSearchRequest::default()).unwrap(),
        json!({"limit": 50, "offset": 0})
    );
}

#[test]
fn usage_buckets_of_every_level_round_trip() {
    let bucket = json!({
        "id": "5f1d1d5e-9b9c-4a8e-8d0d-3f3e1c1b2a10",
        "user_uuid": "f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "project_id": "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e",
        "domain_name": "default",
        "resource_group": "default",
        "metadata": {
            "period_start": "2026-12-01",
            "period_end": "2026-12-02",
            "decay_unit_days": 1,
            "created_at": "2026-12-02T00:00:05+00:00",
            "updated_at": "2026-12-02T00:00:05+00:00",
            "average_daily_usage": slots(&[("cpu", "2.0")]),
        },
        "resource_usage": slots(&[("cpu", "172800"), ("mem", "1.5e9")]),
        "capacity_snapshot": slots(&[("cpu", "64")]),
    });
    let user: UsageBucket = roundtrip(&bucket);
    assert_eq!(user.metadata.period_start, "2026-12-01");
    assert!(user.metadata.extra.contains_key("average_daily_usage"));
    let mut domain = bucket.clone();
    let obj = domain.as_object_mut().unwrap();
    obj.remove("user_uuid");
    obj.remove("project_id");
    let d: UsageBucket = roundtrip(&domain);
    assert!(d.project_id.is_none() && d.user_uuid.is_none());
}

fn history(kind_keys: Value) -> Value {
    let mut v = json!({
        "id": "7b0e6a4e-3f5c-4d1b-9a53-2c1f0e9d8b7a",
        "phase": "schedule",
        "from_status": "PENDING",
        "to_status": null,
        "result": "FAILURE",
        "error_code": "no-available-resources",
        "message": "not enough cpu",
        "sub_steps": [{
            "step": "check_quota", "result": "FAILURE", "error_code": null,
            "message": "x", "started_at": "2026-12-02T10:00:00+00:00",
            "ended_at": "2026-12-02T10:00:01+00:00",
        }],
        "attempts": 3,
        "created_at": "2026-12-02T10:00:00+00:00",
        "updated_at": "2026-12-02T10:00:01+00:00",
    });
    for (k, val) in kind_keys.as_object().unwrap() {
        v[k] = val.clone();
    }
    v
}

#[test]
fn scheduling_history_of_every_kind_round_trips() {
    let s: SchedulingHistory = roundtrip(&history(
        json!({"session_id": "c6f1c3a2-1111-4222-8333-944455556666"}),
    ));
    assert_eq!(s.entity_id(), "c6f1c3a2-1111-4222-8333-944455556666");
    assert_eq!(s.sub_steps.len(), 1);
    let route = history(json!({
        "route_id": "d7f1c3a2-1111-4222-8333-944455556666",
        "deployment_id": "e8f1c3a2-1111-4222-8333-944455556666",
        "category": "health",
    }));
    let r: SchedulingHistory = roundtrip(&route);
    assert_eq!(r.entity_id(), "d7f1c3a2-1111-4222-8333-944455556666");
    roundtrip::<SchedulingHistory>(&history(
        json!({"deployment_id": "e8f1c3a2-1111-4222-8333-944455556666"}),
    ));
    roundtrip::<SearchResponse<SchedulingHistory>>(&json!({
        "items": [route],
        "pagination": {"total": 1, "offset": 0, "limit": 20},
    }));
    let q: SchedulingHistorySearchRequest = roundtrip(&json!({
        "filter": {
            "session_id": {"equals": "c6f1c3a2-1111-4222-8333-944455556666"},
            "phase": {"contains": "sched"},
            "from_status": ["PENDING"], "to_status": ["SCHEDULED", "ERROR"],
            "result": ["FAILURE", "STALE"],
            "error_code": {"equals": "E1"}, "message": {"contains": "cpu"},
        },
        "order": [{"field": "created_at", "direction": "desc"}],
        "limit": 20, "offset": 0,
    }));
    assert!(!q.filter.unwrap().is_empty());
}

#[test]
fn quota_scopes_round_trip() {
    let scope = json!({
        "quota_scope_id": "user:f38dea23-50fa-42a0-b5ae-338f5f4693f4",
        "storage_host_name": "local:volume1",
        "usage_bytes": 1048576,
        "usage_count": 12,
        "hard_limit_bytes": null,
    });
    let one: QuotaScopeResponse = roundtrip(&json!({"quota_scope": scope.clone()}));
    assert_eq!(one.quota_scope.usage_bytes, Some(1048576));
    assert!(one.quota_scope.hard_limit_bytes.is_none());
    roundtrip::<QuotaScopeList>(&json!({
        "quota_scopes": [scope],
        "pagination": {"total": 1, "offset": 0, "limit": 50},
    }));
    roundtrip::<SetQuotaRequest>(&json!({
        "storage_host_name": "local:volume1",
        "quota_scope_id": "project:2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e",
        "hard_limit_bytes": 1099511627776_i64,
    }));
    roundtrip::<QuotaScopeSearchRequest>(&json!({
        "filter": {"storage_host_name": {"equals": "local:volume1"}},
        "order": [{"field": "quota_scope_id", "direction": "asc"}],
        "limit": 50, "offset": 0,
    }));
}

#[test]
fn user_resource_policies_round_trip() {
    let policy = json!({
        "name": "default",
        "created_at": "2026-01-01T00:00:00+00:00",
        "max_vfolder_count": 10,
        "max_quota_scope_size": 0,
        "max_session_count_per_model_session": 5,
        "max_customized_image_count": 3,
        "a_newer_limit": 7,
    });
    let got: ItemResponse<UserResourcePolicy> = roundtrip(&json!({"item": policy.clone()}));
    assert_eq!(got.item.unwrap().max_vfolder_count, 10);
    roundtrip::<SearchResponse<UserResourcePolicy>>(&json!({
        "items": [policy],
        "pagination": {"total": 1, "offset": 0, "limit": null},
    }));
    let create = serde_json::to_value(UserResourcePolicyCreate::new("p1")).unwrap();
    assert_eq!(
        create["max_customized_image_count"], 3,
        "the 26.9 DTO's default"
    );
    roundtrip::<UserResourcePolicyCreate>(&create);
    roundtrip::<UserResourcePolicyUpdate>(&json!({"max_quota_scope_size": 1073741824}));
    roundtrip::<DeletePolicyRequest>(&json!({"name": "p1"}));
    roundtrip::<DeletedResponse>(&json!({"deleted": true}));
}
