//! `bai vfolder ...`: virtual folders, one file per job beside the SDK's `groups::vfolder`
//! (folders, listings, files in a folder, transfers, invitations, sharing). This module only
//! routes.

pub mod files;
pub mod folder;
pub mod invitation;
pub mod listing;
pub mod sharing;
pub mod transfer;
pub mod trash;

use backendai_sdk::groups::vfolder::ListKind;
use clap::Subcommand;

use crate::commands::args::PageArgs;

use crate::context::Context;

/// `vfolder` subcommands.
#[derive(Debug, Subcommand)]
pub enum VfolderCommand {
    /// List virtual folders.
    List(listing::VfListArgs),
    /// List own virtual folders (one page).
    ListOwn(PageArgs),
    /// List virtual folders shared with you by invitation (one page).
    ListInvited(PageArgs),
    /// List project virtual folders (one page).
    ListProject(PageArgs),
    /// List the vfolder hosts accessible to the current user.
    ListHosts,
    /// List allowed vfolder types.
    ListAllowedTypes,
    /// Create a new virtual folder.
    Create(folder::VfCreateArgs),
    /// Delete a virtual folder (moves it to the trash on newer servers).
    Delete(folder::VfNameArg),
    /// Delete a trashed virtual folder's real data (26.9 managers).
    DeleteTrash(folder::VfNameArg),
    /// Purge a trashed virtual folder; irreversible (26.9 managers).
    Purge(folder::VfNameArg),
    /// Restore a trashed virtual folder; deprecated name of `restore` (26.9 managers).
    Recover(folder::VfNameArg),
    /// Restore a virtual folder from the trash bin (26.9 managers).
    Restore(folder::VfNameArg),
    /// Show the information of a virtual folder.
    Info(folder::VfNameArg),
    /// Rename a virtual folder.
    Rename(folder::VfRenameArgs),
    /// Upload files to a virtual folder.
    Upload(transfer::VfUploadArgs),
    /// Download files from a virtual folder.
    Download(transfer::VfDownloadArgs),
    /// Copy files like scp: `cp LOCAL... VFOLDER:[PATH]` uploads, `cp VFOLDER:PATH... LOCAL`
    /// downloads.
    Cp(transfer::VfCpArgs),
    /// List files in a path of a virtual folder.
    Ls(files::VfLsArgs),
    /// Create a directory in a virtual folder.
    Mkdir(files::VfMkdirArgs),
    /// Delete files in a virtual folder.
    #[command(visible_alias = "delete-file")]
    Rm(files::VfRmArgs),
    /// Move a file or directory within a virtual folder.
    Mv(files::VfMvArgs),
    /// Rename a file or directory in a virtual folder.
    RenameFile(files::VfRenameFileArgs),
    /// Invite users to a virtual folder.
    Invite(invitation::VfInviteArgs),
    /// List received invitations.
    Invitations,
    /// Accept an invitation.
    AcceptInvitation(invitation::VfInvitationArg),
    /// Reject (delete) an invitation.
    RejectInvitation(invitation::VfInvitationArg),
    /// Clone a virtual folder.
    Clone(folder::VfCloneArgs),
    /// Update the permission or cloneable flag of a virtual folder you own.
    UpdateOptions(folder::VfUpdateOptionsArgs),
    /// Share a project (group) folder with users, overriding its permission for them.
    Share(sharing::VfShareArgs),
    /// Stop sharing a project (group) folder with users.
    Unshare(sharing::VfUnshareArgs),
    /// Leave a shared virtual folder.
    Leave(sharing::VfLeaveArgs),
    /// Request a JWT-formatted download token for later use.
    RequestDownload(transfer::VfRequestDownloadArgs),
}

/// Runs one `vfolder` subcommand.
pub fn run(ctx: &Context, cmd: VfolderCommand) -> anyhow::Result<()> {
    match cmd {
        VfolderCommand::List(a) => listing::list(ctx, &a),
        VfolderCommand::ListOwn(p) => listing::list_kind(ctx, ListKind::Own, &p),
        VfolderCommand::ListInvited(p) => listing::list_kind(ctx, ListKind::Invited, &p),
        VfolderCommand::ListProject(p) => listing::list_kind(ctx, ListKind::Project, &p),
        VfolderCommand::ListHosts => folder::list_hosts(ctx),
        VfolderCommand::ListAllowedTypes => folder::list_allowed_types(ctx),
        VfolderCommand::Create(a) => folder::create(ctx, &a),
        VfolderCommand::Delete(a) => folder::delete(ctx, &a),
        VfolderCommand::DeleteTrash(a) => trash::run(ctx, trash::TrashOp::DeleteTrash, &a),
        VfolderCommand::Purge(a) => trash::run(ctx, trash::TrashOp::Purge, &a),
        VfolderCommand::Recover(a) => trash::run(ctx, trash::TrashOp::Recover, &a),
        VfolderCommand::Restore(a) => trash::run(ctx, trash::TrashOp::Restore, &a),
        VfolderCommand::Info(a) => folder::info(ctx, &a),
        VfolderCommand::Rename(a) => folder::rename(ctx, &a),
        VfolderCommand::Clone(a) => folder::clone(ctx, &a),
        VfolderCommand::Upload(a) => transfer::upload(ctx, a),
        VfolderCommand::Download(a) => transfer::download(ctx, a),
        VfolderCommand::Cp(a) => transfer::cp(ctx, a),
        VfolderCommand::Ls(a) => files::ls(ctx, &a),
        VfolderCommand::Mkdir(a) => files::mkdir(ctx, &a),
        VfolderCommand::Rm(a) => files::rm(ctx, &a),
        VfolderCommand::Mv(a) => files::mv(ctx, &a),
        VfolderCommand::RenameFile(a) => files::rename_file(ctx, &a),
        VfolderCommand::Invite(a) => invitation::invite(ctx, &a),
        VfolderCommand::Invitations => invitation::list(ctx),
        VfolderCommand::AcceptInvitation(a) => invitation::accept(ctx, &a),
        VfolderCommand::RejectInvitation(a) => invitation::reject(ctx, &a),
        VfolderCommand::UpdateOptions(a) => folder::update_options(ctx, &a),
        VfolderCommand::Share(a) => sharing::share(ctx, &a),
        VfolderCommand::Unshare(a) => sharing::unshare(ctx, &a),
        VfolderCommand::Leave(a) => sharing::leave(ctx, &a),
        VfolderCommand::RequestDownload(a) => transfer::request_download(ctx, &a),
    }
}
