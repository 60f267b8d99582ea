//! `bai admin ...`: administration (GraphQL and REST wrappers from the SDK).

use std::future::Future;

use backendai_sdk::groups::admin::MutationResult;
use backendai_sdk::paginate::PaginatedResult;
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;

use crate::commands::session::{page_size, InfoArgs, ListArgs};
use crate::context::Context;
use crate::output::display_value;

/// `admin` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Session administration.
    #[command(subcommand, visible_alias = "sessions")]
    Session(AdminSessionCommand),
    /// User administration.
    #[command(subcommand, visible_alias = "users")]
    User(UserCommand),
    /// Keypair administration.
    #[command(subcommand, visible_alias = "keypairs")]
    Keypair(KeypairCommand),
    /// Domain administration.
    #[command(subcommand, visible_alias = "domains")]
    Domain(DomainCommand),
    /// Group (project) administration.
    #[command(subcommand, visible_alias = "groups")]
    Group(GroupCommand),
    /// Image administration.
    #[command(subcommand, visible_alias = "images")]
    Image(ImageCommand),
    /// Agent administration.
    #[command(subcommand, visible_alias = "agents")]
    Agent(AgentCommand),
    /// Scaling group (resource group) administration.
    #[command(subcommand, visible_alias = "scaling-groups")]
    ScalingGroup(ScalingGroupCommand),
    /// Keypair resource policy administration.
    #[command(
        subcommand,
        visible_aliases = ["keypair-resource-policies", "resource-policy", "resource-policies"]
    )]
    KeypairResourcePolicy(PolicyCommand),
    /// Storage volume information.
    #[command(subcommand)]
    Storage(StorageCommand),
    /// etcd configuration.
    #[command(subcommand)]
    Etcd(EtcdCommand),
    /// Manager status, freeze and unfreeze.
    #[command(subcommand)]
    Manager(ManagerCommand),
    /// Resource presets, registries, slots and usage statistics.
    #[command(subcommand, visible_alias = "resource")]
    Resources(crate::commands::admin1909::ResourcesCommand),
    /// Agent watcher operations: status, agent-start, agent-stop, agent-restart.
    #[command(subcommand)]
    Watcher(crate::commands::admin1909::WatcherCommand),
    /// Every virtual folder (superadmin), vfolder hosts and host mounts.
    Vfolders {
        /// What to do (`list` when omitted).
        #[command(subcommand)]
        cmd: Option<crate::commands::admin1909::AdminVfoldersCommand>,
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

/// Paging options.
#[derive(Debug, Args, Clone)]
pub struct PageArgs {
    /// Query filter expression.
    #[arg(long)]
    pub filter: Option<String>,
    /// Query ordering expression.
    #[arg(long)]
    pub order: Option<String>,
    /// Index of the first item.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Page size.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

/// `admin user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// List users.
    List {
        /// Filter by status (active, inactive, deleted, before-verification).
        #[arg(short = 's', long)]
        status: Option<String>,
        /// Filter by group ID.
        #[arg(short = 'g', long)]
        group: Option<String>,
    },
    /// Show a user (the current user when no e-mail is given).
    Info {
        /// E-mail of the user.
        #[arg(short = 'e', long)]
        email: Option<String>,
    },
    /// Add a user.
    Add {
        /// Domain of the user.
        domain_name: String,
        /// E-mail (the login ID).
        email: String,
        /// Password.
        password: String,
        /// User name.
        #[arg(short = 'u', long)]
        username: Option<String>,
        /// Full name.
        #[arg(short = 'n', long)]
        full_name: Option<String>,
        /// Role: superadmin, admin, user or monitor.
        #[arg(short = 'r', long, default_value = "user")]
        role: String,
        /// Create the user inactive.
        #[arg(short = 'i', long)]
        inactive: bool,
        /// Require a password change at first login.
        #[arg(long)]
        need_password_change: bool,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Inactivate a user.
    Delete {
        /// E-mail of the user.
        email: String,
    },
    /// Delete a user permanently.
    Purge {
        /// E-mail of the user.
        email: String,
        /// Also delete the vfolders the user shared.
        #[arg(long)]
        purge_shared_vfolders: bool,
    },
}

/// `admin keypair`.
#[derive(Debug, Subcommand)]
pub enum KeypairCommand {
    /// List keypairs.
    List {
        /// Only keypairs of this user (e-mail).
        #[arg(short = 'u', long)]
        user_id: Option<String>,
        /// Filter by activation.
        #[arg(long)]
        is_active: Option<bool>,
    },
    /// Show the current keypair.
    Info,
    /// Add a keypair for a user.
    Add {
        /// User ID (e-mail).
        user_id: String,
        /// Resource policy name.
        resource_policy: String,
        /// Give admin privilege.
        #[arg(short = 'a', long)]
        admin: bool,
        /// Create inactive.
        #[arg(short = 'i', long)]
        inactive: bool,
        /// API rate limit.
        #[arg(short = 'r', long, default_value_t = 5000)]
        rate_limit: i64,
    },
    /// Delete a keypair.
    Delete {
        /// Access key.
        access_key: String,
    },
    /// Activate a keypair.
    Activate {
        /// Access key.
        access_key: String,
    },
    /// Deactivate a keypair.
    Deactivate {
        /// Access key.
        access_key: String,
    },
}

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

/// `admin image`.
#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// List images.
    List {
        /// Only operational images.
        #[arg(long)]
        operation: bool,
    },
    /// Add an image alias.
    Alias {
        /// Alias.
        alias: String,
        /// Target image.
        target: String,
        /// Architecture.
        #[arg(long)]
        arch: Option<String>,
    },
    /// Remove an image alias.
    Dealias {
        /// Alias.
        alias: String,
    },
}

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

/// `admin storage`.
#[derive(Debug, Subcommand)]
pub enum StorageCommand {
    /// List storage volumes.
    List {
        #[command(flatten)]
        #[allow(missing_docs)]
        page: PageArgs,
    },
    /// Show a storage volume.
    Info {
        /// Vfolder host (`proxy:volume`).
        vfolder_host: String,
    },
}

/// `admin etcd`.
#[derive(Debug, Subcommand)]
pub enum EtcdCommand {
    /// Get a value (or all values under a prefix).
    Get {
        /// Key.
        key: String,
        /// Treat the key as a prefix.
        #[arg(short = 'p', long)]
        prefix: bool,
    },
    /// Set a value (JSON values are sent as JSON, anything else as a string).
    Set {
        /// Key.
        key: String,
        /// Value.
        value: String,
    },
    /// Delete a key (or all keys under a prefix).
    Delete {
        /// Key.
        key: String,
        /// Treat the key as a prefix.
        #[arg(short = 'p', long)]
        prefix: bool,
    },
}

/// `admin manager`.
#[derive(Debug, Subcommand)]
pub enum ManagerCommand {
    /// Show the manager's status.
    Status,
    /// Freeze the manager (no new sessions); running sessions keep running.
    Freeze {
        /// Wait until there are no running sessions before freezing.
        #[arg(long)]
        wait: bool,
        /// Kill all running sessions and freeze immediately.
        #[arg(long, conflicts_with = "wait")]
        force_kill: bool,
    },
    /// Unfreeze the manager.
    Unfreeze,
}

fn values<T: Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect()
}

