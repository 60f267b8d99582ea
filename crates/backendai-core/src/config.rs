//! The API configuration model and its layered resolution (spec/protocol.md §5).
//!
//! # Sources
//!
//! [`resolve`] builds an [`ApiConfig`] from four layers, lowest to highest:
//!
//! 1. built-in defaults (the Python 23.09 client's `APIConfig.DEFAULTS`);
//! 2. the config file (TOML text the caller read from [`config_file_path`]);
//! 3. the environment: `BACKEND_<KEY>`, else the legacy `SORNA_<KEY>` (a variable that is set
//!    but empty counts as set, as in the Python client);
//! 4. explicit [`Overrides`] (command-line flags, SDK callers).
//!
//! Every resolved value records its [`Source`], so `bai config show` can print value and
//! origin ([`ResolvedConfig::settings`], secrets masked). This module never reads the process
//! environment or the file system: the caller passes the environment as a lookup closure and
//! the file as text.
//!
//! # Config file schema
//!
//! `$XDG_CONFIG_HOME/backend.ai/config.toml` (else `$HOME/.config/backend.ai/config.toml`),
//! flat top-level keys, all optional:
//!
//! ```toml
//! endpoint = "https://api.example.com"        # or a comma-separated list,
//! # endpoints = ["http://a:8081", "http://b:8081"]   # or an array (not both)
//! endpoint_type = "api"                       # "api" (keypair) or "session" (webserver)
//! access_key = "AKIA..."
//! secret_key = "..."
//! api_version = "v7.20230615"                 # newest version to offer
//! hash_type = "sha256"                        # md5, sha1, sha224, sha256, ..., blake2b
//! domain = "default"
//! group = "default"
//! vfolder_mounts = ["data", "models"]         # or "data,models"
//! connection_timeout = 10.0                   # seconds; 0 = no limit
//! read_timeout = 0                            # seconds; 0 = no limit
//! skip_sslcert_validation = false             # or "yes"/"no"/...
//! user_agent = "my-tool/1.0"
//! override_storage_proxy = { "http://internal:6021" = "https://public:6021" }
//! # or override_storage_proxy = "http://internal:6021=https://public:6021"
//!
//! [aime]                                      # `bai aime` (see [`AimeSettings`])
//! server = "http://127.0.0.1:7777"            # below AIME_API_SERVER
//! api_key = "..."                             # below AIME_API_KEY
//! ```
//!
//! Unknown keys are reported in [`ResolvedConfig::warnings`] and otherwise ignored; a value of
//! the wrong type is an error naming the file and the key.
//!
//! # Environment
//!
//! [`ENV_VARS`] lists every variable the program reads. `api_version`, `hash_type` and
//! `user_agent` have no environment variable (as in the Python client).
//!
//! ```
//! use std::collections::HashMap;
//! use backendai_core::config::{resolve, ConfigFile, EndpointType, Overrides, Source};
//!
//! let env: HashMap<String, String> = [
//!     ("BACKEND_ENDPOINT", "http://127.0.0.1:8081"),
//!     ("SORNA_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE"),
//! ]
//! .into_iter()
//! .map(|(k, v)| (k.to_owned(), v.to_owned()))
//! .collect();
//! let file = ConfigFile { path: "/home/u/.config/backend.ai/config.toml",
//!                         contents: "endpoint_type = \"session\"\ndomain = \"lab\"\n" };
//! let overrides = Overrides { domain: Some("cli".into()), ..Overrides::default() };
//!
//! let resolved = resolve(Some(file), |k| env.get(k).cloned(), &overrides).unwrap();
//! assert_eq!(resolved.config.endpoints, ["http://127.0.0.1:8081"]);
//! assert_eq!(resolved.config.endpoint_type, EndpointType::Session);
//! assert_eq!(resolved.config.domain, "cli");
//! assert_eq!(resolved.source_of("access_key"), Some(&Source::Env("SORNA_ACCESS_KEY".into())));
//! assert_eq!(resolved.source_of("group"), Some(&Source::Default));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::auth::HashType;
use crate::parse::py_repr;
use crate::secret::Secret;
use crate::urls::normalize_endpoint;
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

// ---------------------------------------------------------------------------------------------
// Environment variables

/// One environment variable the program reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvVar {
    /// Variable name.
    pub name: &'static str,
    /// One-line description.
    pub description: &'static str,
}

