//! Parsers of environment values, byte-compatible with the Python client's `config.py`
//! helpers (the same accepted spellings and the same `ValueError` texts).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::parse::py_repr;
use crate::urls::normalize_endpoint;

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

pub(super) fn seconds_to_duration(secs: f64) -> Result<Duration, ValueError> {
    if !secs.is_finite() || secs < 0.0 {
        return Err(ValueError(format!(
            "timeout must be a finite number of seconds >= 0, got {secs}"
        )));
    }
    Duration::try_from_secs_f64(secs)
        .map_err(|_| ValueError(format!("timeout {secs} is out of range")))
}
