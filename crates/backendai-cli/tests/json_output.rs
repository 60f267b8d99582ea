//! Every command honours `-o json`: walked from the top-level help, each leaf command runs
//! against an unreachable manager (or fails on its dummy arguments) and must
//! - on failure, write one JSON object `{"error": {"kind", "message", "status",
//!   "request_id"}}` as the last line of stderr, exit with the status its kind maps to, and
//!   exit with the same status as without `-o json` (where stderr says `error: ...`);
//! - on success, write only JSON on stdout.

mod common;

use std::time::Duration;

use common::{run, subcommands, Out, Sandbox};
use serde_json::Value;

/// An endpoint nothing listens on: every network call fails at once with `connect`.
const UNREACHABLE: &str = "http://127.0.0.1:9";

/// Arguments that replace the dummy ones for commands whose dummies would not end the
/// command quickly or would not reach it at all.
const OVERRIDES: &[(&str, &[&str])] = &[
    // The proxy serves until Ctrl-C; an address it cannot bind makes it fail at once.
    ("proxy", &["--bind", "256.0.0.1"]),
    // Two values: one vfolder location and a local destination.
    ("vfolder cp", &["folder:file", "./dest"]),
];

/// Commands whose successful output is not JSON by nature, and why.
const NOT_JSON: &[(&str, &str)] = &[("completion", "the output is a shell script")];

/// Values for the required arguments named in the help's `Usage:` line after the command
/// path: `<X>` and `<X>...` get one dummy value, `--flag <X>` keeps the flag.
fn required_args(help: &str, path: &[String]) -> Vec<String> {
    let usage = help
        .lines()
        .find_map(|l| l.strip_prefix("Usage: "))
        .unwrap_or_default();
    let mut words: Vec<String> = Vec::new();
    // `<SRC... DEST>` is one placeholder with a space inside.
    let mut open: Option<String> = None;
    for w in usage.split_whitespace().skip(1 + path.len()) {
        match open.take() {
            Some(mut acc) => {
                acc.push(' ');
                acc.push_str(w);
                if w.contains('>') {
                    words.push(acc);
                } else {
                    open = Some(acc);
                }
            }
            None if w.starts_with('<') && !w.contains('>') => open = Some(w.to_owned()),
            None => words.push(w.to_owned()),
        }
    }
    let mut args = Vec::new();
    for w in words {
        if w.starts_with('<') {
            args.push("dummy1".to_owned());
        } else if w.starts_with("--") {
            args.push(w);
        }
    }
    args
}

/// Every leaf command (a path of subcommand names) with the arguments to run it with.
fn leaf_commands(sb: &Sandbox) -> Vec<(Vec<String>, Vec<String>)> {
    let mut leaves = Vec::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(path) = queue.pop() {
        let mut cmd = sb.bai();
        cmd.args(&path).arg("--help");
        let out = run(cmd);
        assert_eq!(out.code, 0, "bai {} --help: {}", path.join(" "), out.stderr);
        let subs = subcommands(&out.stdout);
        // A group that also runs on its own (`admin vfolders`) is a leaf too.
        let runs_alone = subs.is_empty() || out.stdout.contains("[COMMAND]");
        if runs_alone && !path.is_empty() {
            let shown = path.join(" ");
            let args = match OVERRIDES.iter().find(|(p, _)| *p == shown) {
                Some((_, args)) => args.iter().map(|s| (*s).to_owned()).collect(),
                None => required_args(&out.stdout, &path),
            };
            leaves.push((path.clone(), args));
        }
        for s in subs {
            let mut p = path.clone();
            p.push(s);
            queue.push(p);
        }
    }
    leaves
}

fn bai(sb: &Sandbox, json: bool, path: &[String], args: &[String]) -> Out {
    let mut c = sb.bai_at(UNREACHABLE, "AKIAIOSFODNN7EXAMPLE", "secret");
    c.current_dir(sb.home.path())
        .timeout(Duration::from_secs(30))
        .write_stdin("");
    if json {
        c.args(["-o", "json"]);
    }
    c.args(path).args(args);
    run(c)
}

/// The exit status an error kind maps to.
fn status_of(kind: &str) -> i32 {
    match kind {
        "invalid-argument" => 2,
        "auth-failed" | "permission-denied" => 3,
        _ => 1,
    }
}

