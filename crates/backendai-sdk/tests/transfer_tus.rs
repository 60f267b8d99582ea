//! Storage-proxy transfers against an in-process tus/GET server (hyper): chunking, headers,
//! resume after a dropped connection, cancel + resume, ranged download resume, restart when
//! the file changed, progress reports, error mapping.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backendai_core::error::ErrorKind;
use backendai_core::Secret;
use backendai_sdk::transfer::{
    progress_channel, Progress, ProgressKind, TransferClient, TransferOptions, TransferTarget,
};
use bytes::Bytes;

use http::{Request, Response};
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};

mod common;

const TOKEN: &str = "tok.en-123";
const LAST_MODIFIED: &str = "Wed, 21 Oct 2015 07:28:00 GMT";

type BoxBody = http_body_util::combinators::BoxBody<Bytes, std::io::Error>;

#[derive(Default)]
struct Server {
    /// Bytes received by the tus endpoint (appended blindly, like the storage-proxy).
    uploaded: Vec<u8>,
    /// Announced upload size.
    upload_size: u64,
    /// Drop the connection once this many bytes were received in total (once).
    drop_upload_at: Option<u64>,
    /// Content served by the download endpoint.
    content: Vec<u8>,
    /// Drop the download connection after this many body bytes (once).
    drop_download_at: Option<usize>,
    /// Ignore Range (answer 200 with `changed`) on the next ranged request.
    change_on_resume: Option<Vec<u8>>,
    /// Stop sending the download body (without closing) after this many bytes (once).
    stall_download_at: Option<usize>,
    /// Read the next PATCH body, then never answer it (once).
    stall_next_patch: bool,
    /// Status to answer every PATCH with (error injection).
    patch_status: Option<u16>,
    /// (method, path+query, selected headers) of every request.
    log: Vec<(String, String, BTreeMap<String, String>)>,
}

type Shared = Arc<Mutex<Server>>;

fn headers_of(req: &Request<Incoming>) -> BTreeMap<String, String> {
    req.headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect()
}

fn full(b: impl Into<Bytes>) -> BoxBody {
    Full::new(b.into()).map_err(|never| match never {}).boxed()
}

