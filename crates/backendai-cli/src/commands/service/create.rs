//! `bai service create` (SDK `Services::create`).

use std::path::PathBuf;

use backendai_core::parse::{parse_env_args, parse_resource_args};
use backendai_sdk::groups::service::CreateService;
use clap::{Args, ValueEnum};
use serde_json::{Map, Value};

use crate::context::Context;
use crate::exit::usage;
use crate::output::FieldSpec;

/// The rows printed after `service create` (what the Python client's `Service.create`
/// returns).
pub const SERVICE_CREATED_FIELDS: &[FieldSpec<'static>] = &[
    FieldSpec::new("endpoint_id").label("Endpoint Id"),
    FieldSpec::new("name").label("Name"),
    FieldSpec::new("desired_session_count").label("Desired Session Count"),
    FieldSpec::new("active_route_count").label("Active Route Count"),
    FieldSpec::new("service_endpoint").label("Service Endpoint"),
    FieldSpec::new("is_public").label("Public?"),
];

/// `--cluster-mode` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClusterModeArg {
    /// All containers on one node.
    SingleNode,
    /// Containers spread over nodes.
    MultiNode,
}

impl ClusterModeArg {
    fn as_str(self) -> &'static str {
        match self {
            ClusterModeArg::SingleNode => "single-node",
            ClusterModeArg::MultiNode => "multi-node",
        }
    }
}

/// Arguments of `service create`.
#[derive(Debug, Args)]
// A service has COUNT sessions, so two shared options read "each session" here.
#[command(mut_arg("resources", |a| a.help(
    "Computation resources of each session (e.g. -r cpu=2 -r mem=256 -r gpu=1); a bare mem \
     number is MiB"
)))]
#[command(mut_arg("scaling_group", |a| a.help(
    "The scaling group to execute session (it must allow inference sessions and have an app \
     proxy)"
)))]
pub struct CreateArgs {
    /// Image of the inference sessions.
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Model folder (usage mode "model") name or id.
    #[arg(value_name = "MODEL_NAME_OR_ID")]
    pub model: String,
    /// Number of sessions to start.
    #[arg(value_name = "COUNT")]
    pub count: i64,
    /// Service name (4 to 24 letters, digits, '_', '.' or '-'; made up when omitted).
    #[arg(short = 't', long, value_name = "NAME")]
    pub name: Option<String>,
    /// Model version.
    #[arg(long, value_name = "VERSION")]
    pub model_version: Option<String>,
    /// Where the model folder is mounted in the sessions.
    #[arg(long, value_name = "PATH", default_value = "/models")]
    pub model_mount_destination: String,
    /// The session options shared with `service try-start`.
    #[command(flatten)]
    pub session: SessionOptions,
}

/// The inference-session options of `service create` and `service try-start` (flattened into
/// both, so the two commands parse and send them alike).
#[derive(Debug, Clone, Args)]
pub struct SessionOptions {
    /// Environment variable (may appear multiple times).
    #[arg(short = 'e', long = "env", value_name = "KEY=VAL")]
    pub env: Vec<String>,
    /// A user-defined script to execute on startup.
    #[arg(long, value_name = "PATH")]
    pub bootstrap_script: Option<PathBuf>,
    /// Set the command to execute for batch-type sessions.
    #[arg(short = 'c', long, value_name = "COMMAND")]
    pub startup_command: Option<String>,
    /// Computation resources (e.g. -r cpu=2 -r mem=256 -r gpu=1); a bare mem number is MiB.
    #[arg(short = 'r', long, value_name = "KEY=VAL")]
    pub resources: Vec<String>,
    /// Resource options for creating compute session (e.g. shmem=64m).
    #[arg(long, value_name = "KEY=VAL")]
    pub resource_opts: Vec<String>,
    /// The size of cluster in number of containers.
    #[arg(long, value_name = "NUMBER", default_value_t = 1)]
    pub cluster_size: i64,
    /// The mode of clustering.
    #[arg(long, value_name = "MODE", value_enum, default_value_t = ClusterModeArg::SingleNode)]
    pub cluster_mode: ClusterModeArg,
    /// Domain name.
    #[arg(short = 'd', long, default_value = "default")]
    pub domain: String,
    /// Project (group) name.
    #[arg(short = 'p', long, default_value = "default")]
    pub project: String,
    /// User-defined tag string to annotate sessions.
    #[arg(long)]
    pub tag: Option<String>,
    /// Architecture of the image to use.
    #[arg(
        long = "arch",
        visible_alias = "architecture",
        value_name = "ARCH_NAME",
        default_value = "x86_64"
    )]
    pub architecture: String,
    /// The scaling group to execute the session.
    #[arg(long, visible_alias = "sgroup", default_value = "default")]
    pub scaling_group: String,
    /// Set the owner of the target session explicitly (`-o` is `--output` here).
    #[arg(
        long = "owner",
        visible_alias = "owner-access-key",
        value_name = "ACCESS_KEY"
    )]
    pub owner: Option<String>,
    /// Serve without authentication (no token needed to call the endpoint).
    #[arg(long = "public", visible_alias = "expose-to-public")]
    pub public: bool,
}

