//! `bai model info|create|rm` (SDK `Models::info`, `create`, `delete`).

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::model::CreateModel;
use backendai_sdk::groups::vfolder::Permission;
use clap::Args;
use serde_json::{json, Value};

use crate::context::Context;
use crate::exit::usage;
use crate::output::FieldSpec;

/// The columns of `model info` (the Python CLI's: id, name, versions).
pub const MODEL_INFO_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("versions").label("Versions").format(joined),
];

/// The columns printed after `model create`.
pub const MODEL_CREATED_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("Id"),
    FieldSpec::new("name").label("Name"),
];

/// `2, 1`: a list of strings joined.
fn joined(v: &Value) -> String {
    v.as_array()
        .into_iter()
        .flatten()
        .map(crate::output::fields::text)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A model given by name (or folder id).
#[derive(Debug, Args)]
pub struct ModelArg {
    /// The model (folder) name.
    #[arg(value_name = "MODEL")]
    pub model: String,
}

/// Arguments of `model create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Name of a model.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Name of a virtual folder host in which the model will be created (with
    /// --unmanaged: the host path of an unmanaged model).
    #[arg(value_name = "HOST")]
    pub host: Option<String>,
    /// Group ID or NAME.
    #[arg(short = 'g', long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Treats HOST as a mount point of unmanaged model (admins only).
    #[arg(long)]
    pub unmanaged: bool,
    /// Folder's innate permission: ro, rw or wd.
    #[arg(short = 'p', long, value_name = "PERMISSION", default_value = "rw")]
    pub permission: String,
    /// Quota of the folder (e.g. 10g; 0 = the maximum possible). `-q` is `--quiet` here.
    #[arg(long, value_name = "QUOTA", default_value = "0")]
    pub quota: String,
    /// Allows the folder to be cloned by users.
    #[arg(long, visible_alias = "allow-clone")]
    pub cloneable: bool,
}

/// The SDK parameters of `model create` (`--unmanaged` sends HOST as the unmanaged path:
/// the Python CLI sends the flag's `true` there, which the manager rejects).
pub fn params(a: &CreateArgs) -> anyhow::Result<CreateModel> {
    let permission: Permission = a
        .permission
        .parse()
        .map_err(|e: backendai_sdk::Error| usage(e.to_string()))?;
    backendai_core::parse::parse_byte_size(&a.quota)
        .map_err(|e| usage(format!("invalid --quota {:?}: {e}", a.quota)))?;
    let mut p = CreateModel::new(&a.name);
    if a.unmanaged {
        let path = a
            .host
            .clone()
            .ok_or_else(|| usage("--unmanaged needs HOST: the host path of the model"))?;
        p.unmanaged_path = Some(path);
    } else {
        p.host = a.host.clone();
    }
    p.group = a.group.clone();
    p.permission = permission;
    p.quota = Some(a.quota.clone());
    p.cloneable = a.cloneable;
    Ok(p)
}

/// `model info`: id, name and versions (the whole folder with `-o json`).
pub fn info(ctx: &Context, a: &ModelArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let info = match ctx.block_on(client.models().info(&a.model))? {
        Ok(info) => info,
        Err(e) => {
            // Only when the server answered: a missing folder (404) or no `versions` in it.
            if e.status().is_some() && e.kind() != ErrorKind::PermissionDenied {
                ctx.out.fail(
                    "Not a valid model storage: there is no directory named `versions` in it, \
                     or it does not exist.",
                )?;
            }
            return Err(e.into());
        }
    };
    if ctx.out.json_mode() {
        ctx.out.json(&info)?;
    } else {
        ctx.out.table(&[info], MODEL_INFO_FIELDS)?;
    }
    Ok(())
}

/// `model create`: the folder, then its `versions` directory.
pub fn create(ctx: &Context, a: &CreateArgs) -> anyhow::Result<()> {
    let p = params(a)?;
    let client = ctx.client()?;
    let created = ctx.block_on(client.models().create(&p))??;
    if ctx.out.json_mode() {
        ctx.out.json(&created)?;
        return Ok(());
    }
    ctx.out.done("Created the model.")?;
    ctx.out.table(&[created], MODEL_CREATED_FIELDS)?;
    Ok(())
}

/// `model rm`.
pub fn rm(ctx: &Context, a: &ModelArg) -> anyhow::Result<()> {
    let client = ctx.client()?;
    ctx.block_on(client.models().delete(&a.model))??;
    ctx.out
        .mutation("Model deleted.", Some(("name", json!(a.model))))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::args::parse_args;

    #[test]
    fn unmanaged_sends_host_as_the_path() {
        let p = params(&parse_args(&["m", "/data/models", "--unmanaged"])).unwrap();
        assert_eq!(p.unmanaged_path.as_deref(), Some("/data/models"));
        assert_eq!(p.host, None);
        assert!(params(&parse_args(&["m", "--unmanaged"])).is_err());
    }

    #[test]
    fn defaults_and_checks() {
        let p = params(&parse_args(&["m"])).unwrap();
        assert_eq!(p.permission, Permission::ReadWrite);
        assert_eq!(p.quota.as_deref(), Some("0"));
        assert!(params(&parse_args(&["m", "-p", "xx"])).is_err());
        assert!(params(&parse_args(&["m", "--quota", "lots"])).is_err());
    }

    #[test]
    fn versions_are_joined() {
        assert_eq!(joined(&serde_json::json!(["2", "1"])), "2, 1");
    }
}
