//! Live: the execute loop against a **real** kernel (the stack's Docker agent, scaling group
//! `$BAI_TEST_SCALING_GROUP`, image `$BAI_TEST_IMAGE`): query, batch (build + exec of uploaded
//! files), `continued` runs, user input, and the streaming execute over WebSocket.
//!
//! Skipped (and says so) when `BACKEND_ENDPOINT` or `BAI_TEST_IMAGE` is not set. Every test
//! creates its own session (1 CPU, 512 MiB; the Docker agent has 2 CPUs) with a unique name
//! and destroys it even when an assertion fails.

use std::future::Future;
use std::time::{Duration, Instant};

use backendai_core::error::ErrorKind;
use backendai_sdk::groups::session::{
    BatchOptions, CreateParams, DestroyOptions, ExecMode, ExecResult, ExecResultExt, ExecStatus,
    Session,
};
use backendai_sdk::{Client, MultipartFile};
use common::unique;

mod common;

/// What a real-container test needs: a client, the kernel image and the scaling group.
struct Real {
    client: Client,
    image: String,
    sgroup: String,
}

/// `None` (after printing why) when the live stack or the kernel image is not configured.
fn real() -> Option<Real> {
    let cfg = common::live_with(Duration::from_secs(5), Duration::from_secs(60))?;
    let image = match std::env::var("BAI_TEST_IMAGE") {
        Ok(i) if !i.is_empty() => i,
        _ => {
            println!("live: skipped (BAI_TEST_IMAGE not set)");
            return None;
        }
    };
    let sgroup = std::env::var("BAI_TEST_SCALING_GROUP")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "docker".to_owned());
    Some(Real {
        client: Client::new(cfg).expect("client"),
        image,
        sgroup,
    })
}

