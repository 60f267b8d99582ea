//! Property tests: nothing the server can send makes the response, problem or SSE handling
//! panic, and error messages stay on one line.

use backendai_core::sse::SseParser;
use backendai_sdk::{Error, Response};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn error_answers_never_panic_and_are_one_line(status in 400u16..600, body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let status = http::StatusCode::from_u16(status).unwrap();
        let e = Error::from_answer(status, &http::HeaderMap::new(), &body);
        prop_assert_eq!(e.status(), Some(status.as_u16()));
        prop_assert!(!e.to_string().contains('\n'));
        prop_assert!(!e.to_string().contains('\r'));
    }

    #[test]
    fn json_problem_shapes_never_panic(title in ".*", msg in ".*", ty in ".*") {
        let body = serde_json::json!({"type": ty, "title": title, "msg": msg, "data": [1, {"x": null}]});
        let e = Error::from_answer(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body.to_string().as_bytes());
        prop_assert!(e.problem().is_some());
        prop_assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn response_json_never_panics(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let r = Response { status: http::StatusCode::OK, headers: http::HeaderMap::new(), body: body.into() };
        let _ = r.json::<serde_json::Value>();
        let _ = r.text();
    }

    #[test]
    fn sse_parsing_never_panics(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..16)) {
        let mut p = SseParser::new();
        for c in &chunks {
            for ev in p.feed(c) {
                prop_assert!(!ev.event.is_empty());
            }
        }
        let _ = p.finish();
    }

    #[test]
    fn sse_split_points_do_not_matter(split in 0usize..80) {
        let stream = b"event: a\nid: 1\ndata: x\ndata: y\n\n: comment\nevent: server_close\ndata: {}\n\n";
        let split = split.min(stream.len());
        let mut whole = SseParser::new();
        let all = whole.feed(stream);
        let mut parts = SseParser::new();
        let mut got = parts.feed(&stream[..split]);
        got.extend(parts.feed(&stream[split..]));
        prop_assert_eq!(all.len(), 2);
        prop_assert_eq!(got, all);
    }
}
