//! Storage quota scopes of the 26.9 manager (`/admin/quota-scopes/...`,
//! `ai.backend.common.dto.manager.quota_scope`): the per-user or per-project quota of a
//! storage host. A quota scope ID is `user:<uuid>` or `project:<uuid>`.

use serde::{Deserialize, Serialize};

use super::common::Extra;
use super::search_query::{SearchRequest, StringFilter};

/// One quota scope (`QuotaScopeDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaScope {
    /// `user:<uuid>` or `project:<uuid>`.
    pub quota_scope_id: String,
    /// Storage host (`local:volume1`).
    pub storage_host_name: String,
    /// Bytes used.
    #[serde(default)]
    pub usage_bytes: Option<i64>,
    /// Files used.
    #[serde(default)]
    pub usage_count: Option<i64>,
    /// Hard limit in bytes (`null`: none).
    #[serde(default)]
    pub hard_limit_bytes: Option<i64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of get, set and unset: `{"quota_scope": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaScopeResponse {
    /// The quota scope.
    pub quota_scope: QuotaScope,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of a search: `{"quota_scopes", "pagination"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaScopeList {
    /// This page.
    pub quota_scopes: Vec<QuotaScope>,
    /// Paging.
    #[serde(default)]
    pub pagination: super::search_query::Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Conditions of a quota-scope search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotaScopeFilter {
    /// Quota scope ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_scope_id: Option<StringFilter>,
    /// Storage host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_host_name: Option<StringFilter>,
    /// Other conditions.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A quota-scope search body.
pub type QuotaScopeSearchRequest = SearchRequest<QuotaScopeFilter>;

/// `POST /admin/quota-scopes/set` body (`hard_limit_bytes` absent: `unset`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetQuotaRequest {
    /// Storage host.
    pub storage_host_name: String,
    /// `user:<uuid>` or `project:<uuid>`.
    pub quota_scope_id: String,
    /// Hard limit in bytes (set only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_limit_bytes: Option<i64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
