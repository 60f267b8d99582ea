//! `bai config` and `bai config show`. Neither touches the network.

use backendai_core::config::EndpointType;
use serde_json::json;

use crate::context::Context;
use crate::output::fields::text;
use crate::output::FieldSpec;

/// Arguments of `config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// `show`: every setting, its value (secrets masked) and where it came from.
    #[command(subcommand)]
    pub command: Option<ConfigCommand>,
}

/// `config` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// List every setting with its value (secrets masked) and its source.
    Show,
}

/// Runs `config` / `config show`.
pub fn run(ctx: &Context, args: &ConfigArgs) -> anyhow::Result<()> {
    match args.command {
        Some(ConfigCommand::Show) => show(ctx),
        None => summary(ctx),
    }
}

fn summary(ctx: &Context) -> anyhow::Result<()> {
    let cfg = ctx.config()?;
    let mode = match cfg.endpoint_type {
        EndpointType::Api => "api",
        EndpointType::Session => "session",
    };
    let username = (cfg.endpoint_type == EndpointType::Session)
        .then(crate::commands::auth::saved_username)
        .flatten();
    if ctx.out.json_mode() {
        let mut v = json!({
            "endpoint": cfg.endpoints.join(","),
            "endpoint_type": mode,
            "client_version": env!("CARGO_PKG_VERSION"),
            "api_version": cfg.api_version.to_string(),
            "domain": cfg.domain,
            "group": cfg.group,
            "signature_hash_type": cfg.hash_type.name(),
            "skip_sslcert_validation": cfg.skip_sslcert_validation,
        });
        if cfg.endpoint_type == EndpointType::Api {
            v["access_key"] = json!(cfg.access_key);
            v["secret_key"] = json!(cfg.secret_key.masked());
        } else {
            v["username"] = json!(username);
        }
        ctx.out.json(&v)?;
        return Ok(());
    }
    let mut lines = vec![
        format!("API endpoint: {} (mode: {mode})", cfg.endpoints.join(",")),
        format!(
            "Client version: {} (API: {})",
            env!("CARGO_PKG_VERSION"),
            cfg.api_version
        ),
        format!("Domain name: \"{}\"", cfg.domain),
        format!("Group name: \"{}\"", cfg.group),
    ];
    match cfg.endpoint_type {
        EndpointType::Session => match username {
            Some(u) => lines.push(format!("Username: \"{u}\"")),
            None => lines.push("Username: (not logged in)".into()),
        },
        EndpointType::Api if cfg.access_key.is_empty() => {
            lines.push("Access key: (this is an anonymous session)".into())
        }
        EndpointType::Api => {
            lines.push(format!("Access key: \"{}\"", cfg.access_key));
            lines.push(format!("Secret key: \"{}\"", cfg.secret_key.masked()));
        }
    }
    lines.push(format!("Signature hash type: {}", cfg.hash_type.name()));
    lines.push(format!(
        "Skip SSL certificate validation? {}",
        if cfg.skip_sslcert_validation {
            "True"
        } else {
            "False"
        }
    ));
    ctx.out.line(lines.join("\n"))?;
    Ok(())
}

fn show(ctx: &Context) -> anyhow::Result<()> {
    let resolved = ctx.resolved()?;
    if ctx.out.json_mode() {
        ctx.out.json(&json!({ "settings": resolved.settings }))?;
        return Ok(());
    }
    ctx.out.table(&resolved.settings, SETTING_FIELDS)?;
    Ok(())
}

/// The columns of `config show`.
const SETTING_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("key").label("setting"),
    FieldSpec::new("value"),
    FieldSpec::computed("source", source_text),
];

/// `env (BACKEND_ENDPOINT)`: the source and, when not a default, its exact origin.
fn source_text(setting: &serde_json::Value) -> String {
    let source = text(&setting["source"]);
    match setting.get("origin") {
        Some(origin) => format!("{source} ({})", text(origin)),
        None => source,
    }
}
