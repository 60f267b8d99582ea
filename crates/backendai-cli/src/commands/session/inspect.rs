//! `bai session status-history|show-graph|abuse-history|commit`: inspection calls on one
//! session (SDK `groups::session::history`).
//!
//! Beyond the Python CLI: `status-history` works against the 23.09 manager (which has no
//! REST route for it; the SDK reads GraphQL) and computes the allocation time from the
//! upper-case status names the manager records (Python looks up `preparing` and always
//! prints 0); `show-graph` and `abuse-history` have a JSON form; `commit` prints the
//! background task it started.

use backendai_sdk::groups::session::history::{DependencyGraph, StatusHistory};
use backendai_sdk::groups::session::SessionRef;
use clap::Args;
use serde_json::{json, Value};

use crate::context::Context;
use crate::output::FieldSpec;

/// A command that takes one session.
#[derive(Debug, Args, Clone)]
pub struct SessionIdArg {
    /// Session ID or its alias given when creating the session.
    #[arg(value_name = "SESSID")]
    pub session: String,
}

/// Arguments of `session show-graph`.
#[derive(Debug, Args, Clone)]
pub struct ShowGraphArgs {
    /// Session ID or its alias given when creating the session.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Show the dependency graph as a table.
    #[arg(short = 't', long)]
    pub table: bool,
}

/// Columns of `status-history`.
const HISTORY_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("status").label("Status"),
    FieldSpec::new("since").label("Since"),
];

/// Columns of `show-graph --table` (the Python CLI's).
const GRAPH_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("session_name"),
    FieldSpec::new("session_id"),
    FieldSpec::new("status"),
    FieldSpec::new("status_changed"),
];

/// Columns of `abuse-history`.
const ABUSE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("kernel").label("Kernel"),
    FieldSpec::new("abuse_report").label("Report"),
];

/// Columns of `commit`.
const COMMIT_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("bgtask_id").label("Background task"),
    FieldSpec::new("kernel").label("Kernel"),
    FieldSpec::new("path").label("Path"),
];

/// The time a session held its resources: from `PREPARING` to `TERMINATED` (or now, while it
/// runs); zero before it was prepared. `None` when a timestamp does not parse.
pub fn allocation_time(
    history: &StatusHistory,
    now: jiff::Timestamp,
) -> Option<jiff::SignedDuration> {
    let at = |status: &str| {
        history
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(status))
            .map(|(_, v)| v.parse::<jiff::Timestamp>())
    };
    let Some(preparing) = at("PREPARING") else {
        return Some(jiff::SignedDuration::ZERO);
    };
    let preparing = preparing.ok()?;
    let end = match at("TERMINATED") {
        Some(t) => t.ok()?,
        None => now,
    };
    Some(end.duration_since(preparing))
}

/// `session status-history SESSID`.
pub fn status_history(ctx: &Context, args: &SessionIdArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let history = ctx.block_on(s.status_history())??;
    let elapsed = allocation_time(&history, jiff::Timestamp::now());
    let seconds = elapsed.map(|d| {
        json!({
            "seconds": d.as_secs(),
            "microseconds": d.subsec_micros(),
        })
    });
    if ctx.out.json_mode() {
        ctx.out.json(&json!({
            "status_history": history,
            "allocation_time": seconds,
        }))?;
        return Ok(());
    }
    let rows: Vec<Value> = history
        .iter()
        .map(|(status, since)| json!({"status": status, "since": since}))
        .collect();
    ctx.out.list(&rows, HISTORY_FIELDS, "No status history.")?;
    match elapsed {
        Some(d) => ctx.out.done(&format!(
            "Actual Resource Allocation Time: {:.6} s",
            d.as_secs_f64()
        ))?,
        None => ctx
            .out
            .warn("The recorded timestamps do not parse: no allocation time.")?,
    }
    Ok(())
}

/// Walks the graph depth first: (depth, node).
fn flatten(node: &DependencyGraph, depth: usize, out: &mut Vec<(usize, DependencyGraph)>) {
    let mut own = node.clone();
    own.depends_on.clear();
    out.push((depth, own));
    for child in &node.depends_on {
        flatten(child, depth + 1, out);
    }
}

/// `KernelStatus.RUNNING` → `RUNNING`.
fn short_status(status: &str) -> &str {
    status.rsplit('.').next().unwrap_or(status)
}

