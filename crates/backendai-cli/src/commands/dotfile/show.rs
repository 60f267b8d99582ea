//! `bai dotfile list|get` (SDK `Dotfiles::list`, `get`).

use clap::Args;
use serde_json::Value;

use super::scope::ScopeArgs;
use crate::context::Context;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// The columns of `dotfile list` (the Python CLI's).
pub const DOTFILE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("path").label("Path"),
    FieldSpec::new("data").label("Data").format(data_preview),
    FieldSpec::new("permission").label("Permission"),
];

/// The first line of the first 30 characters, as the Python CLI shows it (which fails on
/// an empty dotfile; here it is an empty cell).
fn data_preview(data: &Value) -> String {
    let head: String = text(data).chars().take(30).collect();
    head.lines().next().unwrap_or_default().to_owned()
}

/// Arguments of `dotfile get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Path of the dotfile.
    #[arg(value_name = "PATH")]
    pub path: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub scope: ScopeArgs,
}

/// `dotfile list`.
pub fn list(ctx: &Context, a: &ScopeArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let dotfiles = ctx.block_on(client.dotfiles().list(&a.scope()))??;
    ctx.out.list(
        &dotfiles,
        DOTFILE_FIELDS,
        "There is no dotfiles created yet.",
    )?;
    Ok(())
}

/// `dotfile get`: the content (the whole dotfile with `-o json`).
pub fn get(ctx: &Context, a: &GetArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let dotfile = ctx.block_on(client.dotfiles().get(&a.scope.scope(), &a.path))??;
    ctx.out.either(&dotfile, || dotfile.data.clone())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_data_column_shows_the_first_line_and_survives_empty_data() {
        assert_eq!(data_preview(&json!("export A=1\nexport B=2")), "export A=1");
        assert_eq!(data_preview(&json!("")), "");
        assert_eq!(data_preview(&json!("x".repeat(40))), "x".repeat(30));
    }
}
