//! The fair-share request builders: pure functions, one per catalog row, each refusing a
//! server below API v9 with the typed "not supported" error.

use backendai_core::dto::{
    BulkUpsertWeightRequest, FairShareSearchRequest, UpdateFairShareSpecRequest,
    UpsertWeightRequest,
};
use backendai_core::ApiVersion;

use crate::error::Result;
use crate::groups::rest_v9::{require_v9, seg, uuid_arg, with_body};
use crate::request::ApiRequest;

/// What the version gate names in its error.
const WHAT: &str = "fair share";
/// Root of the group.
const ROOT: &str = "/fair-share";

fn rg_root(rg: &str) -> String {
    format!("{ROOT}/rg/{}", seg(rg))
}

fn rg_domain(rg: &str, domain: &str) -> String {
    format!("{}/domains/{}", rg_root(rg), seg(domain))
}

fn rg_project(rg: &str, domain: &str, project_id: &str) -> Result<String> {
    let p = uuid_arg("project ID", project_id)?;
    Ok(format!("{}/projects/{p}", rg_domain(rg, domain)))
}

fn get(v: &ApiVersion, path: String) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get(path))
}

fn search(v: &ApiVersion, path: String, body: &FairShareSearchRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    // A search changes nothing: safe to resend on another endpoint.
    Ok(with_body(ApiRequest::post(path), body)?.idempotent(true))
}

/// `GET /fair-share/domains/{rg}/{domain}`.
pub fn get_domain(v: &ApiVersion, rg: &str, domain: &str) -> Result<ApiRequest> {
    get(v, format!("{ROOT}/domains/{}/{}", seg(rg), seg(domain)))
}

/// `POST /fair-share/domains/search`.
pub fn search_domains(v: &ApiVersion, body: &FairShareSearchRequest) -> Result<ApiRequest> {
    search(v, format!("{ROOT}/domains/search"), body)
}

/// `GET /fair-share/rg/{rg}/domains/{domain}`.
pub fn rg_get_domain(v: &ApiVersion, rg: &str, domain: &str) -> Result<ApiRequest> {
    get(v, rg_domain(rg, domain))
}

/// `POST /fair-share/rg/{rg}/domains/search`.
pub fn rg_search_domains(
    v: &ApiVersion,
    rg: &str,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    search(v, format!("{}/domains/search", rg_root(rg)), body)
}

/// `GET /fair-share/projects/{rg}/{project_id}`.
pub fn get_project(v: &ApiVersion, rg: &str, project_id: &str) -> Result<ApiRequest> {
    let p = uuid_arg("project ID", project_id)?;
    get(v, format!("{ROOT}/projects/{}/{p}", seg(rg)))
}

/// `POST /fair-share/projects/search`.
pub fn search_projects(v: &ApiVersion, body: &FairShareSearchRequest) -> Result<ApiRequest> {
    search(v, format!("{ROOT}/projects/search"), body)
}

/// `GET /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}`.
pub fn rg_get_project(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    project_id: &str,
) -> Result<ApiRequest> {
    get(v, rg_project(rg, domain, project_id)?)
}

/// `POST /fair-share/rg/{rg}/domains/{domain}/projects/search`.
pub fn rg_search_projects(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    search(
        v,
        format!("{}/projects/search", rg_domain(rg, domain)),
        body,
    )
}

/// `GET /fair-share/users/{rg}/{project_id}/{user_uuid}`.
pub fn get_user(v: &ApiVersion, rg: &str, project_id: &str, user: &str) -> Result<ApiRequest> {
    let p = uuid_arg("project ID", project_id)?;
    let u = uuid_arg("user UUID", user)?;
    get(v, format!("{ROOT}/users/{}/{p}/{u}", seg(rg)))
}

/// `POST /fair-share/users/search`.
pub fn search_users(v: &ApiVersion, body: &FairShareSearchRequest) -> Result<ApiRequest> {
    search(v, format!("{ROOT}/users/search"), body)
}

/// `GET /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}/users/{user_uuid}`.
pub fn rg_get_user(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    project_id: &str,
    user: &str,
) -> Result<ApiRequest> {
    let u = uuid_arg("user UUID", user)?;
    get(
        v,
        format!("{}/users/{u}", rg_project(rg, domain, project_id)?),
    )
}

/// `POST /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}/users/search`.
pub fn rg_search_users(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    project_id: &str,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    let base = rg_project(rg, domain, project_id)?;
    search(v, format!("{base}/users/search"), body)
}

/// `POST /fair-share/usage-buckets/domains/search`.
pub fn search_domain_usage_buckets(
    v: &ApiVersion,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    search(v, format!("{ROOT}/usage-buckets/domains/search"), body)
}

/// `POST /fair-share/usage-buckets/projects/search`.
pub fn search_project_usage_buckets(
    v: &ApiVersion,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    search(v, format!("{ROOT}/usage-buckets/projects/search"), body)
}

