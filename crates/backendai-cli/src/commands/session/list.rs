//! `bai session list` / `bai ps` (SDK `Sessions::list`).

use backendai_sdk::groups::session::{
    ListParams, ALL_STATUSES, CLI_DETAIL_FIELDS, CLI_LIST_FIELDS, DEFAULT_STATUSES,
};
use clap::Args;

use crate::commands::args::{offset32, page_size};
use crate::context::Context;
use crate::exit::usage;
use crate::output::fields::{self, FieldSpec};
use backendai_sdk::paginate::DEFAULT_PAGE_SIZE;

/// Status filters of `session list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum StatusFilter {
    Pending,
    Scheduled,
    Pulling,
    Preparing,
    Running,
    Restarting,
    RunningDegraded,
    Terminating,
    Terminated,
    Error,
    Cancelled,
    All,
}

impl StatusFilter {
    /// The server-side name.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Pending => "PENDING",
            StatusFilter::Scheduled => "SCHEDULED",
            StatusFilter::Pulling => "PULLING",
            StatusFilter::Preparing => "PREPARING",
            StatusFilter::Running => "RUNNING",
            StatusFilter::Restarting => "RESTARTING",
            StatusFilter::RunningDegraded => "RUNNING_DEGRADED",
            StatusFilter::Terminating => "TERMINATING",
            StatusFilter::Terminated => "TERMINATED",
            StatusFilter::Error => "ERROR",
            StatusFilter::Cancelled => "CANCELLED",
            StatusFilter::All => "ALL",
        }
    }
}

/// `--running`.
const RUNNING_STATUSES: &[&str] = &["PREPARING", "RUNNING", "RUNNING_DEGRADED"];
/// `--dead`.
const DEAD_STATUSES: &[&str] = &["CANCELLED", "TERMINATED"];

/// Every session field `ps` can show; `--format` picks from these by name (any other name
/// is shown as text). Columns are in the 23.09 CLI's order.
pub const SESSION_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("id"),
    FieldSpec::new("group_name"),
    FieldSpec::new("image"),
    FieldSpec::new("type"),
    FieldSpec::new("status"),
    FieldSpec::new("status_info"),
    FieldSpec::new("status_changed"),
    FieldSpec::new("result"),
    FieldSpec::new("tag"),
    FieldSpec::new("created_at"),
    FieldSpec::new("occupying_slots"),
];

/// Arguments of `session list` / `ps`.
#[derive(Debug, Args, Clone)]
pub struct ListArgs {
    /// Filter by the given status.
    #[arg(short = 's', long, value_enum, ignore_case = true)]
    pub status: Option<StatusFilter>,
    /// Sessions of a specific access key (super-admin only).
    #[arg(long)]
    pub access_key: Option<String>,
    /// Print session names only.
    #[arg(long, visible_alias = "id-only")]
    pub name_only: bool,
    /// Only dead sessions (ignores --status).
    #[arg(long)]
    pub dead: bool,
    /// Only scheduled and running sessions (ignores --status).
    #[arg(long)]
    pub running: bool,
    /// More columns.
    #[arg(long)]
    pub detail: bool,
    /// Display only these fields (comma-separated).
    #[arg(short = 'f', long, value_name = "FIELDS")]
    pub format: Option<String>,
    /// No header and no decorations.
    #[arg(long)]
    pub plain: bool,
    /// Query filter expression.
    #[arg(long)]
    pub filter: Option<String>,
    /// Query ordering expression.
    #[arg(long)]
    pub order: Option<String>,
    /// Index of the first item.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Page size.
    #[arg(long)]
    pub limit: Option<u32>,
    /// All sessions regardless of status (= --status=ALL).
    #[arg(short = 'a', long)]
    pub all: bool,
}

impl ListArgs {
    /// The status set this invocation asks for.
    pub fn statuses(&self) -> Vec<&'static str> {
        if self.all {
            return ALL_STATUSES.to_vec();
        }
        if self.dead {
            return DEAD_STATUSES.to_vec();
        }
        if self.running {
            return RUNNING_STATUSES.to_vec();
        }
        match self.status {
            Some(StatusFilter::All) => ALL_STATUSES.to_vec(),
            Some(s) => vec![s.as_str()],
            None => DEFAULT_STATUSES.to_vec(),
        }
    }

    /// The field names to select: `--format`, or the default columns (+ `--detail` ones).
    fn field_names(&self) -> anyhow::Result<Vec<String>> {
        let names: Vec<String> = match &self.format {
            Some(f) => f
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            None => {
                let detail = if self.detail { CLI_DETAIL_FIELDS } else { &[] };
                CLI_LIST_FIELDS
                    .iter()
                    .chain(detail)
                    .map(|s| (*s).to_owned())
                    .collect()
            }
        };
        if names.is_empty() {
            return Err(usage("--format: no fields given"));
        }
        Ok(names)
    }
}

/// `session list` / `ps`. Like the Python CLI, a table (or `--plain`/`--name-only` rows)
/// holds every matching session from `--offset` on, fetched in pages of `--limit` (when not
/// given, the SDK's bulk pages: 1 000 rows on 23.09, else 100; fewer round trips, same rows);
/// `-o json` prints one page with its total count.
pub fn run(ctx: &Context, args: &ListArgs) -> anyhow::Result<()> {
    let names = args.field_names()?;
    let out = &ctx.out;
    let limit = page_size(args.limit.unwrap_or(DEFAULT_PAGE_SIZE))?;
    let offset = offset32(args.offset)?;
    let params = ListParams {
        status: Some(args.statuses().join(",")),
        access_key: args.access_key.clone(),
        filter: args.filter.clone(),
        order: args.order.clone(),
        offset,
        limit,
        fields: names.clone(),
    };
    let client = ctx.client()?;
    let sessions = client.sessions();
    let (items, total_count) = if out.json_mode() {
        let page = ctx.block_on(sessions.list(&params))??;
        (page.items, page.total_count)
    } else {
        // No page size asked for: the largest pages the server answers (each page costs the
        // 23.09 manager ~40 ms beyond its rows); else pages of `--limit`, as Python's.
        let items = if args.limit.is_some() {
            ctx.block_on(sessions.list_all(&params))??
        } else {
            ctx.block_on(sessions.list_all_bulk(&params))??
        };
        let total = items.len() as u64;
        (items, total)
    };
    let shown = fields::select(SESSION_FIELDS, &names);
    if !out.json_mode() && (args.name_only || args.plain) {
        let columns = if args.name_only {
            &SESSION_FIELDS[..1]
        } else {
            &shown[..]
        };
        return Ok(out.plain_rows(&items, columns)?);
    }
    out.page(&items, total_count, &shown, "No matching items.")?;
    Ok(())
}
