//! The 26.9 command groups (fair share, resource usage, scheduling history, quota scopes,
//! user resource policies) end to end, offline.
//!
//! Why an in-process server: no 26.9 manager exists here (the live stack is 23.09.10, where
//! these commands must fail with "not supported": `live_26_9.rs`). The server below answers
//! `GET /` with API version `v9.20250722` and every other request with a canned answer in
//! the catalog's shapes (the 26.9 pydantic DTOs), and records what it was sent, so the tests
//! check both the requests `bai` builds and how it prints the answers (table and `-o json`).
//! `bai` is configured (config file `api_version`) to speak v9 to it.

mod common;
mod common_v26;

use common::Sandbox;
use common_v26::{bai, json_out, ok, Server};
use serde_json::{json, Value};

const PROJECT: &str = "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e";
const USER: &str = "f38dea23-50fa-42a0-b5ae-338f5f4693f4";

fn slots(pairs: &[(&str, &str)]) -> Value {
    let entries: Vec<Value> = pairs
        .iter()
        .map(|(t, q)| json!({"resource_type": t, "quantity": q}))
        .collect();
    json!({ "entries": entries })
}

/// A fair-share record as the 26.9 manager sends it; `user`/`project` add their keys.
fn fair_share(project: bool, user: bool, weight: Value) -> Value {
    let mut v = json!({
        "id": "0c4b1bb0-8a5e-4c4e-9f5e-1f0c1d8d2a11",
        "resource_group": "default",
        "domain_name": "default",
        "spec": {
            "weight": weight,
            "half_life_days": 7, "lookback_days": 28, "decay_unit_days": 1,
            "resource_weights": slots(&[("cpu", "1.0")]),
        },
        "calculation_snapshot": {
            "fair_share_factor": "0.734500",
            "total_decayed_usage": slots(&[("cpu", "3600")]),
            "normalized_usage": "0.1200",
            "lookback_start": "2026-11-04",
            "lookback_end": "2026-12-02",
            "last_calculated_at": "2026-12-02T10:00:00+00:00",
        },
        "created_at": "2026-11-01T00:00:00+00:00",
        "updated_at": "2026-12-02T10:00:00+00:00",
        "from_a_newer_manager": true,
    });
    if project {
        v["project_id"] = json!(PROJECT);
    }
    if user {
        v["user_uuid"] = json!(USER);
    }
    v
}

fn page(items: Vec<Value>, total: u64) -> Value {
    json!({"items": items, "pagination": {"total": total, "offset": 0, "limit": 20}})
}

#[test]
fn fair_share_domain_list_sends_the_search_and_prints_a_table_and_json() {
    let server = Server::one(
        "POST",
        "/fair-share/domains/search",
        page(vec![fair_share(false, false, json!("2.5"))], 7),
    );
    let sb = Sandbox::new();

    let out = bai(
        &sb,
        &server,
        &[
            "fair-share",
            "domain",
            "list",
            "--resource-group",
            "default",
            "--order",
            "asc",
        ],
    );
    ok(&out);
    for text in [
        "Fair Share Factor",
        "0.734500",
        "2.5",
        "Resource Group",
        "default",
    ] {
        assert!(out.stdout.contains(text), "{text} in {}", out.stdout);
    }
    let sent = &server.seen()[0];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/fair-share/domains/search")
    );
    assert_eq!(
        sent.body,
        json!({
            "filter": {"resource_group": {"equals": "default"}},
            "order": [{"field": "fair_share_factor", "direction": "asc"}],
            "limit": 20,
            "offset": 0,
        })
    );

    let v = json_out(&bai(
        &sb,
        &server,
        &["-o", "json", "fair-share", "domain", "list"],
    ));
    assert_eq!(v["count"], 1);
    assert_eq!(v["total_count"], 7);
    // The record as the server sent it, unknown fields included.
    assert_eq!(v["items"][0], fair_share(false, false, json!("2.5")));
    // Without filters the body has none; the default order is the Python CLI's.
    assert_eq!(
        server.seen()[1].body,
        json!({"order": [{"field": "fair_share_factor", "direction": "desc"}],
               "limit": 20, "offset": 0})
    );
}

