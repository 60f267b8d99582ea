//! Model deployments of the 26.9 manager (`/deployments`, `ai.backend.common.dto.manager.
//! deployment`): deployments, their revisions, routes and rollout policy. Request bodies are
//! in `deployment_requests.rs`, auto-scaling rules in `auto_scaling.rs`.
//!
//! IDs and timestamps are kept as the text the server sends; status strings stay strings
//! (`READY`, `HEALTHY`, `ACTIVE`, ...), so a status added by a newer server still decodes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::Extra;
use super::search_query::Pagination;
use super::v26_paging::CursorPageInfo;

/// One deployment (`DeploymentDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    /// Deployment ID.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// `ModelDeploymentStatus` (`PENDING`, `READY`, `SCALING`, `DEPLOYING`, ...).
    #[serde(default)]
    pub status: String,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Project (group) ID.
    #[serde(default)]
    pub project_id: String,
    /// Domain name.
    #[serde(default)]
    pub domain_name: String,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The user who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_user_id: Option<String>,
    /// URL and visibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_config: Option<NetworkConfig>,
    /// Desired and current replicas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_state: Option<ReplicaState>,
    /// `ROLLING` or `BLUE_GREEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_deployment_strategy: Option<String>,
    /// The active revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_revision: Option<Revision>,
    /// The rollout policy, when one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_policy: Option<DeploymentPolicy>,
    /// Current sub-step (`provisioning`, `rolling_back`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_step: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a deployment is reachable (`NetworkConfigDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkConfig {
    /// Reachable without a token.
    #[serde(default)]
    pub open_to_public: bool,
    /// Service URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Preferred domain name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_domain_name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Replica counts (`ReplicaStateDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplicaState {
    /// Replicas wanted.
    #[serde(default)]
    pub desired_replica_count: u64,
    /// Replicas (routes) that exist.
    #[serde(default)]
    pub replica_ids: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One revision of a deployment (`RevisionDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    /// Revision ID.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Cluster mode and size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_config: Option<ClusterConfig>,
    /// Resource group and slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_config: Option<ResourceConfig>,
    /// Runtime variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_runtime_config: Option<ModelRuntimeConfig>,
    /// Model folder mount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_mount_config: Option<ModelMountConfig>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Image ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Cluster mode and size (`ClusterConfigDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// `single-node` or `multi-node`.
    #[serde(default)]
    pub mode: String,
    /// Containers per replica.
    #[serde(default)]
    pub size: u64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Resource group and slots of a revision (`ResourceConfigDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceConfig {
    /// Resource group (scaling group).
    #[serde(default)]
    pub resource_group_name: String,
    /// Slots per replica, as sent.
    #[serde(default)]
    pub resource_slot: Map<String, Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Runtime of a revision (`ModelRuntimeConfigDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelRuntimeConfig {
    /// `custom`, `vllm`, `nim`, ...
    #[serde(default)]
    pub runtime_variant: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The model folder of a revision (`ModelMountConfigDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelMountConfig {
    /// Model vfolder ID.
    #[serde(default)]
    pub vfolder_id: String,
    /// Mount point in the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_destination: Option<String>,
    /// Model definition file inside the folder.
    #[serde(default)]
    pub definition_path: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One route (replica) of a deployment (`RouteDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Route {
    /// Route ID.
    pub id: String,
    /// The deployment (endpoint) it belongs to.
    #[serde(default)]
    pub endpoint_id: String,
    /// The session serving it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// `RouteStatus` (`PROVISIONING`, `HEALTHY`, `UNHEALTHY`, ...).
    #[serde(default)]
    pub status: String,
    /// Share of the traffic.
    #[serde(default)]
    pub traffic_ratio: f64,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// The revision it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<String>,
    /// `ACTIVE` or `INACTIVE`.
    #[serde(default)]
    pub traffic_status: String,
    /// Error details, if any.
    #[serde(default)]
    pub error_data: Map<String, Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The rollout policy of a deployment (`DeploymentPolicyDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentPolicy {
    /// Policy ID.
    #[serde(default)]
    pub id: String,
    /// The deployment.
    #[serde(default)]
    pub deployment_id: String,
    /// `ROLLING` or `BLUE_GREEN`.
    #[serde(default)]
    pub strategy: String,
    /// Strategy parameters (`max_surge`, `max_unavailable` or `auto_promote`, ...).
    #[serde(default)]
    pub strategy_spec: Map<String, Value>,
    /// Roll back to the last stable revision when health checks fail.
    #[serde(default)]
    pub rollback_on_failure: bool,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last update (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"deployment": ...}`: create, get and update answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentEnvelope {
    /// The deployment.
    pub deployment: Deployment,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"deployments": [...], "pagination": ...}`: the search answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentList {
    /// The page.
    #[serde(default)]
    pub deployments: Vec<Deployment>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"revision": ...}`: add and get answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionEnvelope {
    /// The revision.
    pub revision: Revision,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"revisions": [...], "pagination": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RevisionList {
    /// The page.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"routes": [...], "pagination": ...}` (cursor paging).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RouteList {
    /// The page.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Paging.
    #[serde(default)]
    pub pagination: CursorPageInfo,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"route": ...}`: the traffic-status answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteEnvelope {
    /// The updated route.
    pub route: Route,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"deployment_policy": ..., "created"?: bool}`: get and upsert answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentPolicyEnvelope {
    /// The policy.
    pub deployment_policy: DeploymentPolicy,
    /// Upsert only: true when the policy was created, false when an existing one changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<bool>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"deployment_policies": [...], "pagination": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentPolicyList {
    /// The page.
    #[serde(default)]
    pub deployment_policies: Vec<DeploymentPolicy>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
