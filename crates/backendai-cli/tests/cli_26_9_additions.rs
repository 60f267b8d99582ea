//! The 26.9 commands added to existing groups (issue 16 part 2) end to end, offline:
//! `vfolder delete-trash|purge|recover|restore`, `session set-priority|convert-to-image`,
//! `service try-start` and `admin prometheus-query-definition ...`.
//!
//! Why an in-process server: the live stack is 23.09.10, where these commands must fail with
//! "not supported" (`live_26_9_additions.rs`). The server below answers `GET /` with API
//! version `v9.20250722` and every other request with a canned answer in the shapes of the
//! 26.9 DTOs, and records what it was sent, so the tests check both the requests `bai`
//! builds and how it prints the answers (table and `-o json`).

mod common;
mod common_v26;

use common::Sandbox;
use common_v26::{bai, json_out, ok, Server};
use serde_json::{json, Value};

const DEF: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const SESSION: &str = "11111111-2222-3333-4444-555555555555";
const FOLDER: &str = "0123456789abcdef0123456789abcdef";

fn definition(name: &str) -> Value {
    json!({
        "id": DEF, "name": name, "metric_name": "backendai_gpu_util",
        "query_template": "avg({metric})", "time_window": null,
        "options": {"filter_labels": ["kernel_id"], "group_labels": []},
        "created_at": "2026-12-01T00:00:00+00:00", "updated_at": "2026-12-01T00:00:00+00:00"
    })
}

#[test]
fn prometheus_query_definition_search_prints_a_table_and_json() {
    let page = json!({"items": [definition("gpu-util")],
                      "pagination": {"total": 21, "offset": 0, "limit": 20}});
    let path = "/resource/prometheus-query-definitions/search".to_owned();
    let server = Server::start("v9.20250722", vec![("POST", path.clone(), 200, page)]);
    let sb = Sandbox::new();
    let args = [
        "admin",
        "prometheus-query-definition",
        "search",
        "--filter-name",
        "gpu",
    ];
    let out = bai(&sb, &server, &args);
    ok(&out);
    let header = out.stdout.lines().next().unwrap_or_default();
    for col in ["ID", "Name", "Metric", "Time Window", "Created"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(
        out.stdout.contains("gpu-util") && out.stdout.contains(DEF),
        "{}",
        out.stdout
    );
    let mut jargs = vec!["-o", "json"];
    jargs.extend(args);
    let v = json_out(&bai(&sb, &server, &jargs));
    assert_eq!(v["total_count"], 21);
    assert_eq!(v["items"][0]["metric_name"], "backendai_gpu_util");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", path.as_str())
    );
    assert_eq!(
        seen[0].body,
        json!({"filter": {"name": {"contains": "gpu"}}, "limit": 20, "offset": 0})
    );
}

