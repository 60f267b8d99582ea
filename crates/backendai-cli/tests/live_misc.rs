//! Live: the small 23.09 commands against the real Backend.AI stack — `session
//! status-history|show-graph|abuse-history|commit` and `apps` on a dummy-agent session in
//! scaling group `default` (destroyed when the test ends, also on failure), `admin permission
//! list`, `admin license show`, `admin manager scheduler`, `admin announcement get` and
//! `update-password-no-auth`, each checked against what the real manager answers.

mod common;

use common::{suffix, Live};
use serde_json::Value;

const IMAGE: &str = "cr.backend.ai/stable/python:3.9-ubuntu20.04";

/// Destroys the session when the test ends, even on failure.
struct Destroy<'a>(&'a Live, String);

impl Drop for Destroy<'_> {
    fn drop(&mut self) {
        let _ = self.0.bai(&["destroy", "-f", &self.1]);
    }
}

#[test]
fn live_session_inspection_and_apps() {
    let Some(l) = Live::from_env() else { return };
    let name = format!("bai-cli-misc-{}", suffix());
    let _destroy = Destroy(&l, name.clone());
    let created = l.json(&[
        "create",
        "--name",
        &name,
        "--scaling-group",
        "default",
        "-r",
        "cpu=1",
        "-r",
        "mem=512m",
        IMAGE,
    ]);
    assert_eq!(created["status"], "RUNNING", "{created}");
    let id = created["sessionId"]
        .as_str()
        .expect("session id")
        .to_owned();

    // The 23.09.10 manager has no REST route for it (the Python CLI fails with a 404).
    let history = l.json(&["session", "status-history", &name]);
    let statuses: Vec<&String> = history["status_history"]
        .as_object()
        .expect("status_history object")
        .keys()
        .collect();
    for st in ["PENDING", "SCHEDULED", "PREPARING", "RUNNING"] {
        assert!(statuses.iter().any(|s| *s == st), "{st} in {history}");
    }
    assert!(
        history["allocation_time"]["seconds"].as_i64().unwrap() >= 0,
        "{history}"
    );
    let table = l.ok(&["session", "status-history", &name]);
    let order: Vec<&str> = table
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|w| ["PENDING", "SCHEDULED", "PREPARING", "RUNNING"].contains(w))
        .collect();
    assert_eq!(
        order,
        ["PENDING", "SCHEDULED", "PREPARING", "RUNNING"],
        "{}",
        table.stdout
    );
    assert!(
        table.stderr.contains("Actual Resource Allocation Time:"),
        "{}",
        table.stderr
    );

    let graph = l.json(&["session", "show-graph", &name]);
    assert_eq!(graph["session_name"], name.as_str(), "{graph}");
    assert_eq!(graph["session_id"], id.as_str(), "{graph}");
    assert_eq!(graph["status"], "KernelStatus.RUNNING", "{graph}");
    assert_eq!(graph["depends_on"], serde_json::json!([]), "{graph}");
    let tree = l.ok(&["session", "show-graph", &name]);
    assert!(
        tree.stdout.starts_with(&format!("{name} (\"RUNNING\"")),
        "{}",
        tree.stdout
    );
    let table = l.ok(&["session", "show-graph", "-t", &name]);
    assert!(table.stdout.contains(&id), "{}", table.stdout);

    assert_eq!(
        l.json(&["session", "abuse-history", &name]),
        serde_json::json!({})
    );

    // The dummy agent answers a commit like a real one.
    let commit = l.json(&["session", "commit", &name]);
    assert_eq!(commit["ok"], true, "{commit}");
    assert_eq!(
        commit["result"]["bgtask_id"].as_str().map(str::len),
        Some(36),
        "{commit}"
    );
    assert!(
        commit["result"]["path"]
            .as_str()
            .unwrap_or_default()
            .ends_with(".tar.gz"),
        "{commit}"
    );

    // Apps: none yet; after the stack exposes one, listed, named (Python: TypeError) and
    // by name only.
    assert_eq!(l.json(&["apps", &name])["count"], 0);
    let expose = std::env::var("BAI_REALSTACK_EXPOSE_APP").expect("the stack's expose-app");
    let out = std::process::Command::new(&expose)
        .args([name.as_str(), "myecho", "18997", "tcp"])
        .output()
        .expect("run expose-app");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let apps = l.json(&["apps", &name, "myecho"]);
    assert_eq!(apps["count"], 1, "{apps}");
    assert_eq!(apps["items"][0]["name"], "myecho", "{apps}");
    assert_eq!(apps["items"][0]["protocol"], "tcp", "{apps}");
    assert_eq!(
        l.json(&["apps", "-l", &name]),
        serde_json::json!(["myecho"])
    );
    let listed = l.ok(&["apps", &name]);
    assert!(listed.stdout.contains("myecho"), "{}", listed.stdout);
    let unknown = l.bai(&["apps", &name, "no-such-app"]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("\"no-such-app\""),
        "{}",
        unknown.stderr
    );
}

#[test]
fn live_admin_permission_license_scheduler_announcement() {
    let Some(l) = Live::from_env() else { return };
    let perms = l.json(&["admin", "permission", "list"]);
    let list = perms["vfolder_host_permission_list"]
        .as_array()
        .expect("list");
    assert!(list.iter().any(|p| p == "mount-in-session"), "{perms}");
    let table = l.ok(&["admin", "permission", "list"]);
    assert!(
        table.stdout.contains("create-vfolder, modify-vfolder"),
        "{}",
        table.stdout
    );

    // The open-source manager has no license: a clear failure (Python: a 404 traceback-free
    // error, exit 1).
    let lic = l.bai(&["admin", "license", "show"]);
    assert_eq!(lic.code, 1, "{}", lic.stderr);
    assert!(
        lic.stderr.contains("no license information"),
        "{}",
        lic.stderr
    );

    // Include the alive agents (already schedulable: no change for the tests that run
    // sessions meanwhile); an unknown agent is the manager's 404.
    let agents = l.json(&["admin", "agent", "list"]);
    let ids: Vec<&str> = agents["items"]
        .as_array()
        .expect("agent items")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert!(!ids.is_empty(), "{agents}");
    let mut args = vec!["admin", "manager", "scheduler", "include-agents"];
    args.extend(&ids);
    let done = l.json(&args);
    assert_eq!(done["ok"], true, "{done}");
    let ghost = format!("no-such-agent-{}", suffix());
    let out = l.bai(&["admin", "manager", "scheduler", "exclude-agents", &ghost]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("404"), "{}", out.stderr);

    // `admin announcement` is the `announcement` group.
    let a: Value = l.json(&["admin", "announcement", "get"]);
    assert_eq!(a, l.json(&["announcement", "get"]));
    assert!(a.get("enabled").is_some(), "{a}");
}

#[test]
fn live_update_password_no_auth_is_refused_by_this_manager() {
    let Some(l) = Live::from_env() else { return };
    // The stack's manager has no `auth.max_password_age`: it refuses the call for everyone
    // ("Unsupported function.", 400) before looking at the credentials, so no password is
    // changed here.
    let out = l.bai(&[
        "update-password-no-auth",
        "default",
        &format!("nobody-{}@example.com", suffix()),
        "wrong",
        "new-password-1",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("Unsupported function."),
        "{}",
        out.stderr
    );
}
