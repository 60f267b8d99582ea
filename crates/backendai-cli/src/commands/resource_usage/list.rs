//! `bai resource-usage domain|project|user list` (SDK `ResourceUsage::search_*_buckets`),
//! printed like the fair-share usage lists.

use backendai_sdk::groups::fair_share::FairShareFilter;
use clap::{Args, Subcommand};

use crate::commands::fair_share::query::{self, Listing, PeriodOrder};
use crate::commands::fair_share::view;
use crate::context::Context;

/// `resource-usage domain`.
#[derive(Debug, Subcommand)]
pub enum DomainCommand {
    /// List domain usage buckets.
    List(DomainList),
}

/// `resource-usage project`.
#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// List project usage buckets.
    List(ProjectList),
}

/// `resource-usage user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// List user usage buckets.
    List(UserList),
}

/// The resource-group filter (`--scaling-group` is the older Python name).
#[derive(Debug, Args)]
pub struct RgFilter {
    /// Filter by resource group.
    #[arg(long, alias = "scaling-group")]
    pub resource_group: Option<String>,
}

/// `resource-usage domain list`.
#[derive(Debug, Args)]
pub struct DomainList {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub rg: RgFilter,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<PeriodOrder>,
}

/// `resource-usage project list`.
#[derive(Debug, Args)]
pub struct ProjectList {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub rg: RgFilter,
    /// Filter by project ID.
    #[arg(long)]
    pub project_id: Option<String>,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<PeriodOrder>,
}

/// `resource-usage user list`.
#[derive(Debug, Args)]
pub struct UserList {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub rg: RgFilter,
    /// Filter by user UUID.
    #[arg(long)]
    pub user_uuid: Option<String>,
    /// Filter by project ID.
    #[arg(long)]
    pub project_id: Option<String>,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<PeriodOrder>,
}

/// `resource-usage domain list`.
pub fn domains(ctx: &Context, a: &DomainList) -> anyhow::Result<()> {
    let filter = FairShareFilter {
        resource_group: query::equals(&a.rg.resource_group),
        domain_name: query::equals(&a.domain_name),
        ..FairShareFilter::default()
    };
    let q = a.list.search(filter);
    let ru = ctx.client()?.resource_usage();
    let empty = "No domain usage buckets found.";
    view::page(
        ctx,
        ru.search_domain_buckets(&q),
        view::DOMAIN_BUCKET_FIELDS,
        empty,
    )
}

/// `resource-usage project list`.
pub fn projects(ctx: &Context, a: &ProjectList) -> anyhow::Result<()> {
    let filter = FairShareFilter {
        resource_group: query::equals(&a.rg.resource_group),
        project_id: query::uuid_equals("project ID", &a.project_id)?,
        domain_name: query::equals(&a.domain_name),
        ..FairShareFilter::default()
    };
    let q = a.list.search(filter);
    let ru = ctx.client()?.resource_usage();
    let empty = "No project usage buckets found.";
    let search = ru.search_project_buckets(&q);
    view::page(ctx, search, view::PROJECT_BUCKET_FIELDS, empty)
}

/// `resource-usage user list`.
pub fn users(ctx: &Context, a: &UserList) -> anyhow::Result<()> {
    let filter = FairShareFilter {
        resource_group: query::equals(&a.rg.resource_group),
        user_uuid: query::uuid_equals("user UUID", &a.user_uuid)?,
        project_id: query::uuid_equals("project ID", &a.project_id)?,
        domain_name: query::equals(&a.domain_name),
        ..FairShareFilter::default()
    };
    let q = a.list.search(filter);
    let ru = ctx.client()?.resource_usage();
    let empty = "No user usage buckets found.";
    view::page(
        ctx,
        ru.search_user_buckets(&q),
        view::USER_BUCKET_FIELDS,
        empty,
    )
}
