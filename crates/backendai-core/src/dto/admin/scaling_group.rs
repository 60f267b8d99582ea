//! Scaling groups, i.e. resource groups (GraphQL `scaling_group`, `scaling_groups`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A scaling group. Every field is optional; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScalingGroup {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Active flag.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Public flag.
    #[serde(default)]
    pub is_public: Option<bool>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Agent driver (`static`, …).
    #[serde(default)]
    pub driver: Option<String>,
    /// Driver options.
    #[serde(default)]
    pub driver_opts: Option<Value>,
    /// Scheduler (`fifo`, `lifo`, `drf`).
    #[serde(default)]
    pub scheduler: Option<String>,
    /// Scheduler options.
    #[serde(default)]
    pub scheduler_opts: Option<Value>,
    /// Host networking.
    #[serde(default)]
    pub use_host_network: Option<bool>,
    /// wsproxy address.
    #[serde(default)]
    pub wsproxy_addr: Option<String>,
    /// wsproxy API token.
    #[serde(default)]
    pub wsproxy_api_token: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
