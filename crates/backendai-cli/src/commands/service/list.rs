//! `bai service list` (SDK `Services::paginated_list`).

use backendai_sdk::groups::service::{ServiceListOptions, DEFAULT_FIELDS};
use serde_json::Value;

use crate::commands::args::{page_size, PageArgs};
use crate::commands::show::page_of;
use crate::context::Context;
use crate::output::FieldSpec;

pub(super) const ENDPOINT_ID: FieldSpec<'static> =
    FieldSpec::new("endpoint_id").label("Endpoint Id");
pub(super) const NAME: FieldSpec<'static> = FieldSpec::new("name").label("Name");
pub(super) const IMAGE: FieldSpec<'static> = FieldSpec::new("image").label("Image");
pub(super) const DESIRED: FieldSpec<'static> =
    FieldSpec::new("desired_session_count").label("Desired Session Count");
pub(super) const ROUTINGS: FieldSpec<'static> = FieldSpec::new("routings")
    .label("Routings")
    .format(routes_by_status);
pub(super) const OWNER: FieldSpec<'static> = FieldSpec::new("session_owner").label("Session Owner");
pub(super) const PUBLIC: FieldSpec<'static> =
    FieldSpec::new("open_to_public").label("Open To Public");

/// The columns of `service list` (the Python CLI's, routes counted per status).
pub const SERVICE_LIST_FIELDS: &[FieldSpec<'static>] =
    &[ENDPOINT_ID, NAME, IMAGE, DESIRED, ROUTINGS, OWNER, PUBLIC];

/// `HEALTHY 2, PROVISIONING 1`: the routes counted per status, statuses sorted.
pub fn routes_by_status(routes: &Value) -> String {
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for r in routes.as_array().into_iter().flatten() {
        let status = r.get("status").and_then(Value::as_str).unwrap_or("UNKNOWN");
        *counts.entry(status.to_owned()).or_default() += 1;
    }
    counts
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `service list`: one page; an empty list is an empty page (the Python CLI fails with a
/// `NoItems` traceback).
pub fn list(ctx: &Context, page: &PageArgs) -> anyhow::Result<()> {
    let limit = page_size(page.limit)?;
    let client = ctx.client()?;
    let opts = ServiceListOptions {
        filter: page.filter.clone(),
        order: page.order.clone(),
    };
    page_of(
        ctx,
        client
            .services()
            .paginated_list(&opts, DEFAULT_FIELDS, page.offset, limit),
        SERVICE_LIST_FIELDS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn routes_are_counted_per_status() {
        let routes = json!([
            {"status": "PROVISIONING"}, {"status": "HEALTHY"}, {"status": "HEALTHY"}
        ]);
        assert_eq!(routes_by_status(&routes), "HEALTHY 2, PROVISIONING 1");
        assert_eq!(routes_by_status(&Value::Null), "");
    }
}
