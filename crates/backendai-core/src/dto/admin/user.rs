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

/// Options of `create_user` (defaults as in the Python client).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserCreate {
    /// Role (default `user`).
    pub role: String,
    /// Status (default `active`).
    pub status: String,
    /// Must change the password at next login (default false).
    pub need_password_change: bool,
    /// Description (default empty).
    pub description: String,
    /// TOTP (default false).
    pub totp_activated: bool,
    /// sudo in sessions (default false).
    pub sudo_session_enabled: bool,
    /// Username (sent when set). A 23.09 manager requires the field: `Some("")` makes it use
    /// the e-mail, as the Python CLI does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Full name (sent when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Allowed client IPs (sent when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_client_ip: Option<Vec<String>>,
    /// Groups to join (sent when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_ids: Option<Vec<String>>,
}

impl Default for UserCreate {
    fn default() -> Self {
        Self {
            role: "user".into(),
            status: "active".into(),
            need_password_change: false,
            description: String::new(),
            totp_activated: false,
            sudo_session_enabled: false,
            username: None,
            full_name: None,
            allowed_client_ip: None,
            group_ids: None,
        }
    }
}

/// Options of `modify_user`: only the fields that are set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserUpdate {
    /// New password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Username.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// Role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Must change the password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_password_change: Option<bool>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Allowed client IPs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_client_ip: Option<Vec<String>>,
    /// TOTP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totp_activated: Option<bool>,
    /// Groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_ids: Option<Vec<String>>,
    /// sudo in sessions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sudo_session_enabled: Option<bool>,
    /// Main access key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_access_key: Option<String>,
}
