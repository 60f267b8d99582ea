//! Live: `bai` against **real containers** (the stack's Docker agent in scaling group
//! `$BAI_TEST_SCALING_GROUP`, kernel image `$BAI_TEST_IMAGE`): `run` (query, exceptions,
//! `--env-range` fan-out, batch `--build`/`--exec`, `input()` from stdin), files inside a
//! session, a vfolder mounted into a session, `app` (Jupyter, ttyd), `ssh`/`scp` through the
//! session's own sshd, and `logs`.
//!
//! PTY is NOT tested here: the 23.09 manager's terminal stream connects to the kernel's
//! container ports 2002/2003, which the 23.09 Docker agent never publishes, so a PTY cannot
//! work against this agent. The PTY client stays covered by its in-process test
//! (`crates/backendai-sdk/tests/session_streams.rs`).
//!
//! Skipped (and says so) when BACKEND_ENDPOINT or BAI_TEST_IMAGE is not set. The Docker agent
//! has 2 CPUs: every session asks for 1 CPU and 512 MiB, has a unique name and is destroyed
//! (by `run --rm` and a guard) even when an assertion fails. Tests do not depend on each
//! other's order.

mod common;
mod common_exec;
mod spawned;

use std::time::Duration;

use common_exec::{assert_ok, http_get, pattern, sha256_of, unique, Real};

fn real() -> Option<Real> {
    Real::from_env()
}

