//! Keypair mutation inputs (GraphQL `create_keypair`, `modify_keypair`).

use serde::Serialize;

/// Options of `create_keypair`.
///
/// The defaults are the Python client's (only `is_active`/`is_admin` sent); a 23.09 manager
/// requires `resource_policy` and `rate_limit` as well, so set both for real use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPairCreate {
    /// Active flag (default true).
    pub is_active: bool,
    /// Admin flag (default false).
    pub is_admin: bool,
    /// Resource policy name (sent when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_policy: Option<String>,
    /// Rate limit per 15 minutes (sent when set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<i64>,
}

impl Default for KeyPairCreate {
    fn default() -> Self {
        Self {
            is_active: true,
            is_admin: false,
            resource_policy: None,
            rate_limit: None,
        }
    }
}

/// Options of `modify_keypair`: only the fields that are set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeyPairUpdate {
    /// Active flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Admin flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_admin: Option<bool>,
    /// Resource policy name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_policy: Option<String>,
    /// Rate limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<i64>,
}
