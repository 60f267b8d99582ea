//! Unit tests across the config modules (the golden vectors are in `tests/`).

use std::time::Duration;

use super::*;
use crate::parse::py_repr;
use crate::secret::Secret;

#[test]
fn py_repr_matches_python() {
    assert_eq!(py_repr("on"), "'on'");
    assert_eq!(py_repr(""), "''");
    assert_eq!(py_repr("it's"), "\"it's\"");
    assert_eq!(py_repr("a'b\"c"), "'a\\'b\"c'");
    assert_eq!(py_repr("x\ny\\"), "'x\\ny\\\\'");
    assert_eq!(py_repr("\u{1}한"), "'\\x01한'");
}

#[test]
fn every_setting_variable_is_in_the_registry() {
    let names: Vec<&str> = ENV_VARS.iter().map(|v| v.name).collect();
    for (name, legacy) in crate::env_vars::BACKEND_WITH_LEGACY {
        assert!(names.contains(name) && names.contains(legacy), "{name}");
    }
    // A variable set to "" counts as set, as in the Python client.
    let env = |k: &str| (k == "BACKEND_DOMAIN").then(String::new);
    let r = resolve(None, env, &Overrides::default()).unwrap();
    assert_eq!(r.config.domain, "");
    assert_eq!(
        r.source_of("domain"),
        Some(&Source::Env("BACKEND_DOMAIN".into()))
    );
}

#[test]
fn aime_table_layers_below_env_and_keeps_other_warnings() {
    let contents = "domain = \"lab\"\nbogus = 1\n[aime]\nserver = \"http://file:7777\"\napi_key = \"file-key-0123456789abcdefghij\"\nextra = true\n";
    let file = ConfigFile {
        path: "/cfg.toml",
        contents,
    };
    let r = resolve(Some(file), |_| None, &Overrides::default()).unwrap();
    assert_eq!(r.config.domain, "lab");
    assert_eq!(r.aime.server.as_deref(), Some("http://file:7777"));
    assert_eq!(r.aime.server_source, Source::File("/cfg.toml".into()));
    assert_eq!(
        r.aime.api_key.as_ref().map(Secret::expose),
        Some("file-key-0123456789abcdefghij")
    );
    assert_eq!(
        r.warnings,
        [
            "config file /cfg.toml: unknown key `bogus` ignored",
            "config file /cfg.toml: unknown key `aime.extra` ignored",
        ]
    );
    let shown = r.aime.settings();
    assert_eq!(shown[0].key, "aime.server");
    assert_eq!(shown[0].value, "http://file:7777");
    assert_eq!(shown[1].key, "aime.api_key");
    assert_eq!(shown[1].value, "********");

    // The environment beats the file; an empty variable counts as unset.
    let env = |k: &str| match k {
        "AIME_API_SERVER" => Some("http://env:7777".to_owned()),
        "AIME_API_KEY" => Some(String::new()),
        _ => None,
    };
    let a = resolve_aime(Some(file), env).unwrap();
    assert_eq!(a.server.as_deref(), Some("http://env:7777"));
    assert_eq!(a.server_source, Source::Env("AIME_API_SERVER".into()));
    assert_eq!(a.api_key_source, Source::File("/cfg.toml".into()));

    // Nothing set anywhere.
    let none = resolve_aime(None, |_| None).unwrap();
    assert_eq!(none, AimeSettings::default());
    assert_eq!(none.settings()[1].value, "");

    // Wrong types name the key.
    for (bad, key) in [
        ("aime = \"x\"\n", "`aime`"),
        ("[aime]\nserver = 1\n", "`aime.server`"),
        ("[aime]\napi_key = [\"k\"]\n", "`aime.api_key`"),
    ] {
        let f = ConfigFile {
            path: "/c.toml",
            contents: bad,
        };
        let e = resolve_aime(Some(f), |_| None).unwrap_err().to_string();
        assert!(e.contains(key), "{e}");
        let e = resolve(Some(f), |_| None, &Overrides::default()).unwrap_err();
        assert!(e.to_string().contains(key), "{e}");
    }
}

#[test]
fn announcement_handler_is_optional_and_opaque() {
    let cfg = ApiConfig::default();
    assert!(cfg.announcement_handler.is_none());
    let secret = "do-not-print-me";
    let cfg = ApiConfig {
        announcement_handler: Some(AnnouncementHandler::new(move |m| {
            assert_ne!(m, secret);
        })),
        ..ApiConfig::default()
    };
    let shown = format!("{cfg:?}");
    assert!(shown.contains("AnnouncementHandler(..)"), "{shown}");
    assert!(!shown.contains(secret));
    let copy = cfg.clone();
    copy.announcement_handler.unwrap().call("hello");
}

#[test]
fn timeouts() {
    assert_eq!(parse_timeout("1e1").unwrap(), Duration::from_secs(10));
    assert_eq!(parse_timeout("0").unwrap(), Duration::ZERO);
    for bad in ["-1", "nan", "inf", "", "1s"] {
        assert!(parse_timeout(bad).is_err(), "{bad}");
    }
}
