//! Compute sessions (`/session/...`, `/kernel/...` on v4): lifecycle, logs, files, execute, streams.
//!
//! Reach it with [`Client::sessions`]. Class-level calls (create, list, task logs) live on
//! [`Sessions`]; per-session calls on the [`Session`] handle from [`Sessions::session`]:
//!
//! ```no_run
//! # async fn demo(client: backendai_sdk::Client) -> backendai_sdk::Result<()> {
//! use backendai_sdk::groups::session::CreateParams;
//! let created = client
//!     .sessions()
//!     .get_or_create(CreateParams::new("python:3.9-ubuntu20.04").name("my-session").resource("cpu", "1"))
//!     .await?;
//! let s = client.sessions().session("my-session");
//! let info = s.info().await?;
//! s.destroy(Default::default()).await?;
//! # let _ = (created, info); Ok(()) }
//! ```
//!
//! Every request is built by a pure function in [`requests`] (testable without a network).

pub mod apps;
mod exec;
pub mod files;
pub mod history;
pub mod priority;
pub mod requests;
pub mod streams;
pub mod types;

use std::path::{Path, PathBuf};

use backendai_core::error::ErrorKind;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::response::Response;

pub use apps::{AppProxy, AppProxyOptions};
pub use types::*;

impl Client {
    /// The compute-session API group.
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions { client: self }
    }
}

/// The compute-session API group (class-level calls).
#[derive(Debug, Clone, Copy)]
pub struct Sessions<'a> {
    client: &'a Client,
}

/// A handle on one compute session (per-session calls).
#[derive(Debug, Clone)]
pub struct Session<'a> {
    client: &'a Client,
    session: SessionRef,
}

/// A generated session name like the Python SDK's (`pysdk-<random>`).
pub fn generate_name() -> String {
    format!("pysdk-{}", &uuid::Uuid::new_v4().simple().to_string()[..10])
}

fn check_name(name: &str) -> Result<()> {
    let n = name.chars().count();
    if !(4..=64).contains(&n) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            "Client session token should be 4 to 64 characters long.",
        ));
    }
    Ok(())
}

impl<'a> Sessions<'a> {
    /// A handle on the session `session` (a name, or a [`SessionRef`] with owner/id).
    pub fn session(&self, session: impl Into<SessionRef>) -> Session<'a> {
        Session {
            client: self.client,
            session: session.into(),
        }
    }

    /// Gets or creates a session; the name is generated when not given.
    pub async fn get_or_create(&self, mut params: CreateParams) -> Result<CreatedSession> {
        match &params.name {
            Some(n) => check_name(n)?,
            None => params.name = Some(generate_name()),
        }
        let v = self.client.api_version().await?;
        let req = requests::create(&params, self.client.config(), &v);
        let mut created: CreatedSession = self.client.json(req).await?;
        if created.session_name.is_none() {
            created.session_name = params.name;
        }
        Ok(created)
    }

    /// Creates a session from a session template; unset overrides keep the template's values.
    pub async fn create_from_template(&self, mut params: TemplateParams) -> Result<CreatedSession> {
        match &params.name {
            Some(n) => check_name(n)?,
            None => params.name = Some(generate_name()),
        }
        let v = self.client.api_version().await?;
        let req = requests::create_from_template(&params, self.client.config(), &v);
        let mut created: CreatedSession = self.client.json(req).await?;
        if created.session_name.is_none() {
            created.session_name = params.name;
        }
        Ok(created)
    }

    /// The server's version information (`GET /`).
    pub async fn hello(&self) -> Result<Value> {
        self.client.json(requests::hello()).await
    }

    /// Logs of a background task (`GET /session/_/logs?taskId=`), as raw bytes.
    pub async fn task_logs(&self, task_id: &str) -> Result<bytes::Bytes> {
        let v = self.client.api_version().await?;
        Ok(self
            .client
            .send(requests::get_task_logs(task_id, &v))
            .await?
            .body)
    }

    /// One page of sessions (`compute_session_list`), items as JSON objects.
    pub async fn list(&self, params: &ListParams) -> Result<Page<Value>> {
        let v = self.client.api_version().await?;
        let q = requests::list_query(params).page(u64::from(params.offset), params.limit, &v)?;
        let data = crate::graphql::run(self.client, &q).await?;
        crate::paginate::decode_page(data, &q.root)
    }

    /// Every session matching `params` from `params.offset` on (pages of `params.limit`).
    pub async fn list_all(&self, params: &ListParams) -> Result<Vec<Value>> {
        use futures_util::TryStreamExt;
        crate::paginate::stream_from(
            self.client.clone(),
            requests::list_query(params),
            u64::from(params.offset),
            params.limit,
        )
        .try_collect()
        .await
    }

    /// Every session matching `params` from `params.offset` on, in the largest pages the
    /// server is known to answer (`params.limit` is ignored; see
    /// [`crate::paginate::accepts_bulk_pages`]): fewer round trips for a caller that reads the
    /// whole list and did not choose a page size.
    pub async fn list_all_bulk(&self, params: &ListParams) -> Result<Vec<Value>> {
        use futures_util::TryStreamExt;
        crate::paginate::stream_bulk_from(
            self.client.clone(),
            requests::list_query(params),
            u64::from(params.offset),
        )
        .try_collect()
        .await
    }

    /// Every session matching `params` as an async stream (pages of `params.limit` fetched
    /// lazily; `params.offset` is ignored).
    pub fn list_stream(
        &self,
        params: &ListParams,
    ) -> impl futures_util::Stream<Item = Result<Value>> + Send + 'static {
        crate::paginate::stream(
            self.client.clone(),
            requests::list_query(params),
            params.limit,
        )
    }
}

