//! What the channel and rule handlers share: the options `create` and `update` end with
//! ([`CreateOptions`], [`StateOptions`], their help worded by a [`Kind`]), the search body,
//! the update check, and the prints of a created, updated or deleted record.

use std::fmt::{Debug, Display};
use std::future::Future;
use std::marker::PhantomData;

use backendai_sdk::groups::notification::{filter, Deleted, SearchBody};
use clap::Args;
use serde::Serialize;

use crate::commands::v26::{deleted, enable_flag};
use crate::context::Context;
use crate::exit::usage;

/// The words a notification kind (channel or rule) puts in the help of the options both
/// kinds have.
pub trait Kind: Debug + Clone + Send + Sync + 'static {
    /// Help of `create --disabled`.
    const CREATE_DISABLED: &'static str;
    /// Help of `update --enable`.
    const ENABLE: &'static str;
    /// Help of `update --disable`.
    const DISABLE: &'static str;
}

/// The options `create` ends with: a description and whether to start disabled.
#[derive(Debug, Args, Clone)]
#[group(skip)]
pub struct CreateOptions<K: Kind> {
    /// Description.
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, help = K::CREATE_DISABLED)]
    #[allow(missing_docs)]
    pub disabled: bool,
    #[arg(skip)]
    kind: PhantomData<K>,
}

impl<K: Kind> CreateOptions<K> {
    /// The `enabled` value of the create body.
    pub fn enabled(&self) -> Option<bool> {
        Some(!self.disabled)
    }
}

/// The options `update` ends with: `--enable` or `--disable` (the command's `state` group
/// allows one).
#[derive(Debug, Args, Clone)]
#[group(skip)]
pub struct StateOptions<K: Kind> {
    #[arg(long, help = K::ENABLE)]
    #[allow(missing_docs)]
    pub enable: bool,
    #[arg(long, help = K::DISABLE)]
    #[allow(missing_docs)]
    pub disable: bool,
    #[arg(skip)]
    kind: PhantomData<K>,
}

impl<K: Kind> StateOptions<K> {
    /// The `enabled` value of the update body (none when neither is given).
    pub fn enabled(&self) -> Option<bool> {
        enable_flag(self.enable, self.disable)
    }
}

/// The search body of `--enabled-only` and, for rules, `--rule-types`.
pub fn search_body(enabled_only: bool, rule_types: &[String]) -> SearchBody {
    SearchBody {
        filter: filter(enabled_only, rule_types),
        ..Default::default()
    }
}

/// The body of an update, or exit 2 when it would change nothing.
pub fn changes<T: Default + PartialEq>(body: T) -> anyhow::Result<T> {
    if body == T::default() {
        return Err(usage("nothing to update"));
    }
    Ok(body)
}

/// Prints `Notification <kind> <name> (<id>) created`, and with `-o json` the record under
/// `kind`.
pub fn created(
    ctx: &Context,
    kind: &str,
    (name, id): (&dyn Display, &dyn Display),
    record: &impl Serialize,
) -> anyhow::Result<()> {
    let msg = format!("Notification {kind} {name} ({id}) created");
    written(ctx, &msg, kind, record)
}

/// Prints `Notification <kind> <id> updated`, and with `-o json` the record under `kind`.
pub fn updated(
    ctx: &Context,
    kind: &str,
    id: &dyn Display,
    record: &impl Serialize,
) -> anyhow::Result<()> {
    written(
        ctx,
        &format!("Notification {kind} {id} updated"),
        kind,
        record,
    )
}

/// Prints a written record: `msg`, and with `-o json` the record under `key`.
fn written(ctx: &Context, msg: &str, key: &str, record: &impl Serialize) -> anyhow::Result<()> {
    ctx.out
        .mutation(msg, Some((key, serde_json::to_value(record)?)))?;
    Ok(())
}

/// Waits for the delete of notification `kind` `id` and prints `Notification <kind> <id>
/// deleted`, or fails with status 1 when the server deleted nothing.
pub fn removed(
    ctx: &Context,
    kind: &str,
    id: &str,
    delete: impl Future<Output = backendai_sdk::Result<Deleted>>,
) -> anyhow::Result<()> {
    let answer = ctx.block_on(delete)??;
    deleted(ctx, answer.deleted, &format!("notification {kind}"), id)
}