fn show_list(
    ctx: &Context,
    items: Vec<Value>,
    total: Option<u64>,
    cols: &[&str],
) -> anyhow::Result<()> {
    ctx.out.list(
        &items,
        total,
        cols,
        |v| {
            cols.iter()
                .map(|c| display_value(v.get(*c).unwrap_or(&Value::Null)))
                .collect()
        },
        "No matching items.",
    )?;
    Ok(())
}

fn show_item<T: Serialize>(ctx: &Context, item: Option<T>, what: &str) -> anyhow::Result<()> {
    match item {
        Some(i) => {
            ctx.out.item(&i)?;
            Ok(())
        }
        None => Err(crate::exit::with_status(
            crate::exit::ExitStatus::Failure,
            format!("{what} not found"),
        )),
    }
}

/// Runs a list query and prints the answer as a table of `cols`.
fn list_of<T: Serialize>(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<Vec<T>>>,
    cols: &[&str],
) -> anyhow::Result<()> {
    let list = ctx.block_on(query)??;
    show_list(ctx, values(&list), None, cols)
}

/// Runs a paginated query and prints the page as a table of `cols` with the total count.
fn page_of<T: Serialize>(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<PaginatedResult<T>>>,
    cols: &[&str],
) -> anyhow::Result<()> {
    let page = ctx.block_on(query)??;
    show_list(ctx, values(&page.items), Some(page.total_count), cols)
}

