//! A session's status history, dependency graph, abusing report and commit: the
//! inspection calls of `ComputeSession` (`get_status_history`, `get_dependency_graph`,
//! `get_abusing_report`, `commit`) with typed answers.
//!
//! The 23.09.10 manager has no `GET /session/<name>/status-history` route (it answers 404
//! `url-not-found`, which the Python CLI prints as its error); the history is then read from
//! the `status_history` field of GraphQL `compute_session_list`, scoped like the REST call
//! (the owner's access key, else the caller's).

pub use backendai_core::dto::{AbusingReport, CommitResult, DependencyGraph, StatusHistory};
use serde_json::Value;

use super::{requests, ListParams, Session, SessionRef};
use crate::error::{Error, Result};
use backendai_core::error::ErrorKind;

/// The problem type of a 404 for a path the manager does not route.
const URL_NOT_FOUND: &str = "url-not-found";

/// Whether `err` says the server has no such route (as opposed to no such session).
pub fn is_unknown_route(err: &Error) -> bool {
    err.status() == Some(404)
        && err
            .problem()
            .and_then(|p| p.type_.as_deref())
            .is_some_and(|t| t.rsplit('/').next() == Some(URL_NOT_FOUND))
}

/// The GraphQL list that finds the session's `status_history` where the REST route is
/// missing: the session by id (a UUID reference) or exact name, any status, scoped to
/// `access_key`.
pub fn status_history_params(session: &SessionRef, access_key: &str) -> ListParams {
    let field = if uuid::Uuid::parse_str(&session.name).is_ok() {
        "id"
    } else {
        "name"
    };
    let quoted = session.name.replace('\\', "\\\\").replace('"', "\\\"");
    ListParams {
        access_key: Some(
            session
                .owner_access_key
                .clone()
                .unwrap_or_else(|| access_key.to_owned()),
        ),
        filter: Some(format!("{field} == \"{quoted}\"")),
        offset: 0,
        limit: 1,
        fields: vec!["id".into(), "name".into(), "status_history".into()],
        ..ListParams::default()
    }
}

/// Reads the history out of a REST answer (`{"result": {...}}`) or a GraphQL
/// `status_history` value (a JSON object, or JSON text: graphene's `JSONString`).
pub fn decode_status_history(value: Value) -> Result<StatusHistory> {
    let value = match value {
        Value::Object(mut map) if map.contains_key("result") => map.remove("result").unwrap(),
        Value::String(text) => serde_json::from_str(&text)
            .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid status history: {e}")))?,
        other => other,
    };
    if value.is_null() {
        return Ok(StatusHistory::default());
    }
    let mut history: StatusHistory = serde_json::from_value(value)
        .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid status history: {e}")))?;
    // JSONB (the GraphQL source) keeps no insertion order: put the transitions in time
    // order (a time that does not parse sorts last, in the server's order).
    history.0.sort_by_key(|(_, at)| {
        at.parse::<jiff::Timestamp>()
            .map_or(i128::MAX, |t| t.as_nanosecond())
    });
    Ok(history)
}

impl Session<'_> {
    /// The status transitions of the session (status name → when it was entered).
    pub async fn status_history(&self) -> Result<StatusHistory> {
        let v = self.version().await?;
        match self
            .client
            .json::<Value>(requests::status_history(&self.session, &v))
            .await
        {
            Ok(body) => decode_status_history(body),
            Err(e) if is_unknown_route(&e) => self.status_history_from_graphql().await,
            Err(e) => Err(e),
        }
    }

    async fn status_history_from_graphql(&self) -> Result<StatusHistory> {
        let params = status_history_params(&self.session, &self.client.config().access_key);
        let page = self.client.sessions().list(&params).await?;
        let item = page.items.into_iter().next().ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                format!("no session named {:?}", self.session.name),
            )
        })?;
        decode_status_history(item.get("status_history").cloned().unwrap_or(Value::Null))
    }

    /// The session and, recursively, the sessions it depends on.
    pub async fn dependency_graph(&self) -> Result<DependencyGraph> {
        let v = self.version().await?;
        self.client
            .json(requests::dependency_graph(&self.session, &v))
            .await
    }

    /// The abusing report of the session's main kernel (empty when there is none).
    pub async fn abusing_report(&self) -> Result<AbusingReport> {
        let v = self.version().await?;
        self.client
            .json(requests::abusing_report(&self.session, &v))
            .await
    }

    /// Commits the main kernel's container to a tar file on the agent host; the answer
    /// names the background task that writes it.
    pub async fn commit(&self) -> Result<CommitResult> {
        let v = self.version().await?;
        self.client.json(requests::commit(&self.session, &v)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn history_from_rest_and_graphql_text() {
        let rest = decode_status_history(json!({"result": {"PENDING": "a", "RUNNING": "b"}}));
        let rest = rest.unwrap();
        assert_eq!(
            rest.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["PENDING", "RUNNING"]
        );
        let gql = decode_status_history(json!(
            "{\"RUNNING\": \"2024-05-06T07:08:10+00:00\", \"PENDING\": \"2024-05-06T07:08:09.5+00:00\"}"
        ))
        .unwrap();
        assert_eq!(
            gql.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["PENDING", "RUNNING"],
            "time order"
        );
        assert!(decode_status_history(Value::Null).unwrap().is_empty());
        assert!(decode_status_history(json!("not json")).is_err());
    }

    #[test]
    fn graphql_lookup_is_scoped_and_exact() {
        let p = status_history_params(&SessionRef::new("my\"s"), "AK");
        assert_eq!(p.filter.as_deref(), Some("name == \"my\\\"s\""));
        assert_eq!(p.access_key.as_deref(), Some("AK"));
        let mut r = SessionRef::new("060ef307-8e25-468e-84ce-67c4b244c819");
        r.owner_access_key = Some("OWNER".into());
        let p = status_history_params(&r, "AK");
        assert!(p.filter.unwrap().starts_with("id == "));
        assert_eq!(p.access_key.as_deref(), Some("OWNER"));
    }

    #[test]
    fn only_url_not_found_is_an_unknown_route() {
        let problem = |t: &str| backendai_core::error::ProblemDetails {
            type_: Some(t.into()),
            ..Default::default()
        };
        let e = Error::new(ErrorKind::NotFound, "x")
            .with_status(404)
            .with_problem(problem("https://api.backend.ai/probs/url-not-found"));
        assert!(is_unknown_route(&e));
        let e = Error::new(ErrorKind::NotFound, "x")
            .with_status(404)
            .with_problem(problem("https://api.backend.ai/probs/session-not-found"));
        assert!(!is_unknown_route(&e));
    }
}