macro_rules! backend_vars {
    ($( $key:literal => $desc:literal ),* $(,)?) => {
        /// Every environment variable the program reads, with a one-line description.
        ///
        /// The `SORNA_*` names are legacy aliases, read only when the `BACKEND_*` one is unset.
        pub const ENV_VARS: &[EnvVar] = &[
            $( EnvVar { name: concat!("BACKEND_", $key), description: $desc }, )*
            $( EnvVar {
                name: concat!("SORNA_", $key),
                description: concat!("legacy alias of BACKEND_", $key),
            }, )*
            EnvVar { name: "AIME_API_SERVER", description: "AIME API server URL (aime commands)" },
            EnvVar { name: "AIME_API_KEY", description: "AIME API key (aime commands)" },
            EnvVar { name: "NO_COLOR", description: "disable colored output when set to a non-empty value" },
            EnvVar { name: "XDG_CONFIG_HOME", description: "base of the config file path (default $HOME/.config)" },
            EnvVar { name: "XDG_STATE_HOME", description: "base of the state dir: cookies, login name (default $HOME/.local/state)" },
            EnvVar { name: "HOME", description: "home directory, used when the XDG variables are unset" },
        ];

        /// The `<KEY>` part of every `BACKEND_<KEY>` variable, in [`ENV_VARS`] order.
        pub const ENV_KEYS: &[&str] = &[$( $key ),*];
    };
}

backend_vars! {
    "ENDPOINT" => "comma-separated manager or webserver URLs, tried in order on connection errors",
    "ENDPOINT_TYPE" => "\"api\" (keypair signing) or \"session\" (webserver login cookie)",
    "ACCESS_KEY" => "keypair access key; empty = anonymous requests",
    "SECRET_KEY" => "keypair secret key",
    "DOMAIN" => "domain name sent with requests and session creation (default \"default\")",
    "GROUP" => "group (project) for new sessions (default \"default\")",
    "VFOLDER_MOUNTS" => "comma-separated vfolders mounted into every new session",
    "SKIP_SSLCERT_VALIDATION" => "skip TLS certificate checks: y/yes/t/true/1 or n/no/f/false/0",
    "CONNECTION_TIMEOUT" => "TCP connect timeout in seconds (default 10.0; 0 = no limit)",
    "READ_TIMEOUT" => "socket read timeout in seconds (default 0 = no limit)",
    "OVERRIDE_STORAGE_PROXY" => "storage-proxy URL rewrites: from=to[,from2=to2]",
}

// ---------------------------------------------------------------------------------------------
// Pure parsing helpers (the Python client's `config.py` helpers)

/// A value the Python client would reject with `ValueError`; the text is the same.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValueError(pub String);

/// Parses a boolean environment value: `y yes t true 1` / `n no f false 0`, case-insensitive.
///
/// ```
/// use backendai_core::config::bool_env;
/// assert_eq!(bool_env("Yes"), Ok(true));
/// assert_eq!(
///     bool_env("on").unwrap_err().to_string(),
///     "('Unrecognized value of boolean environment variable', 'on')"
/// );
/// ```
pub fn bool_env(value: &str) -> Result<bool, ValueError> {
    match value.to_lowercase().as_str() {
        "y" | "yes" | "t" | "true" | "1" => Ok(true),
        "n" | "no" | "f" | "false" | "0" => Ok(false),
        _ => Err(ValueError(format!(
            "('Unrecognized value of boolean environment variable', {})",
            py_repr(value)
        ))),
    }
}

/// Splits a comma-separated endpoint list; each entry is trimmed and must be an absolute URL.
/// Scheme and host are lower-cased, port and path kept as written.
///
/// ```
/// use backendai_core::config::clean_urls;
/// assert_eq!(clean_urls("http://a:8081, http://b:8081").unwrap(), ["http://a:8081", "http://b:8081"]);
/// assert_eq!(clean_urls("host:8080").unwrap_err().to_string(), "URL host:8080 is not absolute.");
/// ```
pub fn clean_urls(value: &str) -> Result<Vec<String>, ValueError> {
    value
        .split(',')
        .map(|u| normalize_endpoint(u).map_err(|e| ValueError(e.to_string())))
        .collect()
}

/// Splits a comma-separated list without trimming; the empty string gives an empty list.
///
/// ```
/// use backendai_core::config::clean_tokens;
/// assert_eq!(clean_tokens("a,,b"), ["a", "", "b"]);
/// assert!(clean_tokens("").is_empty());
/// ```
pub fn clean_tokens(value: &str) -> Vec<String> {
    if value.is_empty() {
        return Vec::new();
    }
    value.split(',').map(str::to_owned).collect()
}

/// Parses `from=to[,from2=to2]` (split at the first `=`; both sides must be non-empty).
///
/// ```
/// use backendai_core::config::clean_address_map;
/// let m = clean_address_map("x=y,z=w").unwrap();
/// assert_eq!(m["z"], "w");
/// assert_eq!(clean_address_map("=b").unwrap_err().to_string(), "b is not a valid mapping expression");
/// ```
pub fn clean_address_map(value: &str) -> Result<BTreeMap<String, String>, ValueError> {
    let mut map = BTreeMap::new();
    for assignment in value.split(',') {
        let (from, to) = assignment.split_once('=').unwrap_or((assignment, ""));
        if from.is_empty() || to.is_empty() {
            // The Python client reports the right-hand side (its variable is shadowed).
            return Err(ValueError(format!(
                "{to} is not a valid mapping expression"
            )));
        }
        map.insert(from.to_owned(), to.to_owned());
    }
    Ok(map)
}