/// Runs a detail query and prints the item (`<what> not found` when there is none).
fn item_of<T: Serialize>(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<Option<T>>>,
    what: &str,
) -> anyhow::Result<()> {
    let item = ctx.block_on(query)??;
    show_item(ctx, item, what)
}

/// Runs a mutation, checks it and prints `msg` (with the answer's extra fields, if any).
fn mutation(
    ctx: &Context,
    query: impl Future<Output = backendai_sdk::Result<MutationResult>>,
    msg: &str,
) -> anyhow::Result<()> {
    let r = ctx.block_on(query)??.check()?;
    let extra = serde_json::to_value(&r.extra)?;
    let has_extra = extra.as_object().is_some_and(|m| !m.is_empty());
    ctx.out
        .mutation(msg, has_extra.then_some(("result", extra)))?;
    Ok(())
}

/// Runs one `admin` subcommand.
pub fn run(ctx: &Context, cmd: AdminCommand) -> anyhow::Result<()> {
    match cmd {
        AdminCommand::Session(AdminSessionCommand::List(a)) => {
            crate::commands::session::list(ctx, &a)
        }
        AdminCommand::Session(AdminSessionCommand::Info(a)) => {
            crate::commands::session::info(ctx, &a)
        }
        AdminCommand::User(c) => user(ctx, c),
        AdminCommand::Keypair(c) => keypair(ctx, c),
        AdminCommand::Domain(c) => domain(ctx, c),
        AdminCommand::Group(c) => group(ctx, c),
        AdminCommand::Image(c) => image(ctx, c),
        AdminCommand::Agent(c) => agent(ctx, c),
        AdminCommand::ScalingGroup(c) => scaling_group(ctx, c),
        AdminCommand::KeypairResourcePolicy(c) => policy(ctx, c),
        AdminCommand::Storage(c) => storage(ctx, c),
        AdminCommand::Etcd(c) => etcd(ctx, c),
        AdminCommand::Manager(c) => manager(ctx, c),
        AdminCommand::Resources(c) => crate::commands::admin1909::resources(ctx, c),
        AdminCommand::Watcher(c) => crate::commands::admin1909::watcher(ctx, c),
        AdminCommand::Vfolders { cmd } => crate::commands::admin1909::vfolders(ctx, cmd),
        AdminCommand::RescanImages { registry } => {
            crate::commands::admin1909::rescan_images(ctx, registry.as_deref())
        }
        AdminCommand::AliasImage {
            alias,
            target,
            arch,
        } => image(
            ctx,
            ImageCommand::Alias {
                alias,
                target,
                arch,
            },
        ),
        AdminCommand::DealiasImage { alias } => image(ctx, ImageCommand::Dealias { alias }),
        AdminCommand::ListScalingGroups { group } => {
            scaling_group(ctx, ScalingGroupCommand::GetAvailable { group })
        }
    }
}

/// Runs `manager ...` / `admin manager ...`.
pub fn manager(ctx: &Context, cmd: ManagerCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let m = client.manager();
    match cmd {
        ManagerCommand::Status => {
            let st = ctx.block_on(m.status())??;
            ctx.out.item(&st)?;
        }
        ManagerCommand::Freeze { wait, force_kill } => {
            if wait {
                ctx.block_on(wait_for_no_sessions(ctx, &m))??;
            }
            ctx.block_on(m.freeze(force_kill))??;
            ctx.out.mutation("The manager is frozen.", None)?;
        }
        ManagerCommand::Unfreeze => {
            ctx.block_on(m.unfreeze())??;
            ctx.out.mutation("The manager is unfrozen.", None)?;
        }
    }
    Ok(())
}

