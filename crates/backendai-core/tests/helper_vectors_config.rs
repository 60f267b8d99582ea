//! Golden vectors from the real Python client 23.09.10 (`helper_vectors_23.09.10.json`):
//! URL building, SSE parsing, version naming and parsing, configuration helpers.

use backendai_core::config::EndpointType;
use backendai_core::sse::{SseEvent, SseParser};
use backendai_core::urls::build_url;
use backendai_core::version::{naming, ApiVersion};
use serde_json::Value;

const VECTORS: &str = include_str!("../../../tests/fixtures/helper_vectors_23.09.10.json");

fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("fixture is valid JSON")
}

fn cases(section: &str) -> Vec<Value> {
    let v = vectors();
    let cases = v[section]["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("section {section} has cases"))
        .clone();
    assert!(!cases.is_empty(), "{section} has no cases");
    cases
}

fn s(v: &Value) -> &str {
    v.as_str().expect("string")
}

/// The text of a vector's Python `ValueError`, if the case expects one.
fn expected_error(output: &Value) -> Option<&str> {
    output
        .get("error")
        .and_then(Value::as_str)
        .map(|e| e.strip_prefix("ValueError: ").expect("a ValueError"))
}

// ---------------------------------------------------------------------------------------------
// request_build_url

#[test]
fn request_build_url_vectors() {
    let all = cases("request_build_url");
    assert_eq!(all.len(), 12);
    for case in all {
        let endpoint_type = match s(&case["endpoint_type"]) {
            "api" => EndpointType::Api,
            "session" => EndpointType::Session,
            other => panic!("unknown endpoint type {other}"),
        };
        let query: Vec<(String, String)> = match &case["params"] {
            Value::Null => Vec::new(),
            Value::Object(m) => m
                .iter()
                .map(|(k, v)| (k.clone(), s(v).to_owned()))
                .collect(),
            other => panic!("unexpected params {other}"),
        };
        let built = build_url(
            s(&case["endpoint"]),
            endpoint_type,
            s(&case["path"]),
            &query,
        )
        .unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(built.full_url, s(&case["full_url"]), "{case}");
        assert_eq!(built.rel_url, s(&case["signed_rel_url"]), "{case}");
    }
}

// ---------------------------------------------------------------------------------------------
// sse_parser

fn expected_events(case: &Value) -> Vec<SseEvent> {
    case["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| SseEvent {
            event: s(&e["event"]).to_owned(),
            data: s(&e["data"]).to_owned(),
            id: e["id"].as_str().map(str::to_owned),
            retry: e["retry"].as_u64(),
        })
        .collect()
}

fn input_bytes(case: &Value) -> Vec<u8> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s(&case["input_b64"]))
        .expect("base64");
    assert_eq!(
        bytes,
        s(&case["input_text"]).as_bytes(),
        "fixture consistent"
    );
    bytes
}

#[test]
fn sse_parser_vectors_whole_input() {
    let all = cases("sse_parser");
    assert_eq!(all.len(), 14);
    for case in all {
        let mut p = SseParser::new();
        let mut got = p.feed(&input_bytes(&case));
        got.extend(p.finish());
        assert_eq!(got, expected_events(&case), "case {}", case["name"]);
    }
}

#[test]
fn sse_parser_vectors_byte_by_byte() {
    for case in cases("sse_parser") {
        let mut p = SseParser::new();
        let mut got = Vec::new();
        for b in input_bytes(&case) {
            got.extend(p.feed(&[b]));
        }
        got.extend(p.finish());
        assert_eq!(got, expected_events(&case), "case {}", case["name"]);
    }
}

#[test]
fn sse_parser_vectors_every_split_point() {
    for case in cases("sse_parser") {
        let bytes = input_bytes(&case);
        for cut in 0..=bytes.len() {
            let mut p = SseParser::new();
            let mut got = p.feed(&bytes[..cut]);
            got.extend(p.feed(&bytes[cut..]));
            got.extend(p.finish());
            assert_eq!(
                got,
                expected_events(&case),
                "case {} cut {cut}",
                case["name"]
            );
        }
    }
}

