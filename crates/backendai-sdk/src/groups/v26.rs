//! The one "negotiate, build, send, decode" step of the 26.9 deployment, notification,
//! container-registry, export and image groups: their builders take the negotiated version
//! and refuse an older server (through [`super::rest_v9::require_v9`]) before anything is
//! sent.

use serde::de::DeserializeOwned;

use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::Result;
use crate::request::ApiRequest;

/// Negotiates the API version, builds the request with `build` (which refuses an older
/// server before anything is sent) and decodes the JSON answer.
pub async fn call<T: DeserializeOwned>(
    client: &Client,
    build: impl FnOnce(&ApiVersion) -> Result<ApiRequest>,
) -> Result<T> {
    let v = client.api_version().await?;
    client.json(build(&v)?).await
}

/// Like [`call`] for answers without a body worth decoding.
pub async fn call_empty(
    client: &Client,
    build: impl FnOnce(&ApiVersion) -> Result<ApiRequest>,
) -> Result<()> {
    let v = client.api_version().await?;
    client.send(build(&v)?).await.map(|_| ())
}
