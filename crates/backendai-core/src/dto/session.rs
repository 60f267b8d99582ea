//! Compute-session DTOs: creation, info, service ports, execution, events, stats.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{string_enum, Extra, NumText, OrderedMap, ResourceSlots};
use super::pyrepr::loose_json;

string_enum! {
    /// A session or kernel status (`PENDING`, `RUNNING`, ...).
    SessionStatus {
        /// Waiting in the scheduler queue.
        Pending = "PENDING",
        /// Assigned to agents.
        Scheduled = "SCHEDULED",
        /// Preparing (pulling images, creating containers).
        Preparing = "PREPARING",
        /// Pulling the image.
        Pulling = "PULLING",
        /// Prepared, about to be created.
        Prepared = "PREPARED",
        /// Creating containers.
        Creating = "CREATING",
        /// Running.
        Running = "RUNNING",
        /// Restarting.
        Restarting = "RESTARTING",
        /// Running with some kernels failed.
        RunningDegraded = "RUNNING_DEGRADED",
        /// Terminating.
        Terminating = "TERMINATING",
        /// Terminated.
        Terminated = "TERMINATED",
        /// Failed.
        Error = "ERROR",
        /// Cancelled before start.
        Cancelled = "CANCELLED",
        /// Still queued after `maxWaitSeconds` (creation response).
        Timeout = "TIMEOUT",
    }
}

/// One service (app) a session offers: an item of `servicePorts` in the creation response and
/// of `GET /stream/session/{name}/apps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServicePort {
    /// App name (`jupyter`, `sshd`, `ttyd`, ...).
    pub name: String,
    /// `http`, `tcp`, `pty`, `preopen`, ...
    #[serde(default)]
    pub protocol: Option<String>,
    /// Container ports (apps list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<u32>,
    /// URL template shown to the user (`{protocol}://{host}:{port}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_template: Option<String>,
    /// Arguments the app accepts (`backend.ai app --arg`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_arguments: Option<Value>,
    /// Environment variables the app accepts (`backend.ai app -e`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_envs: Option<Value>,
    /// Other fields (`container_ports`, `host_ports`, `is_inference`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `config` object of a session-creation request (23.09 layout; 19.09 puts
/// `clusterSize` here too, 26.9 adds `mount_ids`, `mount_options`, ... via `extra`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SessionCreationConfig {
    /// Vfolder names to mount.
    #[serde(default)]
    pub mounts: Vec<String>,
    /// Environment variables (option order).
    #[serde(default)]
    pub environ: OrderedMap<String>,
    /// Cluster size (19.09 only; 23.09 sends it at the top level).
    #[serde(
        rename = "clusterSize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cluster_size: Option<u32>,
    /// Requested resources, values as typed by the user (`"mem": "4g"`).
    #[serde(default)]
    pub resources: OrderedMap<String>,
    /// Resource options (`shmem=64m`).
    #[serde(default)]
    pub resource_opts: OrderedMap<String>,
    /// Scaling group (sent as `null` when unset).
    #[serde(rename = "scalingGroup", default)]
    pub scaling_group: Option<String>,
    /// Vfolder name → mount path.
    #[serde(default)]
    pub mount_map: OrderedMap<String>,
    /// Ports to pre-open (sent as `null` when unset, like 23.09).
    #[serde(default)]
    pub preopen_ports: Option<Vec<u32>>,
    /// Agents to pin the kernels to (`agentList`).
    #[serde(rename = "agentList", default, skip_serializing_if = "Option::is_none")]
    pub agent_list: Option<Vec<String>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of `POST /session` (23.09 SDK `ComputeSession.get_or_create`), fields in the order
