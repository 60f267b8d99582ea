//! `bai vfolder ...`: virtual folder operations.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// `vfolder` subcommands.
#[derive(Debug, Subcommand)]
pub enum VfolderCommand {
    /// List virtual folders.
    List(VfListArgs),
    /// List the vfolder hosts accessible to the current user.
    ListHosts,
    /// List allowed vfolder types.
    ListAllowedTypes,
    /// Create a new virtual folder.
    Create(VfCreateArgs),
    /// Delete a virtual folder (moves it to the trash on newer servers).
    Delete(VfNameArg),
    /// Show the information of a virtual folder.
    Info(VfNameArg),
    /// Rename a virtual folder.
    Rename(VfRenameArgs),
    /// Upload files to a virtual folder.
    Upload(VfUploadArgs),
    /// Download files from a virtual folder.
    Download(VfDownloadArgs),
    /// Copy files like scp: `cp LOCAL... VFOLDER:[PATH]` uploads, `cp VFOLDER:PATH... LOCAL`
    /// downloads.
    Cp(VfCpArgs),
    /// List files in a path of a virtual folder.
    Ls(VfLsArgs),
    /// Create a directory in a virtual folder.
    Mkdir(VfMkdirArgs),
    /// Delete files in a virtual folder.
    #[command(visible_alias = "delete-file")]
    Rm(VfRmArgs),
    /// Move a file or directory within a virtual folder.
    Mv(VfMvArgs),
    /// Rename a file or directory in a virtual folder.
    RenameFile(VfRenameFileArgs),
    /// Invite users to a virtual folder.
    Invite(VfInviteArgs),
    /// List received invitations.
    Invitations,
    /// Accept an invitation.
    AcceptInvitation(VfInvitationArg),
    /// Reject (delete) an invitation.
    RejectInvitation(VfInvitationArg),
    /// Clone a virtual folder.
    Clone(VfCloneArgs),
}

/// Arguments of `vfolder list`.
#[derive(Debug, Args)]
pub struct VfListArgs {
    /// Filter by group ID.
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    /// List all virtual folders (superadmin).
    #[arg(short = 'a', long = "list-all")]
    pub list_all: bool,
}

/// A vfolder name.
#[derive(Debug, Args)]
pub struct VfNameArg {
    /// Vfolder name.
    pub name: String,
}

/// Arguments of `vfolder create`.
#[derive(Debug, Args)]
pub struct VfCreateArgs {
    /// Vfolder name.
    pub name: String,
    /// Vfolder host (e.g. `local:volume1`); the default host when omitted.
    pub host: Option<String>,
    /// Group ID or name, for a group folder.
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    /// Purpose: general, data or model.
    #[arg(short = 'm', long, default_value = "general")]
    pub usage_mode: String,
    /// Innate permission: ro, rw or wd.
    #[arg(short = 'p', long, default_value = "rw")]
    pub permission: String,
    /// Quota (e.g. 10g); 0 = unlimited.
    #[arg(long, default_value = "0")]
    pub quota: String,
    /// Allow the vfolder to be cloned.
    #[arg(long, visible_alias = "allow-clone")]
    pub cloneable: bool,
}

