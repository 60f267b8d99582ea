//! `bai admin resources|watcher|vfolders|rescan-images`: the 19.09 administration groups that
//! wrap the SDK's resource, agent-watcher, vfolder-host and image-rescan calls.

use clap::Subcommand;
use serde_json::Value;

use crate::context::Context;

/// `admin resources` (19.09 name; `admin resource` in 23.09).
#[derive(Debug, Subcommand)]
pub enum ResourcesCommand {
    /// Resource presets.
    Presets,
    /// Resource presets with what the current keypair can still allocate.
    CheckPresets,
    /// Registered docker registries.
    DockerRegistries,
    /// Re-calculate resource occupation by sessions.
    RecalculateUsage,
    /// Available resource slots.
    #[command(visible_alias = "query-slots")]
    ResourceSlots,
    /// Session usage of groups in one month.
    UsagePerMonth {
        /// Month (YYYYMM).
        month: String,
        /// Group IDs.
        group_ids: Vec<String>,
    },
    /// Session usage of one group between two dates.
    UsagePerPeriod {
        /// Group ID.
        group: String,
        /// First day (YYYYMMDD).
        start_date: String,
        /// Last day (YYYYMMDD).
        end_date: String,
    },
    /// Available vfolder types.
    VfolderTypes,
}

/// `admin watcher`: the agent watcher of one agent.
#[derive(Debug, Subcommand)]
pub enum WatcherCommand {
    /// Agent and watcher status.
    Status {
        /// Agent ID.
        agent: String,
    },
    /// Start the agent service.
    AgentStart {
        /// Agent ID.
        agent: String,
    },
    /// Stop the agent service.
    AgentStop {
        /// Agent ID.
        agent: String,
    },
    /// Restart the agent service.
    AgentRestart {
        /// Agent ID.
        agent: String,
    },
}

/// `admin vfolders`: without a subcommand, every virtual folder (superadmin).
#[derive(Debug, Subcommand)]
pub enum AdminVfoldersCommand {
    /// List every virtual folder (the default; one page).
    List {
        #[command(flatten)]
        #[allow(missing_docs)]
        page: crate::commands::admin::PageArgs,
    },
    /// List all vfolder hosts.
    ListHosts,
    /// List the host mounts of the manager and agents.
    ListMounts,
    /// Show the fstab of the manager or an agent.
    GetFstabContents {
        /// Agent to read the fstab of (the manager's when omitted).
        #[arg(short = 'a', long)]
        agent_id: Option<String>,
    },
    /// Mount a host filesystem in the vfolder root.
    MountHost {
        /// Filesystem location (e.g. `nfs-server:/export`).
        fs_location: String,
        /// Mount name.
        name: String,
        /// Mount options.
        #[arg(long = "options")]
        options: Option<String>,
        /// Also edit fstab to mount permanently.
        #[arg(long)]
        edit_fstab: bool,
    },
    /// Unmount a host filesystem from the vfolder root.
    UmountHost {
        /// Mount name.
        name: String,
        /// Also edit fstab.
        #[arg(long)]
        edit_fstab: bool,
    },
}

/// Prints a JSON answer: `key: value` lines, one line per item of a list of strings, or the
/// JSON itself with `-o json`.
fn show(ctx: &Context, v: &Value) -> anyhow::Result<()> {
    match v {
        Value::Array(items) if !ctx.out.json_mode() && items.iter().all(Value::is_string) => {
            for i in items {
                ctx.out.line(crate::output::display_value(i))?;
            }
        }
        _ => ctx.out.item(v)?,
    }
    Ok(())
}

/// Prints the `presets` of a presets answer as a table (or the answer with `-o json`).
fn show_presets(ctx: &Context, v: &Value) -> anyhow::Result<()> {
    let Some(presets) = v.get("presets").and_then(Value::as_array) else {
        return show(ctx, v);
    };
    if ctx.out.json_mode() {
        ctx.out.json(v)?;
        return Ok(());
    }
    let cols = ["name", "resource_slots", "shared_memory", "allocatable"];
    let cols = if presets.iter().any(|p| p.get("allocatable").is_some()) {
        &cols[..]
    } else {
        &cols[..3]
    };
    ctx.out.list(
        presets,
        None,
        cols,
        |p| {
            cols.iter()
                .map(|c| crate::output::display_value(p.get(*c).unwrap_or(&Value::Null)))
                .collect()
        },
        "There are no resource presets.",
    )?;
    Ok(())
}

