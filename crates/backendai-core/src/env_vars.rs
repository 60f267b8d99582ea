//! The registry of every environment variable the workspace reads.
//!
//! Each name is a `pub const` whose value is its own identifier, so code reads
//! `env(env_vars::BACKEND_ENDPOINT)` instead of a string literal, and [`ALL`] lists every
//! variable with a one-line meaning and its [`Audience`] (docs and tidy checks use it).
//!
//! A new variable goes here first: add one line to the `registry!` call below, then read it
//! through the constant. Core itself never reads the process environment; it receives a
//! lookup closure (see [`crate::config::resolve`]).
//!
//! ```
//! use backendai_core::env_vars::{self, Audience};
//! assert_eq!(env_vars::BACKEND_ENDPOINT, "BACKEND_ENDPOINT");
//! let var = env_vars::find("SORNA_ACCESS_KEY").unwrap();
//! assert_eq!(var.audience, Audience::User);
//! assert!(env_vars::ALL.iter().any(|v| v.name == "RUST_LOG"));
//! ```

/// Who sets a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Users of `bai` and of the SDK: configuration, paths, output.
    User,
    /// Developers: live tests, benchmarks and `cargo xtask`.
    Development,
}

/// One environment variable the workspace reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvVar {
    /// Variable name.
    pub name: &'static str,
    /// What it means, on one line.
    pub description: &'static str,
    /// Who sets it.
    pub audience: Audience,
}

/// Defines one documented constant per variable and [`ALL`] from a single list.
macro_rules! registry {
    ($( $name:ident : $audience:ident = $description:expr; )*) => {
        $(
            #[doc = $description]
            pub const $name: &str = stringify!($name);
        )*

        /// Every environment variable the workspace reads, in a stable order.
        pub const ALL: &[EnvVar] = &[
            $( EnvVar { name: $name, description: $description, audience: Audience::$audience }, )*
        ];
    };
}

registry! {
    // Connection settings (config layering: `BACKEND_*` beats the legacy `SORNA_*`).
    BACKEND_ENDPOINT: User = "comma-separated manager or webserver URLs, tried in order on connection errors";
    BACKEND_ENDPOINT_TYPE: User = "\"api\" (keypair signing) or \"session\" (webserver login cookie)";
    BACKEND_ACCESS_KEY: User = "keypair access key; empty = anonymous requests";
    BACKEND_SECRET_KEY: User = "keypair secret key";
    BACKEND_DOMAIN: User = "domain name sent with requests and session creation (default \"default\")";
    BACKEND_GROUP: User = "group (project) for new sessions (default \"default\")";
    BACKEND_VFOLDER_MOUNTS: User = "comma-separated vfolders mounted into every new session";
    BACKEND_SKIP_SSLCERT_VALIDATION: User = "skip TLS certificate checks: y/yes/t/true/1 or n/no/f/false/0";
    BACKEND_CONNECTION_TIMEOUT: User = "TCP connect timeout in seconds (default 10.0; 0 = no limit)";
    BACKEND_READ_TIMEOUT: User = "socket read timeout in seconds (default 0 = no limit)";
    BACKEND_OVERRIDE_STORAGE_PROXY: User = "storage-proxy URL rewrites: from=to[,from2=to2]";
    SORNA_ENDPOINT: User = "legacy alias of BACKEND_ENDPOINT";
    SORNA_ENDPOINT_TYPE: User = "legacy alias of BACKEND_ENDPOINT_TYPE";
    SORNA_ACCESS_KEY: User = "legacy alias of BACKEND_ACCESS_KEY";
    SORNA_SECRET_KEY: User = "legacy alias of BACKEND_SECRET_KEY";
    SORNA_DOMAIN: User = "legacy alias of BACKEND_DOMAIN";
    SORNA_GROUP: User = "legacy alias of BACKEND_GROUP";
    SORNA_VFOLDER_MOUNTS: User = "legacy alias of BACKEND_VFOLDER_MOUNTS";
    SORNA_SKIP_SSLCERT_VALIDATION: User = "legacy alias of BACKEND_SKIP_SSLCERT_VALIDATION";
    SORNA_CONNECTION_TIMEOUT: User = "legacy alias of BACKEND_CONNECTION_TIMEOUT";
    SORNA_READ_TIMEOUT: User = "legacy alias of BACKEND_READ_TIMEOUT";
    SORNA_OVERRIDE_STORAGE_PROXY: User = "legacy alias of BACKEND_OVERRIDE_STORAGE_PROXY";
    // AIME API server (`bai aime`, `backendai_sdk::aime`).
    AIME_API_SERVER: User = "AIME API server URL (aime commands)";
    AIME_API_KEY: User = "AIME API key (aime commands)";
    AIME_SESSION_KEY: User = "an existing AIME client session key; skips the login (aime commands)";
    // Paths and output.
    XDG_CONFIG_HOME: User = "base of the config file path (default $HOME/.config)";
    XDG_STATE_HOME: User = "base of the state dir: cookies, login name (default $HOME/.local/state)";
    XDG_CACHE_HOME: User = "base of the cache dir: multi-case `run` logs (default $HOME/.cache)";
    HOME: User = "home directory, used when the XDG variables are unset";
    NO_COLOR: User = "disable colored output when set to a non-empty value";
    RUST_LOG: User = "tracing filter for diagnostics on stderr (e.g. `backendai_sdk=debug`)";
    // Development: live tests, benchmarks, xtask.
    BAI_WEBSERVER_ENDPOINT: Development = "webserver URL for the session-mode live tests";
    BAI_REALSTACK_DIR: Development = "directory of the real Backend.AI stack used by live tests and the bench";
    BAI_REALSTACK_EXPOSE_APP: Development = "host:port mapping that exposes session apps of the real stack to live tests";
    BAI_TEST_IMAGE: Development = "image the live execution tests start sessions from";
    BAI_TEST_SCALING_GROUP: Development = "scaling group the live execution tests start sessions in";
    BENCH_SECS: Development = "seconds per measurement of the signing benchmark";
    BENCH_ROUNDS: Development = "rounds of the signing benchmark";
    CARGO: Development = "the cargo binary xtask runs (set by cargo)";
    CARGO_MANIFEST_DIR: Development = "xtask's manifest directory, to find the workspace root (set by cargo)";
    CARGO_TARGET_DIR: Development = "where xtask finds built binaries (default target/)";
    PATH: Development = "searched by tests and xtask for the binaries they start";
}

