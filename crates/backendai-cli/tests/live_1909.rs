//! Live tests of the 19.09 command names against the real stack: announcement, manager status,
//! task-logs, admin resources/watcher/vfolders/rescan-images, vfolder cp and update-password
//! (wrong old password only) and proxy. Skipped when BACKEND_ENDPOINT is unset.
//!
//! `manager freeze|unfreeze` is not run here (it would stop the shared manager from taking
//! sessions); tests/mock_server.rs covers it.

mod common;

use common::{suffix, Live, Out};

/// The stderr lines that are not empty.
fn err_lines(out: &Out) -> Vec<&str> {
    out.stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Asserts a failure with exit status `code` and exactly one `error: ...` line on stderr.
fn assert_one_line_error(out: &Out, code: i32, what: &str) {
    assert_eq!(
        out.code, code,
        "{what}: stdout {} stderr {}",
        out.stdout, out.stderr
    );
    let lines = err_lines(out);
    assert_eq!(lines.len(), 1, "{what}: {lines:?}");
    assert!(lines[0].starts_with("error: "), "{what}: {lines:?}");
}

#[test]
fn announcement_update_get_dismiss_delete_and_restore() {
    let Some(l) = Live::from_env() else { return };
    let before = l.json(&["announcement", "get"]);
    let was_enabled = before["enabled"] == true;
    let prev_msg = before["message"].as_str().unwrap_or("").to_owned();

    let msg = format!("bai live 19.09 announcement {}", suffix());
    let updated = l.bai(&["-q", "announcement", "update", "-m", &msg]);
    // Read back and delete before asserting, so a failure leaves no announcement behind.
    let got_json = l.bai(&["-o", "json", "announcement", "get"]);
    let got_text = l.bai(&["announcement", "get"]);
    let dismissed = l.bai(&["-q", "announcement", "dismiss"]);
    let deleted = l.bai(&["-q", "announcement", "delete"]);
    let after = l.json(&["announcement", "get"]);
    if was_enabled {
        l.ok(&["-q", "announcement", "update", "-m", &prev_msg]);
    }

    assert_eq!(updated.code, 0, "update: {}", updated.stderr);
    assert_eq!(got_json.code, 0, "get: {}", got_json.stderr);
    let v: serde_json::Value = serde_json::from_str(&got_json.stdout).expect("json");
    assert_eq!(v["enabled"], true, "{v}");
    assert_eq!(v["message"], msg.as_str(), "{v}");
    assert_eq!(got_text.code, 0, "{}", got_text.stderr);
    assert!(
        got_text.stdout.contains("Announcement:"),
        "{}",
        got_text.stdout
    );
    assert!(got_text.stdout.contains(&msg), "{}", got_text.stdout);
    // The announcement command itself never prints the banner.
    assert!(
        !got_text.stderr.contains("----------"),
        "{}",
        got_text.stderr
    );

    assert_eq!(dismissed.code, 0, "dismiss: {}", dismissed.stderr);
    let state_file =
        l.sb.home
            .path()
            .join(".local/state/backend.ai/announcement.json");
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state_file).expect("state file")).expect("state");
    assert_eq!(state["dismissed"], true, "{state}");
    assert_eq!(state["hash"].as_str().map(str::len), Some(64), "{state}");

    assert_eq!(deleted.code, 0, "delete: {}", deleted.stderr);
    assert_eq!(after["enabled"], false, "{after}");
}

#[test]
fn manager_status_top_level() {
    let Some(l) = Live::from_env() else { return };
    let v = l.json(&["manager", "status"]);
    assert_eq!(v["status"], "running", "{v}");
    assert!(v.get("active_sessions").is_some(), "{v}");
    let text = l.ok(&["manager", "status"]);
    assert!(text.stdout.contains("status"), "{}", text.stdout);
}

#[test]
fn task_logs_of_unknown_task_is_one_line_error() {
    let Some(l) = Live::from_env() else { return };
    let out = l.bai(&["-q", "task-logs", "00000000-0000-0000-0000-000000000000"]);
    assert_one_line_error(&out, 1, "task-logs");
}

