//! `bai session info|logs` and `bai task-logs`: read-only views of one session (SDK
//! `Session::info`, `Session::logs`, `Sessions::task_logs`).

use clap::Args;
use serde_json::json;

use crate::commands::args::OwnerArg;
use crate::context::Context;

/// Arguments of `session info`.
#[derive(Debug, Args, Clone)]
pub struct InfoArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// Arguments of `session logs`: a session and its owner, as for `session info`.
pub type LogsArgs = InfoArgs;

/// Arguments of `task-logs`.
#[derive(Debug, Args)]
pub struct TaskLogsArgs {
    /// Background task (or batch session kernel) ID.
    pub task_id: String,
}

/// `session info` / `info`.
pub fn info(ctx: &Context, args: &InfoArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client
        .sessions()
        .session(args.owner.session_ref(&args.session));
    let info = ctx.block_on(s.info())??;
    ctx.out.item(&info)?;
    Ok(())
}

/// `session logs` / `logs`.
pub fn logs(ctx: &Context, args: &LogsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client
        .sessions()
        .session(args.owner.session_ref(&args.session));
    let logs = ctx.block_on(s.logs())??;
    if ctx.out.json_mode() {
        ctx.out.json(&json!({"logs": logs.text()}))?;
        return Ok(());
    }
    if let Some(text) = logs.text() {
        ctx.out.raw(text.as_bytes())?;
        if !text.ends_with('\n') && !text.is_empty() {
            ctx.out.raw(b"\n")?;
        }
    }
    ctx.out.done("End of logs.")?;
    Ok(())
}

/// `task-logs TASKID`: the raw log on stdout.
pub fn task_logs(ctx: &Context, a: &TaskLogsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let bytes = ctx.block_on(client.sessions().task_logs(&a.task_id))??;
    if ctx.out.json_mode() {
        ctx.out.json(&json!({
            "task_id": a.task_id,
            "logs": String::from_utf8_lossy(&bytes),
        }))?;
    } else {
        ctx.out.raw(&bytes)?;
    }
    Ok(())
}
