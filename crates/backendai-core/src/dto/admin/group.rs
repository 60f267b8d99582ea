//! Groups, i.e. projects (GraphQL `group`, `groups`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A group (project). Every field is optional; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// UUID.
    #[serde(default)]
    pub id: Option<String>,
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
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
    /// Resource limits.
    #[serde(default)]
    pub total_resource_slots: Option<Value>,
    /// Allowed vfolder hosts.
    #[serde(default)]
    pub allowed_vfolder_hosts: Option<Value>,
    /// External integration id.
    #[serde(default)]
    pub integration_id: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
