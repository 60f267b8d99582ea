//! `run --env-range/--build-range/--exec-range` expansion matches the real Python CLI
//! (tests/fixtures/run_range_expansion_23.09.10.json): same session names, same environ,
//! same printed `env = ..., build = ..., exec = ...` lines.

mod common;

use common::{run, Sandbox};
use serde_json::Value;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/run_range_expansion_23.09.10.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

#[test]
fn expansion_matches_python_cli() {
    let fx = fixture();
    let cases = fx["cases"].as_array().expect("cases");
    assert!(!cases.is_empty());
    let sb = Sandbox::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let argv: Vec<String> = case["argv"]
            .as_array()
            .expect("argv")
            .iter()
            .skip(1)
            .map(|v| v.as_str().expect("str").to_owned())
            .collect();
        assert_eq!(argv[0], "run", "{id}");

        // JSON plan.
        let mut c = sb.bai();
        c.args(&argv).args(["--dry-run", "-o", "json"]);
        let out = run(c);
        if case["exit_code"]
            .as_str()
            .is_some_and(|s| s.starts_with("exception:"))
        {
            // Python crashes (e.g. KeyError for an undefined $VAR) before creating anything;
            // we refuse with one line and status 2.
            assert_eq!(out.code, 2, "{id}: {}", out.stderr);
            assert!(out.stdout.is_empty(), "{id}");
            assert_eq!(out.stderr.lines().count(), 1, "{id}: {}", out.stderr);
            assert!(case["session_create_requests"]
                .as_array()
                .unwrap()
                .is_empty());
            continue;
        }
        assert_eq!(out.code, 0, "{id}: {}", out.stderr);
        let plan: Value = serde_json::from_str(&out.stdout).expect("plan json");
        let expected_lines = case["printed_combinations"].as_array().expect("lines");
        assert_eq!(
            plan["combinations"].as_array().expect("combinations"),
            expected_lines,
            "{id}: combination lines"
        );
        let expected = case["session_create_requests"].as_array().expect("reqs");
        let got = plan["sessions"].as_array().expect("sessions");
        assert_eq!(got.len(), expected.len(), "{id}: number of sessions");
        for (g, e) in got.iter().zip(expected) {
            assert_eq!(g["name"], e["name"], "{id}: name");
            assert_eq!(g["environ"], e["environ"], "{id}: environ");
            // Key order of environ is the option order, as in the Python request.
            let gk: Vec<_> = g["environ"].as_object().unwrap().keys().collect();
            let ek: Vec<_> = e["environ"].as_object().unwrap().keys().collect();
            assert_eq!(gk, ek, "{id}: environ order");
        }

        // Console mode prints the same combination lines on stdout, status lines on stderr.
        let mut c = sb.bai();
        c.args(&argv).arg("--dry-run");
        let out = run(c);
        assert_eq!(out.code, 0, "{id}: {}", out.stderr);
        let printed: Vec<&str> = out
            .stdout
            .lines()
            .take_while(|l| l.starts_with("env = "))
            .collect();
        let want: Vec<&str> = expected_lines.iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(printed, want, "{id}: stdout lines");
        assert!(
            out.stderr.contains("∙ Session name prefix: myexp"),
            "{id}: {}",
            out.stderr
        );
        if !want.is_empty() {
            assert!(out
                .stderr
                .contains("∙ Running multiple sessions for the following combinations:"));
        }
    }
}

#[test]
fn bad_range_and_resource_specs_exit_2() {
    let sb = Sandbox::new();
    let bad: &[&[&str]] = &[
        &["run", "python", "-c", "x", "--env-range", "X=bogus:1"],
        &["run", "python", "-c", "x", "--env-range", "1X=case:a"],
        &["run", "python", "-c", "x", "--exec-range", "N=range:a"],
        &[
            "run",
            "python",
            "-c",
            "x",
            "--exec-range",
            "N=linspace:0,1,1",
        ],
        &["run", "python", "-c", "x", "-r", "cpu"],
        &["run", "python", "-c", "x", "-r", "mem="],
        &["run", "python", "-c", "x", "-e", "NOVALUE"],
        &[
            "run",
            "python",
            "-c",
            "x",
            "-e",
            "A=$Y",
            "--env-range",
            "Q=case:1,2",
        ],
        &["run", "python"],
        &["run", "python", "main.py", "-c", "x"],
        &["create", "python", "-r", "cpu"],
    ];
    for argv in bad {
        let mut c = sb.bai();
        c.env("BACKEND_ENDPOINT", "http://127.0.0.1:9")
            .args(*argv)
            .arg("--dry-run");
        // `create` has no --dry-run: drop it there.
        if argv[0] == "create" {
            let mut c2 = sb.bai();
            c2.env("BACKEND_ENDPOINT", "http://127.0.0.1:9").args(*argv);
            c = c2;
        }
        let out = run(c);
        assert_eq!(out.code, 2, "{argv:?}: {}", out.stderr);
        let err_lines: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect();
        assert_eq!(err_lines.len(), 1, "{argv:?}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{argv:?}");
    }
}