#[test]
fn update_password_with_wrong_old_password_fails_cleanly() {
    let Some(l) = Live::from_env() else { return };
    let new = format!("Never-{}-Used1!", suffix());
    let out = l.bai(&[
        "-q",
        "update-password",
        &format!("wrong-old-{}", suffix()),
        &new,
        &new,
    ]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert_one_line_error(&out, out.code, "update-password");
    assert!(out.stderr.contains("mismatch"), "{}", out.stderr);
    // Mismatched new passwords are refused before any request.
    let out = l.bai(&["-q", "update-password", "old", "new-a", "new-b"]);
    assert_one_line_error(&out, 2, "update-password mismatch");
}

#[test]
fn admin_resources_lists() {
    let Some(l) = Live::from_env() else { return };
    let presets = l.json(&["admin", "resources", "presets"]);
    assert!(presets["presets"].is_array(), "{presets}");
    let check = l.json(&["admin", "resources", "check-presets"]);
    assert!(check.get("keypair_limits").is_some(), "{check}");
    let slots = l.json(&["admin", "resources", "resource-slots"]);
    assert_eq!(slots["cpu"], "count", "{slots}");
    assert_eq!(slots["mem"], "bytes", "{slots}");
    let types = l.json(&["admin", "resources", "vfolder-types"]);
    assert!(
        types
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "user")),
        "{types}"
    );
    let regs = l.json(&["admin", "resources", "docker-registries"]);
    assert!(regs.is_object(), "{regs}");
    let usage = l.json(&["admin", "resources", "usage-per-month", "202001"]);
    assert!(usage.is_array(), "{usage}");
    let table = l.ok(&["admin", "resources", "presets"]);
    assert!(table.stdout.contains("resource_slots"), "{}", table.stdout);
}

#[test]
fn admin_watcher_status() {
    let Some(l) = Live::from_env() else { return };
    let agents = l.json(&["admin", "agent", "list"]);
    let Some(agent) = agents["items"][0]["id"].as_str() else {
        panic!("no agent: {agents}");
    };
    // The realstack runs no agent watcher: the manager answers with an error. Either way the
    // command must end cleanly (a JSON object, or one error line with status 1).
    let out = l.bai(&["-q", "-o", "json", "admin", "watcher", "status", agent]);
    if out.code == 0 {
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        assert!(v.is_object() || v.is_string(), "{v}");
    } else {
        // With -o json the one error line is a JSON object.
        assert_eq!(out.code, 1, "watcher status: {}", out.stderr);
        let lines = err_lines(&out);
        assert_eq!(lines.len(), 1, "watcher status: {lines:?}");
        let err: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON error line");
        assert!(err["error"]["message"].is_string(), "{err}");
    }
}

#[test]
fn admin_vfolders_lists_all_folders() {
    let Some(l) = Live::from_env() else { return };
    let name = format!("bai1909-adm-{}", suffix());
    l.ok(&["-q", "vfolder", "create", &name]);
    let listed = l.json(&["admin", "vfolders", "list", "--limit", "100"]);
    let default = l.json(&["admin", "vfolders"]);
    let hosts = l.json(&["admin", "vfolders", "list-hosts"]);
    let mounts = l.bai(&["-o", "json", "admin", "vfolders", "list-mounts"]);
    l.ok(&["-q", "vfolder", "delete", &name]);

    assert!(listed["total_count"].as_u64().unwrap_or(0) >= 1, "{listed}");
    let names: Vec<&str> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert!(
        names.contains(&name.as_str()) || listed["total_count"].as_u64() > Some(100),
        "{names:?}"
    );
    assert!(default["items"].is_array(), "{default}");
    assert!(hosts["allowed"].is_array(), "{hosts}");
    assert_eq!(mounts.code, 0, "{}", mounts.stderr);
}

#[test]
fn admin_rescan_images_without_registry_access_is_one_line_error() {
    let Some(l) = Live::from_env() else { return };
    let out = l.bai(&["-q", "admin", "rescan-images"]);
    assert_one_line_error(&out, 1, "rescan-images");
    assert!(out.stderr.contains("rescan"), "{}", out.stderr);
}

