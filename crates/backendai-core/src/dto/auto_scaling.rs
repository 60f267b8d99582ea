//! Auto-scaling rules of 26.9 model deployments (`/admin/auto-scaling-rules`,
//! `ai.backend.common.dto.manager.auto_scaling_rule`). Thresholds are decimals the server
//! sends as text or numbers: kept as [`NumText`].

use serde::{Deserialize, Serialize};

use super::common::{Extra, NumText};
use super::search_query::Pagination;

/// One rule (`AutoScalingRuleDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingRule {
    /// Rule ID.
    pub id: String,
    /// The deployment it scales.
    #[serde(default)]
    pub model_deployment_id: String,
    /// `kernel`, `inference_framework` or `prometheus`.
    #[serde(default)]
    pub metric_source: String,
    /// Metric watched.
    #[serde(default)]
    pub metric_name: String,
    /// Scale in below this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_threshold: Option<NumText>,
    /// Scale out above this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_threshold: Option<NumText>,
    /// Replicas added or removed per step.
    #[serde(default)]
    pub step_size: i64,
    /// Evaluation window (seconds).
    #[serde(default)]
    pub time_window: i64,
    /// Lower replica bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i64>,
    /// Upper replica bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_replicas: Option<i64>,
    /// Prometheus query preset (with `prometheus`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus_query_preset_id: Option<String>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last time it fired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_triggered_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"auto_scaling_rule": ...}`: create, get and update answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingRuleEnvelope {
    /// The rule.
    pub auto_scaling_rule: AutoScalingRule,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"auto_scaling_rules": [...], "pagination": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingRuleList {
    /// The page.
    #[serde(default)]
    pub auto_scaling_rules: Vec<AutoScalingRule>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /admin/auto-scaling-rules` (create) and `PATCH .../{id}` (update: every field
/// optional, only the fields set are sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoScalingRuleInput {
    /// The deployment (create only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_deployment_id: Option<String>,
    /// `kernel`, `inference_framework` or `prometheus`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_source: Option<String>,
    /// Metric watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// Scale-in threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_threshold: Option<NumText>,
    /// Scale-out threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_threshold: Option<NumText>,
    /// Replicas per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_size: Option<i64>,
    /// Evaluation window (seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_window: Option<i64>,
    /// Lower replica bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i64>,
    /// Upper replica bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_replicas: Option<i64>,
    /// Prometheus query preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prometheus_query_preset_id: Option<String>,
}

/// A model service's auto-scaling rule as the GraphQL `EndpointAutoScalingRuleNode` gives it
/// (`bai service auto-scaling-rule`): one threshold with a comparator and a cooldown. The
/// fields a query did not select are absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EndpointAutoScalingRule {
    /// Relay global ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The rule's UUID (what `get`, `update` and `delete` take).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_id: Option<String>,
    /// `KERNEL`, `INFERENCE_FRAMEWORK` or `PROMETHEUS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_source: Option<String>,
    /// Metric watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// Threshold (decimal text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<NumText>,
    /// `LESS_THAN`, `LESS_THAN_OR_EQUAL`, `GREATER_THAN`, `GREATER_THAN_OR_EQUAL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    /// Replicas added (or removed, when negative) per trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_size: Option<i64>,
    /// Seconds between two triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown_seconds: Option<i64>,
    /// Lower replica bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<i64>,
    /// Upper replica bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_replicas: Option<i64>,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last time it fired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_triggered_at: Option<String>,
    /// The service (endpoint) ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
