//! `bai vfolder delete-trash|purge|recover|restore NAME`: a folder in the trash bin
//! (`delete-pending`), SDK `VFolders::{delete_trash, purge, recover, restore}`. The trash-bin
//! calls are 26.9 ones: a 23.09 manager refuses them with the "not supported" line before
//! anything is sent.

use crate::commands::vfolder::folder::VfNameArg;
use crate::context::Context;

/// Which trash-bin operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrashOp {
    /// Delete the data of a trashed folder.
    DeleteTrash,
    /// Purge a trashed folder (irreversible).
    Purge,
    /// Restore a trashed folder (the pre-24.03 name).
    Recover,
    /// Restore a trashed folder.
    Restore,
}

/// Runs one trash-bin operation and prints the 26.9 Python CLI's message.
pub fn run(ctx: &Context, op: TrashOp, a: &VfNameArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let vf = client.vfolders();
    let name = &a.name;
    let msg = match op {
        TrashOp::DeleteTrash => {
            ctx.block_on(vf.delete_trash(name))??;
            "Delete completed.".to_owned()
        }
        TrashOp::Purge => {
            ctx.block_on(vf.purge(name))??;
            "Purged.".to_owned()
        }
        TrashOp::Recover => {
            ctx.block_on(vf.recover(name))??;
            "Restored.".to_owned()
        }
        TrashOp::Restore => {
            ctx.block_on(vf.restore(name))??;
            "Restored.".to_owned()
        }
    };
    ctx.out.mutation(&msg, None)?;
    Ok(())
}
