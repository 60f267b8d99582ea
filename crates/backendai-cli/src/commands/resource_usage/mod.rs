//! `bai resource-usage ...` beside the SDK's `groups::resource_usage` (26.9 managers;
//! superadmin only): usage buckets of domains, projects and users (`list`). This module only
//! routes.

pub mod list;

use clap::Subcommand;

use crate::context::Context;

/// `resource-usage` subcommands.
#[derive(Debug, Subcommand)]
pub enum ResourceUsageCommand {
    /// Domain-level resource usage operations.
    #[command(subcommand)]
    Domain(list::DomainCommand),
    /// Project-level resource usage operations.
    #[command(subcommand)]
    Project(list::ProjectCommand),
    /// User-level resource usage operations.
    #[command(subcommand)]
    User(list::UserCommand),
}

/// Runs one `resource-usage` subcommand.
pub fn run(ctx: &Context, cmd: ResourceUsageCommand) -> anyhow::Result<()> {
    match cmd {
        ResourceUsageCommand::Domain(list::DomainCommand::List(a)) => list::domains(ctx, &a),
        ResourceUsageCommand::Project(list::ProjectCommand::List(a)) => list::projects(ctx, &a),
        ResourceUsageCommand::User(list::UserCommand::List(a)) => list::users(ctx, &a),
    }
}
