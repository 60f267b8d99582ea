//! `bai admin domain ...` (SDK `groups::admin::domain`).

use backendai_sdk::groups::admin::domain::DomainCreate;
use clap::Subcommand;

use crate::commands::show::{item_of, list_of, mutation_of};
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin domain list`.
pub const DOMAIN_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("description"),
    FieldSpec::new("is_active"),
    FieldSpec::new("created_at"),
    FieldSpec::new("total_resource_slots"),
];

/// `admin domain`.
#[derive(Debug, Subcommand)]
pub enum DomainCommand {
    /// List domains.
    List,
    /// Show a domain.
    Info {
        /// Domain name.
        name: String,
    },
    /// Add a domain.
    Add {
        /// Domain name.
        name: String,
        /// Description.
        #[arg(short = 'd', long, default_value = "")]
        description: String,
        /// Create inactive.
        #[arg(long)]
        inactive: bool,
        /// Total resource slots (JSON).
        #[arg(long)]
        total_resource_slots: Option<String>,
    },
    /// Inactivate a domain.
    Delete {
        /// Domain name.
        name: String,
    },
    /// Delete a domain permanently.
    Purge {
        /// Domain name.
        name: String,
    },
}

/// Runs `admin domain ...`.
pub fn run(ctx: &Context, cmd: DomainCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let d = client.domains();
    match cmd {
        DomainCommand::List => list_of(ctx, d.list(), DOMAIN_FIELDS),
        DomainCommand::Info { name } => item_of(ctx, d.detail(&name), "domain"),
        DomainCommand::Add {
            name,
            description,
            inactive,
            total_resource_slots,
        } => {
            let opts = DomainCreate {
                description,
                is_active: !inactive,
                total_resource_slots,
                ..Default::default()
            };
            mutation_of(
                ctx,
                d.create(&name, &opts),
                &format!("Domain {name} is created."),
            )
        }
        DomainCommand::Delete { name } => mutation_of(
            ctx,
            d.delete(&name),
            &format!("Domain {name} is inactivated."),
        ),
        DomainCommand::Purge { name } => {
            mutation_of(ctx, d.purge(&name), &format!("Domain {name} is deleted."))
        }
    }
}
