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
    /// Chunk size (e.g. 16m).
    #[arg(long, default_value = "16m")]
    pub chunk_size: String,
    /// Rewrite storage-proxy addresses: X1=Y1,X2=Y2.
    #[arg(long)]
    pub override_storage_proxy: Option<String>,
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
    /// Chunk size (e.g. 16m).
    #[arg(long, default_value = "16m")]
    pub chunk_size: String,
    /// Rewrite storage-proxy addresses: X1=Y1,X2=Y2.
    #[arg(long)]
    pub override_storage_proxy: Option<String>,
    /// Maximum retries on failure.
    #[arg(long, default_value_t = 20)]
    pub max_retries: u32,
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
