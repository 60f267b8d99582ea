//! `bai fair-share domain|project|user get|list|set-weight`: fair shares addressed by
//! resource group and entity (SDK `FairShares::get_*`, `search_*`, `upsert_*_weight`).

use backendai_sdk::groups::fair_share::UpsertWeightRequest;
use backendai_sdk::groups::rest_v9::decimal_arg;
use clap::{Args, Subcommand};

use super::keys::{DomainKey, Listed, ProjectKeys, RgKey, Then, UserKeys};
use super::query::{DomainOrder, FactorOrder};
use super::view::{self, Rows};
use crate::context::Context;
use crate::exit::usage;

/// `fair-share domain`.
#[derive(Debug, Subcommand)]
pub enum DomainCommand {
    /// Get domain fair share data.
    Get(DomainRef),
    /// List domain fair shares.
    List(DomainList),
    /// Set domain fair share weight.
    SetWeight(DomainWeight),
}

/// `fair-share project`.
#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Get project fair share data.
    Get(ProjectRef),
    /// List project fair shares.
    List(ProjectList),
    /// Set project fair share weight.
    SetWeight(ProjectWeight),
}

/// `fair-share user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Get user fair share data.
    Get(UserRef),
    /// List user fair shares.
    List(UserList),
    /// Set user fair share weight.
    SetWeight(UserWeight),
}

/// A domain in a resource group.
#[derive(Debug, Args)]
pub struct DomainRef {
    /// Resource group name.
    pub resource_group: String,
    /// Domain name.
    pub domain_name: String,
}

/// A project in a resource group.
#[derive(Debug, Args)]
pub struct ProjectRef {
    /// Resource group name.
    pub resource_group: String,
    /// Project ID (UUID).
    pub project_id: String,
}

/// A user of a project in a resource group.
#[derive(Debug, Args)]
pub struct UserRef {
    /// Resource group name.
    pub resource_group: String,
    /// Project ID (UUID).
    pub project_id: String,
    /// User UUID.
    pub user_uuid: String,
}

/// The weight option of `set-weight`.
#[derive(Debug, Args)]
pub struct WeightArg {
    /// Weight value (omit to use resource group's default_weight).
    #[arg(long)]
    pub weight: Option<String>,
}

impl WeightArg {
    /// The upsert body for an entity of `domain` (none for a domain itself).
    fn body(&self, domain: Option<&str>) -> anyhow::Result<UpsertWeightRequest> {
        let weight = self
            .weight
            .as_deref()
            .map(|w| decimal_arg("weight", w).map_err(|e| usage(e.to_string())))
            .transpose()?;
        Ok(UpsertWeightRequest {
            domain_name: domain.map(str::to_owned),
            weight,
            ..UpsertWeightRequest::default()
        })
    }
}

/// `fair-share domain set-weight`.
#[derive(Debug, Args)]
pub struct DomainWeight {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub target: DomainRef,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub weight: WeightArg,
}

/// `fair-share project set-weight`.
#[derive(Debug, Args)]
pub struct ProjectWeight {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub target: ProjectRef,
    /// Domain name the project belongs to.
    #[arg(long = "domain")]
    pub domain: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub weight: WeightArg,
}

/// `fair-share user set-weight`.
#[derive(Debug, Args)]
pub struct UserWeight {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub target: UserRef,
    /// Domain name the user belongs to.
    #[arg(long = "domain")]
    pub domain: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub weight: WeightArg,
}

/// `fair-share domain list`.
pub type DomainList = Listed<Then<RgKey, DomainKey>, DomainOrder>;
/// `fair-share project list`.
pub type ProjectList = Listed<Then<RgKey, ProjectKeys>, FactorOrder>;
/// `fair-share user list`.
pub type UserList = Listed<Then<RgKey, UserKeys>, FactorOrder>;

/// Runs one `fair-share domain` subcommand.
pub fn domain(ctx: &Context, cmd: DomainCommand) -> anyhow::Result<()> {
    let level = &view::DOMAIN_LEVEL;
    match cmd {
        DomainCommand::Get(a) => {
            let fs = ctx.client()?.fair_share();
            level.found(
                ctx,
                ctx.block_on(fs.get_domain(&a.resource_group, &a.domain_name))??,
            )
        }
        DomainCommand::List(a) => {
            let q = a.search()?;
            level.list(
                ctx,
                Rows::Shares,
                ctx.client()?.fair_share().search_domains(&q),
            )
        }
        DomainCommand::SetWeight(a) => {
            let body = a.weight.body(None)?;
            let t = &a.target;
            let fs = ctx.client()?.fair_share();
            let set = fs.upsert_domain_weight(&t.resource_group, &t.domain_name, &body);
            level.weighted(ctx, &ctx.block_on(set)??)
        }
    }
}

/// Runs one `fair-share project` subcommand.
pub fn project(ctx: &Context, cmd: ProjectCommand) -> anyhow::Result<()> {
    let level = &view::PROJECT_LEVEL;
    match cmd {
        ProjectCommand::Get(a) => {
            let fs = ctx.client()?.fair_share();
            level.found(
                ctx,
                ctx.block_on(fs.get_project(&a.resource_group, &a.project_id))??,
            )
        }
        ProjectCommand::List(a) => {
            let q = a.search()?;
            level.list(
                ctx,
                Rows::Shares,
                ctx.client()?.fair_share().search_projects(&q),
            )
        }
        ProjectCommand::SetWeight(a) => {
            let body = a.weight.body(Some(&a.domain))?;
            let t = &a.target;
            let fs = ctx.client()?.fair_share();
            let set = fs.upsert_project_weight(&t.resource_group, &t.project_id, &body);
            level.weighted(ctx, &ctx.block_on(set)??)
        }
    }
}

/// Runs one `fair-share user` subcommand.
pub fn user(ctx: &Context, cmd: UserCommand) -> anyhow::Result<()> {
    let level = &view::USER_LEVEL;
    match cmd {
        UserCommand::Get(a) => {
            let fs = ctx.client()?.fair_share();
            let get = fs.get_user(&a.resource_group, &a.project_id, &a.user_uuid);
            level.found(ctx, ctx.block_on(get)??)
        }
        UserCommand::List(a) => {
            let q = a.search()?;
            level.list(
                ctx,
                Rows::Shares,
                ctx.client()?.fair_share().search_users(&q),
            )
        }
        UserCommand::SetWeight(a) => {
            let body = a.weight.body(Some(&a.domain))?;
            let t = &a.target;
            let fs = ctx.client()?.fair_share();
            let set = fs.upsert_user_weight(&t.resource_group, &t.project_id, &t.user_uuid, &body);
            level.weighted(ctx, &ctx.block_on(set)??)
        }
    }
}
