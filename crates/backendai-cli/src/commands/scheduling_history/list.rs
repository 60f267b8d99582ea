//! `bai scheduling-history session|deployment|route list` (SDK
//! `SchedulingHistories::search`): filters, a table (one per entity with `--group`, messages
//! cut at 60 characters unless `--full`), or the records with `-o json`.

use backendai_sdk::core::dto::StringFilter;
use backendai_sdk::groups::scheduling_history::{
    HistoryKind, SchedulingHistory, SchedulingHistoryFilter, SchedulingHistorySearchRequest,
    SearchOrder, SearchResponse,
};
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::commands::fair_share::query::{self, Direction, Page};
use crate::context::Context;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// `scheduling-history session`.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// List session scheduling history records.
    List(SessionList),
}

/// `scheduling-history deployment`.
#[derive(Debug, Subcommand)]
pub enum DeploymentCommand {
    /// List deployment scheduling history records.
    List(DeploymentList),
}

/// `scheduling-history route`.
#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// List route scheduling history records.
    List(RouteList),
}

/// The filters, page, order and presentation every history list has.
#[derive(Debug, Args)]
pub struct Common {
    /// Filter by phase (contains).
    #[arg(long)]
    pub phase: Option<String>,
    /// Filter by from_status (can specify multiple).
    #[arg(long)]
    pub from_status: Vec<String>,
    /// Filter by to_status (can specify multiple).
    #[arg(long)]
    pub to_status: Vec<String>,
    /// Filter by scheduling result.
    #[arg(long, value_parser = ["SUCCESS", "FAILURE", "STALE"], ignore_case = true)]
    pub result: Option<String>,
    /// Filter by error code.
    #[arg(long)]
    pub error_code: Option<String>,
    /// Filter by message (contains).
    #[arg(long)]
    pub message: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub page: Page,
    /// Order by field.
    #[arg(long, default_value = "created_at", value_parser = ["created_at", "updated_at"])]
    pub order_by: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub direction: Direction,
    /// Group the table by entity ID (tables only; `-o json` lists the records).
    #[arg(long)]
    pub group: bool,
    /// Show full messages without truncation (the Python CLI's -v/--verbose; -v is the
    /// global logging flag here).
    #[arg(long)]
    pub full: bool,
}

/// `scheduling-history session list`.
#[derive(Debug, Args)]
pub struct SessionList {
    /// Filter by session ID.
    #[arg(long)]
    pub session_id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `scheduling-history deployment list`.
#[derive(Debug, Args)]
pub struct DeploymentList {
    /// Filter by deployment ID.
    #[arg(long)]
    pub deployment_id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

/// `scheduling-history route list`.
#[derive(Debug, Args)]
pub struct RouteList {
    /// Filter by route ID.
    #[arg(long)]
    pub route_id: Option<String>,
    /// Filter by deployment ID.
    #[arg(long)]
    pub deployment_id: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub common: Common,
}

fn list_opt(v: &[String]) -> Option<Vec<String>> {
    (!v.is_empty()).then(|| v.to_vec())
}

impl Common {
    /// The search body around the kind's ID conditions in `filter`.
    fn body(&self, mut filter: SchedulingHistoryFilter) -> SchedulingHistorySearchRequest {
        filter.phase = self.phase.as_deref().map(StringFilter::contains);
        filter.from_status = list_opt(&self.from_status);
        filter.to_status = list_opt(&self.to_status);
        filter.result = self.result.as_ref().map(|r| vec![r.to_ascii_uppercase()]);
        filter.error_code = self.error_code.as_deref().map(StringFilter::equals);
        filter.message = self.message.as_deref().map(StringFilter::contains);
        let descending = self.direction.order.eq_ignore_ascii_case("DESC");
        SchedulingHistorySearchRequest {
            filter: (!filter.is_empty()).then_some(filter),
            order: Some(vec![SearchOrder::new(&self.order_by, descending)]),
            limit: self.page.limit,
            offset: self.page.offset,
            ..SchedulingHistorySearchRequest::default()
        }
    }
}

fn message_short(v: &Value) -> String {
    let m = text(v);
    match m.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &m[..i]),
        None => m,
    }
}

