//! The command context: resolved configuration (with the source of every value), the printer,
//! and a lazily built SDK client and tokio runtime.
//!
//! Nothing here touches the network or builds TLS state until a command asks for
//! [`Context::client`] or [`Context::block_on`].

use std::cell::OnceCell;
use std::path::PathBuf;

use anyhow::Context as _;
use backendai_core::config::{ApiConfig, EndpointType};
use backendai_core::Secret;
use serde::Serialize;

use crate::exit::usage;
use crate::output::Printer;

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Built-in default.
    Default,
    /// The config file.
    File,
    /// An environment variable (`BACKEND_*` or `SORNA_*`).
    Env,
    /// A command-line flag.
    Flag,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Source::Default => "default",
            Source::File => "file",
            Source::Env => "env",
            Source::Flag => "flag",
        })
    }
}

/// One resolved setting, ready to show (`value` is already masked for secrets).
#[derive(Debug, Clone, Serialize)]
pub struct Setting {
    /// Setting name (`endpoint`, `access_key`, ...).
    pub key: String,
    /// Display value; secrets are masked.
    pub value: String,
    /// Where the value came from.
    pub source: Source,
    /// The exact origin: variable name or file path, when not a default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Command-line flags that override configuration.
#[derive(Debug, Clone, Default)]
pub struct FlagOverrides {
    /// `--skip-sslcert-validation`.
    pub skip_sslcert_validation: bool,
}

/// The resolved configuration plus per-setting provenance.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The SDK configuration.
    pub config: ApiConfig,
    /// Every setting with its display value and source.
    pub settings: Vec<Setting>,
}

/// Masks a secret for display: first 6 and last 10 characters kept when long enough
/// (the Python CLI's format), otherwise fully masked.
pub fn mask_secret(s: &str) -> String {
    let n = s.chars().count();
    if n == 0 {
        return String::new();
    }
    if n < 24 {
        return "*".repeat(n.min(8));
    }
    let head: String = s.chars().take(6).collect();
    let tail: String = s.chars().skip(n - 10).collect();
    format!("{head}{}{tail}", "*".repeat(24))
}

/// Parses a `BACKEND_*` boolean (`y yes t true 1` / `n no f false 0`).
fn parse_bool(key: &str, v: &str) -> anyhow::Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "t" | "true" | "1" => Ok(true),
        "n" | "no" | "f" | "false" | "0" => Ok(false),
        _ => Err(usage(format!("{key}: invalid boolean value {v:?}"))),
    }
}

/// Reads `BACKEND_<key>` then `SORNA_<key>`.
fn env_lookup(key: &str) -> Option<(String, String)> {
    for prefix in ["BACKEND_", "SORNA_"] {
        let name = format!("{prefix}{key}");
        if let Ok(v) = std::env::var(&name) {
            return Some((name, v));
        }
    }
    None
}

