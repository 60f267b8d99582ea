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
    /// Print what would be sent and exit without contacting the server.
    #[arg(long)]
    pub dry_run: bool,
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

/// Arguments of `session logs`.
#[derive(Debug, Args, Clone)]
pub struct LogsArgs {
    /// Session name or ID.
    #[arg(value_name = "SESSID")]
    pub session: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub owner: OwnerArg,
}

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
