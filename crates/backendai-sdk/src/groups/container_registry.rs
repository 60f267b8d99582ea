//! Container registries through the 26.9 REST API (`ContainerRegistryClient` of the Python
//! v2 SDK, `/container-registries/...`; superadmins). On a server older than 26.9 every call
//! fails with the typed "not supported by this server" error before anything is sent.

pub use backendai_core::dto::{
    ContainerRegistry, ContainerRegistryInput, ContainerRegistryList, ImageOperationRequest,
};
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::Result;
use crate::groups::rest_v9::{require_v9, uuid_arg, with_body};
use crate::groups::v26::{call, call_empty};
use crate::request::ApiRequest;

const WHAT: &str = "container registries (API v9)";

fn registry_path(v: &ApiVersion, id: &str) -> Result<String> {
    require_v9(v, WHAT)?;
    Ok(format!(
        "/container-registries/{}",
        uuid_arg("registry ID", id)?
    ))
}

/// `POST /container-registries/`.
pub fn create_request(v: &ApiVersion, body: &ContainerRegistryInput) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/container-registries/"), body)
}

/// `GET /container-registries/`.
pub fn list_request(v: &ApiVersion) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get("/container-registries/"))
}

/// `PATCH /container-registries/{id}` (only the fields set).
pub fn update_request(
    v: &ApiVersion,
    id: &str,
    body: &ContainerRegistryInput,
) -> Result<ApiRequest> {
    with_body(
        ApiRequest::patch(registry_path(v, id)?).idempotent(true),
        body,
    )
}

/// `DELETE /container-registries/{id}`.
pub fn delete_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::delete(registry_path(v, id)?))
}

/// `POST /container-registries/rescan {"registry", "project"?}`: reloads image metadata.
pub fn rescan_request(v: &ApiVersion, body: &ImageOperationRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/container-registries/rescan"), body)
}

/// `POST /container-registries/clear {"registry", "project"?}`: forgets its images.
pub fn clear_request(v: &ApiVersion, body: &ImageOperationRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/container-registries/clear"), body)
}

/// `POST /container-registries/webhook/harbor`: relays a Harbor webhook event as is.
pub fn harbor_webhook_request(v: &ApiVersion, event: &serde_json::Value) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::post("/container-registries/webhook/harbor").json(event.clone()))
}

impl Client {
    /// The container-registry API group (26.9).
    pub fn container_registries(&self) -> ContainerRegistries<'_> {
        ContainerRegistries { client: self }
    }
}

/// The container-registry API group (26.9 `ContainerRegistryClient`).
#[derive(Debug, Clone, Copy)]
pub struct ContainerRegistries<'a> {
    client: &'a Client,
}

impl ContainerRegistries<'_> {
    /// Registers a registry.
    pub async fn create(&self, body: &ContainerRegistryInput) -> Result<ContainerRegistry> {
        call(self.client, |v| create_request(v, body)).await
    }

    /// Every registry.
    pub async fn list(&self) -> Result<Vec<ContainerRegistry>> {
        let r: ContainerRegistryList = call(self.client, list_request).await?;
        Ok(r.items)
    }

    /// Changes the fields set in `body`.
    pub async fn update(
        &self,
        id: &str,
        body: &ContainerRegistryInput,
    ) -> Result<ContainerRegistry> {
        call(self.client, |v| update_request(v, id, body)).await
    }

    /// Removes a registry.
    pub async fn delete(&self, id: &str) -> Result<()> {
        call_empty(self.client, |v| delete_request(v, id)).await
    }

    /// Reloads the image metadata of a registry (and project).
    pub async fn rescan(&self, body: &ImageOperationRequest) -> Result<()> {
        call_empty(self.client, |v| rescan_request(v, body)).await
    }

    /// Forgets the images of a registry (and project).
    pub async fn clear(&self, body: &ImageOperationRequest) -> Result<()> {
        call_empty(self.client, |v| clear_request(v, body)).await
    }
}