/// Polls the manager status until it reports no active sessions.
async fn wait_for_no_sessions(
    ctx: &Context,
    m: &backendai_sdk::groups::admin::manager::Manager<'_>,
) -> backendai_sdk::Result<()> {
    let mut announced = false;
    loop {
        let st = m.status().await?;
        let active = serde_json::to_value(&st.active_sessions)
            .ok()
            .and_then(|v| match v {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
            .unwrap_or(0);
        if active == 0 {
            return Ok(());
        }
        if !announced {
            let _ = ctx.out.info(&format!(
                "Waiting for {active} running session(s) to finish..."
            ));
            announced = true;
        }
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    }
}

fn user(ctx: &Context, cmd: UserCommand) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::user::UserCreate;
    let client = ctx.client()?;
    let users = client.users();
    match cmd {
        UserCommand::List { status, group } => list_of(
            ctx,
            users.list(status.as_deref(), group.as_deref()),
            &["uuid", "email", "username", "role", "status", "domain_name"],
        ),
        UserCommand::Info { email } => item_of(ctx, users.detail(email.as_deref()), "user"),
        UserCommand::Add {
            domain_name,
            email,
            password,
            username,
            full_name,
            role,
            inactive,
            need_password_change,
            description,
        } => {
            let opts = UserCreate {
                role,
                status: if inactive { "inactive" } else { "active" }.into(),
                need_password_change,
                description,
                username,
                full_name,
                ..Default::default()
            };
            mutation(
                ctx,
                users.create(&domain_name, &email, &password, &opts),
                &format!("User {email} is created."),
            )
        }
        UserCommand::Delete { email } => mutation(
            ctx,
            users.delete(&email),
            &format!("User {email} is inactivated."),
        ),
        UserCommand::Purge {
            email,
            purge_shared_vfolders,
        } => mutation(
            ctx,
            users.purge(&email, purge_shared_vfolders),
            &format!("User {email} is deleted."),
        ),
    }
}

fn keypair(ctx: &Context, cmd: KeypairCommand) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::keypair::KeyPairCreate;
    let client = ctx.client()?;
    let kp = client.keypairs();
    match cmd {
        KeypairCommand::List { user_id, is_active } => list_of(
            ctx,
            kp.list(user_id.as_deref(), is_active),
            &[
                "user_id",
                "access_key",
                "is_active",
                "is_admin",
                "resource_policy",
                "rate_limit",
                "concurrency_used",
            ],
        ),
        KeypairCommand::Info => item_of(ctx, kp.info(), "keypair"),
        KeypairCommand::Add {
            user_id,
            resource_policy,
            admin,
            inactive,
            rate_limit,
        } => {
            let opts = KeyPairCreate {
                is_active: !inactive,
                is_admin: admin,
                resource_policy: Some(resource_policy),
                rate_limit: Some(rate_limit),
            };
            mutation(
                ctx,
                kp.create(&user_id, &opts),
                &format!("A keypair is created for {user_id}."),
            )
        }
        KeypairCommand::Delete { access_key } => mutation(
            ctx,
            kp.delete(&access_key),
            &format!("Keypair {access_key} is deleted."),
        ),
        KeypairCommand::Activate { access_key } => mutation(
            ctx,
            kp.activate(&access_key),
            &format!("Keypair {access_key} is activated."),
        ),
        KeypairCommand::Deactivate { access_key } => mutation(
            ctx,
            kp.deactivate(&access_key),
            &format!("Keypair {access_key} is deactivated."),
        ),
    }
}

fn domain(ctx: &Context, cmd: DomainCommand) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::domain::DomainCreate;
    let client = ctx.client()?;
    let d = client.domains();
    match cmd {
        DomainCommand::List => list_of(
            ctx,
            d.list(),
            &[
                "name",
                "description",
                "is_active",
                "created_at",
                "total_resource_slots",
            ],
        ),
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
            mutation(
                ctx,
                d.create(&name, &opts),
                &format!("Domain {name} is created."),
            )
        }
        DomainCommand::Delete { name } => mutation(
            ctx,
            d.delete(&name),
            &format!("Domain {name} is inactivated."),
        ),
        DomainCommand::Purge { name } => {
            mutation(ctx, d.purge(&name), &format!("Domain {name} is deleted."))
        }
    }
}

fn looks_like_uuid(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

fn group(ctx: &Context, cmd: GroupCommand) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::group::GroupCreate;
    let client = ctx.client()?;
    let g = client.groups();
    let cols = [
        "id",
        "name",
        "description",
        "is_active",
        "domain_name",
        "created_at",
    ];
    match cmd {
        GroupCommand::List { domain_name } => list_of(ctx, g.list(domain_name.as_deref()), &cols),
        GroupCommand::Info { id_or_name } => {
            if looks_like_uuid(&id_or_name) {
                item_of(ctx, g.detail(&id_or_name), "group")
            } else {
                let list = ctx.block_on(g.from_name(&id_or_name, None))??;
                if list.is_empty() {
                    return show_item(ctx, None::<Value>, "group");
                }
                show_list(ctx, values(&list), None, &cols)
            }
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
            mutation(
                ctx,
                g.create(&domain_name, &name, &opts),
                &format!("Group {name} is created."),
            )
        }
        GroupCommand::Delete { group_id } => mutation(
            ctx,
            g.delete(&group_id),
            &format!("Group {group_id} is inactivated."),
        ),
        GroupCommand::Purge { group_id } => mutation(
            ctx,
            g.purge(&group_id),
            &format!("Group {group_id} is deleted."),
        ),
    }
}

