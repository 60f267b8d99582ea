//! Project automation, in Rust (no shell scripts): `cargo xtask <task>`.
//!
//! - `ci`: rustfmt check, clippy `-D warnings`, docs without warnings, every test (nextest when
//!   installed, else `cargo test`), `cargo deny check` when cargo-deny is installed.
//! - `bench [--quick]`: side-by-side benchmarks against the Python client (see `bench/`).
//! - `stack up | down [--purge] | status | expose-app`: the live Backend.AI stack (see `stack/`).
//! - `faults [--quick]`: faults injected into the live stack, report in `docs/reliability.md`
//!   (see `faults/`; disrupts the stack while it runs).
//! - `load ADDR [bulk MIB|latency N|conc N]`: one load scenario against an echo service or a
//!   relay in front of one, for profiling a proxy by hand.

mod bench;
mod faults;
mod stack;
mod tidy;

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    let sh = Shell::new()?;
    sh.change_dir(workspace_root()?);
    match task.as_str() {
        "ci" => ci(&sh),
        "bench" => bench::run(&sh, &rest),
        "stack" => stack::cli(&workspace_root()?, &rest),
        "faults" => faults::cli(&workspace_root()?, &rest),
        "load" => bench::load_cli(&rest),
        "forward" => bench::forward_cli(&rest),
        "" | "help" | "--help" | "-h" => {
            println!("usage: cargo xtask <ci|bench [--quick]|faults [--quick]|stack up|down|status|load ADDR [bulk MIB|latency N|conc N]|help>");
            Ok(())
        }
        other => bail!("unknown task {other:?} (try `cargo xtask help`); extra args: {rest:?}"),
    }
}

fn workspace_root() -> Result<std::path::PathBuf> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").context("run through `cargo xtask`")?;
    Ok(std::path::Path::new(&manifest)
        .parent()
        .context("xtask lives one level below the workspace root")?
        .to_path_buf())
}

fn has_cargo_subcommand(sh: &Shell, name: &str) -> bool {
    cmd!(sh, "cargo {name} --version")
        .quiet()
        .ignore_stdout()
        .ignore_stderr()
        .run()
        .is_ok()
}

fn step(name: &str) {
    eprintln!("\n==> {name}");
}

fn ci(sh: &Shell) -> Result<()> {
    step("rustfmt");
    cmd!(sh, "cargo fmt --all -- --check").run()?;

    step("clippy (-D warnings)");
    cmd!(
        sh,
        "cargo clippy --workspace --all-targets --locked -- -D warnings"
    )
    .run()?;

    step("docs (warnings are errors)");
    cmd!(sh, "cargo doc --workspace --no-deps --locked")
        .env("RUSTDOCFLAGS", "-D warnings")
        .run()?;

    if has_cargo_subcommand(sh, "deny") {
        step("cargo deny (bans, licenses, sources)");
        cmd!(sh, "cargo deny check bans licenses sources").run()?;
    } else {
        eprintln!("\ncargo-deny not installed: skipping `cargo deny check`");
    }

    match std::env::var("BACKEND_ENDPOINT") {
        Ok(endpoint) => eprintln!("live tests: against {endpoint}"),
        Err(_) => eprintln!("live tests: skipped (BACKEND_ENDPOINT not set)"),
    }
    // The test runner's summary is the last thing printed, so CI reads its counts.
    if has_cargo_subcommand(sh, "nextest") {
        step("doctests");
        cmd!(sh, "cargo test --workspace --doc --locked").run()?;
        step("tests (cargo nextest)");
        cmd!(sh, "cargo nextest run --workspace --locked --no-fail-fast").run()?;
    } else {
        step("tests (cargo test)");
        cmd!(sh, "cargo test --workspace --locked --no-fail-fast").run()?;
    }

    eprintln!("\nxtask ci: all checks passed");
    Ok(())
}