/// Arguments of `vfolder rename`.
#[derive(Debug, Args)]
pub struct VfRenameArgs {
    /// Current name.
    pub old_name: String,
    /// New name.
    pub new_name: String,
}

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
    fn options(&self, ctx: &Context) -> anyhow::Result<TransferOptions> {
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

/// Arguments of `vfolder clone`.
#[derive(Debug, Args)]
pub struct VfCloneArgs {
    /// Source vfolder name.
    pub name: String,
    /// Name of the clone.
    pub target_name: String,
    /// Host of the clone.
    pub target_host: String,
    /// Purpose of the clone.
    #[arg(short = 'm', long, default_value = "general")]
    pub usage_mode: String,
    /// Permission of the clone.
    #[arg(short = 'p', long, default_value = "rw")]
    pub permission: String,
}

// ---------------------------------------------------------------------------------------------
// Handlers

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use backendai_core::config::clean_address_map;
use backendai_core::parse::parse_byte_size;
use backendai_sdk::groups::vfolder::{
    CloneVFolder, CreateVFolder, DownloadItem, FileReport, Permission, UploadItem, UsageMode,
};
use backendai_sdk::transfer::{Progress, ProgressKind, TransferOptions};
use serde_json::json;

use crate::context::Context;
use crate::exit::usage;
use crate::output::{display_value, human_bytes};

fn permission(s: &str) -> anyhow::Result<Permission> {
    s.parse()
        .map_err(|_| usage(format!("invalid permission {s:?} (expected ro, rw or wd)")))
}

fn usage_mode(s: &str) -> anyhow::Result<UsageMode> {
    s.parse().map_err(|_| {
        usage(format!(
            "invalid usage mode {s:?} (expected general, data or model)"
        ))
    })
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
fn progress_opts(ctx: &Context, opts: &mut TransferOptions) -> indicatif::MultiProgress {
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

fn confirm(prompt: &str) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(usage(
            "refusing to delete without confirmation; pass -y/--yes",
        ));
    }
    loop {
        eprint!("{prompt} [Y/n] ");
        std::io::stderr().flush()?;
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

/// Runs one `vfolder` subcommand.
pub fn run(ctx: &Context, cmd: VfolderCommand) -> anyhow::Result<()> {
    let out = &ctx.out;
    match cmd {
        VfolderCommand::List(a) => {
            let client = ctx.client()?;
            let items = if let Some(g) = &a.group {
                let args = backendai_sdk::groups::vfolder::PageArgs {
                    group_id: Some(g.clone()),
                    limit: 100,
                    ..Default::default()
                };
                let page = ctx.block_on(
                    client
                        .vfolders()
                        .paginated_list(backendai_sdk::groups::vfolder::ListKind::All, &args),
                )??;
                page.items
            } else {
                let list = ctx.block_on(client.vfolders().list(a.list_all))??;
                list.into_iter()
                    .map(|v| serde_json::to_value(v).unwrap_or_default())
                    .collect()
            };
            let cols = [
                "name",
                "id",
                "host",
                "usage_mode",
                "permission",
                "is_owner",
                "type",
                "status",
            ];
            out.list(
                &items,
                None,
                &cols,
                |v| {
                    cols.iter()
                        .map(|c| display_value(v.get(*c).unwrap_or(&serde_json::Value::Null)))
                        .collect()
                },
                "There are no virtual folders.",
            )?;
        }
        VfolderCommand::ListHosts => {
            let client = ctx.client()?;
            let hosts = ctx.block_on(client.vfolders().list_hosts())??;
            if out.json_mode() {
                out.json(&hosts)?;
            } else {
                out.line(format!(
                    "Default vfolder host: {}",
                    hosts.default.clone().unwrap_or_default()
                ))?;
                out.line(format!("Usable hosts: {}", hosts.allowed.join(", ")))?;
            }
        }
        VfolderCommand::ListAllowedTypes => {
            let client = ctx.client()?;
            let types = ctx.block_on(client.vfolders().list_allowed_types())??;
            if out.json_mode() {
                out.json(&types)?;
            } else {
                out.line(types.join(", "))?;
            }
        }
        VfolderCommand::Create(a) => {
            if a.quota != "0" {
                parse_byte_size(&a.quota)
                    .map_err(|e| usage(format!("invalid --quota {:?}: {e}", a.quota)))?;
            }
            let mut req = CreateVFolder::new(&a.name);
            req.host = a.host.clone();
            req.group = a.group.clone();
            req.usage_mode = usage_mode(&a.usage_mode)?;
            req.permission = permission(&a.permission)?;
            req.quota = (a.quota != "0").then(|| a.quota.clone());
            req.cloneable = a.cloneable;
            let client = ctx.client()?;
            let created = ctx.block_on(client.vfolders().create(&req))??;
            out.mutation(
                &format!("Virtual folder \"{}\" is created.", created.name),
                Some(("vfolder", serde_json::to_value(&created)?)),
            )?;
        }
        VfolderCommand::Delete(a) => {
            let client = ctx.client()?;
            ctx.block_on(client.vfolders().delete(&a.name))??;
            out.mutation(&format!("Virtual folder \"{}\" is deleted.", a.name), None)?;
        }
        VfolderCommand::Info(a) => {
            let client = ctx.client()?;
            let info = ctx.block_on(client.vfolders().info(&a.name))??;
            out.item(&info)?;
        }
        VfolderCommand::Rename(a) => {
            let client = ctx.client()?;
            ctx.block_on(client.vfolders().rename(&a.old_name, &a.new_name))??;
            out.mutation(
                &format!("Renamed virtual folder {} -> {}.", a.old_name, a.new_name),
                None,
            )?;
        }
        VfolderCommand::Upload(a) => upload(ctx, a)?,
        VfolderCommand::Download(a) => download(ctx, a)?,
        VfolderCommand::Cp(a) => cp(ctx, a)?,
        VfolderCommand::Ls(a) => {
            let client = ctx.client()?;
            let files = ctx.block_on(client.vfolders().list_files(&a.name, &a.path))??;
            out.list(
                &files,
                None,
                &["file name", "size", "modified", "mode"],
                |f| {
                    vec![
                        f.name.clone(),
                        f.size.to_string(),
                        f.modified.clone().unwrap_or_default(),
                        f.mode.clone().unwrap_or_default(),
                    ]
                },
                "The directory is empty.",
            )?;
        }
        VfolderCommand::Mkdir(a) => {
            let client = ctx.client()?;
            let r = ctx.block_on(
                client
                    .vfolders()
                    .mkdir(&a.name, &a.path, a.parents, a.exist_ok),
            )??;
            out.mutation(
                &format!("Directory {} created.", a.path),
                Some(("result", r)),
            )?;
        }
        VfolderCommand::Rm(a) => {
            if !a.yes && !out.json_mode() && !confirm("Are you sure?")? {
                return Err(crate::exit::with_status(
                    crate::exit::ExitStatus::Failure,
                    "Aborted.",
                ));
            }
            let client = ctx.client()?;
            ctx.block_on(
                client
                    .vfolders()
                    .delete_files(&a.name, &a.files, a.recursive),
            )??;
            out.mutation("Done.", None)?;
        }
        VfolderCommand::Mv(a) => {
            let client = ctx.client()?;
            ctx.block_on(client.vfolders().move_file(&a.name, &a.src, &a.dst))??;
            out.mutation(&format!("Moved {} -> {}.", a.src, a.dst), None)?;
        }
        VfolderCommand::RenameFile(a) => {
            let client = ctx.client()?;
            ctx.block_on(
                client
                    .vfolders()
                    .rename_file(&a.name, &a.target_path, &a.new_name),
            )??;
            out.mutation(
                &format!("Renamed {} -> {}.", a.target_path, a.new_name),
                None,
            )?;
        }
        VfolderCommand::Invite(a) => {
            let perm = permission(&a.perm)?;
            let client = ctx.client()?;
            let r = ctx.block_on(client.vfolders().invite(&a.name, perm, &a.emails))??;
            out.mutation("Invitation sent.", Some(("result", r)))?;
        }
        VfolderCommand::Invitations => {
            let client = ctx.client()?;
            let inv = ctx.block_on(client.vfolders().invitations())??;
            out.list(
                &inv,
                None,
                &["id", "inviter", "vfolder_name", "perm", "state"],
                |i| {
                    vec![
                        i.id.clone(),
                        i.inviter.clone().unwrap_or_default(),
                        i.vfolder_name.clone().unwrap_or_default(),
                        i.perm.clone().unwrap_or_default(),
                        i.state.clone().unwrap_or_default(),
                    ]
                },
                "No invitations.",
            )?;
        }
        VfolderCommand::AcceptInvitation(a) => {
            let client = ctx.client()?;
            ctx.block_on(client.vfolders().accept_invitation(&a.invitation_id))??;
            out.mutation("Invitation accepted.", None)?;
        }
        VfolderCommand::RejectInvitation(a) => {
            let client = ctx.client()?;
            ctx.block_on(client.vfolders().reject_invitation(&a.invitation_id))??;
            out.mutation("Invitation rejected.", None)?;
        }
        VfolderCommand::Clone(a) => {
            let args = CloneVFolder {
                target_name: a.target_name.clone(),
                target_host: Some(a.target_host.clone()),
                usage_mode: usage_mode(&a.usage_mode)?,
                permission: permission(&a.permission)?,
            };
            let client = ctx.client()?;
            let r = ctx.block_on(client.vfolders().clone_folder(&a.name, &args))??;
            out.mutation(
                &format!("Cloning {} into {}.", a.name, a.target_name),
                Some(("result", r)),
            )?;
        }
    }
    Ok(())
}

fn upload(ctx: &Context, a: VfUploadArgs) -> anyhow::Result<()> {
    let mut opts = a.transfer.options(ctx)?;
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

fn download(ctx: &Context, a: VfDownloadArgs) -> anyhow::Result<()> {
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

fn cp(ctx: &Context, a: VfCpArgs) -> anyhow::Result<()> {
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
fn base_dir(base: &Option<PathBuf>) -> std::io::Result<PathBuf> {
    match base {
        Some(b) => Ok(b.clone()),
        None => std::env::current_dir(),
    }
}

/// Prints the files a transfer moved: `{"ok", "files"}` in JSON mode, else
/// `<verb> N file(s), <size>.`.
fn report_transfers(ctx: &Context, verb: &str, reports: &[FileReport]) -> anyhow::Result<()> {
    let total: u64 = reports.iter().map(|r| r.bytes).sum();
    if ctx.out.json_mode() {
        let files: Vec<_> = reports
            .iter()
            .map(|r| json!({"remote": r.remote, "local": r.local, "bytes": r.bytes}))
            .collect();
        ctx.out.json(&json!({"ok": true, "files": files}))?;
    } else {
        ctx.out.done(&format!(
            "{verb} {} file(s), {}.",
            reports.len(),
            human_bytes(total)
        ))?;
    }
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
