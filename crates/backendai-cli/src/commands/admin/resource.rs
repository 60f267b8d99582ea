//! `bai admin resources ...` (SDK `groups::admin::resource`): presets, registries, slots
//! and usage statistics.

use clap::Subcommand;
use serde_json::Value;

use crate::commands::show::answer;
use crate::commands::v26::client_26_09;
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `admin resources presets` (`allocatable` only when the server sent it).
pub const PRESET_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name"),
    FieldSpec::new("resource_slots"),
    FieldSpec::new("shared_memory"),
    FieldSpec::new("allocatable"),
];

/// The columns of `admin resource container-registries` (the password is never shown).
pub const REGISTRY_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id"),
    FieldSpec::new("registry_name"),
    FieldSpec::new("url"),
    FieldSpec::new("type"),
    FieldSpec::new("project"),
    FieldSpec::new("username"),
    FieldSpec::new("ssl_verify"),
    FieldSpec::new("is_global"),
];

/// Lists the 26.9 container registries, after the version check.
fn container_registries(ctx: &Context) -> anyhow::Result<()> {
    let client = client_26_09(ctx, "container registries")?;
    let mut items = ctx.block_on(client.container_registries().list())??;
    for r in &mut items {
        r.password = None;
    }
    ctx.out.list(
        &items,
        REGISTRY_FIELDS,
        "There are no container registries.",
    )?;
    Ok(())
}

/// `admin resources` (19.09 name; `admin resource` in 23.09).
#[derive(Debug, Subcommand)]
pub enum ResourcesCommand {
    /// Resource presets.
    Presets,
    /// Resource presets with what the current keypair can still allocate.
    CheckPresets,
    /// Registered docker registries (`/config/docker-registries`, every server version).
    DockerRegistries,
    /// Registered container registries (26.9 managers: the `/container-registries/` rows).
    ContainerRegistries,
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

/// Prints the `presets` of a presets answer as a table (or the answer with `-o json`).
fn show_presets(ctx: &Context, v: &Value) -> anyhow::Result<()> {
    let Some(presets) = v.get("presets").and_then(Value::as_array) else {
        return answer(ctx, v);
    };
    if ctx.out.json_mode() {
        ctx.out.json(v)?;
        return Ok(());
    }
    let with_allocatable = presets.iter().any(|p| p.get("allocatable").is_some());
    let fields = if with_allocatable {
        PRESET_FIELDS
    } else {
        &PRESET_FIELDS[..3]
    };
    ctx.out
        .list(presets, fields, "There are no resource presets.")?;
    Ok(())
}

/// Runs `admin resources ...`.
pub fn run(ctx: &Context, cmd: ResourcesCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let r = client.resources();
    let v = match cmd {
        ResourcesCommand::Presets => return show_presets(ctx, &ctx.block_on(r.presets())??),
        ResourcesCommand::CheckPresets => ctx.block_on(r.check_presets())??,
        ResourcesCommand::DockerRegistries => ctx.block_on(r.docker_registries())??,
        ResourcesCommand::ContainerRegistries => return container_registries(ctx),
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
    answer(ctx, &v)
}
