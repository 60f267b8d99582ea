//! Parameters and response types of the session group.
//!
//! Response types keep every field the server sends that they do not name in `extra`, so a
//! newer manager never breaks decoding.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use backendai_core::dto::{
    ConsoleItem, DestroyResponse, ExecutionOptions as BatchOptions, ExecutionResult as ExecResult,
    ExecutionStatus as ExecStatus, ServicePort as AppInfo, SessionCreateResponse as CreatedSession,
    SessionEventData, SessionFileEntry, SessionStatus, StartServiceResponse as ServiceAccess,
};

/// `GET /session/<name>`: the session's information (the core DTO). The 23.09 manager sends the
/// slot fields as Python repr text (`"{'cpu': Decimal('1'), ...}"`); they are read into
/// [`ResourceSlots`](backendai_core::dto::ResourceSlots) without ever failing the decode.
pub use backendai_core::dto::SessionInfo;
pub use backendai_core::dto::{CompleteOptions, FileListing, SessionLogs};

/// Conveniences on an execution result.
pub trait ExecResultExt {
    /// Concatenated text of the console items of `kind` (e.g. `"stdout"`).
    fn console_text(&self, kind: &str) -> String;
    /// True when the run ended (`finished`).
    fn is_finished(&self) -> bool;
}

impl ExecResultExt for ExecResult {
    fn console_text(&self, kind: &str) -> String {
        self.console
            .iter()
            .filter(|c| c.kind == kind)
            .filter_map(|c| c.data.as_str())
            .collect()
    }

    fn is_finished(&self) -> bool {
        self.status == ExecStatus::Finished
    }
}

/// A reference to one compute session: its name (or id) and, for administrators acting on
/// someone else's session, the owner's access key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionRef {
    /// Session name, used in `/session/<name>/...` paths.
    pub name: String,
    /// Session UUID when known (used for `/stream/...` and events on v5+).
    pub id: Option<String>,
    /// Owner's access key; adds `?owner_access_key=` to per-session calls.
    pub owner_access_key: Option<String>,
}

impl SessionRef {
    /// A session addressed by name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            id: None,
            owner_access_key: None,
        }
    }

    /// Sets the owner access key (administrators acting for another user).
    pub fn owner(mut self, access_key: impl Into<String>) -> Self {
        self.owner_access_key = Some(access_key.into());
        self
    }

    /// Sets the session UUID (the streams then address the session by id).
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

impl From<&str> for SessionRef {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl From<String> for SessionRef {
    fn from(name: String) -> Self {
        Self::new(name)
    }
}

impl From<&String> for SessionRef {
    fn from(name: &String) -> Self {
        Self::new(name.as_str())
    }
}

/// Session type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionType {
    /// Interactive (default): stays up until destroyed.
    #[default]
    Interactive,
    /// Batch: runs the startup command, then terminates.
    Batch,
    /// Inference (model serving).
    Inference,
}

impl SessionType {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionType::Interactive => "interactive",
            SessionType::Batch => "batch",
            SessionType::Inference => "inference",
        }
    }
}

/// Cluster mode of a multi-container session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClusterMode {
    /// All containers on one agent (default).
    #[default]
    SingleNode,
    /// Containers spread across agents.
    MultiNode,
}

impl ClusterMode {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterMode::SingleNode => "single-node",
            ClusterMode::MultiNode => "multi-node",
        }
    }
}

