//! `bai vfolder ...`: virtual folders, one file per job beside the SDK's `groups::vfolder`
//! (folders, files in a folder, transfers, invitations). This module only routes.

pub mod files;
pub mod folder;
pub mod invitation;
pub mod transfer;

use clap::Subcommand;

use crate::context::Context;

/// `vfolder` subcommands.
#[derive(Debug, Subcommand)]
pub enum VfolderCommand {
    /// List virtual folders.
    List(folder::VfListArgs),
    /// List the vfolder hosts accessible to the current user.
    ListHosts,
    /// List allowed vfolder types.
    ListAllowedTypes,
    /// Create a new virtual folder.
    Create(folder::VfCreateArgs),
    /// Delete a virtual folder (moves it to the trash on newer servers).
    Delete(folder::VfNameArg),
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
}

/// Runs one `vfolder` subcommand.
pub fn run(ctx: &Context, cmd: VfolderCommand) -> anyhow::Result<()> {
    match cmd {
        VfolderCommand::List(a) => folder::list(ctx, &a),
        VfolderCommand::ListHosts => folder::list_hosts(ctx),
        VfolderCommand::ListAllowedTypes => folder::list_allowed_types(ctx),
        VfolderCommand::Create(a) => folder::create(ctx, &a),
        VfolderCommand::Delete(a) => folder::delete(ctx, &a),
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
    }
}
