//! `bai admin vfolder list-hosts|list-mounts|get-fstab-contents|mount-host|umount-host|
//! perf-metric`: storage hosts and host mounts (SDK `VFolders::list_all_hosts`, `fstab`,
//! `list_mounts`, `mount_host`, `umount_host`, `perf_metric`).

use backendai_sdk::groups::vfolder::{HostMounts, NodeMounts};
use clap::Args;
use serde_json::{json, Value};

use crate::context::Context;
use crate::output::fields::{human_bytes, text};
use crate::output::FieldSpec;

/// The columns of the mount answers: one row per node.
pub const MOUNT_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("node"),
    FieldSpec::new("success"),
    FieldSpec::new("mounts").format(mounts_cell),
    FieldSpec::new("message"),
];

/// The columns of `perf-metric`.
pub const METRIC_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("key").label("Key"),
    FieldSpec::new("value").label("Value"),
];

/// Arguments of `get-fstab-contents`.
#[derive(Debug, Args)]
pub struct FstabArgs {
    /// Target agent to fetch fstab contents (the manager when omitted).
    #[arg(short = 'a', long)]
    pub agent_id: Option<String>,
}

/// Arguments of `mount-host`.
#[derive(Debug, Args)]
pub struct MountArgs {
    /// Location of the file system to mount (e.g. `nfs-server:/export`).
    pub fs_location: String,
    /// Name of the mounted host.
    pub name: String,
    /// Mount options (`-o` is the global output option here, so only the long form).
    #[arg(long = "options")]
    pub options: Option<String>,
    /// Edit the fstab file to mount permanently.
    #[arg(long)]
    pub edit_fstab: bool,
}

/// Arguments of `umount-host`.
#[derive(Debug, Args)]
pub struct UmountArgs {
    /// Name of the mounted host.
    pub name: String,
    /// Edit the fstab file to unmount permanently.
    #[arg(long)]
    pub edit_fstab: bool,
}

/// Arguments of `perf-metric`.
#[derive(Debug, Args)]
pub struct PerfArgs {
    /// The vfolder host: storage proxy and volume, e.g. `local:volume1`.
    pub vfolder_host: String,
}

/// A mount list cell: paths, or `host=path` for the storage proxies' `[host, path]` pairs.
fn mounts_cell(v: &Value) -> String {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|m| match m.as_array().map(Vec::as_slice) {
                Some([host, path]) => format!("{}={}", text(host), text(path)),
                _ => text(m),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => text(other),
    }
}

/// One table row per node: the manager, the storage proxies (`list-mounts`), each agent.
fn node_rows(m: &HostMounts) -> Vec<Value> {
    let row = |node: &str, n: &NodeMounts| {
        json!({
            "node": node,
            "success": n.success,
            "mounts": n.mounts,
            "message": n.message,
        })
    };
    let mut rows = vec![row("manager", &m.manager)];
    if let Some(sp) = &m.storage_proxy {
        rows.push(row("storage-proxy", sp));
    }
    rows.extend(m.agents.iter().map(|(id, n)| row(id, n)));
    rows
}

fn print_mounts(ctx: &Context, m: &HostMounts) -> anyhow::Result<()> {
    if ctx.out.json_mode() {
        ctx.out.json(m)?;
    } else {
        ctx.out.table(&node_rows(m), MOUNT_FIELDS)?;
        if m.agents.is_empty() {
            ctx.out
                .note("No agent answered (agents without a watcher are left out).")?;
        }
    }
    Ok(())
}

/// `admin vfolder list-hosts`.
pub fn list_hosts(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let hosts = ctx.block_on(client.vfolders().list_all_hosts())??;
    ctx.out.either(&hosts, || {
        format!(
            "Default vfolder host: {}\nMounted hosts: {}",
            hosts.default.clone().unwrap_or_default(),
            hosts.allowed.join(", ")
        )
    })?;
    Ok(())
}

/// `admin vfolder list-mounts`.
pub fn list_mounts(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let m = ctx.block_on(client.vfolders().list_mounts())??;
    print_mounts(ctx, &m)
}

/// `admin vfolder get-fstab-contents`: the fstab text (the object with `-o json`).
pub fn fstab(ctx: &Context, a: &FstabArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let f = ctx.block_on(client.vfolders().fstab(a.agent_id.as_deref()))??;
    ctx.out.either(&f, || f.content.trim_end().to_owned())?;
    Ok(())
}

/// `admin vfolder mount-host`.
pub fn mount(ctx: &Context, a: &MountArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let m = ctx.block_on(client.vfolders().mount_host(
        &a.name,
        &a.fs_location,
        a.options.as_deref(),
        a.edit_fstab,
    ))??;
    print_mounts(ctx, &m)
}

/// `admin vfolder umount-host`.
pub fn umount(ctx: &Context, a: &UmountArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let m = ctx.block_on(client.vfolders().umount_host(&a.name, a.edit_fstab))??;
    print_mounts(ctx, &m)
}

/// A figure as the Python CLI shows it: binary sizes for byte counts, two decimals otherwise.
fn metric_cell(key: &str, v: &Value) -> String {
    let num = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    match num {
        Some(n) if key.contains("bytes") && n >= 0.0 => human_bytes(n as u64),
        Some(n) => format!("{n:.2}"),
        None => text(v),
    }
}

/// `admin vfolder perf-metric`.
pub fn perf_metric(ctx: &Context, a: &PerfArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let p = ctx.block_on(client.vfolders().perf_metric(&a.vfolder_host))??;
    if ctx.out.json_mode() {
        ctx.out.json(&p)?;
        return Ok(());
    }
    let rows: Vec<Value> = match serde_json::to_value(&p.metric)? {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| json!({"key": k, "value": metric_cell(k, v)}))
            .collect(),
        _ => Vec::new(),
    };
    ctx.out.table(&rows, METRIC_FIELDS)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(
            mounts_cell(&json!([["local:volume1", "/v1"], "/m"])),
            "local:volume1=/v1, /m"
        );
        assert_eq!(metric_cell("io_bytes_read", &json!(2048)), "2.0 KiB");
        assert_eq!(metric_cell("iops_read", &json!("3")), "3.00");
        assert_eq!(metric_cell("x", &json!(null)), "");
    }
}
