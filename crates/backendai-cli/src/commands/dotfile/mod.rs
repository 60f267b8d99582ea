//! `bai dotfile ...` beside the SDK's `groups::dotfile`: writing dotfiles (`edit`), reading
//! them (`show`), for a user, a domain or a group (`scope`). This module only routes.

pub mod edit;
pub mod scope;
pub mod show;

use clap::Subcommand;

use crate::context::Context;

/// `dotfile` subcommands.
#[derive(Debug, Subcommand)]
pub enum DotfileCommand {
    /// Store a dotfile (read from -f FILE or stdin); dotfiles are written into new sessions.
    Create(edit::WriteArgs),
    /// List the user, domain or group dotfiles.
    List(scope::ScopeArgs),
    /// Print a dotfile's content.
    Get(show::GetArgs),
    /// Replace a stored dotfile (read from -f FILE or stdin).
    Update(edit::WriteArgs),
    /// Delete a dotfile.
    Delete(edit::DeleteArgs),
}

/// Runs one `dotfile` subcommand.
pub fn run(ctx: &Context, cmd: DotfileCommand) -> anyhow::Result<()> {
    match cmd {
        DotfileCommand::Create(a) => edit::create(ctx, &a),
        DotfileCommand::List(a) => show::list(ctx, &a),
        DotfileCommand::Get(a) => show::get(ctx, &a),
        DotfileCommand::Update(a) => edit::update(ctx, &a),
        DotfileCommand::Delete(a) => edit::delete(ctx, &a),
    }
}
