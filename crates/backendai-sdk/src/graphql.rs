//! GraphQL over `/admin/gql` (v6.20210815+) or `/admin/graphql` (older), and paginated lists.
//!
//! Request construction is pure ([`request`], [`GqlQuery::to_request`]); [`query`] and
//! [`run`] send through a [`Client`]. Paginated `*_list` queries live in [`crate::paginate`].
//!
//! Wire format (spec/protocol.md §4, §6, §10):
//! - body `{"query": "<text>", "variables": {…}}` (`{}` when there are none);
//! - from `v6.20210815` the request goes to `POST /admin/gql` and the reply is the standard
//!   `{"data": …, "errors": […]}` envelope; a non-empty `errors` array becomes an
//!   [`ErrorKind::InvalidArgument`] error ([`ErrorKind::PermissionDenied`] for permission
//!   failures) (status 400, problem type `graphql-error`, the errors
//!   in `problem().data`), like the Python client's `BackendAPIError(400, …)`;
//! - before that, `POST /admin/graphql` and the reply body *is* the data object.

use backendai_core::dto::PaginatedResult;
use backendai_core::error::{ErrorKind, ProblemDetails};
use backendai_core::ApiVersion;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::ApiRequest;

/// First API version using `/admin/gql` with the `{data, errors}` envelope.
pub const ENVELOPE_SINCE: (u32, &str) = (6, "20210815");

/// Problem type the Python client attaches to GraphQL-generated errors.
pub const GRAPHQL_ERROR_TYPE: &str = "https://api.backend.ai/probs/graphql-error";

/// True when `version` uses `POST /admin/gql` and the `{data, errors}` envelope.
pub fn uses_envelope(version: &ApiVersion) -> bool {
    version.at_least(ENVELOPE_SINCE.0, ENVELOPE_SINCE.1)
}

/// The GraphQL endpoint path for `version`.
pub fn endpoint_path(version: &ApiVersion) -> &'static str {
    if uses_envelope(version) {
        "/admin/gql"
    } else {
        "/admin/graphql"
    }
}

/// Builds the GraphQL request for `query` with `variables` (`None`, `null` or an empty object
/// are all sent as `{}`, as the Python client does).
pub fn request(query: &str, variables: Option<Value>, version: &ApiVersion) -> ApiRequest {
    let variables = match variables {
        Some(Value::Object(map)) => Value::Object(map),
        Some(Value::Null) | None => Value::Object(Map::new()),
        Some(other) => other,
    };
    let mut body = Map::new();
    body.insert("query".into(), Value::String(query.to_owned()));
    body.insert("variables".into(), variables);
    ApiRequest::post(endpoint_path(version)).json(Value::Object(body))
}

/// Extracts the data object from a decoded GraphQL reply.
///
/// With the envelope, a non-empty `errors` array becomes an error and `data` is returned
/// otherwise (`null` when absent); without it the reply itself is the data.
pub fn decode_reply(reply: Value, version: &ApiVersion) -> Result<Value> {
    if !uses_envelope(version) {
        return Ok(reply);
    }
    let Value::Object(mut obj) = reply else {
        return Err(Error::new(
            ErrorKind::Decode,
            "the GraphQL answer is not a JSON object",
        ));
    };
    match obj.remove("errors") {
        Some(Value::Array(errors)) if !errors.is_empty() => return Err(graphql_error(errors)),
        _ => {}
    }
    Ok(obj.remove("data").unwrap_or(Value::Null))
}

/// The error for a GraphQL `errors` array: kind [`ErrorKind::InvalidArgument`]
/// ([`ErrorKind::PermissionDenied`] when every message is a permission failure), status 400,
/// problem type [`GRAPHQL_ERROR_TYPE`] with the errors as `data`, and the messages joined
/// with `; ` as the one-line message.
pub fn graphql_error(errors: Vec<Value>) -> Error {
    let messages: Vec<String> = errors
        .iter()
        .map(|e| match e.get("message") {
            Some(Value::String(m)) => m.clone(),
            _ => e.to_string(),
        })
        .collect();
    let joined = messages.join("; ");
    let message = format!("GraphQL error: {}", one_line(&joined));
    // Permission failures arrive as GraphQL errors with HTTP 200; classify them so callers
    // can tell "not allowed" from "bad query". Everything else is an invalid argument.
    let kind = if !messages.is_empty()
        && messages
            .iter()
            .all(|m| classify_message(m) == Some(ErrorKind::PermissionDenied))
    {
        ErrorKind::PermissionDenied
    } else {
        ErrorKind::InvalidArgument
    };
    let problem = ProblemDetails {
        type_: Some(GRAPHQL_ERROR_TYPE.to_owned()),
        title: Some("GraphQL-generated error".to_owned()),
        msg: Some(joined),
        data: Some(Value::Array(errors)),
        extra: Map::new(),
    };
    Error::new(kind, message)
        .with_status(400)
        .with_problem(problem)
}

