//! The license of enterprise managers (`GET /license`; open-source managers answer 404).
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::super::common::{Extra, OrderedMap};

/// `GET /license`: `{"status": "valid", "certificate": {...}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenseInfo {
    /// `valid` or another state.
    #[serde(default)]
    pub status: String,
    /// The certificate's fields (licensee, expiry, ...), in the server's order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<OrderedMap<Value>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Extra,
}

impl LicenseInfo {
    /// Whether the manager says the license is valid.
    pub fn is_valid(&self) -> bool {
        self.status == "valid"
    }
}
