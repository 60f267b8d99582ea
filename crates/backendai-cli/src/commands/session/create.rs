//! `bai session create` / `bai create` / `bai start` and the creation options shared with
//! `bai run` (SDK `Sessions::get_or_create`).

use std::path::PathBuf;

use backendai_core::parse::{parse_env_args, parse_mount_args, parse_resource_args};
use backendai_sdk::groups::session::{ClusterMode, CreateParams, CreatedSession, SessionType};
use clap::Args;
use serde_json::Value;

use crate::commands::args::OwnerArg;
use crate::context::Context;
use crate::exit::usage;

/// Session type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
#[allow(missing_docs)]
pub enum TypeArg {
    Batch,
    #[default]
    Interactive,
}

/// Cluster mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
#[allow(missing_docs)]
pub enum ClusterModeArg {
    #[default]
    SingleNode,
    MultiNode,
}

/// Session creation options shared by `create` and `run`.
#[derive(Debug, Args, Clone)]
pub struct SpawnArgs {
    /// Session name or prefix (4-64 characters); random when omitted.
    #[arg(short = 't', long = "name", visible_aliases = ["session-id", "client-token"])]
    pub name: Option<String>,
    /// Session type.
    #[arg(long = "type", value_enum, default_value_t = TypeArg::Interactive)]
    pub session_type: TypeArg,
    /// Enqueue the session and return without waiting for it to start.
    #[arg(long)]
    pub enqueue_only: bool,
    /// Maximum seconds to wait until the session starts (0 = server default).
    #[arg(long, default_value_t = 0)]
    pub max_wait: u64,
    /// Fail instead of reusing an existing session with the same name.
    #[arg(long)]
    pub no_reuse: bool,
    /// Environment variable KEY=VALUE (repeatable).
    #[arg(short = 'e', long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// User-defined tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Mount a vfolder: NAME, NAME=PATH or NAME:PATH (repeatable).
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
    /// Resource slot KEY=VALUE, e.g. cpu=2 mem=4g cuda.shares=0.5 (repeatable).
    #[arg(
        short = 'r',
        long = "resources",
        visible_alias = "resource",
        value_name = "KEY=VALUE"
    )]
    pub resources: Vec<String>,
    /// Number of containers in the cluster.
    #[arg(long, default_value_t = 1)]
    pub cluster_size: u32,
    /// Cluster mode.
    #[arg(long, value_enum, default_value_t = ClusterModeArg::SingleNode)]
    pub cluster_mode: ClusterModeArg,
    /// Resource option KEY=VALUE, e.g. shmem=64m (repeatable).
    #[arg(long = "resource-opts", value_name = "KEY=VALUE")]
    pub resource_opts: Vec<String>,
    /// Architecture of the image.
    #[arg(
        long = "arch",
        visible_alias = "architecture",
        default_value = "x86_64"
    )]
    pub arch: String,
    /// Domain name (default: configured domain).
    #[arg(short = 'd', long)]
    pub domain: Option<String>,
    /// Group (project) name (default: configured group).
    #[arg(short = 'g', long)]
    pub group: Option<String>,
    /// Local file with a bootstrap script.
    #[arg(long, value_name = "FILE")]
    pub bootstrap_script: Option<PathBuf>,
    /// Start the session at this time (ISO 8601 or relative like "1h").
    #[arg(long)]
    pub starts_at: Option<String>,
    /// URL called back on session lifecycle events.
    #[arg(long)]
    pub callback_url: Option<String>,
}

/// Arguments of `session create` / `create` / `start`.
#[derive(Debug, Args, Clone)]
pub struct CreateArgs {
    /// Image name or alias (e.g. `python`).
    pub image: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub spawn: SpawnArgs,
    /// Startup command for batch sessions.
    #[arg(short = 'c', long)]
    pub startup_command: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Session IDs or names this session depends on (repeatable).
    #[arg(long = "depends")]
    pub depends: Vec<String>,
}

