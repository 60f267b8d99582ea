//! The fair-share request builders, one per catalog row. The rows are one table (the
//! `builders!` call below): each names its path and which request shape it has (`get`,
//! `search`, `put` of a weight, `bulk` weights, `patch` of a spec); only those shapes refuse a
//! server below API v9 (with the typed "not supported" error) and choose method, body and
//! idempotency. A path's arguments are checked (UUIDs) before the version is.

use backendai_core::dto::{
    BulkUpsertWeightRequest, FairShareSearchRequest, UpdateFairShareSpecRequest,
    UpsertWeightRequest,
};
use backendai_core::ApiVersion;
use serde::Serialize;

use crate::error::Result;
use crate::groups::rest_v9::{require_v9, seg, uuid_arg, with_body};
use crate::request::ApiRequest;

/// What the version gate names in its error.
const WHAT: &str = "fair share";
/// Root of the group.
const ROOT: &str = "/fair-share";

/// `/fair-share/{level}/{rg}/{key}/...`: a record addressed by resource group and its keys.
fn level_path(level: &str, rg: &str, keys: &[&str]) -> String {
    let mut path = format!("{ROOT}/{level}/{}", seg(rg));
    for key in keys {
        path.push('/');
        path.push_str(&seg(key));
    }
    path
}

/// `/fair-share/rg/{rg}`: the root of the resource-group scoped paths.
fn rg_root(rg: &str) -> String {
    format!("{ROOT}/rg/{}", seg(rg))
}

/// `/fair-share/rg/{rg}/domains/{domain}`.
fn rg_domain(rg: &str, domain: &str) -> String {
    format!("{}/domains/{}", rg_root(rg), seg(domain))
}

/// `/fair-share/rg/{rg}/domains/{domain}/projects/{project_id}`.
fn rg_project(rg: &str, domain: &str, project_id: &str) -> Result<String> {
    let p = uuid_arg("project ID", project_id)?;
    Ok(format!("{}/projects/{p}", rg_domain(rg, domain)))
}

/// `{parent}/{level}/search`: a search of fair shares.
fn shares(parent: &str, level: &str) -> String {
    format!("{parent}/{level}/search")
}

/// `{parent}/usage-buckets/{level}/search`: a search of usage buckets.
fn buckets(parent: &str, level: &str) -> String {
    format!("{parent}/usage-buckets/{level}/search")
}

fn get(v: &ApiVersion, path: String) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get(path))
}

/// A request with a JSON body, marked idempotent: searches change nothing and every write of
/// the group sets a state, so each is safe to resend on another endpoint.
fn with_json(v: &ApiVersion, req: ApiRequest, body: &impl Serialize) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(with_body(req, body)?.idempotent(true))
}

fn search(v: &ApiVersion, path: String, body: &FairShareSearchRequest) -> Result<ApiRequest> {
    with_json(v, ApiRequest::post(path), body)
}

/// `PUT {record}/weight`.
fn put(v: &ApiVersion, record: String, body: &UpsertWeightRequest) -> Result<ApiRequest> {
    with_json(v, ApiRequest::put(format!("{record}/weight")), body)
}

fn bulk(v: &ApiVersion, level: &str, body: &BulkUpsertWeightRequest) -> Result<ApiRequest> {
    let path = format!("{ROOT}/{level}/bulk-upsert-weight");
    with_json(v, ApiRequest::post(path), body)
}

fn patch(v: &ApiVersion, path: String, body: &UpdateFairShareSpecRequest) -> Result<ApiRequest> {
    with_json(v, ApiRequest::patch(path), body)
}

/// Defines one `pub fn name(v: &ApiVersion, args..) -> Result<ApiRequest>` per row:
/// `/// doc` then `fn name(args) = shape(path, body);`.
macro_rules! builders {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) = $shape:ident($($x:expr),+ $(,)?);
    )*) => {$(
        $(#[$meta])*
        pub fn $name(v: &ApiVersion, $($arg: $ty),*) -> Result<ApiRequest> {
            $shape(v, $($x),+)
        }
    )*};
}

/// A search body.
type SearchBody = FairShareSearchRequest;
/// A weight body.
type WeightBody = UpsertWeightRequest;

