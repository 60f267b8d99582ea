//! `bai scheduling-history ...` beside the SDK's `groups::scheduling_history` (26.9
//! managers; superadmin only): the scheduling history of sessions, deployments and routes
//! (`list`). This module only routes.

pub mod list;

use clap::Subcommand;

use crate::context::Context;

/// `scheduling-history` subcommands.
#[derive(Debug, Subcommand)]
pub enum SchedulingHistoryCommand {
    /// View deployment scheduling history.
    #[command(subcommand)]
    Deployment(list::DeploymentCommand),
    /// View route scheduling history.
    #[command(subcommand)]
    Route(list::RouteCommand),
    /// View session scheduling history.
    #[command(subcommand)]
    Session(list::SessionCommand),
}

/// Runs one `scheduling-history` subcommand.
pub fn run(ctx: &Context, cmd: SchedulingHistoryCommand) -> anyhow::Result<()> {
    match cmd {
        SchedulingHistoryCommand::Deployment(list::DeploymentCommand::List(a)) => {
            list::deployments(ctx, &a)
        }
        SchedulingHistoryCommand::Route(list::RouteCommand::List(a)) => list::routes(ctx, &a),
        SchedulingHistoryCommand::Session(list::SessionCommand::List(a)) => list::sessions(ctx, &a),
    }
}
