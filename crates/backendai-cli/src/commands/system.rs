//! Top-level 19.09 commands: `announcement get|update|delete|dismiss`, `task-logs` and
//! `update-password` (`manager ...` is shared with `admin manager`).

use std::io::{IsTerminal, Read};

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::exit::usage;

/// `announcement` subcommands.
#[derive(Debug, Subcommand)]
pub enum AnnouncementCommand {
    /// Show the current announcement.
    Get,
    /// Post a new announcement (superadmin).
    Update {
        /// The message (Markdown); read from stdin when omitted.
        #[arg(short = 'm', long)]
        message: Option<String>,
    },
    /// Delete the current announcement (superadmin).
    Delete,
    /// Do not show the current announcement again.
    Dismiss,
}

/// Arguments of `task-logs`.
#[derive(Debug, Args)]
pub struct TaskLogsArgs {
    /// Background task (or batch session kernel) ID.
    pub task_id: String,
}

/// Arguments of `update-password`.
#[derive(Debug, Args)]
pub struct UpdatePasswordArgs {
    /// Current password.
    pub old_password: String,
    /// New password.
    pub new_password: String,
    /// New password again.
    pub new_password2: String,
}

/// Runs `announcement ...`.
pub fn announcement(ctx: &Context, cmd: AnnouncementCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let m = client.manager();
    match cmd {
        AnnouncementCommand::Get => {
            let a = ctx.block_on(m.announcement())??;
            if ctx.out.json_mode() {
                ctx.out.json(&a)?;
                return Ok(());
            }
            match a.message.as_deref().filter(|_| a.enabled == Some(true)) {
                Some(msg) if !msg.is_empty() => {
                    ctx.out.line("Announcement:")?;
                    ctx.out.line(msg.trim_end())?;
                }
                _ => ctx.out.info("No announcements.")?,
            }
        }
        AnnouncementCommand::Update { message } => {
            let message = match message {
                Some(m) => m,
                None => read_stdin_message()?,
            };
            if message.trim().is_empty() {
                return Err(usage("the announcement message is empty"));
            }
            ctx.block_on(m.update_announcement(true, Some(&message)))??;
            ctx.out.mutation("Posted new announcement.", None)?;
        }
        AnnouncementCommand::Delete => {
            ctx.block_on(m.update_announcement(false, None))??;
            ctx.out.mutation("Deleted announcement.", None)?;
        }
        AnnouncementCommand::Dismiss => {
            let a = ctx.block_on(m.announcement())??;
            let dir = crate::context::state_dir();
            let mut state = crate::announcement::load(&dir);
            if let Some(msg) = a.message.as_deref().filter(|_| a.enabled == Some(true)) {
                state.hash = crate::announcement::message_hash(msg);
            }
            state.dismissed = true;
            crate::announcement::store(&dir, &state).map_err(|e| {
                anyhow::anyhow!(
                    "cannot store the announcement state in {}: {e}",
                    dir.display()
                )
            })?;
            ctx.out
                .mutation("Dismissed the current announcement.", None)?;
        }
    }
    Ok(())
}

fn read_stdin_message() -> anyhow::Result<String> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(usage(
            "pass the message with -m/--message (or pipe it to stdin)",
        ));
    }
    let mut s = String::new();
    stdin.read_to_string(&mut s)?;
    Ok(s)
}

/// Runs `task-logs TASKID`: the raw log on stdout.
pub fn task_logs(ctx: &Context, a: &TaskLogsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let bytes = ctx.block_on(client.sessions().task_logs(&a.task_id))??;
    if ctx.out.json_mode() {
        ctx.out.json(&serde_json::json!({
            "task_id": a.task_id,
            "logs": String::from_utf8_lossy(&bytes),
        }))?;
    } else {
        ctx.out.raw(&bytes)?;
    }
    Ok(())
}

/// Runs `update-password OLD NEW NEW2`.
pub fn update_password(ctx: &Context, a: &UpdatePasswordArgs) -> anyhow::Result<()> {
    if a.new_password != a.new_password2 {
        return Err(usage("the new passwords do not match"));
    }
    let client = ctx.client()?;
    ctx.block_on(client.auth().update_password(
        &a.old_password,
        &a.new_password,
        &a.new_password2,
    ))??;
    ctx.out.mutation("Password updated.", None)?;
    Ok(())
}
