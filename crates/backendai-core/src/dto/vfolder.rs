//! Virtual-folder DTOs.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, NumText, OrderedMap};

/// The answer of `POST /folders` (folder creation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VFolderCreated {
    /// Folder id (hex UUID).
    pub id: String,
    /// Folder name.
    pub name: String,
    /// Storage host.
    #[serde(default)]
    pub host: Option<String>,
    /// Quota scope (`user:<uuid>` / `project:<uuid>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_scope_id: Option<String>,
    /// `general`, `model`, `data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_mode: Option<String>,
    /// `ro`, `rw`, `wd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// Size limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<NumText>,
    /// Creator email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// `user` or `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership_type: Option<String>,
    /// Owner user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Owner group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Whether it can be cloned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloneable: Option<bool>,
    /// Status (`ready`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An item of `GET /folders`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VFolderListItem {
    /// Folder name.
    pub name: String,
    /// Folder id (hex).
    pub id: String,
    /// Storage host.
    #[serde(default)]
    pub host: Option<String>,
    /// Quota scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_scope_id: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Usage mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_mode: Option<String>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Whether the caller owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_owner: Option<bool>,
    /// Caller's permission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// Owner user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Owner group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Creator email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Owner email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    /// Owner group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// `user` or `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership_type: Option<String>,
    /// Legacy ownership field.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub folder_type: Option<String>,
    /// Whether it can be cloned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloneable: Option<bool>,
    /// File count limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_files: Option<NumText>,
    /// Size limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<NumText>,
    /// Current size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cur_size: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /folders/{name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VFolderInfo {
    /// Folder name.
    pub name: String,
    /// Folder id.
    pub id: String,
    /// Storage host.
    #[serde(default)]
    pub host: Option<String>,
    /// Quota scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_scope_id: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Number of files (`numFiles`; 23.09 also sends `num_files`).
    #[serde(rename = "numFiles", default, skip_serializing_if = "Option::is_none")]
    pub num_files: Option<NumText>,
    /// Used bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_bytes: Option<NumText>,
    /// Creation time (legacy name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last use time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used: Option<String>,
    /// Owner user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Owner group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `user` or `group`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub folder_type: Option<String>,
    /// Whether the caller owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_owner: Option<bool>,
    /// Caller's permission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// Usage mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_mode: Option<String>,
    /// Whether it can be cloned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloneable: Option<bool>,
    /// Size limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<NumText>,
    /// Current size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cur_size: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl VFolderInfo {
    /// Number of files, from `numFiles` or (when that is missing or not a count) `num_files`.
    pub fn file_count(&self) -> Option<u64> {
        self.num_files
            .as_ref()
            .and_then(NumText::to_bytes)
            .and_then(|n| u64::try_from(n).ok())
            .or_else(|| self.extra.get("num_files").and_then(Value::as_u64))
    }
}

