//! The `Host` header `transport::prepare` sends is the host the signature covers and the
//! authority of the URL it connects to, for every endpoint spelling.

use backendai_core::auth::{signing_host, SignDate};
use backendai_core::config::ApiConfig;
use backendai_core::ApiVersion;
use backendai_sdk::transport::prepare;
use backendai_sdk::ApiRequest;

#[test]
fn host_header_is_the_signed_host_and_the_url_authority() {
    let config = ApiConfig {
        access_key: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        ..ApiConfig::default()
    };
    let date = SignDate::parse_isoformat("2023-06-15T12:00:00+00:00").unwrap();
    let version: ApiVersion = "v7.20230615".parse().unwrap();
    for (endpoint, host) in [
        ("HTTPS://API.Example.COM:0443/base/", "api.example.com:0443"),
        ("http://user:pw@Host:8081", "user:pw@host:8081"),
        ("http://[::FFFF:7F00:1]:8081/", "[::ffff:7f00:1]:8081"),
        ("https://데이터.kr", "xn--2n1bp39av7g.kr"),
        ("http://0x7F.1:8081", "0x7f.1:8081"),
    ] {
        let prepared = prepare(
            &config,
            endpoint,
            &ApiRequest::get("/folders"),
            &version,
            &date,
        )
        .unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        assert_eq!(prepared.header("Host"), Some(host), "{endpoint}");
        assert_eq!(signing_host(endpoint).unwrap(), host, "{endpoint}");
        let authority = prepared.url.split_once("://").unwrap().1;
        assert!(
            authority.starts_with(&format!("{host}/")),
            "{endpoint}: {}",
            prepared.url
        );
        assert!(prepared.header("Authorization").is_some(), "{endpoint}");
    }
}
