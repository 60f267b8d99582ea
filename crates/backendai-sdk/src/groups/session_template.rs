//! Session templates (`SessionTemplate` of the Python client; manager API `/template/session`).
//!
//! * `POST /template/session {payload, group_name, domain_name, owner_access_key}` — stores
//!   every document of `payload` (the text of a JSON list, or YAML documents, of
//!   `{name?, template}`), answers `[{id, user}]`.
//! * `GET /template/session {"all": bool}` — the templates (the 23.09 manager ignores `all`:
//!   everyone sees every active task template).
//! * `GET /template/session/{id}?format=yaml|json[&owner_access_key]` — one template (23.09
//!   answers JSON whatever `format` says).
//! * `PUT /template/session/{id} {payload[, owner_access_key]}` — replaces it; the payload is
//!   a list like the one of `create` (23.09 reads a YAML payload as a single document, so
//!   [`documents_payload`] sends JSON, which both calls read the same way).
//! * `DELETE /template/session/{id}[?owner_access_key]` — deactivates it.
//!
//! ```no_run
//! # async fn demo(client: backendai_sdk::Client) -> backendai_sdk::Result<()> {
//! use backendai_sdk::groups::session_template::{documents_payload, TemplateDocument};
//! let template = serde_json::json!({
//!     "api_version": "v1", "kind": "taskTemplate",
//!     "metadata": {"name": "py"},
//!     "spec": {"kernel": {"image": "cr.backend.ai/stable/python:3.9-ubuntu20.04"}},
//! });
//! let payload = documents_payload(&[TemplateDocument::new(template)]);
//! let created = client.session_templates().create(&payload, &Default::default()).await?;
//! let info = client.session_templates().get(&created[0].id, None).await?;
//! client.session_templates().delete(&created[0].id, None).await?;
//! # let _ = info; Ok(()) }
//! ```

use backendai_core::error::ErrorKind;
use serde_json::{json, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::ApiRequest;
pub use backendai_core::dto::{
    SessionTemplateCreated, SessionTemplateInfo, SessionTemplateListItem, TemplateDocument,
};

/// The format `GET /template/session/{id}` is asked for (`yaml` is the Python client's
/// default; the 23.09 manager answers JSON for both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TemplateFormat {
    /// `format=yaml`.
    #[default]
    Yaml,
    /// `format=json`.
    Json,
}

impl TemplateFormat {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateFormat::Yaml => "yaml",
            TemplateFormat::Json => "json",
        }
    }
}

/// Where a new template is stored and for whom; unset fields take the configuration's
/// domain and group (like the Python client) and the caller as owner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateScope {
    /// Domain name; `None` = the configuration's domain.
    pub domain: Option<String>,
    /// Group (project) name; `None` = the configuration's group.
    pub group: Option<String>,
    /// Owner access key (admins storing a template for another user).
    pub owner_access_key: Option<String>,
}

/// The payload text of `documents`: a JSON list, which `create` and `update` both accept.
pub fn documents_payload(documents: &[TemplateDocument]) -> String {
    serde_json::to_string(documents).unwrap_or_else(|_| "[]".to_owned())
}

/// `POST /template/session {payload, group_name, domain_name, owner_access_key}` (the
/// owner sent as `null` when unset, like the Python client).
pub fn create_request(payload: &str, domain: &str, group: &str, owner: Option<&str>) -> ApiRequest {
    ApiRequest::post("/template/session").json(json!({
        "payload": payload,
        "group_name": group,
        "domain_name": domain,
        "owner_access_key": owner,
    }))
}

/// `GET /template/session` with the JSON body `{"all": list_all}`.
pub fn list_request(list_all: bool) -> ApiRequest {
    ApiRequest::get("/template/session").json(json!({ "all": list_all }))
}

/// `GET /template/session/{id}?format=..[&owner_access_key=..]`.
pub fn get_request(template_id: &str, format: TemplateFormat, owner: Option<&str>) -> ApiRequest {
    let req = ApiRequest::get(template_path(template_id)).query("format", format.as_str());
    with_owner_query(req, owner)
}

/// `PUT /template/session/{id} {payload[, owner_access_key]}`.
pub fn update_request(template_id: &str, payload: &str, owner: Option<&str>) -> ApiRequest {
    let mut body = serde_json::Map::new();
    body.insert("payload".into(), Value::String(payload.to_owned()));
    if let Some(owner) = owner.filter(|o| !o.is_empty()) {
        body.insert("owner_access_key".into(), Value::String(owner.to_owned()));
    }
    ApiRequest::put(template_path(template_id))
        .json(Value::Object(body))
        .idempotent(true)
}

