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
