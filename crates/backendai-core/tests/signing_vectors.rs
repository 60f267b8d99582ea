//! Every public signing vector of the real Python clients, reproduced byte for byte.

use backendai_core::auth::{sign, signing_host, HashType, SignDate, SignInput};
use serde_json::Value;

const VECTORS: &str = include_str!("../../../tests/fixtures/signing_vectors.json");

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("field {k}"))
}

#[test]
fn all_public_signing_vectors_match_every_release() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = doc["vectors"].as_array().unwrap();
    assert_eq!(cases.len(), 21, "public subset has 21 cases");
    let mut compared = 0;
    for case in cases {
        let id = s(case, "id");
        let input = &case["input"];
        let date = SignDate::parse_isoformat(s(input, "date_isoformat")).unwrap();
        let host = signing_host(s(input, "endpoint")).unwrap();
        let hash_type: HashType = s(input, "hash_type").parse().unwrap();
        let signed = sign(&SignInput {
            method: s(input, "method"),
            rel_url: s(input, "rel_url"),
            host: &host,
            date: &date,
            content_type: s(input, "content_type"),
            api_version: s(input, "api_version"),
            access_key: s(input, "access_key"),
            secret_key: s(input, "secret_key"),
            hash_type,
            body: s(input, "body_utf8").as_bytes(),
        });
        let expected = &case["expected"]["headers"];
        assert_eq!(signed.authorization, s(expected, "Authorization"), "{id}");
        assert_eq!(signed.date, s(expected, "Date"), "{id}");
        for (release, per) in case["per_release"].as_object().unwrap() {
            if let Some(auth) = per.get("authorization").and_then(Value::as_str) {
                assert_eq!(signed.authorization, auth, "{id} vs {release}");
                assert_eq!(
                    signed.string_to_sign,
                    s(per, "string_to_sign"),
                    "{id} vs {release}"
                );
                assert_eq!(host, s(per, "host_message"), "{id} vs {release}");
                assert_eq!(
                    date.date_key(),
                    s(per, "date_key_message"),
                    "{id} vs {release}"
                );
                compared += 1;
            }
        }
    }
    assert!(compared >= 21 * 3, "compared {compared} release values");
}
