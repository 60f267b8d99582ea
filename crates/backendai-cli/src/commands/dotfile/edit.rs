//! `bai dotfile create|update|delete` (SDK `Dotfiles::create`, `update`, `delete`).

use std::path::PathBuf;

use backendai_sdk::groups::dotfile::DEFAULT_PERMISSION;
use clap::Args;

use super::scope::ScopeArgs;
use crate::commands::input::{confirmed, text_from_file_or_stdin};
use crate::context::Context;

/// Arguments of `dotfile create` and `dotfile update`.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Where the dotfile is written in new sessions (relative to /home/work).
    #[arg(value_name = "PATH")]
    pub path: String,
    /// Mode as three octal digits (e.g. 644); 755 when omitted.
    #[arg(long = "perm", value_name = "PERMISSION")]
    pub permission: Option<String>,
    /// Local file to upload; stdin when omitted.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub scope: ScopeArgs,
}

/// Arguments of `dotfile delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Path of the dotfile.
    #[arg(value_name = "PATH")]
    pub path: String,
    /// Delete without asking.
    #[arg(short = 'f', long)]
    pub force: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub scope: ScopeArgs,
}

impl WriteArgs {
    fn permission(&self) -> &str {
        self.permission.as_deref().unwrap_or(DEFAULT_PERMISSION)
    }
}

/// `dotfile create`.
pub fn create(ctx: &Context, a: &WriteArgs) -> anyhow::Result<()> {
    let data = text_from_file_or_stdin(a.file.as_deref(), &ctx.out)?;
    let client = ctx.client()?;
    let dotfiles = client.dotfiles();
    ctx.block_on(dotfiles.create(&a.scope.scope(), &a.path, &data, a.permission()))??;
    ctx.out
        .mutation(&format!("Dotfile {} created and ready", a.path), None)?;
    Ok(())
}

/// `dotfile update`.
pub fn update(ctx: &Context, a: &WriteArgs) -> anyhow::Result<()> {
    let data = text_from_file_or_stdin(a.file.as_deref(), &ctx.out)?;
    let client = ctx.client()?;
    let dotfiles = client.dotfiles();
    ctx.block_on(dotfiles.update(&a.scope.scope(), &a.path, &data, a.permission()))??;
    ctx.out
        .mutation(&format!("Dotfile {} updated", a.path), None)?;
    Ok(())
}

/// `dotfile delete`.
pub fn delete(ctx: &Context, a: &DeleteArgs) -> anyhow::Result<()> {
    if !confirmed(a.force, &ctx.out)? {
        return Ok(());
    }
    let client = ctx.client()?;
    ctx.block_on(client.dotfiles().delete(&a.scope.scope(), &a.path))??;
    ctx.out
        .mutation(&format!("Dotfile {} deleted", a.path), None)?;
    Ok(())
}
