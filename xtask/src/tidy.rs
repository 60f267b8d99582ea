//! Architecture invariants, checked as tests: `cargo test -p xtask` (and so `cargo xtask ci`)
//! runs them over the workspace.
//!
//! - no `src/` file over 800 lines;
//! - the library crates (core, sdk, appproxy) never print; the CLI never uses `print!`/`println!`
//!   (its output layer writes stdout and handles a closed pipe);
//! - every environment variable read (`env::var`, `env::var_os`, clap `env = ..`) names a
//!   variable of the registry `backendai_core::env_vars`;
//! - crate dependencies point down (cli → appproxy → sdk → core), and a `[dependencies]` entry
//!   is used by non-test code (otherwise it is a dev-dependency);
//! - no API path or GraphQL text in the CLI;
//! - core has no I/O dependencies; only `core::auth` formats the `Authorization` header.
//!
//! Each rule is a pure function in `tidy/rules.rs` or `tidy/manifest.rs` with a unit test that
//! feeds it a bad sample; the tests here apply them to the real tree.
#![cfg(test)]

mod lexer;
mod manifest;
mod rules;

use std::fs;
use std::path::{Path, PathBuf};

use lexer::Scanned;
use manifest::{dependencies, DepKind};
use rules::{Registry, Violation};

/// The library crates (no printing; their `src/` is the public API).
const LIBRARY_CRATES: &[&str] = &[
    "crates/backendai-core",
    "crates/backendai-sdk",
    "crates/backendai-appproxy",
];
const CLI_CRATE: &str = "crates/backendai-cli";
/// Every package of the workspace.
const PACKAGES: &[&str] = &[
    "crates/backendai-core",
    "crates/backendai-sdk",
    "crates/backendai-appproxy",
    "crates/backendai-cli",
    "xtask",
];
const ENV_REGISTRY: &str = "crates/backendai-core/src/env_vars.rs";

/// Files that read a variable whose name is only known at run time, and why that is fine.
/// Every entry must still match such a read (the test fails on a stale entry).
const COMPUTED_ENV_READS: &[(&str, &str)] = &[
    (
        "crates/backendai-cli/src/context.rs",
        "the lookup closure handed to core::config::resolve, which asks for env_vars names only",
    ),
    (
        "crates/backendai-sdk/src/from_env.rs",
        "the SDK's process-environment lookup for core::config::resolve (registry names only)",
    ),
    (
        "xtask/src/bench/environment.rs",
        "`$VAR` expansion in the stack's env.sh: the names come from that file",
    ),
];

struct SourceFile {
    /// Path relative to the workspace root, with `/`.
    rel: String,
    text: String,
}

impl SourceFile {
    fn in_src(&self) -> bool {
        self.rel.split('/').any(|part| part == "src")
    }

