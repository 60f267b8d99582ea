//! Scheduling history (`SchedulingHistory` of the 26.9 Python client; superadmins only): the
//! scheduler phases sessions, deployments and routes went through
//! (`POST /scheduling-history/{sessions,deployments,routes}/search`). API v9+ only.

use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::Result;
use crate::groups::rest_v9::{call, require_v9, with_body};
use crate::request::ApiRequest;
pub use backendai_core::dto::{
    SchedulingHistory, SchedulingHistoryFilter, SchedulingHistorySearchRequest, SearchOrder,
    SearchResponse,
};

/// What a history is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryKind {
    /// Compute sessions.
    Session,
    /// Model deployments.
    Deployment,
    /// Deployment routes.
    Route,
}

impl HistoryKind {
    /// The path segment (`sessions`, `deployments`, `routes`).
    pub fn segment(self) -> &'static str {
        match self {
            HistoryKind::Session => "sessions",
            HistoryKind::Deployment => "deployments",
            HistoryKind::Route => "routes",
        }
    }
}

/// `POST /scheduling-history/{kind}/search`.
pub fn search_request(
    v: &ApiVersion,
    kind: HistoryKind,
    body: &SchedulingHistorySearchRequest,
) -> Result<ApiRequest> {
    require_v9(v, "scheduling history")?;
    let path = format!("/scheduling-history/{}/search", kind.segment());
    // A search changes nothing: safe to resend on another endpoint.
    Ok(with_body(ApiRequest::post(path), body)?.idempotent(true))
}

impl Client {
    /// The scheduling-history API group (26.9+).
    pub fn scheduling_history(&self) -> SchedulingHistories<'_> {
        SchedulingHistories { client: self }
    }
}

/// The scheduling-history API group (`SchedulingHistory`).
#[derive(Debug, Clone, Copy)]
pub struct SchedulingHistories<'a> {
    client: &'a Client,
}

impl SchedulingHistories<'_> {
    /// Searches the history of `kind`.
    pub async fn search(
        &self,
        kind: HistoryKind,
        q: &SchedulingHistorySearchRequest,
    ) -> Result<SearchResponse<SchedulingHistory>> {
        call(self.client, Box::new(move |v| search_request(v, kind, q))).await
    }
}
