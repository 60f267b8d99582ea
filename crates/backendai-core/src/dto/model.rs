//! Model-store DTOs: a model is a vfolder with `usage_mode` `model` (`/folders`, GraphQL
//! `vfolder_list`).

use serde::{Deserialize, Serialize};

use super::common::Extra;

/// A model of the GraphQL `vfolder_list` filtered on `usage_mode == "MODEL"` (default
/// selection `id name created_at status`; other selected fields in `extra`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelListItem {
    /// Folder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Model (folder) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Creation time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Folder status (`READY`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Other selected fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /folders/{name}` of a model folder plus its versions: the directory names under
/// `versions/`, newest (greatest) first, as the Python client's `Model.info` returns them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// Folder id.
    pub id: String,
    /// Model (folder) name.
    pub name: String,
    /// Directory names under `versions/`, sorted in reverse.
    #[serde(default)]
    pub versions: Vec<String>,
    /// The other fields of the folder.
    #[serde(flatten)]
    pub extra: Extra,
}
