//! Offline CLI behaviour: help, config, completion, errors and exit codes.

mod common;

use common::{run, subcommands, Sandbox};

/// `--help` of every command and subcommand (walked from the top-level help), one snapshot.
#[test]
fn help_snapshots() {
    let sb = Sandbox::new();
    let mut all = String::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut count = 0;
    while let Some(path) = queue.pop() {
        // Commands owned by other modules (with their own tests) are not walked.
        if path.len() == 1 && ["aime", "app", "ssh", "scp"].contains(&path[0].as_str()) {
            continue;
        }
        let mut cmd = sb.bai();
        cmd.args(&path).arg("--help");
        let out = run(cmd);
        let shown = path.join(" ");
        assert_eq!(out.code, 0, "bai {shown} --help: {}", out.stderr);
        assert!(out.stderr.is_empty(), "help goes to stdout");
        all.push_str(&format!("===== bai {shown} --help\n{}\n", out.stdout));
        count += 1;
        let mut subs = subcommands(&out.stdout);
        subs.reverse();
        for s in subs {
            let mut p = path.clone();
            p.push(s);
            queue.push(p);
        }
    }
    assert!(count > 100, "only {count} help pages");
    insta::assert_snapshot!("help", all);
}

#[test]
fn version_exits_zero() {
    let sb = Sandbox::new();
    let out = run({
        let mut c = sb.bai();
        c.arg("--version");
        c
    });
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout.trim(),
        format!("bai {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bad_flag_is_usage_error_2() {
    let sb = Sandbox::new();
    let out = run({
        let mut c = sb.bai();
        c.args(["ps", "--bogus"]);
        c
    });
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr
            .starts_with("error: unexpected argument '--bogus'"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_status_value_is_2() {
    let sb = Sandbox::new();
    let out = run({
        let mut c = sb.bai();
        c.args(["ps", "--status", "NOPE"]);
        c
    });
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid value 'NOPE'"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_subcommand_is_2() {
    let sb = Sandbox::new();
    let out = run(sb.bai());
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("Usage: bai"), "{}", out.stderr);
}

#[test]
fn config_masks_secret() {
    let sb = Sandbox::new();
    let out = run(sb.bai_at(
        "http://127.0.0.1:8081",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ));
    // No subcommand: usage error. Now with `config`:
    assert_eq!(out.code, 2);
    let mut c = sb.bai_at(
        "http://127.0.0.1:8081",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    c.arg("config");
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCY"));
    let text = out.stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
    insta::assert_snapshot!("config", text);
}

#[test]
fn config_json() {
    let sb = Sandbox::new();
    let mut c = sb.bai_at(
        "http://127.0.0.1:8081",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    c.args(["-o", "json", "config"]);
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["endpoint"], "http://127.0.0.1:8081");
    assert_eq!(v["access_key"], "AKIAIOSFODNN7EXAMPLE");
    // Core's one masking rule: nothing of the secret, not even its length.
    assert_eq!(v["secret_key"], backendai_core::secret::MASK);
}

#[test]
fn config_show_sources_and_masking() {
    let sb = Sandbox::new();
    let mut c = sb.bai();
    c.env("BACKEND_ENDPOINT", "http://127.0.0.1:8081")
        .env("SORNA_ACCESS_KEY", "AKIAIOSFODNN7EXAMPLE")
        .env(
            "BACKEND_SECRET_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        )
        .env("XDG_STATE_HOME", "/xdg/state")
        .args(["config", "show", "--skip-sslcert-validation"]);
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("wJalrXUtnFEMI/K7MDENG/bPxRfiCY"));
    insta::assert_snapshot!("config_show", out.stdout);

    let mut c = sb.bai();
    c.env(
        "BACKEND_SECRET_KEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    )
    .args(["config", "show", "-o", "json"]);
    let out = run(c);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let settings = v["settings"].as_array().expect("settings");
    let sk = settings
        .iter()
        .find(|s| s["key"] == "secret_key")
        .expect("secret_key");
    assert_eq!(sk["source"], "env");
    assert_eq!(sk["origin"], "BACKEND_SECRET_KEY");
    assert!(!sk["value"].as_str().unwrap().contains("K7MDENG"));
}

#[test]
fn bad_env_value_is_2() {
    let sb = Sandbox::new();
    let mut c = sb.bai();
    c.env("BACKEND_SKIP_SSLCERT_VALIDATION", "maybe")
        .arg("config");
    let out = run(c);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: invalid BACKEND_SKIP_SSLCERT_VALIDATION"),
        "{}",
        out.stderr
    );
    let mut c = sb.bai();
    c.env("BACKEND_ENDPOINT", "not-a-url").arg("config");
    let out = run(c);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1);
}

#[test]
fn config_file_layering() {
    let sb = Sandbox::new();
    let dir = sb.home.path().join(".config/backend.ai");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "endpoint = \"http://file.example:8081\"\ndomain = \"filedom\"\n",
    )
    .unwrap();
    let mut c = sb.bai();
    c.env("BACKEND_DOMAIN", "envdom")
        .args(["-o", "json", "config", "show"]);
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let get = |k: &str| {
        v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == k)
            .cloned()
            .unwrap()
    };
    assert_eq!(get("endpoint")["value"], "http://file.example:8081");
    assert_eq!(get("endpoint")["source"], "file");
    assert_eq!(get("domain")["value"], "envdom");
    assert_eq!(get("domain")["source"], "env");
    assert_eq!(get("group")["source"], "default");
}

#[test]
fn completion_scripts() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let mut c = sb.bai();
        c.args(["completion", shell]);
        let out = run(c);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("bai"), "{shell}");
        assert!(out.stdout.contains("vfolder"), "{shell}");
    }
}

#[test]
fn backend_ai_program_name() {
    let sb = Sandbox::new();
    let bin = assert_cmd::cargo::cargo_bin("bai");
    let link = sb.home.path().join("backend.ai");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&bin, &link).expect("symlink");
    let mut c = assert_cmd::Command::new(&link);
    c.env_clear().env("HOME", sb.home.path()).arg("--help");
    let out = run(c);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("Usage: backend.ai [OPTIONS] <COMMAND>"),
        "{}",
        out.stdout
    );
    let mut c = assert_cmd::Command::new(&link);
    c.env_clear()
        .env("HOME", sb.home.path())
        .args(["completion", "bash"]);
    let out = run(c);
    assert!(
        out.stdout.contains("_backend.ai()"),
        "{}",
        &out.stdout[..200.min(out.stdout.len())]
    );
}

#[test]
fn broken_pipe_is_quiet() {
    // `bai completion bash | head -c 10`: the reader goes away early.
    let sb = Sandbox::new();
    let bin = assert_cmd::cargo::cargo_bin("bai");
    let mut child = std::process::Command::new(bin)
        .env_clear()
        .env("HOME", sb.home.path())
        .args(["completion", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn login_requires_session_mode() {
    let sb = Sandbox::new();
    let mut c = sb.bai();
    c.args(["login", "--user-id", "a@b", "--password-stdin"])
        .write_stdin("pw\n");
    let out = run(c);
    assert_eq!(out.code, 1);
    assert!(out
        .stderr
        .starts_with("error: to use login, the endpoint type must be \"session\""));
}
