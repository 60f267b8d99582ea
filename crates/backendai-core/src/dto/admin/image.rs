//! Images (GraphQL `images`).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An image. Every field is optional; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Name without registry and tag.
    #[serde(default)]
    pub name: Option<String>,
    /// Registry.
    #[serde(default)]
    pub registry: Option<String>,
    /// CPU architecture.
    #[serde(default)]
    pub architecture: Option<String>,
    /// Tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Content digest.
    #[serde(default)]
    pub digest: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size_bytes: Option<Value>,
    /// Aliases.
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