mod sse_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(chunks in proptest::collection::vec(
            proptest::collection::vec(any::<u8>(), 0..64), 0..16)) {
            let mut p = SseParser::new();
            for c in &chunks {
                let _ = p.feed(c);
            }
            let _ = p.finish();
        }

        #[test]
        fn chunking_does_not_change_the_result(
            text in "(event: [a-z]{0,4}\n|data: [ -~]{0,6}\n|id: [0-9]{0,3}\n|retry: [0-9]{1,3}\n|: c\n|\r?\n){0,12}",
            cut in 0usize..200,
        ) {
            let bytes = text.as_bytes();
            let cut = cut.min(bytes.len());
            let mut whole = SseParser::new();
            let expected = whole.feed(bytes);
            let mut split = SseParser::new();
            let mut got = split.feed(&bytes[..cut]);
            got.extend(split.feed(&bytes[cut..]));
            prop_assert_eq!(got, expected);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// get_naming, parse_api_version, config_constants

fn version_of(v: &Value) -> ApiVersion {
    let pair = v.as_array().expect("[major, date]");
    ApiVersion::new(
        u32::try_from(pair[0].as_u64().expect("major")).expect("small"),
        s(&pair[1]),
    )
}

#[test]
fn get_naming_vectors() {
    let all = cases("get_naming");
    assert_eq!(all.len(), 30);
    for case in all {
        let version = version_of(&case["api_version"]);
        let key = s(&case["key"]);
        assert_eq!(
            naming(&version).get(key),
            Some(s(&case["output"])),
            "{version} {key}"
        );
    }
}

#[test]
fn parse_api_version_vectors() {
    let all = cases("parse_api_version");
    assert_eq!(all.len(), 7);
    for case in all {
        let input = s(&case["input"]);
        let parsed = input.parse::<ApiVersion>();
        match expected_error(&case["output"]) {
            Some(_) => assert!(parsed.is_err(), "{input} must fail"),
            None => assert_eq!(parsed.expect(input), version_of(&case["output"])),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// bool_env, clean_urls, clean_tokens, clean_address_map, config_defaults, config_constants

mod config_helpers {
    use super::*;
    use backendai_core::config::{
        bool_env, clean_address_map, clean_tokens, clean_urls, parse_timeout, ApiConfig,
        DEFAULT_CHUNK_SIZE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_ENDPOINT, DEFAULT_READ_TIMEOUT,
        MAX_INFLIGHT_CHUNKS,
    };
    use backendai_core::HashType;
    use std::time::Duration;

    #[test]
    fn bool_env_vectors() {
        let all = cases("bool_env");
        assert_eq!(all.len(), 16);
        for case in all {
            let input = s(&case["input"]);
            match expected_error(&case["output"]) {
                Some(msg) => assert_eq!(bool_env(input).unwrap_err().to_string(), msg),
                None => assert_eq!(bool_env(input), Ok(case["output"].as_bool().unwrap())),
            }
        }
    }

    #[test]
    fn clean_urls_vectors() {
        let all = cases("clean_urls");
        assert_eq!(all.len(), 7);
        for case in all {
            let input = s(&case["input"]);
            match expected_error(&case["output"]) {
                Some(msg) => assert_eq!(clean_urls(input).unwrap_err().to_string(), msg, "{input}"),
                None => {
                    let want: Vec<&str> =
                        case["output"].as_array().unwrap().iter().map(s).collect();
                    assert_eq!(clean_urls(input).expect(input), want);
                }
            }
        }
    }

    #[test]
    fn clean_tokens_vectors() {
        let all = cases("clean_tokens");
        assert_eq!(all.len(), 5);
        for case in all {
            let want: Vec<&str> = case["output"].as_array().unwrap().iter().map(s).collect();
            assert_eq!(clean_tokens(s(&case["input"])), want);
        }
    }

    #[test]
    fn clean_address_map_vectors() {
        let all = cases("clean_address_map");
        assert_eq!(all.len(), 6);
        for case in all {
            let input = s(&case["input"]);
            match expected_error(&case["output"]) {
                Some(msg) => {
                    assert_eq!(
                        clean_address_map(input).unwrap_err().to_string(),
                        msg,
                        "{input:?}"
                    )
                }
                None => {
                    let got = clean_address_map(input).expect(input);
                    let want = case["output"].as_object().unwrap();
                    assert_eq!(got.len(), want.len());
                    for (k, v) in want {
                        assert_eq!(got.get(k).map(String::as_str), Some(s(v)), "{input}");
                    }
                }
            }
        }
    }

    #[test]
    fn config_defaults_vector() {
        let v = vectors();
        let d = &v["config_defaults"]["value"];
        let cfg = ApiConfig::default();
        assert_eq!(s(&d["endpoint"]), DEFAULT_ENDPOINT);
        assert_eq!(cfg.endpoints, [s(&d["endpoint"])]);
        assert_eq!(cfg.endpoint_type.as_str(), s(&d["endpoint_type"]));
        // The one deliberate difference: 23.09 offers v7.20230615, we offer v9.20250722 (26.9)
        // and negotiate down to v7 with a 23.09 manager (core::version::client_default).
        assert_eq!(s(&d["version"]), ApiVersion::v7_23_09().to_string());
        assert_eq!(cfg.api_version, ApiVersion::client_default());
        assert_eq!(
            s(&d["hash_type"]).parse::<HashType>().unwrap(),
            cfg.hash_type
        );
        assert_eq!(cfg.domain, s(&d["domain"]));
        assert_eq!(cfg.group, s(&d["group"]));
        assert!(d["storage_proxy_address_map"]
            .as_object()
            .unwrap()
            .is_empty());
        assert!(cfg.storage_proxy_address_map.is_empty());
        assert_eq!(s(&d["connection_timeout"]), DEFAULT_CONNECTION_TIMEOUT);
        assert_eq!(
            parse_timeout(DEFAULT_CONNECTION_TIMEOUT).unwrap(),
            cfg.connection_timeout
        );
        assert_eq!(s(&d["read_timeout"]), DEFAULT_READ_TIMEOUT);
        assert_eq!(parse_timeout(DEFAULT_READ_TIMEOUT).unwrap(), Duration::ZERO);
        assert_eq!(cfg.read_timeout, None, "0 = unlimited");
    }

    #[test]
    fn config_constants_vector() {
        let v = vectors();
        let c = &v["config_constants"];
        assert_eq!(c["DEFAULT_CHUNK_SIZE"].as_u64(), Some(DEFAULT_CHUNK_SIZE));
        assert_eq!(
            c["MAX_INFLIGHT_CHUNKS"].as_u64(),
            Some(u64::try_from(MAX_INFLIGHT_CHUNKS).unwrap())
        );
        // The 23.09 client's default; ours is newer (v9, 26.9) and negotiates down to it.
        assert_eq!(version_of(&c["API_VERSION"]), ApiVersion::v7_23_09());
        assert_eq!(
            version_of(&c["MIN_API_VERSION"]),
            ApiVersion::min_supported()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Layered resolution

mod resolution {
    use backendai_core::config::{
        config_file_path, resolve, state_dir, ConfigError, ConfigFile, EndpointType, Overrides,
        ResolvedConfig, Source, SETTING_KEYS,
    };
    use backendai_core::{ApiVersion, HashType, Secret};
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::time::Duration;

    const PATH: &str = "/home/u/.config/backend.ai/config.toml";

    fn run(
        file: Option<&str>,
        env: &[(&str, &str)],
        overrides: &Overrides,
    ) -> Result<ResolvedConfig, ConfigError> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let file = file.map(|contents| ConfigFile {
            path: PATH,
            contents,
        });
        resolve(file, |k| env.get(k).cloned(), overrides)
    }

    fn file_src() -> Source {
        Source::File(PATH.to_owned())
    }

    #[test]
    fn defaults_only() {
        let r = run(None, &[], &Overrides::default()).unwrap();
        assert_eq!(r.settings.len(), SETTING_KEYS.len());
        assert!(r.settings.iter().all(|s| s.source == Source::Default));
        assert_eq!(r.config.endpoints, ["https://api.cloud.backend.ai"]);
        assert_eq!(r.setting("read_timeout").unwrap().value, "unlimited");
        assert_eq!(r.setting("connection_timeout").unwrap().value, "10s");
        assert_eq!(r.setting("secret_key").unwrap().value, "");
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn every_file_key_is_read() {
        let toml = r#"
endpoints = ["HTTP://A:8081", "http://b:8081/"]
endpoint_type = "session"
access_key = "AKFILE"
secret_key = "file-secret"
api_version = "v6.20220615"
hash_type = "sha512"
domain = "d"
group = "g"
vfolder_mounts = ["x", "y"]
connection_timeout = 2.5
read_timeout = 30
skip_sslcert_validation = true
user_agent = "ua/1"
override_storage_proxy = { "http://in:6021" = "https://out:6021" }
"#;
        let r = run(Some(toml), &[], &Overrides::default()).unwrap();
        let c = &r.config;
        assert_eq!(c.endpoints, ["http://a:8081", "http://b:8081/"]);
        assert_eq!(c.endpoint_type, EndpointType::Session);
        assert_eq!(c.access_key, "AKFILE");
        assert_eq!(c.secret_key.expose(), "file-secret");
        assert_eq!(c.api_version, ApiVersion::new(6, "20220615"));
        assert_eq!(c.hash_type, HashType::Sha512);
        assert_eq!((c.domain.as_str(), c.group.as_str()), ("d", "g"));
        assert_eq!(c.vfolder_mounts, ["x", "y"]);
        assert_eq!(c.connection_timeout, Duration::from_millis(2500));
        assert_eq!(c.read_timeout, Some(Duration::from_secs(30)));
        assert!(c.skip_sslcert_validation);
        assert_eq!(c.user_agent, "ua/1");
        assert_eq!(
            c.storage_proxy_address_map["http://in:6021"],
            "https://out:6021"
        );
        assert!(
            r.settings.iter().all(|s| s.source == file_src()),
            "{:?}",
            r.settings
        );
        assert!(r.warnings.is_empty());
        // The secret never appears in the display values or the Debug output.
        assert_eq!(r.setting("secret_key").unwrap().value, "********");
        assert!(!format!("{r:?}").contains("file-secret"));
    }

    #[test]
    fn file_strings_use_the_env_syntax() {
        let toml = r#"
endpoint = "http://a:1, http://b:2"
vfolder_mounts = "p, q,,"
connection_timeout = "0"
read_timeout = "1.5"
skip_sslcert_validation = "yes"
override_storage_proxy = "a=b,c=d"
"#;
        let r = run(Some(toml), &[], &Overrides::default()).unwrap();
        assert_eq!(r.config.endpoints, ["http://a:1", "http://b:2"]);
        assert_eq!(r.config.vfolder_mounts, ["p", "q"]);
        assert_eq!(r.config.connection_timeout, Duration::ZERO);
        assert_eq!(r.config.read_timeout, Some(Duration::from_millis(1500)));
        assert!(r.config.skip_sslcert_validation);
        assert_eq!(r.config.storage_proxy_address_map.len(), 2);
        assert_eq!(
            r.setting("override_storage_proxy").unwrap().value,
            "a=b,c=d"
        );
    }

    #[test]
    fn precedence_default_file_env_explicit() {
        let toml = "domain = \"file\"\ngroup = \"file\"\naccess_key = \"AKFILE\"\nendpoint = \"http://file:1\"\n";
        let env = [
            ("BACKEND_GROUP", "env"),
            ("SORNA_GROUP", "legacy"),
            ("SORNA_ACCESS_KEY", "AKSORNA"),
            ("BACKEND_ENDPOINT", "http://env:2"),
        ];
        let overrides = Overrides {
            endpoints: Some(vec!["http://flag:3".into()]),
            ..Overrides::default()
        };
        let r = run(Some(toml), &env, &overrides).unwrap();
        assert_eq!(r.config.domain, "file");
        assert_eq!(r.source_of("domain"), Some(&file_src()));
        assert_eq!(r.config.group, "env");
        assert_eq!(
            r.source_of("group"),
            Some(&Source::Env("BACKEND_GROUP".into()))
        );
        assert_eq!(r.config.access_key, "AKSORNA");
        assert_eq!(
            r.source_of("access_key"),
            Some(&Source::Env("SORNA_ACCESS_KEY".into()))
        );
        assert_eq!(r.config.endpoints, ["http://flag:3"]);
        assert_eq!(r.source_of("endpoint"), Some(&Source::Explicit));
        assert_eq!(r.source_of("user_agent"), Some(&Source::Default));
    }

    #[test]
    fn empty_env_value_counts_as_set() {
        let r = run(
            Some("access_key = \"AKFILE\""),
            &[("BACKEND_ACCESS_KEY", "")],
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(r.config.access_key, "");
        assert_eq!(
            r.source_of("access_key"),
            Some(&Source::Env("BACKEND_ACCESS_KEY".into()))
        );
    }

    #[test]
    fn env_values_are_parsed() {
        let env = [
            ("BACKEND_ENDPOINT", "http://a:8081,http://b:8081"),
            ("BACKEND_ENDPOINT_TYPE", "session"),
            ("BACKEND_SECRET_KEY", "s3cr3t"),
            ("BACKEND_VFOLDER_MOUNTS", "m1,m2"),
            ("BACKEND_SKIP_SSLCERT_VALIDATION", "TRUE"),
            ("BACKEND_CONNECTION_TIMEOUT", "3"),
            ("BACKEND_READ_TIMEOUT", "0"),
            (
                "BACKEND_OVERRIDE_STORAGE_PROXY",
                "http://a:6021=http://b:6021",
            ),
        ];
        let r = run(None, &env, &Overrides::default()).unwrap();
        assert_eq!(r.config.endpoints.len(), 2);
        assert_eq!(r.config.endpoint_type, EndpointType::Session);
        assert_eq!(r.config.secret_key, Secret::new("s3cr3t"));
        assert_eq!(r.config.vfolder_mounts, ["m1", "m2"]);
        assert!(r.config.skip_sslcert_validation);
        assert_eq!(r.config.connection_timeout, Duration::from_secs(3));
        assert_eq!(r.config.read_timeout, None);
        assert_eq!(
            r.config.storage_proxy_address_map["http://a:6021"],
            "http://b:6021"
        );
        assert_eq!(
            r.source_of("read_timeout"),
            Some(&Source::Env("BACKEND_READ_TIMEOUT".into()))
        );
    }

    #[test]
    fn explicit_overrides_win_for_every_key() {
        let overrides = Overrides {
            endpoints: Some(vec!["https://x".into()]),
            endpoint_type: Some(EndpointType::Api),
            access_key: Some("AK".into()),
            secret_key: Some(Secret::new("SK")),
            api_version: Some(ApiVersion::new(4, "20190615")),
            hash_type: Some(HashType::Md5),
            domain: Some("d".into()),
            group: Some("g".into()),
            vfolder_mounts: Some(vec!["v".into()]),
            connection_timeout: Some(Duration::from_secs(1)),
            read_timeout: Some(None),
            skip_sslcert_validation: Some(true),
            user_agent: Some("u".into()),
            storage_proxy_address_map: Some([("a".to_owned(), "b".to_owned())].into()),
        };
        let env = [("BACKEND_READ_TIMEOUT", "5"), ("BACKEND_DOMAIN", "env")];
        let r = run(Some("hash_type = \"sha1\""), &env, &overrides).unwrap();
        assert!(r.settings.iter().all(|s| s.source == Source::Explicit));
        assert_eq!(r.config.read_timeout, None);
        assert_eq!(r.config.hash_type, HashType::Md5);
    }

    #[test]
    fn invalid_values_name_their_origin() {
        let err = |file: Option<&str>, env: &[(&str, &str)]| {
            run(file, env, &Overrides::default())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(None, &[("BACKEND_SKIP_SSLCERT_VALIDATION", "on")]),
            "invalid BACKEND_SKIP_SSLCERT_VALIDATION: ('Unrecognized value of boolean environment variable', 'on')"
        );
        assert_eq!(
            err(None, &[("SORNA_ENDPOINT", "host:8080")]),
            "invalid SORNA_ENDPOINT: URL host:8080 is not absolute."
        );
        assert_eq!(
            err(None, &[("BACKEND_OVERRIDE_STORAGE_PROXY", "a=")]),
            "invalid BACKEND_OVERRIDE_STORAGE_PROXY:  is not a valid mapping expression"
        );
        assert!(err(None, &[("BACKEND_ENDPOINT_TYPE", "cookie")])
            .starts_with("invalid BACKEND_ENDPOINT_TYPE: unsupported endpoint type 'cookie'"));
        assert!(err(None, &[("BACKEND_CONNECTION_TIMEOUT", "-1")])
            .starts_with("invalid BACKEND_CONNECTION_TIMEOUT: "));
        assert!(err(None, &[("BACKEND_READ_TIMEOUT", "soon")])
            .starts_with("invalid BACKEND_READ_TIMEOUT: "));
        assert_eq!(
            err(Some("domain = 5"), &[]),
            format!("invalid config file {PATH}: key `domain`: expected a string, got a number")
        );
        assert!(err(Some("api_version = \"7\""), &[])
            .starts_with(&format!("invalid config file {PATH}: key `api_version`: ")));
        assert!(err(Some("hash_type = \"crc32\""), &[])
            .starts_with(&format!("invalid config file {PATH}: key `hash_type`: ")));
        assert!(err(Some("skip_sslcert_validation = 1"), &[]).contains("expected a boolean"));
        assert!(err(Some("vfolder_mounts = [1]"), &[]).contains("key `vfolder_mounts`"));
        assert!(err(Some("endpoints = []"), &[]).contains("key `endpoint`"));
        assert!(err(Some("endpoint = \"a\"\nendpoints = [\"b\"]"), &[]).contains("not both"));
        let parse = err(Some("endpoint = "), &[]);
        assert!(
            parse.starts_with(&format!("could not parse config file {PATH}: ")),
            "{parse}"
        );
        for e in [parse, err(Some("domain = 5"), &[])] {
            assert!(!e.contains('\n'), "one line: {e}");
        }
    }

    #[test]
    fn invalid_file_value_is_ignored_when_env_overrides_it() {
        // The env layer wins, so the file's value is never parsed.
        let r = run(
            Some("domain = 5"),
            &[("BACKEND_DOMAIN", "ok")],
            &Overrides::default(),
        );
        assert_eq!(r.unwrap().config.domain, "ok");
    }

    #[test]
    fn invalid_explicit_endpoint_is_an_error() {
        let o = Overrides {
            endpoints: Some(vec!["nope".into()]),
            ..Overrides::default()
        };
        assert!(run(None, &[], &o)
            .unwrap_err()
            .to_string()
            .starts_with("invalid explicit endpoint"));
        let o = Overrides {
            endpoints: Some(vec![]),
            ..Overrides::default()
        };
        assert!(run(None, &[], &o).is_err());
    }

    #[test]
    fn unknown_file_keys_are_warnings() {
        let r = run(
            Some("domain = \"d\"\ncolour = \"red\""),
            &[],
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].contains("`colour`"));
        assert_eq!(r.config.domain, "d");
    }

    #[test]
    fn paths() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            config_file_path(env(&[("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/h")])),
            Some(PathBuf::from("/xdg/backend.ai/config.toml"))
        );
        assert_eq!(
            config_file_path(env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.config/backend.ai/config.toml"))
        );
        assert_eq!(
            config_file_path(env(&[("XDG_CONFIG_HOME", ""), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.config/backend.ai/config.toml"))
        );
        assert_eq!(config_file_path(env(&[])), None);
        assert_eq!(
            state_dir(env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/backend.ai"))
        );
        assert_eq!(
            state_dir(env(&[("XDG_STATE_HOME", "/st"), ("HOME", "/h")])),
            Some(PathBuf::from("/st/backend.ai"))
        );
        assert_eq!(state_dir(env(&[("HOME", "")])), None);
    }
}
