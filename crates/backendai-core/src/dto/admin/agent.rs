//! Agents (GraphQL `agent`, `agent_list`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An agent as returned by the manager. Every field is optional (depends on the selection);
/// unknown fields are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Agent id (`i-…`).
    #[serde(default)]
    pub id: Option<String>,
    /// `ALIVE`, `LOST`, `RESTARTING`, `TERMINATED`.
    #[serde(default)]
    pub status: Option<String>,
    /// Scaling group (resource group) name.
    #[serde(default)]
    pub scaling_group: Option<String>,
    /// RPC address.
    #[serde(default)]
    pub addr: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// First heartbeat time (ISO-8601).
    #[serde(default)]
    pub first_contact: Option<String>,
    /// CPU utilisation (percent).
    #[serde(default)]
    pub cpu_cur_pct: Option<Value>,
    /// Memory in use (bytes).
    #[serde(default)]
    pub mem_cur_bytes: Option<Value>,
    /// Available resource slots (JSON string or object, as the server sends it).
    #[serde(default)]
    pub available_slots: Option<Value>,
    /// Occupied resource slots.
    #[serde(default)]
    pub occupied_slots: Option<Value>,
    /// The agent's local configuration.
    #[serde(default)]
    pub local_config: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
