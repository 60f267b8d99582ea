//! Paginated GraphQL lists: `<root>_list(limit, offset, <vars>) { items { … } total_count }`.
//!
//! [`PaginatedQuery`] describes one list (root field, typed variables, selected fields);
//! [`PaginatedQuery::page`] builds the exact query text the Python client sends,
//! [`fetch_page`] fetches one page as a [`PaginatedResult`] and [`stream()`] yields every
//! item of every page as an async [`Stream`].
//!
//! Page sizes are checked client-side (1..=100, default 20), as the Python client does.
//! [`stream_bulk_from`] reads a whole list for a caller that did not choose a page size: in
//! pages of [`BULK_PAGE_SIZE`] from servers known to answer them, else of 100. Servers older than
//! `v6.20210815` do not know the `filter` and `order` arguments: they are dropped from the
//! query, and setting either is an error.

use std::collections::VecDeque;

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use futures_util::stream::{self, Stream};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::graphql::{self, GqlQuery};

/// Largest page size the server accepts.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Smallest page size.
pub const MIN_PAGE_SIZE: u32 = 1;
/// Page size used when the caller does not choose one.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Page size of [`stream_bulk_from`] on servers that [accept it](accepts_bulk_pages).
pub const BULK_PAGE_SIZE: u32 = 1000;

/// Whether the server's paginated lists answer pages larger than [`MAX_PAGE_SIZE`].
///
/// True for the 23.09 manager (API v7): its offset lists pass `limit` to SQL unchecked (read
/// in its source), and it answers a thousand-row page in about half the time of ten pages of
/// 100, because each request has a fixed cost of about 40 ms (measured 2026-12-03, issue
/// 18). Other versions are not known to, so they get pages of 100.
pub fn accepts_bulk_pages(version: &ApiVersion) -> bool {
    version.major == ApiVersion::V7_23_09.0
}

/// One page of a paginated list (`total_count`, `items`, other fields kept in `extra`).
pub use backendai_core::dto::PaginatedResult;

/// A GraphQL variable of a paginated list: name, value and GraphQL type (`"String"`, `"UUID"`).
#[derive(Debug, Clone, PartialEq)]
pub struct PageVar {
    /// Variable (and argument) name.
    pub name: String,
    /// Value (`null` when unset).
    pub value: Value,
    /// GraphQL type used in the variable declaration.
    pub gql_type: String,
}

/// A paginated list query without its `limit`/`offset`.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginatedQuery {
    /// Root field, e.g. `"user_list"`.
    pub root_field: String,
    /// Variables in the order they are declared and sent.
    pub variables: Vec<PageVar>,
    /// Selected item fields (`"groups { id name }"` style nested selections allowed).
    pub fields: Vec<String>,
}

impl PaginatedQuery {
    /// A query on `root_field` selecting `fields`, with no variables yet.
    pub fn new<S: AsRef<str>>(root_field: impl Into<String>, fields: &[S]) -> Self {
        Self {
            root_field: root_field.into(),
            variables: Vec::new(),
            fields: fields.iter().map(|f| f.as_ref().to_owned()).collect(),
        }
    }

    /// Appends a variable (`value` converted to JSON; `None` becomes `null`).
    pub fn var(mut self, name: &str, value: impl Into<Value>, gql_type: &str) -> Self {
        self.variables.push(PageVar {
            name: name.to_owned(),
            value: value.into(),
            gql_type: gql_type.to_owned(),
        });
        self
    }

    /// Appends the `filter` and `order` variables (both `String`), as every list does last.
    pub fn filter_order(self, filter: Option<&str>, order: Option<&str>) -> Self {
        self.var("filter", filter, "String")
            .var("order", order, "String")
    }

    /// Builds the GraphQL operation for one page, as the Python client does.
    ///
    /// Errors: page size out of 1..=100 ([`ErrorKind::InvalidArgument`]); `filter`/`order`
    /// set for a server older than `v6.20210815`.
    pub fn page(&self, offset: u64, page_size: u32, version: &ApiVersion) -> Result<GqlQuery> {
        check_page_size(page_size)?;
        self.build(offset, page_size, version)
    }

    /// One page of a bulk read: [`BULK_PAGE_SIZE`] items where the server
    /// [accepts it](accepts_bulk_pages), else [`MAX_PAGE_SIZE`].
    pub fn bulk_page(&self, offset: u64, version: &ApiVersion) -> Result<GqlQuery> {
        self.build(offset, bulk_page_size(version), version)
    }

