//! Command implementations, one module per group, and the dispatcher.

pub mod admin;
pub mod auth;
pub mod completion;
pub mod config;
pub mod run;
pub mod session;
pub mod vfolder;

use crate::cli::Command;
use crate::context::Context;
use crate::exit::{with_status, ExitStatus};

fn not_wired(what: &str) -> anyhow::Error {
    with_status(
        ExitStatus::Failure,
        format!("`{what}` is not available in this build yet"),
    )
}

/// Runs one command.
pub fn dispatch(ctx: &Context, command: Command, bin_name: &str) -> anyhow::Result<()> {
    match command {
        Command::Config(args) => config::run(ctx, &args),
        Command::Completion(args) => completion::run(&args, bin_name),
        Command::Login(args) => auth::login(ctx, &args),
        Command::Logout => auth::logout(ctx),
        Command::Ps(_) => Err(not_wired("ps")),
        Command::Run(_) => Err(not_wired("run")),
        Command::Create(_) => Err(not_wired("create")),
        Command::Destroy(_) => Err(not_wired("destroy")),
        Command::Restart(_) => Err(not_wired("restart")),
        Command::Logs(_) => Err(not_wired("logs")),
        Command::Events(_) => Err(not_wired("events")),
        Command::Watch(_) => Err(not_wired("watch")),
        Command::Info(_) => Err(not_wired("info")),
        Command::Rename(_) => Err(not_wired("rename")),
        Command::Upload(_) => Err(not_wired("upload")),
        Command::Download(_) => Err(not_wired("download")),
        Command::Ls(_) => Err(not_wired("ls")),
        Command::Session(_) => Err(not_wired("session")),
        Command::Vfolder(_) => Err(not_wired("vfolder")),
        Command::Admin(_) => Err(not_wired("admin")),
    }
}
