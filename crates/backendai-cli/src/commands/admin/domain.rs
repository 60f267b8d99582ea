//! `bai admin domain ...` (SDK `groups::admin::domain`).

use backendai_sdk::groups::admin::domain::{DomainCreate, DomainUpdate};
use clap::{Args, Subcommand};

use super::opts::{bool_expr, VFOLDER_HOST_PERMS_ALIASES};
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
    Add(AddArgs),
    /// Update a domain: only the options given are changed.
    Update(UpdateArgs),
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
        DomainCommand::Add(a) => mutation_of(
            ctx,
            d.create(&a.name, &a.options()),
            &format!("Domain {} is created.", a.name),
        ),
        DomainCommand::Update(a) => mutation_of(
            ctx,
            d.update(&a.name, &a.changes()),
            &format!("Domain {} is updated.", a.name),
        ),
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

/// `admin domain add NAME`, with the Python CLI's defaults.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Domain name.
    pub name: String,
    /// Description.
    #[arg(short = 'd', long, default_value = "")]
    pub description: String,
    /// Create inactive.
    #[arg(short = 'i', long)]
    pub inactive: bool,
    /// Total resource slots (JSON).
    #[arg(long, default_value = "{}")]
    pub total_resource_slots: String,
    /// Allowed vfolder hosts and their permissions (JSON), e.g.
    /// '{"HOST_NAME": ["create-vfolder", "modify-vfolder"]}'.
    #[arg(long, visible_aliases = VFOLDER_HOST_PERMS_ALIASES)]
    pub vfolder_host_perms: Option<String>,
    /// Allowed docker registries, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub allowed_docker_registries: Option<Vec<String>>,
}

impl AddArgs {
    /// The create options (`total_resource_slots` is `{}` unless given, as in the Python CLI).
    pub fn options(&self) -> DomainCreate {
        DomainCreate {
            description: self.description.clone(),
            is_active: !self.inactive,
            total_resource_slots: Some(self.total_resource_slots.clone()),
            allowed_vfolder_hosts: self.vfolder_host_perms.clone(),
            allowed_docker_registries: self.allowed_docker_registries.clone(),
            integration_id: None,
        }
    }
}

/// `admin domain update NAME [OPTIONS]`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Domain name.
    pub name: String,
    /// New name of the domain.
    #[arg(long)]
    pub new_name: Option<String>,
    /// Description.
    #[arg(long)]
    pub description: Option<String>,
    /// Activate or inactivate (true/false).
    #[arg(long, value_name = "BOOL", value_parser = bool_expr)]
    pub is_active: Option<bool>,
    /// Total resource slots (JSON).
    #[arg(long)]
    pub total_resource_slots: Option<String>,
    /// Allowed vfolder hosts and their permissions (JSON).
    #[arg(long, visible_aliases = VFOLDER_HOST_PERMS_ALIASES)]
    pub vfolder_host_perms: Option<String>,
    /// Allowed docker registries, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub allowed_docker_registries: Option<Vec<String>>,
}

impl UpdateArgs {
    /// The fields to change: only those given.
    pub fn changes(&self) -> DomainUpdate {
        DomainUpdate {
            new_name: self.new_name.clone(),
            description: self.description.clone(),
            is_active: self.is_active,
            total_resource_slots: self.total_resource_slots.clone(),
            allowed_vfolder_hosts: self.vfolder_host_perms.clone(),
            allowed_docker_registries: self.allowed_docker_registries.clone(),
            integration_id: None,
        }
    }
}
