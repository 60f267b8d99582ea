//! Server version information (`System`): `GET /`, as the Python client's
//! `System.get_versions`, `get_manager_version` and `get_api_version` send it (signed).

use crate::client::Client;
use crate::error::Result;
use crate::request::ApiRequest;

pub use backendai_core::dto::ManagerVersion;

/// `GET /`: `{"version": "v7.20230615", "manager": "23.09.10"}`.
pub fn versions_request() -> ApiRequest {
    ApiRequest::get("/")
}

/// The server version group, borrowed from a [`Client`].
#[derive(Debug, Clone, Copy)]
pub struct System<'a> {
    client: &'a Client,
}

impl Client {
    /// The [`System`] API group (server versions).
    pub fn system(&self) -> System<'_> {
        System { client: self }
    }
}

impl System<'_> {
    /// The API version and the manager release the server reports.
    pub async fn versions(&self) -> Result<ManagerVersion> {
        self.client.json(versions_request()).await
    }

    /// The manager release (`23.09.10`; empty when the server does not say).
    pub async fn manager_version(&self) -> Result<String> {
        Ok(self.versions().await?.manager.unwrap_or_default())
    }

    /// The API version string (`v7.20230615`).
    pub async fn api_version(&self) -> Result<String> {
        Ok(self.versions().await?.version)
    }
}
