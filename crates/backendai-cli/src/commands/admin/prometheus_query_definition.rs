//! `bai admin prometheus-query-definition add|delete|execute|info|modify|search` (SDK
//! `PrometheusQueryDefinitions`, the 26.9 REST API; superadmins): named PromQL templates.
//! A 23.09 manager has none: every command fails there with the "not supported" line.

use backendai_sdk::core::dto::StringFilter;
use backendai_sdk::groups::prometheus_query_definition::{
    parse_labels, split_list, QueryDefinitionCreate, QueryDefinitionFilter, QueryDefinitionOptions,
    QueryDefinitionOptionsUpdate, QueryDefinitionSearchRequest, QueryDefinitionUpdate,
    QueryExecuteOptions, QueryExecuteRequest, QueryTimeRange,
};
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::commands::input::confirmed;
use crate::context::Context;
use crate::exit::usage;
use crate::output::FieldSpec;

/// `admin prometheus-query-definition`.
#[derive(Debug, Subcommand)]
pub enum PrometheusQueryDefinitionCommand {
    /// Create a new prometheus query definition.
    Add(AddArgs),
    /// Delete a prometheus query definition.
    Delete(DeleteArgs),
    /// Execute a prometheus query definition.
    Execute(ExecuteArgs),
    /// Show details of a prometheus query definition.
    Info(IdArg),
    /// Modify an existing prometheus query definition.
    Modify(ModifyArgs),
    /// Search prometheus query definitions.
    Search(SearchArgs),
}

/// A definition id.
#[derive(Debug, Args)]
pub struct IdArg {
    /// Definition ID (UUID).
    pub definition_id: String,
}

/// `add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Definition name.
    #[arg(long)]
    pub name: String,
    /// Prometheus metric name.
    #[arg(long)]
    pub metric_name: String,
    /// PromQL template.
    #[arg(long)]
    pub query_template: String,
    /// Default time window (e.g. 5m).
    #[arg(long)]
    pub time_window: Option<String>,
    /// Comma-separated allowed filter label keys.
    #[arg(long, default_value = "")]
    pub filter_labels: String,
    /// Comma-separated allowed group-by label keys.
    #[arg(long, default_value = "")]
    pub group_labels: String,
}

/// `delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Definition ID (UUID).
    pub definition_id: String,
    /// Confirm the action without prompting.
    #[arg(long)]
    pub yes: bool,
}

/// `execute`.
#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// Definition ID (UUID).
    pub definition_id: String,
    /// Start time (ISO8601).
    #[arg(long)]
    pub start: Option<String>,
    /// End time (ISO8601).
    #[arg(long)]
    pub end: Option<String>,
    /// Step duration (e.g. 60s).
    #[arg(long)]
    pub step: Option<String>,
    /// Label filter in key=value format (repeatable).
    #[arg(long = "label")]
    pub labels: Vec<String>,
    /// Comma-separated group labels.
    #[arg(long)]
    pub group_labels: Option<String>,
    /// Time window override.
    #[arg(long)]
    pub time_window: Option<String>,
}

/// `modify`.
#[derive(Debug, Args)]
pub struct ModifyArgs {
    /// Definition ID (UUID).
    pub definition_id: String,
    /// New definition name.
    #[arg(long)]
    pub name: Option<String>,
    /// New Prometheus metric name.
    #[arg(long)]
    pub metric_name: Option<String>,
    /// New PromQL template.
    #[arg(long)]
    pub query_template: Option<String>,
    /// New default time window.
    #[arg(long)]
    pub time_window: Option<String>,
    /// Comma-separated allowed filter label keys.
    #[arg(long)]
    pub filter_labels: Option<String>,
    /// Comma-separated allowed group-by label keys.
    #[arg(long)]
    pub group_labels: Option<String>,
}

/// `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Filter by name (contains match).
    #[arg(long)]
    pub filter_name: Option<String>,
    /// Number of items to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// Maximum items to return.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

fn opt_text(v: &Value) -> String {
    match v {
        Value::Null => "-".to_owned(),
        Value::String(s) if s.is_empty() => "-".to_owned(),
        other => crate::output::fields::text(other),
    }
}

