//! The 26.9 request builders against the catalog of the real 26.9 client
//! (`tests/fixtures/api_catalog_26.9.md`, the `domains` section): every builder's method and
//! path match a catalog row of its module, every row of the modules built here is produced
//! by some builder, bodies carry the DTOs' keys, and a v7 (23.09) server is refused before
//! anything is built.

#[path = "support/catalog.rs"]
mod catalog;

use backendai_sdk::core::dto::{
    BulkUpsertWeightRequest, FairShareFilter, FairShareSearchRequest, SearchOrder, StringFilter,
    UpdateFairShareSpecRequest, UpsertWeightRequest, UuidFilter, WeightEntry,
};
use backendai_sdk::core::dto::{
    QuotaScopeSearchRequest, SchedulingHistoryFilter, SchedulingHistorySearchRequest,
    UserResourcePolicyCreate, UserResourcePolicySearchRequest, UserResourcePolicyUpdate,
};
use backendai_sdk::core::error::ErrorKind;
use backendai_sdk::core::ApiVersion;
use backendai_sdk::groups::fair_share::requests as fs;
use backendai_sdk::groups::quota_scope::{self as qs, QuotaScopeType};
use backendai_sdk::groups::scheduling_history::{self as sh, HistoryKind};
use backendai_sdk::groups::user_resource_policy as urp;
use backendai_sdk::{ApiRequest, Body, Result};
use catalog::{built, check_coverage, v7, v9, Row};
use serde_json::Value;
use std::collections::BTreeSet;

const CATALOG: &str = include_str!("../../../tests/fixtures/api_catalog_26.9.md");

const RG: &str = "default";
const DOMAIN: &str = "default";
const PROJECT: &str = "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e";
const USER: &str = "f38dea23-50fa-42a0-b5ae-338f5f4693f4";

/// The rows of `module` in this catalog whose path starts with `path_prefix`.
fn rows(module: &str, path_prefix: &str) -> BTreeSet<Row> {
    catalog::rows(CATALOG, module, path_prefix)
}

fn body_keys(req: &ApiRequest) -> Vec<String> {
    match &req.body {
        Body::Json(Value::Object(m)) => m.keys().cloned().collect(),
        other => panic!("JSON object body expected, got {other:?}"),
    }
}

fn search_body() -> FairShareSearchRequest {
    FairShareSearchRequest {
        filter: Some(FairShareFilter {
            resource_group: Some(StringFilter::equals(RG)),
            project_id: Some(UuidFilter::equals(PROJECT)),
            ..FairShareFilter::default()
        }),
        order: Some(vec![SearchOrder::new("fair_share_factor", true)]),
        limit: 20,
        offset: 0,
        ..FairShareSearchRequest::default()
    }
}

