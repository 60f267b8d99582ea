//! Container images (`Image`): list, alias/dealias, rescan, import.

use serde_json::{json, Map, Value};

use super::bgtask::TaskOutcome;
use super::{group_handle, join_fields, mutate, rest_json, run_as, send_methods, MutationResult};
use crate::error::Result;
use crate::graphql::GqlQuery;
use crate::request::ApiRequest;
pub use backendai_core::dto::Image;

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
    /// Rescans a registry (or all) and follows the background task to its end. `Ok(None)`
    /// when the server answered without a task (the rescan is done); otherwise the task id
    /// and how the task ended (`None`: its event stream ended without a result).
    pub async fn rescan_and_wait(
        &self,
        registry: Option<&str>,
    ) -> Result<Option<(String, Option<TaskOutcome>)>> {
        let answer = self.rescan(registry).await?.check()?;
        let Some(task_id) = answer.extra.get("task_id").and_then(Value::as_str) else {
            return Ok(None);
        };
        let outcome = self.client.wait_background_task(task_id).await?;
        Ok(Some((task_id.to_owned(), outcome)))
    }

    send_methods! {
        /// Registered images (`operation`: include operational images).
        fn list(operation: bool) -> Vec<Image>
            = run_as(&list_query(operation, DEFAULT_LIST_FIELDS));

        /// Rescans a registry (or all); the answer holds the background `task_id`.
        fn rescan(registry: Option<&str>) -> MutationResult = mutate(&rescan_query(registry));

        /// Adds an alias for an image.
        fn alias(alias: &str, target: &str, architecture: Option<&str>) -> MutationResult
            = mutate(&alias_query(alias, target, architecture));

        /// Removes an alias.
        fn dealias(alias: &str) -> MutationResult = mutate(&dealias_query(alias));

        /// The image import form.
        fn import_form() -> Value = rest_json(import_form_request());

        /// Builds (imports) an image.
        fn build(params: Map<String, Value>) -> Value = rest_json(build_request(params));
    }
}
