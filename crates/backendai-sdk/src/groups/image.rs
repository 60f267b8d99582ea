//! Images through the 26.9 REST API (`ImageClient` of the Python v2 SDK,
//! `/admin/images/...`): search, get, rescan one image, alias/dealias, forget (soft delete)
//! and purge. The 23.09 GraphQL image calls stay in [`super::admin::image`]. On a server
//! older than 26.9 every call fails with the typed "not supported by this server" error
//! before anything is sent.

use backendai_core::dto::ImageRecordEnvelope;
pub use backendai_core::dto::{ImageAliasResult, ImageRecord, ImageRecordList, SearchBody};
use backendai_core::ApiVersion;
use serde_json::json;

use crate::client::Client;
use crate::error::Result;
use crate::groups::rest_v9::{require_v9, uuid_arg, with_body};
use crate::groups::v26::call;
use crate::request::ApiRequest;

const WHAT: &str = "the image REST API (API v9)";
const BASE: &str = "/admin/images";

/// `POST /admin/images/search`.
pub fn search_request(v: &ApiVersion, body: &SearchBody) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post(format!("{BASE}/search")), body)
}

/// `GET /admin/images/{id}`.
pub fn get_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get(format!(
        "{BASE}/{}",
        uuid_arg("image ID", id)?
    )))
}

/// `POST /admin/images/rescan {"canonical", "architecture"}`.
pub fn rescan_request(v: &ApiVersion, canonical: &str, architecture: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = json!({ "canonical": canonical, "architecture": architecture });
    Ok(ApiRequest::post(format!("{BASE}/rescan")).json(body))
}

/// `POST /admin/images/alias {"image_id", "alias"}`.
pub fn alias_request(v: &ApiVersion, image_id: &str, alias: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = json!({ "image_id": uuid_arg("image ID", image_id)?, "alias": alias });
    Ok(ApiRequest::post(format!("{BASE}/alias")).json(body))
}

/// `POST /admin/images/dealias {"alias"}`.
pub fn dealias_request(v: &ApiVersion, alias: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::post(format!("{BASE}/dealias")).json(json!({ "alias": alias })))
}

/// `POST /admin/images/forget {"image_id"}` (soft delete).
pub fn forget_request(v: &ApiVersion, image_id: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = json!({ "image_id": uuid_arg("image ID", image_id)? });
    Ok(ApiRequest::post(format!("{BASE}/forget")).json(body))
}

/// `POST /admin/images/purge {"image_id"}` (hard delete).
pub fn purge_request(v: &ApiVersion, image_id: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = json!({ "image_id": uuid_arg("image ID", image_id)? });
    Ok(ApiRequest::post(format!("{BASE}/purge")).json(body))
}

impl Client {
    /// The 26.9 image REST API group (beside the GraphQL [`Client::images`]).
    pub fn image_records(&self) -> ImageRecords<'_> {
        ImageRecords { client: self }
    }
}

/// The 26.9 image REST API group (`ImageClient`).
#[derive(Debug, Clone, Copy)]
pub struct ImageRecords<'a> {
    client: &'a Client,
}

impl ImageRecords<'_> {
    /// A page of images.
    pub async fn search(&self, body: &SearchBody) -> Result<ImageRecordList> {
        call(self.client, |v| search_request(v, body)).await
    }

    /// One image.
    pub async fn get(&self, id: &str) -> Result<ImageRecord> {
        let r: ImageRecordEnvelope = call(self.client, |v| get_request(v, id)).await?;
        Ok(r.item)
    }

    /// Reloads one image's metadata from its registry; the image and any errors.
    pub async fn rescan(
        &self,
        canonical: &str,
        architecture: &str,
    ) -> Result<(ImageRecord, Vec<String>)> {
        let r: ImageRecordEnvelope =
            call(self.client, |v| rescan_request(v, canonical, architecture)).await?;
        Ok((r.item, r.errors))
    }

    /// Adds an alias of an image.
    pub async fn alias(&self, image_id: &str, alias: &str) -> Result<ImageAliasResult> {
        call(self.client, |v| alias_request(v, image_id, alias)).await
    }

    /// Removes an alias.
    pub async fn dealias(&self, alias: &str) -> Result<ImageAliasResult> {
        call(self.client, |v| dealias_request(v, alias)).await
    }

    /// Marks an image deleted.
    pub async fn forget(&self, image_id: &str) -> Result<ImageRecord> {
        let r: ImageRecordEnvelope = call(self.client, |v| forget_request(v, image_id)).await?;
        Ok(r.item)
    }

    /// Deletes an image record for good.
    pub async fn purge(&self, image_id: &str) -> Result<ImageRecord> {
        let r: ImageRecordEnvelope = call(self.client, |v| purge_request(v, image_id)).await?;
        Ok(r.item)
    }
}
