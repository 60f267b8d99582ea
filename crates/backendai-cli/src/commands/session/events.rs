//! `bai session events` / `bai events`: the lifecycle events of a session, from the SDK's
//! reconnecting event stream (`Session::events`). Quits cleanly on Ctrl-C.

use backendai_sdk::groups::session::{EventScope, SessionEvent, SessionRef};
use clap::Args;
use futures_util::StreamExt;

use crate::commands::args::OwnerArg;
use crate::context::Context;

/// Event scope filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
#[allow(missing_docs)]
pub enum ScopeArg {
    #[default]
    #[value(name = "*")]
    All,
    Session,
    Kernel,
}

impl From<ScopeArg> for EventScope {
    fn from(s: ScopeArg) -> Self {
        match s {
            ScopeArg::All => EventScope::All,
            ScopeArg::Session => EventScope::Session,
            ScopeArg::Kernel => EventScope::Kernel,
        }
    }
}

/// Arguments of `session events`.
#[derive(Debug, Args, Clone)]
pub struct EventsArgs {
    /// Session name or ID (`*` = all sessions).
    #[arg(value_name = "SESSION_ID_OR_NAME")]
    pub session: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Filter the events by kernel-specific or session-specific ones.
    #[arg(long, value_enum, default_value_t = ScopeArg::All)]
    pub scope: ScopeArg,
    /// Stop after this many events (0 = until the stream ends or Ctrl-C).
    #[arg(long, default_value_t = 0)]
    pub max_events: u64,
    /// Wait until this event arrives, then exit (0); `batch_session_result` waits for the
    /// batch result: 0 on `session_success`, 1 on `session_failure`.
    #[arg(long, value_name = "EVENT")]
    pub wait: Option<String>,
}

/// The `--wait` value that waits for a batch session's result.
pub const BATCH_RESULT: &str = "batch_session_result";

/// What `--wait wait` makes of the event `name`: `None` = keep following; `Some(Ok)` = the
/// awaited event came; `Some(Err(reason))` = it cannot come any more (or the batch failed).
pub fn wait_outcome(wait: &str, name: &str, final_event: bool) -> Option<Result<(), String>> {
    if wait == BATCH_RESULT {
        return match name {
            "session_success" => Some(Ok(())),
            "session_failure" => Some(Err("the batch session failed".to_owned())),
            _ if final_event => Some(Err(format!(
                "the session ended ({name}) without a batch result"
            ))),
            _ => None,
        };
    }
    if name == wait {
        Some(Ok(()))
    } else if final_event {
        Some(Err(format!("the session ended ({name}) before {wait}")))
    } else {
        None
    }
}

/// Calls `on_event` for each lifecycle event of `session` until the stream ends (the
/// server's `server_close`), `on_event` returns `false`, or Ctrl-C is pressed.
pub async fn follow(
    ctx: &Context,
    session: SessionRef,
    scope: EventScope,
    mut on_event: impl FnMut(&SessionEvent) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let events = client.sessions().session(session).events(scope).await?;
    let mut events = std::pin::pin!(events);
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        let next = tokio::select! {
            _ = &mut ctrl_c => return Ok(()),
            ev = events.next() => ev,
        };
        let Some(ev) = next else { return Ok(()) };
        let ev = ev?;
        if ev.name == backendai_sdk::sse::SERVER_CLOSE || !on_event(&ev)? {
            return Ok(());
        }
    }
}

/// `session events` / `events`: prints `<event> <data>` per event (one JSON object per line
/// with `--output json`).
pub fn events(ctx: &Context, args: &EventsArgs) -> anyhow::Result<()> {
    let session = args.owner.session_ref(&args.session);
    let single = args.session != "*";
    let mut failure: Option<String> = None;
    let mut seen = 0u64;
    let max = args.max_events;
    let mut awaited: Option<Result<(), String>> = None;
    ctx.block_on(follow(ctx, session, args.scope.into(), |ev| {
        ctx.out.event(&ev.name, &ev.raw)?;
        seen += 1;
        if let Some(wait) = &args.wait {
            // With `*` only the awaited event ends the wait (other sessions may still end).
            let final_event = single && ev.is_final();
            awaited = wait_outcome(wait, &ev.name, final_event);
            return Ok(awaited.is_none() && (max == 0 || seen < max));
        }
        if single && ev.is_final() {
            if ev.is_failure() {
                failure = Some(match ev.data.exit_code {
                    Some(c) => format!("session {} failed (exit code {c})", args.session),
                    None => format!("session {} failed", args.session),
                });
            }
            return Ok(false);
        }
        Ok(max == 0 || seen < max)
    }))??;
    match (&args.wait, awaited) {
        (_, Some(Ok(()))) => return Ok(()),
        (_, Some(Err(why))) => return Err(anyhow::anyhow!("{}: {why}", args.session)),
        (Some(wait), None) => {
            return Err(anyhow::anyhow!(
                "the event stream ended before {wait} arrived"
            ))
        }
        (None, None) => {}
    }
    match failure {
        Some(msg) => Err(anyhow::anyhow!(msg)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_ends_on_the_awaited_event_or_when_it_cannot_come() {
        assert_eq!(
            wait_outcome("session_started", "session_started", false),
            Some(Ok(()))
        );
        assert_eq!(
            wait_outcome("session_started", "kernel_pulling", false),
            None
        );
        assert!(matches!(
            wait_outcome("session_started", "session_terminated", true),
            Some(Err(_))
        ));
        assert_eq!(
            wait_outcome(BATCH_RESULT, "session_success", true),
            Some(Ok(()))
        );
        assert!(matches!(
            wait_outcome(BATCH_RESULT, "session_failure", true),
            Some(Err(_))
        ));
        assert_eq!(wait_outcome(BATCH_RESULT, "session_started", false), None);
    }
}
