//! `bai session-template ...` (alias `sesstpl`) beside the SDK's `groups::session_template`:
//! storing and changing templates (`edit`), reading them (`show`). This module only routes.

pub mod edit;
pub mod show;

use clap::Subcommand;

use crate::context::Context;

/// `session-template` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionTemplateCommand {
    /// Store a task template and print its ID (the template is read from -f FILE or stdin).
    Create(edit::CreateArgs),
    /// List the task templates.
    List(show::ListArgs),
    /// Print the task template of TEMPLATEID.
    Get(show::GetArgs),
    /// Replace a stored task template (read from -f FILE or stdin).
    Update(edit::UpdateArgs),
    /// Delete a task template.
    Delete(edit::DeleteArgs),
}

/// Runs one `session-template` subcommand.
pub fn run(ctx: &Context, cmd: SessionTemplateCommand) -> anyhow::Result<()> {
    match cmd {
        SessionTemplateCommand::Create(a) => edit::create(ctx, &a),
        SessionTemplateCommand::List(a) => show::list(ctx, &a),
        SessionTemplateCommand::Get(a) => show::get(ctx, &a),
        SessionTemplateCommand::Update(a) => edit::update(ctx, &a),
        SessionTemplateCommand::Delete(a) => edit::delete(ctx, &a),
    }
}