/// Parameters of [`Sessions::get_or_create`](super::Sessions::get_or_create).
///
/// Defaults match the Python SDK: interactive, reuse an existing session of the same name,
/// cluster size 1, single-node, architecture `x86_64`, domain/group from the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateParams {
    /// Image reference (`python:3.9-ubuntu20.04` or a full registry path).
    pub image: String,
    /// Session name (4–64 chars); `None` lets the SDK pick `pysdk-<random>`.
    pub name: Option<String>,
    /// Session type.
    pub session_type: SessionType,
    /// Return right after enqueueing instead of waiting for the start.
    pub enqueue_only: bool,
    /// Seconds to wait for the start (0 = server default).
    pub max_wait: u64,
    /// Fail if a session of the same name exists (sends `reuseIfExists: false`).
    pub no_reuse: bool,
    /// Vfolder names to mount (the configuration's `vfolder_mounts` are appended).
    pub mounts: Vec<String>,
    /// Vfolder name → mount path inside the container.
    pub mount_map: Map<String, Value>,
    /// Environment variables.
    pub envs: Map<String, Value>,
    /// Startup command (batch sessions).
    pub startup_command: Option<String>,
    /// Resource slots, values sent exactly as given (`"mem": "4g"`).
    pub resources: Map<String, Value>,
    /// Resource options (`shmem`, ...).
    pub resource_opts: Map<String, Value>,
    /// Number of containers.
    pub cluster_size: u32,
    /// Cluster mode.
    pub cluster_mode: ClusterMode,
    /// Domain; `None` = configuration's domain.
    pub domain: Option<String>,
    /// Group (project); `None` = configuration's group.
    pub group: Option<String>,
    /// Scaling group (resource group).
    pub scaling_group: Option<String>,
    /// Free-form tag.
    pub tag: Option<String>,
    /// Create on behalf of this access key (administrators).
    pub owner_access_key: Option<String>,
    /// Bootstrap script run once at start.
    pub bootstrap_script: Option<String>,
    /// Sessions (names or ids) that must finish first; `None` sends `null`.
    pub dependencies: Option<Vec<String>>,
    /// Start no earlier than this (ISO date-time or a relative time such as `"1h"`).
    pub starts_at: Option<String>,
    /// URL the manager calls on session status changes.
    pub callback_url: Option<String>,
    /// Image architecture.
    pub architecture: String,
    /// Container ports to pre-open.
    pub preopen_ports: Option<Vec<u16>>,
    /// Agents to place the session on (administrators).
    pub assign_agent: Option<Vec<String>>,
}

impl CreateParams {
    /// Parameters for `image` with every other value at its default.
    pub fn new(image: impl Into<String>) -> Self {
        Self {
            image: image.into(),
            name: None,
            session_type: SessionType::Interactive,
            enqueue_only: false,
            max_wait: 0,
            no_reuse: false,
            mounts: Vec::new(),
            mount_map: Map::new(),
            envs: Map::new(),
            startup_command: None,
            resources: Map::new(),
            resource_opts: Map::new(),
            cluster_size: 1,
            cluster_mode: ClusterMode::SingleNode,
            domain: None,
            group: None,
            scaling_group: None,
            tag: None,
            owner_access_key: None,
            bootstrap_script: None,
            dependencies: None,
            starts_at: None,
            callback_url: None,
            architecture: "x86_64".to_owned(),
            preopen_ports: None,
            assign_agent: None,
        }
    }

    /// Sets the session name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the session type.
    pub fn session_type(mut self, t: SessionType) -> Self {
        self.session_type = t;
        self
    }

    /// Only enqueue, do not wait for the start.
    pub fn enqueue_only(mut self, yes: bool) -> Self {
        self.enqueue_only = yes;
        self
    }

    /// Seconds to wait for the start.
    pub fn max_wait(mut self, seconds: u64) -> Self {
        self.max_wait = seconds;
        self
    }

    /// Refuse to reuse an existing session of the same name.
    pub fn no_reuse(mut self, yes: bool) -> Self {
        self.no_reuse = yes;
        self
    }

    /// Adds a vfolder mount.
    pub fn mount(mut self, vfolder: impl Into<String>) -> Self {
        self.mounts.push(vfolder.into());
        self
    }

