//! Server error logs (`ServerLog` of the Python client; manager API `/logs/error`, 23.09+).
//!
//! * `GET /logs/error?mark_read=False&page_size=20&page_no=1` — newest first; a superadmin
//!   sees every log, a domain admin the logs of the domain's users, a user only their own
//!   uncleared logs. `page_size` must be below 101.
//! * `POST /logs/error/{log_id}/clear` — marks one log cleared (hidden from its user).
//! * `POST /logs/error` — files a log (what clients do when they report their own errors).

use serde_json::{json, Value};

use super::admin::{group_handle, rest_empty, rest_json};
use crate::error::{Error, Result};
use crate::request::ApiRequest;
pub use backendai_core::dto::{ErrorLog, ErrorLogPage};
use backendai_core::error::ErrorKind;

/// The Python client's defaults: 20 logs per page, page 1.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// The largest page the manager accepts.
pub const MAX_PAGE_SIZE: u32 = 100;

/// `GET /logs/error?mark_read=<True|False>&page_size=N&page_no=N` (the boolean written as
/// Python's `str(bool)`, like the Python client).
pub fn list_request(mark_read: bool, page_size: u32, page_no: u32) -> ApiRequest {
    ApiRequest::get("/logs/error")
        .query("mark_read", if mark_read { "True" } else { "False" })
        .query("page_size", page_size.to_string())
        .query("page_no", page_no.to_string())
}

/// `POST /logs/error/{log_id}/clear`.
pub fn clear_request(log_id: &str) -> ApiRequest {
    ApiRequest::post(format!("/logs/error/{log_id}/clear"))
}

/// `POST /logs/error {severity, source, message, context_lang, context_env, request_url,
/// request_status, traceback}`.
pub fn append_request(log: &NewErrorLog) -> ApiRequest {
    ApiRequest::post("/logs/error").json(json!({
        "severity": log.severity,
        "source": log.source,
        "message": log.message,
        "context_lang": log.context_lang,
        // The manager parses this field as a JSON string.
        "context_env": log.context_env.to_string(),
        "request_url": log.request_url,
        "request_status": log.request_status,
        "traceback": log.traceback,
    }))
}

/// A log to file with [`ServerLog::append`].
#[derive(Debug, Clone, PartialEq)]
pub struct NewErrorLog {
    /// `critical`, `error`, `warning`, `info` or `debug`.
    pub severity: String,
    /// Who files it.
    pub source: String,
    /// The log text.
    pub message: String,
    /// Language of the reporting program.
    pub context_lang: String,
    /// Environment of the reporting program (sent as a JSON string).
    pub context_env: Value,
    /// The failed request's URL.
    pub request_url: Option<String>,
    /// The failed request's HTTP status.
    pub request_status: Option<i64>,
    /// A traceback.
    pub traceback: Option<String>,
}

impl NewErrorLog {
    /// An `error` log from `source` with `message` (language `rust`, empty environment).
    pub fn error(source: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: "error".into(),
            source: source.into(),
            message: message.into(),
            context_lang: "rust".into(),
            context_env: json!({}),
            request_url: None,
            request_status: None,
            traceback: None,
        }
    }
}

fn check_page(page_size: u32, page_no: u32) -> Result<()> {
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("page size must be between 1 and {MAX_PAGE_SIZE}, got {page_size}"),
        ));
    }
    if page_no == 0 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            "page number starts at 1",
        ));
    }
    Ok(())
}

fn check_log_id(log_id: &str) -> Result<()> {
    uuid::Uuid::parse_str(log_id).map(|_| ()).map_err(|_| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid log ID {log_id:?}: expected a UUID"),
        )
    })
}

group_handle!(
    /// Server error logs (`ServerLog`).
    ServerLog,
    server_logs
);

impl ServerLog<'_> {
    /// One page of error logs (newest first); `mark_read` marks the returned logs read.
    /// `page_size` is 1..=100, `page_no` starts at 1.
    pub async fn list(
        &self,
        mark_read: bool,
        page_size: u32,
        page_no: u32,
    ) -> Result<ErrorLogPage> {
        check_page(page_size, page_no)?;
        self.client
            .json(list_request(mark_read, page_size, page_no))
            .await
    }

    /// Marks one log cleared.
    pub async fn clear(&self, log_id: &str) -> Result<()> {
        check_log_id(log_id)?;
        rest_empty(self.client, clear_request(log_id)).await
    }

    /// Files a log; returns the manager's answer (`{"success": true}`).
    pub async fn append(&self, log: &NewErrorLog) -> Result<Value> {
        rest_json(self.client, append_request(log)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_query_uses_python_booleans() {
        let r = list_request(true, 5, 3);
        assert_eq!(r.path, "/logs/error");
        assert_eq!(
            r.query,
            [
                ("mark_read".to_owned(), "True".to_owned()),
                ("page_size".to_owned(), "5".to_owned()),
                ("page_no".to_owned(), "3".to_owned()),
            ]
        );
        assert_eq!(list_request(false, 20, 1).query[0].1, "False");
    }

    #[test]
    fn append_sends_context_env_as_a_json_string() {
        let mut log = NewErrorLog::error("bai-test", "boom");
        log.context_env = json!({"os": "linux"});
        let r = append_request(&log);
        let crate::request::Body::Json(body) = &r.body else {
            panic!("JSON body expected");
        };
        assert_eq!(body["context_env"], "{\"os\":\"linux\"}");
        assert_eq!(body["severity"], "error");
        assert_eq!(body["traceback"], Value::Null);
    }

    #[test]
    fn checks() {
        assert!(check_page(20, 1).is_ok());
        assert!(check_page(0, 1).is_err());
        assert!(check_page(101, 1).is_err());
        assert!(check_page(20, 0).is_err());
        assert!(check_log_id("6f1c1e7e-6a0c-4c8e-9a59-2f3c4b5d6e7f").is_ok());
        assert!(check_log_id("../x").is_err());
    }

    #[test]
    fn page_decodes_the_manager_answer() {
        let page: ErrorLogPage = serde_json::from_value(json!({
            "logs": [{
                "log_id": "6f1c1e7e-6a0c-4c8e-9a59-2f3c4b5d6e7f",
                "created_at": 1714979289.5,
                "severity": "error",
                "source": "manager",
                "user": null,
                "is_read": false,
                "message": "boom",
                "context_lang": "python",
                "context_env": {"k": 1},
                "request_url": null,
                "request_status": null,
                "traceback": null,
                "is_cleared": false
            }],
            "count": 7
        }))
        .unwrap();
        assert_eq!(page.count, 7);
        assert_eq!(page.logs[0].message.as_deref(), Some("boom"));
        assert_eq!(page.logs[0].is_cleared, Some(false));
        assert!(page.logs[0].extra.is_empty());
    }
}
