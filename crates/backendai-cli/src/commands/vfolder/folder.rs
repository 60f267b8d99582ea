//! `bai vfolder list-hosts|list-allowed-types|create|delete|info|rename|clone|update-options`:
//! the folders themselves (SDK `groups::vfolder`).

use backendai_core::parse::parse_byte_size;
use backendai_sdk::groups::vfolder::{CloneVFolder, CreateVFolder, Permission, UsageMode};
use clap::Args;

use crate::context::Context;
use crate::exit::usage;

/// A vfolder name.
#[derive(Debug, Args)]
pub struct VfNameArg {
    /// Vfolder name.
    pub name: String,
}

/// Arguments of `vfolder create`.
#[derive(Debug, Args)]
pub struct VfCreateArgs {
    /// Vfolder name.
    pub name: String,
    /// Vfolder host (e.g. `local:volume1`); the default host when omitted.
    pub host: Option<String>,
    /// Group ID or name, for a group folder.
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    /// Purpose: general, data or model.
    #[arg(short = 'm', long, default_value = "general")]
    pub usage_mode: String,
    /// Innate permission: ro, rw or wd.
    #[arg(short = 'p', long, default_value = "rw")]
    pub permission: String,
    /// Quota (e.g. 10g); 0 = unlimited.
    #[arg(long, default_value = "0")]
    pub quota: String,
    /// Allow the vfolder to be cloned.
    #[arg(long, visible_alias = "allow-clone")]
    pub cloneable: bool,
}

/// Arguments of `vfolder rename`.
#[derive(Debug, Args)]
pub struct VfRenameArgs {
    /// Current name.
    pub old_name: String,
    /// New name.
    pub new_name: String,
}

/// Arguments of `vfolder clone`.
#[derive(Debug, Args)]
pub struct VfCloneArgs {
    /// Source vfolder name.
    pub name: String,
    /// Name of the clone.
    pub target_name: String,
    /// Host of the clone.
    pub target_host: String,
    /// Purpose of the clone.
    #[arg(short = 'm', long, default_value = "general")]
    pub usage_mode: String,
    /// Permission of the clone.
    #[arg(short = 'p', long, default_value = "rw")]
    pub permission: String,
}

/// Parses a `-p/--permission` value (bad value → exit 2).
pub fn permission(s: &str) -> anyhow::Result<Permission> {
    s.parse()
        .map_err(|_| usage(format!("invalid permission {s:?} (expected ro, rw or wd)")))
}

fn usage_mode(s: &str) -> anyhow::Result<UsageMode> {
    s.parse().map_err(|_| {
        usage(format!(
            "invalid usage mode {s:?} (expected general, data or model)"
        ))
    })
}

/// `vfolder list-hosts`.
pub fn list_hosts(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let hosts = ctx.block_on(client.vfolders().list_hosts())??;
    ctx.out.either(&hosts, || {
        format!(
            "Default vfolder host: {}\nUsable hosts: {}",
            hosts.default.clone().unwrap_or_default(),
            hosts.allowed.join(", ")
        )
    })?;
    Ok(())
}

/// `vfolder list-allowed-types`.
pub fn list_allowed_types(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let types = ctx.block_on(client.vfolders().list_allowed_types())??;
    ctx.out.either(&types, || types.join(", "))?;
    Ok(())
}

/// `vfolder create`.
pub fn create(ctx: &Context, a: &VfCreateArgs) -> anyhow::Result<()> {
    if a.quota != "0" {
        parse_byte_size(&a.quota)
            .map_err(|e| usage(format!("invalid --quota {:?}: {e}", a.quota)))?;
    }
    let mut req = CreateVFolder::new(&a.name);
    req.host = a.host.clone();
    req.group = a.group.clone();
    req.usage_mode = usage_mode(&a.usage_mode)?;
    req.permission = permission(&a.permission)?;
    req.quota = (a.quota != "0").then(|| a.quota.clone());
    req.cloneable = a.cloneable;
    let client = ctx.client()?;
    let created = ctx.block_on(client.vfolders().create(&req))??;
    ctx.out.mutation(
        &format!("Virtual folder \"{}\" is created.", created.name),
        Some(("vfolder", serde_json::to_value(&created)?)),
    )?;
    Ok(())
}

/// `vfolder delete`.
pub fn delete(ctx: &Context, a: &VfNameArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(client.vfolders().delete(&a.name))??;
    ctx.out
        .mutation(&format!("Virtual folder \"{}\" is deleted.", a.name), None)?;
    Ok(())
}

/// `vfolder info`.
pub fn info(ctx: &Context, a: &VfNameArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let info = ctx.block_on(client.vfolders().info(&a.name))??;
    ctx.out.item(&info)?;
    Ok(())
}

/// `vfolder rename`.
pub fn rename(ctx: &Context, a: &VfRenameArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(client.vfolders().rename(&a.old_name, &a.new_name))??;
    ctx.out.mutation(
        &format!("Renamed virtual folder {} -> {}.", a.old_name, a.new_name),
        None,
    )?;
    Ok(())
}

/// `vfolder clone`.
pub fn clone(ctx: &Context, a: &VfCloneArgs) -> anyhow::Result<()> {
    let args = CloneVFolder {
        target_name: a.target_name.clone(),
        target_host: Some(a.target_host.clone()),
        usage_mode: usage_mode(&a.usage_mode)?,
        permission: permission(&a.permission)?,
    };
    let client = ctx.client()?;
    let r = ctx.block_on(client.vfolders().clone_folder(&a.name, &args))??;
    ctx.out.mutation(
        &format!("Cloning {} into {}.", a.name, a.target_name),
        Some(("result", r)),
    )?;
    Ok(())
}

/// Arguments of `vfolder update-options`.
#[derive(Debug, Args)]
pub struct VfUpdateOptionsArgs {
    /// Vfolder name.
    pub name: String,
    /// New innate permission: ro, rw or wd (unchanged when omitted).
    #[arg(short = 'p', long, value_name = "PERMISSION")]
    pub permission: Option<String>,
    /// Whether the folder can be cloned: a boolean such as true/false, yes/no, 1/0 (unchanged
    /// when omitted).
    #[arg(long, value_name = "BOOLEXPR", value_parser = bool_expr)]
    pub set_cloneable: Option<bool>,
}

/// Parses a boolean the way click's `BOOL` type does (case-insensitive).
fn bool_expr(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "t" | "yes" | "y" | "on" => Ok(true),
        "0" | "false" | "f" | "no" | "n" | "off" => Ok(false),
        _ => Err(format!(
            "{s:?} is not a valid boolean (true/false, yes/no, 1/0)"
        )),
    }
}

/// `vfolder update-options`.
pub fn update_options(ctx: &Context, a: &VfUpdateOptionsArgs) -> anyhow::Result<()> {
    let perm = a.permission.as_deref().map(permission).transpose()?;
    let client = ctx.client()?;
    ctx.block_on(
        client
            .vfolders()
            .update_options(&a.name, perm, a.set_cloneable),
    )??;
    ctx.out.mutation("Updated.", None)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::bool_expr;

    #[test]
    fn booleans_like_click() {
        for t in ["true", "Yes", "1", "on", "T"] {
            assert_eq!(bool_expr(t), Ok(true), "{t}");
        }
        for f in ["false", "NO", "0", "off", "f"] {
            assert_eq!(bool_expr(f), Ok(false), "{f}");
        }
        assert!(bool_expr("maybe").is_err());
    }
}
