//! `bai model list` (SDK `Models::paginated_list`).

use backendai_sdk::groups::model::DEFAULT_LIST_FIELDS;

use crate::commands::args::{page_size, PageArgs};
use crate::commands::show::page_of;
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `model list` (the Python CLI's).
pub const MODEL_LIST_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("created_at").label("Created At"),
    FieldSpec::new("status").label("Status"),
];

/// `model list`: one page; an empty list is an empty page (the Python CLI fails with a
/// `NoItems` traceback).
pub fn list(ctx: &Context, page: &PageArgs) -> anyhow::Result<()> {
    let limit = page_size(page.limit)?;
    let client = ctx.client()?;
    page_of(
        ctx,
        client.models().paginated_list(
            page.filter.as_deref(),
            page.order.as_deref(),
            DEFAULT_LIST_FIELDS,
            page.offset,
            limit,
        ),
        MODEL_LIST_FIELDS,
    )
}
