//! `bai admin watcher ...` (SDK `groups::admin::watcher`): the agent watcher of one agent.

use clap::Subcommand;

use crate::commands::show::answer;
use crate::context::Context;

/// `admin watcher`: the agent watcher of one agent.
#[derive(Debug, Subcommand)]
pub enum WatcherCommand {
    /// Agent and watcher status.
    Status {
        /// Agent ID.
        agent: String,
    },
    /// Start the agent service.
    AgentStart {
        /// Agent ID.
        agent: String,
    },
    /// Stop the agent service.
    AgentStop {
        /// Agent ID.
        agent: String,
    },
    /// Restart the agent service.
    AgentRestart {
        /// Agent ID.
        agent: String,
    },
}

/// Runs `admin watcher ...`.
pub fn run(ctx: &Context, cmd: WatcherCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let w = client.agent_watcher();
    let v = match cmd {
        WatcherCommand::Status { agent } => ctx.block_on(w.status(&agent))??,
        WatcherCommand::AgentStart { agent } => ctx.block_on(w.start(&agent))??,
        WatcherCommand::AgentStop { agent } => ctx.block_on(w.stop(&agent))??,
        WatcherCommand::AgentRestart { agent } => ctx.block_on(w.restart(&agent))??,
    };
    answer(ctx, &v)
}
