//! The last 26.9 admin commands end to end, offline: `admin export list-reports`, the CSV
//! exports (to a file and to stdout) and `admin resource container-registries`.
//!
//! Why an in-process server: no 26.9 manager exists here (the live stack is 23.09.10, where
//! these commands must fail with "not supported": `live_26_9_admin.rs`). The server below
//! answers `GET /` with API version `v9.20250722` and other requests with canned answers in
//! the shapes of the 26.9 catalog (`/export/...`, `/container-registries/`), and records what
//! it was sent, so the tests check the requests `bai` builds and what it prints.

mod common;
mod common_v26;

use common::Sandbox;
use common_v26::{bai, json_out, ok, Server};
use serde_json::json;

const CSV: &str = "username,email,role\nalice,alice@example.com,user\nbob,bob@example.com,admin\n";

fn reports() -> String {
    json!({"reports": [
        {"report_key": "users", "name": "Users", "description": "All users",
         "fields": [
            {"key": "username", "name": "Username", "description": "Login name",
             "field_type": "string"},
            {"key": "created_at", "name": "Created", "description": "",
             "field_type": "datetime"}]},
        {"report_key": "audit-logs", "name": "Audit logs", "description": "What happened",
         "fields": [{"key": "operation", "name": "Operation", "description": "",
                     "field_type": "string"}]}
    ]})
    .to_string()
}

#[test]
fn list_reports_prints_a_table_and_json() {
    let server = Server::start_raw(vec![(
        "GET",
        "/export/reports",
        "application/json",
        reports(),
    )]);
    let sb = Sandbox::new();
    let out = bai(&sb, &server, &["admin", "export", "list-reports"]);
    ok(&out);
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap_or_default();
    for col in ["Report", "Name", "Description", "Fields"] {
        assert!(header.contains(col), "{header}");
    }
    let users = lines.find(|l| l.starts_with("users")).unwrap_or_default();
    assert!(
        users.contains("users")
            && users.contains("All users")
            && users.contains("username, created_at"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("audit-logs"), "{}", out.stdout);

    let v = json_out(&bai(
        &sb,
        &server,
        &["-o", "json", "admin", "export", "list-reports"],
    ));
    assert_eq!(v["count"], 2);
    assert_eq!(v["items"][0]["report_key"], "users");
    assert_eq!(v["items"][0]["fields"][1]["field_type"], "datetime");
    assert_eq!(v["items"][1]["fields"][0]["key"], "operation");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen
        .iter()
        .all(|s| s.method == "GET" && s.path == "/export/reports"));
}

#[test]
fn users_csv_goes_to_a_file_or_to_stdout_with_the_filter_and_order() {
    let server = Server::start_raw(vec![(
        "POST",
        "/export/users/csv",
        "text/csv; charset=utf-8",
        CSV.to_owned(),
    )]);
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("users.csv");
    let file_arg = file.display().to_string();
    let args = [
        "admin",
        "export",
        "users",
        "--output-file",
        &file_arg,
        "--fields",
        "username, email,role",
        "--filter-email",
        "example.com",
        "--filter-role",
        "admin",
        "--filter-after",
        "2026-01-02",
        "--filter-before",
        "2026-03-04 05:06:07",
        "-O",
        "username:DESC",
        "--order",
        "email",
        "--encoding",
        "euc-kr",
    ];
    let out = bai(&sb, &server, &args);
    ok(&out);
    // Data in the file, the progress line on stderr, nothing on stdout.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), CSV);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.contains("Exported to"), "{}", out.stderr);

    let out = bai(&sb, &server, &["admin", "export", "users"]);
    ok(&out);
    assert_eq!(out.stdout, CSV);

    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("POST", "/export/users/csv")
    );
    assert_eq!(
        seen[0].body,
        json!({
            "fields": ["username", "email", "role"],
            "filter": {
                "email": {"contains": "example.com"},
                "role": ["admin"],
                "created_at": {"after": "2026-01-02T00:00:00", "before": "2026-03-04T05:06:07"}
            },
            "order": [
                {"field": "username", "direction": "desc"},
                {"field": "email", "direction": "asc"}
            ],
            "encoding": "euc-kr"
        })
    );
    assert_eq!(seen[1].body, json!({"encoding": "utf-8"}));
}

#[test]
fn bad_export_options_are_usage_errors_before_any_request() {
    let server = Server::start_raw(vec![]);
    let sb = Sandbox::new();
    for args in [
        &["admin", "export", "users", "-O", "username:up"][..],
        &[
            "admin",
            "export",
            "sessions",
            "--filter-created-after",
            "yesterday",
        ][..],
        &[
            "admin",
            "export",
            "projects",
            "--filter-active",
            "--filter-inactive",
        ][..],
    ] {
        let out = bai(&sb, &server, args);
        assert_eq!(out.code, 2, "bai {args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "bai {args:?}: {}", out.stdout);
    }
    assert!(server.seen().is_empty(), "{:?}", server.seen());
}

#[test]
fn container_registries_prints_a_table_and_json_without_passwords() {
    let items = json!({"items": [
        {"id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "url": "https://cr.backend.ai",
         "registry_name": "cr.backend.ai", "type": "harbor2", "project": "stable",
         "username": "robot", "password": "hunter2-secret", "ssl_verify": true,
         "is_global": true, "extra": null}
    ]})
    .to_string();
    let server = Server::start_raw(vec![(
        "GET",
        "/container-registries/",
        "application/json",
        items,
    )]);
    let sb = Sandbox::new();
    let out = bai(&sb, &server, &["admin", "resource", "container-registries"]);
    ok(&out);
    let header = out.stdout.lines().next().unwrap_or_default();
    for col in ["id", "registry_name", "url", "type", "project", "is_global"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(
        out.stdout.contains("cr.backend.ai") && out.stdout.contains("harbor2"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("hunter2"), "{}", out.stdout);

    let v = json_out(&bai(
        &sb,
        &server,
        &["-o", "json", "admin", "resource", "container-registries"],
    ));
    assert_eq!(v["count"], 1);
    assert_eq!(v["items"][0]["registry_name"], "cr.backend.ai");
    assert_eq!(v["items"][0]["type"], "harbor2");
    assert!(v["items"][0].get("password").is_none(), "{v}");
    assert_eq!(server.seen().len(), 2);
}