    fn build(&self, offset: u64, page_size: u32, version: &ApiVersion) -> Result<GqlQuery> {
        let mut vars: Vec<&PageVar> = self.variables.iter().collect();
        if !graphql::uses_envelope(version) {
            let uses_new = vars
                .iter()
                .any(|v| (v.name == "filter" || v.name == "order") && !v.value.is_null());
            if uses_new {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "filter and order arguments for paginated lists require API v6.20210815 or later",
                ));
            }
            vars.retain(|v| v.name != "filter" && v.name != "order");
        }
        let decls = vars
            .iter()
            .map(|v| format!("${}: {}", v.name, v.gql_type))
            .collect::<Vec<_>>()
            .join(", ");
        let args = vars
            .iter()
            .map(|v| format!("{0}:${0}", v.name))
            .collect::<Vec<_>>()
            .join(", ");
        let text = format!(
            "query($limit:Int!, $offset:Int!, {decls}) {{\n  {root}(\n      limit:$limit, offset:$offset, {args}) {{\n    items {{ {fields} }}\n    total_count\n  }}\n}}",
            root = self.root_field,
            fields = self.fields.join(" "),
        );
        let mut values = Map::new();
        for v in vars {
            values.insert(v.name.clone(), v.value.clone());
        }
        values.insert("limit".into(), Value::from(page_size));
        values.insert("offset".into(), Value::from(offset));
        Ok(GqlQuery::new(
            text,
            Value::Object(values),
            self.root_field.clone(),
        ))
    }
}

fn bulk_page_size(version: &ApiVersion) -> u32 {
    if accepts_bulk_pages(version) {
        BULK_PAGE_SIZE
    } else {
        MAX_PAGE_SIZE
    }
}

/// Checks a page size against 1..=100.
pub fn check_page_size(page_size: u32) -> Result<()> {
    if page_size > MAX_PAGE_SIZE {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the page size cannot exceed {MAX_PAGE_SIZE}"),
        ));
    }
    if page_size < MIN_PAGE_SIZE {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the page size cannot be less than {MIN_PAGE_SIZE}"),
        ));
    }
    Ok(())
}

/// Decodes `data[root]` (`{items, total_count}`) into a page.
pub fn decode_page<T: DeserializeOwned>(value: Value, root: &str) -> Result<PaginatedResult<T>> {
    graphql::from_value(value, root)
}

/// Fetches one page (`offset` items skipped, at most `page_size` items).
pub async fn fetch_page<T: DeserializeOwned>(
    client: &Client,
    query: &PaginatedQuery,
    offset: u64,
    page_size: u32,
) -> Result<PaginatedResult<T>> {
    let (page, _) = fetch_stream_page(client, query, offset, PageSize::Chosen(page_size)).await?;
    Ok(page)
}

/// The page size of a stream: chosen by the caller, or the bulk size for the server.
#[derive(Debug, Clone, Copy)]
enum PageSize {
    Chosen(u32),
    Bulk,
}

struct StreamState<T> {
    client: Client,
    query: PaginatedQuery,
    page_size: PageSize,
    offset: u64,
    buffer: VecDeque<T>,
    done: bool,
}

/// Every item of the list, fetching pages of `page_size` lazily as the stream is polled.
///
/// The stream ends after a short page, an empty page or once `total_count` items were seen;
/// an error is yielded once and ends the stream.
pub fn stream<T>(
    client: Client,
    query: PaginatedQuery,
    page_size: u32,
) -> impl Stream<Item = Result<T>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
{
    stream_from(client, query, 0, page_size)
}

/// Like [`stream()`], skipping the first `offset` items.
pub fn stream_from<T>(
    client: Client,
    query: PaginatedQuery,
    offset: u64,
    page_size: u32,
) -> impl Stream<Item = Result<T>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
{
    stream_pages(client, query, offset, PageSize::Chosen(page_size))
}

/// Every item from `offset` on, in the largest pages the server is known to answer (see
/// [`accepts_bulk_pages`]): for callers that read a whole list and did not choose a page size.
pub fn stream_bulk_from<T>(
    client: Client,
    query: PaginatedQuery,
    offset: u64,
) -> impl Stream<Item = Result<T>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
{
    stream_pages(client, query, offset, PageSize::Bulk)
}

/// Fetches one page of a stream; returns it with the page size it asked for.
async fn fetch_stream_page<T: DeserializeOwned>(
    client: &Client,
    query: &PaginatedQuery,
    offset: u64,
    page_size: PageSize,
) -> Result<(PaginatedResult<T>, u32)> {
    let version = client.api_version().await?;
    let size = match page_size {
        PageSize::Chosen(size) => {
            check_page_size(size)?;
            size
        }
        PageSize::Bulk => bulk_page_size(&version),
    };
    let q = query.build(offset, size, &version)?;
    let value = graphql::run(client, &q).await?;
    Ok((decode_page(value, &q.root)?, size))
}

