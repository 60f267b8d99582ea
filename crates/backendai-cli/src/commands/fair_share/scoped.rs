//! `bai fair-share rg-domain|rg-project|rg-user get|list` and `rg-*-usage list`: fair shares
//! and usage buckets addressed inside a resource group (SDK `FairShares::rg_*`).

use clap::{Args, FromArgMatches, Subcommand};

use super::keys::{Bucketed, DomainKey, Listed, ProjectKey, ProjectUuidKey, UserKey};
use super::query::{DomainOrder, FactorOrder};
use super::view::{self, Rows};
use crate::context::Context;

/// `fair-share rg-domain`.
#[derive(Debug, Subcommand)]
pub enum RgDomainCommand {
    /// Get domain fair share data within resource group scope.
    Get(RgDomainRef),
    /// List domain fair shares within resource group scope.
    List(RgDomainList),
}

/// `fair-share rg-project`.
#[derive(Debug, Subcommand)]
pub enum RgProjectCommand {
    /// Get project fair share data within resource group scope.
    Get(RgProjectRef),
    /// List project fair shares within resource group scope.
    List(RgProjectList),
}

/// `fair-share rg-user`.
#[derive(Debug, Subcommand)]
pub enum RgUserCommand {
    /// Get user fair share data within resource group scope.
    Get(RgUserRef),
    /// List user fair shares within resource group scope.
    List(RgUserList),
}

/// `fair-share rg-domain-usage`.
#[derive(Debug, Subcommand)]
pub enum RgDomainUsageCommand {
    /// List domain usage buckets within resource group scope.
    List(RgDomainUsage),
}

/// `fair-share rg-project-usage`.
#[derive(Debug, Subcommand)]
pub enum RgProjectUsageCommand {
    /// List project usage buckets within resource group scope.
    List(RgProjectUsage),
}

/// `fair-share rg-user-usage`.
#[derive(Debug, Subcommand)]
pub enum RgUserUsageCommand {
    /// List user usage buckets within resource group scope.
    List(RgUserUsage),
}

/// A resource group.
#[derive(Debug, Args)]
pub struct Rg {
    /// Resource group name.
    pub resource_group: String,
}

/// A domain of a resource group.
#[derive(Debug, Args)]
pub struct RgDomain {
    /// Resource group name.
    pub resource_group: String,
    /// Domain name.
    pub domain_name: String,
}

/// A project of a domain in a resource group.
#[derive(Debug, Args)]
pub struct RgProject {
    /// Resource group name.
    pub resource_group: String,
    /// Domain name.
    pub domain_name: String,
    /// Project ID (UUID).
    pub project_id: String,
}

/// `rg-domain get`.
#[derive(Debug, Args)]
pub struct RgDomainRef {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgDomain,
}

/// `rg-project get`.
#[derive(Debug, Args)]
pub struct RgProjectRef {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgProject,
}

/// `rg-user get`.
#[derive(Debug, Args)]
pub struct RgUserRef {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgProject,
    /// User UUID.
    pub user_uuid: String,
}

/// A list inside a resource group: where (positional), then the list's own options.
#[derive(Debug, Args)]
pub struct Scoped<At: Args + FromArgMatches, L: Args + FromArgMatches> {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: At,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: L,
}

/// `rg-domain list`.
pub type RgDomainList = Scoped<Rg, Listed<DomainKey, DomainOrder>>;
/// `rg-project list`.
pub type RgProjectList = Scoped<RgDomain, Listed<ProjectKey, FactorOrder>>;
/// `rg-user list`.
pub type RgUserList = Scoped<RgProject, Listed<UserKey, FactorOrder>>;
/// `rg-domain-usage list`.
pub type RgDomainUsage = Scoped<Rg, Bucketed<DomainKey>>;
/// `rg-project-usage list`.
pub type RgProjectUsage = Scoped<RgDomain, Bucketed<ProjectUuidKey>>;
/// `rg-user-usage list`.
pub type RgUserUsage = Scoped<RgProject, Bucketed<UserKey>>;

