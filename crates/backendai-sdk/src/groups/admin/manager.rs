//! Manager status, freeze/unfreeze, announcements, scheduler operations (`Manager`).

use serde_json::{json, Value};

use super::{group_handle, rest_empty, send_methods};
use crate::error::Result;
use crate::request::ApiRequest;

/// `GET /manager/status {"status": "running"}` (JSON body on GET, as the Python client sends).
pub fn status_request() -> ApiRequest {
    ApiRequest::get("/manager/status").json(json!({"status": "running"}))
}

/// `PUT /manager/status {"status": "frozen", "force_kill"}`.
pub fn freeze_request(force_kill: bool) -> ApiRequest {
    ApiRequest::put("/manager/status").json(json!({"status": "frozen", "force_kill": force_kill}))
}

/// `PUT /manager/status {"status": "running"}`.
pub fn unfreeze_request() -> ApiRequest {
    ApiRequest::put("/manager/status").json(json!({"status": "running"}))
}

/// `GET /manager/announcement`.
pub fn get_announcement_request() -> ApiRequest {
    ApiRequest::get("/manager/announcement")
}

/// `POST /manager/announcement {"enabled", "message"}`.
pub fn update_announcement_request(enabled: bool, message: Option<&str>) -> ApiRequest {
    ApiRequest::post("/manager/announcement").json(json!({"enabled": enabled, "message": message}))
}

/// `POST /manager/scheduler/operation {"op", "args"}`.
pub fn scheduler_op_request(op: &str, args: Value) -> ApiRequest {
    ApiRequest::post("/manager/scheduler/operation").json(json!({"op": op, "args": args}))
}

pub use backendai_core::dto::{Announcement, ManagerStatus};

group_handle!(
    /// Manager control (`Manager`).
    Manager,
    manager
);

impl Manager<'_> {
    /// The manager's status.
    pub async fn status(&self) -> Result<ManagerStatus> {
        self.client.json(status_request()).await
    }

    /// The number of sessions the manager reports active (0 when it does not say).
    pub async fn active_session_count(&self) -> Result<u64> {
        let status = self.status().await?;
        Ok(status
            .active_sessions
            .and_then(|n| n.as_text().trim().parse().ok())
            .unwrap_or(0))
    }

    /// Polls the status every `poll` until no session is active; `on_waiting` gets the
    /// count each time there still are some.
    pub async fn wait_until_idle(
        &self,
        poll: std::time::Duration,
        mut on_waiting: impl FnMut(u64),
    ) -> Result<()> {
        loop {
            let active = self.active_session_count().await?;
            if active == 0 {
                return Ok(());
            }
            on_waiting(active);
            tokio::time::sleep(poll).await;
        }
    }

    /// Freezes the manager (maintenance mode); `force_kill` terminates running sessions.
    pub async fn freeze(&self, force_kill: bool) -> Result<()> {
        rest_empty(self.client, freeze_request(force_kill)).await
    }

    send_methods! {
        /// Unfreezes the manager.
        fn unfreeze() -> () = rest_empty(unfreeze_request());
    }

    /// The current announcement.
    pub async fn announcement(&self) -> Result<Announcement> {
        self.client.json(get_announcement_request()).await
    }

    /// Sets (or, with `enabled = false`, clears) the announcement.
    pub async fn update_announcement(&self, enabled: bool, message: Option<&str>) -> Result<()> {
        rest_empty(self.client, update_announcement_request(enabled, message)).await
    }

    send_methods! {
        /// Runs a scheduler operation (`include-agents`, `exclude-agents`, …).
        fn scheduler_op(op: &str, args: Value) -> () = rest_empty(scheduler_op_request(op, args));
    }
}