/// Runs `admin resources ...`.
pub fn resources(ctx: &Context, cmd: ResourcesCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let r = client.resources();
    let v = match cmd {
        ResourcesCommand::Presets => return show_presets(ctx, &ctx.block_on(r.presets())??),
        ResourcesCommand::CheckPresets => ctx.block_on(r.check_presets())??,
        ResourcesCommand::DockerRegistries => ctx.block_on(r.docker_registries())??,
        ResourcesCommand::RecalculateUsage => {
            let v = ctx.block_on(r.recalculate_usage())??;
            ctx.out
                .mutation("Resource usage is re-calculated.", Some(("result", v)))?;
            return Ok(());
        }
        ResourcesCommand::ResourceSlots => ctx.block_on(r.resource_slots())??,
        ResourcesCommand::UsagePerMonth { month, group_ids } => {
            let ids: Vec<&str> = group_ids.iter().map(String::as_str).collect();
            ctx.block_on(r.usage_per_month(&month, &ids))??
        }
        ResourcesCommand::UsagePerPeriod {
            group,
            start_date,
            end_date,
        } => ctx.block_on(r.usage_per_period(&group, &start_date, &end_date))??,
        ResourcesCommand::VfolderTypes => ctx.block_on(r.vfolder_types())??,
    };
    show(ctx, &v)
}

/// Runs `admin watcher ...`.
pub fn watcher(ctx: &Context, cmd: WatcherCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let w = client.agent_watcher();
    let v = match cmd {
        WatcherCommand::Status { agent } => ctx.block_on(w.status(&agent))??,
        WatcherCommand::AgentStart { agent } => ctx.block_on(w.start(&agent))??,
        WatcherCommand::AgentStop { agent } => ctx.block_on(w.stop(&agent))??,
        WatcherCommand::AgentRestart { agent } => ctx.block_on(w.restart(&agent))??,
    };
    show(ctx, &v)
}

/// Runs `admin vfolders [...]`.
pub fn vfolders(ctx: &Context, cmd: Option<AdminVfoldersCommand>) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let vf = client.vfolders();
    let cmd = cmd.unwrap_or(AdminVfoldersCommand::List {
        page: crate::commands::admin::PageArgs {
            filter: None,
            order: None,
            offset: 0,
            limit: 20,
        },
    });
    let v = match cmd {
        AdminVfoldersCommand::List { page } => {
            use backendai_sdk::groups::vfolder::{ListKind, PageArgs};
            const COLS: &[&str] = &[
                "name",
                "host",
                "status",
                "permission",
                "ownership_type",
                "creator",
                "group",
                "created_at",
            ];
            let offset = u32::try_from(page.offset)
                .map_err(|_| crate::exit::usage("--offset is too large"))?;
            let args = PageArgs {
                limit: crate::commands::session::page_size(page.limit)?,
                offset,
                filter: page.filter,
                order: page.order,
                ..Default::default()
            };
            let page = ctx.block_on(vf.paginated_list(ListKind::All, &args))??;
            ctx.out.list(
                &page.items,
                Some(page.total_count),
                COLS,
                |v| {
                    COLS.iter()
                        .map(|c| crate::output::display_value(v.get(*c).unwrap_or(&Value::Null)))
                        .collect()
                },
                "There are no virtual folders.",
            )?;
            return Ok(());
        }
        AdminVfoldersCommand::ListHosts => {
            serde_json::to_value(ctx.block_on(vf.list_all_hosts())??)?
        }
        AdminVfoldersCommand::ListMounts => ctx.block_on(vf.list_mounts())??,
        AdminVfoldersCommand::GetFstabContents { agent_id } => {
            ctx.block_on(vf.fstab(agent_id.as_deref()))??
        }
        AdminVfoldersCommand::MountHost {
            fs_location,
            name,
            options,
            edit_fstab,
        } => ctx.block_on(vf.mount_host(&name, &fs_location, options.as_deref(), edit_fstab))??,
        AdminVfoldersCommand::UmountHost { name, edit_fstab } => {
            ctx.block_on(vf.umount_host(&name, edit_fstab))??
        }
    };
    show(ctx, &v)
}

/// Runs `admin rescan-images`: starts the rescan, then follows the background task until it
/// ends (a failed task is a one-line error, status 1).
pub fn rescan_images(ctx: &Context, registry: Option<&str>) -> anyhow::Result<()> {
    use backendai_sdk::groups::admin::bgtask::TaskOutcome;
    let client = ctx.client()?;
    let r = ctx.block_on(client.images().rescan(registry))??.check()?;
    let task_id = r
        .extra
        .get("task_id")
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let Some(task_id) = task_id else {
        ctx.out.mutation("Updated the image metadata.", None)?;
        return Ok(());
    };
    let outcome = ctx.block_on(client.wait_background_task(&task_id))??;
    match outcome {
        Some(TaskOutcome::Done(_)) => {
            ctx.out.mutation(
                "Updated the image metadata.",
                Some(("task_id", Value::String(task_id))),
            )?;
            Ok(())
        }
        Some(TaskOutcome::Failed(msg)) => Err(crate::exit::with_status(
            crate::exit::ExitStatus::Failure,
            format!(
                "image rescan failed: {}",
                msg.as_deref().unwrap_or("no details from the server")
            ),
        )),
        Some(TaskOutcome::Cancelled(msg)) => Err(crate::exit::with_status(
            crate::exit::ExitStatus::Failure,
            format!(
                "image rescan was cancelled: {}",
                msg.as_deref().unwrap_or("no details from the server")
            ),
        )),
        None => Err(crate::exit::with_status(
            crate::exit::ExitStatus::Failure,
            format!("the event stream of background task {task_id} ended without a result"),
        )),
    }
}
