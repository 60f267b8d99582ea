//! The session app-proxy WebSocket request (`backend.ai app`), per spec/protocol.md §8.

use backendai_core::ApiVersion;
use http::Method;

use crate::request::ApiRequest;

/// Which session app to reach and how.
#[derive(Debug, Clone, Default)]
pub struct AppProxyTarget {
    /// Session name (v5+) or id (v4).
    pub session: String,
    /// App (service) name: `jupyter`, `ttyd`, `sshd`, ...
    pub app: String,
    /// v4 only: `http` (default) or `tcp` selects `httpproxy`/`tcpproxy`.
    pub protocol: Option<String>,
    /// `--arg` values, already JSON-encoded like Python's `json.dumps` (`{"-v": null}`).
    pub arguments_json: Option<String>,
    /// `-e` values, already JSON-encoded (`{"A": "1"}`).
    pub envs_json: Option<String>,
}

/// The signed WebSocket upgrade request that tunnels one TCP connection to the app.
///
/// v5+ always uses `/stream/session/<name>/tcpproxy` (the manager treats `httpproxy` the
/// same); v4 servers use `/stream/kernel/<id>/{http|tcp}proxy`.
pub fn tcpproxy_request(target: &AppProxyTarget, version: &ApiVersion) -> ApiRequest {
    let session = percent_encoding::utf8_percent_encode(&target.session, SEGMENT).to_string();
    let path = if version.major <= 4 {
        let kind = match target.protocol.as_deref() {
            Some("tcp") => "tcpproxy",
            _ => "httpproxy",
        };
        format!("/stream/kernel/{session}/{kind}")
    } else {
        format!("/stream/session/{session}/tcpproxy")
    };
    let mut request = ApiRequest::new(Method::GET, path).query("app", target.app.clone());
    if let Some(arguments) = &target.arguments_json {
        request = request.query("arguments", arguments.clone());
    }
    if let Some(envs) = &target.envs_json {
        request = request.query("envs", envs.clone());
    }
    request.no_content_type()
}

/// Characters escaped in a path segment (everything but unreserved and sub-delims).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_uses_the_session_tcpproxy_path_with_json_args() {
        let target = AppProxyTarget {
            session: "mysession".into(),
            app: "jupyter".into(),
            arguments_json: Some(r#"{"-v": null}"#.into()),
            envs_json: Some(r#"{"A": "1"}"#.into()),
            ..Default::default()
        };
        let req = tcpproxy_request(&target, &ApiVersion::new(7, "20230615"));
        assert_eq!(req.path, "/stream/session/mysession/tcpproxy");
        assert_eq!(
            req.query,
            vec![
                ("app".to_owned(), "jupyter".to_owned()),
                ("arguments".to_owned(), r#"{"-v": null}"#.to_owned()),
                ("envs".to_owned(), r#"{"A": "1"}"#.to_owned()),
            ]
        );
    }

    #[test]
    fn v4_uses_the_kernel_path_and_protocol() {
        let target = AppProxyTarget {
            session: "abc".into(),
            app: "sshd".into(),
            protocol: Some("tcp".into()),
            ..Default::default()
        };
        let req = tcpproxy_request(&target, &ApiVersion::new(4, "20190615"));
        assert_eq!(req.path, "/stream/kernel/abc/tcpproxy");
    }
}
