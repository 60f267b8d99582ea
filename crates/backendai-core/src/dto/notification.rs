//! Notification channels and rules of the 26.9 manager (`/notifications/...`,
//! `ai.backend.common.dto.manager.notification`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::Extra;
use super::search_query::Pagination;

/// One channel (`NotificationChannelDTO`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationChannel {
    /// Channel ID.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `webhook` (or `email` on newer servers).
    #[serde(default)]
    pub channel_type: String,
    /// Channel configuration (`{"url": ..}` for a webhook).
    #[serde(default)]
    pub config: Map<String, Value>,
    /// Enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Creator's user ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Last update (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One rule (`NotificationRuleDTO`): which events go to which channel, and the message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationRule {
    /// Rule ID.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The event type (`session.started`, ...).
    #[serde(default)]
    pub rule_type: String,
    /// The channel messages go to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<NotificationChannel>,
    /// Jinja2 template of the message.
    #[serde(default)]
    pub message_template: String,
    /// Enabled.
    #[serde(default)]
    pub enabled: bool,
    /// Creation time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Creator's user ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Last update (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"channel": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationChannelEnvelope {
    /// The channel.
    pub channel: NotificationChannel,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"channels": [...], "pagination": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationChannelList {
    /// The page.
    #[serde(default)]
    pub channels: Vec<NotificationChannel>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"rule": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationRuleEnvelope {
    /// The rule.
    pub rule: NotificationRule,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"rules": [...], "pagination": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationRuleList {
    /// The page.
    #[serde(default)]
    pub rules: Vec<NotificationRule>,
    /// Paging.
    #[serde(default)]
    pub pagination: Pagination,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"rule_types": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationRuleTypes {
    /// The event types rules can be written for.
    #[serde(default)]
    pub rule_types: Vec<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"rule_type", "json_schema"}`: the data a rule type's template can use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationRuleTypeSchema {
    /// The rule type.
    #[serde(default)]
    pub rule_type: String,
    /// JSON schema of the notification data.
    #[serde(default)]
    pub json_schema: Map<String, Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"channel_id"}`: a channel validation answer (the test message was sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelValidation {
    /// The channel validated.
    #[serde(default)]
    pub channel_id: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{"message"}`: a rule validation answer (the rendered template).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleValidation {
    /// The message the template rendered.
    #[serde(default)]
    pub message: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /notifications/channels` (create) and `PATCH .../{id}` (update: only the fields set
/// are sent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationChannelInput {
    /// Name (required to create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `webhook` or `email` (required to create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<String>,
    /// Channel configuration (`{"url": ..}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<Value>,
    /// Enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `POST /notifications/rules` (create) and `PATCH .../{id}` (update: only the fields set are
/// sent; rule type and channel cannot change).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationRuleInput {
    /// Name (required to create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Event type (create only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_type: Option<String>,
    /// Channel ID (create only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// Jinja2 template (required to create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_template: Option<String>,
    /// Enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}
