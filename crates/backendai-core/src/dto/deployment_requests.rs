//! Request bodies of the 26.9 deployment API (`CreateDeploymentRequest`,
//! `AddRevisionRequest`, `UpdateDeploymentRequest`, `UpdateRouteTrafficStatusRequest`,
//! `UpsertDeploymentPolicyRequest`). Optional fields left `None` are not sent (the server
//! applies its defaults); fields this client does not know are kept in `extra` and sent
//! back, so a configuration file written for a newer server passes through unchanged.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::Extra;

/// `POST /deployments`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateDeploymentRequest {
    /// Project, domain, name and tags.
    pub metadata: DeploymentMetadataInput,
    /// Visibility and preferred domain.
    #[serde(default)]
    pub network_access: NetworkAccessInput,
    /// Rollout strategy of later revisions.
    pub default_deployment_strategy: DeploymentStrategyInput,
    /// Replicas wanted.
    pub desired_replica_count: u32,
    /// The first revision (always activated).
    pub initial_revision: RevisionInput,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who owns a deployment and what it is called.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentMetadataInput {
    /// Project (group) ID.
    pub project_id: String,
    /// Domain name.
    pub domain_name: String,
    /// Name (generated when omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Visibility of a deployment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkAccessInput {
    /// Reachable without a token.
    #[serde(default)]
    pub open_to_public: bool,
    /// Preferred domain name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_domain_name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How new revisions are rolled out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentStrategyInput {
    /// `ROLLING` or `BLUE_GREEN`.
    #[serde(rename = "type")]
    pub type_: String,
    /// Rolling update limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateConfig>,
    /// Blue-green promotion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blue_green: Option<BlueGreenConfig>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Limits of a rolling update (server defaults: surge 1, unavailable 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollingUpdateConfig {
    /// Extra replicas allowed during the update.
    pub max_surge: u32,
    /// Replicas allowed to be unavailable during the update.
    pub max_unavailable: u32,
}

impl Default for RollingUpdateConfig {
    fn default() -> Self {
        Self {
            max_surge: 1,
            max_unavailable: 0,
        }
    }
}

/// Promotion of a blue-green rollout (server defaults: no auto promotion, no delay).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlueGreenConfig {
    /// Promote the new environment automatically.
    pub auto_promote: bool,
    /// Seconds to wait before an automatic promotion.
    pub promote_delay_seconds: u32,
}

/// A revision: what runs in each replica.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RevisionInput {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `{"mode": "single-node", "size": 1}`.
    pub cluster_config: Value,
    /// `{"resource_group": .., "resource_slots": {..}, "resource_opts"?: {..}}`.
    pub resource_config: Value,
    /// `{"id": IMAGE_ID}`.
    pub image: Value,
    /// `{"runtime_variant": "custom", ...}`.
    #[serde(default = "empty_object")]
    pub model_runtime_config: Value,
    /// `{"vfolder_id": .., "mount_destination": "/models", "definition_path": ..}`.
    pub model_mount_config: Value,
    /// Extra vfolder mounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_mounts: Option<Vec<Value>>,
    /// Other fields (`model_definition`, `auto_activate`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

fn empty_object() -> Value {
    Value::Object(Map::new())
}

/// `POST /deployments/{id}/revisions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddRevisionRequest {
    /// The revision.
    pub revision: RevisionInput,
}

/// `PATCH /deployments/{id}`: only the fields set are changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateDeploymentRequest {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New replica count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_replicas: Option<u32>,
}

/// `PATCH /deployments/{id}/routes/{route_id}/traffic-status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateRouteTrafficStatusRequest {
    /// `ACTIVE` or `INACTIVE`.
    pub traffic_status: String,
}

/// `PUT /deployments/{id}/policy`: creates or replaces the rollout policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpsertDeploymentPolicyRequest {
    /// `ROLLING` or `BLUE_GREEN`.
    pub strategy: String,
    /// Required with `ROLLING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateConfig>,
    /// Required with `BLUE_GREEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blue_green: Option<BlueGreenConfig>,
}
