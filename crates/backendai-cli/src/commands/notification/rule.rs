//! `bai notification rule create|list|info|update|delete|validate|types|schema` (SDK
//! `Notifications::create_rule`, `search_rules`, `get_rule`, `update_rule`, `delete_rule`,
//! `validate_rule`, `rule_types`, `rule_type_schema`).

use std::path::PathBuf;

use backendai_sdk::groups::notification::NotificationRuleInput;
use clap::{ArgGroup, Args, Subcommand};
use serde_json::{json, Value};

use super::channel::WHAT;
use super::shared::{
    changes, created, removed, search_body, updated, CreateOptions, Kind, StateOptions,
};
use crate::commands::v26::{client_26_09, json_arg, text_of, text_or_file};
use crate::context::Context;
use crate::exit::usage;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// The words of rules in the help of the options channels have too.
#[derive(Debug, Clone)]
pub struct RuleKind;

impl Kind for RuleKind {
    const CREATE_DISABLED: &'static str = "Create the rule disabled";
    const ENABLE: &'static str = "Enable the rule";
    const DISABLE: &'static str = "Disable the rule";
}

/// The columns of `notification rule list`.
pub const RULE_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("rule_type").label("Rule Type"),
    FieldSpec::computed("channel", |r| text(&r["channel"]["name"])).label("Channel"),
    FieldSpec::new("enabled").label("Enabled"),
    FieldSpec::new("created_at").label("Created At"),
];

/// The column of `notification rule types`.
pub const RULE_TYPE_FIELDS: &[FieldSpec<'static>] =
    &[FieldSpec::computed("rule_type", text).label("Rule Type")];

/// `notification rule` subcommands.
#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Create a notification rule.
    Create(CreateArgs),
    /// List notification rules.
    List(ListArgs),
    /// Show a notification rule.
    Info(IdArgs),
    /// Update a notification rule.
    Update(UpdateArgs),
    /// Delete a notification rule.
    Delete(IdArgs),
    /// Render a rule's template with test data.
    Validate(ValidateArgs),
    /// List the rule types (events) rules can be written for.
    Types,
    /// Show the message data a rule type's template can use.
    Schema(SchemaArgs),
}

/// Arguments of `rule create`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("tmpl").required(true).args(["template", "template_file"])))]
pub struct CreateArgs {
    /// Rule name.
    pub name: String,
    /// Rule type (see `notification rule types`).
    pub rule_type: String,
    /// Channel ID.
    pub channel_id: String,
    /// Jinja2 message template.
    #[arg(long)]
    pub template: Option<String>,
    /// File holding the template (`-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub template_file: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub options: CreateOptions<RuleKind>,
}

/// Arguments of `rule list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only enabled rules.
    #[arg(long)]
    pub enabled_only: bool,
    /// Only these rule types (repeatable).
    #[arg(long = "rule-types", value_name = "RULE_TYPE")]
    pub rule_types: Vec<String>,
}

/// A rule ID argument.
#[derive(Debug, Args)]
pub struct IdArgs {
    /// Rule ID.
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,
}

/// Arguments of `rule update`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("state").args(["enable", "disable"])))]
#[command(group(ArgGroup::new("tmpl").args(["message_template", "template_file"])))]
pub struct UpdateArgs {
    /// Rule ID.
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New description.
    #[arg(long)]
    pub description: Option<String>,
    /// New message template.
    #[arg(long)]
    pub message_template: Option<String>,
    /// File holding the new template (`-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub template_file: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub state: StateOptions<RuleKind>,
}

/// Arguments of `rule validate`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("input").args(["data", "data_file"])))]
pub struct ValidateArgs {
    /// Rule ID.
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,
    /// Test notification data as a JSON object (e.g. '{"session_id": "test"}').
    #[arg(long)]
    pub data: Option<String>,
    /// JSON file with the test data (`-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub data_file: Option<PathBuf>,
}

/// Arguments of `rule schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Rule type.
    pub rule_type: String,
}

/// Runs one `notification rule` subcommand.
pub fn run(ctx: &Context, cmd: RuleCommand) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let n = client.notifications();
    match cmd {
        RuleCommand::Create(a) => {
            let body = NotificationRuleInput {
                name: Some(a.name.clone()),
                description: a.options.description.clone(),
                rule_type: Some(a.rule_type.clone()),
                channel_id: Some(a.channel_id.clone()),
                message_template: text_or_file(ctx, &a.template, &a.template_file)?,
                enabled: a.options.enabled(),
            };
            let r = ctx.block_on(n.create_rule(&body))??;
            created(ctx, "rule", (&r.name, &r.id), &r)?;
        }
        RuleCommand::List(a) => {
            let body = search_body(a.enabled_only, &a.rule_types);
            let page = ctx.block_on(n.search_rules(&body))??;
            ctx.out.page(
                &page.rules,
                page.pagination.total,
                RULE_FIELDS,
                "No notification rules.",
            )?;
        }
        RuleCommand::Info(a) => ctx.out.item(&ctx.block_on(n.get_rule(&a.rule_id))??)?,
        RuleCommand::Update(a) => {
            let body = changes(NotificationRuleInput {
                name: a.name.clone(),
                description: a.description.clone(),
                message_template: text_or_file(ctx, &a.message_template, &a.template_file)?,
                enabled: a.state.enabled(),
                ..Default::default()
            })?;
            let r = ctx.block_on(n.update_rule(&a.rule_id, &body))??;
            updated(ctx, "rule", &r.id, &r)?;
        }
        RuleCommand::Delete(a) => removed(ctx, "rule", &a.rule_id, n.delete_rule(&a.rule_id))?,
        RuleCommand::Validate(a) => {
            let data: Value = match (&a.data, &a.data_file) {
                (Some(d), _) => json_arg("--data", d)?,
                (None, Some(f)) => json_arg("--data-file", &text_of(ctx, f)?)?,
                (None, None) => json!({}),
            };
            if !data.is_object() {
                return Err(usage("the test data must be a JSON object"));
            }
            let r = ctx.block_on(n.validate_rule(&a.rule_id, &data))??;
            ctx.out.either(&r, || r.message.clone())?;
        }
        RuleCommand::Types => {
            let t = ctx.block_on(n.rule_types())??;
            ctx.out
                .list(&t.rule_types, RULE_TYPE_FIELDS, "No rule types.")?;
        }
        RuleCommand::Schema(a) => {
            let s = ctx.block_on(n.rule_type_schema(&a.rule_type))??;
            ctx.out.either(&s, || {
                serde_json::to_string_pretty(&s.json_schema).unwrap_or_default()
            })?;
        }
    }
    Ok(())
}
