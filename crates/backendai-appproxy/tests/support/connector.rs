//! A minimal signed WebSocket connector for relay tests that do not need the SDK transport
//! (a hand-written upgrade request on a plain TCP connection).
#![allow(dead_code)]

use std::net::SocketAddr;

use backendai_appproxy::{Connect, ConnectError, WsConn};
use backendai_core::auth::{sign, HashType, SignDate, SignInput};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

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

    async fn connect(&self) -> Result<WsConn<TcpStream>, ConnectError> {
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
        let key = "dGhlIHNhbXBsZSBub25jZQ==";
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\n\
             Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n\
             Date: {date}\r\nX-BackendAI-Version: {version}\r\nAuthorization: {auth}\r\n\r\n",
            path = self.path_and_query,
            date = signed.date,
            version = signed.api_version,
            auth = signed.authorization,
        );
        let mut tcp = TcpStream::connect(self.manager)
            .await
            .map_err(|e| err(None, e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        tcp.write_all(request.as_bytes())
            .await
            .map_err(|e| err(None, e.to_string()))?;
        // Read up to the end of the answer's head; whatever follows is the frame stream.
        let mut head = Vec::new();
        let end = loop {
            let mut chunk = [0u8; 1024];
            let n = tcp
                .read(&mut chunk)
                .await
                .map_err(|e| err(None, e.to_string()))?;
            if n == 0 {
                return Err(err(None, "connection closed during the handshake".into()));
            }
            head.extend_from_slice(&chunk[..n]);
            if let Some(i) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let text = String::from_utf8_lossy(&head[..end]).into_owned();
        let status: u16 = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if status != 101 {
            return Err(err(Some(status), format!("upgrade refused: HTTP {status}")));
        }
        let accept = derive_accept_key(key.as_bytes()).to_ascii_lowercase();
        if !text.to_ascii_lowercase().contains(&accept) {
            return Err(err(None, "wrong Sec-WebSocket-Accept".into()));
        }
        Ok(WsConn::with_read_ahead(tcp, &head[end..]))
    }
}

fn jiff_now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}
