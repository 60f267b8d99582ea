//! `bai admin group ...` (SDK `groups::admin::group`).

use backendai_sdk::groups::admin::group::GroupCreate;
use clap::Subcommand;

use crate::commands::show::{item_of, item_or_not_found, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin group list` and `admin group info NAME`.
pub const GROUP_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id"),
    FieldSpec::new("name"),
    FieldSpec::new("description"),
    FieldSpec::new("is_active"),
    FieldSpec::new("domain_name"),
    FieldSpec::new("created_at"),
];

/// `admin group`.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// List groups.
    List {
        /// Only groups of this domain.
        #[arg(short = 'd', long)]
        domain_name: Option<String>,
    },
    /// Show groups by ID or name.
    Info {
        /// Group ID or name.
        id_or_name: String,
    },
    /// Add a group.
    Add {
        /// Domain name.
        domain_name: String,
        /// Group name.
        name: String,
        /// Description.
        #[arg(short = 'd', long, default_value = "")]
        description: String,
        /// Create inactive.
        #[arg(short = 'i', long)]
        inactive: bool,
    },
    /// Inactivate a group.
    Delete {
        /// Group ID.
        group_id: String,
    },
    /// Delete a group permanently.
    Purge {
        /// Group ID.
        group_id: String,
    },
}

fn looks_like_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

/// Runs `admin group ...`.
pub fn run(ctx: &Context, cmd: GroupCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let g = client.groups();
    match cmd {
        GroupCommand::List { domain_name } => {
            list_of(ctx, g.list(domain_name.as_deref()), GROUP_FIELDS)
        }
        GroupCommand::Info { id_or_name } => {
            if looks_like_uuid(&id_or_name) {
                return item_of(ctx, g.detail(&id_or_name), "group");
            }
            // A name may match groups of several domains: all of them are shown.
            let list = ctx.block_on(g.from_name(&id_or_name, None))??;
            if list.is_empty() {
                return item_or_not_found(ctx, None::<()>, "group");
            }
            ctx.out.list(&list, GROUP_FIELDS, "No matching items.")?;
            Ok(())
        }
        GroupCommand::Add {
            domain_name,
            name,
            description,
            inactive,
        } => {
            let opts = GroupCreate {
                description,
                is_active: !inactive,
                ..Default::default()
            };
            mutation_of(
                ctx,
                g.create(&domain_name, &name, &opts),
                &format!("Group {name} is created."),
            )
        }
        GroupCommand::Delete { group_id } => mutation_of(
            ctx,
            g.delete(&group_id),
            &format!("Group {group_id} is inactivated."),
        ),
        GroupCommand::Purge { group_id } => mutation_of(
            ctx,
            g.purge(&group_id),
            &format!("Group {group_id} is deleted."),
        ),
    }
}
