//! `bai deployment revision add|list|info|activate|deactivate` (SDK
//! `Deployments::add_revision`, `search_revisions`, `get_revision`, `activate_revision`,
//! `deactivate_revision`).

use std::path::PathBuf;

use backendai_sdk::groups::deployment::RevisionInput;
use clap::{Args, Subcommand};
use serde_json::Value;

use super::deployments::WHAT;
use crate::commands::v26::{client_26_09, json_file, SearchPage};
use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::fields::text;
use crate::output::FieldSpec;

/// The columns of `deployment revision list`.
pub const REVISION_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("image_id").label("Image ID"),
    FieldSpec::computed("runtime_variant", |r| {
        text(&r["model_runtime_config"]["runtime_variant"])
    })
    .label("Runtime"),
    FieldSpec::computed("resource_group", |r| {
        text(&r["resource_config"]["resource_group_name"])
    })
    .label("Resource Group"),
    FieldSpec::new("created_at").label("Created At"),
];

/// `deployment revision` subcommands.
#[derive(Debug, Subcommand)]
pub enum RevisionCommand {
    /// Add a new revision to an existing deployment (from a JSON file).
    Add(AddArgs),
    /// List the revisions of a deployment.
    List(ListArgs),
    /// Show a revision.
    Info(RevisionArgs),
    /// Activate a revision.
    Activate(RevisionArgs),
    /// Deactivate a revision.
    Deactivate(RevisionArgs),
}

/// Arguments of `revision add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    /// JSON file with the revision (cluster_config, resource_config, image,
    /// model_runtime_config, model_mount_config, ...); `-` = stdin.
    #[arg(short = 'f', long = "file", value_name = "FILE", required = true)]
    pub file: PathBuf,
}

/// A deployment and a page of its items (`revision list`, `route list`).
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: SearchPage,
}

/// A deployment and one of its revisions.
#[derive(Debug, Args)]
pub struct RevisionArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    /// Revision ID.
    #[arg(value_name = "REVISION_ID")]
    pub revision_id: String,
}

/// Runs one `deployment revision` subcommand.
pub fn run(ctx: &Context, cmd: RevisionCommand) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let deps = client.deployments();
    match cmd {
        RevisionCommand::Add(a) => {
            let revision: RevisionInput = json_file(ctx, &a.file)?;
            let r = ctx.block_on(deps.add_revision(&a.deployment_id, &revision))??;
            let msg = format!("Revision {} added to deployment {}", r.id, a.deployment_id);
            ctx.out
                .mutation(&msg, Some(("revision", serde_json::to_value(&r)?)))?;
        }
        RevisionCommand::List(a) => {
            let page = ctx.block_on(deps.search_revisions(&a.deployment_id, &a.page.body()))??;
            ctx.out.page(
                &page.revisions,
                page.pagination.total,
                REVISION_FIELDS,
                "No revisions.",
            )?;
        }
        RevisionCommand::Info(a) => {
            let r = ctx.block_on(deps.get_revision(&a.deployment_id, &a.revision_id))??;
            ctx.out.item(&r)?;
        }
        RevisionCommand::Activate(a) => {
            let r = ctx.block_on(deps.activate_revision(&a.deployment_id, &a.revision_id))??;
            done(ctx, r.success, "activated", &a, r.extra)?;
        }
        RevisionCommand::Deactivate(a) => {
            let r = ctx.block_on(deps.deactivate_revision(&a.deployment_id, &a.revision_id))??;
            done(ctx, r.success, "deactivated", &a, r.extra)?;
        }
    }
    Ok(())
}

fn done(
    ctx: &Context,
    success: bool,
    verb: &str,
    a: &RevisionArgs,
    extra: serde_json::Map<String, Value>,
) -> anyhow::Result<()> {
    if !success {
        return Err(with_status(
            ExitStatus::Failure,
            format!("revision {} was not {verb}", a.revision_id),
        ));
    }
    let msg = format!("Revision {} {verb}", a.revision_id);
    let extra = (!extra.is_empty()).then(|| ("result", Value::Object(extra)));
    ctx.out.mutation(&msg, extra)?;
    Ok(())
}