/// Every fair-share builder, named, at version `v`.
fn fair_share_builders(v: &ApiVersion) -> Vec<(&'static str, Result<ApiRequest>)> {
    let q = search_body();
    let weight = UpsertWeightRequest {
        domain_name: Some(DOMAIN.into()),
        weight: Some("2.5".into()),
        ..Default::default()
    };
    let bulk = BulkUpsertWeightRequest {
        resource_group: RG.into(),
        inputs: vec![WeightEntry {
            domain_name: DOMAIN.into(),
            weight: None,
            ..Default::default()
        }],
        ..Default::default()
    };
    let spec = UpdateFairShareSpecRequest {
        half_life_days: Some(7),
        ..Default::default()
    };
    vec![
        ("get_domain", fs::get_domain(v, RG, DOMAIN)),
        ("search_domains", fs::search_domains(v, &q)),
        ("rg_get_domain", fs::rg_get_domain(v, RG, DOMAIN)),
        ("rg_search_domains", fs::rg_search_domains(v, RG, &q)),
        ("get_project", fs::get_project(v, RG, PROJECT)),
        ("search_projects", fs::search_projects(v, &q)),
        ("rg_get_project", fs::rg_get_project(v, RG, DOMAIN, PROJECT)),
        (
            "rg_search_projects",
            fs::rg_search_projects(v, RG, DOMAIN, &q),
        ),
        ("get_user", fs::get_user(v, RG, PROJECT, USER)),
        ("search_users", fs::search_users(v, &q)),
        ("rg_get_user", fs::rg_get_user(v, RG, DOMAIN, PROJECT, USER)),
        (
            "rg_search_users",
            fs::rg_search_users(v, RG, DOMAIN, PROJECT, &q),
        ),
        (
            "search_domain_usage",
            fs::search_domain_usage_buckets(v, &q),
        ),
        (
            "search_project_usage",
            fs::search_project_usage_buckets(v, &q),
        ),
        ("search_user_usage", fs::search_user_usage_buckets(v, &q)),
        (
            "rg_search_domain_usage",
            fs::rg_search_domain_usage_buckets(v, RG, &q),
        ),
        (
            "rg_search_project_usage",
            fs::rg_search_project_usage_buckets(v, RG, DOMAIN, &q),
        ),
        (
            "rg_search_user_usage",
            fs::rg_search_user_usage_buckets(v, RG, DOMAIN, PROJECT, &q),
        ),
        (
            "upsert_domain_weight",
            fs::upsert_domain_weight(v, RG, DOMAIN, &weight),
        ),
        (
            "upsert_project_weight",
            fs::upsert_project_weight(v, RG, PROJECT, &weight),
        ),
        (
            "upsert_user_weight",
            fs::upsert_user_weight(v, RG, PROJECT, USER, &weight),
        ),
        ("bulk_domains", fs::bulk_upsert_domain_weights(v, &bulk)),
        ("bulk_projects", fs::bulk_upsert_project_weights(v, &bulk)),
        ("bulk_users", fs::bulk_upsert_user_weights(v, &bulk)),
        ("get_spec", fs::get_resource_group_spec(v, RG)),
        ("list_specs", fs::list_resource_group_specs(v)),
        ("update_spec", fs::update_resource_group_spec(v, RG, &spec)),
    ]
}

#[test]
fn every_fair_share_row_is_built_with_its_method_and_path() {
    let rows = rows("fair_share", "/");
    assert_eq!(rows.len(), 27, "{rows:#?}");
    check_coverage(&rows, &built(fair_share_builders(&v9())));
}

#[test]
fn fair_share_bodies_carry_the_dto_keys() {
    let all = built(fair_share_builders(&v9()));
    let find = |n: &str| &all.iter().find(|(name, _)| *name == n).unwrap().1;
    assert_eq!(
        body_keys(find("search_users")),
        ["filter", "order", "limit", "offset"]
    );
    let Body::Json(search) = &find("rg_search_domains").body else {
        unreachable!()
    };
    assert_eq!(search["filter"]["resource_group"]["equals"], RG);
    assert_eq!(search["filter"]["project_id"]["equals"], PROJECT);
    assert_eq!(search["order"][0]["field"], "fair_share_factor");
    assert_eq!(search["order"][0]["direction"], "desc");
    assert_eq!(
        body_keys(find("upsert_project_weight")),
        ["domain_name", "weight"]
    );
    let Body::Json(w) = &find("upsert_user_weight").body else {
        unreachable!()
    };
    assert_eq!(
        w["weight"], "2.5",
        "decimals travel as text, like pydantic's"
    );
    assert_eq!(body_keys(find("bulk_users")), ["resource_group", "inputs"]);
    let Body::Json(b) = &find("bulk_domains").body else {
        unreachable!()
    };
    // The entry's weight key is required by the manager even when null.
    assert_eq!(
        b["inputs"][0],
        serde_json::json!({"domain_name": DOMAIN, "weight": null})
    );
    assert_eq!(body_keys(find("update_spec")), ["half_life_days"]);
    assert!(matches!(find("get_domain").body, Body::Empty));
}

#[test]
fn path_segments_are_escaped_and_ids_checked() {
    let v = v9();
    let req = fs::get_domain(&v, "rg/x", "my domain").unwrap();
    assert_eq!(req.path, "/fair-share/domains/rg%2Fx/my%20domain");
    let e = fs::get_project(&v, RG, "not-a-uuid").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let upper = PROJECT.to_ascii_uppercase();
    let req = fs::get_project(&v, RG, &upper).unwrap();
    assert!(req.path.ends_with(PROJECT), "{}", req.path);
}

#[test]
fn a_23_09_server_is_refused_by_every_builder() {
    for (name, r) in fair_share_builders(&v7()) {
        let e = r.expect_err(name);
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{name}");
        assert!(
            e.to_string()
                .ends_with("is not supported by this server (API version v7.20230615)"),
            "{name}: {e}"
        );
    }
}

