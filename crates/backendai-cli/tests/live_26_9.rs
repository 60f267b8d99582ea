//! The 26.9-only command groups against the real 23.09.10 manager: each must fail before
//! sending anything with the one-line "not supported by this server (API version v7...)"
//! error and exit 1, in text and in `-o json`. Nothing is created, so nothing is cleaned up.

mod common;

use common::Live;
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
        vec!["admin", "quota-scope", "get", "local:volume1", USER],
        vec!["admin", "quota-scope", "set", "local:volume1", USER, "1g"],
        // A name the 26.9 CLI would resolve first: refused before any lookup.
        vec![
            "admin",
            "quota-scope",
            "unset",
            "local:volume1",
            "default",
            "-t",
            "project",
        ],
    ]
}

#[test]
fn the_26_9_groups_are_refused_by_a_23_09_manager() {
    let Some(live) = Live::from_env() else {
        return;
    };
    for args in commands() {
        let out = live.bai(&args);
        assert_eq!(out.code, 1, "bai {args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "bai {args:?}: {}", out.stdout);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "bai {args:?}: {}", out.stderr);
        assert!(
            lines[0].starts_with("error: ")
                && lines[0].contains("is not supported by this server (API version v7."),
            "bai {args:?}: {}",
            lines[0]
        );

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
