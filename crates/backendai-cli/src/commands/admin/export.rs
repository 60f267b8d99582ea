//! `bai admin export audit-logs|keypairs|list-reports|projects|sessions|users` (SDK
//! `Exports`, the 26.9 REST API): the report catalogue and CSV downloads. Every command
//! checks the server version first, so a 23.09 manager answers with the one-line "not
//! supported by this server" error before an output file is created.
//!
//! Deviation forced by the global `-o/--output` (output format): the Python `-o/--output
//! PATH` is `--output-file PATH` here. Without it the CSV goes to stdout.

use std::io::Write;
use std::path::PathBuf;

use backendai_sdk::core::dto::StringFilter;
use backendai_sdk::groups::export::{ExportCsvRequest, ExportReport};
use clap::{Args, Subcommand};
use serde_json::{json, Map, Value};

use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::exit::usage;
use crate::output::FieldSpec;

/// `admin export`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export audit logs as CSV.
    AuditLogs(AuditLogArgs),
    /// Export keypairs as CSV.
    Keypairs(KeypairArgs),
    /// List all available export reports.
    ListReports,
    /// Export projects as CSV.
    Projects(ProjectArgs),
    /// Export sessions as CSV.
    Sessions(SessionArgs),
    /// Export users as CSV.
    Users(UserArgs),
}

/// What every CSV export takes: destination, columns and encoding.
#[derive(Debug, Args)]
pub struct CsvOpts {
    /// Output file path (the Python `-o/--output`); stdout when omitted.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Comma-separated field keys (default: all fields).
    #[arg(long)]
    pub fields: Option<String>,
    /// CSV encoding.
    #[arg(long, default_value = "utf-8")]
    pub encoding: String,
}

/// `--order/-O field[:asc|desc]` (repeatable).
#[derive(Debug, Args)]
pub struct OrderOpt {
    /// Order by field (format: 'field:asc' or 'field:desc').
    #[arg(long = "order", short = 'O', value_name = "FIELD[:DIR]")]
    pub orders: Vec<String>,
}

/// `--filter-after` / `--filter-before` (created_at).
#[derive(Debug, Args)]
pub struct CreatedRange {
    /// Filter created_at after this datetime (YYYY-MM-DD[ HH:MM:SS]).
    #[arg(long)]
    pub filter_after: Option<String>,
    /// Filter created_at before this datetime.
    #[arg(long)]
    pub filter_before: Option<String>,
}

/// `users`.
#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(flatten)]
    csv: CsvOpts,
    /// Filter by username (contains).
    #[arg(long)]
    filter_username: Option<String>,
    /// Filter by email (contains).
    #[arg(long)]
    filter_email: Option<String>,
    /// Filter by domain name (contains).
    #[arg(long)]
    filter_domain: Option<String>,
    /// Filter by role (equals).
    #[arg(long)]
    filter_role: Option<String>,
    /// Filter by status (equals).
    #[arg(long)]
    filter_status: Option<String>,
    #[command(flatten)]
    created: CreatedRange,
    #[command(flatten)]
    order: OrderOpt,
}

/// `sessions`.
#[derive(Debug, Args)]
pub struct SessionArgs {
    #[command(flatten)]
    csv: CsvOpts,
    /// Filter by session name (contains).
    #[arg(long)]
    filter_name: Option<String>,
    /// Filter by session type (equals).
    #[arg(long)]
    filter_type: Option<String>,
    /// Filter by domain name (contains).
    #[arg(long)]
    filter_domain: Option<String>,
    /// Filter by access key (contains).
    #[arg(long)]
    filter_access_key: Option<String>,
    /// Filter by the owning user's email (contains).
    #[arg(long)]
    filter_user_email: Option<String>,
    /// Filter by the owning user's username (contains).
    #[arg(long)]
    filter_user_username: Option<String>,
    /// Filter by status (equals).
    #[arg(long)]
    filter_status: Option<String>,
    /// Filter by scaling group (contains).
    #[arg(long)]
    filter_scaling_group: Option<String>,
    /// Filter created_at after.
    #[arg(long)]
    filter_created_after: Option<String>,
    /// Filter created_at before.
    #[arg(long)]
    filter_created_before: Option<String>,
    /// Filter terminated_at after.
    #[arg(long)]
    filter_terminated_after: Option<String>,
    /// Filter terminated_at before.
    #[arg(long)]
    filter_terminated_before: Option<String>,
    #[command(flatten)]
    order: OrderOpt,
}

/// `projects`.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    #[command(flatten)]
    csv: CsvOpts,
    /// Filter by project name (contains).
    #[arg(long)]
    filter_name: Option<String>,
    /// Filter by domain name (contains).
    #[arg(long)]
    filter_domain: Option<String>,
    /// Only active projects.
    #[arg(long, conflicts_with = "filter_inactive")]
    filter_active: bool,
    /// Only inactive projects.
    #[arg(long)]
    filter_inactive: bool,
    #[command(flatten)]
    created: CreatedRange,
    #[command(flatten)]
    order: OrderOpt,
}

