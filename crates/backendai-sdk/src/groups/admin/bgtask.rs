//! Background tasks (image rescans, vfolder clones, ...): their progress events over SSE
//! (`GET /events/background-task?task_id=`, manager 23.09+; protocol.md §7.1).

use futures_util::{Stream, StreamExt};
use serde_json::Value;

use crate::error::Result;
use crate::request::ApiRequest;
use crate::sse::SseEvent;
use crate::Client;

/// `GET /events/background-task?task_id=<uuid>` (SSE, no content type).
pub fn events_request(task_id: &str) -> ApiRequest {
    ApiRequest::get("/events/background-task")
        .query("task_id", task_id)
        .no_content_type()
}

/// How a background task ended (the last `bgtask_*` event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskOutcome {
    /// `bgtask_done`.
    Done(Option<String>),
    /// `bgtask_failed`, with the server's message.
    Failed(Option<String>),
    /// `bgtask_cancelled`.
    Cancelled(Option<String>),
}

/// The `message` field of an event's JSON data (`None` when absent, null or empty).
pub fn event_message(ev: &SseEvent) -> Option<String> {
    serde_json::from_str::<Value>(&ev.data)
        .ok()?
        .get("message")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The outcome an event announces, if it is a terminal `bgtask_*` event.
pub fn outcome_of(ev: &SseEvent) -> Option<TaskOutcome> {
    match ev.event.as_str() {
        "bgtask_done" => Some(TaskOutcome::Done(event_message(ev))),
        "bgtask_failed" => Some(TaskOutcome::Failed(event_message(ev))),
        "bgtask_cancelled" => Some(TaskOutcome::Cancelled(event_message(ev))),
        _ => None,
    }
}

impl Client {
    /// The progress events of a background task (reconnecting; ends after `server_close`).
    pub fn background_task_events(
        &self,
        task_id: &str,
    ) -> impl Stream<Item = Result<SseEvent>> + Send + 'static {
        self.sse(events_request(task_id))
    }

    /// Waits for a background task to end; `None` when the stream closed without a
    /// terminal `bgtask_*` event.
    pub async fn wait_background_task(&self, task_id: &str) -> Result<Option<TaskOutcome>> {
        let mut events = std::pin::pin!(self.background_task_events(task_id));
        while let Some(ev) = events.next().await {
            if let Some(outcome) = outcome_of(&ev?) {
                return Ok(Some(outcome));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(event: &str, data: &str) -> SseEvent {
        SseEvent {
            event: event.into(),
            data: data.into(),
            id: None,
            retry: None,
        }
    }

    #[test]
    fn request_shape() {
        let r = events_request("t-1");
        assert_eq!(r.path, "/events/background-task");
    }

    #[test]
    fn outcomes() {
        assert_eq!(
            outcome_of(&ev("bgtask_failed", r#"{"task_id":"t","message":"boom"}"#)),
            Some(TaskOutcome::Failed(Some("boom".into())))
        );
        assert_eq!(
            outcome_of(&ev("bgtask_done", r#"{"task_id":"t","message":null}"#)),
            Some(TaskOutcome::Done(None))
        );
        assert_eq!(
            outcome_of(&ev("bgtask_cancelled", "{}")),
            Some(TaskOutcome::Cancelled(None))
        );
        assert_eq!(outcome_of(&ev("bgtask_updated", "{}")), None);
        assert_eq!(outcome_of(&ev("server_close", "{}")), None);
    }
}
