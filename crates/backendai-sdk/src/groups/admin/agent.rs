//! Agents (`Agent.detail`, `Agent.paginated_list`); admin privilege required.

use futures_util::Stream;
use serde_json::json;

use super::{group_handle, join_fields, run_as, send_methods};
use crate::error::Result;
use crate::graphql::GqlQuery;
use crate::paginate::{self, PaginatedQuery, PaginatedResult};
pub use backendai_core::dto::Agent;

/// Fields `Agent.paginated_list` selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "id",
    "status",
    "scaling_group",
    "available_slots",
    "occupied_slots",
];

/// Fields `Agent.detail` selects by default.
pub const DEFAULT_DETAIL_FIELDS: &[&str] = &[
    "id",
    "status",
    "scaling_group",
    "addr",
    "region",
    "first_contact",
    "cpu_cur_pct",
    "mem_cur_bytes",
    "available_slots",
    "occupied_slots",
    "local_config",
];

/// Filters of the agent list (defaults as in the Python client: `status = "ALIVE"`).
#[derive(Debug, Clone, PartialEq)]
pub struct AgentListOptions {
    /// Agent status filter (`None` sends `null`).
    pub status: Option<String>,
    /// Only agents of this scaling group.
    pub scaling_group: Option<String>,
    /// Server-side filter expression.
    pub filter: Option<String>,
    /// Server-side order expression.
    pub order: Option<String>,
}

impl Default for AgentListOptions {
    fn default() -> Self {
        Self {
            status: Some("ALIVE".into()),
            scaling_group: None,
            filter: None,
            order: None,
        }
    }
}

/// `agent(agent_id)` with `fields`.
pub fn detail_query(agent_id: &str, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($agent_id: String!) {{\n    agent(agent_id: $agent_id) {{{}}}\n}}\n",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"agent_id": agent_id}), "agent")
}

/// `agent_list(...)` with `fields`.
pub fn list_query(opts: &AgentListOptions, fields: &[&str]) -> PaginatedQuery {
    PaginatedQuery::new("agent_list", fields)
        .var("status", opts.status.as_deref(), "String")
        .var("scaling_group", opts.scaling_group.as_deref(), "String")
        .filter_order(opts.filter.as_deref(), opts.order.as_deref())
}

group_handle!(
    /// Agents (`Agent`), admin privilege required.
    Agents,
    agents
);

impl Agents<'_> {
    send_methods! {
        /// Details of one agent (default detail fields).
        fn detail(agent_id: &str) -> Option<Agent>
            = run_as(&detail_query(agent_id, DEFAULT_DETAIL_FIELDS));
    }

    /// One page of agents (default list fields).
    pub async fn list(
        &self,
        opts: &AgentListOptions,
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<Agent>> {
        paginate::fetch_page(
            self.client,
            &list_query(opts, DEFAULT_LIST_FIELDS),
            offset,
            page_size,
        )
        .await
    }

    /// Every agent matching `opts`, fetched page by page.
    pub fn stream(
        &self,
        opts: &AgentListOptions,
        page_size: u32,
    ) -> impl Stream<Item = Result<Agent>> + Send + 'static {
        paginate::stream(
            self.client.clone(),
            list_query(opts, DEFAULT_LIST_FIELDS),
            page_size,
        )
    }
}
