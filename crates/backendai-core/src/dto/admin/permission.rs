//! Atomic permissions (GraphQL `vfolder_host_permissions`).
use serde::{Deserialize, Serialize};

use super::super::common::Extra;

/// `vfolder_host_permissions`: every permission a vfolder host can grant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VfolderHostPermissions {
    /// `create-vfolder`, `modify-vfolder`, `mount-in-session`, ...
    #[serde(default)]
    pub vfolder_host_permission_list: Vec<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Extra,
}