async fn handle(
    state: Shared,
    req: Request<Incoming>,
) -> Result<Response<BoxBody>, std::io::Error> {
    let method = req.method().as_str().to_owned();
    let pq = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let headers = headers_of(&req);
    state
        .lock()
        .unwrap()
        .log
        .push((method.clone(), pq.clone(), headers.clone()));
    if req.uri().query() != Some(&format!("token={TOKEN}")) {
        return Ok(Response::builder()
            .status(401)
            .body(full("bad token"))
            .unwrap());
    }
    match (method.as_str(), req.uri().path()) {
        ("HEAD", "/upload") => {
            let s = state.lock().unwrap();
            Ok(Response::builder()
                .status(200)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", s.uploaded.len().to_string())
                .header("Upload-Length", s.upload_size.to_string())
                .body(full(""))
                .unwrap())
        }
        ("PATCH", "/upload") => {
            if let Some(code) = state.lock().unwrap().patch_status {
                return Ok(Response::builder()
                    .status(code)
                    .header("Content-Type", "application/problem+json")
                    .body(full(r#"{"title": "No such upload session", "type": "https://api.backend.ai/probs/storage/no-such-upload-session"}"#))
                    .unwrap());
            }
            let mut body = req.into_body();
            while let Some(frame) = body.frame().await {
                let frame = match frame {
                    Ok(f) => f,
                    // The client went away: keep what arrived, like the storage-proxy.
                    Err(e) => return Err(std::io::Error::other(e)),
                };
                if let Ok(data) = frame.into_data() {
                    let mut s = state.lock().unwrap();
                    s.uploaded.extend_from_slice(&data);
                    if let Some(at) = s.drop_upload_at {
                        if s.uploaded.len() as u64 >= at {
                            s.drop_upload_at = None;
                            // Drop the connection half way through the body.
                            return Err(std::io::Error::other("server drops the connection"));
                        }
                    }
                }
            }
            let stall = std::mem::take(&mut state.lock().unwrap().stall_next_patch);
            if stall {
                std::future::pending::<()>().await;
            }
            let s = state.lock().unwrap();
            Ok(Response::builder()
                .status(204)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", s.uploaded.len().to_string())
                .body(full(""))
                .unwrap())
        }
        ("GET", "/download") => {
            let mut s = state.lock().unwrap();
            let range = headers.get("range").cloned();
            let changed = if range.is_some() {
                s.change_on_resume.take()
            } else {
                None
            };
            if let Some(changed) = changed {
                s.content = changed;
                let body = s.content.clone();
                return Ok(Response::builder()
                    .status(200)
                    .header("Content-Length", body.len().to_string())
                    .header("Last-Modified", "Thu, 22 Oct 2015 07:28:00 GMT")
                    .body(full(body))
                    .unwrap());
            }
            let (status, start) = match &range {
                Some(r) if headers.get("if-range").map(String::as_str) == Some(LAST_MODIFIED) => {
                    let start: usize = r
                        .strip_prefix("bytes=")
                        .and_then(|x| x.strip_suffix('-'))
                        .and_then(|x| x.parse().ok())
                        .expect("open-ended byte range");
                    (206, start)
                }
                _ => (200, 0),
            };
            let total = s.content.len();
            let data = Bytes::from(s.content[start..].to_vec());
            let drop_at = s.drop_download_at.take();
            let stall_at = s.stall_download_at.take();
            let mut builder = Response::builder()
                .status(status)
                .header("Content-Length", data.len().to_string())
                .header("Accept-Ranges", "bytes")
                .header("Last-Modified", LAST_MODIFIED);
            if status == 206 {
                builder = builder.header(
                    "Content-Range",
                    format!("bytes {start}-{}/{total}", total - 1),
                );
            }
            // Send in 64 KiB frames; optionally fail after `drop_at` bytes.
            let mut frames: Vec<Result<Frame<Bytes>, std::io::Error>> = Vec::new();
            let mut sent = 0usize;
            for piece in data.chunks(64 * 1024) {
                if drop_at.is_some_and(|d| sent >= d) {
                    frames.push(Err(std::io::Error::other("server drops the download")));
                    break;
                }
                frames.push(Ok(Frame::data(Bytes::copy_from_slice(piece))));
                sent += piece.len();
            }
            let sent_before_stall = frames
                .len()
                .min(stall_at.map_or(usize::MAX, |n| n / (64 * 1024)));
            let stalls = stall_at.is_some();
            frames.truncate(sent_before_stall);
            let body = futures_util::StreamExt::chain(
                futures_util::stream::iter(frames),
                futures_util::stream::unfold(stalls, |stalls| async move {
                    if stalls {
                        std::future::pending::<()>().await;
                    }
                    None
                }),
            );
            let body = StreamBody::new(body).boxed();
            Ok(builder.body(body).unwrap())
        }
        _ => Ok(Response::builder()
            .status(404)
            .body(full("no route"))
            .unwrap()),
    }
}

async fn start(state: Shared) -> SocketAddr {
    common::serve(move |req| handle(state.clone(), req)).await
}

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| ((i * 31 + i / 251) as u8) ^ seed)
        .collect()
}

fn client() -> TransferClient {
    TransferClient::new(
        false,
        Some(Duration::from_secs(5)),
        BTreeMap::new(),
        "test-agent",
    )
}

/// Partial-download files left in `dir` (`*.bai-partial*`).
fn partial_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bai-partial"))
        .collect()
}

fn target(addr: SocketAddr, path: &str, name: &str, size: Option<u64>) -> TransferTarget {
    client()
        .target(
            &format!("http://{addr}{path}"),
            Secret::new(TOKEN),
            name,
            size,
        )
        .unwrap()
}

