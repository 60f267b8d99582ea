//! `bai vfolder share|unshare|leave`: sharing project folders with users and leaving shared
//! folders (SDK `VFolders::share`, `unshare`, `leave`).

use clap::Args;

use super::folder::permission;
use crate::context::Context;

/// Arguments of `vfolder share`.
#[derive(Debug, Args)]
pub struct VfShareArgs {
    /// Name of a project (group-type) vfolder.
    pub name: String,
    /// E-mails of the users to share with (members of the folder's project).
    #[arg(required = true)]
    pub emails: Vec<String>,
    /// Permission to give: ro (read-only), rw (read-write) or wd (write-delete).
    #[arg(
        short = 'p',
        long = "perm",
        value_name = "PERMISSION",
        default_value = "rw"
    )]
    pub perm: String,
}

/// Arguments of `vfolder unshare`.
#[derive(Debug, Args)]
pub struct VfUnshareArgs {
    /// Name of a project (group-type) vfolder.
    pub name: String,
    /// E-mails of the users to stop sharing with.
    #[arg(required = true)]
    pub emails: Vec<String>,
}

/// Arguments of `vfolder leave`.
#[derive(Debug, Args)]
pub struct VfLeaveArgs {
    /// Vfolder name.
    pub name: String,
    /// The user whose access ends (superadmin, e.g. the folder's owner removing a user);
    /// the caller when omitted.
    #[arg(short = 's', long, value_name = "SHARED_USER_UUID")]
    pub shared_user_uuid: Option<String>,
}

/// `vfolder share`.
pub fn share(ctx: &Context, a: &VfShareArgs) -> anyhow::Result<()> {
    let perm = permission(&a.perm)?;
    let client = ctx.client()?;
    let r = ctx.block_on(client.vfolders().share(&a.name, perm, &a.emails))??;
    let msg = if r.shared_emails.is_empty() {
        "No users found. Folder is not shared.".to_owned()
    } else {
        format!(
            "Shared with {} permission to: {}",
            perm.as_str(),
            r.shared_emails.join(", ")
        )
    };
    ctx.out
        .mutation(&msg, Some(("result", serde_json::to_value(&r)?)))?;
    Ok(())
}

/// `vfolder unshare`.
pub fn unshare(ctx: &Context, a: &VfUnshareArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let r = ctx.block_on(client.vfolders().unshare(&a.name, &a.emails))??;
    let msg = if r.unshared_emails.is_empty() {
        "No users found. Folder is not unshared.".to_owned()
    } else {
        format!("Unshared from: {}", r.unshared_emails.join(", "))
    };
    ctx.out
        .mutation(&msg, Some(("result", serde_json::to_value(&r)?)))?;
    Ok(())
}

/// `vfolder leave`: the server refuses project folders and, without `-s`, folders the caller
/// owns, with its own message.
pub fn leave(ctx: &Context, a: &VfLeaveArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let r = ctx.block_on(
        client
            .vfolders()
            .leave(&a.name, a.shared_user_uuid.as_deref()),
    )??;
    let msg = match &a.shared_user_uuid {
        None => format!("Left the shared virtual folder \"{}\".", a.name),
        Some(u) => format!("User {u} left the shared virtual folder \"{}\".", a.name),
    };
    ctx.out
        .mutation(&msg, Some(("result", serde_json::to_value(&r)?)))?;
    Ok(())
}
