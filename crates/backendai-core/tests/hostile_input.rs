//! Hostile input (issue 17 item 7): everything core parses from a user, a config file, an
//! environment variable or a server answer returns a value or a typed error for *any* input,
//! never panics; error messages stay on one line where a user sees them.
//!
//! cargo-fuzz needs a nightly toolchain (`-Z sanitizer`), which this machine does not have,
//! so these are proptest properties; `parse_props.rs` holds the parser semantics.

use std::collections::HashMap;

use backendai_core::config::{
    bool_env, clean_address_map, clean_tokens, clean_urls, parse_timeout, resolve, resolve_aime,
    ConfigFile, Overrides, SETTING_KEYS,
};
use backendai_core::error::{classify, ProblemDetails};
use backendai_core::parse::{
    parse_binary_size, parse_byte_size, parse_env_args, parse_mount_args, parse_range_expr,
    parse_resource_args, AppArgs,
};
use backendai_core::sse::{SseParser, MAX_MESSAGE_BYTES};
use backendai_core::urls::{normalize_authority, normalize_endpoint};
use backendai_core::{ApiVersion, HashType, SignDate};
use proptest::prelude::*;

/// Text built from the characters these parsers split on, plus anything.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[=:,;/\\\\.\\-+_ \"'{}\\[\\]()*?$&%#@!~`|<>0-9a-zA-Z\u{0}\u{7f}\u{feff}é한\n\r\t]{0,40}",
    ]
}

