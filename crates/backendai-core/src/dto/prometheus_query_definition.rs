//! Prometheus query definitions over the 26.9 REST API (`/resource/prometheus-query-definitions`,
//! `ai.backend.common.dto.manager.prometheus_query_preset`): named PromQL templates with the
//! label keys a caller may filter and group by, and their execution results.

use serde::{Deserialize, Serialize};

use super::common::Extra;
use super::search_query::{SearchRequest, SearchResponse, StringFilter};

/// The label keys of a definition (`QueryDefinitionOptionsDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinitionOptions {
    /// Label keys callers may filter by.
    #[serde(default)]
    pub filter_labels: Vec<String>,
    /// Label keys callers may group by.
    #[serde(default)]
    pub group_labels: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One definition (`QueryDefinitionDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinition {
    /// Definition id (UUID).
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Prometheus metric name.
    pub metric_name: String,
    /// PromQL template with placeholders.
    pub query_template: String,
    /// Default time window (`5m`), if any.
    #[serde(default)]
    pub time_window: Option<String>,
    /// Allowed filter and group-by label keys.
    #[serde(default)]
    pub options: QueryDefinitionOptions,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last update time.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /resource/prometheus-query-definitions` body (`CreateQueryDefinitionRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinitionCreate {
    /// Name.
    pub name: String,
    /// Metric name.
    pub metric_name: String,
    /// PromQL template.
    pub query_template: String,
    /// Default time window (`null` when not given, as pydantic dumps it).
    pub time_window: Option<String>,
    /// Label keys (both lists always sent).
    pub options: QueryDefinitionOptions,
}

/// The label-key lists of a modification; `None` leaves a list as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinitionOptionsUpdate {
    /// New filter label keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_labels: Option<Vec<String>>,
    /// New group-by label keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_labels: Option<Vec<String>>,
}

/// `PATCH /resource/prometheus-query-definitions/{id}` body (`ModifyQueryDefinitionRequest`):
/// only the fields given are sent (the Python client's `exclude_none` dump).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinitionUpdate {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New metric name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// New PromQL template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_template: Option<String>,
    /// New default time window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_window: Option<String>,
    /// New label keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<QueryDefinitionOptionsUpdate>,
}

impl QueryDefinitionUpdate {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// The filter of a definition search (`QueryDefinitionFilter`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinitionFilter {
    /// Name condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<StringFilter>,
}

/// `POST /resource/prometheus-query-definitions/search` body.
pub type QueryDefinitionSearchRequest = SearchRequest<QueryDefinitionFilter>;

/// A search answer: `{items, pagination}`.
pub type QueryDefinitionList = SearchResponse<QueryDefinition>;

/// One `key=value` label condition (`MetricLabelEntry`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricLabel {
    /// Label key.
    pub key: String,
    /// Label value.
    pub value: String,
}

/// The execution options: label conditions and group-by keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryExecuteOptions {
    /// Label conditions.
    pub filter_labels: Vec<MetricLabel>,
    /// Group-by label keys.
    pub group_labels: Vec<String>,
}

/// A range query's span (`QueryTimeRange`): ISO 8601 start and end, and the step (`60s`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryTimeRange {
    /// Start time.
    pub start: String,
    /// End time.
    pub end: String,
    /// Resolution step.
    pub step: String,
}

/// `POST /resource/prometheus-query-definitions/{id}/execute` body: an instant query at the
/// current time unless `time_range` is given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryExecuteRequest {
    /// Label conditions and group-by keys.
    pub options: QueryExecuteOptions,
    /// Time window override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_window: Option<String>,
    /// Range query span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_range: Option<QueryTimeRange>,
}

/// One sample of a result series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSample {
    /// Unix time in seconds.
    pub timestamp: f64,
    /// Value as Prometheus sends it (text).
    pub value: String,
}

/// One result series: its labels and samples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSeries {
    /// Labels of the series.
    #[serde(default)]
    pub metric: Vec<MetricLabel>,
    /// Samples.
    #[serde(default)]
    pub values: Vec<MetricSample>,
}

/// The `data` of an execution answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QueryExecuteData {
    /// `vector` or `matrix`.
    #[serde(default)]
    pub result_type: String,
    /// The series.
    #[serde(default)]
    pub result: Vec<MetricSeries>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An execution answer (`ExecuteQueryDefinitionResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryExecuteResponse {
    /// Prometheus status (`success`).
    pub status: String,
    /// The result.
    #[serde(default)]
    pub data: QueryExecuteData,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A deletion answer: `{"id": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryDefinitionDeleted {
    /// The deleted definition's id.
    pub id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
