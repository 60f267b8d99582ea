//! Request URL construction like the Python client's `Request._build_url` with yarl
//! (spec/protocol.md §1): endpoint base path + API path, `/func` prefix in session mode,
//! yarl path and query quoting.

use std::fmt::Write;

/// Splits an endpoint URL into `scheme://authority` and its path (query/fragment dropped).
pub(crate) fn split_endpoint(endpoint: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = endpoint.split_once("://")?;
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..auth_end];
    let after = &rest[auth_end..];
    let path = &after[..after.find(['?', '#']).unwrap_or(after.len())];
    Some((scheme, authority, path))
}

/// The final path (already encoded) for `api_path` under `endpoint_path`.
pub(crate) fn build_path(endpoint_path: &str, api_path: &str, session_mode: bool) -> String {
    let base = endpoint_path.trim_end_matches('/');
    let mut rel = api_path.trim_start_matches('/').to_owned();
    if session_mode && !rel.starts_with("server") {
        rel = format!("func/{rel}");
    }
    quote_path(&format!("{base}/{rel}"))
}

/// `yarl` query string (`with_query(dict)`): pairs in order, `k=v` joined by `&`.
pub(crate) fn build_query(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        quote_query_part(&mut out, k);
        out.push('=');
        quote_query_part(&mut out, v);
    }
    out
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

fn quote_path(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            // yarl re-quotes: a valid escape stays (upper-cased).
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 3;
            continue;
        }
        if is_unreserved(b) || b"!$&'()*+,;=:@/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        i += 1;
    }
    out
}

fn quote_query_part(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b == b' ' {
            out.push('+');
        } else if is_unreserved(b) || b"!$'()*,?/:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_queries_like_yarl() {
        assert_eq!(
            build_path("/backend/api/", "/folders", false),
            "/backend/api/folders"
        );
        assert_eq!(build_path("", "/", false), "/");
        assert_eq!(build_path("", "/", true), "/func/");
        assert_eq!(
            build_path("/prefix", "/server/login", true),
            "/prefix/server/login"
        );
        assert_eq!(
            build_path("", "/folders/데이터/files", false),
            "/folders/%EB%8D%B0%EC%9D%B4%ED%84%B0/files"
        );
        let q = build_query(&[("q".into(), "a b&c=d+e/f?g#h%i".into())]);
        assert_eq!(q, "q=a+b%26c%3Dd%2Be/f?g%23h%25i");
        assert_eq!(
            split_endpoint("https://gw:8/x/api?z#f"),
            Some(("https", "gw:8", "/x/api"))
        );
    }
}
