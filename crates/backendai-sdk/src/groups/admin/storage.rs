//! Storage volumes (`Storage`); superadmin privilege required.

use futures_util::Stream;
use serde_json::json;

use super::{group_handle, join_fields, run_as};
use crate::error::Result;
use crate::graphql::GqlQuery;
use crate::paginate::{self, PaginatedQuery, PaginatedResult};
pub use backendai_core::dto::StorageVolume;

/// Fields `Storage.paginated_list` selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &["id", "backend", "capabilities"];

/// Fields `Storage.detail` selects by default.
pub const DEFAULT_DETAIL_FIELDS: &[&str] = &[
    "id",
    "backend",
    "path",
    "fsprefix",
    "capabilities",
    "hardware_metadata",
];

/// `storage_volume_list(filter, order)` with `fields`.
pub fn list_query(filter: Option<&str>, order: Option<&str>, fields: &[&str]) -> PaginatedQuery {
    PaginatedQuery::new("storage_volume_list", fields).filter_order(filter, order)
}

/// `storage_volume(id) { fields }`.
pub fn detail_query(vfolder_host: &str, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($vfolder_host: String!) {{\n    storage_volume(id: $vfolder_host) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(
        text,
        json!({"vfolder_host": vfolder_host}),
        "storage_volume",
    )
}

group_handle!(
    /// Storage volumes (`Storage`).
    Storage,
    storage
);

impl Storage<'_> {
    /// One page of storage volumes.
    pub async fn list(
        &self,
        filter: Option<&str>,
        order: Option<&str>,
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<StorageVolume>> {
        let q = list_query(filter, order, DEFAULT_LIST_FIELDS);
        paginate::fetch_page(self.client, &q, offset, page_size).await
    }

    /// Every storage volume, page by page.
    pub fn stream(
        &self,
        page_size: u32,
    ) -> impl Stream<Item = Result<StorageVolume>> + Send + 'static {
        paginate::stream(
            self.client.clone(),
            list_query(None, None, DEFAULT_LIST_FIELDS),
            page_size,
        )
    }

    /// One volume by vfolder host (`proxy:volume`).
    pub async fn detail(&self, vfolder_host: &str) -> Result<Option<StorageVolume>> {
        run_as(
            self.client,
            &detail_query(vfolder_host, DEFAULT_DETAIL_FIELDS),
        )
        .await
    }
}