/// Polls the session until it is RUNNING (or `timeout`); returns the last status seen.
async fn wait_running(s: &Session<'_>, timeout: Duration) -> String {
    let start = Instant::now();
    loop {
        let status = match s.info().await {
            Ok(i) => i.status.map(|st| st.to_string()).unwrap_or_default(),
            Err(e) => format!("error: {e}"),
        };
        if status == "RUNNING" || start.elapsed() > timeout {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Destroys `name` (forced), ignoring "not found".
async fn cleanup(client: &Client, name: &str) {
    let opts = DestroyOptions {
        forced: true,
        recursive: false,
    };
    match client.sessions().session(name).destroy(opts).await {
        Ok(_) => println!("live: destroyed session {name}"),
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => println!("live: cleanup of {name} failed: {e}"),
    }
}

/// Creates a real-container session, runs `body(client, name)` in its own task and destroys
/// the session afterwards, re-raising the body's panic.
async fn with_session<F, Fut>(r: Real, prefix: &str, body: F)
where
    F: FnOnce(Client, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let name = unique(prefix);
    let t0 = Instant::now();
    let created = r
        .client
        .sessions()
        .get_or_create(
            CreateParams::new(&r.image)
                .name(&name)
                .scaling_group(&r.sgroup)
                .resource("cpu", "1")
                .resource("mem", "512m")
                .max_wait(90),
        )
        .await;
    let outcome = match created {
        Ok(c) => {
            println!("live: created {name} ({}) in {:?}", c.status, t0.elapsed());
            let s = r.client.sessions().session(name.as_str());
            let status = wait_running(&s, Duration::from_secs(90)).await;
            if status == "RUNNING" {
                tokio::spawn(body(r.client.clone(), name.clone())).await
            } else {
                let msg = format!("session {name} is {status}, not RUNNING");
                tokio::spawn(async move { panic!("{msg}") }).await
            }
        }
        Err(e) => {
            let msg = format!("creating {name}: {e}");
            tokio::spawn(async move { panic!("{msg}") }).await
        }
    };
    cleanup(&r.client, &name).await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// The stdout of every result, concatenated.
fn stdout_of(results: &[ExecResult]) -> String {
    results.iter().map(|r| r.console_text("stdout")).collect()
}

/// The stderr of every result, concatenated.
fn stderr_of(results: &[ExecResult]) -> String {
    results.iter().map(|r| r.console_text("stderr")).collect()
}

/// Query mode: `print(6*7)` finishes with `42`; an exception comes back as a traceback on
/// stderr; state persists between runs of the same kernel.
#[tokio::test]
async fn live_exec_query() {
    let Some(r) = real() else { return };
    with_session(r, "sdkexec-q", |client, name| async move {
        let s = client.sessions().session(name.as_str());
        let mut results = Vec::new();
        let last = s
            .execute("print(6*7)", ExecMode::Query)
            .run_to_end(|r| results.push(r.clone()), |_| String::new())
            .await
            .expect("execute print(6*7)");
        assert_eq!(last.status, ExecStatus::Finished, "{last:?}");
        assert_eq!(stdout_of(&results), "42\n", "{results:?}");
        assert!(last.run_id.as_deref().is_some_and(|id| !id.is_empty()));

        // One step at a time: the first (and here only) step is `finished`.
        let step = s
            .execute_step(None, "x = 'kept'\nprint(len(x))", &ExecMode::Query)
            .await
            .expect("execute_step");
        assert_eq!(step.status, ExecStatus::Finished, "{step:?}");
        assert_eq!(step.console_text("stdout"), "4\n");

        // The kernel keeps its state between runs.
        let mut results = Vec::new();
        s.execute("print(x.upper())", ExecMode::Query)
            .run_to_end(|r| results.push(r.clone()), |_| String::new())
            .await
            .expect("execute print(x.upper())");
        assert_eq!(stdout_of(&results), "KEPT\n");

        // An exception: the traceback is on stderr; the run still ends with `finished`.
        let mut results = Vec::new();
        let last = s
            .execute("raise ValueError('boom-sdk')", ExecMode::Query)
            .run_to_end(|r| results.push(r.clone()), |_| String::new())
            .await
            .expect("execute raise");
        assert_eq!(last.status, ExecStatus::Finished);
        let err = stderr_of(&results);
        assert!(
            err.contains("ValueError") && err.contains("boom-sdk"),
            "{results:?}"
        );
        assert!(stdout_of(&results).is_empty(), "{results:?}");
    })
    .await;
}

/// A run longer than the manager's 2 s flush timeout answers `continued` and the loop sends
/// `continue` steps with the same run id until `finished`; every line arrives exactly once.
#[tokio::test]
async fn live_exec_continue() {
    let Some(r) = real() else { return };
    with_session(r, "sdkexec-c", |client, name| async move {
        let s = client.sessions().session(name.as_str());
        let code = "import time\nfor i in range(4):\n    print('tick', i, flush=True)\n    time.sleep(1.5)\nprint('done')";
        let mut run = s.execute(code, ExecMode::Query);
        let mut results = Vec::new();
        while let Some(r) = run.next().await.expect("execute step") {
            results.push(r);
        }
        let statuses: Vec<&ExecStatus> = results.iter().map(|r| &r.status).collect();
        assert!(
            statuses.contains(&&ExecStatus::Continued),
            "a 6 s run answers `continued` at least once: {statuses:?}"
        );
        assert_eq!(statuses.last(), Some(&&ExecStatus::Finished));
        let ids: Vec<_> = results.iter().map(|r| r.run_id.clone()).collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]), "one run id: {ids:?}");
        assert_eq!(run.run_id(), ids[0].as_deref());
        assert_eq!(
            stdout_of(&results),
            "tick 0\ntick 1\ntick 2\ntick 3\ndone\n",
            "{results:?}"
        );
    })
    .await;
}

/// Batch mode: uploaded files, a build command and an exec command; `build-finished` then
/// `finished` with the program's exit code (0 and, for a script that raises, 1).
#[tokio::test]
async fn live_exec_batch() {
    let Some(r) = real() else { return };
    with_session(r, "sdkexec-b", |client, name| async move {
        let s = client.sessions().session(name.as_str());
        s.upload_parts(vec![
            MultipartFile {
                filename: "main.py".into(),
                data: "import sys\nfrom helper import word\nprint(word(), open('built.txt').read().strip(), sys.argv[1:])\n".into(),
            },
            MultipartFile {
                filename: "helper.py".into(),
                data: "def word():\n    return 'batch-ok'\n".into(),
            },
            MultipartFile {
                filename: "fail.py".into(),
                data: "print('before')\nraise RuntimeError('batch-boom')\n".into(),
            },
        ])
        .await
        .expect("upload");

        let opts = BatchOptions {
            build: Some("echo built-marker > built.txt && echo building".into()),
            exec: Some("python3 main.py arg1".into()),
            ..Default::default()
        };
        let mut results = Vec::new();
        let last = s
            .execute("", ExecMode::Batch(opts))
            .run_to_end(|r| results.push(r.clone()), |_| String::new())
            .await
            .expect("batch run");
        let statuses: Vec<&ExecStatus> = results.iter().map(|r| &r.status).collect();
        assert!(
            statuses.contains(&&ExecStatus::BuildFinished),
            "{results:?}"
        );
        assert_eq!(last.status, ExecStatus::Finished, "{results:?}");
        assert_eq!(last.exit_code, Some(0), "{results:?}");
        let out = stdout_of(&results);
        assert!(out.contains("building\n"), "{results:?}");
        assert!(
            out.contains("batch-ok built-marker ['arg1']"),
            "{results:?}"
        );

        // A failing program: traceback on stderr, exit code 1.
        let opts = BatchOptions {
            build: Some("true".into()),
            exec: Some("python3 fail.py".into()),
            ..Default::default()
        };
        let mut results = Vec::new();
        let last = s
            .execute("", ExecMode::Batch(opts))
            .run_to_end(|r| results.push(r.clone()), |_| String::new())
            .await
            .expect("failing batch run");
        assert_eq!(last.status, ExecStatus::Finished, "{results:?}");
        assert_eq!(last.exit_code, Some(1), "{results:?}");
        assert!(stdout_of(&results).contains("before"), "{results:?}");
        let err = stderr_of(&results);
        assert!(
            err.contains("Traceback") && err.contains("RuntimeError: batch-boom"),
            "{results:?}"
        );
    })
    .await;
}

/// `input()` makes the run answer `waiting-input` (with the prompt on stdout); the loop
/// sends the line and the program reads it. A password prompt says so in its options.
#[tokio::test]
async fn live_exec_user_input() {
    let Some(r) = real() else { return };
    with_session(r, "sdkexec-i", |client, name| async move {
        let s = client.sessions().session(name.as_str());
        let mut results = Vec::new();
        let mut prompts = 0;
        let last = s
            .execute(
                "a = input('first? ')\nb = input('second? ')\nprint('got', a, b)",
                ExecMode::Query,
            )
            .run_to_end(
                |r| results.push(r.clone()),
                |_| {
                    prompts += 1;
                    format!("answer{prompts}")
                },
            )
            .await
            .expect("execute with input");
        assert_eq!(prompts, 2, "{results:?}");
        assert_eq!(last.status, ExecStatus::Finished);
        let waits = results
            .iter()
            .filter(|r| r.status == ExecStatus::WaitingInput)
            .count();
        assert_eq!(waits, 2, "{results:?}");
        let out = stdout_of(&results);
        assert!(out.contains("got answer1 answer2"), "{results:?}");

        // getpass: `waiting-input` with options.is_password.
        let mut results = Vec::new();
        let last = s
            .execute(
                "import getpass\np = getpass.getpass('pw? ')\nprint('len', len(p))",
                ExecMode::Query,
            )
            .run_to_end(|r| results.push(r.clone()), |_| "secret".to_owned())
            .await
            .expect("execute getpass");
        assert_eq!(last.status, ExecStatus::Finished);
        assert!(
            results.iter().any(|r| r.wants_password()),
            "password prompt flagged: {results:?}"
        );
        assert!(stdout_of(&results).contains("len 6"), "{results:?}");
    })
    .await;
}

/// `stream_execute`: the same query, exception and input flows over the WebSocket.
#[tokio::test]
async fn live_stream_execute() {
    let Some(r) = real() else { return };
    with_session(r, "sdkexec-s", |client, name| async move {
        let s = client.sessions().session(name.as_str());

        let stream = s
            .stream_execute("print(6*7)", &ExecMode::Query)
            .await
            .expect("open stream");
        let mut results = Vec::new();
        let last = stream
            .run_to_end(|r| results.push(r.clone()), |_| String::new())
            .await
            .expect("stream print(6*7)");
        assert_eq!(last.status, ExecStatus::Finished, "{results:?}");
        assert_eq!(stdout_of(&results), "42\n", "{results:?}");

        // Step by step, answering input by hand.
        let mut stream = s
            .stream_execute(
                "n = input('name? ')\nprint('hi', n)\nraise KeyError('stream-boom')",
                &ExecMode::Query,
            )
            .await
            .expect("open stream");
        let mut results = Vec::new();
        let mut answered = false;
        while let Some(r) = stream.next().await.expect("stream step") {
            if r.status == ExecStatus::WaitingInput {
                assert!(!answered, "asked once: {results:?}");
                stream.send_input("rust").await.expect("send input");
                answered = true;
            }
            results.push(r);
        }
        stream.close().await.expect("close");
        assert!(answered, "{results:?}");
        assert_eq!(
            results.last().map(|r| &r.status),
            Some(&ExecStatus::Finished)
        );
        assert!(stdout_of(&results).contains("hi rust"), "{results:?}");
        let err = stderr_of(&results);
        assert!(
            err.contains("KeyError") && err.contains("stream-boom"),
            "{results:?}"
        );
    })
    .await;
}
