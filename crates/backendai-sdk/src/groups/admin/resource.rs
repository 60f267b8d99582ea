//! Resource presets, usage statistics, registries and slots (`Resource`).

use serde_json::{json, Value};

use super::{group_handle, rest_json, send_methods};
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
    send_methods! {
        /// Resource presets: `{"presets": [{"name", "resource_slots", "shared_memory"}]}`.
        fn presets() -> Value = rest_json(presets_request());

        /// Presets with allocatability for the caller (`keypair_limits`, `scaling_groups`, …).
        fn check_presets() -> Value = rest_json(check_presets_request());

        /// Registered docker registries.
        fn docker_registries() -> Value = rest_json(docker_registries_request());

        /// Usage of `group_ids` in `month` (`YYYYMM`).
        fn usage_per_month(month: &str, group_ids: &[&str]) -> Value
            = rest_json(usage_per_month_request(month, group_ids));

        /// Usage of one group between two dates (`YYYYMMDD`).
        fn usage_per_period(group_id: &str, start_date: &str, end_date: &str) -> Value
            = rest_json(usage_per_period_request(group_id, start_date, end_date));

        /// Resource slot types the server knows.
        fn resource_slots() -> Value = rest_json(resource_slots_request());

        /// Virtual folder types the server allows.
        fn vfolder_types() -> Value = rest_json(vfolder_types_request());

        /// Recalculates resource usage counters.
        fn recalculate_usage() -> Value = rest_json(recalculate_usage_request());

        /// The caller's session statistics of the last month.
        fn user_monthly_stats() -> Value = rest_json(user_monthly_stats_request());

        /// Cluster-wide session statistics of the last month (superadmin).
        fn admin_monthly_stats() -> Value = rest_json(admin_monthly_stats_request());
    }
}
