//! `bai admin ...`: administration, one file per SDK group under `groups::admin` (plus the
//! administrator's views of sessions and vfolders). This module only routes.

pub mod agent;
pub mod domain;
pub mod etcd;
pub mod export;
pub mod group;
pub mod image;
pub mod keypair;
pub mod license;
pub mod manager;
pub mod opts;
pub mod permission;
pub mod prometheus_query_definition;
pub mod quota_scope;
pub mod resource;
pub mod resource_policy;
pub mod scaling_group;
pub mod storage;
pub mod user;
pub mod vfolder;
pub mod watcher;

use clap::Subcommand;

use crate::commands::session::info::InfoArgs;
use crate::commands::session::list::ListArgs;
use crate::context::Context;

/// `admin` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Session administration.
    #[command(subcommand, visible_alias = "sessions")]
    Session(AdminSessionCommand),
    /// User administration.
    #[command(subcommand, visible_alias = "users")]
    User(user::UserCommand),
    /// Keypair administration.
    #[command(subcommand, visible_alias = "keypairs")]
    Keypair(keypair::KeypairCommand),
    /// Domain administration.
    #[command(subcommand, visible_alias = "domains")]
    Domain(domain::DomainCommand),
    /// Group (project) administration.
    #[command(subcommand, visible_alias = "groups")]
    Group(group::GroupCommand),
    /// Image administration.
    #[command(subcommand, visible_alias = "images")]
    Image(image::ImageCommand),
    /// Agent administration.
    #[command(subcommand, visible_alias = "agents")]
    Agent(agent::AgentCommand),
    /// Scaling group (resource group) administration.
    #[command(subcommand, visible_alias = "scaling-groups")]
    ScalingGroup(scaling_group::ScalingGroupCommand),
    /// Keypair resource policy administration.
    #[command(
        subcommand,
        visible_aliases = ["keypair-resource-policies", "resource-policy", "resource-policies"]
    )]
    KeypairResourcePolicy(resource_policy::PolicyCommand),
    /// Quota scope administration.
    #[command(subcommand)]
    QuotaScope(quota_scope::QuotaScopeCommand),
    /// Prometheus query definition administration commands (26.9 managers).
    #[command(subcommand)]
    PrometheusQueryDefinition(prometheus_query_definition::PrometheusQueryDefinitionCommand),
    /// CSV export administration commands (26.9 managers).
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Storage volume information.
    #[command(subcommand)]
    Storage(storage::StorageCommand),
    /// etcd configuration.
    #[command(subcommand)]
    Etcd(etcd::EtcdCommand),
    /// Manager status, freeze and unfreeze, scheduler operations.
    #[command(subcommand)]
    Manager(manager::ManagerCommand),
    /// Server announcement: get, update, delete, dismiss (same as "announcement").
    #[command(subcommand)]
    Announcement(manager::AnnouncementCommand),
    /// License information (enterprise editions).
    #[command(subcommand)]
    License(license::LicenseCommand),
    /// Atomic permissions.
    #[command(subcommand)]
    Permission(permission::PermissionCommand),
    /// Resource presets, registries, slots and usage statistics.
    #[command(subcommand, visible_alias = "resource")]
    Resources(resource::ResourcesCommand),
    /// Agent watcher operations: status, agent-start, agent-stop, agent-restart.
    #[command(subcommand)]
    Watcher(watcher::WatcherCommand),
    /// VFolder administration: every virtual folder, hosts and mounts, shared-folder
    /// permissions, ownership (superadmin).
    #[command(name = "vfolder", visible_alias = "vfolders")]
    Vfolders {
        /// What to do (`list` when omitted).
        #[command(subcommand)]
        cmd: Option<vfolder::AdminVfoldersCommand>,
    },
    /// Update the image metadata from the configured docker registries.
    RescanImages {
        /// Only this registry (hostname, or e.g. `lablup`).
        #[arg(short = 'r', long)]
        registry: Option<String>,
    },
    /// Add an image alias (19.09 name of `image alias`).
    AliasImage {
        /// Alias.
        alias: String,
        /// Target image.
        target: String,
        /// Architecture.
        #[arg(long)]
        arch: Option<String>,
    },
    /// Remove an image alias (19.09 name of `image dealias`).
    DealiasImage {
        /// Alias.
        alias: String,
    },
    /// Scaling groups available to a group (19.09 name of `scaling-group get-available`).
    ListScalingGroups {
        /// Group name or ID.
        group: String,
    },
}

/// `admin session`.
#[derive(Debug, Subcommand)]
pub enum AdminSessionCommand {
    /// List compute sessions.
    List(ListArgs),
    /// Show a compute session.
    Info(InfoArgs),
}

/// Runs one `admin` subcommand.
pub fn run(ctx: &Context, cmd: AdminCommand) -> anyhow::Result<()> {
    use crate::commands::session;
    match cmd {
        AdminCommand::Session(AdminSessionCommand::List(a)) => session::list::run(ctx, &a),
        AdminCommand::Session(AdminSessionCommand::Info(a)) => session::info::info(ctx, &a),
        AdminCommand::User(c) => user::run(ctx, c),
        AdminCommand::Keypair(c) => keypair::run(ctx, c),
        AdminCommand::Domain(c) => domain::run(ctx, c),
        AdminCommand::Group(c) => group::run(ctx, c),
        AdminCommand::Image(c) => image::run(ctx, c),
        AdminCommand::Agent(c) => agent::run(ctx, c),
        AdminCommand::ScalingGroup(c) => scaling_group::run(ctx, c),
        AdminCommand::KeypairResourcePolicy(c) => resource_policy::run(ctx, c),
        AdminCommand::QuotaScope(c) => quota_scope::run(ctx, c),
        AdminCommand::PrometheusQueryDefinition(c) => prometheus_query_definition::run(ctx, c),
        AdminCommand::Export(c) => export::run(ctx, c),
        AdminCommand::Storage(c) => storage::run(ctx, c),
        AdminCommand::Etcd(c) => etcd::run(ctx, c),
        AdminCommand::Manager(c) => manager::run(ctx, c),
        AdminCommand::Announcement(c) => manager::announcement(ctx, c),
        AdminCommand::License(c) => license::run(ctx, c),
        AdminCommand::Permission(c) => permission::run(ctx, c),
        AdminCommand::Resources(c) => resource::run(ctx, c),
        AdminCommand::Watcher(c) => watcher::run(ctx, c),
        AdminCommand::Vfolders { cmd } => vfolder::run(ctx, cmd),
        AdminCommand::RescanImages { registry } => image::rescan(ctx, registry.as_deref()),
        AdminCommand::AliasImage {
            alias,
            target,
            arch,
        } => image::run(
            ctx,
            image::ImageCommand::Alias {
                alias,
                target,
                arch,
            },
        ),
        AdminCommand::DealiasImage { alias } => {
            image::run(ctx, image::ImageCommand::Dealias { alias })
        }
        AdminCommand::ListScalingGroups { group } => scaling_group::run(
            ctx,
            scaling_group::ScalingGroupCommand::GetAvailable { group },
        ),
    }
}