impl<'a> Session<'a> {
    /// The session this handle addresses.
    pub fn reference(&self) -> &SessionRef {
        &self.session
    }

    /// The client.
    pub fn client(&self) -> &'a Client {
        self.client
    }

    async fn version(&self) -> Result<backendai_core::ApiVersion> {
        self.client.api_version().await
    }

    /// Destroys the session; returns the final stats (`{"stats": …}`) when the server sends them.
    pub async fn destroy(&self, opts: DestroyOptions) -> Result<Option<DestroyResponse>> {
        let v = self.version().await?;
        let resp = self
            .client
            .send(requests::destroy(&self.session, opts, &v))
            .await?;
        if resp.status == http::StatusCode::OK && !resp.body.is_empty() {
            Ok(Some(resp.json()?))
        } else {
            Ok(None)
        }
    }

    /// Restarts the session's containers.
    pub async fn restart(&self) -> Result<()> {
        let v = self.version().await?;
        self.client
            .send(requests::restart(&self.session, &v))
            .await?;
        Ok(())
    }

    /// Interrupts the running execution.
    pub async fn interrupt(&self) -> Result<()> {
        let v = self.version().await?;
        self.client
            .send(requests::interrupt(&self.session, &v))
            .await?;
        Ok(())
    }

    /// Commits the session to a new image and pushes it (`imagify`, servers from 24.03 on).
    pub async fn export_to_image(&self, image_name: &str) -> Result<Value> {
        let v = self.version().await?;
        self.client
            .json(requests::export_to_image(&self.session, image_name, &v))
            .await
    }

    /// Renames the session. The handle keeps addressing the new name afterwards.
    pub async fn rename(&mut self, new_name: &str) -> Result<()> {
        check_name(new_name)?;
        let v = self.version().await?;
        self.client
            .send(requests::rename(&self.session, new_name, &v))
            .await?;
        self.session.name = new_name.to_owned();
        Ok(())
    }

    /// Code-completion candidates.
    pub async fn complete(&self, code: &str, opts: &CompleteOptions) -> Result<Value> {
        let v = self.version().await?;
        self.client
            .json(requests::complete(&self.session, code, opts, &v))
            .await
    }

    /// Session information.
    pub async fn info(&self) -> Result<SessionInfo> {
        let v = self.version().await?;
        self.client
            .json(requests::get_info(&self.session, &v))
            .await
    }

    /// Container logs (`{"result": {"logs": …}}`).
    pub async fn logs(&self) -> Result<SessionLogs> {
        let v = self.version().await?;
        self.client
            .json(requests::get_logs(&self.session, &v))
            .await
    }

    /// One non-streaming execution step (`POST /session/<name>`), returning `result`.
    pub async fn execute_step(
        &self,
        run_id: Option<&str>,
        code: &str,
        mode: &ExecMode,
    ) -> Result<ExecResult> {
        let v = self.version().await?;
        let body: Value = self
            .client
            .json(requests::execute(&self.session, run_id, code, mode, &v))
            .await?;
        decode_exec_result(body)
    }

    /// Starts a non-streaming execution run loop; see [`ExecRun`].
    pub fn execute(&self, code: impl Into<String>, mode: ExecMode) -> ExecRun<'a> {
        ExecRun {
            session: self.clone(),
            run_id: None,
            next: Some((mode, code.into())),
        }
    }

    /// Uploads local files (paths relative to `basedir`, default the current directory).
    pub async fn upload(&self, files: &[PathBuf], basedir: Option<&Path>) -> Result<()> {
        let base = match basedir {
            Some(b) => b.to_path_buf(),
            None => std::env::current_dir().map_err(|e| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    format!("current directory: {e}"),
                )
            })?,
        };
        let parts = files::read_upload_files(files, &base).await?;
        self.upload_parts(parts).await
    }

    /// Uploads in-memory files (`filename` = path inside the session's work directory).
    pub async fn upload_parts(&self, parts: Vec<crate::request::MultipartFile>) -> Result<()> {
        let v = self.version().await?;
        self.client
            .send(requests::upload(&self.session, parts, &v))
            .await?;
        Ok(())
    }

    /// Downloads files from the session into `dest` (the manager sends one tar per part).
    pub async fn download(&self, files: &[String], dest: &Path) -> Result<Downloaded> {
        let v = self.version().await?;
        let resp = self
            .client
            .send(requests::download(&self.session, files, &v))
            .await?;
        extract_download(&resp, dest).await
    }

    /// Lists files under `path` inside the session.
    pub async fn list_files(&self, path: &str) -> Result<FileListing> {
        let v = self.version().await?;
        let body: Value = self
            .client
            .json(requests::list_files(&self.session, path, &v))
            .await?;
        decode_file_listing(body)
    }

    /// The session's service apps.
    pub async fn apps(&self) -> Result<Vec<AppInfo>> {
        let v = self.version().await?;
        self.client
            .json(requests::app_info(&self.session, &v))
            .await
    }

    /// Lifecycle events of this session (SSE, reconnecting; ends after `server_close`).
    pub async fn events(
        &self,
        scope: EventScope,
    ) -> Result<impl futures_util::Stream<Item = Result<SessionEvent>> + Send + 'static> {
        use futures_util::StreamExt as _;
        let v = self.version().await?;
        Ok(self
            .client
            .sse(requests::events(&self.session, scope, &v))
            .map(|r| r.map(SessionEvent::from_sse)))
    }

    /// Opens a streaming execution (WebSocket) and sends the code; see [`streams::ExecStream`].
    pub async fn stream_execute(
        &self,
        code: &str,
        mode: &ExecMode,
    ) -> Result<streams::ExecStream<crate::ws::WsTransport>> {
        let v = self.version().await?;
        let ws = self
            .client
            .websocket(requests::stream_execute(&self.session, &v))
            .await?;
        streams::ExecStream::start(ws, code, mode).await
    }

    /// Opens the session's terminal (WebSocket); see [`streams::Pty`].
    pub async fn stream_pty(&self) -> Result<streams::Pty<crate::ws::WsTransport>> {
        let v = self.version().await?;
        let ws = self
            .client
            .websocket(requests::pty(&self.session, &v))
            .await?;
        Ok(streams::Pty::new(ws))
    }

    /// Starts an app service and returns the app-proxy access token.
    pub async fn start_service(
        &self,
        app: &str,
        opts: &StartServiceOptions,
    ) -> Result<ServiceAccess> {
        let v = self.version().await?;
        self.client
            .json(requests::start_service(&self.session, app, opts, &v))
            .await
    }
}

