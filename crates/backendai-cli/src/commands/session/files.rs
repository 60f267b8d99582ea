//! `bai session upload|download|ls`: files in a session's container (SDK `Session::upload`,
//! `download`, `list_files`).

use std::path::PathBuf;

use backendai_sdk::groups::session::SessionRef;
use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::exit::usage;
use crate::output::FieldSpec;

/// The columns of `session ls`.
pub const SESSION_FILE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("filename").label("file name"),
    FieldSpec::new("size"),
    FieldSpec::new("mtime").label("modified"),
    FieldSpec::new("mode"),
];

/// Arguments of `session upload`.
#[derive(Debug, Args, Clone)]
pub struct UploadArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Local files to upload.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `session download`.
#[derive(Debug, Args, Clone)]
pub struct DownloadArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Files (paths in the session) to download.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<String>,
    /// Destination directory.
    #[arg(long, default_value = ".")]
    pub dest: PathBuf,
}

/// Arguments of `session ls`.
#[derive(Debug, Args, Clone)]
pub struct LsArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Path inside the session.
    #[arg(default_value = "/home/work")]
    pub path: String,
}

/// `session upload` / `upload`.
pub fn upload(ctx: &Context, args: &UploadArgs) -> anyhow::Result<()> {
    for f in &args.files {
        if !f.exists() {
            return Err(usage(format!("no such file: {}", f.display())));
        }
    }
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let spinner = ctx.out.spinner("Uploading files...");
    let r = ctx.block_on(s.upload(&args.files, None));
    spinner.finish_and_clear();
    r??;
    ctx.out.mutation(
        &format!("Uploaded {} file(s) to {}.", args.files.len(), args.session),
        None,
    )?;
    Ok(())
}

/// `session download` / `download`.
pub fn download(ctx: &Context, args: &DownloadArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dest)?;
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let spinner = ctx.out.spinner("Downloading files...");
    let r = ctx.block_on(s.download(&args.files, &args.dest));
    spinner.finish_and_clear();
    let got = r??;
    ctx.out.mutation(
        &format!(
            "Downloaded {} file(s) to {}.",
            got.file_names.len(),
            args.dest.display()
        ),
        Some(("files", json!(got.file_names))),
    )?;
    Ok(())
}

/// `session ls` / `ls`.
pub fn ls(ctx: &Context, args: &LsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let listing = ctx.block_on(s.list_files(&args.path))??;
    if ctx.out.json_mode() {
        ctx.out.json(&listing)?;
        return Ok(());
    }
    ctx.out.table(&listing.files, SESSION_FILE_FIELDS)?;
    Ok(())
}
