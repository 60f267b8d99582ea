//! The last 26.9 admin commands (`admin export ...`, `admin resource container-registries`)
//! against the real 23.09.10 manager: each fails before sending anything with the one-line
//! "not supported by this server (API version v7...)" error and exit 1, in text and in
//! `-o json`, and `--output-file` is not created.

mod common;

use common::{assert_unsupported, assert_unsupported_json, suffix, Live};

fn refused_commands(file: &str) -> Vec<Vec<String>> {
    let own = |a: &[&str]| -> Vec<String> { a.iter().map(|s| (*s).to_owned()).collect() };
    vec![
        own(&["admin", "export", "list-reports"]),
        own(&["admin", "export", "users", "--filter-email", "x"]),
        own(&["admin", "export", "sessions", "--output-file", file]),
        own(&["admin", "export", "projects", "--filter-active"]),
        own(&["admin", "export", "keypairs"]),
        own(&["admin", "export", "audit-logs", "-O", "created_at:desc"]),
        own(&["admin", "resource", "container-registries"]),
    ]
}

#[test]
fn the_26_9_admin_exports_and_registries_are_refused_by_a_23_09_manager() {
    let Some(live) = Live::from_env() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(format!("bai-live-export-{}.csv", suffix()));
    let file_arg = file.display().to_string();
    for args in refused_commands(&file_arg) {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_unsupported(&args, &live.bai(&argv));
        assert_unsupported_json(&live, &argv);
    }
    assert!(!file.exists(), "{} was created", file.display());
}