/// One tree line: `name ("STATUS" since ...)`, indented by depth.
fn tree_line(depth: usize, node: &DependencyGraph) -> String {
    let since = match node.status_changed.as_str() {
        "" | "None" => String::new(),
        t => format!(" since {}", t.split('.').next().unwrap_or(t)),
    };
    let indent = if depth == 0 {
        String::new()
    } else {
        format!("{}└── ", "    ".repeat(depth - 1))
    };
    format!(
        "{indent}{} (\"{}\"{since})",
        node.session_name,
        short_status(&node.status)
    )
}

/// `session show-graph SESSID [-t]`.
pub fn show_graph(ctx: &Context, args: &ShowGraphArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let graph = ctx.block_on(s.dependency_graph())??;
    if ctx.out.json_mode() {
        ctx.out.json(&graph)?;
        return Ok(());
    }
    let mut nodes = Vec::new();
    flatten(&graph, 0, &mut nodes);
    if args.table {
        let rows: Vec<DependencyGraph> = nodes.into_iter().map(|(_, n)| n).collect();
        ctx.out.table(&rows, GRAPH_FIELDS)?;
    } else {
        let lines: Vec<String> = nodes.iter().map(|(d, n)| tree_line(*d, n)).collect();
        ctx.out.line(lines.join("\n"))?;
    }
    Ok(())
}

/// `session abuse-history SESSID`.
pub fn abuse_history(ctx: &Context, args: &SessionIdArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let report = ctx.block_on(s.abusing_report())??;
    if ctx.out.json_mode() {
        ctx.out.json(&report)?;
    } else if report.kernel.is_none() && report.abuse_report.is_none() && report.extra.is_empty() {
        ctx.out.info("No abusing reports.")?;
    } else {
        ctx.out.table(&[report], ABUSE_FIELDS)?;
    }
    Ok(())
}

/// `session commit SESSID`.
pub fn commit(ctx: &Context, args: &SessionIdArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let result = ctx.block_on(s.commit())??;
    let msg = format!("Request to commit Session(name or id: {})", args.session);
    if ctx.out.json_mode() {
        ctx.out
            .mutation(&msg, Some(("result", serde_json::to_value(&result)?)))?;
        return Ok(());
    }
    ctx.out.done(&msg)?;
    ctx.out.table(&[result], COMMIT_FIELDS)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(pairs: &[(&str, &str)]) -> StatusHistory {
        let mut h = StatusHistory::default();
        for (k, v) in pairs {
            h.insert(*k, v.to_string());
        }
        h
    }

    #[test]
    fn allocation_time_from_preparing_to_terminated_or_now() {
        let now: jiff::Timestamp = "2024-05-06T07:10:00Z".parse().unwrap();
        assert_eq!(
            allocation_time(&history(&[("PENDING", "2024-05-06T07:00:00+00:00")]), now),
            Some(jiff::SignedDuration::ZERO)
        );
        let running = history(&[("PREPARING", "2024-05-06T07:08:09.500000+00:00")]);
        assert_eq!(
            allocation_time(&running, now),
            Some(jiff::SignedDuration::new(110, 500_000_000))
        );
        let done = history(&[
            ("PREPARING", "2024-05-06T07:08:09+00:00"),
            ("TERMINATED", "2024-05-07T07:08:10+00:00"),
        ]);
        // A day and a second: Python's timedelta.seconds would drop the day.
        assert_eq!(
            allocation_time(&done, now),
            Some(jiff::SignedDuration::from_secs(86_401))
        );
        assert_eq!(
            allocation_time(&history(&[("PREPARING", "junk")]), now),
            None
        );
    }

    #[test]
    fn tree_lines_indent_by_depth() {
        let node = DependencyGraph {
            session_name: "b".into(),
            status: "KernelStatus.RUNNING".into(),
            status_changed: "2024-05-06 07:08:09.123+00:00".into(),
            ..Default::default()
        };
        assert_eq!(
            tree_line(0, &node),
            "b (\"RUNNING\" since 2024-05-06 07:08:09)"
        );
        assert_eq!(
            tree_line(2, &node),
            "    └── b (\"RUNNING\" since 2024-05-06 07:08:09)"
        );
    }
}
