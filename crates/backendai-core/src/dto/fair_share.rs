//! Fair-share scheduling DTOs of the 26.9 manager (`/fair-share/...`,
//! `ai.backend.common.dto.manager.fair_share`): per-domain, per-project and per-user fair
//! shares of a resource group, their weights, and the resource group's fair-share spec.
//!
//! Decimals (weights, factors, quantities) are [`NumText`]: pydantic sends them as JSON
//! strings (`"1.0"`) and their text is kept. Dates and timestamps are kept as sent.

use serde::{Deserialize, Serialize};

use super::common::{Extra, NumText};
use super::search_query::{DateRangeFilter, SearchRequest, StringFilter, UuidFilter};

/// One resource amount: `{"resource_type": "cpu", "quantity": "2"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceSlotEntry {
    /// Slot name (`cpu`, `mem`, `cuda.shares`).
    pub resource_type: String,
    /// Amount, as decimal text.
    pub quantity: NumText,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Resource amounts as a list of entries (`{"entries": [...]}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceSlotList {
    /// The entries.
    #[serde(default)]
    pub entries: Vec<ResourceSlotEntry>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ResourceSlotList {
    /// `cpu=2, mem=1073741824` (empty when there is no entry).
    pub fn summary(&self) -> String {
        self.entries
            .iter()
            .map(|e| format!("{}={}", e.resource_type, e.quantity))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The fair-share parameters an entity is computed with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FairShareSpec {
    /// The entity's weight; `null` = the resource group's `default_weight`.
    #[serde(default)]
    pub weight: Option<NumText>,
    /// Half-life of the usage decay, in days.
    pub half_life_days: i64,
    /// Days of usage looked back at.
    pub lookback_days: i64,
    /// Days per usage bucket.
    pub decay_unit_days: i64,
    /// Weight of each resource type.
    #[serde(default)]
    pub resource_weights: ResourceSlotList,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The result of the latest fair-share calculation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FairShareCalculation {
    /// The factor (0..1; lower = higher priority).
    pub fair_share_factor: NumText,
    /// Decayed usage over the lookback window.
    #[serde(default)]
    pub total_decayed_usage: ResourceSlotList,
    /// Weighted usage as one number.
    pub normalized_usage: NumText,
    /// First day of the lookback window.
    pub lookback_start: String,
    /// Last day of the lookback window.
    pub lookback_end: String,
    /// When it was calculated.
    pub last_calculated_at: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A domain's fair share in a resource group (`DomainFairShareDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainFairShare {
    /// Record ID.
    pub id: String,
    /// Resource group (scaling group) name.
    pub resource_group: String,
    /// Domain name.
    pub domain_name: String,
    /// Parameters.
    pub spec: FairShareSpec,
    /// Latest calculation.
    pub calculation_snapshot: FairShareCalculation,
    /// Creation time.
    pub created_at: String,
    /// Last update.
    pub updated_at: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A project's fair share in a resource group (`ProjectFairShareDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectFairShare {
    /// Record ID.
    pub id: String,
    /// Resource group name.
    pub resource_group: String,
    /// Project (group) ID.
    pub project_id: String,
    /// Domain of the project.
    pub domain_name: String,
    /// Parameters.
    pub spec: FairShareSpec,
    /// Latest calculation.
    pub calculation_snapshot: FairShareCalculation,
    /// Creation time.
    pub created_at: String,
    /// Last update.
    pub updated_at: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A user's fair share in a project and resource group (`UserFairShareDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserFairShare {
    /// Record ID.
    pub id: String,
    /// Resource group name.
    pub resource_group: String,
    /// User UUID.
    pub user_uuid: String,
    /// Project ID.
    pub project_id: String,
    /// Domain of the user.
    pub domain_name: String,
    /// Parameters.
    pub spec: FairShareSpec,
    /// Latest calculation.
    pub calculation_snapshot: FairShareCalculation,
    /// Creation time.
    pub created_at: String,
    /// Last update.
    pub updated_at: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Conditions of a fair-share or usage-bucket search. Each search reads the keys of its
/// level: domains `resource_group`, `domain_name`; projects add `project_id`; users add
/// `user_uuid`; usage buckets add `period_start`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FairShareFilter {
    /// Resource group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<StringFilter>,
    /// User UUID (user level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_uuid: Option<UuidFilter>,
    /// Project ID (project and user levels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<UuidFilter>,
    /// Domain name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<StringFilter>,
    /// Bucket start date (usage buckets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<DateRangeFilter>,
    /// Other conditions.
    #[serde(flatten)]
    pub extra: Extra,
}

impl FairShareFilter {
    /// True when no condition is set (then the body carries no `filter`).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A fair-share or usage-bucket search body.
pub type FairShareSearchRequest = SearchRequest<FairShareFilter>;

/// `PUT .../weight` body: `{"weight"}` (domains) or `{"domain_name", "weight"}` (projects,
/// users); `weight: null` reverts to the resource group's default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpsertWeightRequest {
    /// Domain of the project or user (absent for a domain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// New weight (decimal text); `null` = default.
    pub weight: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of a bulk weight upsert: a domain (`domain_name`), a project (`project_id`,
/// `domain_name`) or a user (`user_uuid`, `project_id`, `domain_name`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WeightEntry {
    /// User UUID (user entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_uuid: Option<String>,
    /// Project ID (project and user entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Domain name.
    pub domain_name: String,
    /// Weight; `null` = default (always sent: the manager requires the key).
    pub weight: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /fair-share/{level}/bulk-upsert-weight` body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BulkUpsertWeightRequest {
    /// Resource group.
    pub resource_group: String,
    /// The entries.
    pub inputs: Vec<WeightEntry>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Answer of a bulk weight upsert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkUpsertWeightResponse {
    /// Records written.
    pub upserted_count: u64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A resource group's fair-share parameters (`ResourceGroupFairShareSpecDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceGroupFairShareSpec {
    /// Half-life of the usage decay, in days.
    pub half_life_days: i64,
    /// Days of usage looked back at.
    pub lookback_days: i64,
    /// Days per usage bucket.
    pub decay_unit_days: i64,
    /// Weight of entities without their own.
    pub default_weight: NumText,
    /// Weight of each resource type.
    #[serde(default)]
    pub resource_weights: ResourceSlotList,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A resource group with its fair-share spec (answer of spec get, list and update).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceGroupFairShare {
    /// Resource group name.
    pub resource_group: String,
    /// Its spec.
    pub fair_share_spec: ResourceGroupFairShareSpec,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Answer of `GET /fair-share/resource-groups/specs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceGroupFairShareList {
    /// Every resource group and its spec.
    pub items: Vec<ResourceGroupFairShare>,
    /// Total, if the server reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One resource weight change: `weight: null` removes the type's weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceWeightInput {
    /// Slot name.
    pub resource_type: String,
    /// New weight, or `null` to remove.
    pub weight: Option<NumText>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `PATCH /fair-share/resource-groups/{rg}/spec` body: only the keys set are changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateFairShareSpecRequest {
    /// Half-life in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_life_days: Option<i64>,
    /// Lookback in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lookback_days: Option<i64>,
    /// Days per bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decay_unit_days: Option<i64>,
    /// Default weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_weight: Option<NumText>,
    /// Resource weight changes (only the types listed change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_weights: Option<Vec<ResourceWeightInput>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl UpdateFairShareSpecRequest {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
