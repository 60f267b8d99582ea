//! Request URL construction: base path joining, session-mode `/func` prefix, yarl-compatible
//! query encoding (spec/protocol.md §1).
//!
//! The Python client builds every request URL with `yarl`; the signature covers the path and
//! query **exactly as sent**, so this module reproduces yarl's encoding rules byte for byte:
//!
//! * path: UTF-8 percent-encoding of everything outside
//!   `A-Z a-z 0-9 - . _ ~ ! $ ' ( ) * , + & = ; @ : /`, valid `%XX` escapes kept,
//!   `.`/`..` segments resolved;
//! * query (`with_query(dict)`): space → `+`, everything outside
//!   `A-Z a-z 0-9 - . _ ~ ! $ ' ( ) * , ? / : @` percent-encoded (so `&`, `=`, `+`, `#`, `%`
//!   are always escaped).
//!
//! ```
//! use backendai_core::config::EndpointType;
//! use backendai_core::urls::build_url;
//!
//! let url = build_url(
//!     "https://gw.example.com/backend/api/",
//!     EndpointType::Api,
//!     "/folders",
//!     &[("a".to_owned(), "1".to_owned())],
//! )
//! .unwrap();
//! assert_eq!(url.full_url, "https://gw.example.com/backend/api/folders?a=1");
//! assert_eq!(url.rel_url, "/backend/api/folders?a=1");
//! ```

use crate::config::EndpointType;

/// The URL of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltUrl {
    /// The absolute URL to send the request to.
    pub full_url: String,
    /// Path and query of [`BuiltUrl::full_url`] (what the HMAC signature covers).
    pub rel_url: String,
}

/// An endpoint URL that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// The endpoint has no scheme or no host (same text as the Python client's `ValueError`).
    #[error("URL {0} is not absolute.")]
    NotAbsolute(String),
    /// The endpoint's host or port is malformed.
    #[error("invalid host or port in URL {0}")]
    InvalidHost(String),
}

/// The parts of an absolute URL, split without decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointParts {
    /// Lower-cased scheme (`http`, `https`).
    pub scheme: String,
    /// Authority as yarl renders it: user info kept, host lower-cased (IDNA for non-ASCII,
    /// IPv6 in brackets), port exactly as written.
    pub authority: String,
    /// Path as written (may be empty).
    pub path: String,
    /// Query without the `?` (`None` when absent).
    pub query: Option<String>,
    /// Fragment without the `#` (`None` when absent).
    pub fragment: Option<String>,
}

impl EndpointParts {
    /// Splits and normalises an absolute URL.
    ///
    /// Leading/trailing whitespace is ignored. A URL without `scheme://host` is rejected with
    /// [`UrlError::NotAbsolute`].
    ///
    /// ```
    /// use backendai_core::urls::EndpointParts;
    /// let p = EndpointParts::parse("HTTPS://API.Backend.AI:443/x").unwrap();
    /// assert_eq!(p.to_string(), "https://api.backend.ai:443/x");
    /// ```
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let s = input.trim();
        let not_absolute = || UrlError::NotAbsolute(s.to_owned());
        let bad_host = || UrlError::InvalidHost(s.to_owned());
        let (scheme, rest) = s.split_once("://").ok_or_else(not_absolute)?;
        let scheme_ok = scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        if !scheme_ok {
            return Err(not_absolute());
        }
        let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..auth_end];
        let mut tail = &rest[auth_end..];
        let fragment = match tail.find('#') {
            Some(i) => {
                let f = tail[i + 1..].to_owned();
                tail = &tail[..i];
                Some(f)
            }
            None => None,
        };
        let query = match tail.find('?') {
            Some(i) => {
                let q = tail[i + 1..].to_owned();
                tail = &tail[..i];
                Some(q)
            }
            None => None,
        };
        let path = tail.to_owned();

        let authority = normalize_authority(authority).map_err(|e| match e {
            AuthorityError::NoHost => not_absolute(),
            AuthorityError::Invalid => bad_host(),
        })?;
        Ok(Self {
            scheme: scheme.to_ascii_lowercase(),
            authority,
            path,
            query,
            fragment,
        })
    }
}

