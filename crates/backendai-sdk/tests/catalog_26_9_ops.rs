//! The 26.9 deployment, auto-scaling-rule, notification, container-registry, export and
//! image request builders against the 26.9 catalogue (`tests/fixtures/
//! api_catalog_26.9_ops.md`, the `domains` rows of those groups): every row (method + path)
//! is produced by some builder, no builder produces a path the catalogue lacks, and every
//! builder refuses a 23.09 server (API v7) with the typed `Unsupported` error before a
//! request exists.

#[path = "support/catalog.rs"]
mod catalog;

use backendai_core::dto::{
    AutoScalingRuleInput, ContainerRegistryInput, CreateDeploymentRequest, ExportCsvRequest,
    ImageOperationRequest, NotificationChannelInput, NotificationRuleInput, RevisionInput,
    SearchBody, UpdateDeploymentRequest, UpsertDeploymentPolicyRequest,
};
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use backendai_sdk::groups::deployment::auto_scaling as asr;
use backendai_sdk::groups::notification as noti;
use backendai_sdk::groups::{container_registry as cr, deployment as dep, export, image};
use backendai_sdk::request::ApiRequest;
use backendai_sdk::Result;
use catalog::{path_matches, v9};
use serde_json::json;

const ID: &str = "7e1f4e6c-3a55-4b8e-9d0f-2b7d7a1c9e01";
const ID2: &str = "0b5b8f1a-6d7e-4c2a-8e9f-1a2b3c4d5e6f";

type Builder = Box<dyn Fn(&ApiVersion) -> Result<ApiRequest>>;

fn create_body() -> CreateDeploymentRequest {
    serde_json::from_value(json!({
        "metadata": {"project_id": ID, "domain_name": "default"},
        "default_deployment_strategy": {"type": "ROLLING"},
        "desired_replica_count": 1,
        "initial_revision": revision_body(),
    }))
    .unwrap()
}

fn revision_body() -> RevisionInput {
    serde_json::from_value(json!({
        "cluster_config": {"mode": "single-node", "size": 1},
        "resource_config": {"resource_group": "default", "resource_slots": {"cpu": "1"}},
        "image": {"id": ID},
        "model_mount_config": {"vfolder_id": ID2, "definition_path": "m.yaml"},
    }))
    .unwrap()
}

