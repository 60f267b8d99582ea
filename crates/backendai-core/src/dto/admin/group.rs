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

/// Options of `create_group` (unset optional fields are sent as `null`, as the Python client
/// does). A 23.09 manager fails on a `null` `total_resource_slots` ("'NoneType' object has no
/// attribute 'items'"): set it (`"{}"` is what the Python CLI sends) for real use.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupCreate {
    /// Description.
    pub description: String,
    /// Active flag.
    pub is_active: bool,
    /// Resource limits (JSON string).
    pub total_resource_slots: Option<String>,
    /// Allowed vfolder hosts (JSON string).
    pub allowed_vfolder_hosts: Option<String>,
    /// External integration id.
    pub integration_id: Option<String>,
}

impl Default for GroupCreate {
    fn default() -> Self {
        Self {
            description: String::new(),
            is_active: true,
            total_resource_slots: None,
            allowed_vfolder_hosts: None,
            integration_id: None,
        }
    }
}

/// Options of `modify_group`: only the fields that are set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupUpdate {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
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
    /// External integration id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<String>,
}