/// `keypairs` (the 26.9 server does not filter keypair exports yet: filters are ignored
/// with a warning, as in the Python CLI).
#[derive(Debug, Args)]
pub struct KeypairArgs {
    #[command(flatten)]
    csv: CsvOpts,
    /// Filter by access key (contains).
    #[arg(long)]
    filter_access_key: Option<String>,
    /// Filter by user ID/email (contains).
    #[arg(long)]
    filter_user_id: Option<String>,
    /// Only active keypairs.
    #[arg(long, conflicts_with = "filter_inactive")]
    filter_active: bool,
    /// Only inactive keypairs.
    #[arg(long)]
    filter_inactive: bool,
    /// Only admin keypairs.
    #[arg(long, conflicts_with = "filter_non_admin")]
    filter_admin: bool,
    /// Only non-admin keypairs.
    #[arg(long)]
    filter_non_admin: bool,
    #[command(flatten)]
    created: CreatedRange,
}

/// `audit-logs`.
#[derive(Debug, Args)]
pub struct AuditLogArgs {
    #[command(flatten)]
    csv: CsvOpts,
    /// Filter by entity type (equals).
    #[arg(long)]
    filter_entity_type: Option<String>,
    /// Filter by entity ID (contains).
    #[arg(long)]
    filter_entity_id: Option<String>,
    /// Filter by operation (equals).
    #[arg(long)]
    filter_operation: Option<String>,
    /// Filter by status (equals).
    #[arg(long)]
    filter_status: Option<String>,
    /// Filter by triggered_by (contains).
    #[arg(long)]
    filter_triggered_by: Option<String>,
    /// Filter by request ID (contains).
    #[arg(long)]
    filter_request_id: Option<String>,
    #[command(flatten)]
    created: CreatedRange,
    #[command(flatten)]
    order: OrderOpt,
}

fn report_fields(v: &Value) -> String {
    let keys: Vec<&str> = v
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f.get("key").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    keys.join(", ")
}

/// The columns of `list-reports` (`-o json` prints every report with its field details).
pub const REPORT_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("report_key").label("Report"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("description").label("Description"),
    FieldSpec::new("fields")
        .label("Fields")
        .format(report_fields),
];

/// A filter object under construction: only the keys that were given.
#[derive(Default)]
struct Filter(Map<String, Value>);

impl Filter {
    fn set(&mut self, key: &str, v: Value) {
        self.0.insert(key.to_owned(), v);
    }
    fn contains(&mut self, key: &str, v: Option<String>) {
        if let Some(v) = v {
            self.set(key, json!(StringFilter::contains(v)));
        }
    }
    fn equals(&mut self, key: &str, v: Option<String>) {
        if let Some(v) = v {
            self.set(key, json!(StringFilter::equals(v)));
        }
    }
    /// The Python CLI sends single-value "equals" enums (role, status, type) as a list.
    fn one_of(&mut self, key: &str, v: Option<String>) {
        if let Some(v) = v {
            self.set(key, json!([v]));
        }
    }
    /// `prefix` names the options (`--{prefix}-after`, `--{prefix}-before`) in errors.
    fn range(
        &mut self,
        key: &str,
        prefix: &str,
        after: Option<String>,
        before: Option<String>,
    ) -> anyhow::Result<()> {
        let mut r = Map::new();
        for (name, v) in [("after", after), ("before", before)] {
            if let Some(v) = v {
                r.insert(
                    name.to_owned(),
                    datetime(&format!("--{prefix}-{name}"), &v)?.into(),
                );
            }
        }
        if !r.is_empty() {
            self.set(key, Value::Object(r));
        }
        Ok(())
    }
    fn created(&mut self, c: CreatedRange) -> anyhow::Result<()> {
        self.range("created_at", "filter", c.filter_after, c.filter_before)
    }
    fn into_value(self) -> Option<Value> {
        (!self.0.is_empty()).then_some(Value::Object(self.0))
    }
}

/// A datetime option in one of the click `DateTime` formats, sent as ISO 8601.
fn datetime(which: &str, text: &str) -> anyhow::Result<String> {
    let t = text.trim();
    let parsed = t.parse::<jiff::civil::DateTime>().or_else(|_| {
        t.parse::<jiff::civil::Date>()
            .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
    });
    match parsed {
        Ok(dt) => Ok(dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()),
        Err(_) => Err(usage(format!(
            "{which}: invalid datetime {text:?} (use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or \"YYYY-MM-DD HH:MM:SS\")"
        ))),
    }
}

