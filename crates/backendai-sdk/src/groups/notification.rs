//! Notification channels and rules of the 26.9 manager (`NotificationClient` of the Python
//! v2 SDK, `/notifications/...`): where messages go (a webhook channel), which events send
//! them and with what template (rules), and dry runs of both (`validate`).
//!
//! Every call negotiates the API version first; on a server older than 26.9 (API v9) it
//! fails with the typed "not supported by this server" error before any request is sent.

pub use backendai_core::dto::{
    ChannelValidation, Deleted, NotificationChannel, NotificationChannelInput,
    NotificationChannelList, NotificationRule, NotificationRuleInput, NotificationRuleList,
    NotificationRuleTypeSchema, NotificationRuleTypes, RuleValidation, SearchBody,
};
use backendai_core::dto::{NotificationChannelEnvelope, NotificationRuleEnvelope};
use backendai_core::ApiVersion;
use serde_json::{json, Value};

use crate::client::Client;
use crate::error::Result;
use crate::groups::rest_v9::{require_v9, uuid_arg, with_body};
use crate::groups::v26::call;
use crate::request::ApiRequest;

const WHAT: &str = "notifications (API v9)";

fn channel_path(v: &ApiVersion, id: &str) -> Result<String> {
    require_v9(v, WHAT)?;
    Ok(format!(
        "/notifications/channels/{}",
        uuid_arg("channel ID", id)?
    ))
}

fn rule_path(v: &ApiVersion, id: &str) -> Result<String> {
    require_v9(v, WHAT)?;
    Ok(format!("/notifications/rules/{}", uuid_arg("rule ID", id)?))
}

/// `POST /notifications/channels`.
pub fn create_channel_request(
    v: &ApiVersion,
    body: &NotificationChannelInput,
) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/notifications/channels"), body)
}

/// `POST /notifications/channels/search`.
pub fn search_channels_request(v: &ApiVersion, body: &SearchBody) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/notifications/channels/search"), body)
}

/// `GET /notifications/channels/{id}`.
pub fn get_channel_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(channel_path(v, id)?))
}

/// `PATCH /notifications/channels/{id}` (only the fields set).
pub fn update_channel_request(
    v: &ApiVersion,
    id: &str,
    body: &NotificationChannelInput,
) -> Result<ApiRequest> {
    with_body(
        ApiRequest::patch(channel_path(v, id)?).idempotent(true),
        body,
    )
}

/// `DELETE /notifications/channels/{id}`.
pub fn delete_channel_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::delete(channel_path(v, id)?))
}

/// `POST /notifications/channels/{id}/validate {"test_message"}`: sends a test message.
pub fn validate_channel_request(
    v: &ApiVersion,
    id: &str,
    test_message: &str,
) -> Result<ApiRequest> {
    let path = format!("{}/validate", channel_path(v, id)?);
    Ok(ApiRequest::post(path).json(json!({ "test_message": test_message })))
}

/// `GET /notifications/rule-types`.
pub fn rule_types_request(v: &ApiVersion) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get("/notifications/rule-types"))
}

/// `GET /notifications/rule-types/{rule_type}/schema`.
pub fn rule_type_schema_request(v: &ApiVersion, rule_type: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let ok = !rule_type.is_empty()
        && rule_type
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if !ok {
        return Err(crate::error::Error::new(
            backendai_core::error::ErrorKind::InvalidArgument,
            format!("invalid rule type {rule_type:?}: expected a name like session.started"),
        ));
    }
    Ok(ApiRequest::get(format!(
        "/notifications/rule-types/{rule_type}/schema"
    )))
}

/// `POST /notifications/rules`.
pub fn create_rule_request(v: &ApiVersion, body: &NotificationRuleInput) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    if let Some(id) = &body.channel_id {
        uuid_arg("channel ID", id)?;
    }
    with_body(ApiRequest::post("/notifications/rules"), body)
}

/// `POST /notifications/rules/search`.
pub fn search_rules_request(v: &ApiVersion, body: &SearchBody) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    with_body(ApiRequest::post("/notifications/rules/search"), body)
}

/// `GET /notifications/rules/{id}`.
pub fn get_rule_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::get(rule_path(v, id)?))
}

/// `PATCH /notifications/rules/{id}` (only the fields set).
pub fn update_rule_request(
    v: &ApiVersion,
    id: &str,
    body: &NotificationRuleInput,
) -> Result<ApiRequest> {
    with_body(ApiRequest::patch(rule_path(v, id)?).idempotent(true), body)
}

/// `DELETE /notifications/rules/{id}`.
pub fn delete_rule_request(v: &ApiVersion, id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::delete(rule_path(v, id)?))
}

