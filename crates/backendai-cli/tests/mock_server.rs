//! Exit-code matrix and output snapshots against an in-process mock manager.
//!
//! | case | exit |
//! |---|---|
//! | success | 0 |
//! | server failure (500), unknown session (404), connection refused | 1 |
//! | bad flag, bad range expression, bad resource spec, server `400 invalid-api-params` | 2 |
//! | wrong key (`401 auth-failed`), forbidden (403) | 3 |

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use common::{run, Sandbox};

/// One canned answer: (status line, content type, body).
type Answer = (u16, &'static str, String);

/// A tiny HTTP/1.1 server: `GET /` answers the version; every other request gets `answer`.
/// Records the request lines and bodies it saw.
struct Mock {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
    bodies: Arc<Mutex<Vec<String>>>,
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Other",
    }
}

fn start(answer: Answer) -> Mock {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let bodies2 = bodies.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let mut len = 0usize;
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
                let lower = h.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0u8; len];
            let _ = reader.read_exact(&mut body);
            let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
            seen2.lock().unwrap().push(line.trim().to_owned());
            bodies2
                .lock()
                .unwrap()
                .push(String::from_utf8_lossy(&body).into_owned());
            let (code, ctype, text) = if path == "/" {
                (
                    200,
                    "application/json",
                    r#"{"version": "v7.20230615", "manager": "23.09.10"}"#.to_owned(),
                )
            } else {
                answer.clone()
            };
            let resp = format!(
                "HTTP/1.1 {code} {}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                reason(code),
                text.len()
            );
            let _ = stream.write_all(resp.as_bytes());
        }
    });
    Mock { url, seen, bodies }
}

