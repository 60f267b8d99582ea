//! Auto-scaling rules of 26.9 deployments (`/admin/auto-scaling-rules`): pure request
//! builders (refusing a server older than 26.9 before anything is sent) and the handle's
//! methods.

use backendai_core::dto::{
    AutoScalingRule, AutoScalingRuleEnvelope, AutoScalingRuleInput, AutoScalingRuleList, Deleted,
    SearchBody,
};
use backendai_core::ApiVersion;
use serde_json::json;

use super::Deployments;
use crate::error::Result;
use crate::groups::rest_v9::{require_v9, uuid_arg, with_body};
use crate::groups::v26::call;
use crate::request::ApiRequest;

const WHAT: &str = "auto-scaling rules of model deployments (API v9)";
const BASE: &str = "/admin/auto-scaling-rules";

fn rule_path(v: &ApiVersion, rule_id: &str) -> Result<String> {
    require_v9(v, WHAT)?;
    Ok(format!("{BASE}/{}", uuid_arg("rule ID", rule_id)?))
}

/// `POST /admin/auto-scaling-rules` (`model_deployment_id`, `metric_source`, `metric_name`,
/// `step_size` and `time_window` are required by the server).
pub fn create_rule_request(v: &ApiVersion, body: &AutoScalingRuleInput) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    if let Some(id) = &body.model_deployment_id {
        uuid_arg("deployment ID", id)?;
    }
    with_body(ApiRequest::post(BASE), body)
}

/// `GET /admin/auto-scaling-rules/{rule_id}`.
pub fn get_rule_request(v: &ApiVersion, rule_id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(rule_path(v, rule_id)?))
}

/// `POST /admin/auto-scaling-rules/search`.
pub fn search_rules_request(v: &ApiVersion, body: &SearchBody) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post(format!("{BASE}/search")), body)
}

/// The search of one deployment's rules.
pub fn rules_of_deployment(deployment_id: &str, limit: u32, offset: u32) -> SearchBody {
    SearchBody::page(limit, offset).with_filter(json!({"model_deployment_id": deployment_id}))
}

/// `PATCH /admin/auto-scaling-rules/{rule_id}` (only the fields set).
pub fn update_rule_request(
    v: &ApiVersion,
    rule_id: &str,
    body: &AutoScalingRuleInput,
) -> Result<ApiRequest> {
    with_body(
        ApiRequest::patch(rule_path(v, rule_id)?).idempotent(true),
        body,
    )
}

/// `POST /admin/auto-scaling-rules/delete {"rule_id"}`.
pub fn delete_rule_request(v: &ApiVersion, rule_id: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = json!({"rule_id": uuid_arg("rule ID", rule_id)?});
    Ok(ApiRequest::post(format!("{BASE}/delete")).json(body))
}

impl Deployments<'_> {
    /// Creates an auto-scaling rule.
    pub async fn create_auto_scaling_rule(
        &self,
        body: &AutoScalingRuleInput,
    ) -> Result<AutoScalingRule> {
        let r: AutoScalingRuleEnvelope =
            call(self.client, |v| create_rule_request(v, body)).await?;
        Ok(r.auto_scaling_rule)
    }

    /// One auto-scaling rule.
    pub async fn get_auto_scaling_rule(&self, rule_id: &str) -> Result<AutoScalingRule> {
        let r: AutoScalingRuleEnvelope =
            call(self.client, |v| get_rule_request(v, rule_id)).await?;
        Ok(r.auto_scaling_rule)
    }

    /// A page of auto-scaling rules.
    pub async fn search_auto_scaling_rules(
        &self,
        body: &SearchBody,
    ) -> Result<AutoScalingRuleList> {
        call(self.client, |v| search_rules_request(v, body)).await
    }

    /// Changes the fields set in `body`.
    pub async fn update_auto_scaling_rule(
        &self,
        rule_id: &str,
        body: &AutoScalingRuleInput,
    ) -> Result<AutoScalingRule> {
        let r: AutoScalingRuleEnvelope =
            call(self.client, |v| update_rule_request(v, rule_id, body)).await?;
        Ok(r.auto_scaling_rule)
    }

    /// Deletes an auto-scaling rule.
    pub async fn delete_auto_scaling_rule(&self, rule_id: &str) -> Result<Deleted> {
        call(self.client, |v| delete_rule_request(v, rule_id)).await
    }
}