    /// Mounts `vfolder` at `path` (also adds it to the mounts).
    pub fn mount_at(mut self, vfolder: impl Into<String>, path: impl Into<String>) -> Self {
        let vfolder = vfolder.into();
        if !self.mounts.contains(&vfolder) {
            self.mounts.push(vfolder.clone());
        }
        self.mount_map.insert(vfolder, Value::String(path.into()));
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.envs.insert(key.into(), Value::String(value.into()));
        self
    }

    /// Sets the startup command.
    pub fn startup_command(mut self, cmd: impl Into<String>) -> Self {
        self.startup_command = Some(cmd.into());
        self
    }

    /// Sets one resource slot (value sent as typed, e.g. `"4g"`).
    pub fn resource(mut self, slot: impl Into<String>, value: impl Into<String>) -> Self {
        self.resources
            .insert(slot.into(), Value::String(value.into()));
        self
    }

    /// Sets one resource option (e.g. `shmem`).
    pub fn resource_opt(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.resource_opts
            .insert(key.into(), Value::String(value.into()));
        self
    }

    /// Sets the cluster size and mode.
    pub fn cluster(mut self, size: u32, mode: ClusterMode) -> Self {
        self.cluster_size = size;
        self.cluster_mode = mode;
        self
    }

    /// Sets the domain.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Sets the group (project).
    pub fn group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }

    /// Sets the scaling group.
    pub fn scaling_group(mut self, sgroup: impl Into<String>) -> Self {
        self.scaling_group = Some(sgroup.into());
        self
    }

    /// Sets the tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    /// Creates the session for another access key.
    pub fn owner_access_key(mut self, ak: impl Into<String>) -> Self {
        self.owner_access_key = Some(ak.into());
        self
    }

    /// Sets the bootstrap script.
    pub fn bootstrap_script(mut self, script: impl Into<String>) -> Self {
        self.bootstrap_script = Some(script.into());
        self
    }

    /// Sets the sessions this one depends on.
    pub fn dependencies(mut self, deps: Vec<String>) -> Self {
        self.dependencies = Some(deps);
        self
    }

    /// Sets the earliest start time.
    pub fn starts_at(mut self, when: impl Into<String>) -> Self {
        self.starts_at = Some(when.into());
        self
    }

    /// Sets the status callback URL.
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// Sets the image architecture.
    pub fn architecture(mut self, arch: impl Into<String>) -> Self {
        self.architecture = arch.into();
        self
    }
}

/// Parameters of [`Sessions::create_from_template`](super::Sessions::create_from_template).
///
/// Unset (`None`) values are left out of the body so the template's values apply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TemplateParams {
    /// Template UUID.
    pub template_id: String,
    /// Session name; `None` lets the SDK pick `pysdk-<random>`.
    pub name: Option<String>,
    /// Session type.
    pub session_type: Option<SessionType>,
    /// Earliest start time (sent as `null` when unset).
    pub starts_at: Option<String>,
    /// Only enqueue.
    pub enqueue_only: Option<bool>,
    /// Seconds to wait for the start.
    pub max_wait: Option<u64>,
    /// Dependencies (sent as `null` when unset).
    pub dependencies: Option<Vec<String>>,
    /// Status callback URL.
    pub callback_url: Option<String>,
    /// Refuse reuse (`reuseIfExists` = not this; default reuse).
    pub no_reuse: Option<bool>,
    /// Image override.
    pub image: Option<String>,
    /// Mounts (replace the template's; configuration mounts appended).
    pub mounts: Vec<String>,
    /// Mount map override.
    pub mount_map: Option<Map<String, Value>>,
    /// Environment override.
    pub envs: Option<Map<String, Value>>,
    /// Startup command override.
    pub startup_command: Option<String>,
    /// Resources override.
    pub resources: Option<Map<String, Value>>,
    /// Resource options override.
    pub resource_opts: Option<Map<String, Value>>,
    /// Cluster size override.
    pub cluster_size: Option<u32>,
    /// Cluster mode override.
    pub cluster_mode: Option<ClusterMode>,
    /// Domain; `None` = configuration's domain.
    pub domain: Option<String>,
    /// Group; `None` = configuration's group.
    pub group: Option<String>,
    /// Bootstrap script override.
    pub bootstrap_script: Option<String>,
    /// Tag override.
    pub tag: Option<String>,
    /// Scaling group override.
    pub scaling_group: Option<String>,
    /// Owner access key.
    pub owner_access_key: Option<String>,
}