/// `POST /notifications/rules/{id}/validate {"notification_data"}`: renders the template.
pub fn validate_rule_request(v: &ApiVersion, id: &str, data: &Value) -> Result<ApiRequest> {
    let path = format!("{}/validate", rule_path(v, id)?);
    Ok(ApiRequest::post(path).json(json!({ "notification_data": data })))
}

/// A search filter: only enabled items (`enabled_only`) and, for rules, these rule types.
pub fn filter(enabled_only: bool, rule_types: &[String]) -> Option<Value> {
    let mut f = serde_json::Map::new();
    if enabled_only {
        f.insert("enabled".into(), Value::Bool(true));
    }
    if !rule_types.is_empty() {
        f.insert("rule_types".into(), json!(rule_types));
    }
    (!f.is_empty()).then_some(Value::Object(f))
}

impl Client {
    /// The notification API group (26.9).
    pub fn notifications(&self) -> Notifications<'_> {
        Notifications { client: self }
    }
}

/// The notification API group (26.9 `NotificationClient`).
#[derive(Debug, Clone, Copy)]
pub struct Notifications<'a> {
    client: &'a Client,
}

impl Notifications<'_> {
    /// Creates a channel.
    pub async fn create_channel(
        &self,
        body: &NotificationChannelInput,
    ) -> Result<NotificationChannel> {
        let r: NotificationChannelEnvelope =
            call(self.client, |v| create_channel_request(v, body)).await?;
        Ok(r.channel)
    }

    /// A page of channels.
    pub async fn search_channels(&self, body: &SearchBody) -> Result<NotificationChannelList> {
        call(self.client, |v| search_channels_request(v, body)).await
    }

    /// One channel.
    pub async fn get_channel(&self, id: &str) -> Result<NotificationChannel> {
        let r: NotificationChannelEnvelope =
            call(self.client, |v| get_channel_request(v, id)).await?;
        Ok(r.channel)
    }

    /// Changes the fields set in `body`.
    pub async fn update_channel(
        &self,
        id: &str,
        body: &NotificationChannelInput,
    ) -> Result<NotificationChannel> {
        let r: NotificationChannelEnvelope =
            call(self.client, |v| update_channel_request(v, id, body)).await?;
        Ok(r.channel)
    }

    /// Deletes a channel.
    pub async fn delete_channel(&self, id: &str) -> Result<Deleted> {
        call(self.client, |v| delete_channel_request(v, id)).await
    }

    /// Sends `test_message` through a channel.
    pub async fn validate_channel(
        &self,
        id: &str,
        test_message: &str,
    ) -> Result<ChannelValidation> {
        call(self.client, |v| {
            validate_channel_request(v, id, test_message)
        })
        .await
    }

    /// The rule types (event kinds) rules can be written for.
    pub async fn rule_types(&self) -> Result<NotificationRuleTypes> {
        call(self.client, rule_types_request).await
    }

    /// The data a rule type's template can use.
    pub async fn rule_type_schema(&self, rule_type: &str) -> Result<NotificationRuleTypeSchema> {
        call(self.client, |v| rule_type_schema_request(v, rule_type)).await
    }

    /// Creates a rule.
    pub async fn create_rule(&self, body: &NotificationRuleInput) -> Result<NotificationRule> {
        let r: NotificationRuleEnvelope =
            call(self.client, |v| create_rule_request(v, body)).await?;
        Ok(r.rule)
    }

    /// A page of rules.
    pub async fn search_rules(&self, body: &SearchBody) -> Result<NotificationRuleList> {
        call(self.client, |v| search_rules_request(v, body)).await
    }

    /// One rule.
    pub async fn get_rule(&self, id: &str) -> Result<NotificationRule> {
        let r: NotificationRuleEnvelope = call(self.client, |v| get_rule_request(v, id)).await?;
        Ok(r.rule)
    }

    /// Changes the fields set in `body`.
    pub async fn update_rule(
        &self,
        id: &str,
        body: &NotificationRuleInput,
    ) -> Result<NotificationRule> {
        let r: NotificationRuleEnvelope =
            call(self.client, |v| update_rule_request(v, id, body)).await?;
        Ok(r.rule)
    }

    /// Deletes a rule.
    pub async fn delete_rule(&self, id: &str) -> Result<Deleted> {
        call(self.client, |v| delete_rule_request(v, id)).await
    }

    /// Renders a rule's template with `data`.
    pub async fn validate_rule(&self, id: &str, data: &Value) -> Result<RuleValidation> {
        call(self.client, |v| validate_rule_request(v, id, data)).await
    }
}
