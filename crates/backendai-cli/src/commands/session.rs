//! `bai session ...` and its top-level aliases (`ps`, `create`/`start`, `destroy`/`rm`, ...).

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// `session` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// List compute sessions.
    #[command(visible_alias = "ls-sessions")]
    List(ListArgs),
    /// Show detailed information of a compute session.
    Info(InfoArgs),
    /// Create a compute session without running code.
    #[command(visible_alias = "start")]
    Create(Box<CreateArgs>),
    /// Terminate and destroy compute sessions.
    #[command(visible_aliases = ["rm", "kill"])]
    Destroy(DestroyArgs),
    /// Restart compute sessions.
    Restart(RestartArgs),
    /// Show the console log of a compute session.
    Logs(LogsArgs),
    /// Print the lifecycle events of a compute session.
    Events(EventsArgs),
    /// Live-updating table of sessions driven by the event stream (Ctrl-C quits).
    Watch(WatchArgs),
    /// Rename a compute session.
    Rename(RenameArgs),
    /// Upload files to the session's home directory.
    Upload(UploadArgs),
    /// Download files from the session's home directory.
    Download(DownloadArgs),
    /// List files in a path of a compute session.
    Ls(LsArgs),
}

/// Status filters of `session list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum StatusFilter {
    Pending,
    Scheduled,
    Pulling,
    Preparing,
    Running,
    Restarting,
    RunningDegraded,
    Terminating,
    Terminated,
    Error,
    Cancelled,
    All,
}

impl StatusFilter {
    /// The server-side name.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Pending => "PENDING",
            StatusFilter::Scheduled => "SCHEDULED",
            StatusFilter::Pulling => "PULLING",
            StatusFilter::Preparing => "PREPARING",
            StatusFilter::Running => "RUNNING",
            StatusFilter::Restarting => "RESTARTING",
            StatusFilter::RunningDegraded => "RUNNING_DEGRADED",
            StatusFilter::Terminating => "TERMINATING",
            StatusFilter::Terminated => "TERMINATED",
            StatusFilter::Error => "ERROR",
            StatusFilter::Cancelled => "CANCELLED",
            StatusFilter::All => "ALL",
        }
    }
}

/// Default status set of `session list` (23.09).
pub const DEFAULT_STATUSES: &[&str] = &[
    "PENDING",
    "SCHEDULED",
    "PULLING",
    "PREPARING",
    "RUNNING",
    "RUNNING_DEGRADED",
    "TERMINATING",
    "ERROR",
];
/// `--running`.
pub const RUNNING_STATUSES: &[&str] = &["PREPARING", "RUNNING", "RUNNING_DEGRADED"];
/// `--dead`.
pub const DEAD_STATUSES: &[&str] = &["CANCELLED", "TERMINATED"];
/// `--all` / `-s ALL`.
pub const ALL_STATUSES: &[&str] = &[
    "PENDING",
    "SCHEDULED",
    "PULLING",
    "PREPARING",
    "RUNNING",
    "RESTARTING",
    "RUNNING_DEGRADED",
    "TERMINATING",
    "TERMINATED",
    "ERROR",
    "CANCELLED",
];

/// Arguments of `session list` / `ps`.
#[derive(Debug, Args, Clone)]
pub struct ListArgs {
    /// Filter by the given status.
    #[arg(short = 's', long, value_enum, ignore_case = true)]
    pub status: Option<StatusFilter>,
    /// Sessions of a specific access key (super-admin only).
    #[arg(long)]
    pub access_key: Option<String>,
    /// Print session names only.
    #[arg(long, visible_alias = "id-only")]
    pub name_only: bool,
    /// Only dead sessions (ignores --status).
    #[arg(long)]
    pub dead: bool,
    /// Only scheduled and running sessions (ignores --status).
    #[arg(long)]
    pub running: bool,
    /// More columns.
    #[arg(long)]
    pub detail: bool,
    /// Display only these fields (comma-separated).
    #[arg(short = 'f', long, value_name = "FIELDS")]
    pub format: Option<String>,
    /// No header and no decorations.
    #[arg(long)]
    pub plain: bool,
    /// Query filter expression.
    #[arg(long)]
    pub filter: Option<String>,
    /// Query ordering expression.
    #[arg(long)]
    pub order: Option<String>,
    /// Index of the first item.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Page size.
    #[arg(long)]
    pub limit: Option<u32>,
    /// All sessions regardless of status (= --status=ALL).
    #[arg(short = 'a', long)]
    pub all: bool,
}

