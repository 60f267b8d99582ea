//! Storage volumes (GraphQL `storage_volume`, `storage_volume_list`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A storage volume. Every field is optional; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StorageVolume {
    /// `proxy:volume` id (the vfolder host).
    #[serde(default)]
    pub id: Option<String>,
    /// Backend (`vfs`, `xfs`, …).
    #[serde(default)]
    pub backend: Option<String>,
    /// Mount path.
    #[serde(default)]
    pub path: Option<String>,
    /// Filesystem prefix.
    #[serde(default)]
    pub fsprefix: Option<String>,
    /// Capabilities (`vfolder`, `quota`, …).
    #[serde(default)]
    pub capabilities: Option<Vec<String>>,
    /// Hardware metadata (JSON string).
    #[serde(default)]
    pub hardware_metadata: Option<Value>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
