//! Agent watcher control (`AgentWatcher`); superadmin privilege required.

use serde_json::{json, Value};

use super::{group_handle, rest_json};
use crate::error::Result;
use crate::request::ApiRequest;

/// `GET /resource/watcher {"agent_id"}` (a JSON body on GET, as the Python client sends).
pub fn status_request(agent_id: &str) -> ApiRequest {
    ApiRequest::get("/resource/watcher").json(json!({"agent_id": agent_id}))
}

/// `POST /resource/watcher/agent/start {"agent_id"}`.
pub fn start_request(agent_id: &str) -> ApiRequest {
    ApiRequest::post("/resource/watcher/agent/start").json(json!({"agent_id": agent_id}))
}

/// `POST /resource/watcher/agent/stop {"agent_id"}`.
pub fn stop_request(agent_id: &str) -> ApiRequest {
    ApiRequest::post("/resource/watcher/agent/stop").json(json!({"agent_id": agent_id}))
}

/// `POST /resource/watcher/agent/restart {"agent_id"}`.
pub fn restart_request(agent_id: &str) -> ApiRequest {
    ApiRequest::post("/resource/watcher/agent/restart").json(json!({"agent_id": agent_id}))
}

/// The answer's `message` when present, else the whole answer (as the Python client returns).
pub fn unwrap_message(mut data: Value) -> Value {
    match data.get_mut("message") {
        Some(m) => m.take(),
        None => data,
    }
}

group_handle!(
    /// Agent watcher control (`AgentWatcher`).
    AgentWatcher,
    agent_watcher
);

impl AgentWatcher<'_> {
    /// Agent and watcher status.
    pub async fn status(&self, agent_id: &str) -> Result<Value> {
        rest_json(self.client, status_request(agent_id))
            .await
            .map(unwrap_message)
    }

    /// Starts the agent.
    pub async fn start(&self, agent_id: &str) -> Result<Value> {
        rest_json(self.client, start_request(agent_id))
            .await
            .map(unwrap_message)
    }

    /// Stops the agent.
    pub async fn stop(&self, agent_id: &str) -> Result<Value> {
        rest_json(self.client, stop_request(agent_id))
            .await
            .map(unwrap_message)
    }

    /// Restarts the agent.
    pub async fn restart(&self, agent_id: &str) -> Result<Value> {
        rest_json(self.client, restart_request(agent_id))
            .await
            .map(unwrap_message)
    }
}
