//! Setting a session's scheduling priority (`bai session set-priority`, 26.9): the GraphQL
//! mutation `modify_compute_session(input: {id, priority})` of the 26.9 manager, where `id` is
//! the Relay global id of the `ComputeSessionNode`. 23.09 (API v7) has no session priority:
//! the call is refused there with `ErrorKind::Unsupported` before anything is sent.

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;
use base64::Engine as _;
use serde_json::{json, Value};

use super::{ListParams, Session};
use crate::error::{Error, Result};
use crate::graphql::GqlQuery;
use crate::groups::rest_v9::require_v9;

/// What the refusal on older servers names.
pub const SET_PRIORITY: &str = "setting a session's priority";

/// The lowest and highest priority the 26.9 manager accepts (`SESSION_PRIORITY_MIN/MAX`).
pub const PRIORITY_RANGE: std::ops::RangeInclusive<i64> = 0..=100;

/// The Relay global id of a node: base64 of `"<Type>:<id>"`, as graphene encodes it.
pub fn global_id(type_name: &str, id: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{type_name}:{id}"))
}

/// Checks `priority` against [`PRIORITY_RANGE`] (one clear line instead of a server error).
pub fn check_priority(priority: i64) -> Result<()> {
    if PRIORITY_RANGE.contains(&priority) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidArgument,
            format!(
                "priority must be between {} and {}, not {priority}",
                PRIORITY_RANGE.start(),
                PRIORITY_RANGE.end()
            ),
        ))
    }
}

/// `modify_compute_session(input: {id, priority})` for the session `session_id` (a UUID);
/// refused below API v9.
pub fn set_priority_query(v: &ApiVersion, session_id: &str, priority: i64) -> Result<GqlQuery> {
    require_v9(v, SET_PRIORITY)?;
    check_priority(priority)?;
    let id = crate::groups::rest_v9::uuid_arg("session id", session_id)?;
    Ok(GqlQuery::new(
        "mutation($input: ModifyComputeSessionInput!) {\n  modify_compute_session(input: $input) {\n    item { id row_id name priority }\n  }\n}",
        json!({"input": {"id": global_id("ComputeSessionNode", &id), "priority": priority}}),
        "modify_compute_session",
    ))
}

/// True when `s` is a UUID (dashed or 32 hex digits).
fn is_uuid(s: &str) -> bool {
    crate::groups::rest_v9::uuid_arg("session id", s).is_ok()
}

impl Session<'_> {
    /// Sets the scheduling priority (26.9+): a session name is resolved to its id first
    /// (`compute_session_list` filtered by name). Returns the modified node
    /// (`{id, row_id, name, priority}`).
    pub async fn set_priority(&self, priority: i64) -> Result<Value> {
        let v = self.version().await?;
        require_v9(&v, SET_PRIORITY)?;
        check_priority(priority)?;
        let id = match &self.session.id {
            Some(id) => id.clone(),
            None if is_uuid(&self.session.name) => self.session.name.clone(),
            None => self.resolve_id().await?,
        };
        let q = set_priority_query(&v, &id, priority)?;
        let out = crate::graphql::run(self.client, &q).await?;
        Ok(out.get("item").cloned().unwrap_or(out))
    }

    /// The UUID of the session named by this handle (the first live match of its name).
    async fn resolve_id(&self) -> Result<String> {
        let name = &self.session.name;
        let params = ListParams {
            filter: Some(format!("name == \"{}\"", name.replace('"', "\\\""))),
            fields: vec!["name".into(), "id".into()],
            limit: 1,
            ..ListParams::default()
        };
        let page = self.client.sessions().list(&params).await?;
        page.items
            .iter()
            .find_map(|it| it.get("id").and_then(Value::as_str))
            .map(str::to_owned)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("no session named {name:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_global_id_is_graphenes() {
        // base64("ComputeSessionNode:1") computed by hand.
        assert_eq!(
            global_id("ComputeSessionNode", "1"),
            "Q29tcHV0ZVNlc3Npb25Ob2RlOjE="
        );
    }

    #[test]
    fn old_servers_and_bad_priorities_are_refused() {
        let v7 = ApiVersion::new(7, "20230615");
        let id = "11111111-2222-3333-4444-555555555555";
        let e = set_priority_query(&v7, id, 10).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        let v9 = ApiVersion::new(9, "20250722");
        assert_eq!(
            set_priority_query(&v9, id, 101).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        let q = set_priority_query(&v9, id, 7).unwrap();
        assert_eq!(q.variables["input"]["priority"], 7);
    }
}
