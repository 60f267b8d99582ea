//! Request URL construction: base path joining, session-mode `/func` prefix, yarl-compatible
//! query encoding (spec/protocol.md §1).
