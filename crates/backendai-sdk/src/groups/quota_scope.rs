//! Storage quota scopes (admins): get, search, set and unset the hard limit of a user's or
//! project's quota scope on a storage host.
//!
//! On API v9+ (26.9) the REST API of the 26.9 SDK's `QuotaScopeClient`
//! (`/admin/quota-scopes/...`); on v7/v8 (23.09+) the GraphQL fields the 26.9 Python CLI's
//! `QuotaScope` class uses (`quota_scope`, `set_quota_scope`, `unset_quota_scope`), which
//! 23.09 managers serve. `search` exists only in the REST API.

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use serde::Deserialize;
use serde_json::json;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::graphql::{self, GqlQuery};
use crate::groups::rest_v9::{call, has_v9_rest, require_v9, seg, uuid_arg, with_body};
use crate::request::ApiRequest;
use backendai_core::dto::NumText;
pub use backendai_core::dto::{
    QuotaScope, QuotaScopeFilter, QuotaScopeList, QuotaScopeResponse, QuotaScopeSearchRequest,
    SetQuotaRequest,
};

const WHAT: &str = "quota scopes";
const ROOT: &str = "/admin/quota-scopes";

/// Whose quota a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuotaScopeType {
    /// A user's (`user:<uuid>`).
    #[default]
    User,
    /// A project's (`project:<uuid>`).
    Project,
}

impl QuotaScopeType {
    /// `user` or `project`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaScopeType::User => "user",
            QuotaScopeType::Project => "project",
        }
    }
}

impl std::str::FromStr for QuotaScopeType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "user" => Ok(Self::User),
            "project" => Ok(Self::Project),
            _ => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid quota scope type {s:?}: expected user or project"),
            )),
        }
    }
}

/// `user:<uuid>` / `project:<uuid>` (the UUID is checked).
pub fn quota_scope_id(kind: QuotaScopeType, id: &str) -> Result<String> {
    let id = uuid_arg(&format!("{} ID", kind.as_str()), id)?;
    Ok(format!("{}:{id}", kind.as_str()))
}

/// `GET /admin/quota-scopes/{host}/{quota_scope_id}`.
pub fn get_request(v: &ApiVersion, host: &str, qsid: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    Ok(ApiRequest::get(format!(
        "{ROOT}/{}/{}",
        seg(host),
        seg(qsid)
    )))
}

/// `POST /admin/quota-scopes/search`.
pub fn search_request(v: &ApiVersion, body: &QuotaScopeSearchRequest) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let req = ApiRequest::post(format!("{ROOT}/search"));
    Ok(with_body(req, body)?.idempotent(true))
}

/// A hard limit is a byte count, never negative.
fn check_limit(limit: i64) -> Result<()> {
    if limit < 0 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid quota limit {limit}: must not be negative"),
        ));
    }
    Ok(())
}

/// `POST /admin/quota-scopes/set {storage_host_name, quota_scope_id, hard_limit_bytes}`.
pub fn set_request(v: &ApiVersion, host: &str, qsid: &str, limit: i64) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    check_limit(limit)?;
    let body = SetQuotaRequest {
        storage_host_name: host.to_owned(),
        quota_scope_id: qsid.to_owned(),
        hard_limit_bytes: Some(limit),
        ..SetQuotaRequest::default()
    };
    Ok(with_body(ApiRequest::post(format!("{ROOT}/set")), &body)?.idempotent(true))
}

/// `POST /admin/quota-scopes/unset {storage_host_name, quota_scope_id}`.
pub fn unset_request(v: &ApiVersion, host: &str, qsid: &str) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    let body = SetQuotaRequest {
        storage_host_name: host.to_owned(),
        quota_scope_id: qsid.to_owned(),
        ..SetQuotaRequest::default()
    };
    Ok(with_body(ApiRequest::post(format!("{ROOT}/unset")), &body)?.idempotent(true))
}