/// A file entry of a vfolder listing (`GET /folders/{name}/files` → `{"items": [...]}`; older
/// servers send `{"files": "<JSON text>"}` with `filename`/`mtime`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VFolderFileEntry {
    /// Entry name (`filename` on older servers).
    #[serde(alias = "filename")]
    pub name: String,
    /// `FILE`, `DIRECTORY`, `SYMLINK`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub entry_type: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<NumText>,
    /// Mode (string or number).
    #[serde(default)]
    pub mode: Option<Value>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Value>,
    /// Modification time (`mtime` on older servers).
    #[serde(alias = "mtime", default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A vfolder invitation (`GET /folders/invitations/list` → `{"invitations": [...]}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VFolderInvitation {
    /// Invitation id.
    pub id: String,
    /// Inviter email.
    #[serde(default)]
    pub inviter: Option<String>,
    /// Invitee email.
    #[serde(default)]
    pub invitee: Option<String>,
    /// Offered permission.
    #[serde(default)]
    pub perm: Option<String>,
    /// `pending`, `accepted`, ...
    #[serde(default)]
    pub state: Option<String>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Modification time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<String>,
    /// Folder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vfolder_id: Option<String>,
    /// Folder name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vfolder_name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /folders/_/fstab`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fstab {
    /// The fstab text.
    pub content: String,
    /// `manager` or `agent`.
    #[serde(default)]
    pub node: Option<String>,
    /// Agent id when `node` is `agent`.
    #[serde(default)]
    pub node_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /folders/_/hosts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VFolderHosts {
    /// Default host.
    #[serde(default)]
    pub default: Option<String>,
    /// Hosts the caller may use.
    #[serde(default)]
    pub allowed: Vec<String>,
    /// Per-host volume info (23.09+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_info: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `request-upload` / `request-download`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransferToken {
    /// JWT for the storage proxy.
    pub token: String,
    /// Storage-proxy URL.
    pub url: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `GET /folders/_/shared`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SharedVFolder {
    /// Folder id.
    #[serde(default)]
    pub vfolder_id: String,
    /// Folder name.
    #[serde(default)]
    pub vfolder_name: String,
    /// Status.
    #[serde(default)]
    pub status: Option<String>,
    /// Owner.
    #[serde(default)]
    pub owner: Option<String>,
    /// `user` or `project`.
    #[serde(default, rename = "type")]
    pub type_: Option<String>,
    /// `{"uuid","email"}` of the user it is shared to.
    #[serde(default)]
    pub shared_to: Option<Value>,
    /// Permission.
    #[serde(default)]
    pub perm: Option<String>,
    /// Every other field, kept.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A node of the GraphQL folder lists (`vfolder_list`, `vfolder_own_list`,
/// `vfolder_invited_list`, `vfolder_project_list`): only the selected fields are present.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VFolderNode {
    /// Folder id (GraphQL global id or UUID, as selected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Storage host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Folder name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Creator e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Owner group (project) id; absent for user folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Permission (`ro`, `rw`, `wd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// `user` or `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership_type: Option<String>,
    /// Status (`ready`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Other selected fields (`user`, `usage_mode`, `max_size`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `POST /folders/{name}/share`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VFolderShared {
    /// E-mails the folder is now shared with.
    #[serde(default)]
    pub shared_emails: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `DELETE /folders/{name}/unshare`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VFolderUnshared {
    /// E-mails the folder is no longer shared with.
    #[serde(default)]
    pub unshared_emails: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A `{"msg": ...}` answer (`leave`, `POST /folders/_/shared`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VFolderMessage {
    /// The server's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The mount state of one node in the `/folders/_/mounts` answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeMounts {
    /// Whether the node answered (or the operation succeeded on it).
    #[serde(default)]
    pub success: bool,
    /// Mounts: paths (manager), `[host, path]` pairs (storage-proxy), what an agent's watcher
    /// reports; absent in mount/unmount answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mounts: Option<Vec<Value>>,
    /// The node's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `GET`, `POST` and `DELETE /folders/_/mounts` (superadmin).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HostMounts {
    /// The manager (no mount points since 20.09).
    #[serde(default)]
    pub manager: NodeMounts,
    /// The storage proxies' volumes (`GET` only).
    #[serde(
        rename = "storage-proxy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub storage_proxy: Option<NodeMounts>,
    /// Each alive agent whose watcher answered, by agent id.
    #[serde(default)]
    pub agents: OrderedMap<NodeMounts>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The performance figures of a storage volume (storage-proxy `FSPerfMetric`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumePerfMetric {
    /// Read operations per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops_read: Option<NumText>,
    /// Write operations per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops_write: Option<NumText>,
    /// Bytes read per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_bytes_read: Option<NumText>,
    /// Bytes written per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_bytes_write: Option<NumText>,
    /// Read latency in microseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_usec_read: Option<NumText>,
    /// Write latency in microseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_usec_write: Option<NumText>,
    /// Other figures.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `GET /folders/_/perf-metric`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolumePerf {
    /// The figures.
    #[serde(default)]
    pub metric: VolumePerfMetric,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_answer_keeps_nodes_in_order_and_unknown_fields() {
        let text = r#"{"manager":{"success":true,"mounts":["/v"],"message":"(legacy)"},
            "storage-proxy":{"success":true,"mounts":[["local:volume1","/v"]],"message":""},
            "agents":{"i-b":{"success":false,"mounts":[],"message":"x"},"i-a":{"success":true}},
            "new":1}"#;
        let m: HostMounts = serde_json::from_str(text).unwrap();
        assert_eq!(
            m.storage_proxy
                .as_ref()
                .unwrap()
                .mounts
                .as_ref()
                .unwrap()
                .len(),
            1
        );
        let ids: Vec<&str> = m.agents.iter().map(|(k, _)| k).collect();
        assert_eq!(ids, ["i-b", "i-a"]);
        assert_eq!(m.extra["new"], 1);
        let back = serde_json::to_value(&m).unwrap();
        assert_eq!(back["storage-proxy"]["mounts"][0][0], "local:volume1");
    }

    #[test]
    fn perf_metric_keeps_exact_numbers() {
        let p: VolumePerf = serde_json::from_str(
            r#"{"metric":{"iops_read":3,"io_usec_read":0.25,"io_bytes_read":"1099511627776","x":1}}"#,
        )
        .unwrap();
        assert_eq!(p.metric.io_usec_read.unwrap().to_f64(), Some(0.25));
        assert_eq!(p.metric.io_bytes_read.unwrap().to_bytes(), Some(1 << 40));
        assert_eq!(p.metric.extra["x"], 1);
    }
}
