//! `bai session create-from-template` / `bai create-from-template` / `bai start-from-template`
//! (SDK `Sessions::create_from_template`): a session from a stored session template, with
//! only the options given overriding the template's values.

use backendai_core::parse::{parse_env_args, parse_mount_args, parse_resource_args};
use backendai_sdk::groups::session::{SessionType, TemplateParams};
use clap::Args;
use serde_json::{Map, Value};

use super::create::{report_created, TypeArg};
use crate::commands::args::OwnerArg;
use crate::context::Context;
use crate::exit::usage;

/// Arguments of `create-from-template`.
#[derive(Debug, Args, Clone)]
pub struct FromTemplateArgs {
    /// The template ID to create a session from.
    #[arg(value_name = "TEMPLATE_ID")]
    pub template_id: String,
    /// Session name (4-64 characters); random when omitted.
    #[arg(short = 't', long = "name", visible_alias = "client-token")]
    pub name: Option<String>,
    /// Session type.
    #[arg(long = "type", value_enum, default_value_t = TypeArg::Interactive)]
    pub session_type: TypeArg,
    /// Start the session at this time (ISO 8601 or relative like "1h").
    #[arg(long)]
    pub starts_at: Option<String>,
    /// Image instead of the template's.
    #[arg(short = 'i', long)]
    pub image: Option<String>,
    /// Startup command for batch sessions instead of the template's.
    #[arg(short = 'c', long)]
    pub startup_command: Option<String>,
    /// Enqueue the session and return without waiting for it to start.
    #[arg(long)]
    pub enqueue_only: bool,
    /// Maximum seconds to wait until the session starts (0 = server default).
    #[arg(long, default_value_t = 0)]
    pub max_wait: u64,
    /// Fail instead of reusing an existing session with the same name.
    #[arg(long)]
    pub no_reuse: bool,
    /// Session IDs or names this session depends on (repeatable).
    #[arg(long = "depends")]
    pub depends: Vec<String>,
    /// URL called back on session lifecycle events.
    #[arg(long)]
    pub callback_url: Option<String>,
    /// Environment variable KEY=VALUE instead of the template's (repeatable).
    #[arg(short = 'e', long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// User-defined tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Mount a vfolder instead of the template's: NAME, NAME=PATH or NAME:PATH (repeatable).
    #[arg(
        short = 'm',
        long = "mount",
        visible_alias = "volume",
        value_name = "NAME[=PATH]"
    )]
    pub mount: Vec<String>,
    /// Scaling group to run in.
    #[arg(long = "scaling-group", visible_alias = "sgroup")]
    pub scaling_group: Option<String>,
    /// Resource slot KEY=VALUE instead of the template's (repeatable).
    #[arg(short = 'r', long = "resources", value_name = "KEY=VALUE")]
    pub resources: Vec<String>,
    /// Number of containers in the cluster.
    #[arg(long)]
    pub cluster_size: Option<u32>,
    /// Resource option KEY=VALUE, e.g. shmem=64m (repeatable).
    #[arg(long = "resource-opts", value_name = "KEY=VALUE")]
    pub resource_opts: Vec<String>,
    /// Domain name (default: the configured domain).
    #[arg(short = 'd', long)]
    pub domain: Option<String>,
    /// Group (project) name (default: the configured group).
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Mount none of the template's vfolders (unless -m is given).
    #[arg(long)]
    pub no_mount: bool,
    /// Add none of the template's environment variables (unless -e is given).
    #[arg(long)]
    pub no_env: bool,
    /// Use none of the template's resources (unless -r/--resource-opts are given).
    #[arg(long)]
    pub no_resource: bool,
}

/// `KEY=VALUE` pairs as a JSON object, `None` when there are none and `clear` is false (the
/// template's values are kept).
fn overrides(pairs: Vec<(String, String)>, clear: bool) -> Option<Map<String, Value>> {
    if pairs.is_empty() && !clear {
        return None;
    }
    Some(
        pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    )
}

/// The SDK parameters of `args` (bad `-e`/`-r` values → exit 2).
pub fn template_params(a: &FromTemplateArgs) -> anyhow::Result<TemplateParams> {
    let mut p = TemplateParams::new(&a.template_id);
    p.name = a.name.clone();
    p.session_type = Some(match a.session_type {
        TypeArg::Batch => SessionType::Batch,
        TypeArg::Interactive => SessionType::Interactive,
    });
    p.starts_at = a.starts_at.clone();
    p.image = a.image.clone();
    p.startup_command = a.startup_command.clone();
    p.enqueue_only = Some(a.enqueue_only);
    p.max_wait = Some(a.max_wait);
    p.no_reuse = Some(a.no_reuse);
    p.dependencies = (!a.depends.is_empty()).then(|| a.depends.clone());
    p.callback_url = a.callback_url.clone();
    p.tag = a.tag.clone();
    let envs = parse_env_args(&a.env).map_err(|e| usage(format!("invalid -e/--env value: {e}")))?;
    p.envs = overrides(envs, a.no_env);
    let resources = parse_resource_args(&a.resources)
        .map_err(|e| usage(format!("invalid -r/--resources value: {e}")))?;
    p.resources = overrides(resources, a.no_resource);
    let resource_opts = parse_env_args(&a.resource_opts)
        .map_err(|e| usage(format!("invalid --resource-opts value: {e}")))?;
    p.resource_opts = overrides(resource_opts, a.no_resource);
    if !a.mount.is_empty() || a.no_mount {
        let mounts = parse_mount_args(&a.mount);
        p.mounts = mounts.names;
        p.mount_map = overrides(mounts.mount_map, true);
    }
    p.scaling_group = a.scaling_group.clone();
    p.cluster_size = a.cluster_size;
    p.domain = a.domain.clone();
    p.group = a.group.clone();
    p.owner_access_key = a.owner.owner.clone();
    Ok(p)
}

/// `create-from-template`.
pub fn create_from_template(ctx: &Context, a: &FromTemplateArgs) -> anyhow::Result<()> {
    let params = template_params(a)?;
    let client = ctx.client()?;
    let spinner = ctx.out.spinner("Creating the session...");
    let created = ctx.block_on(client.sessions().create_from_template(params));
    spinner.finish_and_clear();
    report_created(ctx, &created??)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cmd {
        #[command(flatten)]
        args: FromTemplateArgs,
    }

    fn params(argv: &[&str]) -> TemplateParams {
        let cmd = Cmd::try_parse_from(std::iter::once("x").chain(argv.iter().copied())).unwrap();
        template_params(&cmd.args).unwrap()
    }

    #[test]
    fn unset_overrides_keep_the_templates_values() {
        let p = params(&["tpl"]);
        assert_eq!(p.template_id, "tpl");
        assert!(p.envs.is_none() && p.resources.is_none() && p.mount_map.is_none());
        assert!(p.mounts.is_empty() && p.image.is_none() && p.cluster_size.is_none());
        assert_eq!(p.session_type, Some(SessionType::Interactive));
    }

    #[test]
    fn no_flags_clear_and_options_replace() {
        let p = params(&["tpl", "--no-env", "--no-mount", "-r", "cpu=2", "-i", "img"]);
        assert_eq!(p.envs, Some(Map::new()));
        assert_eq!(p.mount_map, Some(Map::new()));
        assert_eq!(p.resources.unwrap()["cpu"], "2");
        assert_eq!(p.image.as_deref(), Some("img"));
    }
}