impl TemplateParams {
    /// Parameters for a template with nothing overridden.
    pub fn new(template_id: impl Into<String>) -> Self {
        Self {
            template_id: template_id.into(),
            ..Self::default()
        }
    }

    /// Sets the session name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Options of [`Session::destroy`](super::Session::destroy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DestroyOptions {
    /// Force termination (`forced=true`).
    pub forced: bool,
    /// Also destroy dependent sessions (`recursive=true`).
    pub recursive: bool,
}

/// An execution step sent to `POST /session/<name>`.
#[derive(Debug, Clone, PartialEq)]
pub enum ExecMode {
    /// Run a code snippet.
    Query,
    /// Run build/exec/clean commands (batch).
    Batch(BatchOptions),
    /// Continue a run that answered `continued`.
    Continue,
    /// Send user input to a run that answered `waiting-input`.
    Input,
}

impl ExecMode {
    /// The wire value of `mode`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ExecMode::Query => "query",
            ExecMode::Batch(_) => "batch",
            ExecMode::Continue => "continue",
            ExecMode::Input => "input",
        }
    }
}

/// Options of [`Session::start_service`](super::Session::start_service).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StartServiceOptions {
    /// Container port (secondary ports).
    pub port: Option<u16>,
    /// Environment for the app (sent as a JSON string).
    pub envs: Option<Map<String, Value>>,
    /// Arguments for the app (sent as a JSON string).
    pub arguments: Option<Map<String, Value>>,
    /// Login session token (webserver).
    pub login_session_token: Option<String>,
}

/// Parameters of the paginated session list (`compute_session_list`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    /// Status filter (`RUNNING`, `PENDING,RUNNING`, ...).
    pub status: Option<String>,
    /// Access key filter (administrators).
    pub access_key: Option<String>,
    /// Query-language filter (v6.20210815+).
    pub filter: Option<String>,
    /// Order expression (v6.20210815+).
    pub order: Option<String>,
    /// Page offset.
    pub offset: u32,
    /// Page size (1–100).
    pub limit: u32,
    /// Fields selected per item.
    pub fields: Vec<String>,
}

/// The fields the Python SDK selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "id",
    "image",
    "type",
    "status",
    "status_info",
    "status_changed",
    "result",
    "abusing_reports",
];

/// The fields the 23.09 CLI's `ps` selects (its default columns, in order).
pub const CLI_LIST_FIELDS: &[&str] = &[
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

/// The fields `ps --detail` selects after [`CLI_LIST_FIELDS`].
pub const CLI_DETAIL_FIELDS: &[&str] = &["tag", "created_at", "occupying_slots"];

/// The fields a live status view needs (name, id, status and its reason).
pub const STATUS_FIELDS: &[&str] = &["name", "id", "status", "status_info"];

/// The statuses the 23.09 CLI lists when none is asked for (sessions not yet gone).
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

/// Every session status (`ps --all`, `-s ALL`).
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

impl ListParams {
    /// A page of sessions in `statuses` with the fields `fields`.
    pub fn selecting(statuses: &[&str], fields: &[&str]) -> Self {
        Self {
            status: Some(statuses.join(",")),
            fields: fields.iter().map(|s| (*s).to_owned()).collect(),
            ..Self::default()
        }
    }
}

impl Default for ListParams {
    fn default() -> Self {
        Self {
            status: None,
            access_key: None,
            filter: None,
            order: None,
            offset: 0,
            limit: 20,
            fields: DEFAULT_LIST_FIELDS
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
        }
    }
}

/// One page of a paginated list.
pub type Page<T> = crate::paginate::PaginatedResult<T>;

/// Result of a download: the names extracted into the destination directory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Downloaded {
    /// Archive member names in extraction order.
    pub file_names: Vec<String>,
}

