//! Session ("cookie") mode through the Backend.AI webserver: the cookie jar.
//!
//! The webserver authenticates `/func/...` calls with the aiohttp-session cookie
//! `AIOHTTP_SESSION` set by `POST /server/login`. The jar keeps every cookie the webserver
//! sets and, when the caller gives a state directory, persists it as JSON in
//! `<state_dir>/cookies.json` with mode `0600` (written to a temporary file, then renamed):
//!
//! ```json
//! {"cookies": [{"name": "AIOHTTP_SESSION", "value": "...", "expires": 1715000000}]}
//! ```
//!
//! (`expires` is a Unix timestamp or `null` for a session cookie.) Cookie values are secrets:
//! they are never logged and `Debug` prints `***`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use backendai_core::dto::LoginStatus;

/// The name of the file inside the state directory.
pub const COOKIE_FILE: &str = "cookies.json";

/// The cookie the webserver uses for its login session.
pub const SESSION_COOKIE: &str = "AIOHTTP_SESSION";

#[derive(Clone, Serialize, Deserialize)]
struct StoredCookie {
    name: String,
    value: String,
    #[serde(default)]
    expires: Option<i64>,
}

#[derive(Default, Serialize, Deserialize)]
struct JarFile {
    cookies: Vec<StoredCookie>,
}

/// Cookies of one webserver, optionally persisted to a 0600 JSON file.
pub struct CookieJar {
    path: Option<PathBuf>,
    cookies: Mutex<BTreeMap<String, (Secret, Option<i64>)>>,
}

impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.lock().keys().cloned().collect();
        f.debug_struct("CookieJar")
            .field("path", &self.path)
            .field("cookies", &names)
            .finish()
    }
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl CookieJar {
    /// An in-memory jar (nothing is written to disk).
    pub fn in_memory() -> Self {
        Self {
            path: None,
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    /// A jar persisted in `<state_dir>/cookies.json`; loads the file if it exists.
    /// A missing or unreadable file starts an empty jar (the user just logs in again).
    pub fn in_dir(state_dir: &Path) -> Self {
        let jar = Self {
            path: Some(state_dir.join(COOKIE_FILE)),
            cookies: Mutex::new(BTreeMap::new()),
        };
        jar.reload();
        jar
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, (Secret, Option<i64>)>> {
        self.cookies.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Re-reads the file (another process may have logged in or out).
    pub fn reload(&self) {
        let Some(path) = &self.path else { return };
        let file: JarFile = std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let mut map = self.lock();
        map.clear();
        for c in file.cookies {
            map.insert(c.name, (Secret::new(c.value), c.expires));
        }
    }

    /// The `Cookie` header value for a request, or `None` when the jar is empty.
    pub fn header_value(&self) -> Option<Secret> {
        let t = now();
        let map = self.lock();
        let parts: Vec<String> = map
            .iter()
            .filter(|(_, (_, exp))| exp.is_none_or(|e| e > t))
            .map(|(k, (v, _))| format!("{k}={}", v.expose()))
            .collect();
        (!parts.is_empty()).then(|| Secret::new(parts.join("; ")))
    }

    /// True when the webserver's login cookie is present (and not expired).
    pub fn has_session(&self) -> bool {
        let t = now();
        self.lock()
            .get(SESSION_COOKIE)
            .is_some_and(|(_, exp)| exp.is_none_or(|e| e > t))
    }

    /// Stores the cookies of `Set-Cookie` headers; saves the file when something changed.
    pub fn store_from(&self, headers: &http::HeaderMap) -> Result<()> {
        let mut changed = false;
        {
            let mut map = self.lock();
            for value in headers.get_all(http::header::SET_COOKIE) {
                let Ok(text) = value.to_str() else { continue };
                let Some((name, value, expires)) = parse_set_cookie(text) else {
                    continue;
                };
                if value.is_empty() || expires.is_some_and(|e| e <= now()) {
                    changed |= map.remove(&name).is_some();
                } else {
                    map.insert(name, (Secret::new(value), expires));
                    changed = true;
                }
            }
        }
        if changed {
            self.save()?;
        }
        Ok(())
    }

    /// Forgets every cookie and deletes the file.
    pub fn clear(&self) -> Result<()> {
        self.lock().clear();
        if let Some(path) = &self.path {
            match std::fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error("cannot delete the cookie file", path, e)),
            }
        }
        Ok(())
    }

    fn save(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let file = JarFile {
            cookies: self
                .lock()
                .iter()
                .map(|(k, (v, exp))| StoredCookie {
                    name: k.clone(),
                    value: v.expose().to_owned(),
                    expires: *exp,
                })
                .collect(),
        };
        let bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| io_error("cannot create the state directory", dir, e))?;
        }
        let tmp = path.with_extension("json.tmp");
        write_private(&tmp, &bytes)
            .map_err(|e| io_error("cannot write the cookie file", &tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| io_error("cannot write the cookie file", path, e))
    }
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Unknown,
        format!("{what} {}: {e}", path.display()),
    )
    .with_source(e)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // An existing file keeps its old mode on open; force 0600.
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

/// `name=value; Max-Age=..; Expires=..; ...` → (name, value, expiry as Unix seconds).
fn parse_set_cookie(header: &str) -> Option<(String, String, Option<i64>)> {
    let mut parts = header.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut value = value.trim();
    if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        value = &value[1..value.len() - 1];
    }
    let mut expires = None;
    let mut max_age = None;
    for attr in parts {
        let (k, v) = attr.split_once('=').unwrap_or((attr, ""));
        match k.trim().to_ascii_lowercase().as_str() {
            "max-age" => max_age = v.trim().parse::<i64>().ok(),
            "expires" => expires = parse_http_date(v.trim()),
            _ => {}
        }
    }
    let expiry = match max_age {
        Some(secs) => Some(now().saturating_add(secs)),
        None => expires,
    };
    Some((name.to_owned(), value.to_owned(), expiry))
}

