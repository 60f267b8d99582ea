//! Round trips of the 26.9 deployment, auto-scaling, notification, network, container
//! registry, export and image DTOs: an answer shaped as the 26.9 manager's pydantic models
//! (`ai.backend.common.dto.manager.*`) decodes, keeps an unknown field, and encodes back to
//! the same JSON; request bodies send only the fields set.

use backendai_core::dto::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// Decodes `input`, checks the typed view with `check`, and requires the encoding to give
/// `input` back (unknown fields included).
fn round_trip<T: DeserializeOwned + Serialize>(input: Value, check: impl FnOnce(&T)) {
    let typed: T = serde_json::from_value(input.clone()).expect("decodes");
    check(&typed);
    assert_eq!(serde_json::to_value(&typed).unwrap(), input);
}

const DEP: &str = "7e1f4e6c-3a55-4b8e-9d0f-2b7d7a1c9e01";
const REV: &str = "0b5b8f1a-6d7e-4c2a-8e9f-1a2b3c4d5e6f";

fn revision() -> Value {
    json!({
        "id": REV, "name": "rev-1",
        "cluster_config": {"mode": "single-node", "size": 1},
        "resource_config": {"resource_group_name": "default", "resource_slot": {"cpu": "1", "mem": "1073741824"}},
        "model_runtime_config": {"runtime_variant": "vllm"},
        "model_mount_config": {"vfolder_id": DEP, "mount_destination": "/models", "definition_path": "model-definition.yaml"},
        "created_at": "2026-01-02T03:04:05+00:00", "image_id": REV,
        "future_field": {"x": 1}
    })
}

fn deployment() -> Value {
    json!({
        "id": DEP, "name": "llm", "status": "READY", "tags": ["a"],
        "project_id": REV, "domain_name": "default",
        "created_at": "2026-01-02T03:04:05+00:00", "updated_at": "2026-01-02T03:04:06+00:00",
        "created_user_id": REV,
        "network_config": {"open_to_public": true, "url": "https://llm.example", "preferred_domain_name": "llm"},
        "replica_state": {"desired_replica_count": 2, "replica_ids": [REV]},
        "default_deployment_strategy": "ROLLING",
        "current_revision": revision(),
        "deployment_policy": {
            "id": REV, "deployment_id": DEP, "strategy": "BLUE_GREEN",
            "strategy_spec": {"auto_promote": true, "promote_delay_seconds": 30},
            "rollback_on_failure": false,
            "created_at": "2026-01-02T03:04:05+00:00", "updated_at": "2026-01-02T03:04:05+00:00"
        },
        "sub_step": "provisioning",
        "unknown_to_us": [1, 2]
    })
}

#[test]
fn deployment_answers_round_trip() {
    round_trip::<DeploymentEnvelope>(json!({"deployment": deployment()}), |d| {
        let d = &d.deployment;
        assert_eq!(d.status, "READY");
        assert_eq!(d.replica_state.as_ref().unwrap().desired_replica_count, 2);
        let rev = d.current_revision.as_ref().unwrap();
        assert_eq!(
            rev.model_runtime_config.as_ref().unwrap().runtime_variant,
            "vllm"
        );
        assert!(rev.extra.contains_key("future_field"));
        assert_eq!(d.deployment_policy.as_ref().unwrap().strategy, "BLUE_GREEN");
        assert!(d.extra.contains_key("unknown_to_us"));
    });
    round_trip::<DeploymentList>(
        json!({"deployments": [deployment()], "pagination": {"total": 1, "offset": 0, "limit": 50}}),
        |l| assert_eq!((l.deployments.len(), l.pagination.total), (1, 1)),
    );
    round_trip::<RevisionList>(
        json!({"revisions": [revision()], "pagination": {"total": 3, "offset": 1, "limit": null}}),
        |l| assert_eq!(l.pagination.limit, None),
    );
    round_trip::<Deleted>(json!({"deleted": true}), |d| assert!(d.deleted));
    round_trip::<Success>(json!({"success": false}), |s| assert!(!s.success));
}

