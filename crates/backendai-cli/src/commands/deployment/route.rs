//! `bai deployment route list|traffic` (SDK `Deployments::search_routes`,
//! `update_route_traffic`).

use clap::{ArgGroup, Args, Subcommand};

use super::deployments::WHAT;
use super::revision::ListArgs;
use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `deployment route list`.
pub const ROUTE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("status").label("Status"),
    FieldSpec::new("traffic_status").label("Traffic"),
    FieldSpec::new("traffic_ratio").label("Ratio"),
    FieldSpec::new("revision_id").label("Revision ID"),
    FieldSpec::new("session_id").label("Session ID"),
    FieldSpec::new("created_at").label("Created At"),
];

/// `deployment route` subcommands.
#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// List the routes (replicas) of a deployment.
    List(ListArgs),
    /// Turn a route's traffic on or off.
    Traffic(TrafficArgs),
}

/// Arguments of `route traffic`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("traffic").required(true).args(["activate", "deactivate"])))]
pub struct TrafficArgs {
    /// Deployment ID.
    #[arg(value_name = "DEPLOYMENT_ID")]
    pub deployment_id: String,
    /// Route ID.
    #[arg(value_name = "ROUTE_ID")]
    pub route_id: String,
    /// Enable traffic.
    #[arg(long)]
    pub activate: bool,
    /// Disable traffic.
    #[arg(long)]
    pub deactivate: bool,
}

/// Runs one `deployment route` subcommand.
pub fn run(ctx: &Context, cmd: RouteCommand) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let deps = client.deployments();
    match cmd {
        RouteCommand::List(a) => {
            let page = ctx.block_on(deps.search_routes(&a.deployment_id, &a.page.body()))??;
            ctx.out.page(
                &page.routes,
                page.pagination.total_count,
                ROUTE_FIELDS,
                "No routes.",
            )?;
        }
        RouteCommand::Traffic(a) => {
            let status = if a.activate { "ACTIVE" } else { "INACTIVE" };
            let r =
                ctx.block_on(deps.update_route_traffic(&a.deployment_id, &a.route_id, status))??;
            let msg = format!("Route {} traffic is {}", r.id, r.traffic_status);
            ctx.out
                .mutation(&msg, Some(("route", serde_json::to_value(&r)?)))?;
        }
    }
    Ok(())
}