/// The columns of `search` (the 26.9 CLI's lines: id, name, metric, window, created).
pub const DEFINITION_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("metric_name").label("Metric"),
    FieldSpec::new("time_window")
        .label("Time Window")
        .format(opt_text),
    FieldSpec::new("created_at").label("Created"),
];

/// Runs one `admin prometheus-query-definition` subcommand.
pub fn run(ctx: &Context, cmd: PrometheusQueryDefinitionCommand) -> anyhow::Result<()> {
    use PrometheusQueryDefinitionCommand as C;
    match cmd {
        C::Add(a) => {
            let body = QueryDefinitionCreate {
                name: a.name,
                metric_name: a.metric_name,
                query_template: a.query_template,
                time_window: a.time_window,
                options: QueryDefinitionOptions {
                    filter_labels: split_list(&a.filter_labels),
                    group_labels: split_list(&a.group_labels),
                    extra: Default::default(),
                },
            };
            let client = ctx.client()?;
            let d = ctx.block_on(client.prometheus_query_definitions().create(&body))??;
            let msg = format!("Created definition: {}", d.id);
            ctx.out
                .mutation(&msg, Some(("definition", serde_json::to_value(&d)?)))?;
        }
        C::Delete(a) => {
            if !confirmed(a.yes, &ctx.out)? {
                return Ok(());
            }
            let client = ctx.client()?;
            let r = ctx.block_on(
                client
                    .prometheus_query_definitions()
                    .delete(&a.definition_id),
            )??;
            ctx.out
                .mutation(&format!("Deleted definition: {}", r.id), None)?;
        }
        C::Execute(a) => {
            let filter_labels = parse_labels(&a.labels).map_err(|e| usage(e.to_string()))?;
            // Like the 26.9 CLI: a range query only when all three are given.
            let time_range = match (a.start, a.end, a.step) {
                (Some(start), Some(end), Some(step)) => Some(QueryTimeRange { start, end, step }),
                _ => None,
            };
            let body = QueryExecuteRequest {
                options: QueryExecuteOptions {
                    filter_labels,
                    group_labels: a
                        .group_labels
                        .as_deref()
                        .map(split_list)
                        .unwrap_or_default(),
                },
                time_window: a.time_window,
                time_range,
            };
            let client = ctx.client()?;
            let r = ctx.block_on(
                client
                    .prometheus_query_definitions()
                    .execute(&a.definition_id, &body),
            )??;
            // The Python CLI prints the answer as indented JSON in both modes.
            ctx.out.json(&r)?;
        }
        C::Info(a) => {
            let client = ctx.client()?;
            let d = ctx.block_on(client.prometheus_query_definitions().get(&a.definition_id))??;
            ctx.out.item(&d)?;
        }
        C::Modify(a) => {
            let options = (a.filter_labels.is_some() || a.group_labels.is_some()).then(|| {
                QueryDefinitionOptionsUpdate {
                    filter_labels: a.filter_labels.as_deref().map(split_list),
                    group_labels: a.group_labels.as_deref().map(split_list),
                }
            });
            let body = QueryDefinitionUpdate {
                name: a.name,
                metric_name: a.metric_name,
                query_template: a.query_template,
                time_window: a.time_window,
                options,
            };
            if body.is_empty() {
                return Err(usage("At least one field must be specified to modify."));
            }
            let client = ctx.client()?;
            let d = ctx.block_on(
                client
                    .prometheus_query_definitions()
                    .modify(&a.definition_id, &body),
            )??;
            let msg = format!("Modified definition: {}", d.id);
            ctx.out
                .mutation(&msg, Some(("definition", serde_json::to_value(&d)?)))?;
        }
        C::Search(a) => {
            if a.limit == 0 {
                return Err(usage("--limit must be at least 1"));
            }
            let q = QueryDefinitionSearchRequest {
                filter: a.filter_name.map(|n| QueryDefinitionFilter {
                    name: Some(StringFilter::contains(n)),
                }),
                limit: a.limit,
                offset: a.offset,
                ..Default::default()
            };
            let client = ctx.client()?;
            let page = ctx.block_on(client.prometheus_query_definitions().search(&q))??;
            ctx.out.page(
                &page.items,
                page.pagination.total,
                DEFINITION_FIELDS,
                "No definitions found.",
            )?;
        }
    }
    Ok(())
}
