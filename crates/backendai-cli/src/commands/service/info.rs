//! `bai service info|get-endpoint` (SDK `Services::detail` with the detail fields).

use backendai_sdk::groups::service::{ServiceEndpoint, DETAIL_FIELDS};
use serde_json::{json, Value};

use super::list::{DESIRED, ENDPOINT_ID, IMAGE, NAME, OWNER, PUBLIC, ROUTINGS};
use super::target::ServiceArg;
use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::FieldSpec;

/// The rows of `service info` (the Python CLI's detail fields: the list's and the URL).
pub const SERVICE_DETAIL_FIELDS: &[FieldSpec<'static>] = &[
    ENDPOINT_ID,
    NAME,
    IMAGE,
    DESIRED,
    ROUTINGS,
    OWNER,
    FieldSpec::new("url").label("Url"),
    PUBLIC,
];

/// The columns of the routes table under `service info`.
pub const ROUTING_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("routing_id").label("Route"),
    FieldSpec::new("status").label("Status"),
    FieldSpec::new("traffic_ratio").label("Traffic Ratio"),
    FieldSpec::new("session").label("Session"),
];

/// The two columns of a field/value view.
const ROW_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("field").label("Field"),
    FieldSpec::new("value").label("Value"),
];

fn fetch(ctx: &Context, a: &ServiceArg) -> anyhow::Result<ServiceEndpoint> {
    let client = ctx.client()?;
    let id = a.resolve(ctx, client)?;
    ctx.block_on(client.services().detail(&id, DETAIL_FIELDS))??
        .ok_or_else(|| {
            with_status(
                ExitStatus::Failure,
                format!("Service {} not found", a.service),
            )
        })
}

/// `service info`: the service's fields, then a table of its routes (the whole node with
/// `-o json`).
pub fn info(ctx: &Context, a: &ServiceArg) -> anyhow::Result<()> {
    let detail = fetch(ctx, a)?;
    if ctx.out.json_mode() {
        ctx.out.json(&detail)?;
        return Ok(());
    }
    let v = serde_json::to_value(&detail)?;
    let rows: Vec<Value> = SERVICE_DETAIL_FIELDS
        .iter()
        .map(|f| json!({"field": f.label, "value": f.cell(&v)}))
        .collect();
    ctx.out.table(&rows, ROW_FIELDS)?;
    let routes = detail.routings.unwrap_or_default();
    if routes.is_empty() {
        ctx.out.info("The service has no routes.")?;
    } else {
        ctx.out.table(&routes, ROUTING_FIELDS)?;
    }
    Ok(())
}

/// `service get-endpoint`: the service's URL (`{"url": ...}` with `-o json`; `null` while
/// the app proxy has not registered the service).
pub fn get_endpoint(ctx: &Context, a: &ServiceArg) -> anyhow::Result<()> {
    let detail = fetch(ctx, a)?;
    match &detail.url {
        Some(url) => ctx.out.either(&json!({ "url": url }), || url.clone())?,
        None if ctx.out.json_mode() => ctx.out.json(&json!({ "url": null }))?,
        None => ctx
            .out
            .info("The service has no endpoint URL yet (no route is healthy).")?,
    }
    Ok(())
}
