//! Domains (GraphQL `domain`, `domains`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A domain. Every field is optional (depends on the selection); unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Active flag.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Resource limits.
    #[serde(default)]
    pub total_resource_slots: Option<Value>,
    /// Allowed vfolder hosts and permissions.
    #[serde(default)]
    pub allowed_vfolder_hosts: Option<Value>,
    /// Allowed docker registries.
    #[serde(default)]
    pub allowed_docker_registries: Option<Value>,
    /// External integration id.
    #[serde(default)]
    pub integration_id: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