/// Decodes `{"result": {...}}` of a non-streaming execute.
pub fn decode_exec_result(body: Value) -> Result<ExecResult> {
    let result = match body {
        Value::Object(mut m) => m
            .remove("result")
            .ok_or_else(|| Error::new(ErrorKind::Decode, "execute answer without \"result\""))?,
        _ => {
            return Err(Error::new(
                ErrorKind::Decode,
                "execute answer is not an object",
            ))
        }
    };
    serde_json::from_value(result)
        .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid execution result: {e}")))
}

/// Decodes a `list_files` answer whose `files` is a JSON string (or already a list).
pub fn decode_file_listing(mut body: Value) -> Result<FileListing> {
    if let Some(files) = body.get_mut("files") {
        if let Value::String(s) = files {
            *files = serde_json::from_str(s).map_err(|e| {
                Error::new(
                    ErrorKind::Decode,
                    format!("invalid file list in the answer: {e}"),
                )
            })?;
        }
    }
    serde_json::from_value(body)
        .map_err(|e| Error::new(ErrorKind::Decode, format!("invalid file listing: {e}")))
}

/// Saves the multipart-of-tar download answer into `dest`.
pub async fn extract_download(resp: &Response, dest: &Path) -> Result<Downloaded> {
    let ct = resp
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let boundary = files::multipart_boundary(ct)?;
    let parts = files::parse_multipart(&resp.body, &boundary)?;
    for p in &parts {
        files::check_tar_part(p)?;
    }
    let dest = dest.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut names = Vec::new();
        for p in parts {
            names.extend(files::extract_tar(&p.body, &dest)?);
        }
        Ok(Downloaded { file_names: names })
    })
    .await
    .map_err(|e| Error::new(ErrorKind::Unknown, format!("extraction task failed: {e}")))?
}

