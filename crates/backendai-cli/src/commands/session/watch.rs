//! `bai watch` / `bai session watch`: a live table of sessions, seeded by one list call and
//! updated from the lifecycle event stream (SDK `Sessions::list`, `Session::events`).

use std::collections::BTreeMap;

use backendai_sdk::groups::session::{ListParams, DEFAULT_STATUSES, STATUS_FIELDS};
use clap::Args;
use serde_json::Value;

use super::events::{follow, ScopeArg};
use crate::commands::args::OwnerArg;
use crate::context::Context;
use crate::output::fields::{text, FieldSpec};

/// Arguments of `watch` / `session watch`.
#[derive(Debug, Args, Clone)]
pub struct WatchArgs {
    /// Only these sessions (names or IDs); all of yours when omitted.
    #[arg(value_name = "SESSION_ID_OR_NAME")]
    pub sessions: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Filter the events by kernel-specific or session-specific ones.
    #[arg(long, value_enum, default_value_t = ScopeArg::All)]
    pub scope: ScopeArg,
    /// Quit after this many seconds (0 = until Ctrl-C).
    #[arg(long, default_value_t = 0)]
    pub max_wait: u64,
}

/// One row of the watch table.
#[derive(Debug, Clone, Default, serde::Serialize)]
struct Row {
    name: String,
    id: String,
    status: String,
    last_event: String,
    reason: String,
}

/// The columns of the watch table.
const WATCH_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("session_id").json_key("id"),
    FieldSpec::new("status"),
    FieldSpec::new("last_event").label("last event"),
    FieldSpec::new("reason"),
];

/// `watch` / `session watch`.
pub fn watch(ctx: &Context, args: &WatchArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let params = ListParams {
        limit: 100,
        access_key: args.owner.owner.clone(),
        ..ListParams::selecting(DEFAULT_STATUSES, STATUS_FIELDS)
    };
    let page = ctx.block_on(client.sessions().list(&params))??;
    let wanted = &args.sessions;
    let matches =
        |name: &str, id: &str| wanted.is_empty() || wanted.iter().any(|w| w == name || w == id);
    let field = |item: &Value, key: &str| text(item.get(key).unwrap_or(&Value::Null));
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for item in &page.items {
        let (name, id) = (field(item, "name"), field(item, "id"));
        if !matches(&name, &id) {
            continue;
        }
        let row = Row {
            name: name.clone(),
            id,
            status: field(item, "status"),
            last_event: String::new(),
            reason: field(item, "status_info"),
        };
        rows.insert(name, row);
    }
    let out = &ctx.out;
    // With -o json the events themselves are the output; the table is for people.
    let draw = |rows: &BTreeMap<String, Row>| -> std::io::Result<()> {
        if out.json_mode() {
            return Ok(());
        }
        out.redraw(&rows.values().collect::<Vec<_>>(), WATCH_FIELDS)
    };
    draw(&rows)?;
    let deadline = (args.max_wait > 0)
        .then(|| tokio::time::Instant::now() + std::time::Duration::from_secs(args.max_wait));
    let all = args.owner.session_ref("*");
    let fut = follow(ctx, all, args.scope.into(), |ev| {
        let name = ev.data.session_name.clone().unwrap_or_default();
        let id = ev.data.session_id.clone().unwrap_or_default();
        if name.is_empty() || !matches(&name, &id) {
            return Ok(true);
        }
        if out.json_mode() {
            out.event(&ev.name, &ev.raw)?;
        }
        let row = rows.entry(name.clone()).or_insert_with(|| Row {
            name: name.clone(),
            ..Row::default()
        });
        if row.id.is_empty() {
            row.id = id;
        }
        if let Some(st) = ev.implied_status() {
            row.status = st.to_owned();
        }
        row.last_event = ev.name.clone();
        if let Some(reason) = &ev.data.reason {
            row.reason = reason.clone();
        }
        draw(&rows)?;
        Ok(true)
    });
    ctx.block_on(async {
        match deadline {
            Some(d) => tokio::time::timeout_at(d, fut).await.unwrap_or(Ok(())),
            None => fut.await,
        }
    })?
}