/// RFC 1123 dates (`Thu, 01 Jan 1970 00:00:00 GMT`), the form aiohttp writes.
fn parse_http_date(s: &str) -> Option<i64> {
    let s = s.split_once(", ").map(|(_, r)| r).unwrap_or(s);
    let mut it = s.split_whitespace();
    let day: i8 = it.next()?.parse().ok()?;
    let month = match it.next()?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let year: i16 = it.next()?.parse().ok()?;
    let mut hms = it.next()?.split(':').map(|p| p.parse::<i8>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    let dt = jiff::civil::DateTime::new(year, month, day, h, m, sec, 0).ok()?;
    Some(
        dt.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_second(),
    )
}

impl crate::Client {
    fn require_session_mode(&self) -> Result<&CookieJar> {
        self.cookies().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "login/logout need the session endpoint type (BACKEND_ENDPOINT_TYPE=session)",
            )
        })
    }

    /// Session mode: logs in through the webserver (`POST /server/login`, unsigned JSON
    /// `{"username","password"}`); the `AIOHTTP_SESSION` cookie is kept in the jar.
    /// Rejected credentials are an [`ErrorKind::AuthFailed`] error.
    pub async fn login(&self, username: &str, password: &Secret) -> Result<LoginStatus> {
        self.require_session_mode()?;
        let body = serde_json::json!({"username": username, "password": password.expose()});
        let req = crate::ApiRequest::post("/server/login")
            .json(body)
            .anonymous();
        let status: LoginStatus = self.json(req).await?;
        if !status.authenticated {
            let details = ["details", "title", "msg"]
                .iter()
                .find_map(|k| status.data.get(*k).and_then(|v| v.as_str()))
                .unwrap_or("authentication failed")
                .to_owned();
            return Err(Error::new(
                ErrorKind::AuthFailed,
                format!("login failed: {details}"),
            ));
        }
        Ok(status)
    }

    /// Session mode: asks the webserver whether the cookie session is logged in
    /// (`POST /server/login-check`).
    pub async fn login_check(&self) -> Result<LoginStatus> {
        self.require_session_mode()?;
        self.json(crate::ApiRequest::post("/server/login-check").anonymous())
            .await
    }

    /// Session mode: logs out (`POST /server/logout`) and deletes the stored cookies (also
    /// when the webserver could not be told).
    pub async fn logout(&self) -> Result<()> {
        let jar = self.require_session_mode()?;
        let result = self
            .send(crate::ApiRequest::post("/server/logout").anonymous())
            .await;
        jar.clear()?;
        result.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_cookie_parsing() {
        let (n, v, e) =
            parse_set_cookie("AIOHTTP_SESSION=\"abc\"; Domain=x; HttpOnly; Path=/").unwrap();
        assert_eq!(
            (n.as_str(), v.as_str(), e),
            ("AIOHTTP_SESSION", "abc", None)
        );
        let (_, _, e) = parse_set_cookie("a=b; expires=Thu, 01 Jan 1970 00:00:10 GMT").unwrap();
        assert_eq!(e, Some(10));
        let (_, _, e) = parse_set_cookie("a=b; Max-Age=60").unwrap();
        assert!(e.unwrap() > now());
        assert!(parse_set_cookie("garbage").is_none());
    }

    #[test]
    fn jar_persists_with_mode_0600_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let jar = CookieJar::in_dir(dir.path());
        let mut h = http::HeaderMap::new();
        h.append(
            http::header::SET_COOKIE,
            "AIOHTTP_SESSION=s3cr3t; Path=/; HttpOnly".parse().unwrap(),
        );
        jar.store_from(&h).unwrap();
        assert!(jar.has_session());
        assert!(!format!("{jar:?}").contains("s3cr3t"));
        let path = dir.path().join(COOKIE_FILE);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let again = CookieJar::in_dir(dir.path());
        assert_eq!(
            again.header_value().unwrap().expose(),
            "AIOHTTP_SESSION=s3cr3t"
        );
        again.clear().unwrap();
        assert!(!path.exists());
        assert!(again.header_value().is_none());
    }
}
