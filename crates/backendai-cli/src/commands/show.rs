//! Run one SDK call and print its answer through the output layer: the shapes most
//! commands share (a list, a page, one item, a mutation).

use std::future::Future;

use backendai_sdk::groups::admin::MutationResult;
use backendai_sdk::paginate::PaginatedResult;
use serde::Serialize;

use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::FieldSpec;

/// Runs a list query and prints the answer with `fields`.
pub fn list_of<T: Serialize>(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<Vec<T>>>,
    fields: &[FieldSpec<'_>],
) -> anyhow::Result<()> {
    let list = ctx.block_on(query)??;
    ctx.out.list(&list, fields, "No matching items.")?;
    Ok(())
}

/// Runs a paginated query and prints the page with `fields` and the total count.
pub fn page_of<T: Serialize>(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<PaginatedResult<T>>>,
    fields: &[FieldSpec<'_>],
) -> anyhow::Result<()> {
    let page = ctx.block_on(query)??;
    ctx.out
        .page(&page.items, page.total_count, fields, "No matching items.")?;
    Ok(())
}

/// Prints an item, or fails with `<what> not found` (status 1) when there is none.
pub fn item_or_not_found<T: Serialize>(
    ctx: &Context,
    item: Option<T>,
    what: &str,
) -> anyhow::Result<()> {
    match item {
        Some(i) => {
            ctx.out.item(&i)?;
            Ok(())
        }
        None => Err(with_status(
            ExitStatus::Failure,
            format!("{what} not found"),
        )),
    }
}

/// Runs a detail query and prints the item (`<what> not found` when there is none).
pub fn item_of<T: Serialize>(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<Option<T>>>,
    what: &str,
) -> anyhow::Result<()> {
    let item = ctx.block_on(query)??;
    item_or_not_found(ctx, item, what)
}

/// Runs a mutation, checks it and prints `msg` (with the answer's extra fields, if any).
pub fn mutation_of(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<MutationResult>>,
    msg: &str,
) -> anyhow::Result<()> {
    let r = ctx.block_on(query)??.check()?;
    let extra = serde_json::to_value(&r.extra)?;
    let has_extra = extra.as_object().is_some_and(|m| !m.is_empty());
    ctx.out
        .mutation(msg, has_extra.then_some(("result", extra)))?;
    Ok(())
}

/// Prints a free-form JSON answer: one line per item of a list of strings, `key: value`
/// rows of an object, or the JSON itself with `-o json`.
pub fn answer(ctx: &Context, v: &serde_json::Value) -> anyhow::Result<()> {
    match v {
        serde_json::Value::Array(items)
            if !ctx.out.json_mode() && items.iter().all(serde_json::Value::is_string) =>
        {
            for i in items {
                ctx.out.line(crate::output::fields::text(i))?;
            }
        }
        _ => ctx.out.item(v)?,
    }
    Ok(())
}
