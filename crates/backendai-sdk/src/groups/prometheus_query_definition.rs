//! Prometheus query definitions over the 26.9 REST API (`PrometheusQueryDefinitionClient` of
//! the 26.9 SDK; superadmins): create, search, get, modify, delete and execute named PromQL
//! templates (`/resource/prometheus-query-definitions...`). API v9+ only: the 23.09 manager
//! has no such resource, so every builder refuses older servers with
//! `ErrorKind::Unsupported` before anything is sent.

use backendai_core::dto::ItemResponse;
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::groups::rest_v9::{call, require_v9, uuid_arg, with_body};
use crate::request::ApiRequest;
pub use backendai_core::dto::{
    MetricLabel, QueryDefinition, QueryDefinitionCreate, QueryDefinitionDeleted,
    QueryDefinitionFilter, QueryDefinitionList, QueryDefinitionOptions,
    QueryDefinitionOptionsUpdate, QueryDefinitionSearchRequest, QueryDefinitionUpdate,
    QueryExecuteOptions, QueryExecuteRequest, QueryExecuteResponse, QueryTimeRange,
};

const WHAT: &str = "prometheus query definitions";
const ROOT: &str = "/resource/prometheus-query-definitions";

fn one(v: &ApiVersion, id: &str, tail: &str) -> Result<String> {
    require_v9(v, WHAT)?;
    let id = uuid_arg("definition id", id)?;
    Ok(format!("{ROOT}/{id}{tail}"))
}

/// `POST /resource/prometheus-query-definitions`.
pub fn create_request(v: &ApiVersion, body: &QueryDefinitionCreate) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post(ROOT), body)
}

/// `POST /resource/prometheus-query-definitions/search`.
pub fn search_request(v: &ApiVersion, body: &QueryDefinitionSearchRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let req = ApiRequest::post(format!("{ROOT}/search"));
    Ok(with_body(req, body)?.idempotent(true))
}

/// `GET /resource/prometheus-query-definitions/{id}`.
pub fn get_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(one(v, id, "")?))
}

/// `PATCH /resource/prometheus-query-definitions/{id}` (only the fields set change).
pub fn modify_request(
    v: &ApiVersion,
    id: &str,
    body: &QueryDefinitionUpdate,
) -> Result<ApiRequest> {
    let path = one(v, id, "")?;
    if body.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            "At least one field must be specified to modify.",
        ));
    }
    Ok(with_body(ApiRequest::patch(path), body)?.idempotent(true))
}

/// `DELETE /resource/prometheus-query-definitions/{id}`.
pub fn delete_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::delete(one(v, id, "")?))
}

/// `POST /resource/prometheus-query-definitions/{id}/execute`.
pub fn execute_request(v: &ApiVersion, id: &str, body: &QueryExecuteRequest) -> Result<ApiRequest> {
    let path = one(v, id, "/execute")?;
    Ok(with_body(ApiRequest::post(path), body)?.idempotent(true))
}

/// Parses `key=value` label conditions like the 26.9 CLI: both sides trimmed and non-empty.
pub fn parse_labels(labels: &[String]) -> Result<Vec<MetricLabel>> {
    labels
        .iter()
        .map(|l| {
            let Some((k, v)) = l.split_once('=') else {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!("Invalid label format: {l} (expected key=value)"),
                ));
            };
            let (k, v) = (k.trim(), v.trim());
            if k.is_empty() || v.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidArgument,
                    format!(
                        "Invalid label key or value: {l} (both key and value must be non-empty)"
                    ),
                ));
            }
            Ok(MetricLabel {
                key: k.to_owned(),
                value: v.to_owned(),
            })
        })
        .collect()
}

/// Splits a comma-separated list, dropping blanks (`"a, ,b"` → `["a", "b"]`).
pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn item(r: ItemResponse<QueryDefinition>) -> Result<QueryDefinition> {
    r.item
        .ok_or_else(|| Error::new(ErrorKind::Decode, "the answer carries no definition"))
}

impl Client {
    /// The prometheus-query-definition API group (26.9+ REST).
    pub fn prometheus_query_definitions(&self) -> PrometheusQueryDefinitions<'_> {
        PrometheusQueryDefinitions { client: self }
    }
}

/// The prometheus-query-definition API group.
#[derive(Debug, Clone, Copy)]
pub struct PrometheusQueryDefinitions<'a> {
    client: &'a Client,
}

impl PrometheusQueryDefinitions<'_> {
    /// Creates a definition; answers it.
    pub async fn create(&self, body: &QueryDefinitionCreate) -> Result<QueryDefinition> {
        item(call(self.client, Box::new(|v| create_request(v, body))).await?)
    }

    /// Searches definitions.
    pub async fn search(&self, q: &QueryDefinitionSearchRequest) -> Result<QueryDefinitionList> {
        call(self.client, Box::new(|v| search_request(v, q))).await
    }

    /// One definition.
    pub async fn get(&self, id: &str) -> Result<QueryDefinition> {
        item(call(self.client, Box::new(|v| get_request(v, id))).await?)
    }

    /// Changes the fields set in `body`; answers the definition.
    pub async fn modify(&self, id: &str, body: &QueryDefinitionUpdate) -> Result<QueryDefinition> {
        item(call(self.client, Box::new(|v| modify_request(v, id, body))).await?)
    }

    /// Deletes a definition; answers its id.
    pub async fn delete(&self, id: &str) -> Result<QueryDefinitionDeleted> {
        call(self.client, Box::new(|v| delete_request(v, id))).await
    }

    /// Runs a definition (an instant query unless `body.time_range` is set).
    pub async fn execute(
        &self,
        id: &str,
        body: &QueryExecuteRequest,
    ) -> Result<QueryExecuteResponse> {
        call(self.client, Box::new(|v| execute_request(v, id, body))).await
    }
}
