//! `bai vfolder upload|download|cp`: storage-proxy transfers with progress bars (SDK
//! `groups::vfolder` transfers over `transfer`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use backendai_core::config::clean_address_map;
use backendai_core::parse::parse_byte_size;
use backendai_sdk::groups::vfolder::{DownloadItem, FileReport, UploadItem};
use backendai_sdk::transfer::{Progress, ProgressKind, TransferOptions};
use clap::Args;
use serde_json::json;

use crate::context::Context;
use crate::exit::usage;
use crate::output::fields::human_bytes;

/// Options shared by every storage-proxy transfer (`upload`, `download`, `cp`).
#[derive(Debug, Args)]
pub struct TransferArgs {
    /// Chunk size (e.g. 16m).
    #[arg(long, default_value = "16m")]
    pub chunk_size: String,
    /// Rewrite storage-proxy addresses: X1=Y1,X2=Y2.
    #[arg(long)]
    pub override_storage_proxy: Option<String>,
}

impl TransferArgs {
    /// Parses the chunk size and applies the storage-proxy address override to the context.
    pub fn options(&self, ctx: &Context) -> anyhow::Result<TransferOptions> {
        let options = TransferOptions {
            chunk_size: chunk_size(&self.chunk_size)?,
            ..Default::default()
        };
        apply_storage_override(ctx, &self.override_storage_proxy)?;
        Ok(options)
    }
}

/// Arguments of `vfolder upload`.
#[derive(Debug, Args)]
pub struct VfUploadArgs {
    /// Vfolder name.
    pub name: String,
    /// Local files (relative to --base-dir).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Local directory the files are relative to.
    #[arg(short = 'b', long)]
    pub base_dir: Option<PathBuf>,
    /// Upload directories recursively.
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Transfer tuning.
    #[command(flatten)]
    pub transfer: TransferArgs,
}

/// Arguments of `vfolder download`.
#[derive(Debug, Args)]
pub struct VfDownloadArgs {
    /// Vfolder name.
    pub name: String,
    /// Files (paths in the vfolder).
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Local directory to save into.
    #[arg(short = 'b', long)]
    pub base_dir: Option<PathBuf>,
    /// Transfer tuning.
    #[command(flatten)]
    pub transfer: TransferArgs,
    /// Maximum retries on failure.
    #[arg(long, default_value_t = 20)]
    pub max_retries: u32,
}

/// Arguments of `vfolder cp`.
#[derive(Debug, Args)]
pub struct VfCpArgs {
    /// Sources then the destination; a vfolder location is `NAME:PATH` (`NAME:` is the root).
    /// Local paths with a `:` must start with `./` or `/`.
    #[arg(required = true, num_args = 2.., value_name = "SRC... DEST")]
    pub paths: Vec<String>,
    /// Upload directories recursively.
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Transfer tuning.
    #[command(flatten)]
    pub transfer: TransferArgs,
}

fn chunk_size(s: &str) -> anyhow::Result<u64> {
    let n = parse_byte_size(s).map_err(|e| usage(format!("invalid --chunk-size {s:?}: {e}")))?;
    let n = u64::try_from(n).map_err(|_| usage("--chunk-size is too large"))?;
    if n == 0 {
        return Err(usage("--chunk-size must be greater than 0"));
    }
    Ok(n)
}

fn apply_storage_override(ctx: &Context, value: &Option<String>) -> anyhow::Result<()> {
    if let Some(v) = value {
        let map = clean_address_map(v)
            .map_err(|e| usage(format!("invalid --override-storage-proxy: {e}")))?;
        ctx.override_storage_proxy(map);
    }
    Ok(())
}

/// Progress bars for a transfer: one per file, driven by the SDK's progress callback.
pub fn progress_opts(ctx: &Context, opts: &mut TransferOptions) -> indicatif::MultiProgress {
    let multi =
        indicatif::MultiProgress::with_draw_target(if ctx.out.quiet || ctx.out.json_mode() {
            indicatif::ProgressDrawTarget::hidden()
        } else {
            indicatif::ProgressDrawTarget::stderr()
        });
    let bars: Arc<Mutex<HashMap<usize, indicatif::ProgressBar>>> = Arc::default();
    let m = multi.clone();
    let out = ctx.out.clone();
    opts.progress = Some(Arc::new(move |p: &Progress| {
        let Ok(mut bars) = bars.lock() else { return };
        let bar = bars.entry(p.index).or_insert_with(|| {
            let b = out.bytes_progress(p.total.unwrap_or(0), &p.path);
            m.add(b)
        });
        if let Some(t) = p.total {
            bar.set_length(t);
        }
        bar.set_position(p.done);
        if p.kind == ProgressKind::Finished {
            bar.finish_and_clear();
        }
    }));
    multi
}

