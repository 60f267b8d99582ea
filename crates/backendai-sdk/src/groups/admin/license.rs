//! The manager's license (`GET /license`, enterprise editions; the Python CLI's
//! `admin license show` sends it without a function class). Open-source managers answer 404.

use super::group_handle;
use crate::error::Result;
use crate::request::ApiRequest;

pub use backendai_core::dto::LicenseInfo;

/// `GET /license`.
pub fn show_request() -> ApiRequest {
    ApiRequest::get("/license")
}

group_handle!(
    /// The manager's license.
    License,
    license
);

impl License<'_> {
    /// The license status and certificate.
    pub async fn show(&self) -> Result<LicenseInfo> {
        self.client.json(show_request()).await
    }
}