#[test]
fn routes_and_policies_round_trip() {
    let route = json!({
        "id": REV, "endpoint_id": DEP, "session_id": "s-1", "status": "HEALTHY",
        "traffic_ratio": 0.5, "created_at": "2026-01-02T03:04:05+00:00",
        "revision_id": REV, "traffic_status": "ACTIVE", "error_data": {}
    });
    round_trip::<RouteList>(
        json!({"routes": [route.clone()], "pagination": {"total_count": 1, "has_next_page": false, "has_previous_page": false}}),
        |l| assert_eq!(l.routes[0].traffic_ratio, 0.5),
    );
    round_trip::<RouteEnvelope>(json!({"route": route}), |r| {
        assert_eq!(r.route.traffic_status, "ACTIVE")
    });
    let policy = deployment()["deployment_policy"].clone();
    round_trip::<DeploymentPolicyEnvelope>(
        json!({"deployment_policy": policy.clone(), "created": true}),
        |p| assert_eq!(p.created, Some(true)),
    );
    round_trip::<DeploymentPolicyList>(
        json!({"deployment_policies": [policy], "pagination": {"total": 1, "offset": 0, "limit": null}}),
        |l| assert_eq!(l.deployment_policies.len(), 1),
    );
}

#[test]
fn deployment_requests_send_only_what_is_set() {
    let create = json!({
        "metadata": {"project_id": REV, "domain_name": "default", "name": "llm"},
        "network_access": {"open_to_public": false},
        "default_deployment_strategy": {"type": "ROLLING", "rolling_update": {"max_surge": 1, "max_unavailable": 0}},
        "desired_replica_count": 1,
        "initial_revision": {
            "cluster_config": {"mode": "single-node", "size": 1},
            "resource_config": {"resource_group": "default", "resource_slots": {"cpu": "1"}},
            "image": {"id": REV},
            "model_runtime_config": {"runtime_variant": "custom"},
            "model_mount_config": {"vfolder_id": DEP, "definition_path": "m.yaml"},
            "auto_activate": true
        }
    });
    round_trip::<CreateDeploymentRequest>(create, |c| {
        assert_eq!(c.default_deployment_strategy.type_, "ROLLING");
        assert_eq!(c.initial_revision.extra["auto_activate"], json!(true));
    });
    let update = UpdateDeploymentRequest {
        name: None,
        desired_replicas: Some(3),
    };
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"desired_replicas": 3})
    );
    let policy = UpsertDeploymentPolicyRequest {
        strategy: "BLUE_GREEN".into(),
        rolling_update: None,
        blue_green: Some(BlueGreenConfig {
            auto_promote: true,
            promote_delay_seconds: 10,
        }),
    };
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({"strategy": "BLUE_GREEN", "blue_green": {"auto_promote": true, "promote_delay_seconds": 10}})
    );
    assert_eq!(
        serde_json::to_value(SearchBody::default()).unwrap(),
        json!({"limit": 50, "offset": 0})
    );
}

#[test]
fn auto_scaling_rules_keep_decimal_text() {
    let rule = json!({
        "id": REV, "model_deployment_id": DEP, "metric_source": "kernel",
        "metric_name": "cpu_util", "min_threshold": "0.25", "max_threshold": "0.800",
        "step_size": 1, "time_window": 60, "min_replicas": 1, "max_replicas": 4,
        "created_at": "2026-01-02T03:04:05+00:00", "last_triggered_at": null
    });
    let mut expected = rule.clone();
    // A null optional field is omitted on output (the DTO convention).
    expected
        .as_object_mut()
        .unwrap()
        .remove("last_triggered_at");
    let decoded: AutoScalingRuleEnvelope =
        serde_json::from_value(json!({"auto_scaling_rule": rule})).unwrap();
    assert_eq!(
        decoded
            .auto_scaling_rule
            .max_threshold
            .as_ref()
            .unwrap()
            .as_text(),
        "0.800"
    );
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        json!({"auto_scaling_rule": expected})
    );
    round_trip::<AutoScalingRuleList>(
        json!({"auto_scaling_rules": [expected], "pagination": {"total": 1, "offset": 0, "limit": 10}}),
        |l| assert_eq!(l.auto_scaling_rules[0].time_window, 60),
    );
    let input = AutoScalingRuleInput {
        max_replicas: Some(5),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"max_replicas": 5})
    );
}

