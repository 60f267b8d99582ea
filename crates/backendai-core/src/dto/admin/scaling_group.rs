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

/// Options of `create_scaling_group` (`driver` and `scheduler` are required).
#[derive(Debug, Clone, PartialEq)]
pub struct ScalingGroupCreate {
    /// Description (default empty).
    pub description: String,
    /// Active flag (default true).
    pub is_active: bool,
    /// Public flag (default true).
    pub is_public: bool,
    /// Agent driver.
    pub driver: String,
    /// Driver options (sent as a JSON string when set).
    pub driver_opts: Option<Value>,
    /// Scheduler.
    pub scheduler: String,
    /// Scheduler options (sent as a JSON string when set).
    pub scheduler_opts: Option<Value>,
    /// Host networking (default false).
    pub use_host_network: bool,
    /// wsproxy address (`null` when unset).
    pub wsproxy_addr: Option<String>,
    /// wsproxy API token (`null` when unset).
    pub wsproxy_api_token: Option<String>,
}

impl ScalingGroupCreate {
    /// Defaults as in the Python client with the two required fields.
    pub fn new(driver: impl Into<String>, scheduler: impl Into<String>) -> Self {
        Self {
            description: String::new(),
            is_active: true,
            is_public: true,
            driver: driver.into(),
            driver_opts: None,
            scheduler: scheduler.into(),
            scheduler_opts: None,
            use_host_network: false,
            wsproxy_addr: None,
            wsproxy_api_token: None,
        }
    }
}

/// Options of `modify_scaling_group`: only the fields that are set are sent. The wsproxy
/// fields take `Some(None)` to send `null`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScalingGroupUpdate {
    /// Description.
    pub description: Option<String>,
    /// Active flag.
    pub is_active: Option<bool>,
    /// Public flag.
    pub is_public: Option<bool>,
    /// Agent driver.
    pub driver: Option<String>,
    /// Driver options (sent as a JSON string).
    pub driver_opts: Option<Value>,
    /// Scheduler.
    pub scheduler: Option<String>,
    /// Scheduler options (sent as a JSON string).
    pub scheduler_opts: Option<Value>,
    /// Host networking.
    pub use_host_network: Option<bool>,
    /// wsproxy address.
    pub wsproxy_addr: Option<Option<String>>,
    /// wsproxy API token.
    pub wsproxy_api_token: Option<Option<String>>,
}
