//! [`JobHandle`]: a submitted job; progress polling as a [`Stream`] and the final result.

use std::pin::Pin;
use std::time::Duration;

use futures_util::stream::{self, Stream, StreamExt};
use serde_json::Value;
use tokio::time::Instant;

use backendai_core::error::{ErrorKind, ProblemDetails};

use super::client::AimeClient;
use super::errors::{reply_error, server_error, Op, Reply};
use super::types::{error_text, JobProgress, JobResult, JobState};
use crate::error::{Error, Result};

/// One item of a job's update stream.
#[derive(Debug, Clone, PartialEq)]
pub enum JobUpdate {
    /// The job is queued or running.
    Progress(JobProgress),
    /// The job finished successfully; this is the last item.
    Finished(JobResult),
}

/// A boxed stream of job updates (ends after `Finished` or the first error).
pub type JobUpdates = Pin<Box<dyn Stream<Item = Result<JobUpdate>> + Send>>;

/// A job submitted with [`AimeClient::request`].
///
/// The AIME protocol (server 0.9.6) has no cancel route: dropping the handle or the update
/// stream only stops polling; the job still runs on the server.
#[derive(Debug, Clone)]
pub struct JobHandle {
    client: AimeClient,
    endpoint: String,
    job_id: String,
    ep_version: Option<i64>,
    submitted: Instant,
}

impl JobHandle {
    pub(crate) fn new(
        client: AimeClient,
        endpoint: String,
        job_id: String,
        ep_version: Option<i64>,
    ) -> Self {
        Self {
            client,
            endpoint,
            job_id,
            ep_version,
            submitted: Instant::now(),
        }
    }

    /// The job id (`<uuid>#<counter>`).
    pub fn job_id(&self) -> &str {
        &self.job_id
    }

    /// The endpoint the job runs on.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The endpoint's config version from the submit answer.
    pub fn ep_version(&self) -> Option<i64> {
        self.ep_version
    }

    /// Polls once (no retry). `Ok(None)` never happens for a terminal state: a finished job
    /// gives `Finished`, a failed one an error.
    pub async fn poll(&self) -> Result<JobUpdate> {
        let reply = self
            .client
            .poll_progress(&self.endpoint, &self.job_id)
            .await?;
        interpret(&self.job_id, &reply)
    }

    /// Polls every [`poll_interval`](super::AimeConfig::poll_interval) and yields each
    /// progress update, then the result. The stream ends after `Finished` or the first error
    /// (job failed, lapsed, unknown/expired, result already collected, client timeout).
    /// Transient errors (connection, 5xx) are retried
    /// [`poll_retries`](super::AimeConfig::poll_retries) times.
    ///
    /// The server hands out a result exactly once: consume the stream to its end.
    pub fn updates(&self) -> JobUpdates {
        let state = PollState {
            handle: self.clone(),
            first: true,
            finished: false,
        };
        Box::pin(stream::unfold(state, |mut st| async move {
            if st.finished {
                return None;
            }
            let item = st.next_item().await;
            if !matches!(item, Ok(JobUpdate::Progress(_))) {
                st.finished = true;
            }
            Some((item, st))
        }))
    }

    /// Waits for the result, ignoring progress updates.
    pub async fn wait(&self) -> Result<JobResult> {
        self.wait_with(|_| {}).await
    }

    /// Waits for the result, calling `on_progress` for every update.
    pub async fn wait_with(&self, mut on_progress: impl FnMut(&JobProgress)) -> Result<JobResult> {
        let mut updates = self.updates();
        while let Some(item) = updates.next().await {
            match item? {
                JobUpdate::Progress(p) => on_progress(&p),
                JobUpdate::Finished(r) => return Ok(r),
            }
        }
        Err(Error::new(
            ErrorKind::Unknown,
            "the job's update stream ended without a result",
        ))
    }
}

struct PollState {
    handle: JobHandle,
    first: bool,
    finished: bool,
}

