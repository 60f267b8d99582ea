//! Images through the 26.9 REST API (`/admin/images/...`,
//! `ai.backend.common.dto.manager.image`), beside the GraphQL [`Image`](super::Image) of 23.09.

use serde::{Deserialize, Serialize};

use super::common::{Extra, NumText};
use super::search_query::Pagination;

/// One image (`ImageDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageRecord {
    /// Image ID.
    pub id: String,
    /// Canonical name (`cr.backend.ai/stable/python:3.9-ubuntu20.04`).
    #[serde(default)]
    pub name: String,
    /// Registry hostname.
    #[serde(default)]
    pub registry: String,
    /// Registry ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_id: Option<String>,
    /// Project (namespace) in the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Architecture (`x86_64`, `aarch64`).
    #[serde(default)]
    pub architecture: String,
    /// Size in bytes.
    #[serde(default)]
    pub size_bytes: u64,
    /// `compute`, `system` or `service`.
    #[serde(default, rename = "type")]
    pub type_: String,
    /// `ALIVE` or `DELETED`.
    #[serde(default)]
    pub status: String,
    /// Labels (`[{key, value}]`).
    #[serde(default)]
    pub labels: Vec<KeyValue>,
    /// Parsed tag components (`[{key, value}]`).
    #[serde(default)]
    pub tags: Vec<KeyValue>,
    /// Resource limits.
    #[serde(default)]
    pub resource_limits: Vec<ImageResourceLimit>,
    /// Supported accelerators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accelerators: Option<String>,
    /// Config digest.
    #[serde(default)]
    pub config_digest: String,
    /// Built locally (not pulled).
    #[serde(default)]
    pub is_local: bool,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A `{key, value}` pair (labels, tag components).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValue {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// A resource limit of an image (decimals kept as sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageResourceLimit {
    /// Slot name.
    pub key: String,
    /// Minimum.
    pub min: NumText,
    /// Maximum (`None` = unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<NumText>,
}

/// `{"items": [...], "pagination": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageRecordList {
    /// The page.
    #[serde(default)]
    pub items: Vec<ImageRecord>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"item": ...}` (get, forget, purge) and `{"item", "errors"}` (rescan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageRecordEnvelope {
    /// The image.
    pub item: ImageRecord,
    /// Rescan errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"alias_id", "alias", "image_id"}`: alias and dealias answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageAliasResult {
    /// Alias ID.
    #[serde(default)]
    pub alias_id: String,
    /// The alias.
    #[serde(default)]
    pub alias: String,
    /// The image it points to.
    #[serde(default)]
    pub image_id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
