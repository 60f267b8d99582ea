//! Resource-usage history of the 26.9 manager: the usage buckets the fair-share scheduler
//! decays (`/fair-share/usage-buckets/...`, `/fair-share/rg/.../usage-buckets/...`; the
//! Python client's `ResourceUsage` and `FairShare` both read them). A bucket is one decay unit
//! (usually a day) of a domain's, project's or user's usage in a resource group.

use serde::{Deserialize, Serialize};

use super::common::Extra;
use super::fair_share::ResourceSlotList;

/// The period and bookkeeping of a bucket (`UsageBucketMetadataDTO`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageBucketMetadata {
    /// First day (inclusive).
    pub period_start: String,
    /// Last day (exclusive).
    pub period_end: String,
    /// Days in the bucket.
    pub decay_unit_days: i64,
    /// Creation time.
    pub created_at: String,
    /// Last update.
    pub updated_at: String,
    /// Other fields (newer managers add `average_daily_usage`, `usage_capacity_ratio`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A usage bucket of a domain, a project or a user: `project_id` and `user_uuid` are present
/// at the levels that have them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageBucket {
    /// Record ID.
    pub id: String,
    /// User UUID (user buckets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_uuid: Option<String>,
    /// Project ID (project and user buckets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Domain name.
    pub domain_name: String,
    /// Resource group name.
    pub resource_group: String,
    /// Period and timestamps.
    pub metadata: UsageBucketMetadata,
    /// Usage in the period.
    #[serde(default)]
    pub resource_usage: ResourceSlotList,
    /// The resource group's capacity at the end of the period.
    #[serde(default)]
    pub capacity_snapshot: ResourceSlotList,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
