//! The 26.9 command groups against the real 23.09.10 manager: fair share, resource usage and
//! scheduling history must fail before sending anything with the one-line "not supported by
//! this server (API version v7...)" error and exit 1, in text and in `-o json`; quota scopes
//! work (over the GraphQL fields 23.09 serves, as the 26.9 Python CLI does). The only change
//! made (a quota on the superadmin's scope, where there was none) is undone by a guard.

mod common;

use common::{assert_unsupported, Live};
use serde_json::Value;

const PROJECT: &str = "2de2b9b5-4e2c-4bd7-9d2c-6c3b0c1c1f7e";
const USER: &str = "f38dea23-50fa-42a0-b5ae-338f5f4693f4";

/// One read and one write (where the group has writes) of every 26.9 group.
fn commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["fair-share", "domain", "list"],
        vec!["fair-share", "user", "get", "default", PROJECT, USER],
        vec!["fair-share", "resource-group", "specs"],
        vec![
            "fair-share",
            "rg-user-usage",
            "list",
            "default",
            "default",
            PROJECT,
        ],
        vec![
            "fair-share",
            "domain",
            "set-weight",
            "default",
            "default",
            "--weight",
            "2",
        ],
        vec![
            "fair-share",
            "resource-group",
            "update-spec",
            "default",
            "--lookback-days",
            "7",
        ],
        vec!["resource-usage", "domain", "list"],
        vec!["resource-usage", "user", "list", "--user-uuid", USER],
        vec!["scheduling-history", "session", "list"],
        vec!["scheduling-history", "route", "list", "--group"],
    ]
}

#[test]
fn the_26_9_groups_are_refused_by_a_23_09_manager() {
    let Some(live) = Live::from_env() else {
        return;
    };
    for args in commands() {
        assert_unsupported(&args, &live.bai(&args));

        let mut json_args = vec!["-o", "json"];
        json_args.extend(&args);
        let out = live.bai(&json_args);
        assert_eq!(out.code, 1, "bai {json_args:?}: {}", out.stderr);
        let v: Value = serde_json::from_str(out.stderr.trim()).expect("one JSON error line");
        assert_eq!(v["error"]["kind"], "unsupported", "{v}");
        let msg = v["error"]["message"].as_str().unwrap_or_default();
        assert!(msg.contains("(API version v7."), "{msg}");
    }
}

/// Unsets the quota scope when dropped (also when the test fails).
struct Unset<'a>(&'a Live, String);

impl Drop for Unset<'_> {
    fn drop(&mut self) {
        let out = self
            .0
            .bai(&["admin", "quota-scope", "unset", "local:volume1", &self.1]);
        assert_eq!(out.code, 0, "cleanup: {}", out.stderr);
    }
}

#[test]
fn quota_scopes_work_on_a_23_09_manager() {
    let Some(live) = Live::from_env() else {
        return;
    };
    // A user by e-mail and a project by name are resolved first, as the Python CLI does.
    let me = live.json(&[
        "admin",
        "quota-scope",
        "get",
        "local:volume1",
        "admin@lablup.com",
    ]);
    let qsid = me["quota_scope_id"].as_str().unwrap().to_owned();
    assert!(qsid.starts_with("user:"), "{me}");
    assert_eq!(me["storage_host_name"], "local:volume1");
    let project = live.json(&[
        "admin",
        "quota-scope",
        "get",
        "local:volume1",
        "default",
        "-t",
        "project",
    ]);
    assert!(project["quota_scope_id"]
        .as_str()
        .unwrap()
        .starts_with("project:"));
    let out = live.bai(&[
        "admin",
        "quota-scope",
        "get",
        "local:volume1",
        "nobody@example.invalid",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);

    // set/unset only when unset undoes it exactly (no limit before).
    if !me["hard_limit_bytes"].is_null() {
        println!("quota set/unset skipped: the scope already has a limit");
        return;
    }
    let uuid = qsid.trim_start_matches("user:").to_owned();
    let _guard = Unset(&live, uuid.clone());
    let set = live.json(&["admin", "quota-scope", "set", "local:volume1", &uuid, "1g"]);
    assert_eq!(set["ok"], true, "{set}");
    assert_eq!(set["quota_scope"]["quota_scope_id"], qsid.as_str());
    let out = live.ok(&["admin", "quota-scope", "unset", "local:volume1", &uuid]);
    assert!(out.stderr.contains("unset"), "{}", out.stderr);
}
