//! `bai admin keypair-resource-policy ...` (SDK `groups::admin::resource_policy`).

use backendai_sdk::groups::admin::resource_policy::{ResourcePolicyCreate, ResourcePolicyUpdate};
use clap::{Args, Subcommand};

use super::opts::{DEFAULT_POLICY_VFOLDER_HOST_PERMS, VFOLDER_HOST_PERMS_ALIASES};
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
    /// Add a keypair resource policy.
    Add(AddArgs),
    /// Update a keypair resource policy: only the options given are changed.
    Update(UpdateArgs),
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
        PolicyCommand::Add(a) => mutation_of(
            ctx,
            p.create(&a.name, &a.options()),
            &format!("Resource policy {} is created.", a.name),
        ),
        PolicyCommand::Update(a) => mutation_of(
            ctx,
            p.update(&a.name, &a.changes()),
            &format!("Resource policy {} is updated.", a.name),
        ),
        PolicyCommand::Delete { name } => mutation_of(
            ctx,
            p.delete(&name),
            &format!("Resource policy {name} is deleted."),
        ),
    }
}

/// `admin keypair-resource-policy add NAME`, with the Python CLI's defaults.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Policy name.
    pub name: String,
    /// What slots not in `--total-resource-slots` get: LIMITED or UNLIMITED.
    #[arg(long, default_value = "UNLIMITED")]
    pub default_for_unspecified: String,
    /// Total resource slots (JSON).
    #[arg(long, default_value = "{}")]
    pub total_resource_slots: String,
    /// Session lifetime limit in seconds (0: unlimited).
    #[arg(long, default_value_t = 0)]
    pub max_session_lifetime: i64,
    /// Concurrent session limit.
    #[arg(long, default_value_t = 30)]
    pub max_concurrent_sessions: i64,
    /// Concurrent SFTP session limit.
    #[arg(long, default_value_t = 30)]
    pub max_concurrent_sftp_sessions: i64,
    /// Containers per session limit.
    #[arg(long, default_value_t = 1)]
    pub max_containers_per_session: i64,
    /// Idle timeout in seconds.
    #[arg(long, default_value_t = 1800)]
    pub idle_timeout: i64,
    /// Allowed vfolder hosts and their permissions (JSON; default: every permission on
    /// local:volume1).
    #[arg(
        long,
        visible_aliases = VFOLDER_HOST_PERMS_ALIASES,
        default_value = DEFAULT_POLICY_VFOLDER_HOST_PERMS,
        hide_default_value = true
    )]
    pub vfolder_host_perms: String,
    /// Vfolder count limit (deprecated since 23.09.4, not enforced; 0 unless given, because
    /// a 23.09.10 manager rejects a policy without it, as it does the Python CLI's `add`).
    #[arg(long)]
    pub max_vfolder_count: Option<i64>,
    /// Vfolder size limit (deprecated since 23.09.4; 0 unless given, like
    /// `--max-vfolder-count`).
    #[arg(long)]
    pub max_vfolder_size: Option<i64>,
}

impl AddArgs {
    /// The create options.
    pub fn options(&self) -> ResourcePolicyCreate {
        ResourcePolicyCreate {
            default_for_unspecified: self.default_for_unspecified.clone(),
            total_resource_slots: self.total_resource_slots.clone(),
            max_session_lifetime: self.max_session_lifetime,
            max_concurrent_sessions: self.max_concurrent_sessions,
            max_concurrent_sftp_sessions: self.max_concurrent_sftp_sessions,
            max_containers_per_session: self.max_containers_per_session,
            idle_timeout: self.idle_timeout,
            allowed_vfolder_hosts: Some(self.vfolder_host_perms.clone()),
            max_vfolder_count: Some(self.max_vfolder_count.unwrap_or(0)),
            max_vfolder_size: Some(self.max_vfolder_size.unwrap_or(0)),
        }
    }
}

/// `admin keypair-resource-policy update NAME [OPTIONS]`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Policy name.
    pub name: String,
    /// LIMITED or UNLIMITED.
    #[arg(long)]
    pub default_for_unspecified: Option<String>,
    /// Total resource slots (JSON).
    #[arg(long)]
    pub total_resource_slots: Option<String>,
    /// Session lifetime limit in seconds.
    #[arg(long)]
    pub max_session_lifetime: Option<i64>,
    /// Concurrent session limit.
    #[arg(long)]
    pub max_concurrent_sessions: Option<i64>,
    /// Concurrent SFTP session limit.
    #[arg(long)]
    pub max_concurrent_sftp_sessions: Option<i64>,
    /// Containers per session limit.
    #[arg(long)]
    pub max_containers_per_session: Option<i64>,
    /// Idle timeout in seconds.
    #[arg(long)]
    pub idle_timeout: Option<i64>,
    /// Allowed vfolder hosts and their permissions (JSON).
    #[arg(long, visible_aliases = VFOLDER_HOST_PERMS_ALIASES)]
    pub vfolder_host_perms: Option<String>,
    /// Vfolder count limit (deprecated since 23.09.4).
    #[arg(long)]
    pub max_vfolder_count: Option<i64>,
    /// Vfolder size limit (deprecated since 23.09.4).
    #[arg(long)]
    pub max_vfolder_size: Option<i64>,
}

impl UpdateArgs {
    /// The fields to change: only those given.
    pub fn changes(&self) -> ResourcePolicyUpdate {
        ResourcePolicyUpdate {
            default_for_unspecified: self.default_for_unspecified.clone(),
            total_resource_slots: self.total_resource_slots.clone(),
            max_session_lifetime: self.max_session_lifetime,
            max_concurrent_sessions: self.max_concurrent_sessions,
            max_concurrent_sftp_sessions: self.max_concurrent_sftp_sessions,
            max_containers_per_session: self.max_containers_per_session,
            idle_timeout: self.idle_timeout,
            allowed_vfolder_hosts: self.vfolder_host_perms.clone(),
            max_vfolder_count: self.max_vfolder_count,
            max_vfolder_size: self.max_vfolder_size,
        }
    }
}
