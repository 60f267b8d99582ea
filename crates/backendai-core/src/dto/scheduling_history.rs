//! Scheduling history of the 26.9 manager (`/scheduling-history/{sessions,deployments,
//! routes}/search`, `ai.backend.common.dto.manager.scheduling_history`): one record per
//! scheduler phase a session, deployment or route went through, with its result and steps.

use serde::{Deserialize, Serialize};

use super::common::Extra;
use super::search_query::{SearchRequest, StringFilter, UuidFilter};

/// One step of a scheduling phase (`SubStepResultDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchedulingSubStep {
    /// Step name.
    pub step: String,
    /// Its result.
    pub result: String,
    /// Error code of a failed step.
    #[serde(default)]
    pub error_code: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// Start time.
    pub started_at: String,
    /// End time.
    pub ended_at: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A history record of a session, a deployment or a route: the ID keys of its kind are set
/// (`session_id`; `deployment_id`; `route_id` and `deployment_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchedulingHistory {
    /// Record ID.
    pub id: String,
    /// Session (session records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Route (route records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_id: Option<String>,
    /// Deployment (deployment and route records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Route category (route records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Scheduler phase.
    pub phase: String,
    /// Status before.
    #[serde(default)]
    pub from_status: Option<String>,
    /// Status after.
    #[serde(default)]
    pub to_status: Option<String>,
    /// `SUCCESS`, `FAILURE` or `STALE`.
    pub result: String,
    /// Error code of a failure.
    #[serde(default)]
    pub error_code: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// Steps of the phase.
    #[serde(default)]
    pub sub_steps: Vec<SchedulingSubStep>,
    /// Attempts so far.
    pub attempts: i64,
    /// Creation time.
    pub created_at: String,
    /// Last update.
    pub updated_at: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SchedulingHistory {
    /// The ID of the entity the record is about (session, route or deployment).
    pub fn entity_id(&self) -> &str {
        self.session_id
            .as_deref()
            .or(self.route_id.as_deref())
            .or(self.deployment_id.as_deref())
            .unwrap_or_default()
    }
}

/// Conditions of a scheduling-history search (each search reads the ID keys of its kind).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchedulingHistoryFilter {
    /// Session ID (sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<UuidFilter>,
    /// Route ID (routes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_id: Option<UuidFilter>,
    /// Deployment ID (deployments, routes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<UuidFilter>,
    /// Phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<StringFilter>,
    /// Any of these statuses before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_status: Option<Vec<String>>,
    /// Any of these statuses after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_status: Option<Vec<String>>,
    /// Any of these results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Vec<String>>,
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<StringFilter>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<StringFilter>,
    /// Other conditions.
    #[serde(flatten)]
    pub extra: Extra,
}

impl SchedulingHistoryFilter {
    /// True when no condition is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A scheduling-history search body.
pub type SchedulingHistorySearchRequest = SearchRequest<SchedulingHistoryFilter>;