#[test]
fn notification_answers_round_trip() {
    let channel = json!({
        "id": DEP, "name": "ops", "description": "pager", "channel_type": "webhook",
        "config": {"url": "https://hooks.example/x"}, "enabled": true,
        "created_at": "2026-01-02T03:04:05+00:00", "created_by": REV,
        "updated_at": "2026-01-02T03:04:05+00:00"
    });
    let rule = json!({
        "id": REV, "name": "on-start", "rule_type": "session.started", "channel": channel.clone(),
        "message_template": "{{ session_id }} started", "enabled": false,
        "created_at": "2026-01-02T03:04:05+00:00", "created_by": REV,
        "updated_at": "2026-01-02T03:04:05+00:00", "priority": 3
    });
    round_trip::<NotificationChannelList>(
        json!({"channels": [channel.clone()], "pagination": {"total": 1, "offset": 0, "limit": 50}}),
        |l| {
            assert_eq!(
                l.channels[0].config["url"],
                json!("https://hooks.example/x")
            )
        },
    );
    round_trip::<NotificationChannelEnvelope>(json!({"channel": channel}), |_| {});
    round_trip::<NotificationRuleEnvelope>(json!({"rule": rule.clone()}), |r| {
        assert_eq!(r.rule.channel.as_ref().unwrap().name, "ops");
        assert_eq!(r.rule.extra["priority"], json!(3));
    });
    round_trip::<NotificationRuleList>(
        json!({"rules": [rule], "pagination": {"total": 1, "offset": 0, "limit": 50}}),
        |_| {},
    );
    round_trip::<NotificationRuleTypes>(
        json!({"rule_types": ["session.started", "session.terminated"]}),
        |t| assert_eq!(t.rule_types.len(), 2),
    );
    round_trip::<NotificationRuleTypeSchema>(
        json!({"rule_type": "session.started", "json_schema": {"type": "object"}}),
        |_| {},
    );
    round_trip::<ChannelValidation>(json!({"channel_id": DEP}), |_| {});
    round_trip::<RuleValidation>(json!({"message": "s1 started"}), |_| {});
    let update = NotificationRuleInput {
        enabled: Some(false),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"enabled": false})
    );
}

#[test]
fn networks_registries_exports_and_images_round_trip() {
    round_trip::<Network>(
        json!({"row_id": DEP, "name": "net1", "ref_name": "bai-net1", "driver": "overlay",
               "created_at": "2026-01-02T03:04:05+00:00", "options": {}}),
        |n| assert_eq!(n.driver.as_deref(), Some("overlay")),
    );
    let registry = json!({
        "id": DEP, "url": "https://cr.example", "registry_name": "cr.example",
        "type": "harbor2", "project": "stable", "username": "admin", "password": "pw",
        "ssl_verify": true, "is_global": false, "extra": {"k": "v"}
    });
    round_trip::<ContainerRegistryList>(json!({"items": [registry]}), |l| {
        let r = &l.items[0];
        assert_eq!(r.type_.as_deref(), Some("harbor2"));
        assert_eq!(r.registry_extra.as_ref().unwrap()["k"], json!("v"));
        // The password never shows in debug output.
        assert!(!format!("{r:?}").contains("\"pw\""));
    });
    round_trip::<ExportReportList>(
        json!({"reports": [{"report_key": "users", "name": "Users", "description": "All users",
               "fields": [{"key": "email", "name": "E-mail", "description": "", "field_type": "string"}]}]}),
        |l| assert_eq!(l.reports[0].fields[0].key, "email"),
    );
    let image = json!({
        "id": DEP, "name": "cr.example/stable/python:3.11", "registry": "cr.example",
        "registry_id": REV, "project": "stable", "tag": "3.11", "architecture": "x86_64",
        "size_bytes": 123456789, "type": "compute", "status": "ALIVE",
        "labels": [{"key": "ai.backend.kernelspec", "value": "1"}],
        "tags": [{"key": "py", "value": "311"}],
        "resource_limits": [{"key": "cpu", "min": "1", "max": null}, {"key": "mem", "min": "1g", "max": "4g"}],
        "config_digest": "sha256:abc", "is_local": false,
        "created_at": "2026-01-02T03:04:05+00:00"
    });
    let mut expected = image.clone();
    expected["resource_limits"][0]
        .as_object_mut()
        .unwrap()
        .remove("max");
    let decoded: ImageRecordList = serde_json::from_value(
        json!({"items": [image], "pagination": {"total": 1, "offset": 0, "limit": 50}}),
    )
    .unwrap();
    assert_eq!(decoded.items[0].resource_limits[1].min.as_text(), "1g");
    assert_eq!(
        serde_json::to_value(&decoded).unwrap()["items"][0],
        expected
    );
    round_trip::<ImageAliasResult>(
        json!({"alias_id": REV, "alias": "py", "image_id": DEP}),
        |_| {},
    );
}
