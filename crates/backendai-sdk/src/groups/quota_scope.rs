//! Storage quota scopes over the 26.9 REST API (`QuotaScopeClient` of the 26.9 SDK; admins):
//! get, search, set and unset the hard limit of a user's or project's quota scope on a
//! storage host. API v9+ only.

use backendai_core::error::ErrorKind;
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::groups::rest_v9::{call, require_v9, seg, uuid_arg, with_body};
use crate::request::ApiRequest;
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

/// `POST /admin/quota-scopes/set {storage_host_name, quota_scope_id, hard_limit_bytes}`.
pub fn set_request(v: &ApiVersion, host: &str, qsid: &str, limit: i64) -> Result<ApiRequest> {
    require_v9(v, WHAT)?;
    if limit < 0 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid quota limit {limit}: must not be negative"),
        ));
    }
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

impl Client {
    /// The quota-scope API group (26.9+ REST).
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
    /// as the Python CLI resolves its IDENTIFIER: names are looked up over GraphQL, on a v9+
    /// server only (an older one gets the unsupported error before any lookup).
    pub async fn resolve(
        &self,
        kind: QuotaScopeType,
        identifier: &str,
        domain: &str,
    ) -> Result<String> {
        if let Ok(qsid) = quota_scope_id(kind, identifier) {
            return Ok(qsid);
        }
        require_v9(&self.client.api_version().await?, WHAT)?;
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
        let r: QuotaScopeResponse =
            call(self.client, Box::new(|v| get_request(v, host, qsid))).await?;
        Ok(r.quota_scope)
    }

    /// Searches quota scopes.
    pub async fn search(&self, q: &QuotaScopeSearchRequest) -> Result<QuotaScopeList> {
        call(self.client, Box::new(|v| search_request(v, q))).await
    }

    /// Sets the hard limit (bytes); answers the updated scope.
    pub async fn set(&self, host: &str, qsid: &str, limit: i64) -> Result<QuotaScope> {
        let r: QuotaScopeResponse = call(
            self.client,
            Box::new(move |v| set_request(v, host, qsid, limit)),
        )
        .await?;
        Ok(r.quota_scope)
    }

    /// Removes the hard limit; answers the scope after it.
    pub async fn unset(&self, host: &str, qsid: &str) -> Result<QuotaScope> {
        let r: QuotaScopeResponse =
            call(self.client, Box::new(|v| unset_request(v, host, qsid))).await?;
        Ok(r.quota_scope)
    }
}
