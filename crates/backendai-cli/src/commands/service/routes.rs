//! `bai service update-traffic-ratio|downscale-route` (SDK `Services::update_traffic_ratio`,
//! `downscale_single_route`).

use clap::Args;
use serde_json::json;

use super::target::ServiceArg;
use crate::context::Context;

/// Arguments of `service update-traffic-ratio`.
#[derive(Debug, Args)]
pub struct RatioArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub service: ServiceArg,
    /// The route ID.
    #[arg(value_name = "ROUTE_ID")]
    pub route_id: String,
    /// Target traffic ratio (0 or more).
    #[arg(value_name = "RATIO")]
    pub ratio: f64,
}

/// Arguments of `service downscale-route`.
#[derive(Debug, Args)]
pub struct DownscaleArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub service: ServiceArg,
    /// Route ID to destroy.
    #[arg(value_name = "ROUTE_ID")]
    pub route_id: String,
    /// Ignored: accepted because the Python CLI requires it (and then fails on it).
    #[arg(value_name = "RATIO", hide = true)]
    pub ratio: Option<String>,
}

/// `service update-traffic-ratio`.
pub fn update_traffic_ratio(ctx: &Context, a: &RatioArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let id = a.service.resolve(ctx, client)?;
    ctx.block_on(
        client
            .services()
            .update_traffic_ratio(&id, &a.route_id, a.ratio),
    )??;
    ctx.out.mutation(
        "Done.",
        Some((
            "route",
            json!({"endpoint_id": id, "route_id": a.route_id, "traffic_ratio": a.ratio}),
        )),
    )?;
    Ok(())
}

/// `service downscale-route`.
pub fn downscale(ctx: &Context, a: &DownscaleArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let id = a.service.resolve(ctx, client)?;
    ctx.block_on(client.services().downscale_single_route(&id, &a.route_id))??;
    ctx.out.mutation(
        "Done.",
        Some(("route", json!({"endpoint_id": id, "route_id": a.route_id}))),
    )?;
    Ok(())
}