    fn scanned(&self) -> Scanned {
        Scanned::new(&self.text)
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `.rs` file of the packages under `dirs` (relative to the root), sorted.
fn sources(dirs: &[&str]) -> Vec<SourceFile> {
    let root = root();
    let mut paths = Vec::new();
    for dir in dirs {
        rust_files(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| SourceFile {
            rel: p
                .strip_prefix(&root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/"),
            text: fs::read_to_string(&p).expect("readable source"),
        })
        .collect()
}

fn src_files(package: &str) -> Vec<SourceFile> {
    sources(&[package])
        .into_iter()
        .filter(|f| f.rel.starts_with(&format!("{package}/src/")))
        .collect()
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

fn package_name(package: &str) -> String {
    let manifest = read(&format!("{package}/Cargo.toml"));
    manifest
        .lines()
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "name").then(|| value.trim().trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| panic!("{package}/Cargo.toml has no package name"))
}

fn assert_none(rule: &str, violations: &[Violation]) {
    let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
    assert!(
        violations.is_empty(),
        "{rule}: {} violation(s)\n{}",
        violations.len(),
        list.join("\n")
    );
}

#[test]
fn no_src_file_is_over_800_lines() {
    let violations: Vec<Violation> = sources(PACKAGES)
        .iter()
        .filter(|f| f.in_src())
        .filter_map(|f| rules::too_long(&f.rel, &f.text))
        .collect();
    assert_none("src files over 800 lines", &violations);
}

#[test]
fn library_crates_do_not_print() {
    let mut violations = Vec::new();
    for krate in LIBRARY_CRATES {
        for f in src_files(krate) {
            violations.extend(rules::print_calls(
                &f.rel,
                &f.scanned().without_tests(),
                rules::LIBRARY_PRINT_MACROS,
                "a library crate never prints (return the data, or log with tracing)",
            ));
        }
    }
    assert_none("printing in library crates", &violations);
}

#[test]
fn the_cli_has_no_bare_println() {
    let mut violations = Vec::new();
    for f in src_files(CLI_CRATE) {
        violations.extend(rules::print_calls(
            &f.rel,
            &f.scanned().without_tests(),
            rules::CLI_STDOUT_MACROS,
            "print through the output layer (a closed pipe makes println! panic)",
        ));
    }
    assert_none("bare print!/println! in the CLI", &violations);
}

#[test]
fn every_environment_variable_read_is_registered() {
    let registry = Registry::parse(&read(ENV_REGISTRY));
    assert!(!registry.is_empty(), "{ENV_REGISTRY}: no variables found");
    let mut violations = Vec::new();
    let mut used_allowances = vec![false; COMPUTED_ENV_READS.len()];
    for f in sources(PACKAGES) {
        let reads = rules::env_reads(&f.scanned());
        let allowance = COMPUTED_ENV_READS
            .iter()
            .position(|(prefix, _)| f.rel.starts_with(prefix));
        let has_computed = reads
            .iter()
            .any(|r| matches!(r.name, rules::EnvName::Computed(_)));
        if let (Some(i), true) = (allowance, has_computed) {
            used_allowances[i] = true;
        }
        violations.extend(rules::unregistered_env_reads(
            &f.rel,
            &reads,
            &registry,
            allowance.is_some(),
        ));
    }
    for ((prefix, _), used) in COMPUTED_ENV_READS.iter().zip(used_allowances) {
        if !used {
            violations.push(Violation {
                file: "xtask/src/tidy.rs".into(),
                line: 1,
                what: format!("stale COMPUTED_ENV_READS entry {prefix:?}: no such read there"),
            });
        }
    }
    assert_none("environment variables outside the registry", &violations);
}

#[test]
fn crate_dependencies_point_down() {
    let mut violations = Vec::new();
    for package in PACKAGES {
        let file = format!("{package}/Cargo.toml");
        let deps = dependencies(&read(&file));
        violations.extend(manifest::upward_dependencies(
            &file,
            &package_name(package),
            &deps,
        ));
    }
    assert_none("dependencies pointing up", &violations);
}

#[test]
fn dependencies_used_only_by_tests_are_dev_dependencies() {
    let mut violations = Vec::new();
    for package in PACKAGES {
        let file = format!("{package}/Cargo.toml");
        let deps = dependencies(&read(&file));
        let mut code: String = src_files(package)
            .iter()
            .map(|f| f.scanned().without_tests().code)
            .collect::<Vec<_>>()
            .join("\n");
        if let Ok(build) = fs::read_to_string(root().join(package).join("build.rs")) {
            code.push_str(&Scanned::new(&build).code);
        }
        violations.extend(manifest::test_only_dependencies(&file, &deps, &code));
    }
    assert_none("test-only [dependencies]", &violations);
}

#[test]
fn no_api_paths_or_graphql_in_the_cli() {
    let violations: Vec<Violation> = src_files(CLI_CRATE)
        .iter()
        .flat_map(|f| rules::protocol_text(&f.rel, &f.scanned().without_tests()))
        .collect();
    assert_none("protocol text in the CLI", &violations);
}

#[test]
fn core_depends_on_no_io_crates() {
    let deps = dependencies(&read("crates/backendai-core/Cargo.toml"));
    let banned = ["tokio", "hyper", "reqwest", "tungstenite", "rustls", "mio"];
    let violations: Vec<String> = deps
        .iter()
        .filter(|d| d.kind == DepKind::Normal && banned.iter().any(|b| d.name.contains(b)))
        .map(|d| d.name.clone())
        .collect();
    assert!(
        violations.is_empty(),
        "backendai-core must not depend on I/O crates: {violations:?}"
    );
}

#[test]
fn only_core_auth_formats_the_authorization_header() {
    let producers: Vec<String> = LIBRARY_CRATES
        .iter()
        .chain([&CLI_CRATE])
        .flat_map(|krate| src_files(krate))
        .filter(|f| f.text.contains("\"BackendAI signMethod="))
        .map(|f| f.rel)
        .collect();
    assert_eq!(
        producers,
        ["crates/backendai-core/src/auth.rs"],
        "the Authorization header must be produced in one place"
    );
}
