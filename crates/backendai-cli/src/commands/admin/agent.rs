//! `bai admin agent ...` (SDK `groups::admin::agent`).

use backendai_sdk::groups::admin::agent::AgentListOptions;
use clap::Subcommand;

use crate::commands::args::{page_size, PageArgs};
use crate::commands::show::{item_of, page_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin agent list`.
pub const AGENT_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id"),
    FieldSpec::new("status"),
    FieldSpec::new("scaling_group"),
    FieldSpec::new("addr"),
    FieldSpec::new("region"),
    FieldSpec::new("first_contact"),
    FieldSpec::new("available_slots"),
    FieldSpec::new("occupied_slots"),
];

/// `admin agent`.
#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// List agents.
    List {
        /// Status filter.
        #[arg(short = 's', long, default_value = "ALIVE")]
        status: String,
        /// Scaling group filter.
        #[arg(long, visible_alias = "sgroup")]
        scaling_group: Option<String>,
        #[command(flatten)]
        #[allow(missing_docs)]
        page: PageArgs,
    },
    /// Show an agent.
    Info {
        /// Agent ID.
        agent_id: String,
    },
}

/// Runs `admin agent ...`.
pub fn run(ctx: &Context, cmd: AgentCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let ag = client.agents();
    match cmd {
        AgentCommand::List {
            status,
            scaling_group,
            page,
        } => {
            let opts = AgentListOptions {
                status: Some(status),
                scaling_group,
                filter: page.filter,
                order: page.order,
            };
            let limit = page_size(page.limit)?;
            page_of(ctx, ag.list(&opts, page.offset, limit), AGENT_FIELDS)
        }
        AgentCommand::Info { agent_id } => item_of(ctx, ag.detail(&agent_id), "agent"),
    }
}
