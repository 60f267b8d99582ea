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

/// Options of `create_domain` (`description = ""`, `is_active = true` by default; the rest
/// is only sent when set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainCreate {
    /// Description.
    pub description: String,
    /// Active flag.
    pub is_active: bool,
    /// Resource limits (JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_resource_slots: Option<String>,
    /// Allowed vfolder hosts (JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_vfolder_hosts: Option<String>,
    /// Allowed docker registries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_docker_registries: Option<Vec<String>>,
    /// External integration id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<String>,
}

impl Default for DomainCreate {
    fn default() -> Self {
        Self {
            description: String::new(),
            is_active: true,
            total_resource_slots: None,
            allowed_vfolder_hosts: None,
            allowed_docker_registries: None,
            integration_id: None,
        }
    }
}

/// Options of `modify_domain`: only the fields that are set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DomainUpdate {
    /// New name.
    #[serde(rename = "name", skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Active flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Resource limits (JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_resource_slots: Option<String>,
    /// Allowed vfolder hosts (JSON string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_vfolder_hosts: Option<String>,
    /// Allowed docker registries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_docker_registries: Option<Vec<String>>,
    /// External integration id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<String>,
}
