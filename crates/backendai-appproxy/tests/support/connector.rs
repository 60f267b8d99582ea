//! A minimal signed WebSocket connector for relay tests that do not need the SDK transport.
#![allow(dead_code)]

use std::net::SocketAddr;

use backendai_appproxy::{Connect, ConnectError};
use backendai_core::auth::{sign, HashType, SignDate, SignInput};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::WebSocketStream;

use super::manager::{ACCESS_KEY, SECRET_KEY};

pub struct RawConnector {
    pub manager: SocketAddr,
    pub path_and_query: String,
    pub secret: String,
}

impl RawConnector {
    pub fn new(manager: SocketAddr, app: &str) -> Self {
        Self {
            manager,
            path_and_query: format!("/stream/session/s1/tcpproxy?app={app}"),
            secret: SECRET_KEY.into(),
        }
    }
}

impl Connect for RawConnector {
    type Stream = TcpStream;

    async fn connect(&self) -> Result<WebSocketStream<TcpStream>, ConnectError> {
        let err = |status: Option<u16>, message: String| ConnectError { status, message };
        let host = self.manager.to_string();
        let date = SignDate::from_timestamp_utc(jiff_now());
        let signed = sign(&SignInput {
            method: "GET",
            rel_url: &self.path_and_query,
            host: &host,
            date: &date,
            content_type: "application/octet-stream",
            api_version: "v7.20230615",
            access_key: ACCESS_KEY,
            secret_key: &self.secret,
            hash_type: HashType::Sha256,
            body: b"",
        });
        let mut request = format!("ws://{host}{}", self.path_and_query)
            .into_client_request()
            .map_err(|e| err(None, e.to_string()))?;
        let headers = request.headers_mut();
        headers.insert("date", signed.date.parse().unwrap());
        headers.insert("x-backendai-version", signed.api_version.parse().unwrap());
        headers.insert("authorization", signed.authorization.parse().unwrap());
        let tcp = TcpStream::connect(self.manager)
            .await
            .map_err(|e| err(None, e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        match tokio_tungstenite::client_async(request, tcp).await {
            Ok((ws, _)) => Ok(ws),
            Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => Err(err(
                Some(resp.status().as_u16()),
                format!("upgrade refused: HTTP {}", resp.status()),
            )),
            Err(e) => Err(err(None, e.to_string())),
        }
    }
}

fn jiff_now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}
