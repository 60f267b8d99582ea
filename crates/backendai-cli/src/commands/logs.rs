//! `bai server-logs`: the manager's error logs (`/logs/error`, 23.09+).
//!
//! `list` follows the Python CLI's options (`--mark-read`, `-l/--page-size`,
//! `-n/--page-number`); `clear ID` marks one log cleared (the manager's
//! `POST /logs/error/{id}/clear`, which the Python CLI does not offer).

use backendai_sdk::groups::logs::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::context::Context;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// The columns of `server-logs list`.
pub const ERROR_LOG_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("log_id"),
    FieldSpec::new("created_at").label("time").format(utc_time),
    FieldSpec::computed("severity", severity),
    FieldSpec::new("source"),
    FieldSpec::new("user"),
    FieldSpec::new("request_status").label("status"),
    FieldSpec::new("request_url").label("url"),
    FieldSpec::new("message").format(first_line),
];

/// `server-logs` subcommands.
#[derive(Debug, Subcommand)]
pub enum ServerLogsCommand {
    /// Fetch server (error) logs, newest first.
    List(ListArgs),
    /// Mark a server log cleared (hidden from its user).
    Clear(ClearArgs),
}

/// `server-logs list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Mark read flag for server logs being fetched.
    #[arg(long)]
    pub mark_read: bool,
    /// Number of logs to fetch (from latest log), 1 to 100.
    #[arg(
        short = 'l',
        long,
        default_value_t = DEFAULT_PAGE_SIZE,
        value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_PAGE_SIZE))
    )]
    pub page_size: u32,
    /// Page number to fetch (from 1).
    #[arg(
        short = 'n',
        long,
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub page_number: u32,
}

/// `server-logs clear`.
#[derive(Debug, Args)]
pub struct ClearArgs {
    /// The log ID (a UUID, as listed by `server-logs list`).
    pub log_id: String,
}

/// Runs `server-logs ...`.
pub fn run(ctx: &Context, command: ServerLogsCommand) -> anyhow::Result<()> {
    match command {
        ServerLogsCommand::List(a) => list(ctx, &a),
        ServerLogsCommand::Clear(a) => {
            let client = ctx.client()?;
            ctx.block_on(client.server_logs().clear(&a.log_id))??;
            ctx.out.mutation(
                &format!("Log {} is cleared.", a.log_id),
                Some(("log_id", a.log_id.clone().into())),
            )?;
            Ok(())
        }
    }
}

fn list(ctx: &Context, a: &ListArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let page = ctx.block_on(client.server_logs().list(
        a.mark_read,
        a.page_size,
        a.page_number,
    ))??;
    if !ctx.out.json_mode() && !page.logs.is_empty() {
        ctx.out.info(&format!("Total log count: {}", page.count))?;
    }
    ctx.out
        .page(&page.logs, page.count, ERROR_LOG_FIELDS, "No logs.")?;
    Ok(())
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, like the Python CLI (from Unix seconds).
fn utc_time(created_at: &Value) -> String {
    created_at
        .as_f64()
        .filter(|t| t.is_finite())
        .and_then(|t| jiff::Timestamp::from_microsecond((t * 1e6).round() as i64).ok())
        .map(|ts| ts.strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

/// The severity in capitals, marked when the log was cleared.
fn severity(log: &Value) -> String {
    let mut s = text(&log["severity"]).to_uppercase();
    if log["is_cleared"] == Value::Bool(true) {
        s.push_str(" (cleared)");
    }
    s
}

/// The first line of a message, at most 80 characters.
fn first_line(message: &Value) -> String {
    let line = message
        .as_str()
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default();
    if line.chars().count() > 80 {
        let mut s: String = line.chars().take(79).collect();
        s.push('…');
        s
    } else {
        line.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use backendai_sdk::groups::logs::ErrorLog;

    #[test]
    fn rows_are_compact() {
        let l: ErrorLog = serde_json::from_value(serde_json::json!({
            "log_id": "6f1c1e7e-6a0c-4c8e-9a59-2f3c4b5d6e7f",
            "created_at": 1714979289.9,
            "severity": "error",
            "source": "manager",
            "user": null,
            "is_read": false,
            "is_cleared": true,
            "message": "first line\nsecond line",
            "request_status": 500,
        }))
        .unwrap();
        let item = serde_json::to_value(&l).unwrap();
        assert_eq!(
            crate::output::fields::row(ERROR_LOG_FIELDS, &item),
            [
                "6f1c1e7e-6a0c-4c8e-9a59-2f3c4b5d6e7f",
                "2024-05-06 07:08:09",
                "ERROR (cleared)",
                "manager",
                "",
                "500",
                "",
                "first line",
            ]
        );
        assert_eq!(utc_time(&Value::Null), "");
        let long = Value::String("x".repeat(200));
        assert_eq!(first_line(&long).chars().count(), 80);
    }
}
