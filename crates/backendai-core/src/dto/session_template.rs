//! Session-template DTOs (`/template/session`).
//!
//! The manager stores a template as the JSON of a validated `taskTemplate` document
//! (`api_version`, `kind`, `metadata.name`, `spec.kernel.image`, ...). Creating or replacing
//! templates sends a `payload` string: the text (JSON or YAML) of a **list** of
//! [`TemplateDocument`]s, each `{name?, template}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::Extra;

/// One document of a template payload: an optional name (the manager falls back to
/// `template.metadata.name`) and the `taskTemplate` itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateDocument {
    /// Template name shown in lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The `taskTemplate` object.
    pub template: Value,
    /// Other keys (`group_id`, `user_uuid`: admins may re-own a template).
    #[serde(flatten)]
    pub extra: Extra,
}

impl TemplateDocument {
    /// A document for `template`, named by its `metadata.name`.
    pub fn new(template: Value) -> Self {
        Self {
            name: None,
            template,
            extra: Extra::new(),
        }
    }

    /// The same document with an explicit name.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// One template created by `POST /template/session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionTemplateCreated {
    /// Template ID (hex UUID).
    pub id: String,
    /// The owner's user UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `GET /template/session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionTemplateListItem {
    /// Template ID (hex UUID).
    pub id: String,
    /// Template name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Creation time as the manager prints it (`2024-05-06 07:08:09.123456+00:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Whether the caller owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_owner: Option<bool>,
    /// Template type (`task`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub template_type: Option<String>,
    /// The owner's user UUID (`"None"` when there is none: the manager prints `str(None)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The group UUID (`"None"` when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The owner's e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    /// The group's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The caller's domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// The stored template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer of `GET /template/session/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionTemplateInfo {
    /// Template name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The stored template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<Value>,
    /// The owner's user UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_uuid: Option<String>,
    /// The group UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The caller's domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documents_serialise_without_an_absent_name() {
        let doc = TemplateDocument::new(json!({"kind": "taskTemplate"}));
        assert_eq!(
            serde_json::to_value(&doc).unwrap(),
            json!({"template": {"kind": "taskTemplate"}})
        );
        let doc = doc.named("t1");
        assert_eq!(serde_json::to_value(&doc).unwrap()["name"], "t1");
    }

    #[test]
    fn list_items_keep_unknown_fields_and_the_type() {
        let item: SessionTemplateListItem = serde_json::from_value(json!({
            "name": "t1", "id": "abc", "created_at": "2024-05-06 07:08:09+00:00",
            "is_owner": true, "user": "u", "group": "None", "user_email": "a@b",
            "group_name": null, "domain_name": "default", "type": "task",
            "template": {"kind": "taskTemplate"}, "new_field": 1
        }))
        .unwrap();
        assert_eq!(item.template_type.as_deref(), Some("task"));
        assert_eq!(item.extra["new_field"], 1);
        let back = serde_json::to_value(&item).unwrap();
        assert_eq!(back["type"], "task");
        assert!(back.get("group_name").is_none());
    }
}
