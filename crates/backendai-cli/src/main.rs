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

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::exit::{ExitStatus, Outcome};
use crate::output::error::ErrorReport;

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
    let rust_log = std::env::var_os(backendai_core::env_vars::RUST_LOG).is_some();
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
        Err(e) => return clap_exit(e, asks_for_json(std::env::args_os().skip(1))),
    };
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_exit(e, asks_for_json(std::env::args_os().skip(1))),
    };
    init_logging(cli.global.verbose);
    let printer = output::Printer::new(cli.global.output, cli.global.quiet);
    let flags = context::FlagOverrides {
        skip_sslcert_validation: cli.global.skip_sslcert_validation,
        announcements: shows_announcements(&cli),
    };
    let ctx = context::Context::new(printer, flags);
    match cli.command.run(&ctx, bin) {
        Ok(()) => ExitStatus::Ok.into(),
        Err(err) => report(&ctx.out, &err),
    }
}

/// True when the command line asks for `-o json` (`-o json`, `-ojson`, `--output json`,
/// `--output=json`; the last one wins). Used only for clap's own errors, which happen before
/// the options are parsed.
fn asks_for_json(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let mut json = false;
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            break;
        }
        let value = match a.as_str() {
            "-o" | "--output" => args.get(i + 1).map(String::as_str),
            _ => a
                .strip_prefix("--output=")
                .or_else(|| a.strip_prefix("-o").map(|v| v.trim_start_matches('=')))
                .filter(|v| !v.is_empty()),
        };
        if let Some(v) = value {
            json = v == "json";
        }
    }
    json
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
        C::Admin(commands::admin::AdminCommand::Announcement(_)) => false,
        C::Session(commands::session::SessionCommand::Ssh(_))
        | C::Session(commands::session::SessionCommand::Scp(_)) => false,
        C::App(a) => !a.stdio,
        _ => true,
    }
}

/// Prints clap's own message (help and version go to stdout with status 0; usage errors to
/// stderr with status 2, as one JSON object with `-o json`).
fn clap_exit(e: clap::Error, json: bool) -> ExitCode {
    let code = e.exit_code();
    if json && e.use_stderr() {
        let text = e.render().to_string();
        // clap's first line is the message; the rest is usage and a `--help` hint.
        let message = text.lines().next().unwrap_or_default();
        ErrorReport::usage(message.trim_start_matches("error: ")).print(true);
        return ExitCode::from(u8::try_from(code).unwrap_or(2));
    }
    if let Err(io) = e.print() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

fn report(out: &output::Printer, err: &anyhow::Error) -> ExitCode {
    match exit::classify(err) {
        Outcome::QuietSuccess => ExitCode::SUCCESS,
        Outcome::Fail(status) => {
            out.error(err);
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
        // The one line a bug leaves: written directly, the printer may be what failed.
        let _ = writeln!(std::io::stderr(), "error: internal error: {msg}");
    }));
    match std::panic::catch_unwind(real_main) {
        Ok(code) => code,
        Err(_) => ExitStatus::Failure.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_found_in_every_spelling() {
        let args = |s: &str| {
            s.split_whitespace()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
                .into_iter()
        };
        for yes in [
            "-o json ps",
            "ps --output json",
            "ps --output=json",
            "-ojson ps",
            "-o table ps -o json",
            "-o=json ps",
        ] {
            assert!(asks_for_json(args(yes)), "{yes}");
        }
        for no in ["ps", "-o table ps", "-o json ps -o table", "run -- -o json"] {
            assert!(!asks_for_json(args(no)), "{no}");
        }
    }
}
