//! `bai notification channel create|list|info|update|delete|validate` (SDK
//! `Notifications::create_channel`, `search_channels`, `get_channel`, `update_channel`,
//! `delete_channel`, `validate_channel`).

use std::path::PathBuf;

use backendai_sdk::groups::notification::NotificationChannelInput;
use clap::{ArgGroup, Args, Subcommand, ValueEnum};
use serde_json::Value;

use super::shared::{
    changes, created, removed, search_body, updated, CreateOptions, Kind, StateOptions,
};
use crate::commands::v26::{client_26_09, json_arg, text_or_file};
use crate::context::Context;
use crate::exit::usage;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// What the version check names.
pub const WHAT: &str = "notifications";

/// The columns of `notification channel list`.
pub const CHANNEL_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("id").label("ID"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("channel_type").label("Type"),
    FieldSpec::new("enabled").label("Enabled"),
    FieldSpec::computed("url", |c| text(&c["config"]["url"])).label("URL"),
    FieldSpec::new("created_at").label("Created At"),
];

/// The words of channels in the help of the options rules have too.
#[derive(Debug, Clone)]
pub struct ChannelKind;

impl Kind for ChannelKind {
    const CREATE_DISABLED: &'static str = "Create the channel disabled";
    const ENABLE: &'static str = "Enable the channel";
    const DISABLE: &'static str = "Disable the channel";
}

/// A channel type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChannelType {
    /// An HTTP webhook.
    Webhook,
    /// E-mail.
    Email,
}

impl ChannelType {
    fn wire(self) -> &'static str {
        match self {
            ChannelType::Webhook => "webhook",
            ChannelType::Email => "email",
        }
    }
}

/// `notification channel` subcommands.
#[derive(Debug, Subcommand)]
pub enum ChannelCommand {
    /// Create a notification channel.
    Create(CreateArgs),
    /// List notification channels.
    List(ListArgs),
    /// Show a notification channel.
    Info(IdArgs),
    /// Update a notification channel.
    Update(UpdateArgs),
    /// Delete a notification channel.
    Delete(IdArgs),
    /// Send a test message through a channel.
    Validate(ValidateArgs),
}

/// Arguments of `channel create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Channel name.
    pub name: String,
    /// Channel type.
    #[arg(long, value_enum, default_value_t = ChannelType::Webhook)]
    pub channel_type: ChannelType,
    /// Channel spec as a JSON object (a webhook: '{"url": "https://..."}').
    #[arg(long, required = true)]
    pub spec: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub options: CreateOptions<ChannelKind>,
}

/// Arguments of `channel list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only enabled channels.
    #[arg(long)]
    pub enabled_only: bool,
}

/// A channel ID argument.
#[derive(Debug, Args)]
pub struct IdArgs {
    /// Channel ID.
    #[arg(value_name = "CHANNEL_ID")]
    pub channel_id: String,
}

/// Arguments of `channel update`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("state").args(["enable", "disable"])))]
pub struct UpdateArgs {
    /// Channel ID.
    #[arg(value_name = "CHANNEL_ID")]
    pub channel_id: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// Channel type (required with --spec).
    #[arg(long, value_enum, requires = "spec")]
    pub channel_type: Option<ChannelType>,
    /// New channel spec as a JSON object.
    #[arg(long, requires = "channel_type")]
    pub spec: Option<String>,
    /// New description.
    #[arg(long)]
    pub description: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub state: StateOptions<ChannelKind>,
}

/// Arguments of `channel validate`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("message").args(["data", "data_file"])))]
pub struct ValidateArgs {
    /// Channel ID.
    #[arg(value_name = "CHANNEL_ID")]
    pub channel_id: String,
    /// Test message to send.
    #[arg(long)]
    pub data: Option<String>,
    /// File holding the test message (`-` = stdin).
    #[arg(long, value_name = "FILE")]
    pub data_file: Option<PathBuf>,
}

fn spec(text: &str) -> anyhow::Result<Value> {
    let v: Value = json_arg("--spec", text)?;
    if !v.is_object() {
        return Err(usage("--spec must be a JSON object"));
    }
    Ok(v)
}

/// Runs one `notification channel` subcommand.
pub fn run(ctx: &Context, cmd: ChannelCommand) -> anyhow::Result<()> {
    let client = client_26_09(ctx, WHAT)?;
    let n = client.notifications();
    match cmd {
        ChannelCommand::Create(a) => {
            let body = NotificationChannelInput {
                name: Some(a.name.clone()),
                description: a.options.description.clone(),
                channel_type: Some(a.channel_type.wire().into()),
                config: Some(spec(&a.spec)?),
                enabled: a.options.enabled(),
            };
            let c = ctx.block_on(n.create_channel(&body))??;
            created(ctx, "channel", (&c.name, &c.id), &c)?;
        }
        ChannelCommand::List(a) => {
            let page = ctx.block_on(n.search_channels(&search_body(a.enabled_only, &[])))??;
            ctx.out.page(
                &page.channels,
                page.pagination.total,
                CHANNEL_FIELDS,
                "No notification channels.",
            )?;
        }
        ChannelCommand::Info(a) => ctx
            .out
            .item(&ctx.block_on(n.get_channel(&a.channel_id))??)?,
        ChannelCommand::Update(a) => {
            let body = changes(NotificationChannelInput {
                name: a.name.clone(),
                description: a.description.clone(),
                channel_type: a.channel_type.map(|t| t.wire().into()),
                config: a.spec.as_deref().map(spec).transpose()?,
                enabled: a.state.enabled(),
            })?;
            let c = ctx.block_on(n.update_channel(&a.channel_id, &body))??;
            updated(ctx, "channel", &c.id, &c)?;
        }
        ChannelCommand::Delete(a) => removed(
            ctx,
            "channel",
            &a.channel_id,
            n.delete_channel(&a.channel_id),
        )?,
        ChannelCommand::Validate(a) => {
            let message = text_or_file(ctx, &a.data, &a.data_file)?
                .unwrap_or_else(|| "Test message from bai".to_owned());
            let r = ctx.block_on(n.validate_channel(&a.channel_id, &message))??;
            let msg = format!("Test message sent through channel {}", r.channel_id);
            ctx.out
                .mutation(&msg, Some(("result", serde_json::to_value(&r)?)))?;
        }
    }
    Ok(())
}
