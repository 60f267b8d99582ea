//! Model services (`Service` of the Python client): inference endpoints backed by sessions
//! that run a model folder.
//!
//! | call | request |
//! |---|---|
//! | list | `GET /services[?name=]` (the caller's services) |
//! | paginated list | GraphQL `endpoint_list` |
//! | detail | GraphQL `endpoint(endpoint_id)` |
//! | info | `GET /services/{id}` |
//! | create | `POST /services` |
//! | delete, sync, scale, token | `DELETE /services/{id}`, `POST /services/{id}/sync`, `/scale`, `/token` |
//! | route ratio, route delete | `PUT` / `DELETE /services/{id}/routings/{route_id}` |
//! | try start (26.9) | `POST /services/_/try` ([`try_start`]) |
//!
//! The builders live in [`requests`]; the handle here resolves names, sends and decodes.

pub mod requests;
pub mod try_start;

use backendai_core::error::ErrorKind;
use futures_util::Stream;
use uuid::Uuid;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::graphql;
use crate::paginate::{self, PaginatedResult};
pub use backendai_core::dto::{
    ServiceActiveRoute, ServiceCreated, ServiceEndpoint, ServiceInfo, ServiceListItem,
    ServiceRouting, ServiceScaled, ServiceSuccess, ServiceToken,
};
pub use requests::{CreateService, ServiceListOptions, DEFAULT_FIELDS, DETAIL_FIELDS};

impl Client {
    /// The model-service API group (`/services`).
    pub fn services(&self) -> Services<'_> {
        Services { client: self }
    }
}

/// The model-service API group (`Service`), borrowed from a [`Client`].
#[derive(Debug, Clone, Copy)]
pub struct Services<'a> {
    client: &'a Client,
}

/// The canonical text of a UUID (`str(UUID(..))` in Python), or an `InvalidArgument` error
/// naming `what`.
pub fn parse_id(value: &str, what: &str) -> Result<String> {
    Uuid::parse_str(value.trim())
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("{what} {value:?} is not a UUID"),
            )
        })
}

/// A service name the manager accepts when none is given: `bai-serve-` and 8 random hex
/// digits (the Python client picks a fake user name).
pub fn random_service_name() -> String {
    format!("bai-serve-{}", &Uuid::new_v4().simple().to_string()[..8])
}

