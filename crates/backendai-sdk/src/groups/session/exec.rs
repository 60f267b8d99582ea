//! The one "run an execution to its end" loop, shared by the non-streaming run
//! ([`ExecRun`](super::ExecRun)) and the streaming one
//! ([`ExecStream`](super::streams::ExecStream)): each only says how to take a step, answer
//! a `waiting-input` result and end.

use std::future::Future;

use super::types::{ExecResult, ExecStatus};
use crate::error::{Error, Result};

/// One execution, step by step.
pub(crate) trait ExecSteps: Sized {
    /// The next result; `None` once the execution has finished.
    fn step(&mut self) -> impl Future<Output = Result<Option<ExecResult>>>;
    /// Answers a `waiting-input` result with a line of input.
    fn reply(&mut self, line: String) -> impl Future<Output = Result<()>>;
    /// Ends the execution (closes its connection, if any).
    fn end(self) -> impl Future<Output = Result<()>>;
    /// The error when the execution ended without any result.
    fn no_result() -> Error;
}

/// Runs `exec` to its end: `on_result` for each result, `input` when the run waits for a
/// line of input. Returns the last result.
pub(crate) async fn run_to_end<E: ExecSteps>(
    mut exec: E,
    mut on_result: impl FnMut(&ExecResult),
    mut input: impl FnMut(&ExecResult) -> String,
) -> Result<ExecResult> {
    let mut last = None;
    while let Some(r) = exec.step().await? {
        on_result(&r);
        if r.status == ExecStatus::WaitingInput {
            exec.reply(input(&r)).await?;
        }
        last = Some(r);
    }
    exec.end().await?;
    last.ok_or_else(E::no_result)
}
