//! Request builders of the Service group: pure functions with the 23.09 Python client's
//! paths, bodies, GraphQL text and default field selections. Ids are the canonical UUID
//! text ([`super::parse_id`]).

use serde_json::{json, Value};

use crate::graphql::GqlQuery;
use crate::paginate::PaginatedQuery;
use crate::request::ApiRequest;
pub use backendai_core::dto::{ServiceCreateConfig, ServiceCreateRequest};

/// Fields `Service.paginated_list` and `Service.detail` select by default.
pub const DEFAULT_FIELDS: &[&str] = &[
    "endpoint_id",
    "name",
    "image",
    "desired_session_count",
    "routings { routing_id session status traffic_ratio }",
    "session_owner",
    "open_to_public",
];

/// Fields `service info` and `service get-endpoint` select (the defaults plus `url`).
pub const DETAIL_FIELDS: &[&str] = &[
    "endpoint_id",
    "name",
    "image",
    "desired_session_count",
    "routings { routing_id session status traffic_ratio }",
    "session_owner",
    "url",
    "open_to_public",
];

/// Server-side filter and order of the paginated list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceListOptions {
    /// Filter expression.
    pub filter: Option<String>,
    /// Order expression.
    pub order: Option<String>,
}

/// Arguments of `Service.create`, with the Python client's defaults ([`CreateService::new`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateService {
    /// Image reference.
    pub image: String,
    /// Model folder id or name (a folder with `usage_mode` `model`).
    pub model_id_or_name: String,
    /// Sessions to start.
    pub initial_session_count: i64,
    /// Service name; `None` = made up by the SDK.
    pub service_name: Option<String>,
    /// Model version.
    pub model_version: Option<String>,
    /// Where the model folder is mounted (`None`: sent as `null`; the 23.09 manager then
    /// rejects the request, the CLI sends `/models`).
    pub model_mount_destination: Option<String>,
    /// Environment variables (`None`: `null`).
    pub envs: Option<Value>,
    /// Startup command.
    pub startup_command: Option<String>,
    /// Resource slots (`None`: `null`, which a 23.09.10 manager stores so that its GraphQL
    /// `endpoint` fails once the service has a route; the CLI sends `{}`).
    pub resources: Option<Value>,
    /// Resource options (`None`: `null`).
    pub resource_opts: Option<Value>,
    /// Containers per session (default 1).
    pub cluster_size: i64,
    /// `single-node` (default) or `multi-node`.
    pub cluster_mode: String,
    /// Domain (`None`: `null`, which the 23.09 manager rejects; the CLI sends `default`).
    pub domain_name: Option<String>,
    /// Project (`None`: `null`, rejected by 23.09 like the domain; the CLI sends `default`).
    pub group_name: Option<String>,
    /// Bootstrap script text.
    pub bootstrap_script: Option<String>,
    /// User tag.
    pub tag: Option<String>,
    /// Image architecture (default `x86_64`).
    pub architecture: Option<String>,
    /// Scaling group (`None`: the manager picks one that allows inference sessions).
    pub scaling_group: Option<String>,
    /// Owner access key (admins).
    pub owner_access_key: Option<String>,
    /// Reachable without a token.
    pub expose_to_public: bool,
}

impl CreateService {
    /// A service of `initial_session_count` sessions running `image` on a model, with every
    /// other argument at the Python client's default.
    pub fn new(
        image: impl Into<String>,
        model_id_or_name: impl Into<String>,
        initial_session_count: i64,
    ) -> Self {
        Self {
            image: image.into(),
            model_id_or_name: model_id_or_name.into(),
            initial_session_count,
            service_name: None,
            model_version: None,
            model_mount_destination: None,
            envs: None,
            startup_command: None,
            resources: None,
            resource_opts: None,
            cluster_size: 1,
            cluster_mode: "single-node".to_owned(),
            domain_name: None,
            group_name: None,
            bootstrap_script: None,
            tag: None,
            architecture: Some("x86_64".to_owned()),
            scaling_group: None,
            owner_access_key: None,
            expose_to_public: false,
        }
    }