/// `--order field[:asc|desc]` → `[{"field", "direction"}]`; a bad direction is a usage error.
fn orders(o: OrderOpt) -> anyhow::Result<Option<Value>> {
    if o.orders.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for spec in o.orders {
        let (field, dir) = match spec.rsplit_once(':') {
            Some((f, d)) => (f.to_owned(), d.to_lowercase()),
            None => (spec.clone(), "asc".to_owned()),
        };
        if dir != "asc" && dir != "desc" {
            return Err(usage(format!("Invalid order direction: {dir}")));
        }
        if field.is_empty() {
            return Err(usage(format!("Invalid order {spec:?}: no field")));
        }
        out.push(json!({"field": field, "direction": dir}));
    }
    Ok(Some(Value::Array(out)))
}

fn active(on: bool, off: bool) -> Option<bool> {
    (on || off).then_some(on)
}

/// Downloads one CSV report to the file or stdout.
fn export_csv(
    ctx: &Context,
    report: &str,
    csv: CsvOpts,
    filter: Option<Value>,
    order: Option<Value>,
) -> anyhow::Result<()> {
    let client = client_26_09(ctx, "CSV export")?;
    let body = ExportCsvRequest {
        fields: csv.fields.as_deref().map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        }),
        filter,
        order,
        encoding: Some(csv.encoding),
    };
    let data = ctx.block_on(client.exports().csv(report, &body))??;
    match csv.output_file {
        Some(path) => {
            let mut f = std::fs::File::create(&path)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
            f.write_all(&data)?;
            f.flush()?;
            let msg = format!("Exported to {}", path.display());
            ctx.out
                .mutation(&msg, Some(("path", json!(path.display().to_string()))))?;
        }
        // The CSV is the data: raw on stdout in every output mode.
        None => ctx.out.raw(&data)?,
    }
    Ok(())
}

fn list_reports(ctx: &Context) -> anyhow::Result<()> {
    let client = client_26_09(ctx, "CSV export")?;
    let reports: Vec<ExportReport> = ctx.block_on(client.exports().list_reports())??;
    ctx.out
        .list(&reports, REPORT_FIELDS, "There are no export reports.")?;
    Ok(())
}

/// Runs one `admin export` subcommand.
pub fn run(ctx: &Context, cmd: ExportCommand) -> anyhow::Result<()> {
    match cmd {
        ExportCommand::ListReports => list_reports(ctx),
        ExportCommand::Users(a) => {
            let mut f = Filter::default();
            f.contains("username", a.filter_username);
            f.contains("email", a.filter_email);
            f.contains("domain_name", a.filter_domain);
            f.one_of("role", a.filter_role);
            f.one_of("status", a.filter_status);
            f.created(a.created)?;
            let order = orders(a.order)?;
            export_csv(ctx, "users", a.csv, f.into_value(), order)
        }
        ExportCommand::Sessions(a) => {
            let mut f = Filter::default();
            f.contains("name", a.filter_name);
            f.one_of("session_type", a.filter_type);
            f.contains("domain_name", a.filter_domain);
            f.contains("access_key", a.filter_access_key);
            let mut user = Filter::default();
            user.contains("email", a.filter_user_email);
            user.contains("username", a.filter_user_username);
            if let Some(u) = user.into_value() {
                f.set("user", u);
            }
            f.one_of("status", a.filter_status);
            f.contains("scaling_group_name", a.filter_scaling_group);
            f.range(
                "created_at",
                "filter-created",
                a.filter_created_after,
                a.filter_created_before,
            )?;
            f.range(
                "terminated_at",
                "filter-terminated",
                a.filter_terminated_after,
                a.filter_terminated_before,
            )?;
            let order = orders(a.order)?;
            export_csv(ctx, "sessions", a.csv, f.into_value(), order)
        }
        ExportCommand::Projects(a) => {
            let mut f = Filter::default();
            f.contains("name", a.filter_name);
            f.contains("domain_name", a.filter_domain);
            if let Some(on) = active(a.filter_active, a.filter_inactive) {
                f.set("is_active", on.into());
            }
            f.created(a.created)?;
            let order = orders(a.order)?;
            export_csv(ctx, "projects", a.csv, f.into_value(), order)
        }
        ExportCommand::Keypairs(a) => {
            let any = a.filter_access_key.is_some()
                || a.filter_user_id.is_some()
                || active(a.filter_active, a.filter_inactive).is_some()
                || active(a.filter_admin, a.filter_non_admin).is_some()
                || a.created.filter_after.is_some()
                || a.created.filter_before.is_some();
            if any {
                ctx.out.warn(
                    "Keypair export does not support filtering yet. All filters will be ignored.",
                )?;
            }
            export_csv(ctx, "keypairs", a.csv, None, None)
        }
        ExportCommand::AuditLogs(a) => {
            let mut f = Filter::default();
            f.equals("entity_type", a.filter_entity_type);
            f.contains("entity_id", a.filter_entity_id);
            f.equals("operation", a.filter_operation);
            f.one_of("status", a.filter_status);
            f.contains("triggered_by", a.filter_triggered_by);
            f.contains("request_id", a.filter_request_id);
            f.created(a.created)?;
            let order = orders(a.order)?;
            export_csv(ctx, "audit-logs", a.csv, f.into_value(), order)
        }
    }
}