/// `vfolder upload`.
pub fn upload(ctx: &Context, a: VfUploadArgs) -> anyhow::Result<()> {
    let mut opts = TransferOptions {
        // As many as `download` allows by default: with the 5 s backoff cap, about 80 s of
        // retries, enough to resume across a storage-proxy restart.
        max_retries: 20,
        ..a.transfer.options(ctx)?
    };
    let base = base_dir(&a.base_dir)?;
    let mut items = Vec::new();
    let mut dirs = Vec::new();
    for f in &a.files {
        let local = base.join(f);
        let meta = std::fs::metadata(&local)
            .map_err(|e| usage(format!("cannot read {}: {e}", local.display())))?;
        let remote = f.to_string_lossy().replace('\\', "/");
        if meta.is_dir() {
            if !a.recursive {
                return Err(usage(format!(
                    "{} is a directory; use -r/--recursive",
                    local.display()
                )));
            }
            dirs.push((local, remote));
        } else {
            items.push(UploadItem { local, remote });
        }
    }
    let bars = progress_opts(ctx, &mut opts);
    let client = ctx.client()?;
    let vf = client.vfolders();
    let reports = ctx.block_on(async {
        let mut reports = vf.upload_files(&a.name, &items, &opts).await?;
        for (local, remote) in &dirs {
            reports.extend(vf.upload_dir(&a.name, local, remote, &opts).await?);
        }
        Ok::<_, backendai_sdk::Error>(reports)
    })?;
    let _ = bars.clear();
    report_transfers(ctx, "Uploaded", &reports?)
}

/// `vfolder download`.
pub fn download(ctx: &Context, a: VfDownloadArgs) -> anyhow::Result<()> {
    let mut opts = TransferOptions {
        max_retries: a.max_retries,
        ..a.transfer.options(ctx)?
    };
    let base = base_dir(&a.base_dir)?;
    let mut items = Vec::new();
    for f in &a.files {
        let rel = f.trim_start_matches('/');
        if rel.split('/').any(|c| c == "..") {
            return Err(usage(format!("refusing path with '..': {f}")));
        }
        let local = base.join(rel);
        if let Some(parent) = local.parent() {
            std::fs::create_dir_all(parent)?;
        }
        items.push(DownloadItem {
            remote: f.clone(),
            local,
        });
    }
    let bars = progress_opts(ctx, &mut opts);
    let client = ctx.client()?;
    let r = ctx.block_on(client.vfolders().download_files(&a.name, &items, &opts))?;
    let _ = bars.clear();
    report_transfers(ctx, "Downloaded", &r?)
}

/// A `vfolder cp` location: `(Some(vfolder), path)` for `NAME:PATH`, `(None, path)` for a
/// local path.
fn cp_location(s: &str) -> (Option<&str>, &str) {
    if s.starts_with('/') || s.starts_with("./") || s.starts_with("../") {
        return (None, s);
    }
    match s.split_once(':') {
        Some((name, path)) if !name.is_empty() && !name.contains('/') => (Some(name), path),
        _ => (None, s),
    }
}

/// The last `/`-separated component of a path (`None` for an empty one).
fn base_name(path: &str) -> Option<&str> {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
}