builders! {
    /// `GET /fair-share/domains/{rg}/{domain}`.
    fn get_domain(rg: &str, domain: &str) = get(level_path("domains", rg, &[domain]));
    /// `POST /fair-share/domains/search`.
    fn search_domains(body: &SearchBody) = search(shares(ROOT, "domains"), body);
    /// `GET /fair-share/rg/{rg}/domains/{domain}`.
    fn rg_get_domain(rg: &str, domain: &str) = get(rg_domain(rg, domain));
    /// `POST /fair-share/rg/{rg}/domains/search`.
    fn rg_search_domains(rg: &str, body: &SearchBody) =
        search(shares(&rg_root(rg), "domains"), body);

    /// `GET /fair-share/projects/{rg}/{project_id}`.
    fn get_project(rg: &str, project_id: &str) =
        get(level_path("projects", rg, &[&uuid_arg("project ID", project_id)?]));
    /// `POST /fair-share/projects/search`.
    fn search_projects(body: &SearchBody) = search(shares(ROOT, "projects"), body);
    /// `GET /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}`.
    fn rg_get_project(rg: &str, domain: &str, project_id: &str) =
        get(rg_project(rg, domain, project_id)?);
    /// `POST /fair-share/rg/{rg}/domains/{domain}/projects/search`.
    fn rg_search_projects(rg: &str, domain: &str, body: &SearchBody) =
        search(shares(&rg_domain(rg, domain), "projects"), body);

    /// `GET /fair-share/users/{rg}/{project_id}/{user_uuid}`.
    fn get_user(rg: &str, project_id: &str, user: &str) = get(level_path(
        "users",
        rg,
        &[&uuid_arg("project ID", project_id)?, &uuid_arg("user UUID", user)?],
    ));
    /// `POST /fair-share/users/search`.
    fn search_users(body: &SearchBody) = search(shares(ROOT, "users"), body);
    /// `GET /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}/users/{user_uuid}`
    /// (the user UUID is checked before the project ID).
    fn rg_get_user(rg: &str, domain: &str, project_id: &str, user: &str) = get({
        let u = uuid_arg("user UUID", user)?;
        format!("{}/users/{u}", rg_project(rg, domain, project_id)?)
    });
    /// `POST /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}/users/search`.
    fn rg_search_users(rg: &str, domain: &str, project_id: &str, body: &SearchBody) =
        search(shares(&rg_project(rg, domain, project_id)?, "users"), body);

    /// `POST /fair-share/usage-buckets/domains/search`.
    fn search_domain_usage_buckets(body: &SearchBody) = search(buckets(ROOT, "domains"), body);
    /// `POST /fair-share/usage-buckets/projects/search`.
    fn search_project_usage_buckets(body: &SearchBody) = search(buckets(ROOT, "projects"), body);
    /// `POST /fair-share/usage-buckets/users/search`.
    fn search_user_usage_buckets(body: &SearchBody) = search(buckets(ROOT, "users"), body);
    /// `POST /fair-share/rg/{rg}/usage-buckets/domains/search`.
    fn rg_search_domain_usage_buckets(rg: &str, body: &SearchBody) =
        search(buckets(&rg_root(rg), "domains"), body);
    /// `POST /fair-share/rg/{rg}/domains/{domain}/usage-buckets/projects/search`.
    fn rg_search_project_usage_buckets(rg: &str, domain: &str, body: &SearchBody) =
        search(buckets(&rg_domain(rg, domain), "projects"), body);
    /// `POST /fair-share/rg/{rg}/domains/{domain}/projects/{project_id}/usage-buckets/users/search`
    fn rg_search_user_usage_buckets(rg: &str, domain: &str, project_id: &str, body: &SearchBody) =
        search(buckets(&rg_project(rg, domain, project_id)?, "users"), body);

    /// `PUT /fair-share/domains/{rg}/{domain}/weight {"weight"}`.
    fn upsert_domain_weight(rg: &str, domain: &str, body: &WeightBody) =
        put(level_path("domains", rg, &[domain]), body);
    /// `PUT /fair-share/projects/{rg}/{project_id}/weight {"domain_name", "weight"}`.
    fn upsert_project_weight(rg: &str, project_id: &str, body: &WeightBody) =
        put(level_path("projects", rg, &[&uuid_arg("project ID", project_id)?]), body);
    /// `PUT /fair-share/users/{rg}/{project_id}/{user_uuid}/weight {"domain_name", "weight"}`.
    fn upsert_user_weight(rg: &str, project_id: &str, user: &str, body: &WeightBody) = put(
        level_path(
            "users",
            rg,
            &[&uuid_arg("project ID", project_id)?, &uuid_arg("user UUID", user)?],
        ),
        body,
    );

    /// `POST /fair-share/domains/bulk-upsert-weight {"resource_group", "inputs"}`.
    fn bulk_upsert_domain_weights(body: &BulkUpsertWeightRequest) = bulk("domains", body);
    /// `POST /fair-share/projects/bulk-upsert-weight {"resource_group", "inputs"}`.
    fn bulk_upsert_project_weights(body: &BulkUpsertWeightRequest) = bulk("projects", body);
    /// `POST /fair-share/users/bulk-upsert-weight {"resource_group", "inputs"}`.
    fn bulk_upsert_user_weights(body: &BulkUpsertWeightRequest) = bulk("users", body);

    /// `GET /fair-share/resource-groups/{rg}/spec`.
    fn get_resource_group_spec(rg: &str) =
        get(format!("{ROOT}/resource-groups/{}/spec", seg(rg)));
    /// `GET /fair-share/resource-groups/specs`.
    fn list_resource_group_specs() = get(format!("{ROOT}/resource-groups/specs"));
    /// `PATCH /fair-share/resource-groups/{rg}/spec` (only the keys set change).
    fn update_resource_group_spec(rg: &str, body: &UpdateFairShareSpecRequest) =
        patch(format!("{ROOT}/resource-groups/{}/spec", seg(rg)), body);
}