/// Why an authority was rejected by [`normalize_authority`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorityError {
    /// There is no host (`http://:80`, `http://`).
    NoHost,
    /// The host (bad IPv6 literal, bad IDN, whitespace) or the port is malformed.
    Invalid,
}

/// The workspace's one `[userinfo@]host[:port]` parser: normalises an authority the way yarl
/// renders it.
///
/// Both the request URL ([`EndpointParts`], [`build_url`]) and the signed host
/// ([`crate::auth::signing_host`]) come from here, so the `Host` header always equals the
/// host the signature covers. Rules: user info kept as written; ASCII host lower-cased (no
/// IPv4 rewriting: `0x7f.1` stays `0x7f.1`, as in yarl); non-ASCII host IDNA-encoded; IPv6
/// literal validated and lower-cased in brackets; port kept **exactly as written** (`:443`
/// stays) and must fit in 16 bits.
///
/// ```
/// use backendai_core::urls::normalize_authority;
/// assert_eq!(normalize_authority("u:p@API.Example.COM:0443").unwrap(), "u:p@api.example.com:0443");
/// assert_eq!(normalize_authority("[::1]:8080").unwrap(), "[::1]:8080");
/// assert!(normalize_authority("host:99999").is_err());
/// ```
pub fn normalize_authority(authority: &str) -> Result<String, AuthorityError> {
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let end = v6.find(']').ok_or(AuthorityError::Invalid)?;
        let addr = &v6[..end];
        if addr.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(AuthorityError::Invalid);
        }
        (format!("[{}]", addr.to_ascii_lowercase()), &v6[end + 1..])
    } else {
        let (h, port) = match hostport.rfind(':') {
            Some(c) => (&hostport[..c], &hostport[c..]),
            None => (hostport, ""),
        };
        if h.is_empty() {
            return Err(AuthorityError::NoHost);
        }
        let normalised = if h.is_ascii() {
            if h.bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
            {
                return Err(AuthorityError::Invalid);
            }
            h.to_ascii_lowercase()
        } else {
            url::Host::parse(h)
                .map_err(|_| AuthorityError::Invalid)?
                .to_string()
        };
        (normalised, port)
    };
    if !port_is_valid(port) {
        return Err(AuthorityError::Invalid);
    }
    Ok(match userinfo {
        Some(u) => format!("{u}@{host}{port}"),
        None => format!("{host}{port}"),
    })
}

/// `""` or `:<digits>` with a value that fits a port number.
fn port_is_valid(port: &str) -> bool {
    match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(digits) => {
            !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits.parse::<u16>().is_ok()
        }
    }
}

impl std::fmt::Display for EndpointParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.authority, self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        if let Some(fr) = &self.fragment {
            write!(f, "#{fr}")?;
        }
        Ok(())
    }
}

/// Normalises one endpoint URL the way the Python client's `yarl.URL(...)` prints it
/// (lower-cased scheme and host, port and path kept as written).
///
/// ```
/// use backendai_core::urls::normalize_endpoint;
/// assert_eq!(normalize_endpoint("https://host/api/").unwrap(), "https://host/api/");
/// assert!(normalize_endpoint("host:8080").is_err());
/// ```
pub fn normalize_endpoint(input: &str) -> Result<String, UrlError> {
    Ok(EndpointParts::parse(input)?.to_string())
}

