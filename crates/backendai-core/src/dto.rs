//! Serde data types for the JSON objects the API exchanges. Unknown fields are kept.