fn image(ctx: &Context, cmd: ImageCommand) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::image::DEFAULT_LIST_FIELDS;
    let client = ctx.client()?;
    let im = client.images();
    match cmd {
        ImageCommand::List { operation } => list_of(ctx, im.list(operation), DEFAULT_LIST_FIELDS),
        ImageCommand::Alias {
            alias,
            target,
            arch,
        } => mutation(
            ctx,
            im.alias(&alias, &target, arch.as_deref()),
            &format!("Alias {alias} -> {target} is created."),
        ),
        ImageCommand::Dealias { alias } => mutation(
            ctx,
            im.dealias(&alias),
            &format!("Alias {alias} is removed."),
        ),
    }
}

fn agent(ctx: &Context, cmd: AgentCommand) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::agent::AgentListOptions;
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
            page_of(
                ctx,
                ag.list(&opts, page.offset, page_size(page.limit)?),
                &[
                    "id",
                    "status",
                    "scaling_group",
                    "addr",
                    "region",
                    "first_contact",
                    "available_slots",
                    "occupied_slots",
                ],
            )
        }
        AgentCommand::Info { agent_id } => item_of(ctx, ag.detail(&agent_id), "agent"),
    }
}

fn scaling_group(ctx: &Context, cmd: ScalingGroupCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let sg = client.scaling_groups();
    match cmd {
        ScalingGroupCommand::List => list_of(
            ctx,
            sg.list(),
            &[
                "name",
                "description",
                "is_active",
                "is_public",
                "driver",
                "scheduler",
            ],
        ),
        ScalingGroupCommand::Info { name } => item_of(ctx, sg.detail(&name), "scaling group"),
        ScalingGroupCommand::GetAvailable { group } => {
            let list = ctx.block_on(sg.list_available(&group))??;
            show_list(ctx, list, None, &["name"])
        }
    }
}

fn policy(ctx: &Context, cmd: PolicyCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let p = client.keypair_resource_policies();
    match cmd {
        PolicyCommand::List => list_of(
            ctx,
            p.list(),
            &[
                "name",
                "total_resource_slots",
                "max_concurrent_sessions",
                "max_containers_per_session",
                "idle_timeout",
                "max_vfolder_count",
            ],
        ),
        PolicyCommand::Info { name } => item_of(ctx, p.info(&name), "resource policy"),
        PolicyCommand::Delete { name } => mutation(
            ctx,
            p.delete(&name),
            &format!("Resource policy {name} is deleted."),
        ),
    }
}

fn storage(ctx: &Context, cmd: StorageCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let st = client.storage();
    match cmd {
        StorageCommand::List { page } => page_of(
            ctx,
            st.list(
                page.filter.as_deref(),
                page.order.as_deref(),
                page.offset,
                page_size(page.limit)?,
            ),
            &["id", "backend", "capabilities", "path", "fsprefix"],
        ),
        StorageCommand::Info { vfolder_host } => {
            item_of(ctx, st.detail(&vfolder_host), "storage volume")
        }
    }
}

fn etcd(ctx: &Context, cmd: EtcdCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let e = client.etcd();
    match cmd {
        EtcdCommand::Get { key, prefix } => {
            let v = ctx.block_on(e.get(&key, prefix))??;
            ctx.out.json(&v)?;
        }
        EtcdCommand::Set { key, value } => {
            let v = serde_json::from_str::<Value>(&value).unwrap_or(Value::String(value));
            let r = ctx.block_on(e.set(&key, v))??;
            ctx.out
                .mutation(&format!("Key {key} is set."), Some(("result", r)))?;
        }
        EtcdCommand::Delete { key, prefix } => {
            let r = ctx.block_on(e.delete(&key, prefix))??;
            ctx.out
                .mutation(&format!("Key {key} is deleted."), Some(("result", r)))?;
        }
    }
    Ok(())
}
