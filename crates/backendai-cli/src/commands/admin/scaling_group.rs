//! `bai admin scaling-group ...` (SDK `groups::admin::scaling_group`).

use clap::Subcommand;

use crate::commands::show::{item_of, list_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin scaling-group list`.
pub const SCALING_GROUP_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("description"),
    FieldSpec::new("is_active"),
    FieldSpec::new("is_public"),
    FieldSpec::new("driver"),
    FieldSpec::new("scheduler"),
];

/// The columns of `admin scaling-group get-available`.
pub const AVAILABLE_FIELDS: &[FieldSpec<'static>] = &[FieldSpec::new("name")];

/// `admin scaling-group`.
#[derive(Debug, Subcommand)]
pub enum ScalingGroupCommand {
    /// List scaling groups.
    List,
    /// Show a scaling group.
    Info {
        /// Name.
        name: String,
    },
    /// Scaling groups available to a group.
    GetAvailable {
        /// Group name or ID.
        group: String,
    },
}

/// Runs `admin scaling-group ...`.
pub fn run(ctx: &Context, cmd: ScalingGroupCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let sg = client.scaling_groups();
    match cmd {
        ScalingGroupCommand::List => list_of(ctx, sg.list(), SCALING_GROUP_FIELDS),
        ScalingGroupCommand::Info { name } => item_of(ctx, sg.detail(&name), "scaling group"),
        ScalingGroupCommand::GetAvailable { group } => {
            list_of(ctx, sg.list_available(&group), AVAILABLE_FIELDS)
        }
    }
}