/// TOML-looking text: keys of the real schema, tables, values of every TOML type, junk.
fn tomlish() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        proptest::sample::select(SETTING_KEYS).prop_map(str::to_owned),
        Just("aime".to_owned()),
        Just("[aime]".to_owned()),
        Just("[api]".to_owned()),
        "[a-z_.]{1,12}",
    ];
    let value = prop_oneof![
        Just("\"http://127.0.0.1:8091\"".to_owned()),
        Just("true".to_owned()),
        Just("-1".to_owned()),
        Just("1e400".to_owned()),
        Just("nan".to_owned()),
        Just("[1, \"a\", [true]]".to_owned()),
        Just("{ a = 1 }".to_owned()),
        Just("1979-05-27T07:32:00Z".to_owned()),
        Just("\"\"\"multi\nline\"\"\"".to_owned()),
        "\"[^\"\\\\\n]{0,12}\"",
        "[0-9.+\\-_e]{1,12}",
        tricky(),
    ];
    proptest::collection::vec((key, value), 0..8).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(k, v)| {
                if k.starts_with('[') {
                    k
                } else {
                    format!("{k} = {v}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// JSON-looking bytes for problem bodies: real shapes with odd types, and junk.
fn problemish() -> impl Strategy<Value = Vec<u8>> {
    let scalar = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        tricky().prop_map(serde_json::Value::from),
    ];
    let value = scalar.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("title".to_owned()),
                    Just("msg".to_owned()),
                    Just("details".to_owned()),
                    Just("data".to_owned()),
                    "[a-z]{1,6}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        value.prop_map(|v| serde_json::to_vec(&v).unwrap()),
        any::<Vec<u8>>(),
        tricky().prop_map(String::into_bytes),
    ]
}

fn one_line(s: &str) -> bool {
    !s.contains('\n') && !s.contains('\r')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn cli_argument_parsers_never_panic(items in proptest::collection::vec(tricky(), 0..4)) {
        for s in &items {
            if let Err(e) = parse_range_expr(s) {
                prop_assert!(one_line(&e.to_string()), "{e}");
            }
            let _ = parse_byte_size(s);
            let _ = parse_binary_size(s);
        }
        let _ = parse_resource_args(&items);
        let _ = parse_env_args(&items);
        let _ = parse_mount_args(&items);
        let _ = AppArgs::parse(&items, &items);
    }

    #[test]
    fn environment_value_parsers_never_panic(s in tricky()) {
        let _ = bool_env(&s);
        let _ = clean_urls(&s);
        let _ = clean_tokens(&s);
        let _ = clean_address_map(&s);
        let _ = parse_timeout(&s);
        let _ = normalize_authority(&s);
        let _ = normalize_endpoint(&s);
        let _ = s.parse::<ApiVersion>();
        let _ = s.parse::<HashType>();
        let _ = SignDate::parse_isoformat(&s);
    }

    #[test]
    fn config_toml_never_panics_and_errors_are_one_line(text in tomlish(),
                                                       env in proptest::collection::vec(tricky(), 0..3)) {
        let file = ConfigFile { path: "/tmp/config.toml", contents: &text };
        // Environment values as hostile as the file: every variable gets one of them.
        let env_fn = |k: &str| {
            (!env.is_empty()).then(|| env[k.len() % env.len()].clone())
        };
        match resolve(Some(file), env_fn, &Overrides::default()) {
            Ok(r) => prop_assert!(!r.config.endpoints.is_empty()),
            Err(e) => prop_assert!(one_line(&e.to_string()), "{e}"),
        }
        if let Err(e) = resolve_aime(Some(file), |_| None) {
            prop_assert!(one_line(&e.to_string()), "{e}");
        }
    }

    #[test]
    fn problem_json_never_panics(body in problemish(), status in 100u16..1000) {
        let p = ProblemDetails::parse(&body);
        let _ = classify(status, p.as_ref());
        if let Some(p) = p {
            let _ = p.summary();
        }
    }

    /// Any bytes, cut anywhere: the same events as fed whole, and never more held than the cap.
    #[test]
    fn sse_parser_is_chunking_independent(body in proptest::collection::vec(prop_oneof![
            Just(b"data: x\n".to_vec()), Just(b"\n".to_vec()), Just(b"event: e\n".to_vec()),
            Just(b"id: 7\n".to_vec()), Just(b"retry: 5\n".to_vec()), Just(b"retry: -\n".to_vec()),
            Just(b":c\n".to_vec()), Just(b"\r\n".to_vec()), Just(b"event: server_close\n\n".to_vec()),
            any::<Vec<u8>>(),
        ], 0..24), cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6)) {
        let body: Vec<u8> = body.concat();
        let mut whole = SseParser::new();
        let expected = whole.feed(&body);
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(body.len() + 1)).collect();
        points.sort_unstable();
        let mut split = SseParser::new();
        let mut got = Vec::new();
        let mut at = 0;
        for p in points.into_iter().chain([body.len()]) {
            got.extend(split.feed(&body[at..p]));
            at = p;
        }
        prop_assert_eq!(got, expected);
        let _ = split.finish();
    }

    #[test]
    fn sse_parser_holds_at_most_the_cap(piece in "[a-z:]{1,64}", repeat in 1usize..64) {
        // A message that never ends, fed in growing pieces: overflow, never unbounded.
        let mut p = SseParser::new();
        let chunk = piece.repeat((MAX_MESSAGE_BYTES / piece.len()) / repeat + 1);
        for _ in 0..=repeat + 1 {
            let _ = p.feed(chunk.as_bytes());
        }
        prop_assert!(p.is_overflowed());
    }
}

#[test]
fn config_toml_edge_cases_are_typed_errors() {
    // Cases proptest is unlikely to build: deep nesting, a huge file, NUL bytes, a BOM.
    let deep = format!("a = {}1{}", "[".repeat(5000), "]".repeat(5000));
    let huge = "endpoint = \"http://x\"\n".repeat(100_000);
    let cases: Vec<(&str, String)> = vec![
        ("deep nesting", deep),
        ("huge", huge),
        ("NUL", "endpoint = \"http://a\0b\"".to_owned()),
        (
            "BOM",
            "\u{feff}endpoint = \"http://127.0.0.1:8091\"".to_owned(),
        ),
        (
            "duplicate key",
            "endpoint = \"http://a\"\nendpoint = \"http://b\"".to_owned(),
        ),
        (
            "table as value",
            "endpoint = { url = \"http://a\" }".to_owned(),
        ),
    ];
    let env: HashMap<String, String> = HashMap::new();
    for (what, text) in cases {
        let file = ConfigFile {
            path: "/tmp/c.toml",
            contents: &text,
        };
        let r = std::panic::catch_unwind(|| {
            resolve(Some(file), |k| env.get(k).cloned(), &Overrides::default())
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
        match r {
            Ok(Ok(())) => {}
            Ok(Err(e)) => assert!(one_line(&e), "{what}: {e}"),
            Err(_) => panic!("{what}: resolve panicked"),
        }
    }
}