impl ListArgs {
    /// The status set this invocation asks for.
    pub fn statuses(&self) -> Vec<&'static str> {
        if self.all {
            return ALL_STATUSES.to_vec();
        }
        if self.dead {
            return DEAD_STATUSES.to_vec();
        }
        if self.running {
            return RUNNING_STATUSES.to_vec();
        }
        match self.status {
            Some(StatusFilter::All) => ALL_STATUSES.to_vec(),
            Some(s) => vec![s.as_str()],
            None => DEFAULT_STATUSES.to_vec(),
        }
    }
}

/// Owner option shared by several commands.
#[derive(Debug, Args, Clone, Default)]
pub struct OwnerArg {
    /// Owner (access key) of the target session.
    #[arg(
        long = "owner",
        visible_alias = "owner-access-key",
        value_name = "ACCESS_KEY"
    )]
    pub owner: Option<String>,
}

/// Arguments of `session info`.
#[derive(Debug, Args, Clone)]
pub struct InfoArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

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

/// Arguments of `session destroy`.
#[derive(Debug, Args, Clone)]
pub struct DestroyArgs {
    /// Session names or IDs.
    #[arg(value_name = "SESSID", required = true)]
    pub sessions: Vec<String>,
    /// Force-terminate errored sessions (admins only).
    #[arg(short = 'f', long)]
    pub forced: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Show resource usage statistics after termination.
    #[arg(short = 's', long)]
    pub stats: bool,
    /// Also cancel dependent sessions.
    #[arg(short = 'r', long)]
    pub recursive: bool,
}

/// Arguments of `session restart`.
#[derive(Debug, Args, Clone)]
pub struct RestartArgs {
    /// Session names or IDs.
    #[arg(value_name = "SESSID", required = true)]
    pub sessions: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

/// Arguments of `session logs`: a session and its owner, as for `session info`.
pub type LogsArgs = InfoArgs;

/// Event scope filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
#[allow(missing_docs)]
pub enum ScopeArg {
    #[default]
    #[value(name = "*")]
    All,
    Session,
    Kernel,
}

/// Arguments of `session events`.
#[derive(Debug, Args, Clone)]
pub struct EventsArgs {
    /// Session name or ID (`*` = all sessions).
    #[arg(value_name = "SESSION_ID_OR_NAME")]
    pub session: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Filter the events by kernel-specific or session-specific ones.
    #[arg(long, value_enum, default_value_t = ScopeArg::All)]
    pub scope: ScopeArg,
    /// Stop after this many events (0 = until the stream ends or Ctrl-C).
    #[arg(long, default_value_t = 0)]
    pub max_events: u64,
}

/// Arguments of `watch` / `session watch`.
#[derive(Debug, Args, Clone)]
pub struct WatchArgs {
    /// Only these sessions (names or IDs); all of yours when omitted.
    #[arg(value_name = "SESSION_ID_OR_NAME")]
    pub sessions: Vec<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
    /// Filter the events by kernel-specific or session-specific ones.
    #[arg(long, value_enum, default_value_t = ScopeArg::All)]
    pub scope: ScopeArg,
    /// Quit after this many seconds (0 = until Ctrl-C).
    #[arg(long, default_value_t = 0)]
    pub max_wait: u64,
}

/// Arguments of `session rename`.
#[derive(Debug, Args, Clone)]
pub struct RenameArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// The new name.
    #[arg(value_name = "NEWNAME")]
    pub new_name: String,
}

/// Arguments of `session upload`.
#[derive(Debug, Args, Clone)]
pub struct UploadArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Local files to upload.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `session download`.
#[derive(Debug, Args, Clone)]
pub struct DownloadArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Files (paths in the session) to download.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<String>,
    /// Destination directory.
    #[arg(long, default_value = ".")]
    pub dest: PathBuf,
}

/// Arguments of `session ls`.
#[derive(Debug, Args, Clone)]
pub struct LsArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    /// Path inside the session.
    #[arg(default_value = "/home/work")]
    pub path: String,
}

// ---------------------------------------------------------------------------------------------
// Handlers

use backendai_core::parse::{parse_env_args, parse_mount_args, parse_resource_args};
use backendai_sdk::groups::session::{
    ClusterMode, CreateParams, DestroyOptions, ListParams, Session, SessionRef, SessionType,
};
use backendai_sdk::Client;
use serde_json::{json, Value};

use crate::context::Context;
use crate::exit::usage;
use crate::output::display_value;

/// Fields selected by `session list` (23.09 column set).
const LIST_FIELDS: &[&str] = &[
    "name",
    "id",
    "group_name",
    "image",
    "type",
    "status",
    "status_info",
    "status_changed",
    "result",
];
const DETAIL_FIELDS: &[&str] = &["tag", "created_at", "occupying_slots"];