/// A non-streaming execution run: each [`next`](ExecRun::next) sends one step and returns
/// its result until the run is `finished`.
///
/// `continued`, `build-finished` and `clean-finished` continue automatically on the next
/// call; `waiting-input` makes the next call send the line given to
/// [`provide_input`](ExecRun::provide_input) (empty when none was given).
#[derive(Debug)]
pub struct ExecRun<'a> {
    session: Session<'a>,
    run_id: Option<String>,
    next: Option<(ExecMode, String)>,
}

impl ExecRun<'_> {
    /// The run id assigned by the server (after the first step).
    pub fn run_id(&self) -> Option<&str> {
        self.run_id.as_deref()
    }

    /// Sets the user input sent by the next step (after a `waiting-input` result).
    pub fn provide_input(&mut self, line: impl Into<String>) {
        if let Some((ExecMode::Input, code)) = &mut self.next {
            *code = line.into();
        }
    }

    /// Sends the next step; `Ok(None)` once the run has finished.
    pub async fn next(&mut self) -> Result<Option<ExecResult>> {
        let Some((mode, code)) = self.next.take() else {
            return Ok(None);
        };
        let result = self
            .session
            .execute_step(self.run_id.as_deref(), &code, &mode)
            .await?;
        if let Some(id) = &result.run_id {
            self.run_id = Some(id.clone());
        }
        self.next = match &result.status {
            ExecStatus::Finished => None,
            ExecStatus::WaitingInput => Some((ExecMode::Input, String::new())),
            ExecStatus::Continued | ExecStatus::BuildFinished | ExecStatus::CleanFinished => {
                Some((ExecMode::Continue, String::new()))
            }
            ExecStatus::Unknown(s) => {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!("unknown execution status {s:?}"),
                ))
            }
        };
        Ok(Some(result))
    }

    /// Runs to the end, calling `on_result` for every result and `input` when the run waits
    /// for a line of input. Returns the final result (the loop is shared with
    /// [`streams::ExecStream::run_to_end`]).
    pub async fn run_to_end(
        self,
        on_result: impl FnMut(&ExecResult),
        input: impl FnMut(&ExecResult) -> String,
    ) -> Result<ExecResult> {
        exec::run_to_end(self, on_result, input).await
    }
}

impl exec::ExecSteps for ExecRun<'_> {
    async fn step(&mut self) -> Result<Option<ExecResult>> {
        self.next().await
    }

    async fn reply(&mut self, line: String) -> Result<()> {
        self.provide_input(line);
        Ok(())
    }

    async fn end(self) -> Result<()> {
        Ok(())
    }

    fn no_result() -> Error {
        Error::new(ErrorKind::Unknown, "the execution produced no result")
    }
}