/// the Python client sends them; `None` values are sent as `null` like Python does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionCreateRequest {
    /// Session tag.
    pub tag: Option<String>,
    /// Session name (19.09: `clientSessionToken`).
    #[serde(alias = "clientSessionToken")]
    pub name: String,
    /// Creation config.
    pub config: SessionCreationConfig,
    /// Sessions this one depends on.
    #[serde(default)]
    pub dependencies: Option<Vec<String>>,
    /// Callback URL for status changes.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Image architecture (`x86_64`).
    #[serde(default)]
    pub architecture: Option<String>,
    /// Number of containers.
    #[serde(rename = "clusterSize", default)]
    pub cluster_size: Option<u32>,
    /// `single-node` or `multi-node`.
    #[serde(rename = "clusterMode", default)]
    pub cluster_mode: Option<String>,
    /// Scheduled start time.
    #[serde(default)]
    pub starts_at: Option<String>,
    /// Bootstrap script text.
    #[serde(default)]
    pub bootstrap_script: Option<String>,
    /// Create on behalf of this access key (admins).
    #[serde(default)]
    pub owner_access_key: Option<String>,
    /// Domain name.
    #[serde(default)]
    pub domain: Option<String>,
    /// Group (project) name.
    #[serde(default)]
    pub group: Option<String>,
    /// `interactive`, `batch` or `inference`.
    #[serde(rename = "type", default)]
    pub session_type: Option<String>,
    /// Return right after enqueueing.
    #[serde(rename = "enqueueOnly", default)]
    pub enqueue_only: bool,
    /// Seconds to wait for the session to start (0 = no limit).
    #[serde(rename = "maxWaitSeconds", default)]
    pub max_wait_seconds: u64,
    /// Reuse an existing session with the same name.
    #[serde(rename = "reuseIfExists", default)]
    pub reuse_if_exists: bool,
    /// Startup command (batch sessions).
    #[serde(rename = "startupCommand", default)]
    pub startup_command: Option<String>,
    /// Image reference (`python:3.9-ubuntu20.04`; 19.09 `lang`).
    #[serde(alias = "lang")]
    pub image: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `POST /session` (19.09: `kernelId` instead of `sessionId`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionCreateResponse {
    /// Session UUID (23.09+).
    #[serde(rename = "sessionId", default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Kernel id (19.09; the session name there).
    #[serde(rename = "kernelId", default, skip_serializing_if = "Option::is_none")]
    pub kernel_id: Option<String>,
    /// Session name.
    #[serde(
        rename = "sessionName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub session_name: Option<String>,
    /// Status after the call (`PENDING`, `RUNNING`, `TIMEOUT`, ...).
    pub status: SessionStatus,
    /// Services of the session.
    #[serde(rename = "servicePorts", default)]
    pub service_ports: Vec<ServicePort>,
    /// False when an existing session was reused.
    #[serde(default)]
    pub created: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SessionCreateResponse {
    /// The id to address the session with: `sessionId`, else 19.09's `kernelId`.
    pub fn id(&self) -> Option<&str> {
        self.session_id.as_deref().or(self.kernel_id.as_deref())
    }
}

/// `GET /session/{name}` (camelCase info, api-catalog.md §2).
///
/// The 23.09 manager sends the slot fields, `environ`, `resourceOpts` and `occupiedShares` as
/// Python repr text (`"{'cpu': Decimal('1'), 'mem': Decimal('536870912')}"`): the slot fields
/// are read into [`ResourceSlots`] (never failing; unreadable text is kept in
/// [`ResourceSlots::raw`]); the others stay as sent, see [`SessionInfo::environ_value`] and
/// [`SessionInfo::resource_opts_value`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// Domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// Group (project) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Owner user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Image (legacy name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Architecture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<String>,
    /// Registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// Session tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Main container id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_id: Option<String>,
    /// Occupied resource slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupied_slots: Option<ResourceSlots>,
    /// Occupying resource slots (newer name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupying_slots: Option<ResourceSlots>,
    /// Requested resource slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_slots: Option<ResourceSlots>,
    /// Occupied shares (legacy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupied_shares: Option<Value>,
    /// Environment (JSON object or text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environ: Option<Value>,
    /// Resource options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_opts: Option<Value>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SessionStatus>,
    /// Status detail (`user-requested`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_info: Option<String>,
    /// Structured status data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_data: Option<Value>,
    /// Age in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<NumText>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<String>,
    /// Termination time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_time: Option<String>,
    /// Number of executed queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_queries_executed: Option<NumText>,
    /// Last statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_stat: Option<Value>,
    /// Idle checker state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_checks: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SessionInfo {
    /// `environ` as JSON when it was sent as an object, JSON text or Python repr text.
    pub fn environ_value(&self) -> Option<Value> {
        self.environ.as_ref().and_then(loose_json)
    }

    /// `resourceOpts` as JSON when it was sent as an object, JSON text or Python repr text
    /// (`{"main1": {"shmem": 67108864}}`).
    pub fn resource_opts_value(&self) -> Option<Value> {
        self.resource_opts.as_ref().and_then(loose_json)
    }
}

string_enum! {
    /// Execution mode of `POST /session/{name}` and the streaming execute.
    ExecutionMode {
        /// Run a code snippet.
        Query = "query",
        /// Run uploaded files with clean/build/exec commands.
        Batch = "batch",
        /// Continue a running execution.
        Continue = "continue",
        /// Send user input.
        Input = "input",
    }
}

/// Batch-mode options of an execution (`{"clean","build","buildLog","exec"}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExecutionOptions {
    /// Clean command (`*` = default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clean: Option<String>,
    /// Build command (`*` = default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<String>,
    /// Whether to stream the build log.
    #[serde(rename = "buildLog", default, skip_serializing_if = "Option::is_none")]
    pub build_log: Option<bool>,
    /// Exec command (`*` = default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of a non-streaming execute: `{"mode","code","runId"[,"options"]}` (`runId` is sent
/// as `null` on the first call).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutionQuery {
    /// Mode.
    pub mode: ExecutionMode,
    /// Code (empty for `continue`).
    pub code: String,
    /// Run id assigned by the server (`None` on the first call).
    #[serde(rename = "runId", default)]
    pub run_id: Option<String>,
    /// Batch options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<ExecutionOptions>,
}

