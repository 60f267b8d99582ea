//! Users (GraphQL `user`, `users`, `user_list`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A user. Every field is optional (depends on the selection); unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// UUID.
    #[serde(default)]
    pub uuid: Option<String>,
    /// `superadmin`, `admin`, `user`, `monitor`.
    #[serde(default)]
    pub role: Option<String>,
    /// Username.
    #[serde(default)]
    pub username: Option<String>,
    /// Email (the login id).
    #[serde(default)]
    pub email: Option<String>,
    /// Must change the password at next login.
    #[serde(default)]
    pub need_password_change: Option<bool>,
    /// `active`, `inactive`, `deleted`, `before-verification`.
    #[serde(default)]
    pub status: Option<String>,
    /// Why the status was set.
    #[serde(default)]
    pub status_info: Option<String>,
    /// Active flag (deprecated by `status`).
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
    /// Groups.
    #[serde(default)]
    pub groups: Option<Vec<UserGroup>>,
    /// Allowed client IPs.
    #[serde(default)]
    pub allowed_client_ip: Option<Vec<String>>,
    /// TOTP enabled.
    #[serde(default)]
    pub totp_activated: Option<bool>,
    /// sudo in sessions.
    #[serde(default)]
    pub sudo_session_enabled: Option<bool>,
    /// Main access key.
    #[serde(default)]
    pub main_access_key: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A group a user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserGroup {
    /// Group UUID.
    #[serde(default)]
    pub id: Option<String>,
    /// Group name.
    #[serde(default)]
    pub name: Option<String>,
}