impl PollState {
    async fn next_item(&mut self) -> Result<JobUpdate> {
        let config = self.handle.client.config().clone();
        let deadline = config.job_timeout.map(|t| self.handle.submitted + t);
        if !self.first {
            let mut pause = config.poll_interval;
            if let Some(d) = deadline {
                pause = pause.min(d.saturating_duration_since(Instant::now()));
            }
            tokio::time::sleep(pause).await;
        }
        self.first = false;
        let mut attempt = 0u32;
        loop {
            if let Some(d) = deadline {
                if Instant::now() >= d {
                    return Err(client_timeout(
                        &self.handle,
                        config.job_timeout.unwrap_or_default(),
                    ));
                }
            }
            let outcome = match self
                .handle
                .client
                .poll_progress(&self.handle.endpoint, &self.handle.job_id)
                .await
            {
                Ok(reply) if is_transient_status(reply.status) => Err(server_error(
                    &reply,
                    Some(&self.handle.endpoint),
                    Op::Progress,
                )),
                Ok(reply) => return interpret(&self.handle.job_id, &reply),
                Err(e) => Err(e),
            };
            let err = match outcome {
                Err(e) if is_transient(&e) && attempt < config.poll_retries => e,
                Err(e) => return Err(e),
                Ok(never) => return Ok(never),
            };
            attempt += 1;
            tracing::debug!(job_id = %self.handle.job_id, attempt, error = %err, "AIME poll failed; retrying");
            tokio::time::sleep(config.retry_pause).await;
        }
    }
}

fn client_timeout(handle: &JobHandle, t: Duration) -> Error {
    Error::new(
        ErrorKind::Timeout,
        format!(
            "AIME job {} on `{}` did not finish within {} s",
            handle.job_id,
            handle.endpoint,
            t.as_secs_f64()
        ),
    )
}

fn is_transient_status(status: u16) -> bool {
    matches!(status, 500 | 502 | 503 | 504)
}

fn is_transient(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::ServerError | ErrorKind::Unavailable
    )
}

/// Interprets one progress reply per spec §5.5.
fn interpret(job_id: &str, reply: &Reply) -> Result<JobUpdate> {
    let Some(json) = reply.json.as_ref().filter(|j| j.is_object()) else {
        return Err(server_error(reply, None, Op::Progress));
    };
    let state = json
        .get("job_state")
        .and_then(Value::as_str)
        .map(JobState::parse);
    let success = json.get("success").and_then(Value::as_bool);

    if state == Some(JobState::Lapsed) {
        let text = reply_error(reply);
        let mut msg = format!("AIME job {job_id} lapsed (timed out on the server)");
        if !text.is_empty() && !text.starts_with("HTTP ") {
            msg = format!("{msg}: {text}");
        }
        return Err(Error::new(ErrorKind::Timeout, msg)
            .with_status(reply.status)
            .with_problem(problem(Some(text), json)));
    }
    if state == Some(JobState::Canceled) {
        return Err(Error::new(
            ErrorKind::Aborted,
            format!("AIME job {job_id} was canceled"),
        )
        .with_status(reply.status)
        .with_problem(problem(None, json)));
    }
    if reply.status == 402 {
        let text = reply_error(reply);
        return Err(Error::new(
            ErrorKind::NotFound,
            format!("AIME job {job_id} is unknown or expired: {text} (HTTP 402)"),
        )
        .with_status(402)
        .with_problem(problem(Some(text), json)));
    }
    if reply.status != 200 || success != Some(true) {
        return Err(server_error(reply, None, Op::Progress));
    }
    match state {
        Some(JobState::Done) => match json.get("job_result") {
            Some(Value::Object(result)) => {
                check_result(JobResult::from_object(result.clone())).map(JobUpdate::Finished)
            }
            _ => Err(Error::new(
                ErrorKind::Conflict,
                format!("AIME job {job_id} is done but its result was already collected"),
            )
            .with_status(reply.status)
            .with_problem(problem(None, json))),
        },
        Some(s) => Ok(JobUpdate::Progress(JobProgress::from_reply(
            job_id, s, json,
        ))),
        None => Err(Error::new(
            ErrorKind::Decode,
            "the AIME progress answer has no job_state",
        )
        .with_status(reply.status)),
    }
}

/// A result whose `error` output is non-empty is a failed job (§5.3).
pub(crate) fn check_result(result: JobResult) -> Result<JobResult> {
    match &result.error {
        Some(err) => {
            let raw = Value::Object(result.raw.clone());
            Err(Error::new(
                ErrorKind::ServerError,
                format!("AIME job {} failed: {err}", result.job_id),
            )
            .with_problem(problem(Some(err.clone()), &raw)))
        }
        None => Ok(result),
    }
}

fn problem(msg: Option<String>, data: &Value) -> ProblemDetails {
    ProblemDetails {
        msg: msg.or_else(|| data.get("error").map(error_text)),
        data: Some(data.clone()),
        ..ProblemDetails::default()
    }
}
