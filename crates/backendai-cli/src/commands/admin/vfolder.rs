//! `bai admin vfolders ...`: every virtual folder (superadmin), vfolder hosts and host
//! mounts (SDK `groups::vfolder`, administrator calls).

use backendai_sdk::groups::vfolder::{ListKind, PageArgs as VfolderPage};
use clap::Subcommand;

use crate::commands::args::{offset32, page_size, PageArgs};
use crate::commands::show::answer;
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin vfolders list`.
pub const ADMIN_VFOLDER_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("host"),
    FieldSpec::new("status"),
    FieldSpec::new("permission"),
    FieldSpec::new("ownership_type"),
    FieldSpec::new("creator"),
    FieldSpec::new("group"),
    FieldSpec::new("created_at"),
];

/// `admin vfolders`: without a subcommand, every virtual folder (superadmin).
#[derive(Debug, Subcommand)]
pub enum AdminVfoldersCommand {
    /// List every virtual folder (the default; one page).
    List {
        #[command(flatten)]
        #[allow(missing_docs)]
        page: PageArgs,
    },
    /// List all vfolder hosts.
    ListHosts,
    /// List the host mounts of the manager and agents.
    ListMounts,
    /// Show the fstab of the manager or an agent.
    GetFstabContents {
        /// Agent to read the fstab of (the manager's when omitted).
        #[arg(short = 'a', long)]
        agent_id: Option<String>,
    },
    /// Mount a host filesystem in the vfolder root.
    MountHost {
        /// Filesystem location (e.g. `nfs-server:/export`).
        fs_location: String,
        /// Mount name.
        name: String,
        /// Mount options.
        #[arg(long = "options")]
        options: Option<String>,
        /// Also edit fstab to mount permanently.
        #[arg(long)]
        edit_fstab: bool,
    },
    /// Unmount a host filesystem from the vfolder root.
    UmountHost {
        /// Mount name.
        name: String,
        /// Also edit fstab.
        #[arg(long)]
        edit_fstab: bool,
    },
}

/// Runs `admin vfolders [...]`.
pub fn run(ctx: &Context, cmd: Option<AdminVfoldersCommand>) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let vf = client.vfolders();
    let cmd = cmd.unwrap_or(AdminVfoldersCommand::List {
        page: PageArgs::default(),
    });
    let v = match cmd {
        AdminVfoldersCommand::List { page } => {
            let args = VfolderPage {
                limit: page_size(page.limit)?,
                offset: offset32(page.offset)?,
                filter: page.filter,
                order: page.order,
                ..Default::default()
            };
            let got = ctx.block_on(vf.paginated_list(ListKind::All, &args))??;
            ctx.out.page(
                &got.items,
                got.total_count,
                ADMIN_VFOLDER_FIELDS,
                "There are no virtual folders.",
            )?;
            return Ok(());
        }
        AdminVfoldersCommand::ListHosts => {
            serde_json::to_value(ctx.block_on(vf.list_all_hosts())??)?
        }
        AdminVfoldersCommand::ListMounts => ctx.block_on(vf.list_mounts())??,
        AdminVfoldersCommand::GetFstabContents { agent_id } => {
            ctx.block_on(vf.fstab(agent_id.as_deref()))??
        }
        AdminVfoldersCommand::MountHost {
            fs_location,
            name,
            options,
            edit_fstab,
        } => ctx.block_on(vf.mount_host(&name, &fs_location, options.as_deref(), edit_fstab))??,
        AdminVfoldersCommand::UmountHost { name, edit_fstab } => {
            ctx.block_on(vf.umount_host(&name, edit_fstab))??
        }
    };
    answer(ctx, &v)
}
