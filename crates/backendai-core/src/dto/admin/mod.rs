//! Admin API DTOs: the REST answers (manager, keypair, resource) here, and one file per
//! GraphQL admin group beside `backendai_sdk::groups::admin::<group>`.

mod agent;
mod domain;
mod group;
mod image;
mod keypair;
mod license;
mod permission;
mod resource_policy;
mod scaling_group;
mod storage;
mod user;

pub use agent::Agent;
pub use domain::{Domain, DomainCreate, DomainUpdate};
pub use group::{Group, GroupCreate, GroupUpdate};
pub use image::Image;
pub use keypair::{KeyPairCreate, KeyPairUpdate};
pub use license::LicenseInfo;
pub use permission::VfolderHostPermissions;
pub use resource_policy::{KeypairResourcePolicy, ResourcePolicyCreate, ResourcePolicyUpdate};
pub use scaling_group::{ScalingGroup, ScalingGroupCreate, ScalingGroupUpdate};
pub use storage::StorageVolume;
pub use user::{User, UserCreate, UserGroup, UserUpdate};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{secret_opt, Extra, NumText, OrderedMap, ResourceSlots};
use crate::Secret;

/// A keypair (GraphQL `keypair`, `keypairs`, `keypair_list` items). The secret key is held as
/// a [`Secret`] and only written out on serialisation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct KeyPair {
    /// Owner (email or UUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Access key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    /// Secret key.
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<Secret>,
    /// Active flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Admin flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_admin: Option<bool>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Resource policy name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_policy: Option<String>,
    /// Rate limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /` of the manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerVersion {
    /// API version (`v7.20230615`).
    pub version: String,
    /// Manager release (`23.09.10`).
    #[serde(default)]
    pub manager: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /manager/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManagerStatus {
    /// `running`, `frozen`, ...
    pub status: String,
    /// Number of active sessions.
    #[serde(default)]
    pub active_sessions: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /manager/announcement`. `enabled` may be missing (19.09 CLI crashes on that).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Announcement {
    /// Whether an announcement is active.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The announcement text.
    #[serde(default)]
    pub message: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A resource preset (`GET /resource/presets` → `{"presets": [...]}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourcePreset {
    /// Preset name.
    pub name: String,
    /// Shared memory (bytes, text or number).
    #[serde(default)]
    pub shared_memory: Option<NumText>,
    /// Slots of the preset.
    #[serde(default)]
    pub resource_slots: ResourceSlots,
    /// Whether it fits the remaining resources (check-presets only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocatable: Option<bool>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /resource/presets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourcePresets {
    /// The presets.
    pub presets: Vec<ResourcePreset>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Occupied / available slots of one scaling group in check-presets.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScalingGroupSlots {
    /// Occupied slots.
    #[serde(default)]
    pub occupied: ResourceSlots,
    /// Available slots.
    #[serde(default)]
    pub available: ResourceSlots,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /resource/check-presets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckPresetsResult {
    /// Keypair limits.
    #[serde(default)]
    pub keypair_limits: ResourceSlots,
    /// Keypair usage.
    #[serde(default)]
    pub keypair_using: ResourceSlots,
    /// Keypair remaining.
    #[serde(default)]
    pub keypair_remaining: ResourceSlots,
    /// Remaining slots of the scaling group.
    #[serde(default)]
    pub scaling_group_remaining: ResourceSlots,
    /// Per scaling group.
    #[serde(default)]
    pub scaling_groups: OrderedMap<ScalingGroupSlots>,
    /// Presets with `allocatable`.
    #[serde(default)]
    pub presets: Vec<ResourcePreset>,
    /// Other fields (`group_limits`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /auth/authorize` → `{"data": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorizeResponse {
    /// The issued credentials.
    pub data: KeyPairCredentials,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Credentials returned by `/auth/authorize`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPairCredentials {
    /// Access key.
    pub access_key: String,
    /// Secret key.
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub secret_key: Option<Secret>,
    /// User role.
    #[serde(default)]
    pub role: Option<String>,
    /// User status.
    #[serde(default)]
    pub status: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Any JSON the server sent, for endpoints without a dedicated DTO.
pub type Raw = Value;

/// The webserver's answer to `/server/login` and `/server/login-check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginStatus {
    /// True when the cookie session is logged in.
    #[serde(default)]
    pub authenticated: bool,
    /// `{"access_key","role","status"}` on success, `{"type","title","details"}` on failure.
    #[serde(default)]
    pub data: Value,
}
