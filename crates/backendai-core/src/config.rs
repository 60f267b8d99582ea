//! The API configuration model (spec/protocol.md §5).
//!
//! OWNER: core-config helper fills in env loading (`BACKEND_*`/`SORNA_*`), file layering and
//! value sources. The struct fields below are the contract the SDK builds on.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::auth::HashType;
use crate::secret::Secret;
use crate::version::ApiVersion;

/// How requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EndpointType {
    /// Keypair (HMAC) mode against the manager.
    #[default]
    Api,
    /// Cookie mode through the Backend.AI webserver (`/server/login`, `/func/` prefix).
    Session,
}

/// Resolved client configuration.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Endpoint URLs, in the order they are tried (fail-over rotates this list).
    pub endpoints: Vec<String>,
    /// Keypair or cookie mode.
    pub endpoint_type: EndpointType,
    /// Access key; empty means anonymous (no `Authorization` header).
    pub access_key: String,
    /// Secret key.
    pub secret_key: Secret,
    /// The newest API version to use; negotiation may lower it.
    pub api_version: ApiVersion,
    /// Hash for signing.
    pub hash_type: HashType,
    /// `User-Agent` header.
    pub user_agent: String,
    /// Domain name (`X-BackendAI-Domain`, session creation).
    pub domain: String,
    /// Group (project) name for session creation.
    pub group: String,
    /// Vfolders mounted into every new session.
    pub vfolder_mounts: Vec<String>,
    /// TCP connect timeout.
    pub connection_timeout: Duration,
    /// Read timeout; `None` = unlimited.
    pub read_timeout: Option<Duration>,
    /// Skip TLS certificate verification (only when the user asks for it).
    pub skip_sslcert_validation: bool,
    /// Rewrites of storage-proxy URLs returned by the manager.
    pub storage_proxy_address_map: BTreeMap<String, String>,
}

/// The crate's `User-Agent`.
pub fn default_user_agent() -> String {
    format!("Backend.AI Client for Rust {}", env!("CARGO_PKG_VERSION"))
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            endpoints: vec!["https://api.cloud.backend.ai".to_owned()],
            endpoint_type: EndpointType::Api,
            access_key: String::new(),
            secret_key: Secret::default(),
            api_version: ApiVersion::client_default(),
            hash_type: HashType::Sha256,
            user_agent: default_user_agent(),
            domain: "default".to_owned(),
            group: "default".to_owned(),
            vfolder_mounts: Vec::new(),
            connection_timeout: Duration::from_secs(10),
            read_timeout: None,
            skip_sslcert_validation: false,
            storage_proxy_address_map: BTreeMap::new(),
        }
    }
}
