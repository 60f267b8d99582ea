//! A session's service apps and the app-proxy request for one of them: the version rule
//! (19.09 servers cannot list apps) and the lookup live here so every caller shares them.

use std::net::{IpAddr, SocketAddr};

use backendai_core::error::ErrorKind;

use super::{AppInfo, Session};
use crate::app_proxy::{tcpproxy_request, AppProxyTarget};
use crate::error::{Error, Result};
use crate::request::ApiRequest;

/// Options of an app-proxy connection beyond the session and the app.
#[derive(Debug, Clone, Default)]
pub struct AppProxyOptions {
    /// 19.09 servers only: `http` (default there) or `tcp`.
    pub protocol: Option<String>,
    /// Service arguments, already JSON-encoded like Python's `json.dumps`.
    pub arguments_json: Option<String>,
    /// Service environment variables, already JSON-encoded.
    pub envs_json: Option<String>,
}

/// Everything needed to relay connections to one app of a session.
#[derive(Debug, Clone)]
pub struct AppProxy {
    /// The app as the server lists it (`None` on servers that cannot list apps).
    pub info: Option<AppInfo>,
    /// The signed WebSocket upgrade request to send per relayed connection.
    pub request: ApiRequest,
    /// The protocol the app speaks (`http`, `tcp`, ...), from the listing or the options.
    pub protocol: Option<String>,
}

impl AppProxy {
    /// The address users open for a relay listening on `local`: the app's `url_template`
    /// (`http://{host}:{port}/lab`), or `{protocol}://{host}:{port}`, with `{protocol}` as
    /// `tcp` like the Python CLI and IPv6 hosts in brackets.
    pub fn url_for(&self, local: SocketAddr) -> String {
        url_from_template(
            self.info.as_ref().and_then(|a| a.url_template.as_deref()),
            local,
        )
    }
}

/// Fills an app's URL template for `addr` (see [`AppProxy::url_for`]).
pub fn url_from_template(template: Option<&str>, addr: SocketAddr) -> String {
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    template
        .unwrap_or("{protocol}://{host}:{port}")
        .replace("{protocol}", "tcp")
        .replace("{host}", &host)
        .replace("{port}", &addr.port().to_string())
}

/// Whether a server of API major version `major` can list a session's apps (API v5+,
/// i.e. 20.03 on; 19.09 servers have no app listing).
pub fn lists_apps(major: u32) -> bool {
    major >= 5
}

impl Session<'_> {
    /// The session's apps, or `None` when the server cannot list them (19.09).
    pub async fn listed_apps(&self) -> Result<Option<Vec<AppInfo>>> {
        let v = self.client().api_version().await?;
        if !lists_apps(v.major) {
            return Ok(None);
        }
        self.apps().await.map(Some)
    }

    /// The app `app` of this session: its listing (when the server lists apps) and the
    /// app-proxy request. A listed session without that app is a `NotFound` error.
    pub async fn app_proxy(&self, app: &str, options: &AppProxyOptions) -> Result<AppProxy> {
        let version = self.client().api_version().await?;
        let info = match self.listed_apps().await? {
            Some(apps) => Some(apps.into_iter().find(|a| a.name == app).ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("The app \"{app}\" is not supported by the session."),
                )
            })?),
            None => None,
        };
        let target = AppProxyTarget {
            session: self.reference().name.clone(),
            app: app.to_owned(),
            protocol: options.protocol.clone(),
            arguments_json: options.arguments_json.clone(),
            envs_json: options.envs_json.clone(),
        };
        let protocol = info
            .as_ref()
            .and_then(|a| a.protocol.clone())
            .or_else(|| options.protocol.clone());
        Ok(AppProxy {
            request: tcpproxy_request(&target, &version),
            info,
            protocol,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_fill_the_template_with_protocol_tcp() {
        let v4: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let v6: SocketAddr = "[::1]:9000".parse().unwrap();
        assert_eq!(url_from_template(None, v4), "tcp://127.0.0.1:8080");
        assert_eq!(
            url_from_template(Some("http://{host}:{port}/lab"), v4),
            "http://127.0.0.1:8080/lab"
        );
        assert_eq!(url_from_template(None, v6), "tcp://[::1]:9000");
    }

    #[test]
    fn only_v5_and_later_list_apps() {
        assert!(!lists_apps(4));
        assert!(lists_apps(5));
        assert!(lists_apps(7));
    }
}
