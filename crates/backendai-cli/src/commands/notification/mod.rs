//! `bai notification ...` beside the SDK's `groups::notification` (26.9): channels
//! (`channel`) and rules (`rule`), and what their handlers share (`shared`). This module only
//! routes.

pub mod channel;
pub mod rule;
pub mod shared;

use clap::Subcommand;

use crate::context::Context;

/// `notification` subcommands.
#[derive(Debug, Subcommand)]
pub enum NotificationCommand {
    /// Notification channels (where messages go).
    #[command(subcommand)]
    Channel(channel::ChannelCommand),
    /// Notification rules (which events send what message to which channel).
    #[command(subcommand)]
    Rule(rule::RuleCommand),
}

/// Runs one `notification` subcommand.
pub fn run(ctx: &Context, cmd: NotificationCommand) -> anyhow::Result<()> {
    match cmd {
        NotificationCommand::Channel(c) => channel::run(ctx, c),
        NotificationCommand::Rule(c) => rule::run(ctx, c),
    }
}
