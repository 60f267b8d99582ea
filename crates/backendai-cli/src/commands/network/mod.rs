//! `bai network ...` beside the SDK's `groups::network` (26.9 inter-container networks).
//! This module only routes.

pub mod networks;

use clap::Subcommand;

use crate::context::Context;

/// `network` subcommands.
#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Create a network in a project.
    Create(networks::CreateArgs),
    /// List networks.
    List(networks::ListArgs),
    /// Show a network.
    Get(networks::GetArgs),
    /// Delete a network (not attached to an active session).
    Delete(networks::DeleteArgs),
}

/// Runs one `network` subcommand.
pub fn run(ctx: &Context, cmd: NetworkCommand) -> anyhow::Result<()> {
    match cmd {
        NetworkCommand::Create(a) => networks::create(ctx, &a),
        NetworkCommand::List(a) => networks::list(ctx, &a),
        NetworkCommand::Get(a) => networks::get(ctx, &a),
        NetworkCommand::Delete(a) => networks::delete(ctx, &a),
    }
}