/// Builds the request URL and the signed `rel_url` exactly like the Python client's
/// `Request._build_url()` / `URL.relative()`.
///
/// * The endpoint path (trailing `/` stripped) and the API path (leading `/` stripped) are
///   joined with one `/`; the endpoint's own query and fragment are dropped.
/// * In [`EndpointType::Session`] mode `func/` is put in front of every path that does not
///   start with `server`.
/// * `query` pairs are appended in order with [`encode_query`]; no `?` when empty.
///
/// ```
/// use backendai_core::config::EndpointType;
/// use backendai_core::urls::build_url;
///
/// let u = build_url("https://webui.example.com/prefix", EndpointType::Session,
///                   "/stream/session/s1/tcpproxy", &[("app".into(), "jupyter".into())]).unwrap();
/// assert_eq!(u.rel_url, "/prefix/func/stream/session/s1/tcpproxy?app=jupyter");
/// ```
pub fn build_url(
    endpoint: &str,
    endpoint_type: EndpointType,
    path: &str,
    query: &[(String, String)],
) -> Result<BuiltUrl, UrlError> {
    let parts = EndpointParts::parse(endpoint)?;
    let base = parts.path.trim_end_matches('/');
    let mut api_path = path.trim_start_matches('/').to_owned();
    if endpoint_type == EndpointType::Session && !api_path.starts_with("server") {
        api_path = format!("func/{api_path}");
    }
    let joined = format!("{base}/{api_path}");
    let encoded_path = normalize_path(&quote_path(&joined));
    let mut rel_url = encoded_path;
    if !query.is_empty() {
        rel_url.push('?');
        rel_url.push_str(&encode_query(query));
    }
    let full_url = format!("{}://{}{}", parts.scheme, parts.authority, rel_url);
    Ok(BuiltUrl { full_url, rel_url })
}

/// Encodes query pairs like yarl's `URL.with_query(dict)`: `k=v` joined with `&`, space as
/// `+`, and only `A-Z a-z 0-9 - . _ ~ ! $ ' ( ) * , ? / : @` left literal.
///
/// ```
/// use backendai_core::urls::encode_query;
/// let q = encode_query(&[("q".to_owned(), "a b&c=d+e/f?g#h%i".to_owned())]);
/// assert_eq!(q, "q=a+b%26c%3Dd%2Be/f?g%23h%25i");
/// ```
pub fn encode_query<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        quote_query_part(k.as_ref(), &mut out);
        out.push('=');
        quote_query_part(v.as_ref(), &mut out);
    }
    out
}

/// Characters yarl never escapes (`UNRESERVED` plus the sub-delimiters it allows everywhere).
fn is_allowed(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$'()*,".contains(&b)
}

fn push_pct(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 0xf)] as char);
}

fn quote_query_part(s: &str, out: &mut String) {
    for &b in s.as_bytes() {
        if b == b' ' {
            out.push('+');
        } else if is_allowed(b) || b"?/:@".contains(&b) {
            out.push(b as char);
        } else {
            push_pct(out, b);
        }
    }
}

/// yarl's path quoter (`safe="@:"`, `protected="/+"`, requote on).
fn quote_path(s: &str) -> String {
    let safe = |b: u8| is_allowed(b) || b"+&=;@:/".contains(&b);
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
            match hex {
                Some(h) => {
                    // Valid escape: decode it when the character is safe (except the
                    // protected `/` and `+`), otherwise keep it as written.
                    let v =
                        u8::from_str_radix(std::str::from_utf8(h).unwrap_or("00"), 16).unwrap_or(0);
                    if safe(v) && v != b'/' && v != b'+' {
                        out.push(v as char);
                    } else {
                        out.push('%');
                        out.push(h[0] as char);
                        out.push(h[1] as char);
                    }
                    i += 3;
                }
                None => {
                    out.push_str("%25");
                    i += 1;
                }
            }
            continue;
        }
        if safe(b) {
            out.push(b as char);
        } else {
            push_pct(&mut out, b);
        }
        i += 1;
    }
    out
}