#[test]
fn prometheus_query_definition_add_modify_info_delete_execute() {
    let root = "/resource/prometheus-query-definitions".to_owned();
    let one = format!("{root}/{DEF}");
    let executed = json!({"status": "success", "data": {"result_type": "vector", "result": [
        {"metric": [{"key": "agent", "value": "i-1"}],
         "values": [{"timestamp": 1764633600.0, "value": "0.5"}]}]}});
    let routes = vec![
        (
            "POST",
            root.clone(),
            200,
            json!({"item": definition("gpu-util")}),
        ),
        (
            "PATCH",
            one.clone(),
            200,
            json!({"item": definition("renamed")}),
        ),
        (
            "GET",
            one.clone(),
            200,
            json!({"item": definition("renamed")}),
        ),
        ("DELETE", one.clone(), 200, json!({"id": DEF})),
        ("POST", format!("{one}/execute"), 200, executed),
    ];
    let server = Server::start("v9.20250722", routes);
    let sb = Sandbox::new();
    let pqd = |rest: &[&str]| {
        let mut a = vec!["admin", "prometheus-query-definition"];
        a.extend(rest);
        bai(&sb, &server, &a)
    };

    let out = pqd(&[
        "add",
        "--name",
        "gpu-util",
        "--metric-name",
        "backendai_gpu_util",
        "--query-template",
        "avg({metric})",
        "--filter-labels",
        "kernel_id, ,",
    ]);
    ok(&out);
    assert!(
        out.stderr.contains(&format!("Created definition: {DEF}")),
        "{}",
        out.stderr
    );
    let out = pqd(&[
        "modify",
        DEF,
        "--name",
        "renamed",
        "--group-labels",
        "agent",
    ]);
    ok(&out);
    assert!(out.stderr.contains("Modified definition"), "{}", out.stderr);
    let out = pqd(&["info", DEF]);
    ok(&out);
    assert!(out.stdout.contains("renamed"), "{}", out.stdout);
    let info = json_out(&bai(
        &sb,
        &server,
        &[
            "-o",
            "json",
            "admin",
            "prometheus-query-definition",
            "info",
            DEF,
        ],
    ));
    assert_eq!(info["name"], "renamed");
    let out = pqd(&["delete", DEF, "--yes"]);
    ok(&out);
    assert!(
        out.stderr.contains(&format!("Deleted definition: {DEF}")),
        "{}",
        out.stderr
    );
    let r = json_out(&pqd(&[
        "execute",
        DEF,
        "--label",
        "agent=i-1",
        "--group-labels",
        "agent",
        "--start",
        "2026-12-01T00:00:00Z",
        "--end",
        "2026-12-02T00:00:00Z",
        "--step",
        "60s",
    ]));
    assert_eq!(r["data"]["result"][0]["values"][0]["value"], "0.5");

    let seen = server.seen();
    let sent = |m: &str, p: &str| {
        seen.iter()
            .find(|s| s.method == m && s.path == p)
            .unwrap_or_else(|| panic!("{m} {p} not sent: {seen:#?}"))
            .body
            .clone()
    };
    assert_eq!(
        sent("POST", &root),
        json!({"name": "gpu-util", "metric_name": "backendai_gpu_util",
               "query_template": "avg({metric})", "time_window": null,
               "options": {"filter_labels": ["kernel_id"], "group_labels": []}})
    );
    assert_eq!(
        sent("PATCH", &one),
        json!({"name": "renamed", "options": {"group_labels": ["agent"]}})
    );
    assert_eq!(
        sent("POST", &format!("{one}/execute")),
        json!({"options": {"filter_labels": [{"key": "agent", "value": "i-1"}], "group_labels": ["agent"]},
               "time_range": {"start": "2026-12-01T00:00:00Z", "end": "2026-12-02T00:00:00Z", "step": "60s"}})
    );
    assert_eq!(sent("DELETE", &one), Value::Null);
}