fn opts_with_log() -> (TransferOptions, Arc<Mutex<Vec<Progress>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let l = log.clone();
    let opts = TransferOptions {
        retry_delay: Duration::from_millis(5),
        progress: Some(Arc::new(move |p: &Progress| {
            l.lock().unwrap().push(p.clone())
        })),
        ..TransferOptions::default()
    };
    (opts, log)
}

#[tokio::test]
async fn upload_is_chunked_with_tus_headers_and_no_backendai_auth() {
    let state: Shared = Arc::default();
    let data = pattern(1024 * 1024 + 123, 7);
    state.lock().unwrap().upload_size = data.len() as u64;
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.bin");
    std::fs::write(&file, &data).unwrap();

    let (mut opts, progress) = opts_with_log();
    opts.chunk_size = 256 * 1024;
    opts.read_buffer = 64 * 1024;
    let t = target(addr, "/upload", "dir/a.bin", Some(data.len() as u64));
    let n = client().upload(&t, &file, 0, &opts, 3).await.unwrap();
    assert_eq!(n, data.len() as u64);

    let s = state.lock().unwrap();
    assert_eq!(s.uploaded, data, "server holds identical bytes");
    let patches: Vec<_> = s.log.iter().filter(|(m, _, _)| m == "PATCH").collect();
    assert_eq!(patches.len(), 5, "4 full chunks of 256 KiB + 1 short one");
    for (i, (_, pq, h)) in patches.iter().enumerate() {
        assert_eq!(pq, &format!("/upload?token={TOKEN}"));
        assert_eq!(h["tus-resumable"], "1.0.0");
        assert_eq!(h["content-type"], "application/offset+octet-stream");
        assert_eq!(h["upload-offset"], (i * 256 * 1024).to_string());
        let expect_len = if i < 4 { 256 * 1024 } else { 123 };
        assert_eq!(h["content-length"], expect_len.to_string());
        assert!(!h.contains_key("authorization"));
        assert!(!h.contains_key("x-backendai-version"));
    }
    assert!(
        !s.log.iter().any(|(m, _, _)| m == "HEAD"),
        "no HEAD without a failure"
    );

    let p = progress.lock().unwrap();
    assert_eq!(p.first().unwrap().kind, ProgressKind::Started);
    let last = p.last().unwrap();
    assert_eq!(
        (last.kind, last.done, last.total),
        (ProgressKind::Finished, n, Some(n))
    );
    assert!(p.iter().all(|e| e.index == 3 && e.path == "dir/a.bin"));
    let advanced: Vec<u64> = p
        .iter()
        .filter(|e| e.kind == ProgressKind::Advanced)
        .map(|e| e.done)
        .collect();
    assert!(
        advanced.windows(2).all(|w| w[0] < w[1]),
        "monotone progress"
    );
    assert!(
        advanced.len() >= 17,
        "reported per 64 KiB read, got {}",
        advanced.len()
    );
}

#[tokio::test]
async fn upload_resumes_via_head_after_the_server_drops_the_connection() {
    let state: Shared = Arc::default();
    let data = pattern(3 * 1024 * 1024 + 5, 1);
    {
        let mut s = state.lock().unwrap();
        s.upload_size = data.len() as u64;
        s.drop_upload_at = Some(data.len() as u64 / 2);
    }
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.bin");
    std::fs::write(&file, &data).unwrap();

    let (opts, progress) = opts_with_log(); // one 16 MiB chunk: the whole file in one PATCH
    let t = target(addr, "/upload", "big.bin", Some(data.len() as u64));
    let n = client().upload(&t, &file, 0, &opts, 0).await.unwrap();
    assert_eq!(n, data.len() as u64);

    let s = state.lock().unwrap();
    assert!(s.uploaded == data, "final bytes identical after resume");
    let methods: Vec<&str> = s.log.iter().map(|(m, _, _)| m.as_str()).collect();
    // PATCH (dropped), HEAD until the offset settles (two agreeing answers), PATCH the rest.
    assert_eq!(methods, ["PATCH", "HEAD", "HEAD", "PATCH"]);
    let resumed_at: u64 = s.log[3].2["upload-offset"].parse().unwrap();
    assert!(resumed_at >= data.len() as u64 / 2 && resumed_at < data.len() as u64);
    let p = progress.lock().unwrap();
    let resumed: Vec<&Progress> = p
        .iter()
        .filter(|e| e.kind == ProgressKind::Resumed)
        .collect();
    assert_eq!(resumed.len(), 1);
    assert_eq!(resumed[0].done, resumed_at);
}

