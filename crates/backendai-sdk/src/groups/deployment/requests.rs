//! Pure request builders of the 26.9 deployment API (`/deployments`). Each takes the
//! negotiated API version and refuses a server older than 26.9 before anything is sent.

use backendai_core::dto::{
    AddRevisionRequest, CreateDeploymentRequest, RevisionInput, SearchBody,
    UpdateDeploymentRequest, UpdateRouteTrafficStatusRequest, UpsertDeploymentPolicyRequest,
};
use backendai_core::ApiVersion;

use crate::error::Result;
use crate::groups::rest_v9::{require_v9, uuid_arg, with_body};
use crate::request::ApiRequest;

const WHAT: &str = "model deployments (API v9)";

fn deployment_path(v: &ApiVersion, id: &str) -> Result<String> {
    require_v9(v, WHAT)?;
    Ok(format!("/deployments/{}", uuid_arg("deployment ID", id)?))
}

/// `POST /deployments`.
pub fn create_request(v: &ApiVersion, body: &CreateDeploymentRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/deployments"), body)
}

/// `POST /deployments/search`.
pub fn search_request(v: &ApiVersion, body: &SearchBody) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/deployments/search"), body)
}

/// `GET /deployments/{id}`.
pub fn get_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(deployment_path(v, id)?))
}

/// `PATCH /deployments/{id}`.
pub fn update_request(
    v: &ApiVersion,
    id: &str,
    body: &UpdateDeploymentRequest,
) -> Result<ApiRequest> {
    let req = ApiRequest::patch(deployment_path(v, id)?).idempotent(true);
    with_body(req, body)
}

/// `DELETE /deployments/{id}` (the Python CLI's `destroy`).
pub fn delete_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::delete(deployment_path(v, id)?))
}

/// `POST /deployments/{id}/revisions {"revision": ..}`.
pub fn add_revision_request(
    v: &ApiVersion,
    id: &str,
    revision: &RevisionInput,
) -> Result<ApiRequest> {
    let path = format!("{}/revisions", deployment_path(v, id)?);
    let body = AddRevisionRequest {
        revision: revision.clone(),
    };
    with_body(ApiRequest::post(path), &body)
}

/// `POST /deployments/{id}/revisions/search`.
pub fn search_revisions_request(v: &ApiVersion, id: &str, body: &SearchBody) -> Result<ApiRequest> {
    let path = format!("{}/revisions/search", deployment_path(v, id)?);
    with_body(ApiRequest::post(path), body)
}

fn revision_path(v: &ApiVersion, id: &str, revision_id: &str) -> Result<String> {
    let base = deployment_path(v, id)?;
    Ok(format!(
        "{base}/revisions/{}",
        uuid_arg("revision ID", revision_id)?
    ))
}

/// `GET /deployments/{id}/revisions/{revision_id}`.
pub fn get_revision_request(v: &ApiVersion, id: &str, revision_id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(revision_path(v, id, revision_id)?))
}

/// `POST /deployments/{id}/revisions/{revision_id}/activate`.
pub fn activate_revision_request(
    v: &ApiVersion,
    id: &str,
    revision_id: &str,
) -> Result<ApiRequest> {
    let path = format!("{}/activate", revision_path(v, id, revision_id)?);
    Ok(ApiRequest::post(path))
}

/// `POST /deployments/{id}/revisions/{revision_id}/deactivate`.
pub fn deactivate_revision_request(
    v: &ApiVersion,
    id: &str,
    revision_id: &str,
) -> Result<ApiRequest> {
    let path = format!("{}/deactivate", revision_path(v, id, revision_id)?);
    Ok(ApiRequest::post(path))
}

/// `POST /deployments/{id}/routes/search`.
pub fn search_routes_request(v: &ApiVersion, id: &str, body: &SearchBody) -> Result<ApiRequest> {
    let path = format!("{}/routes/search", deployment_path(v, id)?);
    with_body(ApiRequest::post(path), body)
}

/// `PATCH /deployments/{id}/routes/{route_id}/traffic-status {"traffic_status"}`
/// (`ACTIVE` or `INACTIVE`).
pub fn update_route_traffic_request(
    v: &ApiVersion,
    id: &str,
    route_id: &str,
    traffic_status: &str,
) -> Result<ApiRequest> {
    let base = deployment_path(v, id)?;
    let path = format!(
        "{base}/routes/{}/traffic-status",
        uuid_arg("route ID", route_id)?
    );
    let body = UpdateRouteTrafficStatusRequest {
        traffic_status: traffic_status.to_owned(),
    };
    with_body(ApiRequest::patch(path).idempotent(true), &body)
}

/// `POST /deployments/policies/search` (superadmins).
pub fn search_policies_request(v: &ApiVersion, body: &SearchBody) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/deployments/policies/search"), body)
}

/// `GET /deployments/{id}/policy`.
pub fn get_policy_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(format!(
        "{}/policy",
        deployment_path(v, id)?
    )))
}

/// `PUT /deployments/{id}/policy`: creates or replaces the rollout policy.
pub fn upsert_policy_request(
    v: &ApiVersion,
    id: &str,
    body: &UpsertDeploymentPolicyRequest,
) -> Result<ApiRequest> {
    let path = format!("{}/policy", deployment_path(v, id)?);
    with_body(ApiRequest::put(path).idempotent(true), body)
}