#[test]
fn fair_share_user_get_prints_the_record_or_fails_when_there_is_none() {
    let path = format!("/fair-share/users/default/{PROJECT}/{USER}");
    let rg_path = format!("/fair-share/rg/other/domains/d/projects/{PROJECT}/users/{USER}");
    let routes = vec![
        (
            "GET",
            path.clone(),
            200,
            json!({"item": fair_share(true, true, Value::Null)}),
        ),
        ("GET", rg_path, 200, json!({"item": null})),
    ];
    let server = Server::start("v9.20250722", routes);
    let sb = Sandbox::new();

    let out = bai(
        &sb,
        &server,
        &["fair-share", "user", "get", "default", PROJECT, USER],
    );
    ok(&out);
    for text in ["User UUID", USER, "(default)", "2026-11-04 ~ 2026-12-02"] {
        assert!(out.stdout.contains(text), "{text} in {}", out.stdout);
    }
    let v = json_out(&bai(
        &sb,
        &server,
        &[
            "-o",
            "json",
            "fair-share",
            "user",
            "get",
            "default",
            PROJECT,
            USER,
        ],
    ));
    assert_eq!(v, fair_share(true, true, Value::Null));

    let out = bai(
        &sb,
        &server,
        &["fair-share", "rg-user", "get", "other", "d", PROJECT, USER],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("user fair share not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn fair_share_writes_send_the_catalog_bodies() {
    let weight_path = format!("/fair-share/projects/default/{PROJECT}/weight");
    let spec = json!({
        "resource_group": "default",
        "fair_share_spec": {
            "half_life_days": 14, "lookback_days": 28, "decay_unit_days": 1,
            "default_weight": "1.0", "resource_weights": slots(&[("cpu", "1.0")]),
        },
    });
    let routes = vec![
        (
            "PUT",
            weight_path.clone(),
            200,
            json!({"item": fair_share(true, false, json!("2.5"))}),
        ),
        (
            "PATCH",
            "/fair-share/resource-groups/default/spec".to_owned(),
            200,
            spec.clone(),
        ),
    ];
    let server = Server::start("v9.20250722", routes);
    let sb = Sandbox::new();

    let args = [
        "-o",
        "json",
        "fair-share",
        "project",
        "set-weight",
        "default",
        PROJECT,
        "--domain",
        "default",
        "--weight",
        "2.5",
    ];
    let v = json_out(&bai(&sb, &server, &args));
    assert_eq!(v["ok"], true);
    assert_eq!(v["item"]["spec"]["weight"], "2.5");
    let sent = &server.seen()[0];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("PUT", weight_path.as_str())
    );
    assert_eq!(
        sent.body,
        json!({"domain_name": "default", "weight": "2.5"})
    );

    let out = bai(
        &sb,
        &server,
        &[
            "fair-share",
            "resource-group",
            "update-spec",
            "default",
            "--half-life-days",
            "14",
            "--resource-weight",
            "cpu=1.0",
            "--resource-weight",
            "mem=null",
        ],
    );
    ok(&out);
    assert!(
        out.stdout.contains("Half-life (days)") && out.stdout.contains("14"),
        "{}",
        out.stdout
    );
    assert_eq!(
        server.seen()[1].body,
        json!({"half_life_days": 14, "resource_weights": [
            {"resource_type": "cpu", "weight": "1.0"},
            {"resource_type": "mem", "weight": null},
        ]})
    );

    // Bad input never reaches the server.
    let n = server.seen().len();
    for bad in [
        &[
            "fair-share",
            "project",
            "set-weight",
            "default",
            PROJECT,
            "--domain",
            "d",
            "--weight",
            "x",
        ][..],
        &["fair-share", "project", "get", "default", "not-a-uuid"],
        &["fair-share", "resource-group", "update-spec", "default"],
        &[
            "fair-share",
            "rg-domain-usage",
            "list",
            "default",
            "--period-start-after",
            "2026-13-01",
        ],
    ] {
        let out = bai(&sb, &server, bad);
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
    }
    assert_eq!(server.seen().len(), n);
}

#[test]
fn a_23_09_server_gets_no_request_only_the_unsupported_error() {
    let server = Server::start("v7.20230615", Vec::new());
    let sb = Sandbox::new();
    for args in [
        &["fair-share", "domain", "list"][..],
        &["fair-share", "resource-group", "specs"],
        &[
            "fair-share",
            "user",
            "set-weight",
            "rg",
            PROJECT,
            USER,
            "--domain",
            "d",
        ],
        &["resource-usage", "project", "list"],
        &["scheduling-history", "route", "list"],
    ] {
        let out = bai(&sb, &server, args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{}", out.stderr);
        assert!(
            lines[0].ends_with("is not supported by this server (API version v7.20230615)"),
            "{}",
            lines[0]
        );
    }
    assert!(server.seen().is_empty(), "{:?}", server.seen());
}

fn bucket(user: bool) -> Value {
    let mut v = json!({
        "id": "5f1d1d5e-9b9c-4a8e-8d0d-3f3e1c1b2a10",
        "project_id": PROJECT,
        "domain_name": "default",
        "resource_group": "default",
        "metadata": {
            "period_start": "2026-12-01", "period_end": "2026-12-02", "decay_unit_days": 1,
            "created_at": "2026-12-02T00:00:05+00:00", "updated_at": "2026-12-02T00:00:05+00:00",
        },
        "resource_usage": slots(&[("cpu", "172800"), ("mem", "1.5e9")]),
        "capacity_snapshot": slots(&[("cpu", "64")]),
    });
    if user {
        v["user_uuid"] = json!(USER);
    }
    v
}

#[test]
fn resource_usage_lists_buckets_as_a_table_and_json() {
    let server = Server::one(
        "POST",
        "/fair-share/usage-buckets/users/search",
        page(vec![bucket(true)], 1),
    );
    let sb = Sandbox::new();
    let out = bai(
        &sb,
        &server,
        &[
            "resource-usage",
            "user",
            "list",
            "--resource-group",
            "default",
            "--user-uuid",
            USER,
        ],
    );
    ok(&out);
    for text in [
        "2026-12-01 ~ 2026-12-02",
        "cpu=172800, mem=1.5e9",
        "Resource Usage",
        USER,
    ] {
        assert!(out.stdout.contains(text), "{text} in {}", out.stdout);
    }
    assert_eq!(
        server.seen()[0].body,
        json!({
            "filter": {"resource_group": {"equals": "default"}, "user_uuid": {"equals": USER}},
            "order": [{"field": "period_start", "direction": "desc"}],
            "limit": 20, "offset": 0,
        })
    );
    let v = json_out(&bai(
        &sb,
        &server,
        &["-o", "json", "resource-usage", "user", "list"],
    ));
    assert_eq!(v["items"][0], bucket(true));
    assert_eq!(v["total_count"], 1);
}

fn history(session: &str, message: &str) -> Value {
    json!({
        "id": "7b0e6a4e-3f5c-4d1b-9a53-2c1f0e9d8b7a",
        "session_id": session,
        "phase": "schedule", "from_status": "PENDING", "to_status": null,
        "result": "FAILURE", "error_code": "no-resource", "message": message,
        "sub_steps": [], "attempts": 2,
        "created_at": "2026-12-02T10:00:00+00:00", "updated_at": "2026-12-02T10:00:01+00:00",
    })
}

#[test]
fn scheduling_history_filters_truncates_and_groups() {
    let s1 = "c6f1c3a2-1111-4222-8333-944455556666";
    let s2 = "d6f1c3a2-1111-4222-8333-944455556666";
    let long = format!("not enough cpu {}", "x".repeat(80));
    let items = vec![
        history(s1, &long),
        history(s2, "short"),
        history(s1, "again"),
    ];
    let server = Server::one(
        "POST",
        "/scheduling-history/sessions/search",
        page(items.clone(), 3),
    );
    let sb = Sandbox::new();
    let args = [
        "scheduling-history",
        "session",
        "list",
        "--phase",
        "sched",
        "--to-status",
        "RUNNING",
        "--to-status",
        "ERROR",
        "--result",
        "failure",
        "--order",
        "ASC",
    ];
    let out = bai(&sb, &server, &args);
    ok(&out);
    assert!(
        out.stdout.contains(&format!("{}...", &long[..60])),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(&long), "cut unless --full");
    assert_eq!(
        server.seen()[0].body,
        json!({
            "filter": {
                "phase": {"contains": "sched"},
                "to_status": ["RUNNING", "ERROR"],
                "result": ["FAILURE"],
            },
            "order": [{"field": "created_at", "direction": "asc"}],
            "limit": 20, "offset": 0,
        })
    );
    let out = bai(
        &sb,
        &server,
        &["scheduling-history", "session", "list", "--group", "--full"],
    );
    ok(&out);
    assert!(out.stdout.contains(&long), "{}", out.stdout);
    let header = format!("Session ID {s1} (2 records)");
    assert!(out.stdout.contains(&header), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("Session ID {s2} (1 records)")));
    let v = json_out(&bai(
        &sb,
        &server,
        &[
            "-o",
            "json",
            "scheduling-history",
            "session",
            "list",
            "--group",
        ],
    ));
    assert_eq!(v["items"], json!(items));
}

#[test]
fn quota_scope_get_and_set_use_the_rest_api() {
    let qsid = format!("project:{PROJECT}");
    let scope = json!({
        "quota_scope_id": qsid, "storage_host_name": "local:volume1",
        "usage_bytes": 1048576, "usage_count": 12, "hard_limit_bytes": 1073741824,
    });
    let routes = vec![
        (
            "GET",
            format!("/admin/quota-scopes/local:volume1/{qsid}"),
            200,
            json!({"quota_scope": scope}),
        ),
        (
            "POST",
            "/admin/quota-scopes/set".to_owned(),
            200,
            json!({"quota_scope": scope}),
        ),
    ];
    let server = Server::start("v9.20250722", routes);
    let sb = Sandbox::new();
    let out = bai(
        &sb,
        &server,
        &[
            "admin",
            "quota-scope",
            "get",
            "local:volume1",
            PROJECT,
            "-t",
            "project",
        ],
    );
    ok(&out);
    assert!(out.stdout.contains("Hard Limit (bytes)") && out.stdout.contains("1073741824"));
    let v = quota_scope_set_json(&sb, &server, PROJECT, &["--type", "project"]);
    assert_eq!(v["ok"], true);
    assert_eq!(v["quota_scope"], scope);
    assert_eq!(
        server.seen()[1].body,
        json!({"storage_host_name": "local:volume1", "quota_scope_id": qsid,
               "hard_limit_bytes": 1073741824})
    );
}

/// `bai -o json admin quota-scope set local:volume1 <id> 1g <extra>`, which must succeed.
fn quota_scope_set_json(sb: &Sandbox, server: &Server, id: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "-o",
        "json",
        "admin",
        "quota-scope",
        "set",
        "local:volume1",
        id,
        "1g",
    ];
    args.extend_from_slice(extra);
    json_out(&bai(sb, server, &args))
}

