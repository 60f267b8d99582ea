//! `bai fair-share domain|project|user get|list|set-weight`: fair shares addressed by
//! resource group and entity (SDK `FairShares::get_*`, `search_*`, `upsert_*_weight`).

use backendai_sdk::groups::fair_share::{FairShareFilter, UpsertWeightRequest};
use backendai_sdk::groups::rest_v9::decimal_arg;
use clap::{Args, Subcommand};

use super::query::{self, DomainOrder, FactorOrder, Listing};
use super::view;
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
#[derive(Debug, Args)]
pub struct DomainList {
    /// Filter by resource group.
    #[arg(long)]
    pub resource_group: Option<String>,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<DomainOrder>,
}

/// `fair-share project list`.
#[derive(Debug, Args)]
pub struct ProjectList {
    /// Filter by resource group.
    #[arg(long)]
    pub resource_group: Option<String>,
    /// Filter by project ID.
    #[arg(long)]
    pub project_id: Option<String>,
    /// Filter by domain name.
    #[arg(long)]
    pub domain_name: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub list: Listing<FactorOrder>,
}

/// `fair-share user list`.
#[derive(Debug, Args)]
pub struct UserList {
    /// Filter by resource group.
    #[arg(long)]
    pub resource_group: Option<String>,
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
    pub list: Listing<FactorOrder>,
}

/// Runs one `fair-share domain` subcommand.
pub fn domain(ctx: &Context, cmd: DomainCommand) -> anyhow::Result<()> {
    match cmd {
        DomainCommand::Get(a) => {
            let fs = ctx.client()?.fair_share();
            let item = ctx.block_on(fs.get_domain(&a.resource_group, &a.domain_name))??;
            view::found(ctx, item, view::DOMAIN_RECORD, "domain fair share")
        }
        DomainCommand::List(a) => {
            let filter = FairShareFilter {
                resource_group: query::equals(&a.resource_group),
                domain_name: query::equals(&a.domain_name),
                ..FairShareFilter::default()
            };
            let q = a.list.search(filter);
            let fs = ctx.client()?.fair_share();
            view::page(
                ctx,
                fs.search_domains(&q),
                view::DOMAIN_FIELDS,
                "No domain fair shares found.",
            )
        }
        DomainCommand::SetWeight(a) => {
            let body = a.weight.body(None)?;
            let t = &a.target;
            let fs = ctx.client()?.fair_share();
            let item =
                ctx.block_on(fs.upsert_domain_weight(&t.resource_group, &t.domain_name, &body))??;
            let msg = "Updated domain fair share weight successfully.";
            view::written(ctx, msg, &item, view::DOMAIN_RECORD)
        }
    }
}

/// Runs one `fair-share project` subcommand.
pub fn project(ctx: &Context, cmd: ProjectCommand) -> anyhow::Result<()> {
    match cmd {
        ProjectCommand::Get(a) => {
            let fs = ctx.client()?.fair_share();
            let item = ctx.block_on(fs.get_project(&a.resource_group, &a.project_id))??;
            view::found(ctx, item, view::PROJECT_RECORD, "project fair share")
        }
        ProjectCommand::List(a) => {
            let filter = FairShareFilter {
                resource_group: query::equals(&a.resource_group),
                project_id: query::uuid_equals("project ID", &a.project_id)?,
                domain_name: query::equals(&a.domain_name),
                ..FairShareFilter::default()
            };
            let q = a.list.search(filter);
            let fs = ctx.client()?.fair_share();
            view::page(
                ctx,
                fs.search_projects(&q),
                view::PROJECT_FIELDS,
                "No project fair shares found.",
            )
        }
        ProjectCommand::SetWeight(a) => {
            let body = a.weight.body(Some(&a.domain))?;
            let t = &a.target;
            let fs = ctx.client()?.fair_share();
            let item =
                ctx.block_on(fs.upsert_project_weight(&t.resource_group, &t.project_id, &body))??;
            let msg = "Updated project fair share weight successfully.";
            view::written(ctx, msg, &item, view::PROJECT_RECORD)
        }
    }
}

/// Runs one `fair-share user` subcommand.
pub fn user(ctx: &Context, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Get(a) => {
            let fs = ctx.client()?.fair_share();
            let item =
                ctx.block_on(fs.get_user(&a.resource_group, &a.project_id, &a.user_uuid))??;
            view::found(ctx, item, view::USER_RECORD, "user fair share")
        }
        UserCommand::List(a) => {
            let filter = FairShareFilter {
                resource_group: query::equals(&a.resource_group),
                user_uuid: query::uuid_equals("user UUID", &a.user_uuid)?,
                project_id: query::uuid_equals("project ID", &a.project_id)?,
                domain_name: query::equals(&a.domain_name),
                ..FairShareFilter::default()
            };
            let q = a.list.search(filter);
            let fs = ctx.client()?.fair_share();
            view::page(
                ctx,
                fs.search_users(&q),
                view::USER_FIELDS,
                "No user fair shares found.",
            )
        }
        UserCommand::SetWeight(a) => {
            let body = a.weight.body(Some(&a.domain))?;
            let t = &a.target;
            let fs = ctx.client()?.fair_share();
            let item = ctx.block_on(fs.upsert_user_weight(
                &t.resource_group,
                &t.project_id,
                &t.user_uuid,
                &body,
            ))??;
            let msg = "Updated user fair share weight successfully.";
            view::written(ctx, msg, &item, view::USER_RECORD)
        }
    }
}
