//! Live: run `bai` against the real Backend.AI 23.09 stack for every command it supports.
//! Reads only BACKEND_ENDPOINT, BACKEND_ACCESS_KEY, BACKEND_SECRET_KEY and
//! BAI_WEBSERVER_ENDPOINT; HOME and the XDG dirs point into a temporary directory.

mod common;

use common::{run, suffix, Live};

fn live() -> Option<Live> {
    Live::from_env()
}

/// The `name`s of a JSON listing's `items`.
fn item_names(v: &serde_json::Value) -> Vec<&str> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect()
}

/// Destroys the session when the test ends, even on failure.
struct SessionGuard<'a>(&'a Live, String);

impl Drop for SessionGuard<'_> {
    fn drop(&mut self) {
        let _ = self.0.bai(&["rm", &self.1]);
    }
}

#[test]
fn live_config_and_ps() {
    let Some(l) = live() else { return };
    let out = l.ok(&["config"]);
    assert!(out
        .stdout
        .contains(&format!("API endpoint: {} (mode: api)", l.endpoint)));
    assert!(!out.stdout.contains(&l.sk) || l.sk.is_empty());
    l.ok(&["config", "show"]);
    let v = l.json(&["ps"]);
    assert!(v["items"].is_array());
    let v = l.json(&["ps", "--all"]);
    assert!(v["total_count"].as_u64().is_some());
    l.ok(&["ps", "--dead"]);
}

/// Regression: `ps` printed only its first page (`--limit` rows, 100 at most), so a user with
/// more sessions than one page could not see them all; Python's table holds every page.
#[test]
fn live_ps_table_holds_every_page() {
    let Some(l) = live() else { return };
    let prefix = format!("clipages-{}", suffix());
    let names: Vec<String> = (0..3).map(|i| format!("{prefix}-{i}")).collect();
    struct ForceRemove<'a>(&'a Live, &'a [String]);
    impl Drop for ForceRemove<'_> {
        fn drop(&mut self) {
            for n in self.1 {
                let _ = self.0.bai(&["session", "rm", "-f", n]);
            }
        }
    }
    let _guard = ForceRemove(&l, &names);
    for n in &names {
        l.ok(&[
            "create",
            "-t",
            n,
            "--enqueue-only",
            "-r",
            "cpu=1",
            "-r",
            "mem=512m",
            "python",
        ]);
    }
    // Pages of one session each: all three must still be listed, in table and name-only form.
    let ours = |out: &str| out.lines().filter(|x| x.contains(&prefix)).count();
    let rows = l.ok(&["ps", "--all", "--name-only", "--limit", "1"]);
    assert_eq!(ours(&rows.stdout), 3, "{}", rows.stdout);
    let table = l.ok(&["ps", "--all", "--limit", "1"]);
    assert_eq!(ours(&table.stdout), 3, "{}", table.stdout);
    // JSON is one page with the total, as in the Python CLI.
    let v = l.json(&["ps", "--all", "--limit", "1"]);
    assert_eq!(v["count"], 1, "{v}");
    assert!(v["total_count"].as_u64().unwrap() >= 3, "{v}");
}