string_enum! {
    /// Status of an execution result.
    ExecutionStatus {
        /// More output will follow; call again with `continue`.
        Continued = "continued",
        /// The program waits for user input.
        WaitingInput = "waiting-input",
        /// Finished.
        Finished = "finished",
        /// The clean step finished.
        CleanFinished = "clean-finished",
        /// The build step finished.
        BuildFinished = "build-finished",
    }
}

/// One console record: `[kind, data]` on the wire (`["stdout", "hi\n"]`,
/// `["media", ["image/png", "..."]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(String, Value)", into = "(String, Value)")]
pub struct ConsoleItem {
    /// `stdout`, `stderr`, `media`, `html`, ...
    pub kind: String,
    /// The payload (text for stdout/stderr).
    pub data: Value,
}

impl From<(String, Value)> for ConsoleItem {
    fn from((kind, data): (String, Value)) -> Self {
        ConsoleItem { kind, data }
    }
}

impl From<ConsoleItem> for (String, Value) {
    fn from(c: ConsoleItem) -> Self {
        (c.kind, c.data)
    }
}

/// A generated file of an execution (`{"name","url"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecFile {
    /// File name.
    pub name: String,
    /// Download URL.
    pub url: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An execution result (non-streaming `{"result": ...}` and each streaming text frame).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutionResult {
    /// Run id.
    #[serde(rename = "runId", default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Status.
    pub status: ExecutionStatus,
    /// Exit code (finished states).
    #[serde(rename = "exitCode", default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i64>,
    /// Console records.
    #[serde(default)]
    pub console: Vec<ConsoleItem>,
    /// Generated files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<ExecFile>,
    /// Options (`is_password` for `waiting-input`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ExecutionResult {
    /// True for `waiting-input` with `options.is_password`.
    pub fn wants_password(&self) -> bool {
        self.status == ExecutionStatus::WaitingInput
            && self
                .options
                .as_ref()
                .and_then(|o| o.get("is_password"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
    }
}

/// The answer of a non-streaming execute: `{"result": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutionResponse {
    /// The result.
    pub result: ExecutionResult,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Container statistics (`{"stats": {...}}` of `DELETE /session/{name}`): version 1 is a flat
/// map of numbers, version 2 maps metric names to [`StatMetric`] objects.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContainerStats(pub serde_json::Map<String, Value>);

impl ContainerStats {
    /// The `version` field (default 1, like the Python client).
    pub fn version(&self) -> i64 {
        self.0.get("version").and_then(Value::as_i64).unwrap_or(1)
    }

    /// A version-2 metric by name.
    pub fn metric(&self, name: &str) -> Option<StatMetric> {
        serde_json::from_value(self.0.get(name)?.clone()).ok()
    }
}

/// One version-2 statistics metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatMetric {
    /// Current value.
    #[serde(default)]
    pub current: Option<NumText>,
    /// Capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<NumText>,
    /// Percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pct: Option<NumText>,
    /// `bytes`, `msec`, `percent`, ...
    #[serde(default)]
    pub unit_hint: Option<String>,
    /// Other fields (`stats.max`, `stats.rate`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `DELETE /session/{name}` when status is 200.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DestroyResponse {
    /// Final statistics.
    #[serde(default)]
    pub stats: Option<ContainerStats>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Data of a session lifecycle SSE event (`session_started`, `kernel_terminated`, ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SessionEventData {
    /// Reason text.
    #[serde(default)]
    pub reason: Option<String>,
    /// Session name.
    #[serde(rename = "sessionName", default)]
    pub session_name: Option<String>,
    /// Owner access key.
    #[serde(rename = "ownerAccessKey", default)]
    pub owner_access_key: Option<String>,
    /// Session UUID.
    #[serde(rename = "sessionId", default)]
    pub session_id: Option<String>,
    /// Exit code (terminal events).
    #[serde(rename = "exitCode", default)]
    pub exit_code: Option<i64>,
    /// Kernel id (kernel events).
    #[serde(rename = "kernelId", default, skip_serializing_if = "Option::is_none")]
    pub kernel_id: Option<String>,
    /// Cluster role (kernel events).
    #[serde(
        rename = "clusterRole",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cluster_role: Option<String>,
    /// Cluster index (kernel events).
    #[serde(
        rename = "clusterIdx",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cluster_idx: Option<i64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Data of a background-task SSE event (`bgtask_updated`, `bgtask_done`, ...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BackgroundTaskEventData {
    /// Task UUID.
    #[serde(default)]
    pub task_id: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// Progress so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_progress: Option<NumText>,
    /// Total progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_progress: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `POST /session/{name}/start-service`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartServiceResponse {
    /// App-proxy token.
    pub token: String,
    /// Advertised app-proxy address.
    #[serde(default)]
    pub wsproxy_addr: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of a session's file listing (`{filename,size,mode,mtime}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionFileEntry {
    /// File name.
    pub filename: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<NumText>,
    /// Mode string (`-rw-r--r--`) or number.
    #[serde(default)]
    pub mode: Option<Value>,
    /// Modification time (Unix seconds, possibly fractional).
    #[serde(default)]
    pub mtime: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `GET /session/{name}/files`: `files` is a JSON *string* of entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionFilesResponse {
    /// The entries, JSON-encoded as text by the server (or already a list).
    pub files: Value,
    /// Errors reported by the agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SessionFilesResponse {
    /// Decodes `files` (a JSON string or a list) into entries.
    pub fn entries(&self) -> Result<Vec<SessionFileEntry>, serde_json::Error> {
        match &self.files {
            Value::String(s) => serde_json::from_str(s),
            other => serde_json::from_value(other.clone()),
        }
    }
}

/// Cursor position for code completion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CompleteOptions {
    /// Row.
    pub row: i64,
    /// Column.
    pub col: i64,
    /// Current line.
    pub line: String,
    /// Text after the cursor.
    pub post: String,
}

/// `GET /session/<name>/files`: the listing and any errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileListing {
    /// Entries (decoded from the JSON string the manager sends).
    pub files: Vec<SessionFileEntry>,
    /// Errors reported by the agent.
    #[serde(default)]
    pub errors: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /session/_/logs?taskId=` and `/session/<name>/logs` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionLogs {
    /// `{"logs": "<text>"}`.
    #[serde(default)]
    pub result: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SessionLogs {
    /// The container log text (`result.logs`), when present.
    pub fn text(&self) -> Option<&str> {
        self.result.as_ref()?.get("logs")?.as_str()
    }
}

/// A client → server PTY frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum PtyRequest {
    /// Keyboard input, base64 of the bytes.
    Stdin {
        /// Base64 bytes.
        chars: String,
    },
    /// Terminal size change.
    Resize {
        /// Rows.
        rows: u16,
        /// Columns.
        cols: u16,
    },
    /// Keep-alive.
    Ping,
    /// Restart the terminal process.
    Restart,
}

/// `POST /session/{name}/commit` (201): the background task writing the main kernel's
/// container to a tar file (`GET /session/_/logs?taskId=` follows it).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CommitResult {
    /// The background task id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bgtask_id: Option<String>,
    /// The committed kernel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    /// Where the agent writes the tar file (`<email>/<time>_<session>_<image>.tar.gz`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /session/{name}/dependency-graph`: a session and, recursively, the sessions it
/// depends on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DependencyGraph {
    /// Session id.
    #[serde(default)]
    pub session_id: String,
    /// Session name.
    #[serde(default)]
    pub session_name: String,
    /// Main kernel status as the manager prints it (`KernelStatus.RUNNING`).
    #[serde(default)]
    pub status: String,
    /// When the status changed (`2024-05-06 07:08:09.123456+00:00`, or `None`).
    #[serde(default)]
    pub status_changed: String,
    /// The sessions this one depends on.
    #[serde(default)]
    pub depends_on: Vec<DependencyGraph>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /session/{name}/abusing-report`: `{}` when the main kernel has no report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AbusingReport {
    /// The reported kernel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    /// The report (`detected`, `cleaning`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abuse_report: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A session's status transitions: status name → when it was entered (ISO 8601),
/// `{"PENDING": "...", "SCHEDULED": "...", ...}`.
pub type StatusHistory = OrderedMap<String>;
