//! A TCP relay in front of the manager, used as the first of two endpoints in the fail-over
//! fault: it counts the requests that went through to the manager (method and path, read from
//! the request lines) and can be "killed" — every connection reset, the port closed — at a
//! chosen request, either right after forwarding it or once the manager's answer arrives (so
//! the request certainly reached the server, and its answer never reaches the client).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// When the relay dies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KillAt {
    /// Right after forwarding request number N (1-based).
    AfterForwarding(usize),
    /// When the manager starts answering a request whose line starts with this (e.g.
    /// `POST /folders`); the answer is not passed on.
    OnAnswerTo(&'static str),
}

#[derive(Default)]
struct State {
    /// `METHOD /path` of every request forwarded.
    requests: Vec<String>,
    sockets: Vec<TcpStream>,
}

pub struct Relay {
    pub url: String,
    dead: Arc<AtomicBool>,
    state: Arc<Mutex<State>>,
}

impl Relay {
    pub fn start(upstream: SocketAddr, kill_at: KillAt) -> std::io::Result<Relay> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let url = format!("http://{}", listener.local_addr()?);
        let dead = Arc::new(AtomicBool::new(false));
        let state: Arc<Mutex<State>> = Arc::default();
        let (d, s) = (dead.clone(), state.clone());
        std::thread::spawn(move || {
            // Polling accept so that a kill closes the port (later connects are refused).
            while !d.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = client.set_nonblocking(false);
                        let (d, s) = (d.clone(), s.clone());
                        std::thread::spawn(move || pipe(client, upstream, kill_at, &d, &s));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Ok(Relay { url, dead, state })
    }

    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn is_dead(&self) -> bool {
        self.dead.load(Ordering::SeqCst)
    }
}

fn kill(dead: &AtomicBool, state: &Mutex<State>) {
    dead.store(true, Ordering::SeqCst);
    for s in state.lock().unwrap().sockets.drain(..) {
        let _ = s.shutdown(Shutdown::Both);
    }
}

fn pipe(
    client: TcpStream,
    upstream: SocketAddr,
    kill_at: KillAt,
    dead: &Arc<AtomicBool>,
    state: &Arc<Mutex<State>>,
) {
    let Ok(server) = TcpStream::connect(upstream) else {
        return;
    };
    {
        let mut st = state.lock().unwrap();
        for s in [&client, &server] {
            if let Ok(c) = s.try_clone() {
                st.sockets.push(c);
            }
        }
    }
    let (Ok(mut c_read), Ok(mut s_write)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let (d, st) = (dead.clone(), state.clone());
    // The last request line sent on this connection (HTTP/1.1: answers come in order).
    let last: Arc<Mutex<String>> = Arc::default();
    let last_w = last.clone();
    // Client -> manager: forward, count request lines, maybe die after request N.
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 << 10];
        loop {
            let n = match c_read.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if d.load(Ordering::SeqCst) || s_write.write_all(&buf[..n]).is_err() {
                break;
            }
            let lines = request_lines(&buf[..n]);
            if let Some(l) = lines.last() {
                *last_w.lock().unwrap() = l.clone();
            }
            let total = {
                let mut s = st.lock().unwrap();
                s.requests.extend(lines);
                s.requests.len()
            };
            if let KillAt::AfterForwarding(at) = kill_at {
                if total >= at {
                    // Let the manager read it first.
                    std::thread::sleep(Duration::from_millis(30));
                    kill(&d, &st);
                    break;
                }
            }
        }
        let _ = s_write.shutdown(Shutdown::Write);
    });
    // Manager -> client: forward, unless the kill point is this answer.
    let (mut s_read, mut c_write) = (server, client);
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match s_read.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let KillAt::OnAnswerTo(prefix) = kill_at {
            if last.lock().unwrap().starts_with(prefix) {
                kill(dead, state);
                break;
            }
        }
        if dead.load(Ordering::SeqCst) || c_write.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = c_write.shutdown(Shutdown::Both);
}

/// `METHOD /path` of each HTTP/1.1 request line in a chunk.
fn request_lines(chunk: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(chunk);
    text.split("\r\n")
        .filter(|l| l.ends_with(" HTTP/1.1"))
        .filter_map(|l| {
            let mut parts = l.split(' ');
            let method = parts.next()?;
            let path = parts.next()?.split('?').next()?;
            method
                .bytes()
                .all(|b| b.is_ascii_uppercase())
                .then(|| format!("{method} {path}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_are_found_in_a_chunk() {
        let c = b"GET /manager/status?x=1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /folders HTTP/1.1\r\n";
        assert_eq!(request_lines(c), ["GET /manager/status", "POST /folders"]);
        assert!(request_lines(b"HTTP/1.1 200 OK\r\n").is_empty());
    }
}
