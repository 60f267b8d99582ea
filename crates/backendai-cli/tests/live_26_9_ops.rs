//! The 26.9-only command groups (`deployment`, `notification`, `network`, `image`,
//! `service auto-scaling-rule`).
//!
//! Live (the project's real 23.09.10 manager): every such command ends with the one-line
//! "... is not supported by this server" error and exit status 1 (`-o json`: one error
//! object of kind `unsupported`).
//!
//! Offline: no 26.9 manager exists here, so the successful paths run against an in-process
//! HTTP server that answers `GET /` with API version v9 and the 26.9 routes with bodies
//! shaped as the 26.9 pydantic DTOs (`ai.backend.common.dto.manager.*`); `bai` is configured
//! to offer v9 (`api_version` in its config file). The same server answering v7 shows that
//! nothing but the version probe (and the background announcement fetch) is sent to an
//! older manager.

mod common;
mod common_v26;

use std::collections::HashMap;

use common::{assert_unsupported, Live, Out, Sandbox};
use common_v26::{bai, sandbox_v9, Server};
use serde_json::{json, Value};

const DEP: &str = "7e1f4e6c-3a55-4b8e-9d0f-2b7d7a1c9e01";
const REV: &str = "0b5b8f1a-6d7e-4c2a-8e9f-1a2b3c4d5e6f";
const CH: &str = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

/// Commands of the 26.9-only groups, with arguments that reach the server.
fn gated_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["deployment", "list"],
        vec!["deployment", "info", DEP],
        vec!["deployment", "create", "-f", "/nonexistent/deployment.json"],
        vec!["deployment", "update", DEP, "--replicas", "2"],
        vec!["deployment", "destroy", DEP],
        vec!["deployment", "revision", "list", DEP],
        vec!["deployment", "revision", "activate", DEP, REV],
        vec!["deployment", "route", "list", DEP],
        vec!["deployment", "route", "traffic", DEP, REV, "--deactivate"],
        vec!["deployment", "policy", "info", DEP],
        vec![
            "deployment",
            "policy",
            "update",
            DEP,
            "--strategy",
            "ROLLING",
        ],
        vec!["notification", "channel", "list"],
        vec!["notification", "channel", "create", "c", "--spec", "{}"],
        vec!["notification", "channel", "validate", CH],
        vec!["notification", "rule", "types"],
        vec!["notification", "rule", "schema", "session.started"],
        vec![
            "notification",
            "rule",
            "create",
            "r",
            "session.started",
            CH,
            "--template",
            "x",
        ],
        vec!["notification", "rule", "delete", CH],
        vec!["network", "list"],
        vec!["network", "get", "net1"],
        vec!["network", "create", "default", "net1"],
        vec!["network", "delete", "net1"],
        vec!["image", "list"],
        vec!["image", "forget", "cr.example/a/b:1"],
        vec!["image", "purge", DEP],
        vec!["service", "auto-scaling-rule", "list", DEP],
        vec!["service", "auto-scaling-rule", "get", REV],
        vec!["service", "auto-scaling-rule", "delete", REV],
        vec![
            "service",
            "auto-scaling-rule",
            "create",
            DEP,
            "--metric-source",
            "kernel",
            "--metric-name",
            "cpu_util",
            "--threshold",
            "0.5",
            "--comparator",
            "greater_than",
            "--step-size",
            "1",
            "--cooldown-seconds",
            "60",
        ],
    ]
}

fn one_unsupported_line(args: &[&str], out: &Out) {
    assert_unsupported(&args, out);
    // Also nothing after the version: the whole line ends with it.
    assert!(
        out.stderr
            .trim_end()
            .ends_with("is not supported by this server (API version v7.20230615)"),
        "bai {args:?}: {}",
        out.stderr
    );
}

#[test]
fn live_a_23_09_manager_gets_the_not_supported_error() {
    let Some(live) = Live::from_env() else {
        return;
    };
    for args in gated_commands() {
        one_unsupported_line(&args, &live.bai(&args));
    }
    let out = live.bai(&["-o", "json", "deployment", "list"]);
    assert_eq!(out.code, 1);
    let err: Value = serde_json::from_str(out.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["kind"], "unsupported");
    // The 23.09 image group is untouched.
    live.ok(&["admin", "image", "list"]);
}