/// Checks a `--limit` page size (1 to 100).
pub(crate) fn page_size(limit: u32) -> anyhow::Result<u32> {
    if !(1..=100).contains(&limit) {
        return Err(usage("--limit must be between 1 and 100"));
    }
    Ok(limit)
}

/// The SDK handle of session `name` (of `owner`, when given).
fn session_handle<'a>(client: &'a Client, name: &str, owner: &OwnerArg) -> Session<'a> {
    let r = SessionRef::new(name);
    client.sessions().session(match &owner.owner {
        Some(ak) => r.owner(ak.clone()),
        None => r,
    })
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

/// Runs one `session` subcommand.
pub fn run(ctx: &Context, cmd: SessionCommand) -> anyhow::Result<()> {
    match cmd {
        SessionCommand::List(a) => list(ctx, &a),
        SessionCommand::Info(a) => info(ctx, &a),
        SessionCommand::Create(a) => create(ctx, &a),
        SessionCommand::Destroy(a) => destroy(ctx, &a),
        SessionCommand::Restart(a) => restart(ctx, &a),
        SessionCommand::Logs(a) => logs(ctx, &a),
        SessionCommand::Events(a) => super::events::events(ctx, &a),
        SessionCommand::Watch(a) => super::events::watch(ctx, &a),
        SessionCommand::Rename(a) => rename(ctx, &a),
        SessionCommand::Upload(a) => upload(ctx, &a),
        SessionCommand::Download(a) => download(ctx, &a),
        SessionCommand::Ls(a) => ls(ctx, &a),
    }
}

/// `session list` / `ps`.
pub fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<()> {
    let fields: Vec<String> = match &args.format {
        Some(f) => f
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        None => {
            let mut f: Vec<String> = LIST_FIELDS.iter().map(|s| (*s).to_owned()).collect();
            if args.detail {
                f.extend(DETAIL_FIELDS.iter().map(|s| (*s).to_owned()));
            }
            f
        }
    };
    if fields.is_empty() {
        return Err(usage("--format: no fields given"));
    }
    let limit = page_size(args.limit.unwrap_or(if args.name_only { 100 } else { 20 }))?;
    let offset = u32::try_from(args.offset).map_err(|_| usage("--offset is too large"))?;
    let params = ListParams {
        status: Some(args.statuses().join(",")),
        access_key: args.access_key.clone(),
        filter: args.filter.clone(),
        order: args.order.clone(),
        offset,
        limit,
        fields: fields.clone(),
    };
    let client = ctx.client()?;
    let page = ctx.block_on(client.sessions().list(&params))??;
    let out = &ctx.out;
    if args.name_only && !out.json_mode() {
        for item in &page.items {
            out.line(display_value(item.get("name").unwrap_or(&Value::Null)))?;
        }
        return Ok(());
    }
    let header: Vec<&str> = fields.iter().map(String::as_str).collect();
    if args.plain && !out.json_mode() {
        for item in &page.items {
            let row: Vec<String> = fields
                .iter()
                .map(|f| display_value(item.get(f).unwrap_or(&Value::Null)))
                .collect();
            out.line(row.join("\t"))?;
        }
        return Ok(());
    }
    out.list(
        &page.items,
        Some(page.total_count),
        &header,
        |item| {
            fields
                .iter()
                .map(|f| display_value(item.get(f).unwrap_or(&Value::Null)))
                .collect()
        },
        "No matching items.",
    )?;
    if !out.json_mode() && page.total_count > offset as u64 + page.items.len() as u64 {
        out.info(&format!(
            "Showing {} of {} sessions; use --offset/--limit for more.",
            page.items.len(),
            page.total_count
        ))?;
    }
    Ok(())
}

