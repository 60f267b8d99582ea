//! `bai events` (lifecycle events of a session) and `bai watch` (a live session table driven
//! by the event stream). Both quit cleanly on Ctrl-C.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

use backendai_core::sse::{SseEvent, SseParser};
use backendai_sdk::groups::session::{requests, EventScope, ListParams, SessionRef};
use serde_json::{json, Value};

use super::session::{EventsArgs, OwnerArg, ScopeArg, WatchArgs};
use crate::context::Context;
use crate::output::display_value;

fn scope(s: ScopeArg) -> EventScope {
    match s {
        ScopeArg::All => EventScope::All,
        ScopeArg::Session => EventScope::Session,
        ScopeArg::Kernel => EventScope::Kernel,
    }
}

fn sref(name: &str, owner: &OwnerArg) -> SessionRef {
    let r = SessionRef::new(name);
    match &owner.owner {
        Some(ak) => r.owner(ak.clone()),
        None => r,
    }
}

/// Opens the SSE stream of lifecycle events and calls `on_event` for each event until the
/// stream ends, `on_event` returns `false`, or Ctrl-C is pressed.
async fn follow(
    ctx: &Context,
    session: &SessionRef,
    scope: EventScope,
    mut on_event: impl FnMut(&SseEvent) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let version = client.api_version().await?;
    let mut resp = client
        .send_streaming(requests::events(session, scope, &version))
        .await?;
    let mut parser = SseParser::new();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        let chunk = tokio::select! {
            _ = &mut ctrl_c => return Ok(()),
            c = resp.chunk() => c?,
        };
        let ended = chunk.is_none();
        let events = match chunk {
            Some(bytes) => parser.feed(&bytes),
            None => parser.finish(),
        };
        for ev in &events {
            if ev.is_server_close() || !on_event(ev)? {
                return Ok(());
            }
        }
        if ended || parser.is_closed() {
            return Ok(());
        }
    }
}

fn event_json(ev: &SseEvent) -> Value {
    let data = serde_json::from_str::<Value>(&ev.data).unwrap_or(Value::String(ev.data.clone()));
    json!({"event": ev.event, "data": data})
}

/// `session events` / `events`: prints `<event> <data>` per event (one JSON object per line
/// with `--output json`).
pub fn events(ctx: &Context, args: &EventsArgs) -> anyhow::Result<()> {
    let session = sref(&args.session, &args.owner);
    let single = args.session != "*";
    let mut failure: Option<String> = None;
    let mut seen = 0u64;
    let max = args.max_events;
    let json_mode = ctx.out.json_mode();
    ctx.block_on(follow(ctx, &session, scope(args.scope), |ev| {
        if json_mode {
            ctx.out.line(event_json(ev).to_string())?;
        } else {
            ctx.out.line(format!("{} {}", ev.event, ev.data))?;
        }
        seen += 1;
        if single {
            match ev.event.as_str() {
                "session_terminated" | "session_cancelled" | "session_success" => return Ok(false),
                "session_failure" => {
                    let code = serde_json::from_str::<Value>(&ev.data)
                        .ok()
                        .and_then(|d| d.get("exitCode").and_then(Value::as_i64));
                    failure = Some(match code {
                        Some(c) => format!("session {} failed (exit code {c})", args.session),
                        None => format!("session {} failed", args.session),
                    });
                    return Ok(false);
                }
                _ => {}
            }
        }
        Ok(max == 0 || seen < max)
    }))??;
    match failure {
        Some(msg) => Err(anyhow::anyhow!(msg)),
        None => Ok(()),
    }
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

fn render(rows: &BTreeMap<String, Row>) -> Vec<Vec<String>> {
    rows.values()
        .map(|r| {
            vec![
                r.name.clone(),
                r.id.clone(),
                r.status.clone(),
                r.last_event.clone(),
                r.reason.clone(),
            ]
        })
        .collect()
}

/// Maps a lifecycle event name to the status it implies.
fn status_of(event: &str) -> Option<&'static str> {
    Some(match event {
        "session_enqueued" => "PENDING",
        "session_scheduled" => "SCHEDULED",
        "session_preparing" | "kernel_preparing" => "PREPARING",
        "kernel_pulling" => "PULLING",
        "kernel_creating" => "PREPARING",
        "session_started" | "kernel_started" => "RUNNING",
        "session_terminating" | "kernel_terminating" => "TERMINATING",
        "session_terminated" => "TERMINATED",
        "session_cancelled" | "kernel_cancelled" => "CANCELLED",
        "session_success" | "session_failure" => "TERMINATED",
        _ => return None,
    })
}

/// `watch` / `session watch`: a live table of sessions, updated from the event stream.
pub fn watch(ctx: &Context, args: &WatchArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let params = ListParams {
        limit: 100,
        fields: ["name", "id", "status", "status_info"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        status: Some(super::session::DEFAULT_STATUSES.join(",")),
        access_key: args.owner.owner.clone(),
        ..ListParams::default()
    };
    let page = ctx.block_on(client.sessions().list(&params))??;
    let wanted = &args.sessions;
    let matches =
        |name: &str, id: &str| wanted.is_empty() || wanted.iter().any(|w| w == name || w == id);
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for item in &page.items {
        let name = display_value(item.get("name").unwrap_or(&Value::Null));
        let id = display_value(item.get("id").unwrap_or(&Value::Null));
        if !matches(&name, &id) {
            continue;
        }
        rows.insert(
            name.clone(),
            Row {
                name,
                id,
                status: display_value(item.get("status").unwrap_or(&Value::Null)),
                last_event: String::new(),
                reason: display_value(item.get("status_info").unwrap_or(&Value::Null)),
            },
        );
    }
    let tty = std::io::stdout().is_terminal() && !ctx.out.json_mode();
    let header = ["name", "session_id", "status", "last event", "reason"];
    let draw = |rows: &BTreeMap<String, Row>| -> std::io::Result<()> {
        if ctx.out.json_mode() {
            return Ok(());
        }
        let table = ctx.out.render_table(&header, render(rows));
        let mut out = std::io::stdout().lock();
        if tty {
            // Clear the screen and redraw in place.
            write!(out, "\x1b[H\x1b[2J")?;
        }
        writeln!(out, "{table}")?;
        out.flush()
    };
    draw(&rows)?;
    let deadline = (args.max_wait > 0)
        .then(|| tokio::time::Instant::now() + std::time::Duration::from_secs(args.max_wait));
    let all = sref("*", &args.owner);
    let fut = follow(ctx, &all, scope(args.scope), |ev| {
        let data: Value = serde_json::from_str(&ev.data).unwrap_or(Value::Null);
        let name = data
            .get("sessionName")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let id = data
            .get("sessionId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if name.is_empty() || !matches(&name, &id) {
            return Ok(true);
        }
        if ctx.out.json_mode() {
            ctx.out.line(event_json(ev).to_string())?;
        }
        let row = rows.entry(name.clone()).or_insert_with(|| Row {
            name: name.clone(),
            ..Row::default()
        });
        if row.id.is_empty() {
            row.id = id;
        }
        if let Some(st) = status_of(&ev.event) {
            row.status = st.to_owned();
        }
        row.last_event = ev.event.clone();
        if let Some(reason) = data.get("reason").and_then(Value::as_str) {
            row.reason = reason.to_owned();
        }
        draw(&rows)?;
        Ok(true)
    });
    let r = ctx.block_on(async {
        match deadline {
            Some(d) => match tokio::time::timeout_at(d, fut).await {
                Ok(r) => r,
                Err(_) => Ok(()),
            },
            None => fut.await,
        }
    })?;
    r
}
