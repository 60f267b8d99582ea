//! `bai proxy`: a local, non-encrypted, non-authenticating HTTP proxy that signs every request
//! it receives with the configured keypair and forwards it to the manager (19.09 `proxy`).
//!
//! Plain HTTP requests only (no WebSocket upgrades). The method, path, query, body and
//! `Content-Type` are forwarded; the answer's status, `Content-Type` and body come back. An
//! error answer of the manager comes back with its status and problem+json body as the SDK
//! parsed it; a transport failure is a `502` with a problem+json body.

use std::convert::Infallible;
use std::net::SocketAddr;

use backendai_sdk::{ApiRequest, Client};
use bytes::Bytes;
use clap::Args;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;

use crate::context::Context;

/// Arguments of `proxy`.
#[derive(Debug, Args)]
pub struct ProxyArgs {
    /// The IP/host address to bind this proxy.
    #[arg(long, default_value = "localhost")]
    pub bind: String,
    /// The TCP port to accept non-encrypted non-authorized API requests.
    #[arg(short = 'p', long, default_value_t = 8084)]
    pub port: u16,
}

/// Runs `proxy` until Ctrl-C / SIGTERM.
pub fn run(ctx: &Context, a: &ProxyArgs) -> anyhow::Result<()> {
    let client = ctx.client()?.clone();
    let out = ctx.out.clone();
    ctx.block_on(async move {
        let listener = tokio::net::TcpListener::bind((a.bind.as_str(), a.port))
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", a.bind, a.port))?;
        let addr = listener.local_addr()?;
        out.info(&format!(
            "Serving the signed API proxy at http://{addr}/ (Ctrl-C quits)"
        ))?;
        let shutdown = shutdown_signal();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, peer)) => serve_connection(client.clone(), stream, peer),
                    Err(e) => tracing::warn!("accept failed: {e}"),
                },
                _ = &mut shutdown => break,
            }
        }
        out.info("The API proxy has terminated.")?;
        Ok::<_, anyhow::Error>(())
    })?
}

fn serve_connection(client: Client, stream: tokio::net::TcpStream, peer: SocketAddr) {
    tokio::spawn(async move {
        let svc = hyper::service::service_fn(move |req| forward(client.clone(), req));
        if let Err(e) = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(stream), svc)
            .await
        {
            tracing::debug!("proxy connection from {peer}: {e}");
        }
    });
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Decodes one `application/x-www-form-urlencoded` component (`+` is a space).
fn decode_component(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}

/// The query pairs of a raw query string, in order.
fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

/// The signed request for an incoming one.
fn to_api_request(
    method: hyper::Method,
    path: &str,
    query: Option<&str>,
    content_type: Option<&str>,
    body: Bytes,
) -> ApiRequest {
    let mut req = ApiRequest::new(method, path);
    req.query = parse_query(query.unwrap_or(""));
    if !body.is_empty() || content_type.is_some() {
        req = req.bytes(body, content_type.unwrap_or("application/octet-stream"));
    }
    req
}

fn problem_response(status: StatusCode, body: &serde_json::Value) -> Response<Full<Bytes>> {
    let mut resp = Response::new(Full::new(Bytes::from(body.to_string())));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    resp
}

async fn forward(
    client: Client,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return Ok(problem_response(
                StatusCode::BAD_REQUEST,
                &serde_json::json!({"title": format!("cannot read the request body: {e}")}),
            ))
        }
    };
    let api = to_api_request(
        parts.method,
        parts.uri.path(),
        parts.uri.query(),
        content_type.as_deref(),
        body,
    );
    match client.send(api).await {
        Ok(r) => {
            let mut resp = Response::new(Full::new(r.body));
            *resp.status_mut() = r.status;
            if let Some(ct) = r.headers.get(CONTENT_TYPE) {
                resp.headers_mut().insert(CONTENT_TYPE, ct.clone());
            }
            Ok(resp)
        }
        Err(e) => {
            let status = e
                .status()
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::BAD_GATEWAY);
            let body = match e.problem() {
                Some(p) => serde_json::to_value(p)
                    .unwrap_or_else(|_| serde_json::json!({"title": e.message()})),
                None => serde_json::json!({"title": e.message()}),
            };
            Ok(problem_response(status, &body))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_decoded_in_order() {
        assert_eq!(
            parse_query("b=1&a=x%20y&c=p+q&flag"),
            vec![
                ("b".to_owned(), "1".to_owned()),
                ("a".to_owned(), "x y".to_owned()),
                ("c".to_owned(), "p q".to_owned()),
                ("flag".to_owned(), String::new()),
            ]
        );
        assert!(parse_query("").is_empty());
    }

    #[test]
    fn bodies_keep_their_content_type() {
        let r = to_api_request(
            hyper::Method::POST,
            "/x",
            Some("k=v"),
            Some("application/json"),
            Bytes::from_static(b"{}"),
        );
        assert_eq!(r.body.content_type(), "application/json");
        assert_eq!(r.query, vec![("k".to_owned(), "v".to_owned())]);
        let r = to_api_request(hyper::Method::GET, "/x", None, None, Bytes::new());
        assert_eq!(r.body.content_type(), "text/plain");
    }
}
