//! `bai vfolder invite|invitations|accept-invitation|reject-invitation` (SDK
//! `groups::vfolder` invitations).

use clap::Args;

use super::folder::permission;
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `vfolder invitations`.
pub const INVITATION_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id"),
    FieldSpec::new("inviter"),
    FieldSpec::new("vfolder_name"),
    FieldSpec::new("perm"),
    FieldSpec::new("state"),
];

/// Arguments of `vfolder invite`.
#[derive(Debug, Args)]
pub struct VfInviteArgs {
    /// Vfolder name.
    pub name: String,
    /// E-mails of the invitees.
    #[arg(required = true)]
    pub emails: Vec<String>,
    /// Permission: ro, rw or wd.
    #[arg(short = 'p', long = "perm", default_value = "rw")]
    pub perm: String,
}

/// An invitation ID.
#[derive(Debug, Args)]
pub struct VfInvitationArg {
    /// Invitation ID.
    pub invitation_id: String,
}

/// `vfolder invite`.
pub fn invite(ctx: &Context, a: &VfInviteArgs) -> anyhow::Result<()> {
    let perm = permission(&a.perm)?;
    let client = ctx.client()?;
    let r = ctx.block_on(client.vfolders().invite(&a.name, perm, &a.emails))??;
    ctx.out.mutation("Invitation sent.", Some(("result", r)))?;
    Ok(())
}

/// `vfolder invitations`.
pub fn list(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let inv = ctx.block_on(client.vfolders().invitations())??;
    ctx.out.list(&inv, INVITATION_FIELDS, "No invitations.")?;
    Ok(())
}

/// `vfolder accept-invitation`.
pub fn accept(ctx: &Context, a: &VfInvitationArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(client.vfolders().accept_invitation(&a.invitation_id))??;
    ctx.out.mutation("Invitation accepted.", None)?;
    Ok(())
}

/// `vfolder reject-invitation`.
pub fn reject(ctx: &Context, a: &VfInvitationArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(client.vfolders().reject_invitation(&a.invitation_id))??;
    ctx.out.mutation("Invitation rejected.", None)?;
    Ok(())
}
