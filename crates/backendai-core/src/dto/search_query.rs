//! Building blocks of the 26.9 REST search API (`POST .../search` bodies and answers), shared
//! by the fair-share, resource-usage, scheduling-history and quota-scope groups.
//!
//! A search body is `{filter?, order?, limit, offset}`; its answer `{items, pagination}`.
//! A single-item answer is `{item}` (`null` when nothing matches).

use serde::{Deserialize, Serialize};

use super::common::Extra;

/// A string condition (`{"equals": "default"}`); the manager applies the first one set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StringFilter {
    /// Exact match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// Contains (case-sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
    /// Exact match, ignoring case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i_equals: Option<String>,
    /// Contains, ignoring case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i_contains: Option<String>,
    /// Other operators (`starts_with`, `not_equals`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl StringFilter {
    /// `{"equals": value}`.
    pub fn equals(value: impl Into<String>) -> Self {
        Self {
            equals: Some(value.into()),
            ..Self::default()
        }
    }

    /// `{"contains": value}`.
    pub fn contains(value: impl Into<String>) -> Self {
        Self {
            contains: Some(value.into()),
            ..Self::default()
        }
    }
}

/// A UUID condition (`{"equals": "<uuid>"}` or `{"in": [...]}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UuidFilter {
    /// Exact match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// One of these.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub in_: Option<Vec<String>>,
    /// Other operators (`not_equals`, `not_in`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl UuidFilter {
    /// `{"equals": value}`.
    pub fn equals(value: impl Into<String>) -> Self {
        Self {
            equals: Some(value.into()),
            ..Self::default()
        }
    }
}

/// An inclusive date (or datetime) range; either bound may be left open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DateRangeFilter {
    /// On or after (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// On or before (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One ordering key: `{"field": "created_at", "direction": "desc"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchOrder {
    /// Field name (each search has its own set, e.g. `fair_share_factor`).
    pub field: String,
    /// `asc` or `desc` (the server's default is `desc`).
    pub direction: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SearchOrder {
    /// Orders by `field`; `descending` picks `desc` over `asc`.
    pub fn new(field: impl Into<String>, descending: bool) -> Self {
        Self {
            field: field.into(),
            direction: if descending { "desc" } else { "asc" }.to_owned(),
            extra: Extra::new(),
        }
    }
}

/// A search body: `{filter?, order?, limit, offset}` (the filter type differs per search).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest<F> {
    /// Conditions (all must hold); absent = everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<F>,
    /// Ordering keys, most significant first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Vec<SearchOrder>>,
    /// Page size (the server accepts 1..=1000, default 50).
    pub limit: u32,
    /// Items to skip.
    pub offset: u32,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<F> Default for SearchRequest<F> {
    fn default() -> Self {
        Self {
            filter: None,
            order: None,
            limit: 50,
            offset: 0,
            extra: Extra::new(),
        }
    }
}

/// Paging of a search answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pagination {
    /// Items on all pages.
    pub total: u64,
    /// Items skipped.
    #[serde(default)]
    pub offset: u64,
    /// Page size, if the server reports one.
    #[serde(default)]
    pub limit: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A search answer: `{items, pagination}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse<T> {
    /// This page's items.
    pub items: Vec<T>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A single-item answer: `{item}`, `null` when nothing matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResponse<T> {
    /// The item.
    pub item: Option<T>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
