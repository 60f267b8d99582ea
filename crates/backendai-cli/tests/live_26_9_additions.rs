//! The 26.9 commands added to existing groups (issue 16 part 2) against the real 23.09.10
//! manager:
//! - the 26.9-only ones (vfolder trash bin, session set-priority/convert-to-image, service
//!   try-start, admin prometheus-query-definition) fail before sending anything with the
//!   one-line "not supported by this server (API version v7...)" error and exit 1, in text
//!   and in `-o json` (the names used do not exist: a request sent would have been answered
//!   with "not found" instead);
//! - `admin scaling-group associate-scaling|dissociate-scaling` (the 26.9 names of the 23.09
//!   GraphQL mutations) work, on a scaling group and a domain of the test's own, removed by a
//!   guard even on failure.

mod common;

use common::{assert_unsupported, assert_unsupported_json, suffix, Cleanup, Live};
use serde_json::Value;

const DEF: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const SESSION: &str = "11111111-2222-3333-4444-555555555555";

fn refused_commands(folder: &str) -> Vec<Vec<String>> {
    let pqd = |rest: &[&str]| -> Vec<String> {
        ["admin", "prometheus-query-definition"]
            .iter()
            .chain(rest)
            .map(|s| (*s).to_owned())
            .collect()
    };
    let own = |a: &[&str]| -> Vec<String> { a.iter().map(|s| (*s).to_owned()).collect() };
    vec![
        own(&["vfolder", "delete-trash", folder]),
        own(&["vfolder", "purge", folder]),
        own(&["vfolder", "recover", folder]),
        own(&["vfolder", "restore", folder]),
        own(&["session", "set-priority", SESSION, "10"]),
        own(&["session", "set-priority", folder, "10"]),
        own(&["session", "convert-to-image", folder, "bai-live-image"]),
        own(&["service", "try-start", "python:3.9-ubuntu20.04", folder]),
        pqd(&["search"]),
        pqd(&["info", DEF]),
        pqd(&[
            "add",
            "--name",
            folder,
            "--metric-name",
            "m",
            "--query-template",
            "q",
        ]),
        pqd(&["modify", DEF, "--name", "x"]),
        pqd(&["delete", DEF, "--yes"]),
        pqd(&["execute", DEF]),
    ]
}

#[test]
fn the_26_9_only_additions_are_refused_by_a_23_09_manager() {
    let Some(live) = Live::from_env() else {
        return;
    };
    let folder = format!("bai-live-nosuch-{}", suffix());
    for args in refused_commands(&folder) {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_unsupported(&args, &live.bai(&argv));
        assert_unsupported_json(&live, &argv);
    }
}

#[test]
fn associate_scaling_and_dissociate_scaling_round_trip() {
    let Some(l) = Live::from_env() else { return };
    let sg = format!("bai-live-sg26-{}", suffix());
    let domain = format!("bai-live-sgdom26-{}", suffix());
    let mut cleanup = Cleanup::new(&l);
    cleanup.then(&["admin", "scaling-group", "delete", &sg]);
    cleanup.then(&["admin", "domain", "purge", &domain]);
    cleanup.then(&["admin", "domain", "delete", &domain]);
    cleanup.then(&["admin", "scaling-group", "dissociate-scaling", &sg, &domain]);
    // Inactive and on a domain of its own: nothing else can be scheduled into it.
    l.ok(&["-q", "admin", "scaling-group", "add", &sg, "--inactive"]);
    l.ok(&["-q", "admin", "domain", "add", &domain]);

    let assoc = ["admin", "scaling-group", "associate-scaling", &sg, &domain];
    let out = l.ok(&assoc);
    assert!(
        out.stderr.contains(&format!(
            "Scaling group {sg} is associated with domain {domain}."
        )),
        "{}",
        out.stderr
    );
    // The manager's unique key refuses a second association: the read-back of the first.
    let again = l.bai(&assoc);
    assert_ne!(again.code, 0, "associated twice: {}", again.stdout);
    assert!(
        again.stderr.contains("uq_sgroup_domain"),
        "{}",
        again.stderr
    );

    let mut dissoc = vec!["-o", "json", "admin", "scaling-group", "dissociate-scaling"];
    dissoc.extend([sg.as_str(), domain.as_str()]);
    let out = l.ok(&dissoc);
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["ok"], true, "{v}");
    // Associating again works once the first association is gone.
    l.ok(&assoc);
}