impl Services<'_> {
    /// The caller's services, optionally only the one named `name`.
    pub async fn list(&self, name: Option<&str>) -> Result<Vec<ServiceListItem>> {
        self.client.json(requests::list_request(name)).await
    }

    /// One page of services (GraphQL `endpoint_list`) with `fields`
    /// ([`DEFAULT_FIELDS`] is the Python client's selection).
    pub async fn paginated_list(
        &self,
        opts: &ServiceListOptions,
        fields: &[&str],
        offset: u64,
        page_size: u32,
    ) -> Result<PaginatedResult<ServiceEndpoint>> {
        let q = requests::list_query(opts, fields);
        paginate::fetch_page(self.client, &q, offset, page_size).await
    }

    /// Every service matching `opts`, fetched page by page.
    pub fn stream(
        &self,
        opts: &ServiceListOptions,
        fields: &[&str],
        page_size: u32,
    ) -> impl Stream<Item = Result<ServiceEndpoint>> + Send + 'static {
        paginate::stream(
            self.client.clone(),
            requests::list_query(opts, fields),
            page_size,
        )
    }

    /// One service as a GraphQL `Endpoint` with `fields` (`None` when the manager answers
    /// `null`).
    pub async fn detail(&self, id: &str, fields: &[&str]) -> Result<Option<ServiceEndpoint>> {
        let id = parse_id(id, "service id")?;
        graphql::run_as(self.client, &requests::detail_query(&id, fields)).await
    }

    /// `GET /services/{id}`: the service with its healthy routes.
    pub async fn info(&self, id: &str) -> Result<ServiceInfo> {
        let id = parse_id(id, "service id")?;
        self.client.json(requests::info_request(&id)).await
    }

    /// Creates a service from a model folder; the answer completed like the Python
    /// client's (name, count, visibility from the request). A missing name is made up
    /// ([`random_service_name`]).
    pub async fn create(&self, params: &CreateService) -> Result<ServiceCreated> {
        let name = params
            .service_name
            .clone()
            .unwrap_or_else(random_service_name);
        let mut created: ServiceCreated = self
            .client
            .json(requests::create_request(params, &name))
            .await?;
        created.name = name;
        created.desired_session_count = params.initial_session_count;
        created.active_route_count = 0;
        created.is_public = params.expose_to_public;
        Ok(created)
    }

    /// Deletes a service (its sessions are terminated by the manager).
    pub async fn delete(&self, id: &str) -> Result<ServiceSuccess> {
        let id = parse_id(id, "service id")?;
        self.client.json(requests::delete_request(&id)).await
    }

    /// Pushes the healthy routes to the app proxy again.
    pub async fn sync(&self, id: &str) -> Result<ServiceSuccess> {
        let id = parse_id(id, "service id")?;
        self.client.json(requests::sync_request(&id)).await
    }

    /// Sets the desired session count.
    pub async fn scale(&self, id: &str, to: i64) -> Result<ServiceScaled> {
        let id = parse_id(id, "service id")?;
        self.client.json(requests::scale_request(&id, to)).await
    }

    /// A token for the service's endpoint, valid for `duration` (`3d`, `2h`, ...).
    pub async fn generate_api_token(&self, id: &str, duration: &str) -> Result<ServiceToken> {
        let id = parse_id(id, "service id")?;
        self.client
            .json(requests::generate_token_request(&id, duration))
            .await
    }

    /// Sets the traffic share of one route.
    pub async fn update_traffic_ratio(
        &self,
        id: &str,
        route_id: &str,
        ratio: f64,
    ) -> Result<ServiceSuccess> {
        let id = parse_id(id, "service id")?;
        let route = parse_id(route_id, "route id")?;
        check_ratio(ratio)?;
        self.client
            .json(requests::update_traffic_ratio_request(&id, &route, ratio))
            .await
    }

    /// Destroys one route (and its session) and lowers the desired session count.
    pub async fn downscale_single_route(&self, id: &str, route_id: &str) -> Result<ServiceSuccess> {
        let id = parse_id(id, "service id")?;
        let route = parse_id(route_id, "route id")?;
        self.client
            .json(requests::downscale_route_request(&id, &route))
            .await
    }

    /// The id of a service given by id or name: a UUID is taken as is, a name is looked up
    /// among the caller's services (`NotFound` when none has it).
    pub async fn resolve(&self, name_or_id: &str) -> Result<String> {
        if let Ok(id) = parse_id(name_or_id, "service id") {
            return Ok(id);
        }
        let found = self.list(Some(name_or_id)).await?;
        found.into_iter().next().map(|s| s.id).ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("Service {name_or_id} not found"),
            )
        })
    }

    /// The public URL of a service (`None` while the app proxy has not registered it).
    pub async fn get_endpoint(&self, id: &str) -> Result<Option<String>> {
        let detail = self
            .detail(id, DETAIL_FIELDS)
            .await?
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("Service {id} not found")))?;
        Ok(detail.url)
    }
}

/// The manager takes ratios from 0 up.
fn check_ratio(ratio: f64) -> Result<()> {
    if ratio.is_finite() && ratio >= 0.0 {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::InvalidArgument,
        format!("traffic ratio {ratio} must be a number of 0 or more"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_canonical_uuids() {
        assert_eq!(
            parse_id("11111111222233334444555555555555", "service id").unwrap(),
            "11111111-2222-3333-4444-555555555555"
        );
        let err = parse_id("my-service", "service id").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn made_up_names_fit_the_manager_rule() {
        let name = random_service_name();
        assert!((4..=24).contains(&name.len()), "{name}");
        assert!(name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn ratios_are_not_negative() {
        assert!(check_ratio(0.0).is_ok());
        assert!(check_ratio(-0.5).is_err());
        assert!(check_ratio(f64::NAN).is_err());
    }
}
