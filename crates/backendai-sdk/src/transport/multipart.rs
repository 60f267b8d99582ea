//! `multipart/form-data` bodies laid out like aiohttp 3.8 (the Python client 23.09): one part
//! per file, field `src`, part headers `Content-Type`, `Content-Disposition`, `Content-Length`.

use std::fmt::Write;

use bytes::{Bytes, BytesMut};

use crate::request::MultipartFile;

/// Encodes `files` with `boundary`.
pub fn encode(files: &[MultipartFile], boundary: &str) -> Bytes {
    let mut out = BytesMut::new();
    for f in files {
        let mut head = String::new();
        let _ = write!(
            head,
            "--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Disposition: form-data; name=\"src\"; filename=\"{}\"\r\nContent-Length: {}\r\n\r\n",
            quote_filename(&f.filename),
            f.data.len()
        );
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&f.data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out.freeze()
}

/// aiohttp's `content_disposition_header(quote_fields=True)`: `urllib.parse.quote` with the
/// safe set ``[]!#$%&'()*+,-./:;<=>?@^_`{|}~``.
fn quote_filename(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b"[]!#$%&'()*+,-./:;<=>?@^_`{|}~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