fn entity(kind: HistoryKind) -> FieldSpec<'static> {
    match kind {
        HistoryKind::Session => FieldSpec::new("session_id").label("Session ID"),
        HistoryKind::Deployment => FieldSpec::new("deployment_id").label("Deployment ID"),
        HistoryKind::Route => FieldSpec::new("route_id").label("Route ID"),
    }
}

/// The columns: the entity, phase, status change, result, error, message, attempts, time.
fn fields(kind: HistoryKind, verbose: bool) -> Vec<FieldSpec<'static>> {
    let message = FieldSpec::new("message").label("Message");
    let mut f = vec![entity(kind)];
    if kind == HistoryKind::Route {
        f.push(FieldSpec::new("deployment_id").label("Deployment ID"));
    }
    f.extend([
        FieldSpec::new("phase").label("Phase"),
        FieldSpec::new("from_status").label("From"),
        FieldSpec::new("to_status").label("To"),
        FieldSpec::new("result").label("Result"),
        FieldSpec::new("error_code").label("Error Code"),
        if verbose {
            message
        } else {
            message.format(message_short)
        },
        FieldSpec::new("attempts").label("Attempts"),
        FieldSpec::new("created_at").label("Created"),
    ]);
    f
}

/// Runs the search and prints it.
fn show(
    ctx: &Context,
    kind: HistoryKind,
    filter: SchedulingHistoryFilter,
    c: &Common,
) -> anyhow::Result<()> {
    let body = c.body(filter);
    let sh = ctx.client()?.scheduling_history();
    let answer: SearchResponse<SchedulingHistory> = ctx.block_on(sh.search(kind, &body))??;
    let fields = fields(kind, c.full);
    let total = answer.pagination.total;
    let empty = "No scheduling history records found.";
    if !c.group || ctx.out.json_mode() || answer.items.is_empty() {
        ctx.out.page(&answer.items, total, &fields, empty)?;
        return Ok(());
    }
    // One table per entity, in the order each first appears.
    let mut groups: Vec<(String, Vec<&SchedulingHistory>)> = Vec::new();
    for item in &answer.items {
        let id = item.entity_id().to_owned();
        match groups.iter_mut().find(|(g, _)| *g == id) {
            Some((_, items)) => items.push(item),
            None => groups.push((id, vec![item])),
        }
    }
    for (id, items) in groups {
        ctx.out.line(format!(
            "{} {id} ({} records)",
            entity(kind).label,
            items.len()
        ))?;
        ctx.out.table(&items, &fields)?;
    }
    Ok(())
}

/// `scheduling-history session list`.
pub fn sessions(ctx: &Context, a: &SessionList) -> anyhow::Result<()> {
    let filter = SchedulingHistoryFilter {
        session_id: query::uuid_equals("session ID", &a.session_id)?,
        ..SchedulingHistoryFilter::default()
    };
    show(ctx, HistoryKind::Session, filter, &a.common)
}

/// `scheduling-history deployment list`.
pub fn deployments(ctx: &Context, a: &DeploymentList) -> anyhow::Result<()> {
    let filter = SchedulingHistoryFilter {
        deployment_id: query::uuid_equals("deployment ID", &a.deployment_id)?,
        ..SchedulingHistoryFilter::default()
    };
    show(ctx, HistoryKind::Deployment, filter, &a.common)
}

/// `scheduling-history route list`.
pub fn routes(ctx: &Context, a: &RouteList) -> anyhow::Result<()> {
    let filter = SchedulingHistoryFilter {
        route_id: query::uuid_equals("route ID", &a.route_id)?,
        deployment_id: query::uuid_equals("deployment ID", &a.deployment_id)?,
        ..SchedulingHistoryFilter::default()
    };
    show(ctx, HistoryKind::Route, filter, &a.common)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_messages_are_cut_unless_full() {
        assert_eq!(message_short(&json!("short")), "short");
        let long = "x".repeat(70);
        assert_eq!(
            message_short(&json!(long)),
            format!("{}...", "x".repeat(60))
        );
        assert_eq!(fields(HistoryKind::Route, true)[1].label, "Deployment ID");
    }
}
