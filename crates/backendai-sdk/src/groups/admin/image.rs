//! Container images (`Image`): list, alias/dealias, rescan, import.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{group_handle, join_fields, mutate, rest_json, run_as, MutationResult};
use crate::error::Result;
use crate::graphql::GqlQuery;
use crate::request::ApiRequest;

/// Fields `Image.list` selects by default.
pub const DEFAULT_LIST_FIELDS: &[&str] = &[
    "name",
    "registry",
    "architecture",
    "tag",
    "digest",
    "size_bytes",
    "aliases",
];

/// An image. Every field is optional; unknown fields are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Name without registry and tag.
    #[serde(default)]
    pub name: Option<String>,
    /// Registry.
    #[serde(default)]
    pub registry: Option<String>,
    /// CPU architecture.
    #[serde(default)]
    pub architecture: Option<String>,
    /// Tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Content digest.
    #[serde(default)]
    pub digest: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size_bytes: Option<Value>,
    /// Aliases.
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `images(is_operation) { fields }`.
pub fn list_query(operation: bool, fields: &[&str]) -> GqlQuery {
    let text = format!(
        "query($is_operation: Boolean) {{  images(is_operation: $is_operation) {{    {}  }}}}",
        join_fields(fields)
    );
    GqlQuery::new(text, json!({"is_operation": operation}), "images")
}

/// `rescan_images(registry) { ok msg task_id }` (`None`: every registry).
pub fn rescan_query(registry: Option<&str>) -> GqlQuery {
    let text =
        "mutation($registry: String) {  rescan_images(registry:$registry) {   ok msg task_id  }}";
    GqlQuery::new(text, json!({"registry": registry}), "rescan_images")
}

/// `alias_image(alias, target)`; `architecture` is sent first when given.
pub fn alias_query(alias: &str, target: &str, architecture: Option<&str>) -> GqlQuery {
    let text = "mutation($alias: String!, $target: String!) {  alias_image(alias: $alias, target: $target) {   ok msg  }}";
    let mut vars = Map::new();
    if let Some(arch) = architecture.filter(|a| !a.is_empty()) {
        vars.insert("architecture".into(), Value::from(arch));
    }
    vars.insert("alias".into(), Value::from(alias));
    vars.insert("target".into(), Value::from(target));
    GqlQuery::new(text, Value::Object(vars), "alias_image")
}

/// `dealias_image(alias)`.
pub fn dealias_query(alias: &str) -> GqlQuery {
    let text = "mutation($alias: String!) {  dealias_image(alias: $alias) {   ok msg  }}";
    GqlQuery::new(text, json!({"alias": alias}), "dealias_image")
}

/// `GET /image/import` (the import form).
pub fn import_form_request() -> ApiRequest {
    ApiRequest::get("/image/import")
}

/// `POST /image/import` with the build parameters as the JSON body.
pub fn build_request(params: Map<String, Value>) -> ApiRequest {
    ApiRequest::post("/image/import").json(Value::Object(params))
}

group_handle!(
    /// Container images (`Image`).
    Images,
    images
);

impl Images<'_> {
    /// Registered images (`operation`: include operational images).
    pub async fn list(&self, operation: bool) -> Result<Vec<Image>> {
        run_as(self.client, &list_query(operation, DEFAULT_LIST_FIELDS)).await
    }

    /// Rescans a registry (or all); the answer holds the background `task_id`.
    pub async fn rescan(&self, registry: Option<&str>) -> Result<MutationResult> {
        mutate(self.client, &rescan_query(registry)).await
    }

    /// Adds an alias for an image.
    pub async fn alias(
        &self,
        alias: &str,
        target: &str,
        architecture: Option<&str>,
    ) -> Result<MutationResult> {
        mutate(self.client, &alias_query(alias, target, architecture)).await
    }

    /// Removes an alias.
    pub async fn dealias(&self, alias: &str) -> Result<MutationResult> {
        mutate(self.client, &dealias_query(alias)).await
    }

    /// The image import form.
    pub async fn import_form(&self) -> Result<Value> {
        rest_json(self.client, import_form_request()).await
    }

    /// Builds (imports) an image.
    pub async fn build(&self, params: Map<String, Value>) -> Result<Value> {
        rest_json(self.client, build_request(params)).await
    }
}