/// Runs one `fair-share rg-domain` subcommand.
pub fn rg_domain(ctx: &Context, cmd: RgDomainCommand) -> anyhow::Result<()> {
    let fs = ctx.client()?.fair_share();
    match cmd {
        RgDomainCommand::Get(RgDomainRef { at }) => {
            let get = fs.rg_get_domain(&at.resource_group, &at.domain_name);
            view::DOMAIN_LEVEL.found(ctx, ctx.block_on(get)??)
        }
        RgDomainCommand::List(Scoped { at, list }) => {
            let q = list.search()?;
            view::DOMAIN_LEVEL.list(
                ctx,
                Rows::Shares,
                fs.rg_search_domains(&at.resource_group, &q),
            )
        }
    }
}

/// Runs one `fair-share rg-project` subcommand.
pub fn rg_project(ctx: &Context, cmd: RgProjectCommand) -> anyhow::Result<()> {
    match cmd {
        RgProjectCommand::Get(RgProjectRef { at }) => {
            let fs = ctx.client()?.fair_share();
            let get = fs.rg_get_project(&at.resource_group, &at.domain_name, &at.project_id);
            view::PROJECT_LEVEL.found(ctx, ctx.block_on(get)??)
        }
        RgProjectCommand::List(Scoped { at, list }) => {
            let q = list.search()?;
            let fs = ctx.client()?.fair_share();
            let search = fs.rg_search_projects(&at.resource_group, &at.domain_name, &q);
            view::PROJECT_LEVEL.list(ctx, Rows::Shares, search)
        }
    }
}

/// Runs one `fair-share rg-user` subcommand.
pub fn rg_user(ctx: &Context, cmd: RgUserCommand) -> anyhow::Result<()> {
    match cmd {
        RgUserCommand::Get(RgUserRef { at, user_uuid }) => {
            let fs = ctx.client()?.fair_share();
            let (rg, domain, project) = (&at.resource_group, &at.domain_name, &at.project_id);
            let get = fs.rg_get_user(rg, domain, project, &user_uuid);
            view::USER_LEVEL.found(ctx, ctx.block_on(get)??)
        }
        RgUserCommand::List(Scoped { at, list }) => {
            let q = list.search()?;
            let fs = ctx.client()?.fair_share();
            let (rg, domain, project) = (&at.resource_group, &at.domain_name, &at.project_id);
            view::USER_LEVEL.list(
                ctx,
                Rows::Shares,
                fs.rg_search_users(rg, domain, project, &q),
            )
        }
    }
}

/// Runs `fair-share rg-domain-usage list`.
pub fn rg_domain_usage(ctx: &Context, cmd: RgDomainUsageCommand) -> anyhow::Result<()> {
    let RgDomainUsageCommand::List(Scoped { at, list }) = cmd;
    let q = list.search()?;
    let fs = ctx.client()?.fair_share();
    let search = fs.rg_search_domain_usage_buckets(&at.resource_group, &q);
    view::DOMAIN_LEVEL.list(ctx, Rows::Buckets, search)
}

/// Runs `fair-share rg-project-usage list`.
pub fn rg_project_usage(ctx: &Context, cmd: RgProjectUsageCommand) -> anyhow::Result<()> {
    let RgProjectUsageCommand::List(Scoped { at, list }) = cmd;
    let q = list.search()?;
    let fs = ctx.client()?.fair_share();
    let search = fs.rg_search_project_usage_buckets(&at.resource_group, &at.domain_name, &q);
    view::PROJECT_LEVEL.list(ctx, Rows::Buckets, search)
}

/// Runs `fair-share rg-user-usage list`.
pub fn rg_user_usage(ctx: &Context, cmd: RgUserUsageCommand) -> anyhow::Result<()> {
    let RgUserUsageCommand::List(Scoped { at, list }) = cmd;
    let q = list.search()?;
    let fs = ctx.client()?.fair_share();
    let (rg, domain, project) = (&at.resource_group, &at.domain_name, &at.project_id);
    view::USER_LEVEL.list(
        ctx,
        Rows::Buckets,
        fs.rg_search_user_usage_buckets(rg, domain, project, &q),
    )
}