/// Every builder of the other 26.9 groups (scheduling history, quota scopes, user resource
/// policies), named, at version `v`.
fn other_builders(v: &ApiVersion) -> Vec<(&'static str, Result<ApiRequest>)> {
    let history = SchedulingHistorySearchRequest {
        filter: Some(SchedulingHistoryFilter {
            result: Some(vec!["FAILURE".into()]),
            ..Default::default()
        }),
        ..Default::default()
    };
    let qsid = qs::quota_scope_id(QuotaScopeType::Project, PROJECT).unwrap();
    let update = UserResourcePolicyUpdate {
        max_vfolder_count: Some(10),
        ..Default::default()
    };
    vec![
        (
            "history_sessions",
            sh::search_request(v, HistoryKind::Session, &history),
        ),
        (
            "history_deployments",
            sh::search_request(v, HistoryKind::Deployment, &history),
        ),
        (
            "history_routes",
            sh::search_request(v, HistoryKind::Route, &history),
        ),
        ("qs_get", qs::get_request(v, "local:volume1", &qsid)),
        (
            "qs_search",
            qs::search_request(v, &QuotaScopeSearchRequest::default()),
        ),
        (
            "qs_set",
            qs::set_request(v, "local:volume1", &qsid, 1 << 30),
        ),
        ("qs_unset", qs::unset_request(v, "local:volume1", &qsid)),
        (
            "urp_create",
            urp::create_request(v, &UserResourcePolicyCreate::new("p1")),
        ),
        ("urp_get", urp::get_request(v, "p1")),
        (
            "urp_search",
            urp::search_request(v, &UserResourcePolicySearchRequest::default()),
        ),
        ("urp_update", urp::update_request(v, "p1", &update)),
        ("urp_delete", urp::delete_request(v, "p1")),
    ]
}

#[test]
fn every_row_of_the_other_groups_is_built() {
    let all = built(other_builders(&v9()));
    let pick = |prefix: &str| -> Vec<(&'static str, ApiRequest)> {
        all.iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .cloned()
            .collect()
    };
    let history = rows("scheduling_history", "/");
    assert_eq!(history.len(), 3);
    check_coverage(&history, &pick("history_"));
    let quota = rows("quota_scope", "/");
    assert_eq!(quota.len(), 4);
    check_coverage(&quota, &pick("qs_"));
    // The user rows of the resource_policy module (keypair/project rows belong elsewhere).
    let policies = rows("resource_policy", "/admin/resource-policies/user");
    assert_eq!(policies.len(), 5);
    check_coverage(&policies, &pick("urp_"));
}

#[test]
fn bodies_of_the_other_groups_carry_the_dto_keys() {
    let all = built(other_builders(&v9()));
    let find = |n: &str| &all.iter().find(|(name, _)| *name == n).unwrap().1;
    let Body::Json(h) = &find("history_routes").body else {
        unreachable!()
    };
    assert_eq!(h["filter"]["result"], serde_json::json!(["FAILURE"]));
    assert_eq!(
        body_keys(find("qs_set")),
        ["storage_host_name", "quota_scope_id", "hard_limit_bytes"]
    );
    let Body::Json(set) = &find("qs_set").body else {
        unreachable!()
    };
    assert_eq!(set["quota_scope_id"], format!("project:{PROJECT}"));
    assert_eq!(set["hard_limit_bytes"], 1 << 30);
    assert_eq!(
        body_keys(find("qs_unset")),
        ["storage_host_name", "quota_scope_id"]
    );
    assert!(find("qs_get")
        .path
        .ends_with(&format!("/local:volume1/project:{PROJECT}")));
    assert_eq!(
        body_keys(find("urp_create")),
        [
            "name",
            "max_vfolder_count",
            "max_quota_scope_size",
            "max_session_count_per_model_session",
            "max_customized_image_count"
        ]
    );
    assert_eq!(body_keys(find("urp_update")), ["max_vfolder_count"]);
    assert_eq!(body_keys(find("urp_delete")), ["name"]);
    let e = urp::update_request(&v9(), "p1", &UserResourcePolicyUpdate::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(qs::quota_scope_id(QuotaScopeType::User, "alice@example.com").is_err());
}

#[test]
fn a_23_09_server_is_refused_by_the_other_groups_too() {
    for (name, r) in other_builders(&v7()) {
        let e = r.expect_err(name);
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{name}");
    }
}