fn problem(kind: &str, title: &str) -> String {
    format!(r#"{{"type": "https://api.backend.ai/probs/{kind}", "title": "{title}"}}"#)
}

fn bai(sb: &Sandbox, mock: &Mock, args: &[&str]) -> common::Out {
    let mut c = sb.bai_at(
        &mock.url,
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    c.args(args);
    run(c)
}

fn sessions_answer() -> String {
    serde_json::json!({"data": {"compute_session_list": {
    "total_count": 2,
    "items": [
        {"name": "sess-a", "id": "5d33ab94-7c56-4443-8f70-9d26d36a2737", "group_name": "default",
         "image": "cr.backend.ai/stable/python:3.9-ubuntu20.04", "type": "INTERACTIVE",
         "status": "RUNNING", "status_info": null, "status_changed": "2026-11-23T13:39:55+00:00",
         "result": "UNDEFINED"},
        {"name": "sess-b", "id": "ac7ff675-e9ed-474b-873d-f9c289184e7e", "group_name": "default",
         "image": "cr.backend.ai/stable/python:3.9-ubuntu20.04", "type": "BATCH",
         "status": "PENDING", "status_info": "", "status_changed": "2026-11-23T13:40:00+00:00",
         "result": "UNDEFINED"}
    ]}}})
    .to_string()
}

#[test]
fn ps_table_and_json() {
    let sb = Sandbox::new();
    let mock = start((200, "application/json", sessions_answer()));
    let out = bai(&sb, &mock, &["ps"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("ps_table", out.stdout);
    let out = bai(&sb, &mock, &["-o", "json", "ps"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("ps_json", out.stdout);
    let out = bai(&sb, &mock, &["ps", "--name-only"]);
    assert_eq!(out.stdout, "sess-a\nsess-b\n");
    let seen = mock.seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|l| l.starts_with("POST /admin/gql")),
        "{seen:?}"
    );
}

/// The page size each `ps` form asks the (23.09) server for: bulk pages when the user chose
/// none (issue 18: a page costs the 23.09 manager ~40 ms beyond its rows), else `--limit`.
#[test]
fn ps_asks_for_bulk_pages_only_when_no_limit_is_given() {
    let sb = Sandbox::new();
    let limit_sent = |args: &[&str]| {
        let mock = start((200, "application/json", sessions_answer()));
        let out = bai(&sb, &mock, args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let bodies = mock.bodies.lock().unwrap().clone();
        let gql: Vec<serde_json::Value> = bodies
            .iter()
            .filter(|b| b.contains("compute_session_list"))
            .map(|b| serde_json::from_str(b).expect("JSON body"))
            .collect();
        assert_eq!(gql.len(), 1, "{args:?}: {bodies:?}");
        gql[0]["variables"]["limit"].as_u64().expect("limit")
    };
    assert_eq!(limit_sent(&["ps"]), 1000);
    assert_eq!(limit_sent(&["ps", "--name-only"]), 1000);
    assert_eq!(limit_sent(&["ps", "--limit", "7"]), 7);
    assert_eq!(limit_sent(&["-o", "json", "ps"]), 20);
}

#[test]
fn wrong_key_is_3() {
    let sb = Sandbox::new();
    let mock = start((
        401,
        "application/problem+json",
        problem("auth-failed", "Signature mismatch"),
    ));
    for args in [
        &["ps"][..],
        &["info", "sess-a"],
        &["vfolder", "list"],
        &["admin", "user", "list"],
    ] {
        let out = bai(&sb, &mock, args);
        assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    let out = bai(&sb, &mock, &["ps"]);
    insta::assert_snapshot!("error_auth", out.stderr);
}

#[test]
fn forbidden_is_3() {
    let sb = Sandbox::new();
    let mock = start((
        403,
        "application/problem+json",
        problem("forbidden", "Forbidden operation"),
    ));
    let out = bai(&sb, &mock, &["info", "sess-a"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
}

#[test]
fn server_failure_is_1() {
    let sb = Sandbox::new();
    let mock = start((
        500,
        "application/problem+json",
        problem("internal-server-error", "Internal server error"),
    ));
    let out = bai(&sb, &mock, &["info", "sess-a"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    insta::assert_snapshot!("error_server", out.stderr);
}

#[test]
fn unknown_session_is_1() {
    let sb = Sandbox::new();
    let mock = start((
        404,
        "application/problem+json",
        problem("session-not-found", "No such session."),
    ));
    let out = bai(&sb, &mock, &["info", "nosuch"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let out = bai(&sb, &mock, &["rm", "nosuch"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn server_invalid_argument_is_2() {
    let sb = Sandbox::new();
    let mock = start((
        400,
        "application/problem+json",
        problem("invalid-api-params", "Invalid API parameters."),
    ));
    let out = bai(&sb, &mock, &["create", "python", "-t", "abcd"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn connection_refused_is_1() {
    let sb = Sandbox::new();
    let mut c = sb.bai_at("http://127.0.0.1:9", "AK", "SK");
    c.arg("ps");
    let out = run(c);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
}

#[test]
fn short_session_name_is_2_without_network() {
    let sb = Sandbox::new();
    let mut c = sb.bai_at("http://127.0.0.1:9", "AK", "SK");
    c.args(["create", "python", "-t", "ab"]);
    let out = run(c);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn success_is_0_with_json_mutation() {
    let sb = Sandbox::new();
    let mock = start((200, "application/json", "{}".to_owned()));
    let out = bai(&sb, &mock, &["-o", "json", "restart", "sess-a"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["ok"], true);
    let seen = mock.seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|l| l.starts_with("PATCH /session/sess-a")),
        "{seen:?}"
    );
}

#[test]
fn manager_freeze_and_unfreeze() {
    let sb = Sandbox::new();
    let mock = start((
        200,
        "application/json",
        r#"{"status": "running", "active_sessions": 0}"#.to_owned(),
    ));
    let out = bai(&sb, &mock, &["-o", "json", "manager", "freeze", "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["ok"], true);
    let out = bai(&sb, &mock, &["manager", "unfreeze"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("unfrozen"), "{}", out.stderr);
    let seen = mock.seen.lock().unwrap().clone();
    let status: Vec<&String> = seen
        .iter()
        .filter(|l| l.contains("/manager/status"))
        .collect();
    // --wait reads the status (no active sessions) before freezing; then one unfreeze.
    assert!(status[0].starts_with("GET "), "{seen:?}");
    assert_eq!(
        status.iter().filter(|l| l.starts_with("PUT ")).count(),
        2,
        "{seen:?}"
    );
    let out = bai(&sb, &mock, &["manager", "freeze", "--wait", "--force-kill"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

/// Regression: `run` printed console records of other kinds (html, media, ...) with a bare
/// `println!`, which panics when stdout is closed (`bai run ... | head`). Now they go through
/// the printer and a closed pipe ends the run quietly with status 0.
#[test]
fn run_console_record_on_a_closed_stdout_is_quiet_not_a_println_panic() {
    let sb = Sandbox::new();
    // One answer for both calls: the creation reads the session fields, the execution
    // reads `result` (finished, with one html record).
    let answer = serde_json::json!({
        "sessionId": "5d33ab94-7c56-4443-8f70-9d26d36a2737",
        "sessionName": "closed-pipe",
        "status": "RUNNING",
        "created": true,
        "result": {"runId": "r1", "status": "finished", "exitCode": 0,
                   "console": [["html", "<b>hello</b>"]]}
    });
    let mock = start((200, "application/json", answer.to_string()));
    let bin = assert_cmd::cargo::cargo_bin("bai");
    let mut child = std::process::Command::new(bin)
        .env_clear()
        .env("HOME", sb.home.path())
        .env("XDG_CONFIG_HOME", sb.home.path().join(".config"))
        .env("XDG_STATE_HOME", sb.home.path().join(".local/state"))
        .env("BACKEND_ENDPOINT", &mock.url)
        .env("BACKEND_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "BACKEND_SECRET_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .args(["run", "-t", "closed-pipe", "python", "-c", "print(1)"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let seen = mock.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .any(|l| l.starts_with("POST /session/closed-pipe")),
        "the code was executed: {seen:?}"
    );
}

/// `events` reads the SDK's event stream and prints each event through the printer: text
/// lines, or one JSON object per line with `-o json`; a final event ends the command.
#[test]
fn events_print_through_the_printer_and_stop_at_a_final_event() {
    let sb = Sandbox::new();
    let stream = concat!(
        "event: session_started\n",
        "data: {\"sessionName\": \"sess-a\", \"reason\": \"\"}\n\n",
        "event: session_terminated\n",
        "data: {\"sessionName\": \"sess-a\", \"reason\": \"user-requested\"}\n\n",
        "event: never_printed\n",
        "data: {}\n\n",
    );
    let mock = start((200, "text/event-stream", stream.to_owned()));
    let out = bai(&sb, &mock, &["events", "sess-a"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].starts_with("session_started {"), "{}", lines[0]);
    assert!(lines[1].starts_with("session_terminated {"), "{}", lines[1]);

    let out = bai(&sb, &mock, &["-o", "json", "events", "sess-a"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["event"], "session_terminated");
    assert_eq!(events[1]["data"]["reason"], "user-requested");
    let seen = mock.seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|l| l.starts_with("GET /events/session?")),
        "{seen:?}"
    );
}

/// With `-o json`, `run` keeps the program's console output in its JSON summary: stdout
/// carries one JSON document and nothing else.
#[test]
fn run_with_json_output_keeps_console_output_in_the_summary() {
    let sb = Sandbox::new();
    let answer = serde_json::json!({
        "sessionName": "json-run",
        "status": "RUNNING",
        "created": true,
        "result": {"runId": "r1", "status": "finished", "exitCode": 0,
                   "console": [["stdout", "hello\n"], ["stderr", "warn\n"],
                               ["html", "<b>x</b>"]]}
    });
    let mock = start((200, "application/json", answer.to_string()));
    let out = bai(
        &sb,
        &mock,
        &[
            "-o", "json", "run", "-t", "json-run", "python", "-c", "print(1)",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    let case = &v["sessions"][0];
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(case["exit_code"], 0);
    assert_eq!(case["output"]["stdout"], "hello\n");
    assert_eq!(case["output"]["stderr"], "warn\n");
    assert_eq!(case["output"]["records"][0]["type"], "html");
    assert!(!out.stderr.contains("warn"), "{}", out.stderr);
}
