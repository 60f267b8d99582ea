//! `bai fair-share ...` beside the SDK's `groups::fair_share` (26.9 managers; superadmin
//! only): fair shares by level (`levels`), inside a resource group (`scoped`), resource-group
//! specs (`spec`); shared search options (`query`), filter options (`keys`) and printing
//! (`view`). This module only routes.

pub mod keys;
pub mod levels;
pub mod query;
pub mod scoped;
pub mod spec;
pub mod view;

use clap::Subcommand;

use crate::context::Context;

/// `fair-share` subcommands.
#[derive(Debug, Subcommand)]
pub enum FairShareCommand {
    /// Domain-level fair share operations.
    #[command(subcommand)]
    Domain(levels::DomainCommand),
    /// Project-level fair share operations.
    #[command(subcommand)]
    Project(levels::ProjectCommand),
    /// User-level fair share operations.
    #[command(subcommand)]
    User(levels::UserCommand),
    /// Resource group fair share operations.
    #[command(subcommand)]
    ResourceGroup(spec::ResourceGroupCommand),
    /// Domain fair share operations within resource group scope.
    #[command(subcommand)]
    RgDomain(scoped::RgDomainCommand),
    /// Domain usage buckets within resource group scope.
    #[command(subcommand)]
    RgDomainUsage(scoped::RgDomainUsageCommand),
    /// Project fair share operations within resource group scope.
    #[command(subcommand)]
    RgProject(scoped::RgProjectCommand),
    /// Project usage buckets within resource group scope.
    #[command(subcommand)]
    RgProjectUsage(scoped::RgProjectUsageCommand),
    /// User fair share operations within resource group scope.
    #[command(subcommand)]
    RgUser(scoped::RgUserCommand),
    /// User usage buckets within resource group scope.
    #[command(subcommand)]
    RgUserUsage(scoped::RgUserUsageCommand),
}

/// Runs one `fair-share` subcommand.
pub fn run(ctx: &Context, cmd: FairShareCommand) -> anyhow::Result<()> {
    match cmd {
        FairShareCommand::Domain(c) => levels::domain(ctx, c),
        FairShareCommand::Project(c) => levels::project(ctx, c),
        FairShareCommand::User(c) => levels::user(ctx, c),
        FairShareCommand::ResourceGroup(c) => spec::run(ctx, c),
        FairShareCommand::RgDomain(c) => scoped::rg_domain(ctx, c),
        FairShareCommand::RgDomainUsage(c) => scoped::rg_domain_usage(ctx, c),
        FairShareCommand::RgProject(c) => scoped::rg_project(ctx, c),
        FairShareCommand::RgProjectUsage(c) => scoped::rg_project_usage(ctx, c),
        FairShareCommand::RgUser(c) => scoped::rg_user(ctx, c),
        FairShareCommand::RgUserUsage(c) => scoped::rg_user_usage(ctx, c),
    }
}
