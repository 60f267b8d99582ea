//! `bai session set-priority SESSION PRIORITY` and `bai session convert-to-image SESSION IMAGE`:
//! the 26.9 additions to a running session (SDK `Session::set_priority`,
//! `Session::export_to_image`). A 23.09 manager has neither: both fail there with the one
//! "not supported by this server" line before anything is sent.

use backendai_sdk::groups::session::SessionRef;
use clap::Args;

use crate::context::Context;

/// `session set-priority`.
#[derive(Debug, Args)]
pub struct SetPriorityArgs {
    /// Session ID or name.
    #[arg(value_name = "SESSION_ID_OR_NAME")]
    pub session: String,
    /// The new scheduling priority (0..=100; higher is scheduled first).
    pub priority: i64,
}

/// `session convert-to-image`.
#[derive(Debug, Args)]
pub struct ConvertToImageArgs {
    /// Session ID or name.
    #[arg(value_name = "SESSID_OR_NAME")]
    pub session: String,
    /// The name of the new image.
    #[arg(value_name = "IMAGENAME")]
    pub image_name: String,
}

/// `session set-priority`.
pub fn set_priority(ctx: &Context, a: &SetPriorityArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&a.session));
    let node = ctx.block_on(s.set_priority(a.priority))??;
    let msg = format!(
        "Session {} priority is changed to {}.",
        a.session, a.priority
    );
    ctx.out.mutation(&msg, Some(("session", node)))?;
    Ok(())
}

/// `session convert-to-image`: starts the commit-and-push background task.
pub fn convert_to_image(ctx: &Context, a: &ConvertToImageArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&a.session));
    let answer = ctx.block_on(s.export_to_image(&a.image_name))??;
    let msg = format!(
        "Request to convert Session(name or id: {}) to image {}",
        a.session, a.image_name
    );
    ctx.out.mutation(&msg, Some(("result", answer)))?;
    Ok(())
}