/// `session info`.
pub fn info(ctx: &Context, args: &InfoArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = session_handle(client, &args.session, &args.owner);
    let info = ctx.block_on(s.info())??;
    ctx.out.item(&info)?;
    Ok(())
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
    let created = created??;
    let name = created.session_name.clone().unwrap_or_default();
    let status = created.status.as_str().to_owned();
    if ctx.out.json_mode() {
        ctx.out.json(&created)?;
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

/// `session destroy` / `destroy` / `rm`.
pub fn destroy(ctx: &Context, args: &DestroyArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut failed = 0usize;
    let mut results = Vec::new();
    for name in &args.sessions {
        let s = session_handle(client, name, &args.owner);
        let r = ctx.block_on(s.destroy(DestroyOptions {
            forced: args.forced,
            recursive: args.recursive,
        }))?;
        match r {
            Ok(stats) => {
                if !ctx.out.json_mode() {
                    ctx.out.done(&format!("Terminated session {name}."))?;
                    if args.stats {
                        if let Some(st) = stats.as_ref().and_then(|v| v.stats.as_ref()) {
                            ctx.out.item(st)?;
                        }
                    }
                }
                results.push(json!({"session": name, "ok": true, "stats": stats}));
            }
            Err(e) => {
                failed += 1;
                if args.sessions.len() == 1 {
                    return Err(e.into());
                }
                ctx.out.fail(&format!("Failed to terminate {name}: {e}"))?;
                results.push(json!({"session": name, "ok": false, "error": e.to_string()}));
            }
        }
    }
    if ctx.out.json_mode() {
        ctx.out
            .json(&json!({"ok": failed == 0, "results": results}))?;
    }
    if failed > 0 {
        return Err(anyhow::anyhow!(
            "{failed} of {} sessions could not be terminated",
            args.sessions.len()
        ));
    }
    Ok(())
}

/// `session restart` / `restart`.
pub fn restart(ctx: &Context, args: &RestartArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut failed = 0usize;
    for name in &args.sessions {
        let s = session_handle(client, name, &args.owner);
        match ctx.block_on(s.restart())? {
            Ok(()) => ctx.out.done(&format!("Restarted session {name}."))?,
            Err(e) => {
                if args.sessions.len() == 1 {
                    return Err(e.into());
                }
                failed += 1;
                ctx.out.fail(&format!("Failed to restart {name}: {e}"))?;
            }
        }
    }
    if ctx.out.json_mode() {
        ctx.out.json(&json!({"ok": failed == 0}))?;
    }
    if failed > 0 {
        return Err(anyhow::anyhow!("{failed} sessions could not be restarted"));
    }
    Ok(())
}

/// `session logs` / `logs`.
pub fn logs(ctx: &Context, args: &LogsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = session_handle(client, &args.session, &args.owner);
    let logs = ctx.block_on(s.logs())??;
    if ctx.out.json_mode() {
        ctx.out.json(&json!({"logs": logs.text()}))?;
        return Ok(());
    }
    if let Some(text) = logs.text() {
        ctx.out.raw(text.as_bytes())?;
        if !text.ends_with('\n') && !text.is_empty() {
            ctx.out.raw(b"\n")?;
        }
    }
    ctx.out.done("End of logs.")?;
    Ok(())
}

/// `session rename` / `rename`.
pub fn rename(ctx: &Context, args: &RenameArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut s = client.sessions().session(SessionRef::new(&args.session));
    ctx.block_on(s.rename(&args.new_name))??;
    ctx.out.mutation(
        &format!("Session renamed: {} -> {}", args.session, args.new_name),
        None,
    )?;
    Ok(())
}

/// `session upload` / `upload`.
pub fn upload(ctx: &Context, args: &UploadArgs) -> anyhow::Result<()> {
    for f in &args.files {
        if !f.exists() {
            return Err(usage(format!("no such file: {}", f.display())));
        }
    }
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let spinner = ctx.out.spinner("Uploading files...");
    let r = ctx.block_on(s.upload(&args.files, None));
    spinner.finish_and_clear();
    r??;
    ctx.out.mutation(
        &format!("Uploaded {} file(s) to {}.", args.files.len(), args.session),
        None,
    )?;
    Ok(())
}

/// `session download` / `download`.
pub fn download(ctx: &Context, args: &DownloadArgs) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dest)?;
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let spinner = ctx.out.spinner("Downloading files...");
    let r = ctx.block_on(s.download(&args.files, &args.dest));
    spinner.finish_and_clear();
    let got = r??;
    if ctx.out.json_mode() {
        ctx.out
            .json(&json!({"ok": true, "files": got.file_names}))?;
    } else {
        ctx.out.done(&format!(
            "Downloaded {} file(s) to {}.",
            got.file_names.len(),
            args.dest.display()
        ))?;
    }
    Ok(())
}

/// `session ls` / `ls`.
pub fn ls(ctx: &Context, args: &LsArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let s = client.sessions().session(SessionRef::new(&args.session));
    let listing = ctx.block_on(s.list_files(&args.path))??;
    if ctx.out.json_mode() {
        ctx.out.json(&listing)?;
        return Ok(());
    }
    let rows = listing
        .files
        .iter()
        .map(|f| {
            vec![
                f.filename.clone(),
                f.size.as_ref().map(|s| s.as_text()).unwrap_or_default(),
                f.mtime.as_ref().map(|t| t.as_text()).unwrap_or_default(),
                f.mode.as_ref().map(display_value).unwrap_or_default(),
            ]
        })
        .collect();
    ctx.out
        .table(&["file name", "size", "modified", "mode"], rows)?;
    Ok(())
}
