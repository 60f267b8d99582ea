//! `bai image ...` beside the SDK's `groups::image` (the 26.9 REST image API). This module
//! only routes.

pub mod images;

use clap::Subcommand;

use crate::context::Context;

/// `image` subcommands (26.9).
#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List the registered images.
    List(images::ListArgs),
    /// Mark an image as deleted (customized images).
    Forget(images::ForgetArgs),
    /// Delete a forgotten image's record for good.
    Purge(images::PurgeArgs),
}

/// Runs one `image` subcommand.
pub fn run(ctx: &Context, cmd: ImageCommand) -> anyhow::Result<()> {
    match cmd {
        ImageCommand::List(a) => images::list(ctx, &a),
        ImageCommand::Forget(a) => images::forget(ctx, &a),
        ImageCommand::Purge(a) => images::purge(ctx, &a),
    }
}