fn pairs_object(pairs: Vec<(String, String)>) -> Value {
    Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect::<Map<String, Value>>(),
    )
}

/// The SDK parameters for `a` (the Python CLI's: empty maps for no `-e`/`-r`, `mem` in MiB
/// when it has no unit).
pub fn params(a: &CreateArgs) -> anyhow::Result<CreateService> {
    let s = &a.session;
    let envs = parse_env_args(&s.env).map_err(|e| usage(format!("invalid -e/--env value: {e}")))?;
    let resources = parse_resource_args(&s.resources).map_err(|e| {
        usage(format!(
            "invalid -r/--resources value (expected KEY=VALUE, e.g. cpu=2 mem=4g): {e}"
        ))
    })?;
    let resource_opts = parse_resource_args(&s.resource_opts).map_err(|e| {
        usage(format!(
            "invalid --resource-opts value (expected KEY=VALUE): {e}"
        ))
    })?;
    if s.cluster_size < 1 {
        return Err(usage("--cluster-size must be 1 or more"));
    }
    if a.count < 0 {
        return Err(usage("COUNT must be 0 or more"));
    }
    // The Python CLI sends the open file object here, which fails to serialise; the
    // script's text is what the manager wants.
    let bootstrap_script = match &s.bootstrap_script {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| {
            usage(format!(
                "cannot read --bootstrap-script {}: {e}",
                p.display()
            ))
        })?),
        None => None,
    };
    let mut p = CreateService::new(&a.image, &a.model, a.count);
    p.service_name = a.name.clone();
    p.model_version = a.model_version.clone();
    p.model_mount_destination = Some(a.model_mount_destination.clone());
    p.envs = Some(pairs_object(envs));
    p.startup_command = s.startup_command.clone();
    p.resources = Some(pairs_object(resources));
    p.resource_opts = Some(pairs_object(resource_opts));
    p.cluster_size = s.cluster_size;
    p.cluster_mode = s.cluster_mode.as_str().to_owned();
    p.domain_name = Some(s.domain.clone());
    p.group_name = Some(s.project.clone());
    p.bootstrap_script = bootstrap_script;
    p.tag = s.tag.clone();
    p.architecture = Some(s.architecture.clone());
    p.scaling_group = Some(s.scaling_group.clone());
    p.owner_access_key = s.owner.clone();
    p.expose_to_public = s.public;
    Ok(p)
}

/// `service create`.
pub fn create(ctx: &Context, a: &CreateArgs) -> anyhow::Result<()> {
    let p = params(a)?;
    let client = ctx.client()?;
    let created = ctx.block_on(client.services().create(&p))??;
    if ctx.out.json_mode() {
        ctx.out.json(&created)?;
        return Ok(());
    }
    ctx.out
        .done(&format!("Service {} created.", created.name))?;
    ctx.out.table(&[created], SERVICE_CREATED_FIELDS)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::args::parse_args;
    use serde_json::json;

    #[test]
    fn python_defaults_are_sent() {
        let p = params(&parse_args(&["img", "model", "1"])).unwrap();
        assert_eq!(p.domain_name.as_deref(), Some("default"));
        assert_eq!(p.group_name.as_deref(), Some("default"));
        assert_eq!(p.scaling_group.as_deref(), Some("default"));
        assert_eq!(p.model_mount_destination.as_deref(), Some("/models"));
        assert_eq!(p.envs, Some(json!({})));
        assert_eq!(p.resources, Some(json!({})));
    }

    #[test]
    fn a_bare_mem_is_mebibytes_and_env_pairs_are_kept() {
        let p = params(&parse_args(&[
            "img", "model", "1", "-r", "cpu=2", "-r", "mem=256", "-e", "A=1", "--public",
        ]))
        .unwrap();
        assert_eq!(p.resources, Some(json!({"cpu": "2", "mem": "256m"})));
        assert_eq!(p.envs, Some(json!({"A": "1"})));
        assert!(p.expose_to_public);
    }

    #[test]
    fn bad_pairs_are_usage_errors() {
        assert!(params(&parse_args(&["img", "model", "1", "-e", "novalue"])).is_err());
        assert!(params(&parse_args(&["img", "model", "--", "-1"])).is_err());
    }
}