#[tokio::test]
async fn cancelled_upload_can_be_resumed_later() {
    let state: Shared = Arc::default();
    let data = pattern(2 * 1024 * 1024, 9);
    state.lock().unwrap().upload_size = data.len() as u64;
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.bin");
    std::fs::write(&file, &data).unwrap();
    let t = target(addr, "/upload", "c.bin", Some(data.len() as u64));

    // Abort from the progress callback once half the file went out: the connection is
    // dropped mid-body.
    let mut opts = TransferOptions {
        read_buffer: 64 * 1024,
        ..TransferOptions::default()
    };
    let cancel = opts.cancel.clone();
    let half = data.len() as u64 / 2;
    opts.progress = Some(Arc::new(move |p: &Progress| {
        if p.done >= half {
            cancel.cancel();
        }
    }));
    let err = client().upload(&t, &file, 0, &opts, 0).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Aborted, "{err}");
    tokio::time::sleep(Duration::from_millis(50)).await;
    let partial = state.lock().unwrap().uploaded.len();
    assert!(
        partial < data.len(),
        "interrupted before the end ({partial})"
    );

    let (fresh, _) = opts_with_log();
    let n = client().resume_upload(&t, &file, &fresh, 0).await.unwrap();
    assert_eq!(n, data.len() as u64);
    let s = state.lock().unwrap();
    assert!(s.uploaded == data, "identical bytes after resume");
    assert!(s.log.iter().any(|(m, _, _)| m == "HEAD"));
}

#[tokio::test]
async fn empty_file_sends_one_empty_patch() {
    let state: Shared = Arc::default();
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty");
    std::fs::write(&file, b"").unwrap();
    let t = target(addr, "/upload", "empty", Some(0));
    assert_eq!(
        client()
            .upload(&t, &file, 0, &TransferOptions::default(), 0)
            .await
            .unwrap(),
        0
    );
    let s = state.lock().unwrap();
    assert_eq!(s.log.len(), 1);
    assert_eq!(s.log[0].2["content-length"], "0");
}