/// Resolves `.` and `..` segments like yarl's `URL._normalize_path`.
fn normalize_path(path: &str) -> String {
    let (prefix, rest) = match path.strip_prefix('/') {
        Some(r) => ("/", r),
        None => ("", path),
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let mut resolved: Vec<&str> = Vec::with_capacity(segments.len());
    for seg in &segments {
        match *seg {
            ".." => {
                resolved.pop();
            }
            "." => {}
            s => resolved.push(s),
        }
    }
    if matches!(segments.last(), Some(&".") | Some(&"..")) {
        resolved.push("");
    }
    format!("{prefix}{}", resolved.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn path_quoting_follows_yarl() {
        assert_eq!(quote_path("/a b/c"), "/a%20b/c");
        assert_eq!(quote_path("/x#y?z"), "/x%23y%3Fz");
        assert_eq!(quote_path("/100%"), "/100%25");
        assert_eq!(quote_path("/%zz"), "/%25zz");
        assert_eq!(quote_path("/%41%2F%2b"), "/A%2F%2b");
        assert_eq!(quote_path("/a+b&c=d;e@f:g"), "/a+b&c=d;e@f:g");
        assert_eq!(quote_path("/{\"}"), "/%7B%22%7D");
    }

    #[test]
    fn dot_segments_are_resolved() {
        assert_eq!(normalize_path("/a/./b/../c"), "/a/c");
        assert_eq!(normalize_path("/a/.."), "/");
        assert_eq!(normalize_path("/../x"), "/x");
    }

    #[test]
    fn endpoint_query_and_fragment_are_dropped() {
        let u = build_url("http://h:8081/base?x=1#f", EndpointType::Api, "/p", &[]).unwrap();
        assert_eq!(u.full_url, "http://h:8081/base/p");
        assert_eq!(u.rel_url, "/base/p");
    }

    #[test]
    fn ipv6_and_userinfo_endpoints() {
        let u = build_url("http://u:pw@[::1]:8081", EndpointType::Api, "/", &[]).unwrap();
        assert_eq!(u.full_url, "http://u:pw@[::1]:8081/");
        let u = build_url("https://Bücher.example/", EndpointType::Api, "/x", &[]).unwrap();
        assert_eq!(u.full_url, "https://xn--bcher-kva.example/x");
    }

    #[test]
    fn bad_endpoints_are_rejected() {
        for bad in [
            "",
            "host:8080",
            "http://",
            "http://:80",
            "http://h:port",
            "http://[zz]",
        ] {
            assert!(
                build_url(bad, EndpointType::Api, "/", &[]).is_err(),
                "{bad}"
            );
        }
        assert_eq!(
            normalize_endpoint("host:8080").unwrap_err().to_string(),
            "URL host:8080 is not absolute."
        );
    }

    #[test]
    fn session_mode_keeps_server_paths() {
        let u = build_url("https://w", EndpointType::Session, "/server/logout", &[]).unwrap();
        assert_eq!(u.rel_url, "/server/logout");
        let u = build_url("https://w", EndpointType::Session, "", &[]).unwrap();
        assert_eq!(u.rel_url, "/func/");
        let u = build_url(
            "https://w",
            EndpointType::Session,
            "/events/session",
            &q(&[("a", "b c")]),
        )
        .unwrap();
        assert_eq!(u.full_url, "https://w/func/events/session?a=b+c");
    }

    #[test]
    fn query_encoding_of_non_ascii_and_empty_values() {
        assert_eq!(
            encode_query(&q(&[("path", "한글 파일.txt"), ("e", ""), ("", "v;")])),
            "path=%ED%95%9C%EA%B8%80+%ED%8C%8C%EC%9D%BC.txt&e=&=v%3B"
        );
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn decode_query_part(s: &str) -> String {
            let spaced = s.replace('+', " ");
            percent_encoding::percent_decode_str(&spaced)
                .decode_utf8()
                .expect("valid UTF-8")
                .into_owned()
        }

        proptest! {
            #[test]
            fn query_encoding_round_trips(k in "\\PC{0,12}", v in "\\PC{0,24}") {
                let enc = encode_query(&[(k.clone(), v.clone())]);
                let (ek, ev) = enc.split_once('=').expect("one =");
                prop_assert!(!ev.contains(['&', '=', '#', ' ']));
                prop_assert!(enc.is_ascii());
                prop_assert_eq!(decode_query_part(ek), k);
                prop_assert_eq!(decode_query_part(ev), v);
            }

            #[test]
            fn build_url_never_panics(
                endpoint in "(\\PC{0,40}|https?://[a-zA-Z0-9.]{1,12}(:[0-9]{1,6})?(/\\PC{0,16})?)",
                path in "\\PC{0,40}",
            ) {
                if let Ok(u) = build_url(&endpoint, EndpointType::Session, &path, &[]) {
                    prop_assert!(u.full_url.ends_with(&u.rel_url));
                    prop_assert!(u.rel_url.starts_with('/'));
                    prop_assert!(u.rel_url.is_ascii());
                }
            }
        }
    }
}
