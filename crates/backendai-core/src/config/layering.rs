//! Layered resolution: defaults < config file < environment < explicit overrides, each
//! resolved value with its [`Source`].

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::aime::aime_settings;
use super::environment::seconds_to_duration;
use super::file::{parse_file, FileValue};
use super::{
    bool_env, clean_address_map, clean_tokens, clean_urls, parse_timeout, AimeSettings, ApiConfig,
    ConfigFile, EndpointType, ValueError,
};
use crate::auth::HashType;
use crate::env_vars as env;
use crate::secret::Secret;
use crate::urls::normalize_endpoint;
use crate::version::ApiVersion;

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
    /// Display value; secrets are masked with [`Secret::masked`].
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

/// Masks a secret for display; the one rule is [`crate::secret::mask_secret`].
#[deprecated(note = "use `Secret::masked` or `backendai_core::secret::mask_secret`")]
pub fn mask_secret(secret: &Secret) -> String {
    secret.masked()
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
    #[error("invalid {}: {}", printable(.origin), printable(.message))]
    Invalid {
        /// `BACKEND_X`, `config file <path>: key \`k\``, or `explicit k`.
        origin: String,
        /// What is wrong.
        message: String,
    },
    /// The config file is not valid TOML.
    #[error("could not parse config file {}: {}", printable(.path), printable(.message))]
    File {
        /// The file path.
        path: String,
        /// The parser's message, on one line.
        message: String,
    },
}

/// `s` with control characters escaped (`\r`, `\u{0}`): a hostile value echoed in an error
/// keeps the message on one line.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .into()
    } else {
        s.into()
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
    /// The highest non-explicit raw value of `key` (`BACKEND_*`, then the legacy `SORNA_*`,
    /// then the file).
    fn raw(&mut self, key: &str, env_names: Option<(&str, &str)>) -> Option<Raw> {
        if let Some((name, legacy)) = env_names {
            for name in [name, legacy] {
                if let Some(v) = (self.env)(name) {
                    return Some(Raw::Env(name.to_owned(), v));
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

    setting!("endpoint", Some((env::BACKEND_ENDPOINT, env::SORNA_ENDPOINT)), cfg.endpoints, over_endpoints,
        str: clean_urls,
        file: |v: FileValue| -> Result<Vec<String>, ValueError> {
            let list = list_of_strings(v, "URLs")?;
            if list.is_empty() {
                return Err(ValueError("the endpoint list is empty".to_owned()));
            }
            list.iter().map(|u| normalize_endpoint(u).map_err(|e| ValueError(e.to_string()))).collect()
        },
        show: |v: &Vec<String>| v.join(","));
    setting!("endpoint_type", Some((env::BACKEND_ENDPOINT_TYPE, env::SORNA_ENDPOINT_TYPE)), cfg.endpoint_type, overrides.endpoint_type,
        str: |s: &str| s.parse::<EndpointType>(),
        file: |v: FileValue| Err(wrong("\"api\" or \"session\"", &v)),
        show: |v: &EndpointType| v.to_string());
    setting!("access_key", Some((env::BACKEND_ACCESS_KEY, env::SORNA_ACCESS_KEY)), cfg.access_key, overrides.access_key.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("secret_key", Some((env::BACKEND_SECRET_KEY, env::SORNA_SECRET_KEY)), cfg.secret_key, overrides.secret_key.clone(),
        str: |s: &str| Ok(Secret::new(s)),
        file: |v: FileValue| Err(wrong("a string", &v)),
        show: Secret::masked);
    setting!("api_version", None, cfg.api_version, overrides.api_version.clone(),
        str: |s: &str| s.trim().parse::<ApiVersion>().map_err(|e| ValueError(e.to_string())),
        file: |v: FileValue| Err(wrong("a version string like \"v7.20230615\"", &v)),
        show: |v: &ApiVersion| v.to_string());
    setting!("hash_type", None, cfg.hash_type, overrides.hash_type,
        str: |s: &str| s.trim().parse::<HashType>().map_err(|e| ValueError(e.to_string())),
        file: |v: FileValue| Err(wrong("a hash name like \"sha256\"", &v)),
        show: |v: &HashType| v.to_string());
    setting!("domain", Some((env::BACKEND_DOMAIN, env::SORNA_DOMAIN)), cfg.domain, overrides.domain.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("group", Some((env::BACKEND_GROUP, env::SORNA_GROUP)), cfg.group, overrides.group.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("vfolder_mounts", Some((env::BACKEND_VFOLDER_MOUNTS, env::SORNA_VFOLDER_MOUNTS)), cfg.vfolder_mounts,
        overrides.vfolder_mounts.clone(),
        str: |s: &str| Ok(clean_mounts(s)),
        file: |v: FileValue| list_of_strings(v, "vfolder names"),
        show: |v: &Vec<String>| v.join(","));
    setting!("connection_timeout", Some((env::BACKEND_CONNECTION_TIMEOUT, env::SORNA_CONNECTION_TIMEOUT)), cfg.connection_timeout,
        overrides.connection_timeout,
        str: parse_timeout, file: file_seconds, show: show_secs);
    setting!("read_timeout", Some((env::BACKEND_READ_TIMEOUT, env::SORNA_READ_TIMEOUT)), cfg.read_timeout, overrides.read_timeout,
        str: |s: &str| parse_timeout(s).map(|d| (!d.is_zero()).then_some(d)),
        file: |v: FileValue| file_seconds(v).map(|d| (!d.is_zero()).then_some(d)),
        show: |v: &Option<Duration>| v.as_ref().map_or_else(|| "unlimited".to_owned(), show_secs));
    setting!("skip_sslcert_validation", Some((env::BACKEND_SKIP_SSLCERT_VALIDATION, env::SORNA_SKIP_SSLCERT_VALIDATION)),
        cfg.skip_sslcert_validation, overrides.skip_sslcert_validation,
        str: bool_env,
        file: |v: FileValue| match v {
            FileValue::Bool(b) => Ok(b),
            other => Err(wrong("a boolean", &other)),
        },
        show: |v: &bool| v.to_string());
    setting!("user_agent", None, cfg.user_agent, overrides.user_agent.clone(),
        str: plain, file: not_string, show: |v: &String| v.clone());
    setting!("override_storage_proxy", Some((env::BACKEND_OVERRIDE_STORAGE_PROXY, env::SORNA_OVERRIDE_STORAGE_PROXY)),
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
