//! Server error logs (`GET /logs/error`, 23.09+).
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One error log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorLog {
    /// The log's UUID.
    pub log_id: String,
    /// When it was filed (UNIX seconds).
    #[serde(default)]
    pub created_at: Option<f64>,
    /// `critical`, `error`, `warning`, `info` or `debug`.
    #[serde(default)]
    pub severity: Option<String>,
    /// Who filed it (`manager`, `agent`, a client name, ...).
    #[serde(default)]
    pub source: Option<String>,
    /// UUID of the user it belongs to.
    #[serde(default)]
    pub user: Option<String>,
    /// Whether it was already fetched with `mark_read`.
    #[serde(default)]
    pub is_read: Option<bool>,
    /// Whether it was cleared (only shown to admins).
    #[serde(default)]
    pub is_cleared: Option<bool>,
    /// The log text.
    #[serde(default)]
    pub message: Option<String>,
    /// Language of the reporting program.
    #[serde(default)]
    pub context_lang: Option<String>,
    /// Environment of the reporting program (JSON).
    #[serde(default)]
    pub context_env: Option<Value>,
    /// The failed request's URL, if any.
    #[serde(default)]
    pub request_url: Option<String>,
    /// The failed request's HTTP status, if any.
    #[serde(default)]
    pub request_status: Option<i64>,
    /// A traceback, if any.
    #[serde(default)]
    pub traceback: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One page of error logs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorLogPage {
    /// The logs of this page, newest first.
    #[serde(default)]
    pub logs: Vec<ErrorLog>,
    /// How many logs the caller may see in total.
    #[serde(default)]
    pub count: u64,
}