/// Parses a timeout in seconds like Python's `float()` (surrounding whitespace allowed).
/// `0` means "no limit"; negative or non-finite values are rejected.
///
/// ```
/// use std::time::Duration;
/// use backendai_core::config::parse_timeout;
/// assert_eq!(parse_timeout("10.0").unwrap(), Duration::from_secs(10));
/// assert_eq!(parse_timeout(" 0.5 ").unwrap(), Duration::from_millis(500));
/// assert!(parse_timeout("ten").is_err());
/// ```
pub fn parse_timeout(value: &str) -> Result<Duration, ValueError> {
    let t = value.trim().replace('_', "");
    let secs: f64 = t.parse().map_err(|_| {
        ValueError(format!(
            "could not convert string to float: {}",
            py_repr(value)
        ))
    })?;
    seconds_to_duration(secs)
}

fn seconds_to_duration(secs: f64) -> Result<Duration, ValueError> {
    if !secs.is_finite() || secs < 0.0 {
        return Err(ValueError(format!(
            "timeout must be a finite number of seconds >= 0, got {secs}"
        )));
    }
    Duration::try_from_secs_f64(secs)
        .map_err(|_| ValueError(format!("timeout {secs} is out of range")))
}

// ---------------------------------------------------------------------------------------------
// Paths

fn absolute_var(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<PathBuf> {
    lookup(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// `$XDG_CONFIG_HOME/backend.ai/config.toml`, else `$HOME/.config/backend.ai/config.toml`
/// (`None` when neither variable is usable). Relative XDG paths are ignored, as the XDG spec
/// requires.
///
/// ```
/// use std::path::PathBuf;
/// use backendai_core::config::config_file_path;
/// let p = config_file_path(|k| (k == "HOME").then(|| "/home/u".to_owned()));
/// assert_eq!(p, Some(PathBuf::from("/home/u/.config/backend.ai/config.toml")));
/// ```
pub fn config_file_path(lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = absolute_var(&lookup, "XDG_CONFIG_HOME")
        .or_else(|| absolute_var(&lookup, "HOME").map(|h| h.join(".config")))?;
    Some(base.join("backend.ai").join("config.toml"))
}

/// `$XDG_STATE_HOME/backend.ai`, else `$HOME/.local/state/backend.ai`: where the session
/// cookie and the login name are kept.
///
/// ```
/// use std::path::PathBuf;
/// use backendai_core::config::state_dir;
/// let p = state_dir(|k| (k == "XDG_STATE_HOME").then(|| "/s".to_owned()));
/// assert_eq!(p, Some(PathBuf::from("/s/backend.ai")));
/// ```
pub fn state_dir(lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = absolute_var(&lookup, "XDG_STATE_HOME")
        .or_else(|| absolute_var(&lookup, "HOME").map(|h| h.join(".local").join("state")))?;
    Some(base.join("backend.ai"))
}

// ---------------------------------------------------------------------------------------------
// Layered resolution

/// Where a resolved value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built-in default.
    Default,
    /// The config file (its path).
    File(String),
    /// An environment variable (its name).
    Env(String),
    /// An explicit override (command-line flag or SDK caller).
    Explicit,
}

impl Source {
    /// `default`, `file`, `env` or `explicit`.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Default => "default",
            Source::File(_) => "file",
            Source::Env(_) => "env",
            Source::Explicit => "explicit",
        }
    }

    /// The file path or variable name, if any.
    pub fn origin(&self) -> Option<&str> {
        match self {
            Source::File(p) => Some(p),
            Source::Env(v) => Some(v),
            Source::Default | Source::Explicit => None,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "file {p}"),
            Source::Env(v) => write!(f, "env {v}"),
            Source::Explicit => f.write_str("explicit"),
        }
    }
}

/// One resolved setting for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingInfo {
    /// Setting name (one of [`SETTING_KEYS`]).
    pub key: &'static str,
    /// Display value; secrets are masked with [`mask_secret`].
    pub value: String,
    /// Where the value came from.
    pub source: Source,
}

/// Every setting name, in display order (also the config file keys, plus `endpoints`).
pub const SETTING_KEYS: &[&str] = &[
    "endpoint",
    "endpoint_type",
    "access_key",
    "secret_key",
    "api_version",
    "hash_type",
    "domain",
    "group",
    "vfolder_mounts",
    "connection_timeout",
    "read_timeout",
    "skip_sslcert_validation",
    "user_agent",
    "override_storage_proxy",
];

/// Masks a secret for display: empty stays empty, anything else is `********`.
pub fn mask_secret(secret: &Secret) -> String {
    if secret.is_empty() {
        String::new()
    } else {
        "********".to_owned()
    }
}