/// Each `BACKEND_*` connection variable with its legacy `SORNA_*` alias (read only when the
/// `BACKEND_*` one is unset).
pub const BACKEND_WITH_LEGACY: &[(&str, &str)] = &[
    (BACKEND_ENDPOINT, SORNA_ENDPOINT),
    (BACKEND_ENDPOINT_TYPE, SORNA_ENDPOINT_TYPE),
    (BACKEND_ACCESS_KEY, SORNA_ACCESS_KEY),
    (BACKEND_SECRET_KEY, SORNA_SECRET_KEY),
    (BACKEND_DOMAIN, SORNA_DOMAIN),
    (BACKEND_GROUP, SORNA_GROUP),
    (BACKEND_VFOLDER_MOUNTS, SORNA_VFOLDER_MOUNTS),
    (
        BACKEND_SKIP_SSLCERT_VALIDATION,
        SORNA_SKIP_SSLCERT_VALIDATION,
    ),
    (BACKEND_CONNECTION_TIMEOUT, SORNA_CONNECTION_TIMEOUT),
    (BACKEND_READ_TIMEOUT, SORNA_READ_TIMEOUT),
    (BACKEND_OVERRIDE_STORAGE_PROXY, SORNA_OVERRIDE_STORAGE_PROXY),
];

/// The registry entry for `name`, if the workspace reads it.
pub fn find(name: &str) -> Option<&'static EnvVar> {
    ALL.iter().find(|v| v.name == name)
}

/// The variables users set (everything but [`Audience::Development`]).
pub fn user_facing() -> impl Iterator<Item = &'static EnvVar> {
    ALL.iter().filter(|v| v.audience == Audience::User)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_descriptions_one_line() {
        for (i, v) in ALL.iter().enumerate() {
            assert!(
                ALL[i + 1..].iter().all(|w| w.name != v.name),
                "{} twice",
                v.name
            );
            assert!(!v.description.is_empty() && !v.description.contains('\n'));
        }
    }

    #[test]
    fn every_backend_setting_has_its_legacy_alias() {
        let backend: Vec<&str> = ALL
            .iter()
            .map(|v| v.name)
            .filter(|n| n.starts_with("BACKEND_"))
            .collect();
        assert_eq!(backend.len(), BACKEND_WITH_LEGACY.len());
        for (new, old) in BACKEND_WITH_LEGACY {
            assert!(backend.contains(new));
            assert_eq!(new.strip_prefix("BACKEND_"), old.strip_prefix("SORNA_"));
            assert_eq!(
                find(old).unwrap().description,
                format!("legacy alias of {new}")
            );
        }
    }

    #[test]
    fn development_variables_are_not_user_facing() {
        let users: Vec<&str> = user_facing().map(|v| v.name).collect();
        for n in [
            "BACKEND_ENDPOINT",
            "AIME_API_KEY",
            "NO_COLOR",
            "RUST_LOG",
            "HOME",
        ] {
            assert!(users.contains(&n), "{n}");
        }
        assert!(!users.contains(&BAI_WEBSERVER_ENDPOINT));
        assert_eq!(
            find(BAI_REALSTACK_DIR).unwrap().audience,
            Audience::Development
        );
        assert!(find("NOT_A_VARIABLE").is_none());
    }
}