/// The shared in-process server (`common_v26`) answering `routes` with 200.
fn serve(version: &str, routes: HashMap<(&'static str, String), Value>) -> Server {
    let routes = routes
        .into_iter()
        .map(|((method, path), body)| (method, path, 200, body))
        .collect();
    Server::start(version, routes)
}

/// What the server saw: method, path and JSON body of each request.
fn seen_by(server: &Server) -> Vec<(String, String, Value)> {
    server
        .seen()
        .into_iter()
        .map(|s| (s.method, s.path, s.body))
        .collect()
}

fn ok(sb: &Sandbox, server: &Server, args: &[&str]) -> Out {
    let out = bai(sb, server, args);
    assert_eq!(out.code, 0, "bai {args:?}: {}", out.stderr);
    out
}

fn route(m: &'static str, p: &str) -> (&'static str, String) {
    (m, p.to_owned())
}

fn deployment() -> Value {
    json!({
        "id": DEP, "name": "llm", "status": "READY", "tags": [],
        "project_id": REV, "domain_name": "default",
        "created_at": "2026-01-02T03:04:05+00:00", "updated_at": "2026-01-02T03:04:05+00:00",
        "created_user_id": REV,
        "network_config": {"open_to_public": false, "url": "https://llm.example"},
        "replica_state": {"desired_replica_count": 2, "replica_ids": []},
        "default_deployment_strategy": "ROLLING", "current_revision": null
    })
}

fn channel() -> Value {
    json!({
        "id": CH, "name": "ops", "description": null, "channel_type": "webhook",
        "config": {"url": "https://hooks.example/x"}, "enabled": true,
        "created_at": "2026-01-02T03:04:05+00:00", "created_by": REV,
        "updated_at": "2026-01-02T03:04:05+00:00"
    })
}

#[test]
fn deployments_list_as_table_and_json_and_update() {
    let mut routes = HashMap::new();
    routes.insert(
        route("POST", "/deployments/search"),
        json!({"deployments": [deployment()], "pagination": {"total": 7, "offset": 0, "limit": 50}}),
    );
    let mut updated = deployment();
    updated["replica_state"]["desired_replica_count"] = json!(3);
    routes.insert(
        route("PATCH", &format!("/deployments/{DEP}")),
        json!({ "deployment": updated }),
    );
    let server = serve("v9.20250722", routes);
    let sb = sandbox_v9();

    let table = ok(&sb, &server, &["deployment", "list", "--project-id", REV]);
    let header = table.stdout.lines().next().unwrap_or_default();
    for label in ["ID", "Name", "Status", "Replicas", "URL", "Created At"] {
        assert!(header.contains(label), "{header}");
    }
    let row = table
        .stdout
        .lines()
        .find(|l| l.contains(DEP))
        .expect("a row");
    assert!(
        row.contains("READY") && row.contains("https://llm.example"),
        "{row}"
    );

    let json_out = ok(&sb, &server, &["-o", "json", "deployment", "list"]);
    let v: Value = serde_json::from_str(&json_out.stdout).unwrap();
    assert_eq!(v["total_count"], 7);
    assert_eq!(v["items"][0]["id"], DEP);
    assert_eq!(
        v["items"][0]["network_config"]["url"],
        "https://llm.example"
    );

    let upd = ok(
        &sb,
        &server,
        &["-o", "json", "deployment", "update", DEP, "--replicas", "3"],
    );
    let v: Value = serde_json::from_str(&upd.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["deployment"]["replica_state"]["desired_replica_count"], 3);

    let seen = seen_by(&server);
    assert_eq!(
        seen[0],
        (
            "POST".into(),
            "/deployments/search".into(),
            json!({"filter": {"project_id": REV}, "limit": 50, "offset": 0})
        )
    );
    assert_eq!(
        seen[2],
        (
            "PATCH".into(),
            format!("/deployments/{DEP}"),
            json!({"desired_replicas": 3})
        )
    );
}

#[test]
fn notification_channels_create_list_and_rule_types() {
    let mut routes = HashMap::new();
    routes.insert(
        route("POST", "/notifications/channels"),
        json!({ "channel": channel() }),
    );
    routes.insert(
        route("POST", "/notifications/channels/search"),
        json!({"channels": [channel()], "pagination": {"total": 1, "offset": 0}}),
    );
    routes.insert(
        route("GET", "/notifications/rule-types"),
        json!({"rule_types": ["session.started", "session.terminated"]}),
    );
    let server = serve("v9.20250722", routes);
    let sb = sandbox_v9();

    let created = ok(
        &sb,
        &server,
        &[
            "notification",
            "channel",
            "create",
            "ops",
            "--spec",
            r#"{"url": "https://hooks.example/x"}"#,
            "--disabled",
        ],
    );
    assert!(
        created.stderr.contains("Notification channel ops"),
        "{}",
        created.stderr
    );
    let table = ok(
        &sb,
        &server,
        &["notification", "channel", "list", "--enabled-only"],
    );
    assert!(
        table.stdout.lines().next().unwrap().contains("Type"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("https://hooks.example/x"),
        "{}",
        table.stdout
    );
    let types = ok(
        &sb,
        &server,
        &["-o", "json", "notification", "rule", "types"],
    );
    let v: Value = serde_json::from_str(&types.stdout).unwrap();
    assert_eq!(v["items"], json!(["session.started", "session.terminated"]));

    let seen = seen_by(&server);
    assert_eq!(
        seen[0].2,
        json!({"name": "ops", "channel_type": "webhook", "config": {"url": "https://hooks.example/x"}, "enabled": false})
    );
    assert_eq!(
        seen[1].2,
        json!({"filter": {"enabled": true}, "limit": 50, "offset": 0})
    );
}

#[test]
fn bad_input_is_a_usage_error_and_an_older_server_gets_nothing_but_the_probe() {
    let server = serve("v9.20250722", HashMap::new());
    let sb = sandbox_v9();
    let out = bai(
        &sb,
        &server,
        &["notification", "channel", "create", "c", "--spec", "{"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--spec is not valid JSON"),
        "{}",
        out.stderr
    );
    let out = bai(&sb, &server, &["deployment", "info", "not-a-uuid"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let sent = seen_by(&server);
    assert!(sent.is_empty(), "sent: {sent:?}");

    let old = serve("v7.20230615", HashMap::new());
    for args in gated_commands() {
        one_unsupported_line(&args, &bai(&sb, &old, &args));
    }
    let seen = seen_by(&old);
    assert!(seen.is_empty(), "sent to a 23.09 server: {seen:?}");
}

#[test]
fn service_auto_scaling_rules_create_and_list() {
    // Both answers in one GraphQL reply: each command reads its own root field.
    let rule = json!({
        "row_id": REV, "metric_source": "KERNEL", "metric_name": "cpu_util",
        "comparator": "GREATER_THAN", "threshold": "0.5", "endpoint": DEP, "step_size": 1,
        "cooldown_seconds": 60, "min_replicas": null, "max_replicas": 4,
        "created_at": "2026-01-02T03:04:05+00:00", "last_triggered_at": null
    });
    let mut routes = HashMap::new();
    routes.insert(
        route("POST", "/admin/gql"),
        json!({"data": {
            "create_endpoint_auto_scaling_rule_node": {"rule": {"row_id": REV}},
            "endpoint_auto_scaling_rule_nodes": {"edges": [{"node": rule, "cursor": "c"}], "count": 1}
        }}),
    );
    let server = serve("v9.20250722", routes);
    let sb = sandbox_v9();

    let created = ok(
        &sb,
        &server,
        &[
            "-o",
            "json",
            "service",
            "auto-scaling-rule",
            "create",
            DEP,
            "--metric-source",
            "inference_framework",
            "--metric-name",
            "rps",
            "--threshold",
            "10.50",
            "--comparator",
            "greater_than_or_equal",
            "--step-size",
            "-1",
            "--cooldown-seconds",
            "300",
            "--max-replicas",
            "4",
        ],
    );
    let v: Value = serde_json::from_str(&created.stdout).unwrap();
    assert_eq!(v["rule"]["row_id"], REV);
    let table = ok(&sb, &server, &["service", "auto-scaling-rule", "list", DEP]);
    let header = table.stdout.lines().next().unwrap_or_default();
    assert!(
        header.contains("Comparator") && header.contains("Threshold"),
        "{header}"
    );
    assert!(
        table.stdout.contains("GREATER_THAN") && table.stdout.contains(REV),
        "{}",
        table.stdout
    );

    let seen = seen_by(&server);
    assert_eq!(
        seen[0].2["variables"],
        json!({"endpoint": DEP, "metric_source": "INFERENCE_FRAMEWORK", "metric_name": "rps",
               "threshold": "10.50", "comparator": "GREATER_THAN_OR_EQUAL", "step_size": -1,
               "cooldown_seconds": 300, "min_replicas": null, "max_replicas": 4})
    );
    assert_eq!(seen[1].2["variables"]["endpoint"], DEP);
}

fn image(id: &str, name: &str, owner_label: bool) -> Value {
    let labels = if owner_label {
        json!([{"key": "ai.backend.customized-image.owner", "value": "user:x"}])
    } else {
        json!([])
    };
    json!({
        "id": id, "name": name, "registry": "cr.example", "registry_id": REV,
        "architecture": "x86_64", "size_bytes": 1073741824, "type": "compute",
        "status": "ALIVE", "labels": labels, "tags": [], "resource_limits": [],
        "config_digest": "sha256:x", "is_local": false
    })
}

#[test]
fn images_list_customized_and_forget_by_reference_and_networks_list() {
    let custom = "cr.example/custom/mine:1";
    let mut routes = HashMap::new();
    routes.insert(
        route("POST", "/admin/images/search"),
        json!({"items": [image(DEP, "cr.example/stable/python:3.11", false), image(REV, custom, true)],
               "pagination": {"total": 2, "offset": 0, "limit": 500}}),
    );
    routes.insert(
        route("POST", "/admin/images/forget"),
        json!({"item": image(REV, custom, true)}),
    );
    routes.insert(
        route("POST", "/admin/gql"),
        json!({"data": {"networks": {"edges": [{"node": {"name": "net1", "ref_name": "bai-net1",
               "driver": "overlay", "created_at": "2026-01-02T03:04:05+00:00"}, "cursor": "c"}],
               "count": 1}}}),
    );
    let server = serve("v9.20250722", routes);
    let sb = sandbox_v9();

    let listed = ok(
        &sb,
        &server,
        &["-o", "json", "image", "list", "--customized"],
    );
    let v: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(v["count"], 1);
    assert_eq!(v["items"][0]["name"], custom);
    let table = ok(&sb, &server, &["image", "list"]);
    assert!(
        table.stdout.contains("1.0 GiB") && table.stdout.contains("python:3.11"),
        "{}",
        table.stdout
    );

    // The search answers every reference with both images; a name matches one of them only
    // when the server filters, so the test server's unfiltered answer makes it ambiguous.
    let out = bai(&sb, &server, &["image", "forget", custom]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("choose one with --arch"),
        "{}",
        out.stderr
    );
    let forgot = ok(&sb, &server, &["-o", "json", "image", "forget", REV]);
    let v: Value = serde_json::from_str(&forgot.stdout).unwrap();
    assert_eq!(v["image"]["id"], REV);

    let nets = ok(&sb, &server, &["network", "list"]);
    let header = nets.stdout.lines().next().unwrap_or_default();
    assert!(
        header.contains("Ref Name") && header.contains("Driver"),
        "{header}"
    );
    assert!(nets.stdout.contains("bai-net1"), "{}", nets.stdout);

    let seen = seen_by(&server);
    let by_ref = seen
        .iter()
        .find(|(_, _, b)| b.get("filter").is_some())
        .expect("a filtered search");
    assert_eq!(by_ref.2["filter"], json!({"name": {"equals": custom}}));
    let forget = seen
        .iter()
        .find(|(_, p, _)| p == "/admin/images/forget")
        .unwrap();
    assert_eq!(forget.2, json!({"image_id": REV}));
    let gql = seen.iter().find(|(_, p, _)| p == "/admin/gql").unwrap();
    assert_eq!(gql.2["variables"]["limit"], 20);
}