fn stream_pages<T>(
    client: Client,
    query: PaginatedQuery,
    offset: u64,
    page_size: PageSize,
) -> impl Stream<Item = Result<T>> + Send + 'static
where
    T: DeserializeOwned + Send + 'static,
{
    let state = StreamState {
        client,
        query,
        page_size,
        offset,
        buffer: VecDeque::new(),
        done: false,
    };
    stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buffer.pop_front() {
                return Some((Ok(item), st));
            }
            if st.done {
                return None;
            }
            match fetch_stream_page::<T>(&st.client, &st.query, st.offset, st.page_size).await {
                Ok((page, asked)) => {
                    let n = page.items.len() as u64;
                    st.offset += n;
                    if n < u64::from(asked) || st.offset >= page.total_count {
                        st.done = true;
                    }
                    st.buffer.extend(page.items);
                }
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v7() -> ApiVersion {
        "v7.20230615".parse().unwrap()
    }

    #[test]
    fn builds_python_text() {
        let q = PaginatedQuery::new(
            "agent_list",
            &[
                "id",
                "status",
                "scaling_group",
                "available_slots",
                "occupied_slots",
            ],
        )
        .var("status", "ALIVE", "String")
        .var("scaling_group", Option::<&str>::None, "String")
        .filter_order(None, None);
        let g = q.page(0, 20, &v7()).unwrap();
        assert_eq!(
            g.query,
            "query($limit:Int!, $offset:Int!, $status: String, $scaling_group: String, $filter: String, $order: String) {\n  agent_list(\n      limit:$limit, offset:$offset, status:$status, scaling_group:$scaling_group, filter:$filter, order:$order) {\n    items { id status scaling_group available_slots occupied_slots }\n    total_count\n  }\n}"
        );
        assert_eq!(
            serde_json::to_string(&g.variables).unwrap(),
            r#"{"status":"ALIVE","scaling_group":null,"filter":null,"order":null,"limit":20,"offset":0}"#
        );
        assert_eq!(g.root, "agent_list");
    }

    #[test]
    fn page_size_limits() {
        let q = PaginatedQuery::new("x_list", &["id"]);
        assert!(q.page(0, 0, &v7()).is_err());
        assert!(q.page(0, 101, &v7()).is_err());
        assert!(q.page(0, 100, &v7()).is_ok());
        assert!(q.page(0, 1, &v7()).is_ok());
    }

    #[test]
    fn old_servers_drop_filter_and_order() {
        let old: ApiVersion = "v5.20191215".parse().unwrap();
        let q = PaginatedQuery::new("storage_volume_list", &["id"]).filter_order(None, None);
        let g = q.page(40, 20, &old).unwrap();
        assert_eq!(
            g.query,
            "query($limit:Int!, $offset:Int!, ) {\n  storage_volume_list(\n      limit:$limit, offset:$offset, ) {\n    items { id }\n    total_count\n  }\n}"
        );
        assert_eq!(g.variables, json!({"limit": 20, "offset": 40}));
        let q = PaginatedQuery::new("x_list", &["id"]).filter_order(Some("a"), None);
        assert_eq!(
            q.page(0, 20, &old).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn decodes_page() {
        let p: PaginatedResult<Value> =
            decode_page(json!({"items": [{"id": 1}], "total_count": 7}), "x").unwrap();
        assert_eq!(p.total_count, 7);
        assert_eq!(p.items.len(), 1);
        assert!(decode_page::<Value>(json!({"items": 3}), "x").is_err());
    }

    #[test]
    fn bulk_pages_are_large_only_where_the_server_answers_them() {
        let q = PaginatedQuery::new("compute_session_list", &["id"]).filter_order(None, None);
        let limit =
            |v: &str| q.bulk_page(300, &v.parse().unwrap()).unwrap().variables["limit"].clone();
        assert_eq!(limit("v7.20230615"), json!(BULK_PAGE_SIZE));
        assert_eq!(limit("v9.20250722"), json!(MAX_PAGE_SIZE));
        assert_eq!(limit("v4.20190615"), json!(MAX_PAGE_SIZE));
        // A caller's own page size stays within 1..=100 on every server.
        assert!(q.page(0, MAX_PAGE_SIZE + 1, &v7()).is_err());
        assert_eq!(
            q.bulk_page(300, &v7()).unwrap().query,
            q.page(300, 100, &v7()).unwrap().query
        );
    }
}
