//! Hostile input (issue 17 item 7), SDK side: what the AIME client decodes from a server's
//! answers, and the session-template payload built from a user's documents, for any JSON
//! value — a value or a typed error, never a panic. (cargo-fuzz needs nightly; proptest runs
//! on the stable toolchain CI uses.)

use backendai_sdk::aime::{error_text, EndpointInfo, JobProgress, JobResult, JobState};
use backendai_sdk::core::dto::TemplateDocument;
use backendai_sdk::groups::session_template::documents_payload;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// JSON values shaped like AIME answers (the real keys, values of every type) and junk.
fn value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        proptest::sample::select(vec![
            "success",
            "error",
            "job_state",
            "job_id",
            "progress",
            "progress_data",
            "text",
            "images",
            "audio_output",
            "result_received",
            "client_session_auth_key",
            "ep_version",
            "session_auth_key",
            "num_workers",
            "description",
            "inputs",
            "outputs",
            "type",
            "default",
            "minimum",
            "maximum",
            "job_result",
            "job_status",
            "template",
            "name",
            "kind",
            "spec",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        Just(Value::from("data:image/png;base64,iVBORw0KGgo=")),
        Just(Value::from("data:;base64,@@@")),
        Just(Value::from("data:audio/wav;base64,")),
        "[A-Za-z0-9+/=]{0,24}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            proptest::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => {
            let mut m = Map::new();
            m.insert("x".to_owned(), other);
            m
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn aime_answers_never_panic(v in value(), s in any::<String>()) {
        let state = JobState::parse(&s);
        let _ = state.as_str();
        let _ = state.is_terminal();
        let p = JobProgress::from_reply(&s, state, &v);
        let _ = p.text();
        let r = JobResult::from_object(object(v.clone()));
        let _ = r.outputs();
        let _ = r.binary_outputs();
        for field in ["images", "audio_output", "text", "x"] {
            if let Ok(outs) = r.decode_output(field) {
                for o in outs {
                    let _ = o.extension();
                    let _ = o.file_name();
                }
            }
        }
        let e = EndpointInfo::from_value(&s, v.clone());
        let _ = e.user_inputs().count();
        let _ = error_text(&v);
    }

    #[test]
    fn template_payloads_are_json_lists(docs in proptest::collection::vec(value(), 0..4)) {
        let docs: Vec<TemplateDocument> = docs.into_iter().map(TemplateDocument::new).collect();
        let payload = documents_payload(&docs);
        let back: Value = serde_json::from_str(&payload).unwrap();
        prop_assert_eq!(back.as_array().map(Vec::len), Some(docs.len()));
    }
}
