//! `bai fair-share rg-domain|rg-project|rg-user get|list` and `rg-*-usage list`: fair shares
//! and usage buckets addressed inside a resource group (SDK `FairShares::rg_*`).

use backendai_sdk::groups::fair_share::FairShareFilter;
use clap::{Args, Subcommand};

use super::query::{self, DomainOrder, FactorOrder, Listing, Page, Period};
use super::view;
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

/// `rg-domain list`.
#[derive(Debug, Args)]
pub struct RgDomainList {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: Rg,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<DomainOrder>,
}

/// `rg-project list`.
#[derive(Debug, Args)]
pub struct RgProjectList {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgDomain,
    /// Filter by project ID.
    #[arg(long)]
    pub project_id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<FactorOrder>,
}

/// `rg-user list`.
#[derive(Debug, Args)]
pub struct RgUserList {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgProject,
    /// Filter by user UUID.
    #[arg(long)]
    pub user_uuid: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<FactorOrder>,
}

/// `rg-domain-usage list`.
#[derive(Debug, Args)]
pub struct RgDomainUsage {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: Rg,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub period: Period,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: Page,
}

/// `rg-project-usage list`.
#[derive(Debug, Args)]
pub struct RgProjectUsage {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgDomain,
    /// Filter by project ID (UUID).
    #[arg(long)]
    pub project_id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub period: Period,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: Page,
}

/// `rg-user-usage list`.
#[derive(Debug, Args)]
pub struct RgUserUsage {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub at: RgProject,
    /// Filter by user UUID.
    #[arg(long)]
    pub user_uuid: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub period: Period,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: Page,
}

/// Runs one `fair-share rg-domain` subcommand.
pub fn rg_domain(ctx: &Context, cmd: RgDomainCommand) -> anyhow::Result<()> {
    let fs = ctx.client()?.fair_share();
    match cmd {
        RgDomainCommand::Get(RgDomainRef { at }) => {
            let item = ctx.block_on(fs.rg_get_domain(&at.resource_group, &at.domain_name))??;
            view::found(ctx, item, view::DOMAIN_RECORD, "domain fair share")
        }
        RgDomainCommand::List(a) => {
            let filter = FairShareFilter {
                domain_name: query::equals(&a.domain_name),
                ..FairShareFilter::default()
            };
            let q = a.list.search(filter);
            view::page(
                ctx,
                fs.rg_search_domains(&a.at.resource_group, &q),
                view::DOMAIN_FIELDS,
                "No domain fair shares found.",
            )
        }
    }
}

/// Runs one `fair-share rg-project` subcommand.
pub fn rg_project(ctx: &Context, cmd: RgProjectCommand) -> anyhow::Result<()> {
    match cmd {
        RgProjectCommand::Get(RgProjectRef { at }) => {
            let fs = ctx.client()?.fair_share();
            let item = ctx.block_on(fs.rg_get_project(
                &at.resource_group,
                &at.domain_name,
                &at.project_id,
            ))??;
            view::found(ctx, item, view::PROJECT_RECORD, "project fair share")
        }
        RgProjectCommand::List(a) => {
            let filter = FairShareFilter {
                project_id: query::uuid_equals("project ID", &a.project_id)?,
                ..FairShareFilter::default()
            };
            let q = a.list.search(filter);
            let fs = ctx.client()?.fair_share();
            let at = &a.at;
            view::page(
                ctx,
                fs.rg_search_projects(&at.resource_group, &at.domain_name, &q),
                view::PROJECT_FIELDS,
                "No project fair shares found.",
            )
        }
    }
}

/// Runs one `fair-share rg-user` subcommand.
pub fn rg_user(ctx: &Context, cmd: RgUserCommand) -> anyhow::Result<()> {
    match cmd {
        RgUserCommand::Get(RgUserRef { at, user_uuid }) => {
            let fs = ctx.client()?.fair_share();
            let item = ctx.block_on(fs.rg_get_user(
                &at.resource_group,
                &at.domain_name,
                &at.project_id,
                &user_uuid,
            ))??;
            view::found(ctx, item, view::USER_RECORD, "user fair share")
        }
        RgUserCommand::List(a) => {
            let filter = FairShareFilter {
                user_uuid: query::uuid_equals("user UUID", &a.user_uuid)?,
                ..FairShareFilter::default()
            };
            let q = a.list.search(filter);
            let fs = ctx.client()?.fair_share();
            let at = &a.at;
            view::page(
                ctx,
                fs.rg_search_users(&at.resource_group, &at.domain_name, &at.project_id, &q),
                view::USER_FIELDS,
                "No user fair shares found.",
            )
        }
    }
}

/// Runs `fair-share rg-domain-usage list`.
pub fn rg_domain_usage(ctx: &Context, cmd: RgDomainUsageCommand) -> anyhow::Result<()> {
    let RgDomainUsageCommand::List(a) = cmd;
    let filter = FairShareFilter {
        domain_name: query::equals(&a.domain_name),
        period_start: a.period.filter()?,
        ..FairShareFilter::default()
    };
    let q = query::search(filter, None, &a.page);
    let fs = ctx.client()?.fair_share();
    let empty = "No domain usage buckets found.";
    let search = fs.rg_search_domain_usage_buckets(&a.at.resource_group, &q);
    view::page(ctx, search, view::DOMAIN_BUCKET_FIELDS, empty)
}

/// Runs `fair-share rg-project-usage list`.
pub fn rg_project_usage(ctx: &Context, cmd: RgProjectUsageCommand) -> anyhow::Result<()> {
    let RgProjectUsageCommand::List(a) = cmd;
    let filter = FairShareFilter {
        project_id: query::uuid_equals("project ID", &a.project_id)?,
        period_start: a.period.filter()?,
        ..FairShareFilter::default()
    };
    let q = query::search(filter, None, &a.page);
    let fs = ctx.client()?.fair_share();
    let at = &a.at;
    let search = fs.rg_search_project_usage_buckets(&at.resource_group, &at.domain_name, &q);
    let empty = "No project usage buckets found.";
    view::page(ctx, search, view::PROJECT_BUCKET_FIELDS, empty)
}

/// Runs `fair-share rg-user-usage list`.
pub fn rg_user_usage(ctx: &Context, cmd: RgUserUsageCommand) -> anyhow::Result<()> {
    let RgUserUsageCommand::List(a) = cmd;
    let filter = FairShareFilter {
        user_uuid: query::uuid_equals("user UUID", &a.user_uuid)?,
        period_start: a.period.filter()?,
        ..FairShareFilter::default()
    };
    let q = query::search(filter, None, &a.page);
    let fs = ctx.client()?.fair_share();
    let at = &a.at;
    let search =
        fs.rg_search_user_usage_buckets(&at.resource_group, &at.domain_name, &at.project_id, &q);
    let empty = "No user usage buckets found.";
    view::page(ctx, search, view::USER_BUCKET_FIELDS, empty)
}