/// `bai run --rm -c 'print(6*7)' IMAGE` prints 42 and exits 0.
#[test]
fn live_run_query_prints_42() {
    let Some(r) = real() else { return };
    let name = unique("cliexec-q");
    let _g = r.guard(&[name.as_str()]);
    let args = r.run_args(&name, &["-c", "print(6*7)"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = r.bai(&args);
    assert_ok(&out, &args);
    assert_eq!(out.stdout, "42\n", "stderr: {}", out.stderr);
    assert!(
        out.stderr.contains(&format!("Session {name} is ready"))
            && out.stderr.contains(&format!("Session {name} terminated")),
        "{}",
        out.stderr
    );
}

/// Code that raises: the traceback is printed (stderr). In query mode the kernel (ipykernel)
/// reports exit code 0 for an exception, and `bai` exits 0 like the Python CLI; in batch mode
/// the program's exit code is 1 and `bai run` exits non-zero.
#[test]
fn live_run_exception_prints_traceback() {
    let Some(r) = real() else { return };
    let q = unique("cliexec-x");
    let b = unique("cliexec-xb");
    let _g = r.guard(&[q.as_str(), b.as_str()]);

    let args = r.run_args(&q, &["-c", "print('before')\nraise ValueError('boom-cli')"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = r.bai(&args);
    assert_eq!(out.stdout, "before\n", "stderr: {}", out.stderr);
    assert!(
        out.stderr.contains("ValueError")
            && out.stderr.contains("boom-cli")
            && out.stderr.contains("Traceback"),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 0, "query mode: the kernel says exit code 0");

    let dir = r.home().join("raise");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("fail.py"),
        "print('batch-before')\nraise RuntimeError('batch-boom-cli')\n",
    )
    .unwrap();
    let args = r.run_args(&b, &["--exec", "python3 fail.py"]);
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    args.push("fail.py");
    let out = r.bai_full(Some(&dir), None, &args);
    assert!(out.stdout.contains("batch-before"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Traceback (most recent call last)")
            && out.stderr.contains("RuntimeError: batch-boom-cli"),
        "{}",
        out.stderr
    );
    assert_ne!(
        out.code, 0,
        "a program that raises makes `bai run` fail\nstderr: {}",
        out.stderr
    );
}

/// `--env-range X=case:a,b` with `-e X=$X`: two sessions (at most 2 at once: the agent has 2
/// CPUs), the combination lines on stdout, each case's output in its log file.
#[test]
fn live_run_env_range_fan_out() {
    let Some(r) = real() else { return };
    let name = unique("cliexec-r");
    let (n0, n1) = (format!("{name}-0"), format!("{name}-1"));
    let _g = r.guard(&[n0.as_str(), n1.as_str()]);
    let args = r.run_args(
        &name,
        &[
            "--env-range",
            "X=case:alpha,beta",
            "-e",
            "X=$X",
            "--max-parallel",
            "2",
            "-c",
            "import os; print('case is', os.environ['X'])",
        ],
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = r.bai(&args);
    assert_ok(&out, &args);
    assert_eq!(
        out.stdout,
        "env = 'X=alpha', build = '*', exec = '*'\nenv = 'X=beta', build = '*', exec = '*'\n",
        "stderr: {}",
        out.stderr
    );
    for (n, want) in [(&n0, "alpha"), (&n1, "beta")] {
        assert!(
            out.stderr.contains(&format!("{n}: exit code 0")),
            "{}",
            out.stderr
        );
        let log = r
            .home()
            .join(".cache/backend.ai/client-logs")
            .join(format!("{n}.stdout.log"));
        let text = std::fs::read_to_string(&log)
            .unwrap_or_else(|e| panic!("{}: {e}\nstderr: {}", log.display(), out.stderr));
        assert_eq!(text, format!("case is {want}\n"));
    }
}

/// Batch mode: uploaded files (one in a subdirectory), `--build` and `--exec`.
#[test]
fn live_run_batch_build_exec() {
    let Some(r) = real() else { return };
    let name = unique("cliexec-b");
    let _g = r.guard(&[name.as_str()]);
    let dir = r.home().join("batch");
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(
        dir.join("main.py"),
        "import sys\nsys.path.insert(0, 'lib')\nfrom helper import word\n\
         print(word(), open('built.txt').read().strip(), sys.argv[1:])\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("lib/helper.py"),
        "def word():\n    return 'batch-ok'\n",
    )
    .unwrap();
    let args = r.run_args(
        &name,
        &[
            "--build",
            "echo built-marker > built.txt && echo build-step",
            "--exec",
            "python3 main.py one two",
        ],
    );
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    args.extend(["main.py", "lib/helper.py"]);
    let out = r.bai_full(Some(&dir), None, &args);
    assert_ok(&out, &args);
    assert_eq!(
        out.stdout, "build-step\nbatch-ok built-marker ['one', 'two']\n",
        "stderr: {}",
        out.stderr
    );
}

/// `input()` in the code is answered with lines read from `bai`'s stdin.
#[test]
fn live_run_input_from_stdin() {
    let Some(r) = real() else { return };
    let name = unique("cliexec-i");
    let _g = r.guard(&[name.as_str()]);
    let code = "a = input('first? ')\nb = input('second? ')\nprint('got', a, b)";
    let args = r.run_args(&name, &["-c", code]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = r.bai_full(None, Some("answer-one\nanswer-two\n"), &args);
    assert_ok(&out, &args);
    assert!(
        out.stdout.contains("got answer-one answer-two"),
        "stdout: {}\nstderr: {}",
        out.stdout,
        out.stderr
    );
}

/// `bai upload`/`ls`/`download` in a real session: byte-identical files, files in
/// subdirectories and a directory download. The 23.09 manager and agent take at most 1 MiB
/// per file through this API: a 20 MiB upload fails with the server's one-line error (20 MiB
/// goes through `scp` and vfolders, tested below), and so does uploading a directory by name.
#[test]
fn live_session_files_upload_ls_download() {
    let Some(r) = real() else { return };
    let g = r.create("cliexec-f");
    let name = g.name().to_owned();
    let up = r.home().join("up");
    std::fs::create_dir_all(up.join("tree/sub")).unwrap();
    let bin = pattern(900 * 1024, 7);
    std::fs::write(up.join("data.bin"), &bin).unwrap();
    std::fs::write(up.join("hello.txt"), "hello session\n").unwrap();
    std::fs::write(up.join("tree/a.txt"), "a\n").unwrap();
    let sub_bin = pattern(4096, 9);
    std::fs::write(up.join("tree/sub/b.bin"), &sub_bin).unwrap();

    let files = ["data.bin", "hello.txt", "tree/a.txt", "tree/sub/b.bin"];
    let mut args = vec!["upload", name.as_str()];
    args.extend(files);
    let out = r.bai_full(Some(&up), None, &args);
    assert_ok(&out, &args);

    let ls = r.live.json(&["ls", &name]);
    let entries = ls["files"].as_array().expect("ls files");
    let entry = |n: &str| {
        entries
            .iter()
            .find(|e| e["filename"] == n)
            .unwrap_or_else(|| panic!("{n} in {ls}"))
    };
    assert_eq!(entry("data.bin")["size"], bin.len() as u64, "{ls}");
    assert_eq!(entry("hello.txt")["size"], 14, "{ls}");
    assert!(
        entry("tree")["mode"]
            .as_str()
            .unwrap_or("")
            .starts_with('d'),
        "{ls}"
    );
    let out = r.ok(&["ls", &name, "tree/sub"]);
    assert!(out.stdout.contains("b.bin"), "{}", out.stdout);

    let down = r.home().join("down");
    let out = r.ok(&[
        "download",
        &name,
        "data.bin",
        "hello.txt",
        "--dest",
        down.to_str().unwrap(),
    ]);
    assert!(out.stderr.contains("Downloaded"), "{}", out.stderr);
    assert_eq!(std::fs::read(down.join("data.bin")).unwrap(), bin);
    assert_eq!(
        std::fs::read_to_string(down.join("hello.txt")).unwrap(),
        "hello session\n"
    );
    // A directory downloads as a tree.
    r.ok(&["download", &name, "tree", "--dest", down.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(down.join("tree/a.txt")).unwrap(),
        "a\n"
    );
    assert_eq!(std::fs::read(down.join("tree/sub/b.bin")).unwrap(), sub_bin);

    // The server's limits, reported as one line each.
    std::fs::write(up.join("big.bin"), pattern(20 << 20, 11)).unwrap();
    let out = r.bai_full(Some(&up), None, &["upload", &name, "big.bin"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("Too large file"),
        "20 MiB upload: {}",
        out.stderr
    );
    let out = r.bai_full(Some(&up), None, &["upload", &name, "tree"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("Is a directory"), "{}", out.stderr);
}

/// A vfolder mounted into a session: files uploaded with `bai vfolder upload` (one of them
/// 20 MiB) are read by code in the session (`bai run -m FOLDER`).
#[test]
fn live_vfolder_mounted_into_session() {
    let Some(r) = real() else { return };
    let folder = unique("cliexecvf");
    struct VfGuard<'a>(&'a Real, String);
    impl Drop for VfGuard<'_> {
        fn drop(&mut self) {
            let _ = self.0.bai(&["vfolder", "delete", &self.1]);
        }
    }
    r.ok(&["vfolder", "create", &folder, "local:volume1"]);
    let _vg = VfGuard(&r, folder.clone());
    let dir = r.home().join("vf");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("note.txt"), "hello from the vfolder\n").unwrap();
    std::fs::write(dir.join("big.bin"), pattern(20 << 20, 3)).unwrap();
    let sha = sha256_of(&dir.join("big.bin"));
    r.ok(&[
        "vfolder",
        "upload",
        &folder,
        "note.txt",
        "big.bin",
        "-b",
        dir.to_str().unwrap(),
    ]);

    let name = unique("cliexec-v");
    let _g = r.guard(&[name.as_str()]);
    let code = format!(
        "import hashlib, os\nbase = '/home/work/{folder}'\n\
         print(open(os.path.join(base, 'note.txt')).read(), end='')\n\
         data = open(os.path.join(base, 'big.bin'), 'rb').read()\n\
         print(len(data), hashlib.sha256(data).hexdigest())"
    );
    let args = r.run_args(&name, &["-m", &folder, "-c", &code]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = r.bai(&args);
    assert_ok(&out, &args);
    assert_eq!(
        out.stdout,
        format!("hello from the vfolder\n{} {sha}\n", 20 << 20),
        "stderr: {}",
        out.stderr
    );
}

/// `bai app SESSION jupyter -b 127.0.0.1:0`, then GET of the Jupyter page through the real
/// manager; `ttyd` likewise.
#[test]
fn live_app_jupyter_and_ttyd() {
    let Some(r) = real() else { return };
    let g = r.create("cliexec-a");
    let name = g.name().to_owned();
    let out = r.ok(&["app", &name]);
    for app in ["jupyter", "ttyd", "sshd"] {
        assert!(
            out.stdout.lines().any(|l| l.starts_with(app)),
            "{app} listed: {}",
            out.stdout
        );
    }

    let mut jupyter = r.spawn(&["app", &name, "jupyter", "-b", "127.0.0.1:0"]);
    let port = jupyter.wait_port(Duration::from_secs(30));
    let root = get_with_retry(port, "/");
    assert_eq!(root.status, 302, "{}", root.head);
    let location = root.header("location").unwrap_or_default().to_owned();
    assert!(location.starts_with("/tree"), "{}", root.head);
    let tree = get_with_retry(port, &location);
    assert_eq!(tree.status, 200, "{}", tree.head);
    let page = tree.text();
    assert!(
        page.contains("<title>Home Page - Select or create a notebook</title>"),
        "{}",
        &page[..page.len().min(2000)]
    );
    drop(jupyter);

    let mut ttyd = r.spawn(&["app", &name, "ttyd", "-b", "127.0.0.1:0"]);
    let port = ttyd.wait_port(Duration::from_secs(30));
    let page = get_with_retry(port, "/");
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(
        page.header("server").unwrap_or("").starts_with("ttyd/"),
        "{}",
        page.head
    );
    assert!(page.text().contains("<title>ttyd - Terminal</title>"));
}

/// A GET through `bai app`, retried for a few seconds while the app starts inside the
/// container.
fn get_with_retry(port: u16, path: &str) -> common_exec::HttpResponse {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        match http_get(port, path) {
            Ok(resp) if resp.status < 500 => return resp,
            other if std::time::Instant::now() > deadline => match other {
                Ok(resp) => panic!("GET {path}: {}", resp.head),
                Err(e) => panic!("GET {path}: {e}"),
            },
            _ => std::thread::sleep(Duration::from_millis(500)),
        }
    }
}

/// `bai ssh SESSION -- CMD` and `bai scp` (a 20 MiB file both ways, byte-identical, and a
/// directory with `-r`) through the session's own sshd.
#[test]
fn live_ssh_and_scp() {
    let Some(r) = real() else { return };
    let g = r.create("cliexec-s");
    let name = g.name().to_owned();
    let out = r.ok(&["ssh", &name, "--", "echo", "ok"]);
    assert_eq!(out.stdout, "ok\n", "{}", out.stderr);
    let out = r.ok(&["ssh", &name, "--", "whoami; pwd"]);
    assert_eq!(out.stdout, "work\n/home/work\n", "{}", out.stderr);
    let out = r.bai(&["ssh", &name, "--", "exit 7"]);
    assert_eq!(
        out.code, 7,
        "ssh passes the remote status through: {}",
        out.stderr
    );

    let local = r.home().join("scp");
    std::fs::create_dir_all(local.join("tree/sub")).unwrap();
    let big = pattern(20 << 20, 5);
    std::fs::write(local.join("big.bin"), &big).unwrap();
    std::fs::write(local.join("tree/sub/c.txt"), "scp tree\n").unwrap();
    let l = |p: &str| local.join(p).to_str().unwrap().to_owned();

    r.ok(&[
        "scp",
        &name,
        &l("big.bin"),
        "work@localhost:/home/work/big.bin",
    ]);
    let out = r.ok(&["ssh", &name, "--", "sha256sum /home/work/big.bin"]);
    let sha = sha256_of(&local.join("big.bin"));
    assert!(out.stdout.starts_with(&sha), "{} vs {sha}", out.stdout);
    r.ok(&[
        "scp",
        &name,
        "work@localhost:/home/work/big.bin",
        &l("back.bin"),
    ]);
    assert!(
        std::fs::read(local.join("back.bin")).unwrap() == big,
        "20 MiB round trip"
    );

    r.ok(&["scp", &name, "-r", &l("tree"), "work@localhost:/home/work/"]);
    let out = r.ok(&["ssh", &name, "--", "cat /home/work/tree/sub/c.txt"]);
    assert_eq!(out.stdout, "scp tree\n");
    r.ok(&[
        "scp",
        &name,
        "-r",
        "work@localhost:/home/work/tree",
        &l("tree-back"),
    ]);
    assert_eq!(
        std::fs::read_to_string(local.join("tree-back/sub/c.txt")).unwrap(),
        "scp tree\n"
    );
}

/// `bai logs SESSION` shows what the container printed: output written to the kernel's
/// own stdout (fd 1) and the container's start-up messages.
#[test]
fn live_logs_show_container_output() {
    let Some(r) = real() else { return };
    let name = unique("cliexec-l");
    let _g = r.guard(&[name.as_str()]);
    let marker = unique("container-said");
    // Without --rm: the session stays for `logs`; the guard destroys it.
    let code = format!("import os\nos.write(1, b'{marker}\\n')\nprint('done')");
    let args = r.run_args(&name, &["-c", &code]);
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--rm")
        .collect();
    let out = r.bai(&args);
    assert_ok(&out, &args);
    assert!(out.stdout.contains("done"), "{}", out.stdout);

    let logs = r.ok(&["logs", &name]);
    assert!(
        logs.stdout.contains(&marker),
        "marker in the container log:\n{}",
        logs.stdout
    );
    assert!(
        logs.stdout.contains("python-kernel"),
        "the kernel runner's start-up lines:\n{}",
        logs.stdout
    );
    assert!(logs.stderr.contains("End of logs."), "{}", logs.stderr);
}
