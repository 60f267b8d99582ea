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
//! [`crate::env_vars`] lists every variable the program reads ([`ENV_VARS`] re-exports it). `api_version`, `hash_type` and
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
//!
//! # Layout
//!
//! `model` (what a resolved configuration is), `environment` (the Python client's parsers of
//! variable values), `paths` (config file and state directory), `file` (the TOML file),
//! `layering` ([`resolve`]: the four sources and their [`Source`]s) and `aime` (the `[aime]`
//! table). Everything is re-exported here, so callers write `config::resolve`.

mod aime;
mod environment;
mod file;
mod layering;
mod model;
mod paths;
#[cfg(test)]
mod tests;

pub use crate::env_vars::{EnvVar, ALL as ENV_VARS};
pub use aime::{resolve_aime, AimeSettings};
pub use environment::{
    bool_env, clean_address_map, clean_tokens, clean_urls, parse_timeout, ValueError,
};
pub use file::ConfigFile;
#[allow(deprecated)]
pub use layering::mask_secret;
pub use layering::{
    resolve, ConfigError, Overrides, ResolvedConfig, SettingInfo, Source, SETTING_KEYS,
};
pub use model::{
    default_user_agent, AnnouncementHandler, ApiConfig, EndpointType, DEFAULT_CHUNK_SIZE,
    DEFAULT_CONNECTION_TIMEOUT, DEFAULT_ENDPOINT, DEFAULT_READ_TIMEOUT, MAX_INFLIGHT_CHUNKS,
};
pub use paths::{config_file_path, state_dir};