/// Builds the SDK's creation parameters from the shared spawn options (bad `-r`/`-e` → exit 2).
pub fn create_params(image: &str, spawn: &SpawnArgs) -> anyhow::Result<CreateParams> {
    let mut p = CreateParams::new(image);
    p.name = spawn.name.clone();
    p.session_type = match spawn.session_type {
        TypeArg::Batch => SessionType::Batch,
        TypeArg::Interactive => SessionType::Interactive,
    };
    p.enqueue_only = spawn.enqueue_only;
    p.max_wait = spawn.max_wait;
    p.no_reuse = spawn.no_reuse;
    for (k, v) in
        parse_env_args(&spawn.env).map_err(|e| usage(format!("invalid -e/--env value: {e}")))?
    {
        p.envs.insert(k, Value::String(v));
    }
    for (k, v) in parse_resource_args(&spawn.resources).map_err(|e| {
        usage(format!(
            "invalid -r/--resources value (expected KEY=VALUE, e.g. cpu=2 mem=4g): {e}"
        ))
    })? {
        p.resources.insert(k, Value::String(v));
    }
    for (k, v) in parse_env_args(&spawn.resource_opts).map_err(|e| {
        usage(format!(
            "invalid --resource-opts value (expected KEY=VALUE): {e}"
        ))
    })? {
        p.resource_opts.insert(k, Value::String(v));
    }
    let mounts = parse_mount_args(&spawn.mount);
    p.mounts = mounts.names;
    for (k, v) in mounts.mount_map {
        p.mount_map.insert(k, Value::String(v));
    }
    p.cluster_size = spawn.cluster_size;
    p.cluster_mode = match spawn.cluster_mode {
        ClusterModeArg::SingleNode => ClusterMode::SingleNode,
        ClusterModeArg::MultiNode => ClusterMode::MultiNode,
    };
    p.domain = spawn.domain.clone();
    p.group = spawn.group.clone();
    p.scaling_group = spawn.scaling_group.clone();
    p.tag = spawn.tag.clone();
    p.architecture = spawn.arch.clone();
    p.starts_at = spawn.starts_at.clone();
    p.callback_url = spawn.callback_url.clone();
    if let Some(path) = &spawn.bootstrap_script {
        let script = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
        p.bootstrap_script = Some(script);
    }
    Ok(p)
}

/// `session create` / `create` / `start`.
pub fn create(ctx: &Context, args: &CreateArgs) -> anyhow::Result<()> {
    let mut params = create_params(&args.image, &args.spawn)?;
    params.startup_command = args.startup_command.clone();
    params.owner_access_key = args.owner.owner.clone();
    if !args.depends.is_empty() {
        params.dependencies = Some(args.depends.clone());
    }
    let client = ctx.client()?;
    let spinner = ctx.out.spinner("Creating the session...");
    let created = ctx.block_on(client.sessions().get_or_create(params));
    spinner.finish_and_clear();
    report_created(ctx, &created??)
}

/// Prints a created (or reused) session: the whole answer with `-o json`, else its status
/// and then its name on stdout.
pub fn report_created(ctx: &Context, created: &CreatedSession) -> anyhow::Result<()> {
    let name = created.session_name.clone().unwrap_or_default();
    let status = created.status.as_str().to_owned();
    if ctx.out.json_mode() {
        ctx.out.json(created)?;
    } else {
        if !created.created {
            ctx.out
                .info(&format!("Session {name} is already running; reusing it."))?;
        } else {
            match status.as_str() {
                "PENDING" => ctx
                    .out
                    .info(&format!("Session {name} is enqueued for scheduling."))?,
                "SCHEDULED" | "PREPARING" | "PULLING" => ctx
                    .out
                    .info(&format!("Session {name} is scheduled and being prepared."))?,
                "RUNNING" => ctx.out.done(&format!("Session {name} is ready."))?,
                "TIMEOUT" => ctx.out.warn(&format!(
                    "Session {name} is still on the job queue (timed out waiting)."
                ))?,
                "TERMINATED" | "CANCELLED" | "ERROR" => {
                    return Err(anyhow::anyhow!("session {name} ended with status {status}"));
                }
                _ => ctx.out.info(&format!("Session {name}: status {status}"))?,
            }
        }
        ctx.out.line(&name)?;
    }
    Ok(())
}