/// Every builder of the groups, with sample arguments.
fn builders() -> Vec<(&'static str, Builder)> {
    let s = SearchBody::default;
    let policy = || UpsertDeploymentPolicyRequest {
        strategy: "ROLLING".into(),
        rolling_update: Some(Default::default()),
        blue_green: None,
    };
    let rule = || AutoScalingRuleInput {
        model_deployment_id: Some(ID.into()),
        ..Default::default()
    };
    let channel = NotificationChannelInput::default;
    let nrule = NotificationRuleInput::default;
    let reg = ContainerRegistryInput::default;
    let op = || ImageOperationRequest {
        registry: "cr.example".into(),
        project: None,
    };
    let mut b: Vec<(&'static str, Builder)> = vec![
        (
            "deployment create",
            Box::new(move |v| dep::create_request(v, &create_body())),
        ),
        (
            "deployment search",
            Box::new(move |v| dep::search_request(v, &s())),
        ),
        ("deployment get", Box::new(|v| dep::get_request(v, ID))),
        (
            "deployment update",
            Box::new(|v| dep::update_request(v, ID, &UpdateDeploymentRequest::default())),
        ),
        (
            "deployment delete",
            Box::new(|v| dep::delete_request(v, ID)),
        ),
        (
            "revision add",
            Box::new(|v| dep::add_revision_request(v, ID, &revision_body())),
        ),
        (
            "revision search",
            Box::new(move |v| dep::search_revisions_request(v, ID, &s())),
        ),
        (
            "revision get",
            Box::new(|v| dep::get_revision_request(v, ID, ID2)),
        ),
        (
            "revision activate",
            Box::new(|v| dep::activate_revision_request(v, ID, ID2)),
        ),
        (
            "revision deactivate",
            Box::new(|v| dep::deactivate_revision_request(v, ID, ID2)),
        ),
        (
            "route search",
            Box::new(move |v| dep::search_routes_request(v, ID, &s())),
        ),
        (
            "route traffic",
            Box::new(|v| dep::update_route_traffic_request(v, ID, ID2, "INACTIVE")),
        ),
        (
            "policy search",
            Box::new(move |v| dep::search_policies_request(v, &s())),
        ),
        ("policy get", Box::new(|v| dep::get_policy_request(v, ID))),
        (
            "policy upsert",
            Box::new(move |v| dep::upsert_policy_request(v, ID, &policy())),
        ),
        (
            "rule create",
            Box::new(move |v| asr::create_rule_request(v, &rule())),
        ),
        ("rule get", Box::new(|v| asr::get_rule_request(v, ID))),
        (
            "rule search",
            Box::new(|v| asr::search_rules_request(v, &asr::rules_of_deployment(ID, 10, 0))),
        ),
        (
            "rule update",
            Box::new(move |v| asr::update_rule_request(v, ID, &rule())),
        ),
        ("rule delete", Box::new(|v| asr::delete_rule_request(v, ID))),
        (
            "channel create",
            Box::new(move |v| noti::create_channel_request(v, &channel())),
        ),
        (
            "channel search",
            Box::new(move |v| noti::search_channels_request(v, &s())),
        ),
        (
            "channel get",
            Box::new(|v| noti::get_channel_request(v, ID)),
        ),
        (
            "channel update",
            Box::new(move |v| noti::update_channel_request(v, ID, &channel())),
        ),
        (
            "channel delete",
            Box::new(|v| noti::delete_channel_request(v, ID)),
        ),
        (
            "channel validate",
            Box::new(|v| noti::validate_channel_request(v, ID, "hi")),
        ),
        ("rule types", Box::new(noti::rule_types_request)),
        (
            "rule type schema",
            Box::new(|v| noti::rule_type_schema_request(v, "session.started")),
        ),
        (
            "nrule create",
            Box::new(move |v| noti::create_rule_request(v, &nrule())),
        ),
        (
            "nrule search",
            Box::new(move |v| noti::search_rules_request(v, &s())),
        ),
        ("nrule get", Box::new(|v| noti::get_rule_request(v, ID))),
        (
            "nrule update",
            Box::new(move |v| noti::update_rule_request(v, ID, &nrule())),
        ),
        (
            "nrule delete",
            Box::new(|v| noti::delete_rule_request(v, ID)),
        ),
        (
            "nrule validate",
            Box::new(|v| noti::validate_rule_request(v, ID, &json!({}))),
        ),
        (
            "registry create",
            Box::new(move |v| cr::create_request(v, &reg())),
        ),
        ("registry list", Box::new(cr::list_request)),
        (
            "registry update",
            Box::new(move |v| cr::update_request(v, ID, &reg())),
        ),
        ("registry delete", Box::new(|v| cr::delete_request(v, ID))),
        (
            "registry rescan",
            Box::new(move |v| cr::rescan_request(v, &op())),
        ),
        (
            "registry clear",
            Box::new(move |v| cr::clear_request(v, &op())),
        ),
        (
            "registry harbor",
            Box::new(|v| cr::harbor_webhook_request(v, &json!({"type": "PUSH_ARTIFACT"}))),
        ),
        ("export reports", Box::new(export::list_reports_request)),
        (
            "export report",
            Box::new(|v| export::get_report_request(v, "users")),
        ),
        (
            "image search",
            Box::new(move |v| image::search_request(v, &s())),
        ),
        ("image get", Box::new(|v| image::get_request(v, ID))),
        (
            "image rescan",
            Box::new(|v| image::rescan_request(v, "cr.example/a/b:1", "x86_64")),
        ),
        (
            "image alias",
            Box::new(|v| image::alias_request(v, ID, "py")),
        ),
        (
            "image dealias",
            Box::new(|v| image::dealias_request(v, "py")),
        ),
        ("image forget", Box::new(|v| image::forget_request(v, ID))),
        ("image purge", Box::new(|v| image::purge_request(v, ID))),
    ];
    for report in export::CSV_REPORTS {
        b.push((
            "export csv",
            Box::new(move |v| export::csv_request(v, report, &ExportCsvRequest::default())),
        ));
    }
    b
}

