//! The storage-proxy ceiling: a plain HTTP/1.1 client (hyper, one keep-alive connection).
//!
//! The manager step (`request-upload` / `request-download`, which hands out the storage-proxy
//! URL and token) goes through our SDK; the data step is one tus `PATCH` of the whole file
//! from memory (the file is read before the clock starts) or one `GET` written to a local
//! file. No chunking, no progress, no retries: the fastest the storage proxy can be driven.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use backendai_sdk::Client;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

struct Conn {
    authority: String,
    sender: SendRequest<Full<Bytes>>,
}

async fn conn_for<'a>(cache: &'a mut Option<Conn>, uri: &Uri) -> Result<&'a mut Conn> {
    let authority = uri
        .authority()
        .context("storage-proxy URL has no host")?
        .to_string();
    let reusable = cache
        .as_ref()
        .is_some_and(|c| c.authority == authority && !c.sender.is_closed());
    if !reusable {
        let host = uri.host().context("storage-proxy URL has no host")?;
        let port = uri.port_u16().unwrap_or(80);
        if uri.scheme_str() == Some("https") {
            bail!("the ceiling client speaks plain HTTP only");
        }
        let stream = TcpStream::connect((host, port)).await?;
        stream.set_nodelay(true)?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(conn);
        *cache = Some(Conn { authority, sender });
    }
    let c = cache.as_mut().context("no connection")?;
    c.sender.ready().await?;
    Ok(c)
}

fn request(method: Method, uri: &Uri, body: Bytes) -> Result<Request<Full<Bytes>>> {
    let pq = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let mut b = Request::builder().method(method.clone()).uri(pq).header(
        hyper::header::HOST,
        uri.authority().map(|a| a.as_str()).unwrap_or(""),
    );
    if method == Method::PATCH {
        b = b
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", "0")
            .header("Content-Type", "application/offset+octet-stream")
            .header("Content-Length", body.len().to_string());
    }
    Ok(b.body(Full::new(body))?)
}

/// Uploads `(data, remote path)` pairs into `folder`; returns the bytes sent.
pub async fn upload(client: &Client, folder: &str, files: &[(Bytes, String)]) -> Result<u64> {
    let vf = client.vfolders();
    let mut cache = None;
    let mut total = 0u64;
    for (data, remote) in files {
        let target = vf
            .request_upload(folder, remote, data.len() as u64)
            .await
            .with_context(|| format!("request-upload {remote}"))?;
        let uri = target.request_url()?;
        let conn = conn_for(&mut cache, &uri).await?;
        let resp = conn
            .sender
            .send_request(request(Method::PATCH, &uri, data.clone())?)
            .await?;
        let status = resp.status();
        let _ = resp.into_body().collect().await?;
        if !status.is_success() {
            bail!("PATCH {remote}: HTTP {status}");
        }
        total += data.len() as u64;
    }
    Ok(total)
}

/// Downloads `(remote path, local file)` pairs from `folder`; returns the bytes received.
pub async fn download(client: &Client, folder: &str, files: &[(String, PathBuf)]) -> Result<u64> {
    let vf = client.vfolders();
    let mut cache = None;
    let mut total = 0u64;
    for (remote, local) in files {
        let target = vf
            .request_download(folder, remote)
            .await
            .with_context(|| format!("request-download {remote}"))?;
        let uri = target.request_url()?;
        let conn = conn_for(&mut cache, &uri).await?;
        let resp = conn
            .sender
            .send_request(request(Method::GET, &uri, Bytes::new())?)
            .await?;
        if !resp.status().is_success() {
            bail!("GET {remote}: HTTP {}", resp.status());
        }
        let mut out = std::io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(local).with_context(|| format!("create {}", local.display()))?,
        );
        let mut body = resp.into_body();
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame?.into_data() {
                total += data.len() as u64;
                out.write_all(&data)?;
            }
        }
        out.flush()?;
    }
    Ok(total)
}
