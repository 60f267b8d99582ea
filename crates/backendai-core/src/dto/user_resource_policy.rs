//! User resource policies over the 26.9 REST API (`/admin/resource-policies/user...`,
//! `ai.backend.common.dto.manager.resource_policy`): per-user limits on vfolders, quota
//! scope size, model-service sessions and customized images.

use serde::{Deserialize, Serialize};

use super::common::Extra;
use super::search_query::{SearchRequest, StringFilter};

/// One user resource policy (`UserResourcePolicyDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserResourcePolicy {
    /// Policy name.
    pub name: String,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Max vfolders.
    pub max_vfolder_count: i64,
    /// Max quota scope size in bytes.
    pub max_quota_scope_size: i64,
    /// Max sessions per model service.
    pub max_session_count_per_model_session: i64,
    /// Max customized images.
    pub max_customized_image_count: i64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /admin/resource-policies/user` body; the Python client's defaults fill what is not
/// given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserResourcePolicyCreate {
    /// Policy name.
    pub name: String,
    /// Max vfolders (default 0).
    pub max_vfolder_count: i64,
    /// Max quota scope size in bytes (default 0).
    pub max_quota_scope_size: i64,
    /// Max sessions per model service (default 0).
    pub max_session_count_per_model_session: i64,
    /// Max customized images (default 3).
    pub max_customized_image_count: i64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl UserResourcePolicyCreate {
    /// A policy named `name` with the defaults of the 26.9 DTO.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            max_vfolder_count: 0,
            max_quota_scope_size: 0,
            max_session_count_per_model_session: 0,
            max_customized_image_count: 3,
            extra: Extra::new(),
        }
    }
}

/// `PATCH /admin/resource-policies/user/{name}` body: only the keys set change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserResourcePolicyUpdate {
    /// Max vfolders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vfolder_count: Option<i64>,
    /// Max quota scope size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_quota_scope_size: Option<i64>,
    /// Max sessions per model service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_count_per_model_session: Option<i64>,
    /// Max customized images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_customized_image_count: Option<i64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Conditions of a user-resource-policy search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserResourcePolicyFilter {
    /// Policy name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<StringFilter>,
    /// Other conditions.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A user-resource-policy search body.
pub type UserResourcePolicySearchRequest = SearchRequest<UserResourcePolicyFilter>;

/// `POST /admin/resource-policies/user/delete` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletePolicyRequest {
    /// Policy name.
    pub name: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Answer of a delete: `{"deleted": bool}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletedResponse {
    /// Whether a policy was deleted.
    pub deleted: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