/// Joins a remote directory and a name (`dir` may be empty = the vfolder root).
fn remote_join(dir: &str, name: &str) -> String {
    let dir = dir.trim_matches('/');
    if dir.is_empty() || dir == "." {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// `vfolder cp`.
pub fn cp(ctx: &Context, a: VfCpArgs) -> anyhow::Result<()> {
    let Some((dest, sources)) = a.paths.split_last() else {
        return Err(usage("vfolder cp needs a source and a destination"));
    };
    let mut opts = a.transfer.options(ctx)?;
    let remote_sources: Vec<_> = sources.iter().map(|s| cp_location(s)).collect();
    match cp_location(dest) {
        (Some(folder), dest_path) => {
            if remote_sources.iter().any(|(f, _)| f.is_some()) {
                return Err(usage(
                    "copying between vfolders is not supported; one side must be local",
                ));
            }
            // One file to a path not ending in `/`: that exact name; else into the directory.
            let exact = sources.len() == 1 && !dest_path.is_empty() && !dest_path.ends_with('/');
            let mut items = Vec::new();
            let mut dirs = Vec::new();
            for src in sources {
                let local = PathBuf::from(src);
                let meta = std::fs::metadata(&local)
                    .map_err(|e| usage(format!("cannot read {src}: {e}")))?;
                let name = base_name(src)
                    .ok_or_else(|| usage(format!("cannot copy {src:?}: no file name")))?;
                let remote = if exact {
                    dest_path.trim_start_matches('/').to_string()
                } else {
                    remote_join(dest_path, name)
                };
                if meta.is_dir() {
                    if !a.recursive {
                        return Err(usage(format!("{src} is a directory; use -r/--recursive")));
                    }
                    dirs.push((local, remote));
                } else {
                    items.push(UploadItem { local, remote });
                }
            }
            let bars = progress_opts(ctx, &mut opts);
            let client = ctx.client()?;
            let vf = client.vfolders();
            let reports = ctx.block_on(async {
                let mut reports = vf.upload_files(folder, &items, &opts).await?;
                for (local, remote) in &dirs {
                    reports.extend(vf.upload_dir(folder, local, remote, &opts).await?);
                }
                Ok::<_, backendai_sdk::Error>(reports)
            })?;
            let _ = bars.clear();
            report_transfers(ctx, "Uploaded", &reports?)
        }
        (None, dest_local) => {
            let folder = match remote_sources.first() {
                Some((Some(f), _)) => *f,
                _ => return Err(usage("one side must be a vfolder location (NAME:PATH)")),
            };
            if remote_sources.iter().any(|(f, _)| *f != Some(folder)) {
                return Err(usage(
                    "all sources of a download must be in the same vfolder (NAME:PATH)",
                ));
            }
            let dest = PathBuf::from(dest_local);
            let into_dir = sources.len() > 1 || dest_local.ends_with('/') || dest.is_dir();
            if into_dir {
                std::fs::create_dir_all(&dest)
                    .map_err(|e| usage(format!("cannot create {dest_local}: {e}")))?;
            }
            let mut items = Vec::new();
            for (_, path) in &remote_sources {
                if path.split('/').any(|c| c == "..") {
                    return Err(usage(format!("refusing path with '..': {path}")));
                }
                let name = base_name(path)
                    .ok_or_else(|| usage(format!("{folder}:{path} is not a file path")))?;
                let local = if into_dir {
                    dest.join(name)
                } else {
                    dest.clone()
                };
                items.push(DownloadItem {
                    remote: path.trim_start_matches('/').to_string(),
                    local,
                });
            }
            let bars = progress_opts(ctx, &mut opts);
            let client = ctx.client()?;
            let r = ctx.block_on(client.vfolders().download_files(folder, &items, &opts))?;
            let _ = bars.clear();
            report_transfers(ctx, "Downloaded", &r?)
        }
    }
}

/// `--base-dir`, or the current directory.
pub fn base_dir(base: &Option<PathBuf>) -> std::io::Result<PathBuf> {
    match base {
        Some(b) => Ok(b.clone()),
        None => std::env::current_dir(),
    }
}

/// Prints the files a transfer moved as a mutation result: `<verb> N file(s), <size>.`, or
/// `{"ok", "msg", "files"}` in JSON mode.
pub fn report_transfers(ctx: &Context, verb: &str, reports: &[FileReport]) -> anyhow::Result<()> {
    let total: u64 = reports.iter().map(|r| r.bytes).sum();
    let files: Vec<_> = reports
        .iter()
        .map(|r| json!({"remote": r.remote, "local": r.local, "bytes": r.bytes}))
        .collect();
    ctx.out.mutation(
        &format!("{verb} {} file(s), {}.", reports.len(), human_bytes(total)),
        Some(("files", files.into())),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp_locations() {
        assert_eq!(cp_location("data:a/b.txt"), (Some("data"), "a/b.txt"));
        assert_eq!(cp_location("data:"), (Some("data"), ""));
        assert_eq!(cp_location("a.txt"), (None, "a.txt"));
        assert_eq!(cp_location("./x:y"), (None, "./x:y"));
        assert_eq!(cp_location("/tmp/x:y"), (None, "/tmp/x:y"));
        assert_eq!(cp_location("dir/x:y"), (None, "dir/x:y"));
        assert_eq!(cp_location(":y"), (None, ":y"));
    }

    #[test]
    fn names_and_joins() {
        assert_eq!(base_name("a/b/c.txt"), Some("c.txt"));
        assert_eq!(base_name("a/dir/"), Some("dir"));
        assert_eq!(base_name(""), None);
        assert_eq!(base_name(".."), None);
        assert_eq!(remote_join("", "f"), "f");
        assert_eq!(remote_join("/d/e/", "f"), "d/e/f");
        assert_eq!(remote_join(".", "f"), "f");
    }
}

/// Arguments of `vfolder request-download`.
#[derive(Debug, Args)]
pub struct VfRequestDownloadArgs {
    /// Vfolder name.
    pub name: String,
    /// Path of the file inside the vfolder.
    pub filename: String,
}

/// `vfolder request-download`: asks for a storage-proxy download token (JWT) for later use
/// and prints it (`{"token", "url"}` with `-o json`); nothing is downloaded.
pub fn request_download(ctx: &Context, a: &VfRequestDownloadArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let tok = ctx.block_on(client.vfolders().download_token(&a.name, &a.filename))??;
    ctx.out
        .either(&tok, || format!("Download token: {}", tok.token))?;
    Ok(())
}
