//! The paging pieces of the 26.9 deployment, notification and image REST groups beside
//! `search_query`: the `POST .../search` body whose `order` is one object or a list (group
//! specific, so kept as JSON), the cursor paging of route answers and the `{deleted}` /
//! `{success}` answers. Offset paging is `search_query::Pagination`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::Extra;

/// Body of a 26.9 `POST .../search`: optional filter and order (their shape depends on the
/// group; kept as JSON), a page size and an offset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchBody {
    /// Filter conditions (`{"name": {"contains": ".."}, ...}`), group specific.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Value>,
    /// Order (`{"field": "created_at", "direction": "desc"}`, or a list of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Value>,
    /// Page size (the server takes 1..=1000).
    pub limit: u32,
    /// Items skipped.
    pub offset: u32,
}

impl SearchBody {
    /// The page size every 26.9 search defaults to.
    pub const DEFAULT_LIMIT: u32 = 50;

    /// A page without filter or order.
    pub fn page(limit: u32, offset: u32) -> Self {
        Self {
            filter: None,
            order: None,
            limit,
            offset,
        }
    }

    /// The same search with `filter`.
    pub fn with_filter(mut self, filter: Value) -> Self {
        self.filter = Some(filter);
        self
    }
}

impl Default for SearchBody {
    fn default() -> Self {
        Self::page(Self::DEFAULT_LIMIT, 0)
    }
}

/// Cursor paging of a search answer (routes): the total and whether more pages exist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CursorPageInfo {
    /// Items matching the search.
    #[serde(default)]
    pub total_count: u64,
    /// A later page exists.
    #[serde(default)]
    pub has_next_page: bool,
    /// An earlier page exists.
    #[serde(default)]
    pub has_previous_page: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"deleted": bool}`, the answer of the 26.9 deletes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    /// The object was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"success": bool}`, the answer of revision activation and deactivation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Success {
    /// The server did it.
    #[serde(default)]
    pub success: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
