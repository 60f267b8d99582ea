//! What the 26.9 deployment, notification, network, container-registry, export and image
//! groups share: the API-version gate (checked before anything is sent), JSON bodies from
//! DTOs, ID checks for path segments and one "negotiate, build, send, decode" helper.

use serde::de::DeserializeOwned;
use serde::Serialize;

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::ApiRequest;

/// True when `v` is API v9 (`v9.20250722`, 26.9) or newer.
pub fn is_26_09(v: &ApiVersion) -> bool {
    let (major, date) = ApiVersion::V9_26_09;
    v.at_least(major, date)
}

/// `Ok` on a 26.9+ server, else the typed "`what` is not supported by this server" error.
pub fn require_26_09(v: &ApiVersion, what: &str) -> Result<()> {
    if is_26_09(v) {
        Ok(())
    } else {
        Err(Error::unsupported(what, v))
    }
}

/// `req` with the JSON of `body`.
pub fn json_body<T: Serialize>(req: ApiRequest, body: &T) -> Result<ApiRequest> {
    let value = serde_json::to_value(body)
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("request body: {e}")))?;
    Ok(req.json(value))
}

/// Checks that `value` (the argument `name`) is a UUID, so it is one safe path segment, and
/// returns it in lower case.
pub fn uuid(name: &str, value: &str) -> Result<String> {
    let parts: Vec<usize> = value.split('-').map(str::len).collect();
    let shape = parts == [8, 4, 4, 4, 12] || parts == [32];
    let hex = value
        .bytes()
        .filter(|b| *b != b'-')
        .all(|b| b.is_ascii_hexdigit());
    if shape && hex {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid {name} {value:?}: expected a UUID"),
        ))
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_opens_at_26_09() {
        assert!(require_26_09(&ApiVersion::new(9, "20250722"), "x").is_ok());
        assert!(require_26_09(&ApiVersion::new(10, "20260101"), "x").is_ok());
        let e = require_26_09(&ApiVersion::new(8, "20240915"), "deployments").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        assert_eq!(
            e.to_string(),
            "deployments is not supported by this server (API version v8.20240915)"
        );
    }

    #[test]
    fn ids_must_be_uuids() {
        let id = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";
        assert_eq!(uuid("id", id).unwrap(), id.to_ascii_lowercase());
        assert!(uuid("id", "3f2504e04f8911d39a0c0305e82c3301").is_ok());
        assert!(uuid("id", "a/b").is_err());
        assert_eq!(
            uuid("id", "dummy1").unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }
}
