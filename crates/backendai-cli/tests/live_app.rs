//! Live: `bai app` / `bai app --stdio` against the **real** Backend.AI 23.09 manager
//! (realstack, dummy agent). `expose-app.sh` points a dummy session's apps at local servers
//! (an echo server, an HTTP server, a real sshd); the manager relays the WebSockets to them.
//! Runs the built `bai` binary with HOME/XDG_* in a temporary directory. Skipped (and says
//! so) when BACKEND_ENDPOINT is not set.

mod spawned;
#[path = "../../backendai-appproxy/tests/support_live/mod.rs"]
mod support_live;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use spawned::Spawned;
use support_live::{free_port, live_env, run_with_timeout, LiveEnv, LiveSession};

/// `bai` with a clean environment: PATH, a private HOME/XDG_*, and the BACKEND_* keys.
fn bai(env: &LiveEnv, home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bai"));
    sandbox_env(&mut c, env, home);
    c
}

fn sandbox_env(c: &mut Command, env: &LiveEnv, home: &Path) {
    c.env_clear();
    if let Some(p) = std::env::var_os("PATH") {
        c.env("PATH", p);
    }
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("NO_COLOR", "1")
        .env("BACKEND_ENDPOINT", &env.endpoint)
        .env("BACKEND_ACCESS_KEY", &env.access_key)
        .env("BACKEND_SECRET_KEY", &env.secret_key);
}

fn text(out: &Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// A line echo server on a free port (threads; one per connection).
fn echo_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut w = stream.try_clone().unwrap();
                let mut r = stream;
                let _ = std::io::copy(&mut r, &mut w);
            });
        }
    });
    port
}

/// A minimal HTTP/1.1 server on a free port: `GET /PATH` answers `body_for(PATH)`.
fn http_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve_http(stream));
        }
    });
    port
}