    /// The wire body for the service `name`.
    pub fn body(&self, name: &str) -> ServiceCreateRequest {
        ServiceCreateRequest {
            name: name.to_owned(),
            desired_session_count: self.initial_session_count,
            image: self.image.clone(),
            arch: self.architecture.clone(),
            group: self.group_name.clone(),
            domain: self.domain_name.clone(),
            cluster_size: self.cluster_size,
            cluster_mode: self.cluster_mode.clone(),
            tag: self.tag.clone(),
            startup_command: self.startup_command.clone(),
            bootstrap_script: self.bootstrap_script.clone(),
            owner_access_key: self.owner_access_key.clone(),
            open_to_public: self.expose_to_public,
            config: ServiceCreateConfig {
                model: self.model_id_or_name.clone(),
                model_version: self.model_version.clone(),
                model_mount_destination: self.model_mount_destination.clone(),
                environ: self.envs.clone(),
                scaling_group: self.scaling_group.clone(),
                resources: self.resources.clone(),
                resource_opts: self.resource_opts.clone(),
            },
        }
    }
}

fn service_path(id: &str, tail: &str) -> String {
    if tail.is_empty() {
        format!("/services/{id}")
    } else {
        format!("/services/{id}/{tail}")
    }
}

/// `GET /services[?name=]`.
pub fn list_request(name: Option<&str>) -> ApiRequest {
    let req = ApiRequest::get("/services");
    // The Python client drops an empty name too.
    match name.filter(|n| !n.is_empty()) {
        Some(n) => req.query("name", n),
        None => req,
    }
}

/// `endpoint_list(limit, offset, filter, order)` with `fields`.
pub fn list_query(opts: &ServiceListOptions, fields: &[&str]) -> PaginatedQuery {
    PaginatedQuery::new("endpoint_list", fields)
        .filter_order(opts.filter.as_deref(), opts.order.as_deref())
}

/// `endpoint(endpoint_id)` with `fields`.
pub fn detail_query(id: &str, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($endpoint_id: UUID!) {{\n    endpoint(endpoint_id: $endpoint_id) {{{}}}\n}}\n",
        fields.join(" ")
    );
    GqlQuery::new(text, json!({ "endpoint_id": id }), "endpoint")
}

/// `GET /services/{id}`.
pub fn info_request(id: &str) -> ApiRequest {
    ApiRequest::get(service_path(id, ""))
}

/// `POST /services` with the body of [`CreateService::body`].
pub fn create_request(params: &CreateService, name: &str) -> ApiRequest {
    let body = serde_json::to_value(params.body(name)).unwrap_or(Value::Null);
    ApiRequest::post("/services").json(body)
}

/// `DELETE /services/{id}`.
pub fn delete_request(id: &str) -> ApiRequest {
    ApiRequest::delete(service_path(id, ""))
}

/// `POST /services/{id}/sync`.
pub fn sync_request(id: &str) -> ApiRequest {
    ApiRequest::post(service_path(id, "sync"))
}

/// `POST /services/{id}/scale {"to"}`.
pub fn scale_request(id: &str, to: i64) -> ApiRequest {
    ApiRequest::post(service_path(id, "scale")).json(json!({ "to": to }))
}

/// `POST /services/{id}/token {"duration"}`.
pub fn generate_token_request(id: &str, duration: &str) -> ApiRequest {
    ApiRequest::post(service_path(id, "token")).json(json!({ "duration": duration }))
}

/// `PUT /services/{id}/routings/{route_id} {"traffic_ratio"}`.
pub fn update_traffic_ratio_request(id: &str, route_id: &str, ratio: f64) -> ApiRequest {
    ApiRequest::put(service_path(id, &format!("routings/{route_id}")))
        .json(json!({ "traffic_ratio": ratio }))
}

/// `DELETE /services/{id}/routings/{route_id}`.
pub fn downscale_route_request(id: &str, route_id: &str) -> ApiRequest {
    ApiRequest::delete(service_path(id, &format!("routings/{route_id}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Body;

    #[test]
    fn a_name_filter_is_a_query_parameter() {
        let r = list_request(Some("svc"));
        assert_eq!(r.query, [("name".to_owned(), "svc".to_owned())]);
        assert!(list_request(Some("")).query.is_empty());
    }

    #[test]
    fn create_sends_every_key_with_nulls() {
        let mut p = CreateService::new("img", "model", 2);
        p.domain_name = Some("default".into());
        let Body::Json(b) = create_request(&p, "svc").body else {
            panic!("JSON body expected")
        };
        assert_eq!(b["domain"], json!("default"));
        assert_eq!(b["group"], Value::Null);
        assert_eq!(b["config"]["model"], json!("model"));
        assert_eq!(b.as_object().unwrap().len(), 14);
    }
}
