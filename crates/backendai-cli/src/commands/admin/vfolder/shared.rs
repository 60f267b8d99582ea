//! `bai admin vfolder list-shared-vfolders|shared-vfolder-info|update-shared-vf-permission|
//! remove-shared-vf-permission|change-vfolder-ownership` (SDK `VFolders::list_shared`,
//! `shared_info`, `update_shared`, `change_ownership`).

use clap::Args;
use serde_json::Value;

use crate::commands::vfolder::folder::permission;
use crate::context::Context;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// The columns of the shared-folder lists: one row per (folder, user) share.
pub const SHARED_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("vfolder_name").label("Name"),
    FieldSpec::new("vfolder_id").label("ID"),
    FieldSpec::new("owner").label("Owner"),
    FieldSpec::new("status").label("Status"),
    FieldSpec::new("perm").label("Permission"),
    FieldSpec::new("type").label("Folder Type"),
    FieldSpec::computed("shared_to", shared_to_email).label("Shared To"),
    FieldSpec::computed("shared_to_uuid", shared_to_uuid).label("User ID"),
];

fn shared_to_email(item: &Value) -> String {
    text(&item["shared_to"]["email"])
}

fn shared_to_uuid(item: &Value) -> String {
    text(&item["shared_to"]["uuid"])
}

/// A vfolder ID.
#[derive(Debug, Args)]
pub struct VfolderIdArg {
    /// ID of a virtual folder.
    pub vfolder_id: String,
}

/// Arguments of `update-shared-vf-permission`.
#[derive(Debug, Args)]
pub struct UpdatePermArgs {
    /// ID of a virtual folder.
    pub vfolder_id: String,
    /// ID of the user who has been granted access to the shared vfolder.
    pub user_id: String,
    /// Permission to set: ro (read-only), rw (read-write) or wd (write-delete). Required:
    /// without it the Python client silently removes the permission instead.
    #[arg(short = 'p', long, value_name = "PERMISSION", required = true)]
    pub permission: String,
}

/// Arguments of `remove-shared-vf-permission`.
#[derive(Debug, Args)]
pub struct RemovePermArgs {
    /// ID of a virtual folder.
    pub vfolder_id: String,
    /// ID of the user who has been granted access to the shared vfolder.
    pub user_id: String,
}

/// Arguments of `change-vfolder-ownership`.
#[derive(Debug, Args)]
pub struct OwnershipArgs {
    /// ID of a virtual folder.
    pub vfolder_id: String,
    /// E-mail of the user who gets the ownership.
    pub user_email: String,
}

/// `admin vfolder list-shared-vfolders`.
pub fn list(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let shared = ctx.block_on(client.vfolders().list_shared(None))??;
    ctx.out.list(
        &shared,
        SHARED_FIELDS,
        "There are no shared virtual folders.",
    )?;
    Ok(())
}

/// `admin vfolder shared-vfolder-info`: every user the folder is shared with.
pub fn info(ctx: &Context, a: &VfolderIdArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let shared = ctx.block_on(client.vfolders().shared_info(&a.vfolder_id))??;
    let empty = format!("Virtual folder {} is not shared with anyone.", a.vfolder_id);
    ctx.out.list(&shared, SHARED_FIELDS, &empty)?;
    Ok(())
}

/// `admin vfolder update-shared-vf-permission`.
pub fn update(ctx: &Context, a: &UpdatePermArgs) -> anyhow::Result<()> {
    let perm = permission(&a.permission)?;
    let client = ctx.client()?;
    let r = ctx.block_on(client.vfolders().update_shared(
        &a.vfolder_id,
        &a.user_id,
        Some(perm),
    ))??;
    ctx.out
        .mutation("Updated.", Some(("result", serde_json::to_value(&r)?)))?;
    Ok(())
}

/// `admin vfolder remove-shared-vf-permission`.
pub fn remove(ctx: &Context, a: &RemovePermArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let r = ctx.block_on(
        client
            .vfolders()
            .update_shared(&a.vfolder_id, &a.user_id, None),
    )??;
    ctx.out
        .mutation("Removed.", Some(("result", serde_json::to_value(&r)?)))?;
    Ok(())
}

/// `admin vfolder change-vfolder-ownership`.
pub fn change_ownership(ctx: &Context, a: &OwnershipArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(
        client
            .vfolders()
            .change_ownership(&a.vfolder_id, &a.user_email),
    )??;
    let msg = format!(
        "Now ownership of VFolder:{} goes to User:{}",
        a.vfolder_id, a.user_email
    );
    ctx.out.mutation(&msg, None)?;
    Ok(())
}
