//! `bai admin permission list` (SDK `groups::admin::permission`): the atomic permissions a
//! vfolder host can grant.

use clap::Subcommand;
use serde_json::Value;

use crate::context::Context;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// `admin permission` subcommands.
#[derive(Debug, Subcommand)]
pub enum PermissionCommand {
    /// List atomic permissions.
    List,
}

/// `["a", "b"]` → `a, b`.
fn joined(v: &Value) -> String {
    match v.as_array() {
        Some(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        None => text(v),
    }
}

/// The printed field (the Python CLI's label).
const PERMISSION_FIELDS: &[FieldSpec<'static>] = &[FieldSpec::new("vfolder_host_permission_list")
    .label("Vfolder Host Permission List")
    .format(joined)];

/// Runs `admin permission ...`.
pub fn run(ctx: &Context, cmd: PermissionCommand) -> anyhow::Result<()> {
    match cmd {
        PermissionCommand::List => {
            let client = ctx.client()?;
            let perms = ctx.block_on(client.permissions().list())??;
            if ctx.out.json_mode() {
                ctx.out.json(&perms)?;
            } else {
                ctx.out.table(&[perms], PERMISSION_FIELDS)?;
            }
            Ok(())
        }
    }
}