/// `(module, method, path)` rows of the fixture.
fn catalog() -> Vec<(String, String, String)> {
    let text = include_str!("../../../tests/fixtures/api_catalog_26.9_ops.md");
    catalog::all_rows(text)
        .into_iter()
        .map(|r| (r.module, r.method, r.path))
        .collect()
}

fn built() -> Vec<(&'static str, ApiRequest)> {
    builders()
        .into_iter()
        .map(|(name, b)| (name, b(&v9()).unwrap_or_else(|e| panic!("{name}: {e}"))))
        .collect()
}

#[test]
fn every_catalogue_row_is_built() {
    let rows = catalog();
    assert!(rows.len() >= 50, "fixture has {} rows", rows.len());
    let reqs = built();
    let mut missing = Vec::new();
    for (module, method, template) in &rows {
        let hit = reqs.iter().any(|(_, r)| {
            (method == "?" || r.method.as_str() == method) && path_matches(template, &r.path)
        });
        if !hit {
            missing.push(format!("{module} {method} {template}"));
        }
    }
    assert!(missing.is_empty(), "no builder for: {missing:#?}");
}

#[test]
fn every_builder_is_in_the_catalogue() {
    let rows = catalog();
    for (name, r) in built() {
        let known = rows
            .iter()
            .any(|(_, m, t)| (m == "?" || m == r.method.as_str()) && path_matches(t, &r.path));
        assert!(
            known,
            "{name}: {} {} is not in the catalogue",
            r.method, r.path
        );
        // Export downloads are POSTs with a JSON body (the `?` rows).
        if r.path.ends_with("/csv") {
            assert_eq!(r.method.as_str(), "POST", "{name}");
        }
    }
}

#[test]
fn a_23_09_server_gets_the_typed_error_before_any_request() {
    let v7 = ApiVersion::new(ApiVersion::V7_23_09.0, ApiVersion::V7_23_09.1);
    for (name, b) in builders() {
        let e = b(&v7).expect_err(name);
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{name}: {e}");
        assert!(
            e.to_string()
                .contains("is not supported by this server (API version v7.20230615)"),
            "{name}: {e}"
        );
    }
}

#[test]
fn ids_are_checked_and_bodies_carry_them() {
    let v = v9();
    let e = dep::get_request(&v, "../admin").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let r = asr::delete_rule_request(&v, &ID.to_uppercase()).unwrap();
    let backendai_sdk::request::Body::Json(body) = &r.body else {
        panic!("JSON body expected")
    };
    assert_eq!(body, &json!({"rule_id": ID}));
    let r = dep::update_route_traffic_request(&v, ID, ID2, "ACTIVE").unwrap();
    let backendai_sdk::request::Body::Json(body) = &r.body else {
        panic!("JSON body expected")
    };
    assert_eq!(body, &json!({"traffic_status": "ACTIVE"}));
    let r = dep::add_revision_request(&v, ID, &revision_body()).unwrap();
    let backendai_sdk::request::Body::Json(body) = &r.body else {
        panic!("JSON body expected")
    };
    assert_eq!(body["revision"]["image"], json!({"id": ID}));
    assert!(export::csv_request(&v, "secrets", &ExportCsvRequest::default()).is_err());
}