/// The configuration file as text (the caller reads it; this crate does no I/O).
#[derive(Debug, Clone, Copy)]
pub struct ConfigFile<'a> {
    /// Path shown in sources and error messages.
    pub path: &'a str,
    /// TOML text.
    pub contents: &'a str,
}

/// Explicit values that beat every other source. `None` = not given.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Endpoint URLs (each normalised like `BACKEND_ENDPOINT`).
    pub endpoints: Option<Vec<String>>,
    /// Endpoint type.
    pub endpoint_type: Option<EndpointType>,
    /// Access key.
    pub access_key: Option<String>,
    /// Secret key.
    pub secret_key: Option<Secret>,
    /// Newest API version to offer.
    pub api_version: Option<ApiVersion>,
    /// Signing hash.
    pub hash_type: Option<HashType>,
    /// Domain.
    pub domain: Option<String>,
    /// Group (project).
    pub group: Option<String>,
    /// Vfolder mounts.
    pub vfolder_mounts: Option<Vec<String>>,
    /// Connect timeout (`Duration::ZERO` = no limit).
    pub connection_timeout: Option<Duration>,
    /// Read timeout (`Some(None)` = unlimited).
    pub read_timeout: Option<Option<Duration>>,
    /// Skip TLS verification.
    pub skip_sslcert_validation: Option<bool>,
    /// `User-Agent`.
    pub user_agent: Option<String>,
    /// Storage-proxy URL rewrites.
    pub storage_proxy_address_map: Option<BTreeMap<String, String>>,
}

/// The resolved configuration with the source of every setting.
#[derive(Debug, Clone)]
pub struct ResolvedConfig {
    /// The configuration for the SDK.
    pub config: ApiConfig,
    /// Every setting of [`SETTING_KEYS`], in that order, with display value and source.
    pub settings: Vec<SettingInfo>,
    /// Non-fatal findings (unknown config file keys).
    pub warnings: Vec<String>,
    /// AIME API settings (`[aime]` table, `AIME_API_*` variables).
    pub aime: AimeSettings,
}

/// AIME API server settings: the config file's `[aime]` table (`server`, `api_key`) below
/// the environment (`AIME_API_SERVER`, `AIME_API_KEY`; an empty variable counts as unset).
/// Command-line flags go on top; applying them is the caller's job.
///
/// ```
/// use backendai_core::config::{resolve_aime, ConfigFile, Source};
/// let file = ConfigFile { path: "/c.toml",
///                         contents: "[aime]\nserver = \"http://aime:7777\"\napi_key = \"k\"\n" };
/// let env = |k: &str| (k == "AIME_API_KEY").then(|| "from-env".to_owned());
/// let a = resolve_aime(Some(file), env).unwrap();
/// assert_eq!(a.server.as_deref(), Some("http://aime:7777"));
/// assert_eq!(a.server_source, Source::File("/c.toml".into()));
/// assert_eq!(a.api_key.unwrap().expose(), "from-env");
/// assert_eq!(a.api_key_source, Source::Env("AIME_API_KEY".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AimeSettings {
    /// AIME API server URL.
    pub server: Option<String>,
    /// Where `server` came from ([`Source::Default`] when unset).
    pub server_source: Source,
    /// AIME API key.
    pub api_key: Option<Secret>,
    /// Where `api_key` came from ([`Source::Default`] when unset).
    pub api_key_source: Source,
}

impl Default for AimeSettings {
    fn default() -> Self {
        Self {
            server: None,
            server_source: Source::Default,
            api_key: None,
            api_key_source: Source::Default,
        }
    }
}

impl AimeSettings {
    /// The keys of the `[aime]` table.
    pub const FILE_KEYS: &'static [&'static str] = &["server", "api_key"];

    /// Display lines `aime.server` and `aime.api_key` (the key masked with [`mask_secret`]).
    pub fn settings(&self) -> [SettingInfo; 2] {
        [
            SettingInfo {
                key: "aime.server",
                value: self.server.clone().unwrap_or_default(),
                source: self.server_source.clone(),
            },
            SettingInfo {
                key: "aime.api_key",
                value: self.api_key.as_ref().map(mask_secret).unwrap_or_default(),
                source: self.api_key_source.clone(),
            },
        ]
    }
}

