//! `bai service rm|sync|scale` (SDK `Services::delete`, `sync`, `scale`).

use clap::Args;
use serde_json::json;

use super::target::ServiceArg;
use crate::context::Context;

/// Arguments of `service scale`.
#[derive(Debug, Args)]
pub struct ScaleArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub service: ServiceArg,
    /// Number of desired sessions in an endpoint.
    #[arg(value_name = "COUNT")]
    pub count: i64,
}

/// `service rm`.
pub fn rm(ctx: &Context, a: &ServiceArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let id = a.resolve(ctx, client)?;
    ctx.block_on(client.services().delete(&id))??;
    ctx.out
        .mutation("Removed.", Some(("endpoint_id", json!(id))))?;
    Ok(())
}

/// `service sync`.
pub fn sync(ctx: &Context, a: &ServiceArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let id = a.resolve(ctx, client)?;
    ctx.block_on(client.services().sync(&id))??;
    ctx.out
        .mutation("Done.", Some(("endpoint_id", json!(id))))?;
    Ok(())
}

/// `service scale`.
pub fn scale(ctx: &Context, a: &ScaleArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let id = a.service.resolve(ctx, client)?;
    let scaled = ctx.block_on(client.services().scale(&id, a.count))??;
    ctx.out.mutation(
        "Triggered scaling.",
        Some(("result", serde_json::to_value(&scaled)?)),
    )?;
    Ok(())
}
