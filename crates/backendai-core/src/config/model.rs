//! What a resolved configuration is: [`ApiConfig`], its defaults and [`EndpointType`].

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::ValueError;
use crate::auth::HashType;
use crate::parse::py_repr;
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

impl EndpointType {
    /// `api` or `session`, as in `BACKEND_ENDPOINT_TYPE`.
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointType::Api => "api",
            EndpointType::Session => "session",
        }
    }
}

impl fmt::Display for EndpointType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EndpointType {
    type Err = ValueError;

    /// `api` or `session` (case-insensitive, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "api" => Ok(EndpointType::Api),
            "session" => Ok(EndpointType::Session),
            _ => Err(ValueError(format!(
                "unsupported endpoint type {} (expected \"api\" or \"session\")",
                py_repr(s)
            ))),
        }
    }
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
    /// TCP connect timeout; [`Duration::ZERO`] = no limit (aiohttp's meaning of `0`).
    pub connection_timeout: Duration,
    /// Read timeout; `None` = unlimited.
    pub read_timeout: Option<Duration>,
    /// Skip TLS certificate verification (only when the user asks for it).
    pub skip_sslcert_validation: bool,
    /// Rewrites of storage-proxy URLs returned by the manager.
    pub storage_proxy_address_map: BTreeMap<String, String>,
    /// Called with the manager's announcement (`GET /manager/announcement`) once per client,
    /// after the first successful version negotiation, when one is enabled. `None` (the
    /// default) skips the request.
    pub announcement_handler: Option<AnnouncementHandler>,
}

/// A callback for server announcements (spec/protocol.md §5.5): a cheap-to-clone wrapper
/// around `Arc<dyn Fn(&str) + Send + Sync>`. Its `Debug` output shows nothing of the closure.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use backendai_core::config::AnnouncementHandler;
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let sink = seen.clone();
/// let handler = AnnouncementHandler::new(move |m| sink.lock().unwrap().push(m.to_owned()));
/// handler.call("maintenance at 18:00");
/// assert_eq!(*seen.lock().unwrap(), ["maintenance at 18:00"]);
/// assert_eq!(format!("{handler:?}"), "AnnouncementHandler(..)");
/// ```
#[derive(Clone)]
pub struct AnnouncementHandler(std::sync::Arc<dyn Fn(&str) + Send + Sync>);

impl AnnouncementHandler {
    /// Wraps a callback.
    pub fn new(f: impl Fn(&str) + Send + Sync + 'static) -> Self {
        Self(std::sync::Arc::new(f))
    }

    /// Calls the callback with an announcement message.
    pub fn call(&self, message: &str) {
        (self.0)(message)
    }
}

impl fmt::Debug for AnnouncementHandler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AnnouncementHandler(..)")
    }
}

/// The crate's `User-Agent`.
pub fn default_user_agent() -> String {
    format!("Backend.AI Client for Rust {}", env!("CARGO_PKG_VERSION"))
}

/// Default endpoint of the 23.09 client.
pub const DEFAULT_ENDPOINT: &str = "https://api.cloud.backend.ai";
/// Default `connection_timeout` as the Python client writes it (seconds).
pub const DEFAULT_CONNECTION_TIMEOUT: &str = "10.0";
/// Default `read_timeout` as the Python client writes it (seconds; 0 = unlimited).
pub const DEFAULT_READ_TIMEOUT: &str = "0";
/// Default chunk size of vfolder uploads and downloads (16 MiB).
pub const DEFAULT_CHUNK_SIZE: u64 = 16 * 1024 * 1024;
/// Maximum number of chunks in flight per download.
pub const MAX_INFLIGHT_CHUNKS: usize = 4;

impl Default for ApiConfig {
    fn default() -> Self {
        Self {
            endpoints: vec![DEFAULT_ENDPOINT.to_owned()],
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
            announcement_handler: None,
        }
    }
}
