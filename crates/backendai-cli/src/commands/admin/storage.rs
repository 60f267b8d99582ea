//! `bai admin storage ...` (SDK `groups::admin::storage`).

use clap::Subcommand;

use crate::commands::args::{page_size, PageArgs};
use crate::commands::show::{item_of, page_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin storage list`.
pub const STORAGE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id"),
    FieldSpec::new("backend"),
    FieldSpec::new("capabilities"),
    FieldSpec::new("path"),
    FieldSpec::new("fsprefix"),
];

/// `admin storage`.
#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// List storage volumes.
    List {
        #[command(flatten)]
        #[allow(missing_docs)]
        page: PageArgs,
    },
    /// Show a storage volume.
    Info {
        /// Vfolder host (`proxy:volume`).
        vfolder_host: String,
    },
}

/// Runs `admin storage ...`.
pub fn run(ctx: &Context, cmd: StorageCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let st = client.storage();
    match cmd {
        StorageCommand::List { page } => {
            let limit = page_size(page.limit)?;
            page_of(
                ctx,
                st.list(
                    page.filter.as_deref(),
                    page.order.as_deref(),
                    page.offset,
                    limit,
                ),
                STORAGE_FIELDS,
            )
        }
        StorageCommand::Info { vfolder_host } => {
            item_of(ctx, st.detail(&vfolder_host), "storage volume")
        }
    }
}
