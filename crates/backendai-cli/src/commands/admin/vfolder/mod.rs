//! `bai admin vfolder ...` (19.09 name: `admin vfolders`): every virtual folder, storage
//! hosts and host mounts, shared-folder permissions and ownership (superadmin; SDK
//! `groups::vfolder`). This module only routes.

pub mod hosts;
pub mod shared;

use backendai_sdk::groups::vfolder::ListKind;
use clap::Subcommand;

use crate::commands::vfolder::listing::{print_page, GroupPageArgs};
use crate::context::Context;

/// `admin vfolder`: without a subcommand, one page of every virtual folder (19.09 form).
#[derive(Debug, Subcommand)]
pub enum AdminVfoldersCommand {
    /// List virtual folders (every one; the default; one page).
    List(GroupPageArgs),
    /// List all mounted hosts from virtual folder root.
    ListHosts,
    /// List all mounted hosts in virtual folder root (manager, storage proxies, agents).
    ListMounts,
    /// Get contents of the fstab file from a node (an agent, or the manager when omitted).
    GetFstabContents(hosts::FstabArgs),
    /// Mount a host in virtual folder root.
    MountHost(hosts::MountArgs),
    /// Unmount a host from virtual folder root.
    UmountHost(hosts::UmountArgs),
    /// Show the performance statistics of a vfolder host (`proxy:volume`).
    PerfMetric(hosts::PerfArgs),
    /// List all shared vfolders.
    ListSharedVfolders,
    /// Show the vfolder permission information of the given virtual folder.
    SharedVfolderInfo(shared::VfolderIdArg),
    /// Update permission for shared vfolders.
    UpdateSharedVfPermission(shared::UpdatePermArgs),
    /// Remove permission for shared vfolders.
    RemoveSharedVfPermission(shared::RemovePermArgs),
    /// Change the ownership of vfolder.
    ChangeVfolderOwnership(shared::OwnershipArgs),
}

/// Runs `admin vfolder [...]`.
pub fn run(ctx: &Context, cmd: Option<AdminVfoldersCommand>) -> anyhow::Result<()> {
    match cmd.unwrap_or(AdminVfoldersCommand::List(GroupPageArgs::default())) {
        AdminVfoldersCommand::List(a) => {
            print_page(ctx, ListKind::All, &a.page, a.group.as_deref())
        }
        AdminVfoldersCommand::ListHosts => hosts::list_hosts(ctx),
        AdminVfoldersCommand::ListMounts => hosts::list_mounts(ctx),
        AdminVfoldersCommand::GetFstabContents(a) => hosts::fstab(ctx, &a),
        AdminVfoldersCommand::MountHost(a) => hosts::mount(ctx, &a),
        AdminVfoldersCommand::UmountHost(a) => hosts::umount(ctx, &a),
        AdminVfoldersCommand::PerfMetric(a) => hosts::perf_metric(ctx, &a),
        AdminVfoldersCommand::ListSharedVfolders => shared::list(ctx),
        AdminVfoldersCommand::SharedVfolderInfo(a) => shared::info(ctx, &a),
        AdminVfoldersCommand::UpdateSharedVfPermission(a) => shared::update(ctx, &a),
        AdminVfoldersCommand::RemoveSharedVfPermission(a) => shared::remove(ctx, &a),
        AdminVfoldersCommand::ChangeVfolderOwnership(a) => shared::change_ownership(ctx, &a),
    }
}
