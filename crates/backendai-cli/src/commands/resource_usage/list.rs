//! `bai resource-usage domain|project|user list` (SDK `ResourceUsage::search_*_buckets`),
//! printed like the fair-share usage lists.

use clap::Subcommand;

use crate::commands::fair_share::keys::{DomainKey, Listed, ProjectKeys, RgFilter, Then, UserKeys};
use crate::commands::fair_share::query::PeriodOrder;
use crate::commands::fair_share::view::{self, Rows};
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

/// `resource-usage domain list`.
pub type DomainList = Listed<Then<RgFilter, DomainKey>, PeriodOrder>;
/// `resource-usage project list`.
pub type ProjectList = Listed<Then<RgFilter, ProjectKeys>, PeriodOrder>;
/// `resource-usage user list`.
pub type UserList = Listed<Then<RgFilter, UserKeys>, PeriodOrder>;

/// `resource-usage domain list`.
pub fn domains(ctx: &Context, a: &DomainList) -> anyhow::Result<()> {
    let q = a.search()?;
    let ru = ctx.client()?.resource_usage();
    view::DOMAIN_LEVEL.list(ctx, Rows::Buckets, ru.search_domain_buckets(&q))
}

/// `resource-usage project list`.
pub fn projects(ctx: &Context, a: &ProjectList) -> anyhow::Result<()> {
    let q = a.search()?;
    let ru = ctx.client()?.resource_usage();
    view::PROJECT_LEVEL.list(ctx, Rows::Buckets, ru.search_project_buckets(&q))
}

/// `resource-usage user list`.
pub fn users(ctx: &Context, a: &UserList) -> anyhow::Result<()> {
    let q = a.search()?;
    let ru = ctx.client()?.resource_usage();
    view::USER_LEVEL.list(ctx, Rows::Buckets, ru.search_user_buckets(&q))
}
