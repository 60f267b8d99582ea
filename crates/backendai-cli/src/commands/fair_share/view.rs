//! How fair shares, usage buckets and resource-group specs are printed: their declared fields
//! (table columns of lists, rows of a single record) and the print helpers of the group.
//! With `-o json` the SDK's DTO is printed as the server sent it.

use std::future::Future;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::context::Context;
use crate::exit::{with_status, ExitStatus};
use crate::output::fields::text;
use crate::output::FieldSpec;
use backendai_sdk::groups::fair_share::SearchResponse;

fn weight(v: &Value) -> String {
    match &v["spec"]["weight"] {
        Value::Null => "(default)".to_owned(),
        w => text(w),
    }
}

fn factor(v: &Value) -> String {
    text(&v["calculation_snapshot"]["fair_share_factor"])
}

fn normalized(v: &Value) -> String {
    text(&v["calculation_snapshot"]["normalized_usage"])
}

fn lookback(v: &Value) -> String {
    let s = &v["calculation_snapshot"];
    format!(
        "{} ~ {}",
        text(&s["lookback_start"]),
        text(&s["lookback_end"])
    )
}

/// `cpu=2, mem=1.5e9` from a `{"entries": [...]}` object.
pub fn slot_list(v: &Value) -> String {
    v["entries"]
        .as_array()
        .map(|es| {
            es.iter()
                .map(|e| format!("{}={}", text(&e["resource_type"]), text(&e["quantity"])))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

fn period(v: &Value) -> String {
    let m = &v["metadata"];
    format!("{} ~ {}", text(&m["period_start"]), text(&m["period_end"]))
}

fn decay_unit(v: &Value) -> String {
    text(&v["metadata"]["decay_unit_days"])
}

fn usage(v: &Value) -> String {
    slot_list(&v["resource_usage"])
}

fn capacity(v: &Value) -> String {
    slot_list(&v["capacity_snapshot"])
}

const ID: FieldSpec<'static> = FieldSpec::new("id").label("ID");
const RG: FieldSpec<'static> = FieldSpec::new("resource_group").label("Resource Group");
const DOMAIN: FieldSpec<'static> = FieldSpec::new("domain_name").label("Domain");
const PROJECT: FieldSpec<'static> = FieldSpec::new("project_id").label("Project ID");
const USER: FieldSpec<'static> = FieldSpec::new("user_uuid").label("User UUID");
const WEIGHT: FieldSpec<'static> = FieldSpec::computed("weight", weight).label("Weight");
const FACTOR: FieldSpec<'static> =
    FieldSpec::computed("fair_share_factor", factor).label("Fair Share Factor");
const NORMALIZED: FieldSpec<'static> =
    FieldSpec::computed("normalized_usage", normalized).label("Normalized Usage");
const LOOKBACK: FieldSpec<'static> = FieldSpec::computed("lookback", lookback).label("Lookback");
const CREATED: FieldSpec<'static> = FieldSpec::new("created_at").label("Created");
const UPDATED: FieldSpec<'static> = FieldSpec::new("updated_at").label("Updated");

/// Columns of domain fair-share lists.
pub const DOMAIN_FIELDS: &[FieldSpec<'static>] =
    &[ID, RG, DOMAIN, WEIGHT, FACTOR, NORMALIZED, CREATED];
/// Columns of project fair-share lists.
pub const PROJECT_FIELDS: &[FieldSpec<'static>] =
    &[ID, RG, PROJECT, DOMAIN, WEIGHT, FACTOR, NORMALIZED, CREATED];
/// Columns of user fair-share lists.
pub const USER_FIELDS: &[FieldSpec<'static>] = &[
    ID, RG, USER, PROJECT, DOMAIN, WEIGHT, FACTOR, NORMALIZED, CREATED,
];

/// Rows of one domain fair share.
pub const DOMAIN_RECORD: &[FieldSpec<'static>] = &[
    ID, RG, DOMAIN, WEIGHT, FACTOR, NORMALIZED, LOOKBACK, CREATED, UPDATED,
];
/// Rows of one project fair share.
pub const PROJECT_RECORD: &[FieldSpec<'static>] = &[
    ID, RG, PROJECT, DOMAIN, WEIGHT, FACTOR, NORMALIZED, LOOKBACK, CREATED, UPDATED,
];
/// Rows of one user fair share.
pub const USER_RECORD: &[FieldSpec<'static>] = &[
    ID, RG, USER, PROJECT, DOMAIN, WEIGHT, FACTOR, NORMALIZED, LOOKBACK, CREATED, UPDATED,
];

const PERIOD: FieldSpec<'static> = FieldSpec::computed("period", period).label("Period");
const DECAY: FieldSpec<'static> =
    FieldSpec::computed("decay_unit_days", decay_unit).label("Decay Unit (days)");
const USAGE: FieldSpec<'static> =
    FieldSpec::computed("resource_usage", usage).label("Resource Usage");
const CAPACITY: FieldSpec<'static> =
    FieldSpec::computed("capacity_snapshot", capacity).label("Capacity");

/// Columns of domain usage-bucket lists.
pub const DOMAIN_BUCKET_FIELDS: &[FieldSpec<'static>] =
    &[ID, RG, DOMAIN, PERIOD, DECAY, USAGE, CAPACITY];
/// Columns of project usage-bucket lists.
pub const PROJECT_BUCKET_FIELDS: &[FieldSpec<'static>] =
    &[ID, RG, PROJECT, DOMAIN, PERIOD, DECAY, USAGE, CAPACITY];
/// Columns of user usage-bucket lists.
pub const USER_BUCKET_FIELDS: &[FieldSpec<'static>] = &[
    ID, RG, USER, PROJECT, DOMAIN, PERIOD, DECAY, USAGE, CAPACITY,
];

/// How the records of one level (domain, project or user) print: its columns and rows, and
/// its name in messages.
#[derive(Debug)]
pub struct Level {
    /// The level in messages: `domain`, `project`, `user`.
    pub noun: &'static str,
    /// Columns of its fair-share lists.
    pub share_columns: &'static [FieldSpec<'static>],
    /// Rows of one of its fair shares.
    pub record_rows: &'static [FieldSpec<'static>],
    /// Columns of its usage-bucket lists.
    pub bucket_columns: &'static [FieldSpec<'static>],
}

/// What a list of a level holds.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    /// Fair shares.
    Shares,
    /// Usage buckets.
    Buckets,
}

/// The domain level.
pub const DOMAIN_LEVEL: Level = Level::new(
    "domain",
    [DOMAIN_FIELDS, DOMAIN_RECORD, DOMAIN_BUCKET_FIELDS],
);
/// The project level.
pub const PROJECT_LEVEL: Level = Level::new(
    "project",
    [PROJECT_FIELDS, PROJECT_RECORD, PROJECT_BUCKET_FIELDS],
);
/// The user level.
pub const USER_LEVEL: Level = Level::new("user", [USER_FIELDS, USER_RECORD, USER_BUCKET_FIELDS]);

impl Level {
    /// The level called `noun`, with its share columns, record rows and bucket columns.
    const fn new(noun: &'static str, fields: [&'static [FieldSpec<'static>]; 3]) -> Self {
        let [share_columns, record_rows, bucket_columns] = fields;
        Level {
            noun,
            share_columns,
            record_rows,
            bucket_columns,
        }
    }

    /// Prints a found fair share, or fails with `<level> fair share not found` (status 1).
    pub fn found<T: Serialize>(&self, ctx: &Context, item: Option<T>) -> anyhow::Result<()> {
        let what = format!("{} fair share", self.noun);
        found(ctx, item, self.record_rows, &what)
    }

    /// Waits for a search of this level's `rows` and prints its answer (see [`page`]).
    pub fn list<T: Serialize>(
        &self,
        ctx: &Context,
        rows: Rows,
        search: impl Future<Output = backendai_sdk::Result<SearchResponse<T>>>,
    ) -> anyhow::Result<()> {
        let (columns, what) = match rows {
            Rows::Shares => (self.share_columns, "fair shares"),
            Rows::Buckets => (self.bucket_columns, "usage buckets"),
        };
        page(
            ctx,
            search,
            columns,
            &format!("No {} {what} found.", self.noun),
        )
    }

    /// Prints a fair share whose weight was just set (see [`written`]).
    pub fn weighted<T: Serialize>(&self, ctx: &Context, item: &T) -> anyhow::Result<()> {
        let msg = format!("Updated {} fair share weight successfully.", self.noun);
        written(ctx, &msg, item, self.record_rows)
    }
}

fn spec_field(v: &Value, key: &str) -> String {
    text(&v["fair_share_spec"][key])
}

/// Rows and columns of resource-group fair-share specs.
pub const SPEC_FIELDS: &[FieldSpec<'static>] = &[
    RG,
    FieldSpec::computed("half_life_days", |v| spec_field(v, "half_life_days"))
        .label("Half-life (days)"),
    FieldSpec::computed("lookback_days", |v| spec_field(v, "lookback_days"))
        .label("Lookback (days)"),
    FieldSpec::computed("decay_unit_days", |v| spec_field(v, "decay_unit_days"))
        .label("Decay Unit (days)"),
    FieldSpec::computed("default_weight", |v| spec_field(v, "default_weight"))
        .label("Default Weight"),
    FieldSpec::computed("resource_weights", |v| {
        slot_list(&v["fair_share_spec"]["resource_weights"])
    })
    .label("Resource Weights"),
];

/// Prints one record: its `fields` as `label: value` rows, or the DTO with `-o json`.
pub fn record<T: Serialize>(
    ctx: &Context,
    item: &T,
    fields: &[FieldSpec<'_>],
) -> anyhow::Result<()> {
    if ctx.out.json_mode() {
        ctx.out.json(item)?;
        return Ok(());
    }
    let v = serde_json::to_value(item)?;
    let rows: Map<String, Value> = fields
        .iter()
        .map(|f| (f.label.to_owned(), Value::String(f.cell(&v))))
        .collect();
    ctx.out.item(&rows)?;
    Ok(())
}

/// Prints a found record, or fails with `<what> not found` (status 1).
pub fn found<T: Serialize>(
    ctx: &Context,
    item: Option<T>,
    fields: &[FieldSpec<'_>],
    what: &str,
) -> anyhow::Result<()> {
    match item {
        Some(i) => record(ctx, &i, fields),
        None => Err(with_status(
            ExitStatus::Failure,
            format!("{what} not found"),
        )),
    }
}

/// Waits for a search and prints its answer: a table, or `{"count", "total_count", "items"}`
/// with `-o json`.
pub fn page<T: Serialize>(
    ctx: &Context,
    search: impl Future<Output = backendai_sdk::Result<SearchResponse<T>>>,
    fields: &[FieldSpec<'_>],
    empty: &str,
) -> anyhow::Result<()> {
    let answer = ctx.block_on(search)??;
    ctx.out
        .page(&answer.items, answer.pagination.total, fields, empty)?;
    Ok(())
}

/// Prints a written record: `✓ msg` and its rows, or `{"ok", "msg", "item"}` with `-o json`.
pub fn written<T: Serialize>(
    ctx: &Context,
    msg: &str,
    item: &T,
    fields: &[FieldSpec<'_>],
) -> anyhow::Result<()> {
    if ctx.out.json_mode() {
        ctx.out
            .mutation(msg, Some(("item", serde_json::to_value(item)?)))?;
        return Ok(());
    }
    ctx.out.done(msg)?;
    record(ctx, item, fields)
}