/// Resolves the configuration: defaults < environment < flags.
pub fn resolve(flags: &FlagOverrides) -> anyhow::Result<Resolved> {
    let mut cfg = ApiConfig::default();
    let mut settings = Vec::new();
    let mut push = |key: &str, value: String, found: &Option<(String, String)>| {
        let (source, origin) = match found {
            Some((name, _)) if name.starts_with("--") => (Source::Flag, Some(name.clone())),
            Some((name, _)) => (Source::Env, Some(name.clone())),
            None => (Source::Default, None),
        };
        settings.push(Setting {
            key: key.to_owned(),
            value,
            source,
            origin,
        });
    };

    let e = env_lookup("ENDPOINT");
    if let Some((name, v)) = &e {
        let list: Vec<String> = v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        for u in &list {
            if !(u.starts_with("http://") || u.starts_with("https://")) {
                return Err(usage(format!(
                    "{name}: endpoint {u:?} is not an absolute URL"
                )));
            }
        }
        if list.is_empty() {
            return Err(usage(format!("{name}: no endpoint given")));
        }
        cfg.endpoints = list;
    }
    push("endpoint", cfg.endpoints.join(","), &e);

    let e = env_lookup("ENDPOINT_TYPE");
    if let Some((name, v)) = &e {
        cfg.endpoint_type = match v.trim().to_ascii_lowercase().as_str() {
            "api" => EndpointType::Api,
            "session" => EndpointType::Session,
            other => {
                return Err(usage(format!(
                    "{name}: unsupported endpoint type {other:?}"
                )))
            }
        };
    }
    push(
        "endpoint_type",
        match cfg.endpoint_type {
            EndpointType::Api => "api".into(),
            EndpointType::Session => "session".into(),
        },
        &e,
    );

    let e = env_lookup("ACCESS_KEY");
    if let Some((_, v)) = &e {
        cfg.access_key = v.clone();
    }
    push("access_key", cfg.access_key.clone(), &e);

    let e = env_lookup("SECRET_KEY");
    if let Some((_, v)) = &e {
        cfg.secret_key = Secret::new(v.clone());
    }
    push("secret_key", mask_secret(cfg.secret_key.expose()), &e);

    let e = env_lookup("DOMAIN");
    if let Some((_, v)) = &e {
        cfg.domain = v.clone();
    }
    push("domain", cfg.domain.clone(), &e);

    let e = env_lookup("GROUP");
    if let Some((_, v)) = &e {
        cfg.group = v.clone();
    }
    push("group", cfg.group.clone(), &e);

    let e = env_lookup("VFOLDER_MOUNTS");
    if let Some((_, v)) = &e {
        cfg.vfolder_mounts = v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
    }
    push("vfolder_mounts", cfg.vfolder_mounts.join(","), &e);

    let e = env_lookup("SKIP_SSLCERT_VALIDATION");
    if let Some((name, v)) = &e {
        cfg.skip_sslcert_validation = parse_bool(name, v)?;
    }
    let flag_skip = flags.skip_sslcert_validation;
    if flag_skip {
        cfg.skip_sslcert_validation = true;
    }
    push(
        "skip_sslcert_validation",
        cfg.skip_sslcert_validation.to_string(),
        &if flag_skip {
            Some(("--skip-sslcert-validation".to_owned(), String::new()))
        } else {
            e
        },
    );

    let e = env_lookup("CONNECTION_TIMEOUT");
    if let Some((name, v)) = &e {
        let secs: f64 = v
            .trim()
            .parse()
            .map_err(|_| usage(format!("{name}: not a number: {v:?}")))?;
        if !(secs.is_finite() && secs >= 0.0) {
            return Err(usage(format!("{name}: must be >= 0")));
        }
        cfg.connection_timeout = std::time::Duration::from_secs_f64(secs);
    }
    push(
        "connection_timeout",
        format!("{}", cfg.connection_timeout.as_secs_f64()),
        &e,
    );

    let e = env_lookup("READ_TIMEOUT");
    if let Some((name, v)) = &e {
        let secs: f64 = v
            .trim()
            .parse()
            .map_err(|_| usage(format!("{name}: not a number: {v:?}")))?;
        if !(secs.is_finite() && secs >= 0.0) {
            return Err(usage(format!("{name}: must be >= 0")));
        }
        cfg.read_timeout = (secs > 0.0).then(|| std::time::Duration::from_secs_f64(secs));
    }
    push(
        "read_timeout",
        cfg.read_timeout
            .map(|d| format!("{}", d.as_secs_f64()))
            .unwrap_or_else(|| "0".into()),
        &e,
    );

    let e = env_lookup("OVERRIDE_STORAGE_PROXY");
    if let Some((name, v)) = &e {
        for pair in v.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, val) = pair
                .split_once('=')
                .filter(|(k, v)| !k.is_empty() && !v.is_empty())
                .ok_or_else(|| usage(format!("{name}: expected X=Y pairs, got {pair:?}")))?;
            cfg.storage_proxy_address_map
                .insert(k.trim().to_owned(), val.trim().to_owned());
        }
    }
    push(
        "override_storage_proxy",
        cfg.storage_proxy_address_map
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        &e,
    );

    settings.push(Setting {
        key: "api_version".into(),
        value: cfg.api_version.to_string(),
        source: Source::Default,
        origin: None,
    });
    settings.push(Setting {
        key: "state_dir".into(),
        value: state_dir().display().to_string(),
        source: Source::Default,
        origin: None,
    });

    Ok(Resolved {
        config: cfg,
        settings,
    })
}