/// True when `v` has the quota-scope GraphQL fields (API v7, 23.09, and newer).
pub fn has_graphql(v: &ApiVersion) -> bool {
    v.major >= 7
}

/// The quota-scope fields asked for over GraphQL.
const GQL_FIELDS: &str =
    "quota_scope_id storage_host_name details { usage_bytes usage_count hard_limit_bytes }";

/// `quota_scope(storage_host_name, quota_scope_id)` (API v7/v8).
pub fn gql_get(host: &str, qsid: &str) -> GqlQuery {
    let text = format!(
        "query($storage_host_name: String!, $quota_scope_id: String!) {{\n    quota_scope(storage_host_name: $storage_host_name, quota_scope_id: $quota_scope_id) {{ {GQL_FIELDS} }}\n}}\n"
    );
    let vars = json!({"storage_host_name": host, "quota_scope_id": qsid});
    GqlQuery::new(text, vars, "quota_scope")
}

/// `set_quota_scope(quota_scope_id, storage_host_name, props: {hard_limit_bytes})`.
pub fn gql_set(host: &str, qsid: &str, limit: i64) -> GqlQuery {
    let text = format!(
        "mutation($quota_scope_id: String!, $storage_host_name: String!, $props: QuotaScopeInput!) {{\n    set_quota_scope(quota_scope_id: $quota_scope_id, storage_host_name: $storage_host_name, props: $props) {{ quota_scope {{ {GQL_FIELDS} }} }}\n}}\n"
    );
    let vars = json!({
        "quota_scope_id": qsid,
        "storage_host_name": host,
        "props": {"hard_limit_bytes": limit},
    });
    GqlQuery::new(text, vars, "set_quota_scope")
}

/// `unset_quota_scope(quota_scope_id, storage_host_name)`.
pub fn gql_unset(host: &str, qsid: &str) -> GqlQuery {
    let text = format!(
        "mutation($quota_scope_id: String!, $storage_host_name: String!) {{\n    unset_quota_scope(quota_scope_id: $quota_scope_id, storage_host_name: $storage_host_name) {{ quota_scope {{ {GQL_FIELDS} }} }}\n}}\n"
    );
    let vars = json!({"quota_scope_id": qsid, "storage_host_name": host});
    GqlQuery::new(text, vars, "unset_quota_scope")
}

/// The GraphQL `QuotaScope` node (sizes are `BigInt`: a number or its text).
#[derive(Debug, Deserialize)]
struct GqlScope {
    quota_scope_id: String,
    storage_host_name: String,
    #[serde(default)]
    details: Option<GqlDetails>,
}

#[derive(Debug, Default, Deserialize)]
struct GqlDetails {
    #[serde(default)]
    usage_bytes: Option<NumText>,
    #[serde(default)]
    usage_count: Option<NumText>,
    #[serde(default)]
    hard_limit_bytes: Option<NumText>,
}

/// A mutation's answer: `{quota_scope}`.
#[derive(Debug, Deserialize)]
struct GqlMutation {
    quota_scope: Option<GqlScope>,
}

impl GqlScope {
    fn into_dto(self) -> QuotaScope {
        let d = self.details.unwrap_or_default();
        let int = |n: Option<NumText>| {
            n.and_then(|n| n.to_bytes())
                .and_then(|b| i64::try_from(b).ok())
        };
        QuotaScope {
            quota_scope_id: self.quota_scope_id,
            storage_host_name: self.storage_host_name,
            usage_bytes: int(d.usage_bytes),
            usage_count: int(d.usage_count),
            hard_limit_bytes: int(d.hard_limit_bytes),
            extra: Default::default(),
        }
    }
}

fn mutated(m: GqlMutation, root: &str) -> Result<QuotaScope> {
    m.quota_scope.map(GqlScope::into_dto).ok_or_else(|| {
        Error::new(
            ErrorKind::Decode,
            format!("`{root}` answered no quota scope"),
        )
    })
}

