//! `bai session-template list|get` (SDK `SessionTemplates::list`, `get_as`).

use backendai_sdk::groups::session_template::TemplateFormat;
use clap::Args;

use crate::commands::args::OwnerArg;
use crate::context::Context;
use crate::output::FieldSpec;

/// The columns of `session-template list` (the Python CLI's).
pub const TEMPLATE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("created_at").label("Created At"),
    FieldSpec::new("is_owner").label("Owner"),
    FieldSpec::new("type").label("Type"),
    FieldSpec::new("user").label("User"),
    FieldSpec::new("group").label("Group"),
];

/// Arguments of `session-template list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// List every user's templates (superadmins).
    #[arg(short = 'a', long)]
    pub list_all: bool,
}

/// `--format` of `session-template get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
#[allow(missing_docs)]
pub enum FormatArg {
    #[default]
    Yaml,
    Json,
}

/// Arguments of `session-template get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Template ID.
    #[arg(value_name = "TEMPLATEID")]
    pub template_id: String,
    /// Output format of the template: yaml or json.
    #[arg(short = 'f', long = "format", value_enum, default_value_t = FormatArg::Yaml)]
    pub format: FormatArg,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// `session-template list`.
pub fn list(ctx: &Context, a: &ListArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let templates = ctx.block_on(client.session_templates().list(a.list_all))??;
    ctx.out.list(
        &templates,
        TEMPLATE_FIELDS,
        "There is no task templates created yet.",
    )?;
    Ok(())
}

/// `session-template get`: the server's answer (name, template, owner, group, domain) in the
/// format asked for (the Python CLI prints the JSON the 23.09 manager sends for both). The
/// YAML form is a document `session-template update -f` takes back.
pub fn get(ctx: &Context, a: &GetArgs) -> anyhow::Result<()> {
    let format = match a.format {
        FormatArg::Yaml => TemplateFormat::Yaml,
        FormatArg::Json => TemplateFormat::Json,
    };
    let client = ctx.client()?;
    let info = ctx.block_on(client.session_templates().get_as(
        &a.template_id,
        format,
        a.owner.owner.as_deref(),
    ))??;
    if ctx.out.json_mode() || a.format == FormatArg::Json {
        ctx.out.json(&info)?;
    } else {
        ctx.out.raw(serde_norway::to_string(&info)?.as_bytes())?;
    }
    Ok(())
}
