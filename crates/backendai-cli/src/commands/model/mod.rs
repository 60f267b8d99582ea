//! `bai model ...` beside the SDK's `groups::model`: model folders (vfolders with usage mode
//! `model`) and their versions. One file per job; this module only routes.

pub mod folder;
pub mod list;
pub mod transfer;

use clap::Subcommand;

use crate::commands::args::PageArgs;
use crate::context::Context;

/// `model` subcommands.
#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// List the models.
    List(PageArgs),
    /// Display the detail of a model with its backing storage vfolder.
    Info(folder::ModelArg),
    /// Create a new model with the given configuration.
    Create(folder::CreateArgs),
    /// Remove the given model.
    Rm(folder::ModelArg),
    /// Upload files to the model as the given version (files with the same names are
    /// overwritten).
    Upload(transfer::UploadArgs),
    /// Download files of the given version of the model.
    Download(transfer::DownloadArgs),
}

/// Runs one `model` subcommand.
pub fn run(ctx: &Context, cmd: ModelCommand) -> anyhow::Result<()> {
    match cmd {
        ModelCommand::List(a) => list::list(ctx, &a),
        ModelCommand::Info(a) => folder::info(ctx, &a),
        ModelCommand::Create(a) => folder::create(ctx, &a),
        ModelCommand::Rm(a) => folder::rm(ctx, &a),
        ModelCommand::Upload(a) => transfer::upload(ctx, a),
        ModelCommand::Download(a) => transfer::download(ctx, a),
    }
}
