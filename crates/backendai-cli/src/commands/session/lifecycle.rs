//! `bai session destroy|restart|rename` (SDK `Session::destroy`, `restart`, `rename`).

use clap::Args;
use serde_json::json;

use backendai_sdk::groups::session::{DestroyOptions, SessionRef};

use crate::commands::args::OwnerArg;
use crate::context::Context;

/// Arguments of `session destroy`.
#[derive(Debug, Args, Clone)]
pub struct DestroyArgs {
    /// Session names or IDs.
    #[arg(value_name = "SESSID", required = true)]
    pub sessions: Vec<String>,
    /// Force-terminate errored sessions (admins only).
    #[arg(short = 'f', long)]
    pub forced: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Show resource usage statistics after termination.
    #[arg(short = 's', long)]
    pub stats: bool,
    /// Also cancel dependent sessions.
    #[arg(short = 'r', long)]
    pub recursive: bool,
}

/// Arguments of `session restart`.
#[derive(Debug, Args, Clone)]
pub struct RestartArgs {
    /// Session names or IDs.
    #[arg(value_name = "SESSID", required = true)]
    pub sessions: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// Arguments of `session rename`.
#[derive(Debug, Args, Clone)]
pub struct RenameArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// The new name.
    #[arg(value_name = "NEWNAME")]
    pub new_name: String,
}

/// `session destroy` / `destroy` / `rm`.
pub fn destroy(ctx: &Context, args: &DestroyArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut failed = 0usize;
    let mut results = Vec::new();
    for name in &args.sessions {
        let s = client.sessions().session(args.owner.session_ref(name));
        let r = ctx.block_on(s.destroy(DestroyOptions {
            forced: args.forced,
            recursive: args.recursive,
        }))?;
        match r {
            Ok(stats) => {
                if !ctx.out.json_mode() {
                    ctx.out.done(&format!("Terminated session {name}."))?;
                    if args.stats {
                        if let Some(st) = stats.as_ref().and_then(|v| v.stats.as_ref()) {
                            ctx.out.item(st)?;
                        }
                    }
                }
                results.push(json!({"session": name, "ok": true, "stats": stats}));
            }
            Err(e) => {
                failed += 1;
                if args.sessions.len() == 1 {
                    return Err(e.into());
                }
                ctx.out.fail(&format!("Failed to terminate {name}: {e}"))?;
                results.push(json!({"session": name, "ok": false, "error": e.to_string()}));
            }
        }
    }
    if ctx.out.json_mode() {
        ctx.out
            .json(&json!({"ok": failed == 0, "results": results}))?;
    }
    if failed > 0 {
        return Err(anyhow::anyhow!(
            "{failed} of {} sessions could not be terminated",
            args.sessions.len()
        ));
    }
    Ok(())
}

/// `session restart` / `restart`.
pub fn restart(ctx: &Context, args: &RestartArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut failed = 0usize;
    for name in &args.sessions {
        let s = client.sessions().session(args.owner.session_ref(name));
        match ctx.block_on(s.restart())? {
            Ok(()) => ctx.out.done(&format!("Restarted session {name}."))?,
            Err(e) => {
                if args.sessions.len() == 1 {
                    return Err(e.into());
                }
                failed += 1;
                ctx.out.fail(&format!("Failed to restart {name}: {e}"))?;
            }
        }
    }
    if ctx.out.json_mode() {
        ctx.out.json(&json!({"ok": failed == 0}))?;
    }
    if failed > 0 {
        return Err(anyhow::anyhow!("{failed} sessions could not be restarted"));
    }
    Ok(())
}

/// `session rename` / `rename`.
pub fn rename(ctx: &Context, args: &RenameArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut s = client.sessions().session(SessionRef::new(&args.session));
    ctx.block_on(s.rename(&args.new_name))??;
    ctx.out.mutation(
        &format!("Session renamed: {} -> {}", args.session, args.new_name),
        None,
    )?;
    Ok(())
}