fn serve_http(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let body = body_for(&path);
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

/// The page served for `path`: 1 MiB of bytes derived from the path (every byte value).
fn body_for(path: &str) -> Vec<u8> {
    let seed = path.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut x = seed | 1;
    (0..1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn live_bai_app_lists_rejects_unknown_and_forwards_http() {
    let Some(env) = live_env() else { return };
    let home = tempfile::tempdir().unwrap();
    let session = runtime().block_on(LiveSession::create(&env, "rs-baiapp"));
    let echo_port = echo_server();
    let http_port = http_server();
    session.expose(
        &env,
        &[("echo", echo_port, "tcp"), ("http", http_port, "http")],
    );

    // `bai app SESSION` lists the apps.
    let mut cmd = bai(&env, home.path());
    cmd.args(["app", &session.name]);
    let (code, stdout, stderr) = text(&run_with_timeout(cmd, Duration::from_secs(120)).unwrap());
    assert_eq!(code, 0, "bai app {}: {stdout}{stderr}", session.name);
    for name in ["echo", "http"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.split_whitespace().any(|w| w == name)),
            "app {name} listed:\n{stdout}"
        );
    }
    println!("live: bai app {} listed:\n{stdout}", session.name);

    // Unknown app: the Python CLI's message and exit code 1.
    let mut cmd = bai(&env, home.path());
    cmd.args(["app", &session.name, "nope"]);
    let (code, stdout, stderr) = text(&run_with_timeout(cmd, Duration::from_secs(120)).unwrap());
    assert_eq!(code, 1, "exit code of an unknown app\n{stdout}{stderr}");
    assert!(
        stderr.contains(r#"The app "nope" is not supported by the session."#),
        "stderr: {stderr}"
    );

    // `bai app SESSION http -b 127.0.0.1:0`: prints the URL, relays HTTP, stops on SIGTERM.
    let mut cmd = bai(&env, home.path());
    cmd.args(["app", &session.name, "http", "-b", "127.0.0.1:0"]);
    let mut proxy = Spawned::start(cmd);
    let url = proxy
        .wait_stdout(Duration::from_secs(120), |l| l.contains("://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL printed within 120 s\n{}", proxy.transcript()));
    let announced = format!(
        "A local proxy to the application \"http\" provided by the session \"{}\" is available at:",
        session.name
    );
    assert!(
        proxy.stdout.iter().any(|l| l == &announced),
        "announcement line\n{}",
        proxy.transcript()
    );
    let port: u16 = url
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {url:?}"));
    assert_ne!(port, 0);
    assert_eq!(url.trim(), format!("tcp://127.0.0.1:{port}"));

    for (i, path) in ["/index.html", "/data/blob.bin", "/index.html"]
        .iter()
        .enumerate()
    {
        let t0 = Instant::now();
        let mut curl = Command::new("curl");
        curl.args(["-sS", "--fail", "--noproxy", "*", "--max-time", "120"])
            .arg(format!("http://127.0.0.1:{port}{path}"));
        let out = run_with_timeout(curl, Duration::from_secs(150)).expect("run curl");
        assert!(
            out.status.success(),
            "curl #{i} {path}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            proxy.transcript()
        );
        assert!(
            out.stdout == body_for(path),
            "body of {path} differs ({} bytes)",
            out.stdout.len()
        );
        println!(
            "live: curl {path} through bai app: {} bytes in {:.2} s",
            out.stdout.len(),
            t0.elapsed().as_secs_f64()
        );
    }

    // SIGTERM (to the process we started, by its pid): clean exit with the Python messages.
    let pid = proxy.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let status = proxy.wait_exit(Duration::from_secs(30)).unwrap_or_else(|| {
        panic!(
            "bai app still running 30 s after SIGTERM\n{}",
            proxy.transcript()
        )
    });
    assert_eq!(
        status.code(),
        Some(0),
        "exit after SIGTERM\n{}",
        proxy.transcript()
    );
    let all = format!("{}\n{}", proxy.stdout.join("\n"), proxy.stderr.join("\n"));
    assert!(
        all.contains(r#"The local proxy to "http" has terminated."#),
        "termination message\n{}",
        proxy.transcript()
    );
    drop(session);
}

/// `sshd -D -e` on loopback with a private host key and one authorized user key; killed on drop.
struct Sshd {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Sshd {
    fn start(dir: &Path) -> Sshd {
        for key in ["host_key", "user_key"] {
            let mut keygen = Command::new("ssh-keygen");
            keygen
                .args(["-q", "-t", "ed25519", "-N", "", "-C", "bai-live", "-f"])
                .arg(dir.join(key));
            let out = run_with_timeout(keygen, Duration::from_secs(30)).expect("run ssh-keygen");
            assert!(
                out.status.success(),
                "ssh-keygen: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::fs::copy(dir.join("user_key.pub"), dir.join("authorized_keys")).unwrap();
        let port = free_port();
        let config = format!(
            "ListenAddress 127.0.0.1\nPort {port}\nHostKey {host}\nAuthorizedKeysFile {auth}\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n\
             StrictModes no\nPidFile {pid}\nPermitRootLogin prohibit-password\n\
             PubkeyAuthentication yes\nLogLevel VERBOSE\n",
            host = dir.join("host_key").display(),
            auth = dir.join("authorized_keys").display(),
            pid = dir.join("sshd.pid").display(),
        );
        std::fs::write(dir.join("sshd_config"), config).unwrap();
        std::fs::create_dir_all("/run/sshd").ok();
        let log = dir.join("sshd.log");
        let child = Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(dir.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start sshd");
        let mut sshd = Sshd { child, port, log };
        // Ready when it greets with its SSH banner.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = sshd.child.try_wait() {
                panic!("sshd exited ({status}): {}", sshd.log_text());
            }
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                let mut banner = [0u8; 8];
                if s.read_exact(&mut banner).is_ok() && banner.starts_with(b"SSH-2.0") {
                    return sshd;
                }
            }
            assert!(
                Instant::now() < deadline,
                "sshd not ready in 30 s: {}",
                sshd.log_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn live_ssh_proxycommand_reaches_a_real_sshd_through_the_manager() {
    let Some(env) = live_env() else { return };
    if !Path::new("/usr/sbin/sshd").exists() {
        println!("live: skipped (/usr/sbin/sshd is missing; install openssh-server)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let sshd = Sshd::start(dir.path());
    let session = runtime().block_on(LiveSession::create(&env, "rs-baissh"));
    session.expose(&env, &[("sshd", sshd.port, "tcp")]);

    let user = Command::new("id")
        .arg("-un")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "root".to_owned());
    let proxy_command = format!(
        "ProxyCommand='{}' app --stdio '{}' sshd",
        env!("CARGO_BIN_EXE_bai"),
        session.name
    );
    let mut ssh = Command::new("ssh");
    sandbox_env(&mut ssh, &env, &home);
    ssh.args(["-F", "/dev/null", "-o"])
        .arg(&proxy_command)
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "ConnectTimeout=120",
            "-o",
            "LogLevel=ERROR",
            "-i",
        ])
        .arg(dir.path().join("user_key"))
        .arg(format!("{user}@localhost"))
        .args(["echo", "proxied-ok"]);
    let t0 = Instant::now();
    let out = run_with_timeout(ssh, Duration::from_secs(180)).expect("run ssh");
    let (code, stdout, stderr) = text(&out);
    assert_eq!(
        (code, stdout.trim()),
        (0, "proxied-ok"),
        "ssh through bai app --stdio\nstdout: {stdout}\nstderr: {stderr}\nsshd log:\n{}",
        sshd.log_text()
    );
    let log = sshd.log_text();
    assert!(
        log.contains(&format!("Accepted publickey for {user} from 127.0.0.1")),
        "sshd accepted the key via the manager's connection:\n{log}"
    );
    println!(
        "live: ssh -o ProxyCommand='bai app --stdio {} sshd' ran `echo proxied-ok` in {:.2} s",
        session.name,
        t0.elapsed().as_secs_f64()
    );
    drop(session);
    drop(sshd);
}
