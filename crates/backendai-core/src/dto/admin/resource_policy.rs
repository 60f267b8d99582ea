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
