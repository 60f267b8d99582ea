//! etcd configuration (`EtcdConfig`); superadmin privilege required.

use serde_json::{json, Value};

use super::{group_handle, rest_json, send_methods};
use crate::error::Result;
use crate::request::ApiRequest;

/// `POST /config/get {"key", "prefix"}`.
pub fn get_request(key: &str, prefix: bool) -> ApiRequest {
    ApiRequest::post("/config/get")
        .json(json!({"key": key, "prefix": prefix}))
        .idempotent(true)
}

/// `POST /config/set {"key", "value"}` (`value` may be a string or a nested object).
pub fn set_request(key: &str, value: Value) -> ApiRequest {
    ApiRequest::post("/config/set").json(json!({"key": key, "value": value}))
}

/// `POST /config/delete {"key", "prefix"}`.
pub fn delete_request(key: &str, prefix: bool) -> ApiRequest {
    ApiRequest::post("/config/delete").json(json!({"key": key, "prefix": prefix}))
}

group_handle!(
    /// etcd configuration (`EtcdConfig`).
    EtcdConfig,
    etcd
);

impl EtcdConfig<'_> {
    /// The value under `key` (with `prefix`, the whole subtree as an object); `null` when unset.
    pub async fn get(&self, key: &str, prefix: bool) -> Result<Value> {
        let mut data = rest_json(self.client, get_request(key, prefix)).await?;
        Ok(data
            .get_mut("result")
            .map(Value::take)
            .unwrap_or(Value::Null))
    }

    /// Sets `key` to `value`; returns the server's answer (`{"result": "ok"}`).
    pub async fn set(&self, key: &str, value: impl Into<Value>) -> Result<Value> {
        rest_json(self.client, set_request(key, value.into())).await
    }

    send_methods! {
        /// Deletes `key` (with `prefix`, the whole subtree); returns the server's answer.
        fn delete(key: &str, prefix: bool) -> Value = rest_json(delete_request(key, prefix));
    }
}