/// Lifecycle event scope for [`Session::events`](super::Session::events).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventScope {
    /// Session and kernel events.
    #[default]
    All,
    /// Session events only.
    Session,
    /// Kernel events only.
    Kernel,
}

impl EventScope {
    /// The wire value of `scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventScope::All => "*",
            EventScope::Session => "session",
            EventScope::Kernel => "kernel",
        }
    }
}

/// One session lifecycle event from `GET /events/session`.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionEvent {
    /// Event name (`session_started`, ..., `server_close`).
    pub name: String,
    /// Parsed data (default when the data is empty or not a JSON object).
    pub data: SessionEventData,
    /// The raw data text.
    pub raw: String,
}

impl SessionEvent {
    /// Builds a typed event from a raw SSE event.
    pub fn from_sse(ev: backendai_core::sse::SseEvent) -> Self {
        let data = serde_json::from_str(&ev.data).unwrap_or_default();
        Self {
            name: ev.event,
            data,
            raw: ev.data,
        }
    }

    /// The session status this lifecycle event implies (`kernel_pulling` → `PULLING`,
    /// `session_started` → `RUNNING`, ...); `None` for events that change no status.
    pub fn implied_status(&self) -> Option<&'static str> {
        Some(match self.name.as_str() {
            "session_enqueued" => "PENDING",
            "session_scheduled" => "SCHEDULED",
            "session_preparing" | "kernel_preparing" | "kernel_creating" => "PREPARING",
            "kernel_pulling" => "PULLING",
            "session_started" | "kernel_started" => "RUNNING",
            "session_terminating" | "kernel_terminating" => "TERMINATING",
            "session_terminated" | "session_success" | "session_failure" => "TERMINATED",
            "session_cancelled" | "kernel_cancelled" => "CANCELLED",
            _ => return None,
        })
    }

    /// True for events after which the session is gone (`session_terminated`,
    /// `session_cancelled`, `session_success`, `session_failure`).
    pub fn is_final(&self) -> bool {
        matches!(
            self.name.as_str(),
            "session_terminated" | "session_cancelled" | "session_success" | "session_failure"
        )
    }

    /// True when the session's batch task failed (`session_failure`; its exit code, if
    /// sent, is in [`SessionEventData::exit_code`]).
    pub fn is_failure(&self) -> bool {
        self.name == "session_failure"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str, data: &str) -> SessionEvent {
        SessionEvent::from_sse(backendai_core::sse::SseEvent {
            event: name.to_owned(),
            data: data.to_owned(),
            id: None,
            retry: None,
        })
    }

    #[test]
    fn lifecycle_events_imply_statuses() {
        assert_eq!(
            event("kernel_pulling", "{}").implied_status(),
            Some("PULLING")
        );
        assert_eq!(
            event("session_started", "{}").implied_status(),
            Some("RUNNING")
        );
        assert_eq!(
            event("session_failure", "{}").implied_status(),
            Some("TERMINATED")
        );
        assert_eq!(event("something_else", "{}").implied_status(), None);
        let failed = event("session_failure", r#"{"exitCode": 3}"#);
        assert!(failed.is_failure() && failed.is_final());
        assert_eq!(failed.data.exit_code, Some(3));
        assert!(!event("session_success", "{}").is_failure());
    }

    #[test]
    fn selecting_sets_statuses_and_fields() {
        let p = ListParams::selecting(DEFAULT_STATUSES, STATUS_FIELDS);
        assert_eq!(
            p.status.as_deref(),
            Some(DEFAULT_STATUSES.join(",").as_str())
        );
        assert_eq!(p.fields, ["name", "id", "status", "status_info"]);
        assert_eq!(p.limit, ListParams::default().limit);
    }
}