/// Which API a call goes to.
enum Api {
    Rest,
    Graphql,
}

/// REST on v9+, GraphQL on v7/v8, else the unsupported error.
fn api(v: &ApiVersion) -> Result<Api> {
    if has_v9_rest(v) {
        Ok(Api::Rest)
    } else if has_graphql(v) {
        Ok(Api::Graphql)
    } else {
        Err(Error::unsupported(WHAT, v))
    }
}

impl Client {
    /// The quota-scope API group (REST on 26.9+, GraphQL on 23.09+).
    pub fn quota_scopes(&self) -> QuotaScopes<'_> {
        QuotaScopes { client: self }
    }
}

/// The quota-scope API group (`QuotaScope`).
#[derive(Debug, Clone, Copy)]
pub struct QuotaScopes<'a> {
    client: &'a Client,
}

impl QuotaScopes<'_> {
    /// The quota scope ID of a user (UUID or e-mail) or project (UUID, or name in `domain`),
    /// as the Python CLI resolves its IDENTIFIER: names are looked up over GraphQL (on a
    /// server this group can use at all: API v7+; an older one gets the unsupported error
    /// before any lookup).
    pub async fn resolve(
        &self,
        kind: QuotaScopeType,
        identifier: &str,
        domain: &str,
    ) -> Result<String> {
        if let Ok(qsid) = quota_scope_id(kind, identifier) {
            return Ok(qsid);
        }
        api(&self.client.api_version().await?)?;
        let id = match kind {
            QuotaScopeType::User => self
                .client
                .users()
                .detail(Some(identifier))
                .await?
                .and_then(|u| u.uuid),
            QuotaScopeType::Project => self
                .client
                .groups()
                .from_name(identifier, Some(domain))
                .await?
                .into_iter()
                .find_map(|g| g.id),
        };
        match id {
            Some(id) => quota_scope_id(kind, &id),
            None => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "no {} {identifier:?} to take a quota scope of",
                    kind.as_str()
                ),
            )),
        }
    }

    /// One quota scope of a storage host.
    pub async fn get(&self, host: &str, qsid: &str) -> Result<QuotaScope> {
        let v = self.client.api_version().await?;
        if let Api::Graphql = api(&v)? {
            let q = gql_get(host, qsid);
            let scope: Option<GqlScope> = graphql::run_as(self.client, &q).await?;
            return scope.map(GqlScope::into_dto).ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("no quota scope {qsid} on {host}"),
                )
            });
        }
        let r: QuotaScopeResponse = self.client.json(get_request(&v, host, qsid)?).await?;
        Ok(r.quota_scope)
    }

    /// Searches quota scopes (REST only: API v9+).
    pub async fn search(&self, q: &QuotaScopeSearchRequest) -> Result<QuotaScopeList> {
        call(self.client, Box::new(|v| search_request(v, q))).await
    }

    /// Sets the hard limit (bytes); answers the updated scope.
    pub async fn set(&self, host: &str, qsid: &str, limit: i64) -> Result<QuotaScope> {
        check_limit(limit)?;
        let v = self.client.api_version().await?;
        if let Api::Graphql = api(&v)? {
            let q = gql_set(host, qsid, limit);
            return mutated(graphql::run_as(self.client, &q).await?, &q.root);
        }
        let r: QuotaScopeResponse = self
            .client
            .json(set_request(&v, host, qsid, limit)?)
            .await?;
        Ok(r.quota_scope)
    }

    /// Removes the hard limit; answers the scope after it.
    pub async fn unset(&self, host: &str, qsid: &str) -> Result<QuotaScope> {
        let v = self.client.api_version().await?;
        if let Api::Graphql = api(&v)? {
            let q = gql_unset(host, qsid);
            return mutated(graphql::run_as(self.client, &q).await?, &q.root);
        }
        let r: QuotaScopeResponse = self.client.json(unset_request(&v, host, qsid)?).await?;
        Ok(r.quota_scope)
    }
}