/// Resolves only the AIME settings: the `[aime]` table of `file` (other keys are not checked)
/// below `AIME_API_SERVER`/`AIME_API_KEY` from `env`. Errors: invalid TOML, or `[aime]` (or one
/// of its values) of the wrong type.
pub fn resolve_aime<F>(file: Option<ConfigFile<'_>>, env: F) -> Result<AimeSettings, ConfigError>
where
    F: Fn(&str) -> Option<String>,
{
    let table = match file {
        Some(f) => {
            let mut map = parse_file(f)?;
            map.remove("aime").map(|v| (f.path, v))
        }
        None => None,
    };
    let mut warnings = Vec::new();
    aime_settings(table, &env, &mut warnings)
}

fn parse_file(f: ConfigFile<'_>) -> Result<BTreeMap<String, FileValue>, ConfigError> {
    use config::Source as _;
    let map = config::File::from_str(f.contents, config::FileFormat::Toml)
        .collect()
        .map_err(|e| ConfigError::File {
            path: f.path.to_owned(),
            message: parse_message(&e.to_string()),
        })?;
    Ok(map
        .into_iter()
        .map(|(k, v)| (k, FileValue::from_config(v)))
        .collect())
}

/// The AIME settings from an optional `[aime]` value (with the file path) and the environment.
fn aime_settings(
    table: Option<(&str, FileValue)>,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Vec<String>,
) -> Result<AimeSettings, ConfigError> {
    let mut out = AimeSettings::default();
    if let Some((path, value)) = table {
        let FileValue::Table(entries) = value else {
            return Err(ConfigError::Invalid {
                origin: format!("config file {path}: key `aime`"),
                message: format!("expected a table, got {}", value.type_name()),
            });
        };
        for (k, v) in entries {
            match k.as_str() {
                "server" => {
                    out.server = Some(file_string(path, &k, v)?);
                    out.server_source = Source::File(path.to_owned());
                }
                "api_key" => {
                    out.api_key = Some(Secret::new(file_string(path, &k, v)?));
                    out.api_key_source = Source::File(path.to_owned());
                }
                _ => warnings.push(format!(
                    "config file {path}: unknown key `aime.{k}` ignored"
                )),
            }
        }
    }
    if let Some(v) = env("AIME_API_SERVER").filter(|v| !v.is_empty()) {
        out.server = Some(v);
        out.server_source = Source::Env("AIME_API_SERVER".to_owned());
    }
    if let Some(v) = env("AIME_API_KEY").filter(|v| !v.is_empty()) {
        out.api_key = Some(Secret::new(v));
        out.api_key_source = Source::Env("AIME_API_KEY".to_owned());
    }
    Ok(out)
}

fn file_string(path: &str, key: &str, v: FileValue) -> Result<String, ConfigError> {
    match v {
        FileValue::Str(s) => Ok(s),
        other => Err(ConfigError::Invalid {
            origin: format!("config file {path}: key `aime.{key}`"),
            message: format!("expected a string, got {}", other.type_name()),
        }),
    }
}

impl ResolvedConfig {
    /// The source of one setting.
    pub fn source_of(&self, key: &str) -> Option<&Source> {
        self.settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| &s.source)
    }

    /// The display line of one setting.
    pub fn setting(&self, key: &str) -> Option<&SettingInfo> {
        self.settings.iter().find(|s| s.key == key)
    }
}

/// A configuration value that cannot be used. The message is one line naming the variable,
/// file key or override.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A value was rejected.
    #[error("invalid {origin}: {message}")]
    Invalid {
        /// `BACKEND_X`, `config file <path>: key \`k\``, or `explicit k`.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// The config file is not valid TOML.
    #[error("could not parse config file {path}: {message}")]
    File {
        /// The file path.
        path: String,
        /// The parser's message, on one line.
        message: String,
    },
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A parser message on one line: a multi-line TOML error keeps its position line and its
/// explanation, not the source excerpt.
fn parse_message(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) if lines.len() > 2 && !last.contains('|') => {
            format!("{first}: {last}")
        }
        _ => one_line(s),
    }
}

/// A value read from the file, reduced to what the schema needs.
enum FileValue {
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<FileValue>),
    Table(Vec<(String, FileValue)>),
    Other,
}

impl FileValue {
    fn from_config(v: config::Value) -> Self {
        use config::ValueKind as K;
        match v.kind {
            K::String(s) => FileValue::Str(s),
            K::Boolean(b) => FileValue::Bool(b),
            K::I64(i) => FileValue::Num(i as f64),
            K::U64(u) => FileValue::Num(u as f64),
            K::I128(i) => FileValue::Num(i as f64),
            K::U128(u) => FileValue::Num(u as f64),
            K::Float(f) => FileValue::Num(f),
            K::Array(a) => FileValue::List(a.into_iter().map(Self::from_config).collect()),
            K::Table(t) => FileValue::Table(
                t.into_iter()
                    .map(|(k, v)| (k, Self::from_config(v)))
                    .collect(),
            ),
            K::Nil => FileValue::Other,
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            FileValue::Str(_) => "a string",
            FileValue::Num(_) => "a number",
            FileValue::Bool(_) => "a boolean",
            FileValue::List(_) => "an array",
            FileValue::Table(_) => "a table",
            FileValue::Other => "an empty value",
        }
    }
}

/// One raw value for a setting, with its origin.
enum Raw {
    Env(String, String),
    File(String, FileValue),
}

struct Layers<'a, F> {
    file_path: Option<&'a str>,
    file: BTreeMap<String, FileValue>,
    env: F,
}