#[test]
fn admin_19_09_image_and_scaling_group_names() {
    let Some(l) = Live::from_env() else { return };
    let groups = l.json(&["admin", "list-scaling-groups", "default"]);
    let names: Vec<&str> = groups["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert!(names.contains(&"default"), "{groups}");
    // alias-image / dealias-image of an unknown target: a clean error, no panic.
    let alias = format!("bai1909-alias-{}", suffix());
    let out = l.bai(&["-q", "admin", "alias-image", &alias, "no-such-image:0"]);
    if out.code == 0 {
        l.ok(&["-q", "admin", "dealias-image", &alias]);
    } else {
        assert_eq!(err_lines(&out).len(), 1, "{}", out.stderr);
    }
}

#[test]
fn vfolder_cp_upload_and_download_round_trip() {
    let Some(l) = Live::from_env() else { return };
    let name = format!("bai1909-cp-{}", suffix());
    l.ok(&["-q", "vfolder", "create", &name]);
    struct Cleanup<'a>(&'a Live, String);
    impl Drop for Cleanup<'_> {
        fn drop(&mut self) {
            let _ = self.0.bai(&["-q", "vfolder", "delete", &self.1]);
        }
    }
    let _cleanup = Cleanup(&l, name.clone());

    let work = tempfile::tempdir().expect("tempdir");
    let a = work.path().join("a.txt");
    let content = format!("cp round trip {}\n", suffix());
    std::fs::write(&a, &content).unwrap();
    let tree = work.path().join("tree");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::write(tree.join("sub/b.bin"), [0u8, 1, 2, 255]).unwrap();
    let a_s = a.to_string_lossy().into_owned();
    let tree_s = tree.to_string_lossy().into_owned();

    // Upload: into the root, under a new name, and a directory recursively.
    l.ok(&["-q", "vfolder", "cp", &a_s, &format!("{name}:")]);
    l.ok(&["-q", "vfolder", "cp", &a_s, &format!("{name}:renamed.txt")]);
    let dir_without_r = l.bai(&["-q", "vfolder", "cp", &tree_s, &format!("{name}:d/")]);
    assert_eq!(dir_without_r.code, 2, "{}", dir_without_r.stderr);
    l.ok(&["-q", "vfolder", "cp", "-r", &tree_s, &format!("{name}:d/")]);

    // Download: two files into a new directory, one file to an exact name.
    let out_dir = work.path().join("out");
    let out_s = format!("{}/", out_dir.to_string_lossy());
    let v = l.json(&[
        "vfolder",
        "cp",
        &format!("{name}:a.txt"),
        &format!("{name}:renamed.txt"),
        &out_s,
    ]);
    assert_eq!(v["files"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(
        std::fs::read_to_string(out_dir.join("a.txt")).unwrap(),
        content
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("renamed.txt")).unwrap(),
        content
    );
    let exact = work.path().join("exact.bin");
    l.ok(&[
        "-q",
        "vfolder",
        "cp",
        &format!("{name}:d/tree/sub/b.bin"),
        &exact.to_string_lossy(),
    ]);
    assert_eq!(std::fs::read(&exact).unwrap(), vec![0u8, 1, 2, 255]);

    // Both sides local, or two vfolders: usage errors (status 2) without network.
    let out = l.bai(&["-q", "vfolder", "cp", &a_s, &exact.to_string_lossy()]);
    assert_one_line_error(&out, 2, "local to local");
    let out = l.bai(&["-q", "vfolder", "cp", &format!("{name}:a.txt"), "other:x"]);
    assert_one_line_error(&out, 2, "vfolder to vfolder");
}

/// One `GET` through the proxy; returns (status code, body).
fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    let code = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n")?.1.to_owned();
    Some((code, body))
}

#[test]
fn proxy_signs_and_forwards_requests() {
    let Some(l) = Live::from_env() else { return };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|s| s.local_addr())
        .expect("free port")
        .port();
    let home = l.sb.home.path();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bai"))
        .env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("BACKEND_ENDPOINT", &l.endpoint)
        .env("BACKEND_ACCESS_KEY", &l.ak)
        .env("BACKEND_SECRET_KEY", &l.sk)
        .args([
            "-q",
            "proxy",
            "--bind",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn bai proxy");
    let mut root = None;
    for _ in 0..100 {
        root = http_get(port, "/");
        if root.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = http_get(port, "/manager/status");
    let missing = http_get(port, "/no-such-path-bai1909");
    let _ = child.kill();
    let _ = child.wait();

    let (code, body) = root.expect("proxy answers");
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("\"version\""), "{body}");
    // A signed-only endpoint works without credentials on the client side.
    let (code, body) = status.expect("status");
    assert_eq!(code, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["status"], "running", "{v}");
    // Error answers keep their status and problem body.
    let (code, body) = missing.expect("404");
    assert_eq!(code, 404, "{body}");
    assert!(body.contains("url-not-found"), "{body}");
}