/// Checks one `-o json` run; returns a description of what is wrong, if anything.
fn check(shown: &str, json: &Out, text: &Out) -> Option<String> {
    if json.code == 0 {
        if NOT_JSON.iter().any(|(c, _)| *c == shown) {
            return None;
        }
        let mut values = serde_json::Deserializer::from_str(&json.stdout).into_iter::<Value>();
        return match values.all(|v| v.is_ok()) {
            true => None,
            false => Some(format!("stdout is not JSON: {:?}", json.stdout)),
        };
    }
    let last = json.stderr.lines().rev().find(|l| !l.trim().is_empty());
    let Some(Ok(v)) = last.map(serde_json::from_str::<Value>) else {
        return Some(format!("stderr does not end in JSON: {:?}", json.stderr));
    };
    let error = &v["error"];
    let keys: Vec<&String> = error
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    if keys != ["kind", "message", "status", "request_id"] {
        return Some(format!("error keys {keys:?} in {v}"));
    }
    let kind = error["kind"].as_str().unwrap_or_default();
    // ssh/scp pass their own exit status through.
    if kind != "child-failed" && json.code != status_of(kind) {
        return Some(format!("kind {kind} but exit status {}", json.code));
    }
    if text.code != json.code {
        return Some(format!(
            "exit {} without -o json, {} with",
            text.code, json.code
        ));
    }
    if !text.stderr.contains("error: ") || json.stderr.contains("error: ") {
        return Some(format!(
            "text stderr {:?} / json stderr {:?}",
            text.stderr, json.stderr
        ));
    }
    if error["message"].as_str().unwrap_or_default().is_empty() {
        return Some(format!("empty message in {v}"));
    }
    None
}

#[test]
fn every_command_honours_output_json() {
    let sb = Sandbox::new();
    let leaves = leaf_commands(&sb);
    assert!(leaves.len() > 120, "only {} commands found", leaves.len());
    let mut problems = Vec::new();
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for (path, args) in &leaves {
        let shown = path.join(" ");
        let json = bai(&sb, true, path, args);
        let text = bai(&sb, false, path, args);
        if let Some(p) = check(&shown, &json, &text) {
            problems.push(format!("bai -o json {shown} {}: {p}", args.join(" ")));
        }
        if let Some(line) = json.stderr.lines().last() {
            if let Ok(v) = serde_json::from_str::<Value>(line) {
                let kind = v["error"]["kind"].as_str().unwrap_or("?").to_owned();
                *kinds.entry(kind).or_default() += 1;
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The walk reached the commands' own code: network calls failed to connect, local
    // checks refused bad input.
    assert!(kinds.get("connect").copied().unwrap_or(0) > 80, "{kinds:?}");
    assert!(kinds.contains_key("invalid-argument"), "{kinds:?}");
}

#[test]
fn a_clap_usage_error_is_json_too() {
    let sb = Sandbox::new();
    for args in [
        &["-o", "json", "ps", "--bogus"][..],
        &["ps", "--status", "NOPE", "--output=json"],
        &["-ojson", "admin", "user", "add"],
    ] {
        let mut c = sb.bai();
        c.args(args);
        let out = run(c);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
        let v: Value = serde_json::from_str(out.stderr.trim()).expect("one JSON object");
        assert_eq!(v["error"]["kind"], "invalid-argument", "{v}");
        assert!(!v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("error:"));
    }
    // Help stays help.
    let mut c = sb.bai();
    c.args(["-o", "json", "ps", "--help"]);
    let out = run(c);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with("List compute sessions"),
        "{}",
        out.stdout
    );
}

#[test]
fn required_args_come_from_the_usage_line() {
    let path = ["vfolder".to_owned(), "cp".to_owned()];
    let help = "Usage: bai vfolder cp [OPTIONS] <SRC... DEST>...\n";
    assert_eq!(required_args(help, &path), ["dummy1"]);
    let path = ["x".to_owned()];
    let help = "Usage: bai x [OPTIONS] --must <V> <A> [B]\n";
    assert_eq!(required_args(help, &path), ["--must", "dummy1", "dummy1"]);
}