/// `$XDG_STATE_HOME/backend.ai` (default `~/.local/state/backend.ai`): cookie jar and session
/// state of `login`.
pub fn state_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("backend.ai");
    }
    home_dir().join(".local/state/backend.ai")
}

/// `$XDG_CACHE_HOME/backend.ai` (default `~/.cache/backend.ai`): multi-case `run` logs.
pub fn cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("backend.ai");
    }
    home_dir().join(".cache/backend.ai")
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Everything a command needs.
pub struct Context {
    /// The printer.
    pub out: Printer,
    flags: FlagOverrides,
    resolved: OnceCell<Resolved>,
    client: OnceCell<backendai_sdk::Client>,
    storage_override: std::cell::RefCell<Option<std::collections::BTreeMap<String, String>>>,
    runtime: OnceCell<tokio::runtime::Runtime>,
}

impl Context {
    /// A context; nothing is resolved or built yet.
    pub fn new(out: Printer, flags: FlagOverrides) -> Self {
        Self {
            out,
            flags,
            resolved: OnceCell::new(),
            client: OnceCell::new(),
            storage_override: std::cell::RefCell::new(None),
            runtime: OnceCell::new(),
        }
    }

    /// The command-line overrides this context was built with.
    pub fn flags(&self) -> &FlagOverrides {
        &self.flags
    }

    /// The resolved configuration (computed on first use).
    pub fn resolved(&self) -> anyhow::Result<&Resolved> {
        if let Some(r) = self.resolved.get() {
            return Ok(r);
        }
        let r = resolve(&self.flags)?;
        Ok(self.resolved.get_or_init(|| r))
    }

    /// The SDK configuration.
    pub fn config(&self) -> anyhow::Result<&ApiConfig> {
        Ok(&self.resolved()?.config)
    }

    /// The SDK client (built on first use).
    pub fn client(&self) -> anyhow::Result<&backendai_sdk::Client> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let mut config = self.config()?.clone();
        if let Some(map) = self.storage_override.borrow_mut().take() {
            config.storage_proxy_address_map = map;
        }
        let client = backendai_sdk::Client::builder(config)
            .state_dir(state_dir())
            .build()?;
        Ok(self.client.get_or_init(|| client))
    }

    /// `--override-storage-proxy`: replaces the configured storage-proxy address map for the
    /// client built after this call.
    pub fn override_storage_proxy(&self, map: std::collections::BTreeMap<String, String>) {
        *self.storage_override.borrow_mut() = Some(map);
    }

    /// Runs a future on a current-thread tokio runtime (built on first use).
    pub fn block_on<F: std::future::Future>(&self, fut: F) -> anyhow::Result<F::Output> {
        if self.runtime.get().is_none() {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the async runtime")?;
            let _ = self.runtime.set(rt);
        }
        let rt = self
            .runtime
            .get()
            .ok_or_else(|| anyhow::anyhow!("async runtime unavailable"))?;
        Ok(rt.block_on(fut))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_like_python() {
        assert_eq!(
            mask_secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            format!("wJalrX{}EXAMPLEKEY", "*".repeat(24))
        );
        assert_eq!(mask_secret("short"), "*****");
        assert_eq!(mask_secret(""), "");
    }

    #[test]
    fn bools() {
        assert!(parse_bool("X", "Yes").unwrap());
        assert!(!parse_bool("X", "0").unwrap());
        assert!(parse_bool("X", "maybe").is_err());
    }
}
