//! Model-serving DTOs (`/services`, GraphQL `endpoint`/`endpoint_list`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::Extra;

/// One service of `GET /services` (the caller's services in the `created` stage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceListItem {
    /// Endpoint (service) id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// Sessions the service should run.
    #[serde(default)]
    pub desired_session_count: i64,
    /// Routes whose session is healthy.
    #[serde(default)]
    pub active_route_count: i64,
    /// Public URL of the service (none until the app proxy registered it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_endpoint: Option<String>,
    /// Reachable without a token.
    #[serde(default)]
    pub is_public: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A healthy route of `GET /services/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceActiveRoute {
    /// Route id.
    pub route_id: String,
    /// The route's inference session.
    pub session_id: String,
    /// Share of the traffic.
    #[serde(default)]
    pub traffic_ratio: f64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /services/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceInfo {
    /// Endpoint (service) id.
    pub endpoint_id: String,
    /// Service name.
    pub name: String,
    /// Sessions the service should run.
    #[serde(default)]
    pub desired_session_count: i64,
    /// Healthy routes.
    #[serde(default)]
    pub active_routes: Vec<ServiceActiveRoute>,
    /// Public URL of the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_endpoint: Option<String>,
    /// Reachable without a token.
    #[serde(default)]
    pub is_public: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What `POST /services` answers (`endpoint_id`), completed by the SDK with the request's
/// name, count and visibility as the Python client's `Service.create` returns them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCreated {
    /// Endpoint (service) id.
    pub endpoint_id: String,
    /// Service name (from the request).
    #[serde(default)]
    pub name: String,
    /// Requested session count (from the request).
    #[serde(default)]
    pub desired_session_count: i64,
    /// Always 0 right after creation.
    #[serde(default)]
    pub active_route_count: i64,
    /// Not known yet right after creation.
    #[serde(default)]
    pub service_endpoint: Option<String>,
    /// Requested visibility (from the request).
    #[serde(default)]
    pub is_public: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A route of the GraphQL `Endpoint.routings` (`routing_id session status traffic_ratio`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRouting {
    /// Route id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_id: Option<String>,
    /// The route's session id (none while provisioning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// `PROVISIONING`, `HEALTHY`, `UNHEALTHY`, `TERMINATING`, `FAILED_TO_START`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Share of the traffic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_ratio: Option<f64>,
    /// Other selected fields (`endpoint`, `error_data`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A GraphQL `Endpoint` node (`endpoint`, `endpoint_list` items): the fields selected, the
/// usual ones typed, the others in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceEndpoint {
    /// Endpoint (service) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_id: Option<String>,
    /// Service name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Image reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Sessions the service should run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_session_count: Option<i64>,
    /// Routes (one per inference session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routings: Option<Vec<ServiceRouting>>,
    /// Owner user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_owner: Option<String>,
    /// Public URL (none until the app proxy registered the service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Reachable without a token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_to_public: Option<bool>,
    /// Other selected fields (`resource_slots`, `environ`, `status`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /services/{id}/scale`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceScaled {
    /// Routes the service had when asked.
    #[serde(default)]
    pub current_route_count: i64,
    /// The new desired session count.
    #[serde(default)]
    pub target_count: i64,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /services/{id}/token`: a token for the service's endpoint (printed on purpose:
/// it is what the caller asked for).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceToken {
    /// The token.
    pub token: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"success": true}` of delete, sync, route update and route delete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceSuccess {
    /// What the manager says.
    #[serde(default)]
    pub success: bool,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of `POST /services`, in the Python client's key order (every key sent, unset
/// ones as `null`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCreateRequest {
    /// Service name (4 to 24 word characters, `.` or `-`).
    pub name: String,
    /// Sessions to start.
    pub desired_session_count: i64,
    /// Image reference.
    pub image: String,
    /// Image architecture.
    pub arch: Option<String>,
    /// Project (group) name.
    pub group: Option<String>,
    /// Domain name.
    pub domain: Option<String>,
    /// Containers per session.
    pub cluster_size: i64,
    /// `single-node` or `multi-node`.
    pub cluster_mode: String,
    /// User tag.
    pub tag: Option<String>,
    /// Startup command.
    pub startup_command: Option<String>,
    /// Bootstrap script text.
    pub bootstrap_script: Option<String>,
    /// Owner access key (admins).
    pub owner_access_key: Option<String>,
    /// Reachable without a token.
    pub open_to_public: bool,
    /// The model and session settings.
    pub config: ServiceCreateConfig,
}

/// `config` of [`ServiceCreateRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCreateConfig {
    /// Model folder id or name.
    pub model: String,
    /// Model version.
    pub model_version: Option<String>,
    /// Where the model folder is mounted (the manager's default is `/models`).
    pub model_mount_destination: Option<String>,
    /// Environment variables.
    pub environ: Option<Value>,
    /// Scaling group.
    pub scaling_group: Option<String>,
    /// Resource slots.
    pub resources: Option<Value>,
    /// Resource options.
    pub resource_opts: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn endpoint_nodes_keep_unselected_defaults_and_unknown_fields() {
        let e: ServiceEndpoint = serde_json::from_value(json!({
            "endpoint_id": "e1", "name": "svc", "url": null,
            "routings": [{"routing_id": "r1", "session": null, "status": "PROVISIONING",
                          "traffic_ratio": 1.0, "endpoint": "x"}],
            "resource_group": "default"
        }))
        .unwrap();
        assert_eq!(e.url, None);
        let r = &e.routings.as_ref().unwrap()[0];
        assert_eq!(r.status.as_deref(), Some("PROVISIONING"));
        assert_eq!(r.extra["endpoint"], json!("x"));
        assert_eq!(e.extra["resource_group"], json!("default"));
    }

    #[test]
    fn the_create_body_keeps_the_python_key_order() {
        let body = serde_json::to_value(ServiceCreateRequest {
            name: "svc".into(),
            desired_session_count: 1,
            image: "img".into(),
            arch: Some("x86_64".into()),
            group: None,
            domain: None,
            cluster_size: 1,
            cluster_mode: "single-node".into(),
            tag: None,
            startup_command: None,
            bootstrap_script: None,
            owner_access_key: None,
            open_to_public: false,
            config: ServiceCreateConfig {
                model: "m".into(),
                model_version: None,
                model_mount_destination: None,
                environ: None,
                scaling_group: None,
                resources: None,
                resource_opts: None,
            },
        })
        .unwrap();
        let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
        assert_eq!(
            keys[..4],
            ["name", "desired_session_count", "image", "arch"]
        );
        assert_eq!(body["config"]["model_version"], Value::Null);
    }
}
