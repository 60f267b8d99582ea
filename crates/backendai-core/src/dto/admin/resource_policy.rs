//! Keypair resource policies (GraphQL `keypair_resource_policy`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A keypair resource policy. Every field is optional; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeypairResourcePolicy {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Resource limits.
    #[serde(default)]
    pub total_resource_slots: Option<Value>,
    /// Concurrent session limit.
    #[serde(default)]
    pub max_concurrent_sessions: Option<i64>,
    /// Vfolder count limit (deprecated).
    #[serde(default)]
    pub max_vfolder_count: Option<i64>,
    /// Vfolder size limit (deprecated).
    #[serde(default)]
    pub max_vfolder_size: Option<Value>,
    /// Idle timeout in seconds.
    #[serde(default)]
    pub idle_timeout: Option<i64>,
    /// Containers per session limit.
    #[serde(default)]
    pub max_containers_per_session: Option<i64>,
    /// Allowed vfolder hosts and permissions.
    #[serde(default)]
    pub allowed_vfolder_hosts: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Options of `create_keypair_resource_policy` (all required by the server except the hosts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourcePolicyCreate {
    /// `LIMITED` or `UNLIMITED` for slots not in `total_resource_slots`.
    pub default_for_unspecified: String,
    /// Resource limits (JSON string, e.g. `{"cpu": "4", "mem": "8g"}`).
    pub total_resource_slots: String,
    /// Session lifetime limit in seconds (0 = unlimited).
    pub max_session_lifetime: i64,
    /// Concurrent session limit.
    pub max_concurrent_sessions: i64,
    /// Concurrent SFTP session limit.
    pub max_concurrent_sftp_sessions: i64,
    /// Containers per session limit.
    pub max_containers_per_session: i64,
    /// Idle timeout in seconds.
    pub idle_timeout: i64,
    /// Allowed vfolder hosts and permissions (JSON string; sent when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_vfolder_hosts: Option<String>,
    /// Vfolder count limit (deprecated since 23.09.4, sent when set). A 23.09.10 manager
    /// stores it in a NOT NULL column without a default, so a create without it fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_vfolder_count: Option<i64>,
    /// Vfolder size limit (deprecated since 23.09.4, sent when set; needed like
    /// `max_vfolder_count`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_vfolder_size: Option<i64>,
}

/// Options of `modify_keypair_resource_policy`: only the fields that are set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ResourcePolicyUpdate {
    /// `LIMITED` / `UNLIMITED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_for_unspecified: Option<String>,
    /// Resource limits (JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_resource_slots: Option<String>,
    /// Session lifetime limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_lifetime: Option<i64>,
    /// Concurrent session limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_concurrent_sessions: Option<i64>,
    /// Concurrent SFTP session limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_concurrent_sftp_sessions: Option<i64>,
    /// Containers per session limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_containers_per_session: Option<i64>,
    /// Idle timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<i64>,
    /// Allowed vfolder hosts (JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_vfolder_hosts: Option<String>,
    /// Vfolder count limit (deprecated since 23.09.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_vfolder_count: Option<i64>,
    /// Vfolder size limit (deprecated since 23.09.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_vfolder_size: Option<i64>,
}
