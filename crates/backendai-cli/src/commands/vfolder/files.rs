//! `bai vfolder ls|mkdir|rm|mv|rename-file`: files inside a virtual folder (SDK
//! `groups::vfolder`).

use std::io::{BufRead, IsTerminal};

use clap::Args;

use crate::context::Context;
use crate::exit::{usage, with_status, ExitStatus};
use crate::output::{FieldSpec, Printer};

/// The columns of `vfolder ls`.
pub const VFOLDER_FILE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name").label("file name"),
    FieldSpec::new("size"),
    FieldSpec::new("modified"),
    FieldSpec::new("mode"),
];

/// Arguments of `vfolder ls`.
#[derive(Debug, Args)]
pub struct VfLsArgs {
    /// Vfolder name.
    pub name: String,
    /// Path inside the vfolder.
    #[arg(default_value = ".")]
    pub path: String,
}

/// Arguments of `vfolder mkdir`.
#[derive(Debug, Args)]
pub struct VfMkdirArgs {
    /// Vfolder name.
    pub name: String,
    /// Directory path.
    pub path: String,
    /// Create missing parents.
    #[arg(short = 'p', long)]
    pub parents: bool,
    /// No error if the directory exists.
    #[arg(short = 'e', long)]
    pub exist_ok: bool,
}

/// Arguments of `vfolder rm`.
#[derive(Debug, Args)]
pub struct VfRmArgs {
    /// Vfolder name.
    pub name: String,
    /// Paths to delete.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Delete directories recursively.
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Do not ask for confirmation.
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// Arguments of `vfolder mv`.
#[derive(Debug, Args)]
pub struct VfMvArgs {
    /// Vfolder name.
    pub name: String,
    /// Source path.
    pub src: String,
    /// Destination path.
    pub dst: String,
}

/// Arguments of `vfolder rename-file`.
#[derive(Debug, Args)]
pub struct VfRenameFileArgs {
    /// Vfolder name.
    pub name: String,
    /// Path of the file or directory.
    pub target_path: String,
    /// New name.
    pub new_name: String,
}

fn confirm(out: &Printer, prompt: &str) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(usage(
            "refusing to delete without confirmation; pass -y/--yes",
        ));
    }
    loop {
        out.prompt(&format!("{prompt} [Y/n] "))?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            return Ok(false);
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "" | "y" | "yes" => return Ok(true),
            "n" | "no" => return Ok(false),
            _ => {}
        }
    }
}

/// `vfolder ls`.
pub fn ls(ctx: &Context, a: &VfLsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let files = ctx.block_on(client.vfolders().list_files(&a.name, &a.path))??;
    ctx.out
        .list(&files, VFOLDER_FILE_FIELDS, "The directory is empty.")?;
    Ok(())
}

/// `vfolder mkdir`.
pub fn mkdir(ctx: &Context, a: &VfMkdirArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let r = ctx.block_on(
        client
            .vfolders()
            .mkdir(&a.name, &a.path, a.parents, a.exist_ok),
    )??;
    ctx.out.mutation(
        &format!("Directory {} created.", a.path),
        Some(("result", r)),
    )?;
    Ok(())
}

/// `vfolder rm` (asks for confirmation on a terminal unless `-y`; refuses without one).
pub fn rm(ctx: &Context, a: &VfRmArgs) -> anyhow::Result<()> {
    // The same rule in every output format: `-o json` changes what is printed, not what
    // is deleted without asking.
    if !a.yes && !confirm(&ctx.out, "Are you sure?")? {
        return Err(with_status(ExitStatus::Failure, "Aborted."));
    }
    let client = ctx.client()?;
    ctx.block_on(
        client
            .vfolders()
            .delete_files(&a.name, &a.files, a.recursive),
    )??;
    ctx.out.mutation("Done.", None)?;
    Ok(())
}

/// `vfolder mv`.
pub fn mv(ctx: &Context, a: &VfMvArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(client.vfolders().move_file(&a.name, &a.src, &a.dst))??;
    ctx.out
        .mutation(&format!("Moved {} -> {}.", a.src, a.dst), None)?;
    Ok(())
}

/// `vfolder rename-file`.
pub fn rename_file(ctx: &Context, a: &VfRenameFileArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(
        client
            .vfolders()
            .rename_file(&a.name, &a.target_path, &a.new_name),
    )??;
    ctx.out.mutation(
        &format!("Renamed {} -> {}.", a.target_path, a.new_name),
        None,
    )?;
    Ok(())
}