#[test]
fn live_wrong_key_exit_3() {
    let Some(l) = live() else { return };
    let mut c =
        l.sb.bai_at(&l.endpoint, &l.ak, "definitely-wrong-secret-key-0000000000");
    c.arg("ps");
    let out = run(c);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn live_session_lifecycle() {
    let Some(l) = live() else { return };
    let name = format!("clilive-{}", suffix());
    let out = l.ok(&[
        "create", "-t", &name, "-r", "cpu=1", "-r", "mem=512m", "python",
    ]);
    let _guard = SessionGuard(&l, name.clone());
    assert_eq!(out.stdout.trim(), name);

    let v = l.json(&["ps"]);
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == name.as_str()),
        "{v}"
    );
    let out = l.ok(&["ps", "--name-only"]);
    assert!(out.stdout.lines().any(|x| x == name));

    // `info` decodes the manager's answer, whose slot fields are Python-repr text.
    let info = l.json(&["info", &name]);
    assert_eq!(info["status"], "RUNNING", "{info}");
    l.ok(&["admin", "session", "list"]);

    let out = l.ok(&["logs", &name]);
    assert!(out.stderr.contains("End of logs."));

    // upload (the dummy agent accepts it)
    let f = l.sb.home.path().join("hello.txt");
    std::fs::write(&f, "hello\n").unwrap();
    let mut c = l.cmd();
    c.current_dir(l.sb.home.path())
        .args(["upload", &name, "hello.txt"]);
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);

    l.ok(&["restart", &name]);

    let new = format!("{name}-r");
    l.ok(&["rename", &name, &new]);
    let _guard2 = SessionGuard(&l, new.clone());

    l.ok(&["rm", &new]);

    // events on a fresh session: start following, then destroy; the stream ends at
    // session_terminated with status 0.
    let ev_name = format!("{name}-e");
    l.ok(&["create", "-t", &ev_name, "python"]);
    let _guard3 = SessionGuard(&l, ev_name.clone());
    let mut c = l.cmd();
    c.args(["events", &ev_name])
        .timeout(std::time::Duration::from_secs(60));
    let events = std::thread::spawn(move || run(c));
    std::thread::sleep(std::time::Duration::from_millis(2000));
    l.ok(&["rm", &ev_name]);
    let ev = events.join().expect("events thread");
    assert_eq!(ev.code, 0, "{}", ev.stderr);
    assert!(ev.stdout.contains("session_terminated"), "{}", ev.stdout);

    // unknown session → 1
    let out = l.bai(&["info", &format!("nosuch-{}", suffix())]);
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn live_watch_quits_after_max_wait() {
    let Some(l) = live() else { return };
    let started = std::time::Instant::now();
    let out = l.ok(&["watch", "--max-wait", "2"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(out.stdout.contains("session_id"), "{}", out.stdout);
}

#[test]
fn live_run_on_the_dummy_agent_finishes_and_cleans_up() {
    // The stack's dummy agent finishes every run at once with exit code 0 (before 2026-12-03
    // it answered without a runId and the manager failed with HTTP 500): `run` exits 0 and
    // `--rm` removes the session.
    let Some(l) = live() else { return };
    let name = format!("clirun-{}", suffix());
    let out = l.bai(&["run", "-t", &name, "--rm", "python", "-c", "print(1)"]);
    let _guard = SessionGuard(&l, name.clone());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("Session {name} is ready")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("error:"), "{}", out.stderr);
    let live_names = l.ok(&["ps", "--name-only"]).stdout;
    assert!(
        !live_names.lines().any(|n| n.trim() == name),
        "--rm left {name} running: {live_names}"
    );
}

#[test]
fn live_run_reports_failure_cleanly() {
    // An unknown image: one error line and status 1, nothing created.
    let Some(l) = live() else { return };
    let out = l.bai(&["run", "--rm", "no-such-image:1.0", "-c", "print(1)"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|x| x.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].contains("No such environment image"),
        "{}",
        out.stderr
    );
}

#[test]
fn live_vfolder_roundtrip() {
    let Some(l) = live() else { return };
    let name = format!("clivf-{}", suffix());
    let hosts = l.json(&["vfolder", "list-hosts"]);
    let host = hosts["default"]
        .as_str()
        .unwrap_or("local:volume1")
        .to_owned();
    l.ok(&["vfolder", "create", &name, &host]);
    struct Guard<'a>(&'a Live, String);
    impl Drop for Guard<'_> {
        fn drop(&mut self) {
            let _ = self.0.bai(&["vfolder", "delete", &self.1]);
        }
    }
    let _g = Guard(&l, name.clone());
    let v = l.json(&["vfolder", "list"]);
    assert!(v["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["name"] == name.as_str()));

    let dir = l.sb.home.path().join("up");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(dir.join("data.bin"), &data).unwrap();
    std::fs::write(dir.join("sub/x.txt"), "x\n").unwrap();
    let d = dir.to_str().unwrap();
    l.ok(&["vfolder", "upload", &name, "data.bin", "-b", d]);
    l.ok(&["vfolder", "upload", &name, "sub", "-r", "-b", d]);
    let ls = l.json(&["vfolder", "ls", &name]);
    let names = item_names(&ls);
    assert!(
        names.contains(&"data.bin") && names.contains(&"sub"),
        "{ls}"
    );

    let down = l.sb.home.path().join("down");
    std::fs::create_dir_all(&down).unwrap();
    l.ok(&[
        "vfolder",
        "download",
        &name,
        "data.bin",
        "sub/x.txt",
        "-b",
        down.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(down.join("data.bin")).unwrap(), data);
    assert_eq!(
        std::fs::read_to_string(down.join("sub/x.txt")).unwrap(),
        "x\n"
    );

    l.ok(&["vfolder", "mkdir", &name, "made"]);
    l.ok(&["vfolder", "mv", &name, "made", "made2"]);
    l.ok(&["vfolder", "rename-file", &name, "data.bin", "data2.bin"]);
    l.ok(&["vfolder", "rm", "-y", &name, "data2.bin"]);
    let ls = l.json(&["vfolder", "ls", &name]);
    let names = item_names(&ls);
    assert!(
        names.contains(&"made2") && !names.contains(&"data2.bin"),
        "{ls}"
    );
    // Regression: the manager sends both `numFiles` and `num_files`; info must decode it.
    let info = l.json(&["vfolder", "info", &name]);
    assert_eq!(info["name"], name.as_str(), "{info}");
    l.ok(&["vfolder", "invitations"]);
    l.ok(&["vfolder", "list-allowed-types"]);

    let renamed = format!("{name}-r");
    l.ok(&["vfolder", "rename", &name, &renamed]);
    let _g2 = Guard(&l, renamed.clone());
    l.ok(&["vfolder", "delete", &renamed]);
}

#[test]
fn live_admin_lists() {
    let Some(l) = live() else { return };
    for args in [
        &["admin", "user", "list"][..],
        &["admin", "user", "info"],
        &["admin", "keypair", "list"],
        &["admin", "keypair", "info"],
        &["admin", "domain", "list"],
        &["admin", "domain", "info", "default"],
        &["admin", "group", "list"],
        &["admin", "group", "info", "default"],
        &["admin", "image", "list"],
        &["admin", "agent", "list"],
        &["admin", "scaling-group", "list"],
        &["admin", "scaling-group", "info", "default"],
        &["admin", "keypair-resource-policy", "list"],
        &["admin", "keypair-resource-policy", "info", "default"],
        &["admin", "storage", "list"],
        &["admin", "manager", "status"],
    ] {
        l.ok(args);
        l.json(args);
    }
    let users = l.json(&["admin", "user", "list"]);
    assert!(users["items"].as_array().unwrap().len() >= 2);
}

#[test]
fn live_admin_mutations() {
    let Some(l) = live() else { return };
    let s = suffix();
    let email = format!("cli-{s}@example.com");
    l.ok(&[
        "admin",
        "user",
        "add",
        "default",
        &email,
        "Pass-w0rd!",
        "-u",
        &format!("cli{s}"),
    ]);
    struct Purge<'a>(&'a Live, String);
    impl Drop for Purge<'_> {
        fn drop(&mut self) {
            let _ = self.0.bai(&["admin", "user", "purge", &self.1]);
        }
    }
    let _p = Purge(&l, email.clone());
    let info = l.json(&["admin", "user", "info", "-e", &email]);
    assert_eq!(info["email"], email.as_str());
    let r = l.json(&["admin", "keypair", "add", &email, "default"]);
    assert_eq!(r["ok"], true, "{r}");
    let ak = r["result"]["keypair"]["access_key"]
        .as_str()
        .expect("access key")
        .to_owned();
    let kps = l.json(&["admin", "keypair", "list"]);
    assert!(
        kps["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["access_key"] == ak.as_str()),
        "{kps}"
    );
    l.ok(&["admin", "keypair", "deactivate", &ak]);
    l.ok(&["admin", "keypair", "activate", &ak]);
    l.ok(&["admin", "keypair", "delete", &ak]);
    l.ok(&["admin", "user", "delete", &email]);

    // etcd round trip
    let key = format!("cli-test/{s}");
    l.ok(&["admin", "etcd", "set", &key, "hello"]);
    let v = l.json(&["admin", "etcd", "get", &key]);
    assert!(v.to_string().contains("hello"), "{v}");
    l.ok(&["admin", "etcd", "delete", &key]);
}

#[test]
fn live_login_logout_session_mode() {
    let Some(l) = live() else { return };
    let web = match std::env::var("BAI_WEBSERVER_ENDPOINT") {
        Ok(w) if !w.is_empty() => w,
        _ => {
            println!("live: skipped (BAI_WEBSERVER_ENDPOINT not set)");
            return;
        }
    };
    let session = |args: &[&str], stdin: Option<&str>| {
        let mut c = l.sb.bai();
        c.env("BACKEND_ENDPOINT", &web)
            .env("BACKEND_ENDPOINT_TYPE", "session")
            .args(args)
            .timeout(std::time::Duration::from_secs(60));
        if let Some(s) = stdin {
            c.write_stdin(s.to_owned());
        }
        run(c)
    };
    let out = session(
        &["login", "-u", "admin@lablup.com", "--password-stdin"],
        Some("wJalrXUt\n"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("Login succeeded."));
    let state = l.sb.home.path().join(".local/state/backend.ai");
    #[cfg(unix)]
    for f in ["cookies.json", "config.json"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(state.join(f))
            .expect(f)
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{f}");
    }
    let out = session(&["config"], None);
    assert!(
        out.stdout.contains("Username: \"admin@lablup.com\""),
        "{}",
        out.stdout
    );
    let out = session(&["-o", "json", "ps"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = session(&["vfolder", "list-hosts"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = session(&["logout"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !state.join("cookies.json").exists() || {
            let t = std::fs::read_to_string(state.join("cookies.json")).unwrap_or_default();
            !t.contains("AIOHTTP_SESSION")
        }
    );
    let out = session(&["ps"], None);
    assert_eq!(out.code, 3, "after logout: {}", out.stderr);
    let out = session(
        &["login", "-u", "admin@lablup.com", "--password-stdin"],
        Some("wrong\n"),
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}
