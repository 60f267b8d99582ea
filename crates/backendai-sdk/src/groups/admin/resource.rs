//! Resource presets, usage statistics, registries and slots (`Resource`).

use serde_json::{json, Value};

use super::{group_handle, rest_json};
use crate::error::Result;
use crate::request::ApiRequest;

/// `GET /resource/presets`.
pub fn presets_request() -> ApiRequest {
    ApiRequest::get("/resource/presets")
}

/// `POST /resource/check-presets` (no body).
pub fn check_presets_request() -> ApiRequest {
    ApiRequest::post("/resource/check-presets").idempotent(true)
}

/// `GET /config/docker-registries`.
pub fn docker_registries_request() -> ApiRequest {
    ApiRequest::get("/config/docker-registries")
}

/// `GET /resource/usage/month {"month", "group_ids"}` (JSON body on GET).
pub fn usage_per_month_request(month: &str, group_ids: &[&str]) -> ApiRequest {
    ApiRequest::get("/resource/usage/month").json(json!({"month": month, "group_ids": group_ids}))
}

/// `GET /resource/usage/period {"group_id", "start_date", "end_date"}` (JSON body on GET).
pub fn usage_per_period_request(group_id: &str, start_date: &str, end_date: &str) -> ApiRequest {
    ApiRequest::get("/resource/usage/period").json(json!({
        "group_id": group_id,
        "start_date": start_date,
        "end_date": end_date,
    }))
}

/// `GET /config/resource-slots`.
pub fn resource_slots_request() -> ApiRequest {
    ApiRequest::get("/config/resource-slots")
}

/// `GET /config/vfolder-types`.
pub fn vfolder_types_request() -> ApiRequest {
    ApiRequest::get("/config/vfolder-types")
}

/// `POST /resource/recalculate-usage`.
pub fn recalculate_usage_request() -> ApiRequest {
    ApiRequest::post("/resource/recalculate-usage")
}

/// `GET /resource/stats/user/month`.
pub fn user_monthly_stats_request() -> ApiRequest {
    ApiRequest::get("/resource/stats/user/month")
}

/// `GET /resource/stats/admin/month`.
pub fn admin_monthly_stats_request() -> ApiRequest {
    ApiRequest::get("/resource/stats/admin/month")
}

group_handle!(
    /// Resource presets, usage and registries (`Resource`).
    Resources,
    resources
);

impl Resources<'_> {
    /// Resource presets: `{"presets": [{"name", "resource_slots", "shared_memory"}]}`.
    pub async fn presets(&self) -> Result<Value> {
        rest_json(self.client, presets_request()).await
    }

    /// Presets with allocatability for the caller (`keypair_limits`, `scaling_groups`, …).
    pub async fn check_presets(&self) -> Result<Value> {
        rest_json(self.client, check_presets_request()).await
    }

    /// Registered docker registries.
    pub async fn docker_registries(&self) -> Result<Value> {
        rest_json(self.client, docker_registries_request()).await
    }

    /// Usage of `group_ids` in `month` (`YYYYMM`).
    pub async fn usage_per_month(&self, month: &str, group_ids: &[&str]) -> Result<Value> {
        rest_json(self.client, usage_per_month_request(month, group_ids)).await
    }

    /// Usage of one group between two dates (`YYYYMMDD`).
    pub async fn usage_per_period(
        &self,
        group_id: &str,
        start_date: &str,
        end_date: &str,
    ) -> Result<Value> {
        rest_json(
            self.client,
            usage_per_period_request(group_id, start_date, end_date),
        )
        .await
    }

    /// Resource slot types the server knows.
    pub async fn resource_slots(&self) -> Result<Value> {
        rest_json(self.client, resource_slots_request()).await
    }

    /// Virtual folder types the server allows.
    pub async fn vfolder_types(&self) -> Result<Value> {
        rest_json(self.client, vfolder_types_request()).await
    }

    /// Recalculates resource usage counters.
    pub async fn recalculate_usage(&self) -> Result<Value> {
        rest_json(self.client, recalculate_usage_request()).await
    }

    /// The caller's session statistics of the last month.
    pub async fn user_monthly_stats(&self) -> Result<Value> {
        rest_json(self.client, user_monthly_stats_request()).await
    }

    /// Cluster-wide session statistics of the last month (superadmin).
    pub async fn admin_monthly_stats(&self) -> Result<Value> {
        rest_json(self.client, admin_monthly_stats_request()).await
    }
}
