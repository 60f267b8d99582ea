//! `bai deployment create|list|info|update|destroy` (SDK `Deployments::create`, `search`,
//! `get`, `update`, `delete`).

use std::path::PathBuf;

use backendai_sdk::groups::deployment::{CreateDeploymentRequest, UpdateDeploymentRequest};
use clap::Args;
use serde_json::{json, Value};

use crate::commands::input::confirmed;
use crate::commands::v26::{client_26_09, json_file, SearchPage};
use crate::context::Context;
use crate::exit::usage;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// What the version check names.
pub const WHAT: &str = "model deployments";

/// The columns of `deployment list`.
pub const DEPLOYMENT_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("status").label("Status"),
    FieldSpec::computed("replicas", replicas).label("Replicas"),
    FieldSpec::computed("url", url).label("URL"),
    FieldSpec::new("created_at").label("Created At"),
];

fn replicas(d: &Value) -> String {
    text(&d["replica_state"]["desired_replica_count"])
}

fn url(d: &Value) -> String {
    text(&d["network_config"]["url"])
}

/// Arguments of `deployment create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// JSON file with the deployment (metadata, network_access,
    /// default_deployment_strategy, desired_replica_count, initial_revision); `-` = stdin.
    #[arg(short = 'f', long = "file", value_name = "FILE", required = true)]
    pub file: PathBuf,
}

/// Arguments of `deployment list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the deployments of this project (ID).
    #[arg(long, value_name = "PROJECT_ID")]
    pub project_id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: SearchPage,
}

/// A deployment ID argument.
#[derive(Debug, Args)]
pub struct IdArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
}

/// Arguments of `deployment update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New replica count.
    #[arg(long)]
    pub replicas: Option<u32>,
}

/// Arguments of `deployment destroy`.
#[derive(Debug, Args)]
pub struct DestroyArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    /// Destroy without asking.
    #[arg(long)]
    pub yes: bool,
}

/// `deployment create -f FILE`.
pub fn create(ctx: &Context, a: &CreateArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let body: CreateDeploymentRequest = json_file(ctx, &a.file)?;
    let d = ctx.block_on(client.deployments().create(&body))??;
    let msg = format!("Deployment {} ({}) created", d.name, d.id);
    ctx.out
        .mutation(&msg, Some(("deployment", serde_json::to_value(&d)?)))?;
    Ok(())
}

/// `deployment list`.
pub fn list(ctx: &Context, a: &ListArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let mut body = a.page.body();
    if let Some(p) = &a.project_id {
        body = body.with_filter(json!({ "project_id": p }));
    }
    let page = ctx.block_on(client.deployments().search(&body))??;
    ctx.out.page(
        &page.deployments,
        page.pagination.total,
        DEPLOYMENT_FIELDS,
        "No deployments.",
    )?;
    Ok(())
}

/// `deployment info`.
pub fn info(ctx: &Context, a: &IdArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let d = ctx.block_on(client.deployments().get(&a.deployment_id))??;
    ctx.out.item(&d)?;
    Ok(())
}

/// `deployment update`.
pub fn update(ctx: &Context, a: &UpdateArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    if a.name.is_none() && a.replicas.is_none() {
        return Err(usage("nothing to update: give --name and/or --replicas"));
    }
    let body = UpdateDeploymentRequest {
        name: a.name.clone(),
        desired_replicas: a.replicas,
    };
    let d = ctx.block_on(client.deployments().update(&a.deployment_id, &body))??;
    let msg = format!("Deployment {} updated", d.id);
    ctx.out
        .mutation(&msg, Some(("deployment", serde_json::to_value(&d)?)))?;
    Ok(())
}

/// `deployment destroy`.
pub fn destroy(ctx: &Context, a: &DestroyArgs) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    if !confirmed(a.yes, &ctx.out)? {
        return Ok(());
    }
    let r = ctx.block_on(client.deployments().delete(&a.deployment_id))??;
    let msg = if r.deleted {
        format!("Deployment {} destroyed", a.deployment_id)
    } else {
        format!("Deployment {} was not destroyed", a.deployment_id)
    };
    if !r.deleted {
        return Err(crate::exit::with_status(
            crate::exit::ExitStatus::Failure,
            msg,
        ));
    }
    ctx.out.mutation(&msg, None)?;
    Ok(())
}
