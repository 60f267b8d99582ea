//! `bai`: the Backend.AI command-line client.
//!
//! Flow: parse the command line (clap) → build a [`context::Context`] (configuration is
//! resolved lazily; the tokio runtime, TLS and the SDK client are built only by commands that
//! touch the network) → dispatch → map the result to an exit status ([`exit`]).
//!
//! Works under either program name, `bai` or `backend.ai` (a symlink): help, usage and
//! completion scripts use the name it was called by.

// Doc comments in this crate are clap help text shown to users (`[HOST:]PORT`,
// `range:start,stop,step`), not rustdoc links.
#![allow(rustdoc::broken_intra_doc_links)]

mod announcement;
mod cli;
mod commands;
mod context;
mod exit;
mod output;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::exit::{ExitStatus, Outcome};

/// The program name shown in help and usage: `backend.ai` when called through a symlink of
/// that name, `bai` otherwise.
fn program_name() -> &'static str {
    let argv0 = std::env::args_os().next().unwrap_or_default();
    let base = std::path::Path::new(&argv0)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("bai");
    let base = base.strip_suffix(".exe").unwrap_or(base);
    if base == "backend.ai" {
        "backend.ai"
    } else {
        "bai"
    }
}

fn init_logging(verbose: u8) {
    let rust_log = std::env::var_os("RUST_LOG").is_some();
    if verbose == 0 && !rust_log {
        return;
    }
    let filter = if rust_log {
        tracing_subscriber::EnvFilter::from_default_env()
    } else {
        let level = if verbose >= 2 { "trace" } else { "debug" };
        tracing_subscriber::EnvFilter::new(format!(
            "warn,backendai_sdk={level},backendai_core={level},bai={level}"
        ))
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

fn real_main() -> ExitCode {
    let bin = program_name();
    let matches = match cli::Cli::command()
        .name(bin)
        .bin_name(bin)
        .try_get_matches()
    {
        Ok(m) => m,
        Err(e) => return clap_exit(e),
    };
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_exit(e),
    };
    init_logging(cli.global.verbose);
    let printer = output::Printer::new(cli.global.output, cli.global.quiet);
    let flags = context::FlagOverrides {
        skip_sslcert_validation: cli.global.skip_sslcert_validation,
        announcements: shows_announcements(&cli),
    };
    let ctx = context::Context::new(printer, flags);
    match commands::dispatch(&ctx, cli.command, bin) {
        Ok(()) => ExitStatus::Ok.into(),
        Err(err) => report(&err),
    }
}

/// Server announcements go to stderr for people: not with `--quiet` or `-o json`, and not
/// for commands that do not talk to the manager for the user (`config`, `completion`,
/// `aime`) or whose stderr belongs to another program (`ssh`, `scp`, `app --stdio`).
fn shows_announcements(cli: &cli::Cli) -> bool {
    use cli::Command as C;
    if cli.global.quiet || cli.global.output == output::OutputFormat::Json {
        return false;
    }
    match &cli.command {
        C::Config(_) | C::Completion(_) | C::Aime(_) | C::Ssh(_) | C::Scp(_) => false,
        C::Announcement(_) => false,
        C::App(a) => !a.stdio,
        _ => true,
    }
}

/// Prints clap's own message (help and version go to stdout with status 0; usage errors to
/// stderr with status 2).
fn clap_exit(e: clap::Error) -> ExitCode {
    let code = e.exit_code();
    if let Err(io) = e.print() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

fn report(err: &anyhow::Error) -> ExitCode {
    match exit::classify(err) {
        Outcome::QuietSuccess => ExitCode::SUCCESS,
        Outcome::Fail(status) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "error: {}", exit::one_line(err));
            status.into()
        }
    }
}

fn main() -> ExitCode {
    // A bug must still end with one line and status 1, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unexpected failure".into());
        let msg = msg.split_whitespace().collect::<Vec<_>>().join(" ");
        eprintln!("error: internal error: {msg}");
    }));
    match std::panic::catch_unwind(real_main) {
        Ok(code) => code,
        Err(_) => ExitStatus::Failure.into(),
    }
}