#[test]
fn quota_scope_speaks_graphql_to_a_23_09_server() {
    // 23.09 managers have no quota-scope REST API but serve the GraphQL fields the 26.9
    // Python CLI uses; the GraphQL answer is printed like the REST one.
    let qsid = format!("user:{USER}");
    let node = json!({
        "quota_scope_id": qsid, "storage_host_name": "local:volume1",
        "details": {"usage_bytes": "2048", "usage_count": null, "hard_limit_bytes": 1073741824},
    });
    let routes = vec![(
        "POST",
        "/admin/gql".to_owned(),
        200,
        json!({"data": {"set_quota_scope": {"quota_scope": node}}}),
    )];
    let server = Server::start("v7.20230615", routes);
    let sb = Sandbox::new();
    let v = quota_scope_set_json(&sb, &server, USER, &[]);
    assert_eq!(
        v["quota_scope"],
        json!({"quota_scope_id": qsid, "storage_host_name": "local:volume1",
               "usage_bytes": 2048, "usage_count": null, "hard_limit_bytes": 1073741824})
    );
    let sent = &server.seen()[0];
    assert!(sent.body["query"]
        .as_str()
        .unwrap()
        .contains("set_quota_scope("));
    assert_eq!(
        sent.body["variables"],
        json!({"quota_scope_id": qsid, "storage_host_name": "local:volume1",
               "props": {"hard_limit_bytes": 1073741824}})
    );
}