#[test]
fn prometheus_query_definition_bad_input_is_refused_with_exit_2() {
    let server = Server::start("v9.20250722", vec![]);
    let sb = Sandbox::new();
    for args in [
        vec!["admin", "prometheus-query-definition", "modify", DEF],
        vec![
            "admin",
            "prometheus-query-definition",
            "execute",
            DEF,
            "--label",
            "novalue",
        ],
    ] {
        let out = bai(&sb, &server, &args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
    }
    assert!(server.seen().is_empty(), "{:#?}", server.seen());
}

#[test]
fn vfolder_trash_commands_resolve_the_name_and_send_the_id() {
    let routes = vec![
        (
            "GET",
            "/folders/_/id".to_owned(),
            200,
            json!({"id": FOLDER, "name": "trashed"}),
        ),
        ("POST", "/folders/purge".to_owned(), 204, json!({})),
        (
            "POST",
            "/folders/restore-from-trash-bin".to_owned(),
            204,
            json!({}),
        ),
        (
            "POST",
            "/folders/delete-from-trash-bin".to_owned(),
            204,
            json!({}),
        ),
    ];
    let server = Server::start("v9.20250722", routes);
    let sb = Sandbox::new();
    let cases = [
        ("purge", "/folders/purge", "Purged."),
        ("restore", "/folders/restore-from-trash-bin", "Restored."),
        ("recover", "/folders/restore-from-trash-bin", "Restored."),
        (
            "delete-trash",
            "/folders/delete-from-trash-bin",
            "Delete completed.",
        ),
    ];
    for (cmd, path, msg) in cases {
        let before = server.seen().len();
        let out = bai(&sb, &server, &["vfolder", cmd, "trashed"]);
        ok(&out);
        assert!(out.stderr.contains(msg), "{cmd}: {}", out.stderr);
        let seen = server.seen();
        let last = seen.last().unwrap();
        assert_eq!(
            (last.method.as_str(), last.path.as_str()),
            ("POST", path),
            "{cmd}"
        );
        assert_eq!(last.body, json!({"id": FOLDER}), "{cmd}");
        // The name lookup came first.
        assert_eq!(seen[before].path, "/folders/_/id", "{cmd}");
        let v = json_out(&bai(&sb, &server, &["-o", "json", "vfolder", cmd, FOLDER]));
        assert_eq!(v["ok"], true, "{cmd}");
        assert_eq!(v["msg"], msg, "{cmd}");
    }
}

#[test]
fn session_set_priority_and_convert_to_image() {
    let node = json!({"id": "Q29tcHV0ZVNlc3Npb25Ob2RlOjE=", "row_id": SESSION,
                      "name": "s1", "priority": 42});
    let routes = vec![
        (
            "POST",
            "/admin/gql".to_owned(),
            200,
            json!({"data": {"modify_compute_session": {"item": node}}}),
        ),
        (
            "POST",
            "/session/s1/imagify?image_name=my-image".to_owned(),
            200,
            json!({"task_id": "b1f0c2d4-0000-4000-8000-000000000001"}),
        ),
    ];
    let server = Server::start("v9.20250722", routes);
    let sb = Sandbox::new();
    let v = json_out(&bai(
        &sb,
        &server,
        &["-o", "json", "session", "set-priority", SESSION, "42"],
    ));
    assert_eq!(v["session"]["priority"], 42);
    let gql = &server.seen()[0];
    assert!(gql.body["query"]
        .as_str()
        .unwrap()
        .contains("modify_compute_session"));
    assert_eq!(gql.body["variables"]["input"]["priority"], 42);
    let out = bai(&sb, &server, &["session", "set-priority", SESSION, "101"]);
    assert_eq!(out.code, 2, "{}", out.stderr);

    let out = bai(
        &sb,
        &server,
        &["session", "convert-to-image", "s1", "my-image"],
    );
    ok(&out);
    assert!(out.stderr.contains("to image my-image"), "{}", out.stderr);
    let v = json_out(&bai(
        &sb,
        &server,
        &[
            "-o",
            "json",
            "session",
            "convert-to-image",
            "s1",
            "my-image",
        ],
    ));
    assert_eq!(
        v["result"]["task_id"],
        "b1f0c2d4-0000-4000-8000-000000000001"
    );
}

const TASK: &str = "b1f0c2d4-0000-4000-8000-000000000002";

fn try_start_server(events: &str) -> Server {
    let routes = vec![
        (
            "POST",
            "/services/_/try".to_owned(),
            200,
            json!({ "task_id": TASK }),
        ),
        (
            "GET",
            format!("/events/background-task?task_id={TASK}"),
            200,
            Value::String(events.to_owned()),
        ),
    ];
    Server::start("v9.20250722", routes)
}

#[test]
fn service_try_start_posts_the_create_body_and_follows_the_task() {
    let server = try_start_server(
        "event: bgtask_updated\ndata: {\"message\": \"Pulling the image\", \"current_progress\": 1, \"total_progress\": 2}\n\n\
         event: bgtask_done\ndata: {\"message\": \"\"}\n\n",
    );
    let sb = Sandbox::new();
    let args = [
        "service",
        "try-start",
        "cr.backend.ai/testing/vllm:0.6",
        "my-model",
        "-t",
        "svc-try",
        "-r",
        "cpu=2",
        "--scaling-group",
        "default",
    ];
    let out = bai(&sb, &server, &args);
    ok(&out);
    assert!(out.stderr.contains("Pulling the image"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Model service validation started."),
        "{}",
        out.stderr
    );
    let b = &server.seen()[0].body;
    assert_eq!(b["name"], "svc-try");
    assert_eq!(b["desired_session_count"], 1);
    assert_eq!(b["config"]["model"], "my-model");
    assert_eq!(b["config"]["model_version"], "1");
    assert_eq!(b["config"]["resources"]["cpu"], "2");

    let mut jargs = vec!["-o", "json"];
    jargs.extend(args);
    let v = json_out(&bai(&sb, &server, &jargs));
    assert_eq!(v["task_id"], TASK);
}

#[test]
fn service_try_start_fails_with_the_tasks_message() {
    let server = try_start_server(
        "event: bgtask_failed\ndata: {\"message\": \"model folder not found\"}\n\n",
    );
    let sb = Sandbox::new();
    let out = bai(&sb, &server, &["service", "try-start", "img", "my-model"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Error during the operation: model folder not found"),
        "{}",
        out.stderr
    );
}