/// Guesses an error kind from a server message: [`ErrorKind::PermissionDenied`] for
/// "forbidden"/"no permission"/"insufficient privilege", [`ErrorKind::NotFound`] for
/// "not found"/"no such"/"does not exist".
pub(crate) fn classify_message(msg: &str) -> Option<ErrorKind> {
    let m = msg.to_ascii_lowercase();
    if m.contains("no permission")
        || m.contains("permission denied")
        || m.contains("forbidden")
        || m.contains("privilege required")
        || m.contains("insufficient privilege")
        || m.contains("not allowed")
    {
        Some(ErrorKind::PermissionDenied)
    } else if m.contains("not found") || m.contains("no such") || m.contains("does not exist") {
        Some(ErrorKind::NotFound)
    } else {
        None
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A GraphQL operation as plain data: text, variables and the root field whose value the
/// typed API groups return (`data[root]`).
#[derive(Debug, Clone, PartialEq)]
pub struct GqlQuery {
    /// The query or mutation text, sent verbatim.
    pub query: String,
    /// Variables (a JSON object; `{}` when none).
    pub variables: Value,
    /// The root field of the answer (`"users"`, `"create_keypair"`, …).
    pub root: String,
}

impl GqlQuery {
    /// A query with variables.
    pub fn new(query: impl Into<String>, variables: Value, root: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            variables,
            root: root.into(),
        }
    }

    /// The HTTP request for `version`.
    pub fn to_request(&self, version: &ApiVersion) -> ApiRequest {
        request(&self.query, Some(self.variables.clone()), version)
    }

    /// Takes `data[root]` out of the data object (`null` when absent).
    pub fn extract(&self, data: Value) -> Value {
        match data {
            Value::Object(mut obj) => obj.remove(&self.root).unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }
}

/// Sends a GraphQL query and returns the data object (`client.admin().query(…)`).
pub async fn query(client: &Client, query: &str, variables: Option<Value>) -> Result<Value> {
    let version = client.api_version().await?;
    let reply: Value = client.json(request(query, variables, &version)).await?;
    decode_reply(reply, &version)
}

/// Sends `q` and returns `data[q.root]` as JSON.
pub async fn run(client: &Client, q: &GqlQuery) -> Result<Value> {
    let data = query(client, &q.query, Some(q.variables.clone())).await?;
    Ok(q.extract(data))
}

/// Sends `q` and decodes `data[q.root]` into `T`.
pub async fn run_as<T: DeserializeOwned>(client: &Client, q: &GqlQuery) -> Result<T> {
    let value = run(client, q).await?;
    from_value(value, &q.root)
}

/// Sends a relay-connection query (`{ edges { node } count }` at `q.root`) and decodes the
/// page of nodes with the total count.
pub async fn run_connection<T: DeserializeOwned>(
    client: &Client,
    q: &GqlQuery,
) -> Result<PaginatedResult<T>> {
    let value = run(client, q).await?;
    let total_count = value.get("count").and_then(Value::as_u64).unwrap_or(0);
    let nodes: Vec<Value> = value
        .get("edges")
        .and_then(Value::as_array)
        .map(|edges| edges.iter().map(|e| e["node"].clone()).collect())
        .unwrap_or_default();
    Ok(PaginatedResult {
        items: from_value(Value::Array(nodes), &q.root)?,
        total_count,
        extra: Default::default(),
    })
}

/// Decodes a GraphQL result value, naming the root field in the error.
pub fn from_value<T: DeserializeOwned>(value: Value, root: &str) -> Result<T> {
    serde_json::from_value(value).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!("unexpected shape of GraphQL field `{root}` in the server's answer: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v(s: &str) -> ApiVersion {
        s.parse().unwrap()
    }

    #[test]
    fn endpoint_depends_on_version() {
        assert_eq!(endpoint_path(&v("v7.20230615")), "/admin/gql");
        assert_eq!(endpoint_path(&v("v6.20210815")), "/admin/gql");
        assert_eq!(endpoint_path(&v("v6.20200815")), "/admin/graphql");
        assert_eq!(endpoint_path(&v("v4.20190615")), "/admin/graphql");
    }

    #[test]
    fn request_body_has_empty_variables_when_none() {
        let r = request("query { x }", None, &v("v7.20230615"));
        assert_eq!(r.method, http::Method::POST);
        assert_eq!(r.path, "/admin/gql");
        match r.body {
            crate::request::Body::Json(b) => {
                assert_eq!(b, json!({"query": "query { x }", "variables": {}}));
                let keys: Vec<_> = b.as_object().unwrap().keys().cloned().collect();
                assert_eq!(keys, ["query", "variables"]);
            }
            other => panic!("unexpected body {other:?}"),
        }
    }

    #[test]
    fn envelope_decoding() {
        let new = v("v7.20230615");
        let old = v("v4.20190615");
        let data = decode_reply(json!({"data": {"a": 1}}), &new).unwrap();
        assert_eq!(data, json!({"a": 1}));
        let data = decode_reply(json!({"data": {"a": 1}, "errors": []}), &new).unwrap();
        assert_eq!(data, json!({"a": 1}));
        // Old servers: the body is the data object itself.
        let data = decode_reply(json!({"a": 1}), &old).unwrap();
        assert_eq!(data, json!({"a": 1}));
        let err = decode_reply(
            json!({"data": null, "errors": [{"message": "no such\nfield"}, {"message": "b"}]}),
            &new,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert_eq!(err.status(), Some(400));
        assert_eq!(err.to_string(), "GraphQL error: no such field; b");
        let p = err.problem().unwrap();
        assert_eq!(p.type_.as_deref(), Some(GRAPHQL_ERROR_TYPE));
        assert_eq!(p.data.as_ref().unwrap().as_array().unwrap().len(), 2);
        assert!(decode_reply(json!([1]), &new).is_err());
        let err = decode_reply(
            json!({"data": {"users": null}, "errors": [{"message": "Insufficient privilege."}]}),
            &new,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    }

    #[test]
    fn extract_root() {
        let q = GqlQuery::new("query { users { email } }", json!({}), "users");
        assert_eq!(
            q.extract(json!({"users": [{"email": "a"}]})),
            json!([{"email": "a"}])
        );
        assert_eq!(q.extract(json!({})), Value::Null);
    }
}
