//! `bai aime` against the in-process AIME test server (spec/aime-protocol.md).

#[path = "../../backendai-sdk/tests/support/aime_server.rs"]
mod aime_server;

use aime_server::{AimeServer, API_KEY, PNG_BYTES, WAV_BYTES};
use assert_cmd::Command;
use serde_json::Value;

/// A server on its own runtime thread, alive for the whole test.
struct Fixture {
    server: AimeServer,
    _rt: tokio::runtime::Runtime,
}

fn fixture() -> Fixture {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(AimeServer::start());
    Fixture { server, _rt: rt }
}

fn bai(f: &Fixture, key: Option<&str>) -> Command {
    let mut cmd = Command::cargo_bin("bai").unwrap();
    for var in [
        "AIME_API_SERVER",
        "AIME_API_KEY",
        "AIME_SESSION_KEY",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    // No user config file: its [aime] table would fill in what a test leaves unset.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-bai-test-config");
    cmd.env("AIME_API_SERVER", &f.server.url);
    if let Some(k) = key {
        cmd.env("AIME_API_KEY", k);
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `bai aime request <endpoint> -p prompt_input=<prompt> --poll-interval 0.01`.
fn request(f: &Fixture, key: Option<&str>, endpoint: &str, prompt: &str) -> Command {
    let mut cmd = bai(f, key);
    cmd.args(["aime", "request", endpoint, "-p"])
        .arg(format!("prompt_input={prompt}"))
        .args(["--poll-interval", "0.01"]);
    cmd
}

fn stdout_json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The result JSON with volatile values (job id) replaced.
fn normalized(mut v: Value) -> String {
    if let Some(id) = v.get_mut("job_id") {
        *id = Value::String("<job-id>".into());
    }
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn request_prints_the_result_as_json() {
    let f = fixture();
    let out = bai(&f, Some(API_KEY))
        .args([
            "aime",
            "request",
            "echo",
            "-p",
            "prompt_input=hello there kenobi",
        ])
        .args([
            "-p",
            "max_gen_tokens=2.9",
            "--poll-interval",
            "0.01",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("aime_request_json", normalized(stdout_json(&out)));
    // The integer input was typed from the endpoint description; 2.9 was sent as is.
    let submit = f
        .server
        .seen()
        .into_iter()
        .find(|s| s.path == "/echo")
        .unwrap();
    let body = submit.body.unwrap();
    assert_eq!(body["max_gen_tokens"], serde_json::json!(2.9));
    assert_eq!(body["wait_for_result"], serde_json::json!(false));
    assert_eq!(f.server.count("GET", "/api/endpoints/echo"), 1);
}

#[test]
fn request_prints_text_for_people() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let params = dir.path().join("p.json");
    std::fs::write(
        &params,
        r#"{"prompt_input": "from file", "max_gen_tokens": 8}"#,
    )
    .unwrap();
    let out = bai(&f, Some(API_KEY))
        .args([
            "aime",
            "request",
            "echo",
            "--poll-interval",
            "0.01",
            "--json-file",
        ])
        .arg(&params)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("aime_request_text", String::from_utf8_lossy(&out.stdout));
    assert!(
        stderr(&out).contains("compute 2.02 s, total 2.02 s"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn binary_outputs_are_written_to_files() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = request(&f, Some(API_KEY), "images", "cat")
        .arg("--output-dir")
        .arg(dir.path())
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("images_0.png")).unwrap(),
        PNG_BYTES
    );
    assert_eq!(
        std::fs::read(dir.path().join("images_1.png")).unwrap(),
        &PNG_BYTES[..4]
    );
    assert_eq!(
        std::fs::read(dir.path().join("audio_output.wav")).unwrap(),
        WAV_BYTES
    );
    let v = stdout_json(&out);
    let img0 = v["images"][0].as_str().unwrap();
    assert!(img0.ends_with("images_0.png"), "{img0}");
    assert!(v["audio_output"]
        .as_str()
        .unwrap()
        .ends_with("audio_output.wav"));
}

#[test]
fn failed_job_exits_1_with_the_model_error() {
    let f = fixture();
    let out = request(&f, Some(API_KEY), "fail", "x").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("CUDA out of memory while generating"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn lapsed_job_exits_1() {
    let f = fixture();
    let out = request(&f, Some(API_KEY), "lapse", "x").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("lapsed"), "{}", stderr(&out));
}

#[test]
fn invalid_key_exits_3() {
    let f = fixture();
    let out = bai(&f, Some("wrong-key"))
        .args(["aime", "login", "echo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("Key not valid"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("wrong-key"));
}

#[test]
fn unknown_endpoint_exits_1() {
    let f = fixture();
    let out = bai(&f, Some(API_KEY))
        .args(["aime", "request", "nope", "-p", "prompt_input=x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`nope` not found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rejected_inputs_exit_2_with_the_server_message() {
    let f = fixture();
    let out = bai(&f, Some(API_KEY))
        .args(["aime", "request", "echo", "-p", "prompt=x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Invalid input parameter(s): prompt"),
        "{}",
        stderr(&out)
    );
    let out = bai(&f, Some(API_KEY))
        .args(["aime", "request", "echo", "-p", "max_gen_tokens=ten"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected an integer"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_configuration_exits_2() {
    let f = fixture();
    let out = bai(&f, Some(API_KEY))
        .env_remove("AIME_API_SERVER")
        .args(["aime", "login", "echo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("AIME_API_SERVER"), "{}", stderr(&out));
    let out = bai(&f, None)
        .args(["aime", "login", "echo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("AIME_API_KEY"), "{}", stderr(&out));
    assert!(f.server.seen().is_empty());
}

#[test]
fn login_and_session_key_reuse() {
    let f = fixture();
    let out = bai(&f, Some(API_KEY))
        .args(["aime", "login", "echo"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).replace(&f.server.url, "<server>");
    insta::assert_snapshot!("aime_login_text", text);

    let out = bai(&f, Some(API_KEY))
        .args(["aime", "login", "echo", "--show-session-key", "-o", "json"])
        .output()
        .unwrap();
    let v = stdout_json(&out);
    assert_eq!(v["endpoint"], "echo");
    assert_eq!(v["ep_version"], 1);
    let session = v["client_session_auth_key"].as_str().unwrap().to_owned();
    assert_eq!(session.len(), 36);

    // A later request with only the session key: no login, no API key.
    let logins = f.server.count("GET", "/echo/login");
    let out = request(&f, None, "echo", "hi")
        .env("AIME_SESSION_KEY", &session)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "num_generated_tokens: 1\nmodel_name: echo-model\necho: hi\n"
    );
    assert_eq!(f.server.count("GET", "/echo/login"), logins);
}

#[test]
fn endpoints_are_listed_and_described() {
    let f = fixture();
    let out = bai(&f, Some(API_KEY))
        .args(["aime", "endpoints", "--mine"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!("aime_endpoints_mine", String::from_utf8_lossy(&out.stdout));
    let out = bai(&f, None)
        .args(["aime", "endpoints", "echo"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    insta::assert_snapshot!(
        "aime_endpoint_describe",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = bai(&f, Some("bad"))
        .args(["aime", "endpoints", "--mine"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn help_lists_the_subcommands() {
    let out = Command::cargo_bin("bai")
        .unwrap()
        .args(["aime", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for sub in ["login", "request", "endpoints", "AIME_API_SERVER"] {
        assert!(text.contains(sub), "{text}");
    }
}

#[test]
fn config_file_aime_table_below_env_and_flags() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let cfg_dir = dir.path().join("backend.ai");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    std::fs::write(
        cfg_dir.join("config.toml"),
        format!(
            "[aime]\nserver = \"{}\"\napi_key = \"{API_KEY}\"\n",
            f.server.url
        ),
    )
    .unwrap();
    let with_file = |key: Option<&str>| {
        let mut c = bai(&f, key);
        c.env("XDG_CONFIG_HOME", dir.path());
        c
    };

    // File only.
    let out = with_file(None)
        .env_remove("AIME_API_SERVER")
        .args(["aime", "endpoints", "--mine"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("echo"));

    // The environment beats the file (a wrong key from the environment fails with 3).
    let out = with_file(Some("wrong-key"))
        .args(["aime", "login", "echo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let out = with_file(None)
        .env("AIME_API_SERVER", "http://127.0.0.1:9")
        .args(["aime", "login", "echo"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "env server used: {}",
        stderr(&out)
    );

    // Flags beat the environment.
    let out = with_file(Some("wrong-key"))
        .env("AIME_API_SERVER", "http://127.0.0.1:9")
        .args(["aime", "login", "echo", "--server", &f.server.url])
        .args(["--api-key", API_KEY])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    // `config show` lists both, the key masked.
    let out = with_file(None)
        .env_remove("AIME_API_SERVER")
        .args(["-o", "json", "config", "show"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = stdout_json(&out);
    let settings = v["settings"].as_array().unwrap();
    let get = |k: &str| {
        settings
            .iter()
            .find(|s| s["key"] == k)
            .unwrap_or_else(|| panic!("{k} in {v}"))
            .clone()
    };
    assert_eq!(get("aime.server")["value"], f.server.url.as_str());
    assert_eq!(get("aime.server")["source"], "file");
    assert_eq!(get("aime.api_key")["value"], "********");
    assert_eq!(get("aime.api_key")["source"], "file");
    assert!(!String::from_utf8_lossy(&out.stdout).contains(API_KEY));

    // The environment shows as the source when set.
    let out = with_file(Some("another-key"))
        .args(["-o", "json", "config", "show"])
        .output()
        .unwrap();
    let v = stdout_json(&out);
    let key = v["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "aime.api_key")
        .unwrap()
        .clone();
    assert_eq!(key["source"], "env");
    assert_eq!(key["origin"], "AIME_API_KEY");
}
