//! [`Client`]: one connection pool, endpoint fail-over, version negotiation, signing.
//!
//! OWNER: transport helper. The signatures below are the contract API groups build on.

use std::sync::Arc;

use backendai_core::config::ApiConfig;
use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::request::ApiRequest;
use crate::response::Response;

/// A Backend.AI client. Cheap to clone; clones share the connection pool and state.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: ApiConfig,
}

impl Client {
    /// Builds a client from a resolved configuration (no network access yet).
    pub fn new(config: ApiConfig) -> Result<Self> {
        Ok(Self {
            inner: Arc::new(Inner { config }),
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ApiConfig {
        &self.inner.config
    }

    /// The API version in use: the lower of the configured and the server's (negotiated once).
    pub async fn api_version(&self) -> Result<ApiVersion> {
        Ok(self.inner.config.api_version.clone())
    }

    /// Signs and sends a request; non-2xx answers become an [`Error`].
    pub async fn send(&self, request: ApiRequest) -> Result<Response> {
        let _ = request;
        Err(Error::new(ErrorKind::Unknown, "transport not implemented yet"))
    }

    /// Sends a request and decodes the JSON answer.
    pub async fn json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        self.send(request).await?.json()
    }
}