/// `POST /fair-share/usage-buckets/users/search`.
pub fn search_user_usage_buckets(
    v: &ApiVersion,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    search(v, format!("{ROOT}/usage-buckets/users/search"), body)
}

/// `POST /fair-share/rg/{rg}/usage-buckets/domains/search`.
pub fn rg_search_domain_usage_buckets(
    v: &ApiVersion,
    rg: &str,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    let path = format!("{}/usage-buckets/domains/search", rg_root(rg));
    search(v, path, body)
}

/// `POST /fair-share/rg/{rg}/domains/{domain}/usage-buckets/projects/search`.
pub fn rg_search_project_usage_buckets(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    let path = format!("{}/usage-buckets/projects/search", rg_domain(rg, domain));
    search(v, path, body)
}

/// `POST /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}/usage-buckets/users/search`.
pub fn rg_search_user_usage_buckets(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    project_id: &str,
    body: &FairShareSearchRequest,
) -> Result<ApiRequest> {
    let base = rg_project(rg, domain, project_id)?;
    search(v, format!("{base}/usage-buckets/users/search"), body)
}

fn put(v: &ApiVersion, path: String, body: &UpsertWeightRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    // Setting a weight twice leaves the same state.
    Ok(with_body(ApiRequest::put(path), body)?.idempotent(true))
}

/// `PUT /fair-share/domains/{rg}/{domain}/weight {"weight"}`.
pub fn upsert_domain_weight(
    v: &ApiVersion,
    rg: &str,
    domain: &str,
    body: &UpsertWeightRequest,
) -> Result<ApiRequest> {
    put(
        v,
        format!("{ROOT}/domains/{}/{}/weight", seg(rg), seg(domain)),
        body,
    )
}

/// `PUT /fair-share/projects/{rg}/{project_id}/weight {"domain_name", "weight"}`.
pub fn upsert_project_weight(
    v: &ApiVersion,
    rg: &str,
    project_id: &str,
    body: &UpsertWeightRequest,
) -> Result<ApiRequest> {
    let p = uuid_arg("project ID", project_id)?;
    put(v, format!("{ROOT}/projects/{}/{p}/weight", seg(rg)), body)
}

/// `PUT /fair-share/users/{rg}/{project_id}/{user_uuid}/weight {"domain_name", "weight"}`.
pub fn upsert_user_weight(
    v: &ApiVersion,
    rg: &str,
    project_id: &str,
    user: &str,
    body: &UpsertWeightRequest,
) -> Result<ApiRequest> {
    let p = uuid_arg("project ID", project_id)?;
    let u = uuid_arg("user UUID", user)?;
    put(v, format!("{ROOT}/users/{}/{p}/{u}/weight", seg(rg)), body)
}

fn bulk(v: &ApiVersion, level: &str, body: &BulkUpsertWeightRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let path = format!("{ROOT}/{level}/bulk-upsert-weight");
    Ok(with_body(ApiRequest::post(path), body)?.idempotent(true))
}

/// `POST /fair-share/domains/bulk-upsert-weight {"resource_group", "inputs"}`.
pub fn bulk_upsert_domain_weights(
    v: &ApiVersion,
    body: &BulkUpsertWeightRequest,
) -> Result<ApiRequest> {
    bulk(v, "domains", body)
}

/// `POST /fair-share/projects/bulk-upsert-weight {"resource_group", "inputs"}`.
pub fn bulk_upsert_project_weights(
    v: &ApiVersion,
    body: &BulkUpsertWeightRequest,
) -> Result<ApiRequest> {
    bulk(v, "projects", body)
}

/// `POST /fair-share/users/bulk-upsert-weight {"resource_group", "inputs"}`.
pub fn bulk_upsert_user_weights(
    v: &ApiVersion,
    body: &BulkUpsertWeightRequest,
) -> Result<ApiRequest> {
    bulk(v, "users", body)
}

/// `GET /fair-share/resource-groups/{rg}/spec`.
pub fn get_resource_group_spec(v: &ApiVersion, rg: &str) -> Result<ApiRequest> {
    get(v, format!("{ROOT}/resource-groups/{}/spec", seg(rg)))
}

/// `GET /fair-share/resource-groups/specs`.
pub fn list_resource_group_specs(v: &ApiVersion) -> Result<ApiRequest> {
    get(v, format!("{ROOT}/resource-groups/specs"))
}

/// `PATCH /fair-share/resource-groups/{rg}/spec` (only the keys set change).
pub fn update_resource_group_spec(
    v: &ApiVersion,
    rg: &str,
    body: &UpdateFairShareSpecRequest,
) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let path = format!("{ROOT}/resource-groups/{}/spec", seg(rg));
    Ok(with_body(ApiRequest::patch(path), body)?.idempotent(true))
}
