//! What servers send: SSE streams (cut at an input-chosen point, which must not change the
//! events) and problem+json bodies.
#![no_main]

use backendai_core::error::{classify, ProblemDetails};
use backendai_core::sse::SseParser;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, body)) = data.split_first() else {
        return;
    };
    let at = usize::from(cut) * body.len() / 256;
    let whole = SseParser::new().feed(body);
    let mut p = SseParser::new();
    let mut split = p.feed(&body[..at]);
    split.extend(p.feed(&body[at..]));
    assert_eq!(whole, split);
    if let Some(problem) = ProblemDetails::parse(body) {
        let _ = problem.summary();
        let _ = classify(500, Some(&problem));
    }
});
