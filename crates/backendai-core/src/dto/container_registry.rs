//! Container registries of the 26.9 manager (`/container-registries/`,
//! `ai.backend.common.container_registry`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{secret_opt, Extra};
use crate::Secret;

/// One registry (`ContainerRegistryModel`). The registry's own `extra` settings are
/// `registry_extra` here, so they do not clash with the unknown fields kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerRegistry {
    /// Registry ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Registry URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Registry name (hostname used in image references).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry_name: Option<String>,
    /// `docker`, `harbor`, `harbor2`, `github`, `gitlab`, `ecr`, `local`, ...
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// Project (namespace) in the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Login user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Login password (masked in `Debug`).
    #[serde(default, with = "secret_opt", skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Verify the registry's TLS certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_verify: Option<bool>,
    /// Usable by every project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_global: Option<bool>,
    /// Registry-type specific settings (the wire field `extra`).
    #[serde(default, rename = "extra", skip_serializing_if = "Option::is_none")]
    pub registry_extra: Option<Map<String, Value>>,
    /// Other fields.
    #[serde(flatten)]
    pub other: Extra,
}

/// `{"items": [...]}`: the list answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerRegistryList {
    /// The registries.
    #[serde(default)]
    pub items: Vec<ContainerRegistry>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of create (`url`, `registry_name`, `type` required) and patch (any subset); also
/// `allowed_groups: {"add": [..], "remove": [..]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerRegistryInput {
    /// The fields to set (the [`ContainerRegistry`] names; `password` in clear).
    #[serde(flatten)]
    pub registry: ContainerRegistry,
    /// Projects to allow or disallow (`{"add": [..], "remove": [..]}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_groups: Option<Value>,
}

/// Body of rescan and clear: which registry (and project) to act on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageOperationRequest {
    /// Registry name.
    pub registry: String,
    /// Project in the registry; all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}
