//! Atomic permissions (`Permission`): the permissions a vfolder host can grant.

use super::{group_handle, join_fields, run_as};
use crate::error::Result;
use crate::graphql::GqlQuery;

pub use backendai_core::dto::VfolderHostPermissions;

/// The fields the Python client selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &["vfolder_host_permission_list"];

/// `query { vfolder_host_permissions {<fields>} }`.
pub fn list_query(fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query {{\n    vfolder_host_permissions {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, serde_json::json!({}), "vfolder_host_permissions")
}

group_handle!(
    /// Atomic permissions (`Permission`).
    Permissions,
    permissions
);

impl Permissions<'_> {
    /// Every permission a vfolder host can grant.
    pub async fn list(&self) -> Result<VfolderHostPermissions> {
        run_as(self.client, &list_query(DEFAULT_LIST_FIELDS)).await
    }
}