#[tokio::test]
async fn upload_errors_are_classified_and_not_retried() {
    let state: Shared = Arc::default();
    state.lock().unwrap().patch_status = Some(404);
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x");
    std::fs::write(&file, b"hello").unwrap();
    let t = target(addr, "/upload", "x", Some(5));
    let err = client()
        .upload(&t, &file, 0, &TransferOptions::default(), 0)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.status(), Some(404));
    assert!(err.to_string().contains("No such upload session"), "{err}");
    assert!(
        !err.to_string().contains(TOKEN),
        "token must not leak into messages"
    );
    assert_eq!(state.lock().unwrap().log.len(), 1);

    // Announced size differs from the file: refused before any request.
    let t = target(addr, "/upload", "x", Some(6));
    let err = client()
        .upload(&t, &file, 0, &TransferOptions::default(), 0)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn download_resumes_with_range_and_if_range() {
    let state: Shared = Arc::default();
    let data = pattern(3 * 1024 * 1024 + 77, 3);
    {
        let mut s = state.lock().unwrap();
        s.content = data.clone();
        s.drop_download_at = Some(1024 * 1024);
    }
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("sub/out.bin");
    let (opts, progress) = opts_with_log();
    let t = target(addr, "/download", "out.bin", None);
    let n = client().download(&t, &dest, &opts, 0).await.unwrap();
    assert_eq!(n, data.len() as u64);
    assert!(std::fs::read(&dest).unwrap() == data, "identical bytes");

    {
        let s = state.lock().unwrap();
        assert_eq!(s.log.len(), 2);
        assert!(!s.log[0].2.contains_key("range"));
        assert!(!s.log[0].2.contains_key("authorization"));
        let range = &s.log[1].2["range"];
        let from: u64 = range
            .strip_prefix("bytes=")
            .unwrap()
            .strip_suffix('-')
            .unwrap()
            .parse()
            .unwrap();
        assert!(from > 0 && from < data.len() as u64, "{range}");
        assert_eq!(s.log[1].2["if-range"], LAST_MODIFIED);
        let p = progress.lock().unwrap();
        assert_eq!(
            p.iter().filter(|e| e.kind == ProgressKind::Resumed).count(),
            1
        );
        assert_eq!(p.last().unwrap().kind, ProgressKind::Finished);
    }

    // An existing file is not replaced without `overwrite`.
    let err = client()
        .download(&t, &dest, &TransferOptions::default(), 0)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
}

/// Regression: a download that gave up left a truncated file under the final name, and running
/// the same command again refused with "already exists" instead of resuming.
#[tokio::test]
async fn download_resumes_on_the_next_run_after_giving_up() {
    let state: Shared = Arc::default();
    let data = pattern(2 * 1024 * 1024 + 5, 6);
    {
        let mut s = state.lock().unwrap();
        s.content = data.clone();
        s.drop_download_at = Some(1024 * 1024);
    }
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.bin");
    let t = target(addr, "/download", "out.bin", None);
    let no_retries = TransferOptions {
        max_retries: 0,
        ..TransferOptions::default()
    };
    let err = client()
        .download(&t, &dest, &no_retries, 0)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("run the same download again to resume"),
        "{err}"
    );
    assert!(
        !dest.exists(),
        "an unfinished download never takes the final name"
    );
    let kept = std::fs::metadata(dir.path().join("out.bin.bai-partial"))
        .unwrap()
        .len();
    assert!(kept > 0 && kept < data.len() as u64, "{kept}");

    let (opts, _) = opts_with_log();
    let n = client().download(&t, &dest, &opts, 0).await.unwrap();
    assert_eq!(n, data.len() as u64);
    assert!(std::fs::read(&dest).unwrap() == data, "identical bytes");
    assert!(partial_files(dir.path()).is_empty());
    let s = state.lock().unwrap();
    let last = &s.log.last().unwrap().2;
    assert_eq!(last["range"], format!("bytes={kept}-"));
    assert_eq!(last["if-range"], LAST_MODIFIED);
}

/// Regression: a storage proxy that stopped answering mid-body (SIGSTOP) hung the download
/// for ever; now the stall is cut after the stall timeout and the download resumes.
#[tokio::test]
async fn stalled_download_is_cut_and_resumed() {
    let state: Shared = Arc::default();
    let data = pattern(1024 * 1024 + 3, 7);
    {
        let mut s = state.lock().unwrap();
        s.content = data.clone();
        s.stall_download_at = Some(256 * 1024);
    }
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.bin");
    let t = target(addr, "/download", "out.bin", None);
    let (opts, _) = opts_with_log();
    let quick = client().with_stall_timeout(Duration::from_millis(300));
    let n = tokio::time::timeout(Duration::from_secs(20), quick.download(&t, &dest, &opts, 0))
        .await
        .expect("the stall must not hang the download")
        .unwrap();
    assert_eq!(n, data.len() as u64);
    assert!(std::fs::read(&dest).unwrap() == data, "identical bytes");
    let s = state.lock().unwrap();
    assert_eq!(s.log.len(), 2, "one stalled GET, one resumed GET");
    assert_eq!(s.log[1].2["range"], format!("bytes={}-", 256 * 1024));
}