impl<F: Fn(&str) -> Option<String>> Layers<'_, F> {
    /// The highest non-explicit raw value of `key` (env beats file).
    fn raw(&mut self, key: &str, env_key: Option<&str>) -> Option<Raw> {
        if let Some(env_key) = env_key {
            for prefix in ["BACKEND_", "SORNA_"] {
                let name = format!("{prefix}{env_key}");
                if let Some(v) = (self.env)(&name) {
                    return Some(Raw::Env(name, v));
                }
            }
        }
        self.file.remove(key).map(|v| Raw::File(key.to_owned(), v))
    }

    fn file_source(&self) -> Source {
        Source::File(self.file_path.unwrap_or_default().to_owned())
    }

    fn file_origin(&self, key: &str) -> String {
        format!(
            "config file {}: key `{key}`",
            self.file_path.unwrap_or_default()
        )
    }
}

/// Resolves the configuration from defaults, an optional config file, the environment and
/// explicit overrides (see the module docs for the order and the file schema).
///
/// `env` looks one variable up (`BACKEND_ENDPOINT`, ...); pass e.g.
/// `|k| vars.get(k).cloned()` over a map built from `std::env::vars_os()`.
pub fn resolve<F>(
    file: Option<ConfigFile<'_>>,
    env: F,
    overrides: &Overrides,
) -> Result<ResolvedConfig, ConfigError>
where
    F: Fn(&str) -> Option<String>,
{
    let mut warnings = Vec::new();
    let mut file_map = BTreeMap::new();
    let mut aime_table = None;
    if let Some(f) = file {
        file_map = parse_file(f)?;
        aime_table = file_map.remove("aime").map(|v| (f.path, v));
        if file_map.contains_key("endpoint") && file_map.contains_key("endpoints") {
            return Err(ConfigError::Invalid {
                origin: format!("config file {}", f.path),
                message: "set either `endpoint` or `endpoints`, not both".to_owned(),
            });
        }
        if let Some(v) = file_map.remove("endpoints") {
            file_map.insert("endpoint".to_owned(), v);
        }
        for k in file_map.keys() {
            if !SETTING_KEYS.contains(&k.as_str()) {
                warnings.push(format!("config file {}: unknown key `{k}` ignored", f.path));
            }
        }
    }
    let aime = aime_settings(aime_table, &env, &mut warnings)?;
    let mut layers = Layers {
        file_path: file.map(|f| f.path),
        file: file_map,
        env,
    };
    let mut cfg = ApiConfig::default();
    let mut settings = Vec::with_capacity(SETTING_KEYS.len());

    // Converts one raw value with `from_str` (env and string file values) or `from_file`
    // (other file value types), then applies the explicit override.
    macro_rules! setting {
        ($key:literal, $env:expr, $field:expr, $over:expr,
         str: $from_str:expr, file: $from_file:expr, show: $show:expr) => {{
            let mut source = Source::Default;
            match layers.raw($key, $env) {
                Some(Raw::Env(name, v)) => {
                    $field =
                        ($from_str)(v.as_str()).map_err(|e: ValueError| ConfigError::Invalid {
                            origin: name.clone(),
                            message: e.0,
                        })?;
                    source = Source::Env(name);
                }
                Some(Raw::File(key, v)) => {
                    let parsed = match v {
                        FileValue::Str(s) => ($from_str)(s.as_str()),
                        other => ($from_file)(other),
                    };
                    $field = parsed.map_err(|e: ValueError| ConfigError::Invalid {
                        origin: layers.file_origin(&key),
                        message: e.0,
                    })?;
                    source = layers.file_source();
                }
                None => {}
            }
            if let Some(v) = $over {
                $field = v;
                source = Source::Explicit;
            }
            settings.push(SettingInfo {
                key: $key,
                value: ($show)(&$field),
                source,
            });
        }};
    }

    fn wrong(expected: &str, got: &FileValue) -> ValueError {
        ValueError(format!("expected {expected}, got {}", got.type_name()))
    }
    fn plain(s: &str) -> Result<String, ValueError> {
        Ok(s.to_owned())
    }
    fn not_string(v: FileValue) -> Result<String, ValueError> {
        Err(wrong("a string", &v))
    }
    fn list_of_strings(v: FileValue, what: &str) -> Result<Vec<String>, ValueError> {
        match v {
            FileValue::List(items) => items
                .into_iter()
                .map(|i| match i {
                    FileValue::Str(s) => Ok(s),
                    other => Err(wrong(&format!("an array of {what}"), &other)),
                })
                .collect(),
            other => Err(wrong(&format!("a string or an array of {what}"), &other)),
        }
    }
    fn file_seconds(v: FileValue) -> Result<Duration, ValueError> {
        match v {
            FileValue::Num(n) => seconds_to_duration(n),
            other => Err(wrong("a number of seconds", &other)),
        }
    }
    fn show_secs(d: &Duration) -> String {
        format!("{}s", d.as_secs_f64())
    }
    fn clean_mounts(s: &str) -> Vec<String> {
        // Unlike the Python client, blanks around names and empty entries are dropped.
        clean_tokens(s)
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    }
    let over_endpoints = match &overrides.endpoints {
        Some(list) => Some(
            list.iter()
                .map(|u| normalize_endpoint(u))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| ConfigError::Invalid {
                    origin: "explicit endpoint".to_owned(),
                    message: e.to_string(),
                })?,
        ),
        None => None,
    };
    if over_endpoints.as_ref().is_some_and(Vec::is_empty) {
        return Err(ConfigError::Invalid {
            origin: "explicit endpoint".to_owned(),
            message: "no endpoint given".to_owned(),
        });
    }

    setting!("endpoint", Some("ENDPOINT"), cfg.endpoints, over_endpoints,
        str: clean_urls,
        file: |v: FileValue| -> Result<Vec<String>, ValueError> {
            let list = list_of_strings(v, "URLs")?;
            if list.is_empty() {
                return Err(ValueError("the endpoint list is empty".to_owned()));
            }
            list.iter().map(|u| normalize_endpoint(u).map_err(|e| ValueError(e.to_string()))).collect()
        },
        show: |v: &Vec<String>| v.join(","));
    setting!("endpoint_type", Some("ENDPOINT_TYPE"), cfg.endpoint_type, overrides.endpoint_type,
        str: |s: &str| s.parse::<EndpointType>(),
        file: |v: FileValue| Err(wrong("\"api\" or \"session\"", &v)),
        show: |v: &EndpointType| v.to_string());
    setting!("access_key", Some("ACCESS_KEY"), cfg.access_key, overrides.access_key.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("secret_key", Some("SECRET_KEY"), cfg.secret_key, overrides.secret_key.clone(),
        str: |s: &str| Ok(Secret::new(s)),
        file: |v: FileValue| Err(wrong("a string", &v)),
        show: mask_secret);
    setting!("api_version", None, cfg.api_version, overrides.api_version.clone(),
        str: |s: &str| s.trim().parse::<ApiVersion>().map_err(|e| ValueError(e.to_string())),
        file: |v: FileValue| Err(wrong("a version string like \"v7.20230615\"", &v)),
        show: |v: &ApiVersion| v.to_string());
    setting!("hash_type", None, cfg.hash_type, overrides.hash_type,
        str: |s: &str| s.trim().parse::<HashType>().map_err(|e| ValueError(e.to_string())),
        file: |v: FileValue| Err(wrong("a hash name like \"sha256\"", &v)),
        show: |v: &HashType| v.to_string());
    setting!("domain", Some("DOMAIN"), cfg.domain, overrides.domain.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("group", Some("GROUP"), cfg.group, overrides.group.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("vfolder_mounts", Some("VFOLDER_MOUNTS"), cfg.vfolder_mounts,
        overrides.vfolder_mounts.clone(),
        str: |s: &str| Ok(clean_mounts(s)),
        file: |v: FileValue| list_of_strings(v, "vfolder names"),
        show: |v: &Vec<String>| v.join(","));
    setting!("connection_timeout", Some("CONNECTION_TIMEOUT"), cfg.connection_timeout,
        overrides.connection_timeout,
        str: parse_timeout, file: file_seconds, show: show_secs);
    setting!("read_timeout", Some("READ_TIMEOUT"), cfg.read_timeout, overrides.read_timeout,
        str: |s: &str| parse_timeout(s).map(|d| (!d.is_zero()).then_some(d)),
        file: |v: FileValue| file_seconds(v).map(|d| (!d.is_zero()).then_some(d)),
        show: |v: &Option<Duration>| v.as_ref().map_or_else(|| "unlimited".to_owned(), show_secs));
    setting!("skip_sslcert_validation", Some("SKIP_SSLCERT_VALIDATION"),
        cfg.skip_sslcert_validation, overrides.skip_sslcert_validation,
        str: bool_env,
        file: |v: FileValue| match v {
            FileValue::Bool(b) => Ok(b),
            other => Err(wrong("a boolean", &other)),
        },
        show: |v: &bool| v.to_string());
    setting!("user_agent", None, cfg.user_agent, overrides.user_agent.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("override_storage_proxy", Some("OVERRIDE_STORAGE_PROXY"),
        cfg.storage_proxy_address_map, overrides.storage_proxy_address_map.clone(),
        str: clean_address_map,
        file: |v: FileValue| match v {
            FileValue::Table(entries) => entries
                .into_iter()
                .map(|(k, v)| match v {
                    FileValue::Str(s) if !k.is_empty() && !s.is_empty() => Ok((k, s)),
                    other => Err(wrong("a table of non-empty URL strings", &other)),
                })
                .collect(),
            other => Err(wrong("a table or a \"from=to,...\" string", &other)),
        },
        show: |v: &BTreeMap<String, String>| v
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","));

    debug_assert_eq!(settings.len(), SETTING_KEYS.len());
    Ok(ResolvedConfig {
        config: cfg,
        settings,
        warnings,
        aime,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_repr_matches_python() {
        assert_eq!(py_repr("on"), "'on'");
        assert_eq!(py_repr(""), "''");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(py_repr("x\ny\\"), "'x\\ny\\\\'");
        assert_eq!(py_repr("\u{1}한"), "'\\x01한'");
    }

    #[test]
    fn env_var_list_is_complete() {
        let names: Vec<&str> = ENV_VARS.iter().map(|v| v.name).collect();
        for key in ENV_KEYS {
            assert!(names.contains(&format!("BACKEND_{key}").as_str()));
            assert!(names.contains(&format!("SORNA_{key}").as_str()));
        }
        for n in [
            "AIME_API_SERVER",
            "AIME_API_KEY",
            "NO_COLOR",
            "XDG_CONFIG_HOME",
            "HOME",
        ] {
            assert!(names.contains(&n), "{n}");
        }
        assert!(!names.contains(&"BAI_WEBSERVER_ENDPOINT"));
        assert!(ENV_VARS
            .iter()
            .all(|v| !v.description.is_empty() && !v.description.contains('\n')));
    }

    #[test]
    fn aime_table_layers_below_env_and_keeps_other_warnings() {
        let contents = "domain = \"lab\"\nbogus = 1\n[aime]\nserver = \"http://file:7777\"\napi_key = \"file-key-0123456789abcdefghij\"\nextra = true\n";
        let file = ConfigFile {
            path: "/cfg.toml",
            contents,
        };
        let r = resolve(Some(file), |_| None, &Overrides::default()).unwrap();
        assert_eq!(r.config.domain, "lab");
        assert_eq!(r.aime.server.as_deref(), Some("http://file:7777"));
        assert_eq!(r.aime.server_source, Source::File("/cfg.toml".into()));
        assert_eq!(
            r.aime.api_key.as_ref().map(Secret::expose),
            Some("file-key-0123456789abcdefghij")
        );
        assert_eq!(
            r.warnings,
            [
                "config file /cfg.toml: unknown key `bogus` ignored",
                "config file /cfg.toml: unknown key `aime.extra` ignored",
            ]
        );
        let shown = r.aime.settings();
        assert_eq!(shown[0].key, "aime.server");
        assert_eq!(shown[0].value, "http://file:7777");
        assert_eq!(shown[1].key, "aime.api_key");
        assert_eq!(shown[1].value, "********");

        // The environment beats the file; an empty variable counts as unset.
        let env = |k: &str| match k {
            "AIME_API_SERVER" => Some("http://env:7777".to_owned()),
            "AIME_API_KEY" => Some(String::new()),
            _ => None,
        };
        let a = resolve_aime(Some(file), env).unwrap();
        assert_eq!(a.server.as_deref(), Some("http://env:7777"));
        assert_eq!(a.server_source, Source::Env("AIME_API_SERVER".into()));
        assert_eq!(a.api_key_source, Source::File("/cfg.toml".into()));

        // Nothing set anywhere.
        let none = resolve_aime(None, |_| None).unwrap();
        assert_eq!(none, AimeSettings::default());
        assert_eq!(none.settings()[1].value, "");

        // Wrong types name the key.
        for (bad, key) in [
            ("aime = \"x\"\n", "`aime`"),
            ("[aime]\nserver = 1\n", "`aime.server`"),
            ("[aime]\napi_key = [\"k\"]\n", "`aime.api_key`"),
        ] {
            let f = ConfigFile {
                path: "/c.toml",
                contents: bad,
            };
            let e = resolve_aime(Some(f), |_| None).unwrap_err().to_string();
            assert!(e.contains(key), "{e}");
            let e = resolve(Some(f), |_| None, &Overrides::default()).unwrap_err();
            assert!(e.to_string().contains(key), "{e}");
        }
    }

    #[test]
    fn announcement_handler_is_optional_and_opaque() {
        let cfg = ApiConfig::default();
        assert!(cfg.announcement_handler.is_none());
        let secret = "do-not-print-me";
        let cfg = ApiConfig {
            announcement_handler: Some(AnnouncementHandler::new(move |m| {
                assert_ne!(m, secret);
            })),
            ..ApiConfig::default()
        };
        let shown = format!("{cfg:?}");
        assert!(shown.contains("AnnouncementHandler(..)"), "{shown}");
        assert!(!shown.contains(secret));
        let copy = cfg.clone();
        copy.announcement_handler.unwrap().call("hello");
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("1e1").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_timeout("0").unwrap(), Duration::ZERO);
        for bad in ["-1", "nan", "inf", "", "1s"] {
            assert!(parse_timeout(bad).is_err(), "{bad}");
        }
    }
}