/// `DELETE /template/session/{id}[?owner_access_key=..]`.
pub fn delete_request(template_id: &str, owner: Option<&str>) -> ApiRequest {
    with_owner_query(ApiRequest::delete(template_path(template_id)), owner)
}

fn template_path(template_id: &str) -> String {
    format!("/template/session/{template_id}")
}

fn with_owner_query(req: ApiRequest, owner: Option<&str>) -> ApiRequest {
    match owner.filter(|o| !o.is_empty()) {
        Some(owner) => req.query("owner_access_key", owner),
        None => req,
    }
}

impl Client {
    /// The session-template API group.
    pub fn session_templates(&self) -> SessionTemplates<'_> {
        SessionTemplates { client: self }
    }
}

/// The session-template API group (`SessionTemplate`).
#[derive(Debug, Clone, Copy)]
pub struct SessionTemplates<'a> {
    client: &'a Client,
}

impl SessionTemplates<'_> {
    /// Stores every document of `payload` (see [`documents_payload`]); one entry per
    /// document, in order.
    pub async fn create(
        &self,
        payload: &str,
        scope: &TemplateScope,
    ) -> Result<Vec<SessionTemplateCreated>> {
        let config = self.client.config();
        let domain = scope.domain.as_deref().unwrap_or(&config.domain);
        let group = scope.group.as_deref().unwrap_or(&config.group);
        let req = create_request(payload, domain, group, scope.owner_access_key.as_deref());
        self.client.json(req).await
    }

    /// The templates the caller can see (`list_all` asks for every user's, for superadmins).
    pub async fn list(&self, list_all: bool) -> Result<Vec<SessionTemplateListItem>> {
        self.client.json(list_request(list_all)).await
    }

    /// One template.
    pub async fn get(&self, template_id: &str, owner: Option<&str>) -> Result<SessionTemplateInfo> {
        self.get_as(template_id, TemplateFormat::Json, owner).await
    }

    /// One template, asking for `format` (what the Python CLI's `--format` sends). The
    /// 23.09 manager answers `{}` for an unknown or deleted template; that is a
    /// [`ErrorKind::NotFound`] error here.
    pub async fn get_as(
        &self,
        template_id: &str,
        format: TemplateFormat,
        owner: Option<&str>,
    ) -> Result<SessionTemplateInfo> {
        let info: SessionTemplateInfo = self
            .client
            .json(get_request(template_id, format, owner))
            .await?;
        if info.template.is_none() && info.name.is_none() {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("session template {template_id} not found"),
            ));
        }
        Ok(info)
    }

    /// Replaces a template with the (single) document of `payload`.
    pub async fn update(
        &self,
        template_id: &str,
        payload: &str,
        owner: Option<&str>,
    ) -> Result<()> {
        self.client
            .send(update_request(template_id, payload, owner))
            .await
            .map(|_| ())
    }

    /// Deletes (deactivates) a template.
    pub async fn delete(&self, template_id: &str, owner: Option<&str>) -> Result<()> {
        self.client
            .send(delete_request(template_id, owner))
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Body;

    fn json_body(req: &ApiRequest) -> &Value {
        match &req.body {
            Body::Json(v) => v,
            other => panic!("JSON body expected, got {other:?}"),
        }
    }

    #[test]
    fn create_sends_the_owner_as_null_when_unset() {
        let req = create_request("[]", "default", "g1", None);
        assert_eq!(
            json_body(&req),
            &json!({"payload": "[]", "group_name": "g1", "domain_name": "default",
                    "owner_access_key": null})
        );
    }

    #[test]
    fn owner_goes_to_the_query_or_body_only_when_given() {
        let get = get_request("t1", TemplateFormat::Json, Some("AK"));
        assert_eq!(get.path, "/template/session/t1");
        assert_eq!(
            get.query,
            [
                ("format".to_owned(), "json".to_owned()),
                ("owner_access_key".to_owned(), "AK".to_owned())
            ]
        );
        assert!(delete_request("t1", None).query.is_empty());
        assert_eq!(
            json_body(&update_request("t1", "[]", Some("AK")))["owner_access_key"],
            "AK"
        );
        assert!(json_body(&update_request("t1", "[]", None))
            .get("owner_access_key")
            .is_none());
    }

    #[test]
    fn documents_become_a_json_list() {
        let docs = [TemplateDocument::new(json!({"kind": "taskTemplate"})).named("n")];
        let parsed: Value = serde_json::from_str(&documents_payload(&docs)).unwrap();
        assert_eq!(
            parsed,
            json!([{"name": "n", "template": {"kind": "taskTemplate"}}])
        );
    }
}