/// A stalled answer to an upload `PATCH` is cut too; the upload goes on from the offset the
/// server reports, and with no retries left it ends with one timeout error.
#[tokio::test]
async fn stalled_upload_answer_is_cut() {
    let state: Shared = Arc::default();
    let data = pattern(300 * 1024, 8);
    {
        let mut s = state.lock().unwrap();
        s.upload_size = data.len() as u64;
        s.stall_next_patch = true;
    }
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in.bin");
    std::fs::write(&src, &data).unwrap();
    let t = target(addr, "/upload", "in.bin", Some(data.len() as u64));
    let quick = client().with_stall_timeout(Duration::from_millis(300));
    let (opts, _) = opts_with_log();
    tokio::time::timeout(Duration::from_secs(20), quick.upload(&t, &src, 0, &opts, 0))
        .await
        .expect("the stall must not hang the upload")
        .unwrap();
    assert!(state.lock().unwrap().uploaded == data, "identical bytes");

    state.lock().unwrap().stall_next_patch = true;
    state.lock().unwrap().uploaded.clear();
    let once = TransferOptions {
        max_retries: 0,
        ..TransferOptions::default()
    };
    let err = quick.upload(&t, &src, 0, &once, 0).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.to_string().contains("stalled"), "{err}");
}

#[tokio::test]
async fn download_restarts_when_the_file_changed() {
    let state: Shared = Arc::default();
    let first = pattern(2 * 1024 * 1024, 4);
    let changed = pattern(1024 * 1024 + 9, 5);
    {
        let mut s = state.lock().unwrap();
        s.content = first;
        s.drop_download_at = Some(512 * 1024);
        s.change_on_resume = Some(changed.clone());
    }
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.bin");
    let (opts, plog) = opts_with_log();
    let t = target(addr, "/download", "out.bin", None);
    let n = client().download(&t, &dest, &opts, 0).await.unwrap();
    let resumed: Vec<u64> = plog
        .lock()
        .unwrap()
        .iter()
        .filter(|p| p.kind == ProgressKind::Resumed)
        .map(|p| p.done)
        .collect();
    assert_eq!(resumed.len(), 2, "interrupted, then restarted from 0");
    assert_eq!(resumed[1], 0);
    assert_eq!(n, changed.len() as u64);
    assert!(
        std::fs::read(&dest).unwrap() == changed,
        "local copy restarted from zero"
    );
}

#[tokio::test]
async fn parallel_transfers_share_one_client_and_report_per_file() {
    // Three downloads at once through one client, progress through a channel.
    let state: Shared = Arc::default();
    let data = pattern(1024 * 1024, 8);
    state.lock().unwrap().content = data.clone();
    let addr = start(state.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let (progress, mut rx) = progress_channel();
    let opts = TransferOptions {
        progress: Some(progress),
        ..TransferOptions::default()
    };
    let c = client();
    let jobs = (0..3).map(|i| {
        let dest = dir.path().join(format!("f{i}"));
        let t = target(addr, "/download", &format!("f{i}"), None);
        let c = c.clone();
        let opts = opts.clone();
        async move { c.download(&t, &dest, &opts, i).await }
    });
    let results = futures_util::future::join_all(jobs).await;
    for r in results {
        assert_eq!(r.unwrap(), data.len() as u64);
    }
    drop(opts);
    let mut finished = [false; 3];
    while let Ok(p) = rx.try_recv() {
        if p.kind == ProgressKind::Finished {
            finished[p.index] = true;
        }
    }
    assert_eq!(finished, [true; 3]);
    for i in 0..3 {
        assert!(std::fs::read(dir.path().join(format!("f{i}"))).unwrap() == data);
    }
}
