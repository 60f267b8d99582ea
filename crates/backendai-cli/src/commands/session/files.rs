//! `bai session upload|download|ls`: files in a session's container (SDK `Session::upload`,
//! `download`, `list_files`).

use std::path::PathBuf;

use backendai_sdk::groups::session::SessionRef;
use clap::Args;
use serde_json::{json, Value};

use crate::context::Context;
use crate::exit::usage;
use crate::output::fields::{human_bytes, text};
use crate::output::FieldSpec;

/// The columns of `session ls`, shown as the Python CLI shows them (binary sizes, local times).
pub const SESSION_FILE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("filename").label("File name"),
    FieldSpec::new("size").label("Size").format(natural_size),
    FieldSpec::new("mtime").label("Modified").format(local_time),
    FieldSpec::new("mode").label("Mode"),
];

/// A byte count like Python's `humanize.naturalsize(n, binary=True)`: `1 Byte`, `249 Bytes`,
/// `900.0 KiB`.
fn natural_size(size: &Value) -> String {
    match size.as_u64() {
        Some(1) => "1 Byte".into(),
        Some(n) if n < 1024 => format!("{n} Bytes"),
        Some(n) => human_bytes(n),
        None => text(size),
    }
}

/// A POSIX time as local time, `Dec 02 2026 08:19:21` (the Python CLI's `%b %d %Y %H:%M:%S`).
fn local_time(mtime: &Value) -> String {
    mtime
        .as_f64()
        .filter(|t| t.is_finite())
        .and_then(|t| jiff::Timestamp::from_microsecond((t * 1e6).round() as i64).ok())
        .map(|ts| {
            ts.to_zoned(jiff::tz::TimeZone::system())
                .strftime("%b %d %Y %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|| text(mtime))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_python_naturalsize_binary() {
        assert_eq!(natural_size(&json!(1)), "1 Byte");
        assert_eq!(natural_size(&json!(249)), "249 Bytes");
        assert_eq!(natural_size(&json!(921_600)), "900.0 KiB");
        assert_eq!(natural_size(&json!("odd")), "odd");
    }

    #[test]
    fn modification_times_are_formatted_and_junk_is_kept() {
        let shown = local_time(&json!(1_796_198_717.74));
        assert_eq!(shown.len(), "Dec 02 2026 08:19:21".len(), "{shown}");
        assert!(shown.contains(" 2026 "), "{shown}");
        assert_eq!(local_time(&json!("soon")), "soon");
    }
}
