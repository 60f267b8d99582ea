//! `bai manager ...` / `bai admin manager ...` and `bai announcement ...` /
//! `bai admin announcement ...` (SDK `groups::admin::manager`: status, freeze, scheduler
//! operations, announcement).

use std::io::{IsTerminal, Read};
use std::time::Duration;

use clap::Subcommand;

use crate::context::Context;
use crate::exit::usage;

/// `admin manager` / `manager`.
#[derive(Debug, Subcommand)]
pub enum ManagerCommand {
    /// Show the manager's status.
    Status,
    /// Freeze the manager (no new sessions); running sessions keep running.
    Freeze {
        /// Wait until there are no running sessions before freezing.
        #[arg(long)]
        wait: bool,
        /// Kill all running sessions and freeze immediately.
        #[arg(long, conflicts_with = "wait")]
        force_kill: bool,
    },
    /// Unfreeze the manager.
    Unfreeze,
    /// Scheduler operations: include or exclude agents.
    #[command(subcommand)]
    Scheduler(SchedulerCommand),
}

/// `admin manager scheduler` subcommands.
#[derive(Debug, Subcommand)]
pub enum SchedulerCommand {
    /// Include agents in scheduling: they accept new sessions again.
    IncludeAgents {
        /// Agent IDs.
        #[arg(value_name = "AGENT_IDS")]
        agent_ids: Vec<String>,
    },
    /// Exclude agents from scheduling: they start no new sessions until included again,
    /// whatever restarts or rejoins happen.
    ExcludeAgents {
        /// Agent IDs.
        #[arg(value_name = "AGENT_IDS")]
        agent_ids: Vec<String>,
    },
}

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

/// Runs `manager ...` / `admin manager ...`.
pub fn run(ctx: &Context, cmd: ManagerCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let m = client.manager();
    match cmd {
        ManagerCommand::Status => {
            let st = ctx.block_on(m.status())??;
            ctx.out.item(&st)?;
        }
        ManagerCommand::Freeze { wait, force_kill } => {
            if wait {
                let mut announced = false;
                let waiting = m.wait_until_idle(Duration::from_secs(3), |active| {
                    if !std::mem::replace(&mut announced, true) {
                        let _ = ctx.out.info(&format!(
                            "Waiting for {active} running session(s) to finish..."
                        ));
                    }
                });
                ctx.block_on(waiting)??;
            }
            ctx.block_on(m.freeze(force_kill))??;
            ctx.out.mutation("The manager is frozen.", None)?;
        }
        ManagerCommand::Unfreeze => {
            ctx.block_on(m.unfreeze())??;
            ctx.out.mutation("The manager is unfrozen.", None)?;
        }
        ManagerCommand::Scheduler(op) => {
            let (op, agent_ids, msg) = match op {
                SchedulerCommand::IncludeAgents { agent_ids } => (
                    "include-agents",
                    agent_ids,
                    "The given agents now accepts new sessions.",
                ),
                SchedulerCommand::ExcludeAgents { agent_ids } => (
                    "exclude-agents",
                    agent_ids,
                    "The given agents will no longer start new sessions.",
                ),
            };
            ctx.block_on(m.scheduler_op(op, serde_json::json!(agent_ids)))??;
            ctx.out.mutation(msg, None)?;
        }
    }
    Ok(())
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
