//! `bai admin keypair-resource-policy ...` (SDK `groups::admin::resource_policy`).

use clap::Subcommand;

use crate::commands::show::{item_of, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin keypair-resource-policy list`.
pub const POLICY_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("total_resource_slots"),
    FieldSpec::new("max_concurrent_sessions"),
    FieldSpec::new("max_containers_per_session"),
    FieldSpec::new("idle_timeout"),
    FieldSpec::new("max_vfolder_count"),
];

/// `admin keypair-resource-policy`.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// List keypair resource policies.
    List,
    /// Show a keypair resource policy.
    Info {
        /// Policy name.
        name: String,
    },
    /// Delete a keypair resource policy.
    Delete {
        /// Policy name.
        name: String,
    },
}

/// Runs `admin keypair-resource-policy ...`.
pub fn run(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let p = client.keypair_resource_policies();
    match cmd {
        PolicyCommand::List => list_of(ctx, p.list(), POLICY_FIELDS),
        PolicyCommand::Info { name } => item_of(ctx, p.info(&name), "resource policy"),
        PolicyCommand::Delete { name } => mutation_of(
            ctx,
            p.delete(&name),
            &format!("Resource policy {name} is deleted."),
        ),
    }
}
