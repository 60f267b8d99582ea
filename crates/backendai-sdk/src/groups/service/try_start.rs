//! `POST /services/_/try` (26.9): starts a trial model-service session and answers with the
//! background task that reports whether the model server came up. The body is the one of
//! `POST /services` ([`CreateService::body`]). The 23.09 manager has no such route: API < v9
//! is refused with `ErrorKind::Unsupported` before anything is sent.

use backendai_core::ApiVersion;
use serde_json::Value;

use super::{random_service_name, CreateService, Services};
use crate::error::Result;
use crate::groups::rest_v9::{require_v9, with_body};
use crate::request::ApiRequest;

/// What the refusal on older servers names.
pub const TRY_START: &str = "trying to start a model service";

/// `POST /services/_/try` with the create body for the service `name`.
pub fn try_start_request(v: &ApiVersion, params: &CreateService, name: &str) -> Result<ApiRequest> {
    require_v9(v, TRY_START)?;
    with_body(ApiRequest::post("/services/_/try"), &params.body(name))
}

impl Services<'_> {
    /// Tries to start a model service (26.9+); a missing name is made up like
    /// [`Services::create`]. Returns the answer (`{"task_id": ...}`).
    pub async fn try_start(&self, params: &CreateService) -> Result<Value> {
        let v = self.client.api_version().await?;
        require_v9(&v, TRY_START)?;
        let name = params
            .service_name
            .clone()
            .unwrap_or_else(random_service_name);
        self.client
            .json(try_start_request(&v, params, &name)?)
            .await
    }
}
