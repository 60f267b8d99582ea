//! A background `bai` (or any program) whose stdout/stderr lines arrive on a channel: wait for
//! a line, for its port, for its exit; killed when dropped. Shared by the live tests that keep
//! `bai app` running.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running child with its output collected line by line.
pub struct Spawned {
    child: Child,
    lines: mpsc::Receiver<(bool, String)>,
    /// Stdout lines read so far.
    pub stdout: Vec<String>,
    /// Stderr lines read so far.
    pub stderr: Vec<String>,
}

impl Spawned {
    /// Starts `cmd` with stdin closed and both output pipes read by threads.
    pub fn start(mut cmd: Command) -> Spawned {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let (tx, lines) = mpsc::channel();
        let pipes: [(bool, Box<dyn Read + Send>); 2] = [
            (false, Box::new(child.stdout.take().expect("stdout"))),
            (true, Box::new(child.stderr.take().expect("stderr"))),
        ];
        for (is_err, pipe) in pipes {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    if tx.send((is_err, line)).is_err() {
                        break;
                    }
                }
            });
        }
        Spawned {
            child,
            lines,
            stdout: Vec::new(),
            stderr: Vec::new(),
        }
    }

    fn keep(&mut self, is_err: bool, line: String) {
        if is_err {
            self.stderr.push(line);
        } else {
            self.stdout.push(line);
        }
    }

    /// Waits (at most `timeout`) for a stdout line matching `want`.
    pub fn wait_stdout(
        &mut self,
        timeout: Duration,
        want: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let (is_err, line) = self.lines.recv_timeout(left).ok()?;
            let hit = !is_err && want(&line);
            self.keep(is_err, line.clone());
            if hit {
                return Some(line);
            }
        }
    }

    /// Waits for `bai app` to print its local address and returns the port.
    pub fn wait_port(&mut self, timeout: Duration) -> u16 {
        let line = self.wait_stdout(timeout, |l| l.contains("127.0.0.1:"));
        let Some(line) = line else {
            panic!("no local address printed\n{}", self.transcript());
        };
        let port = line
            .rsplit("127.0.0.1:")
            .next()
            .map(|p| {
                p.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .and_then(|p| p.parse().ok());
        match port {
            Some(p) if p != 0 => p,
            _ => panic!("no port in {line:?}"),
        }
    }

    /// Waits (at most `timeout`) for the exit; collects the remaining output.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // The pipes close with the process; drain what is left.
        while let Ok((is_err, line)) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.keep(is_err, line);
        }
        Some(status)
    }

    /// The child's process id (to signal it).
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Everything read so far (including lines not yet waited for).
    pub fn transcript(&mut self) -> String {
        while let Ok((is_err, line)) = self.lines.try_recv() {
            self.keep(is_err, line);
        }
        format!(
            "stdout:\n{}\nstderr:\n{}",
            self.stdout.join("\n"),
            self.stderr.join("\n")
        )
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
