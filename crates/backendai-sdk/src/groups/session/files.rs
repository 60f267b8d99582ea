//! Session file transfer helpers: multipart parts for uploads, multipart-of-tar downloads.

use std::path::{Component, Path, PathBuf};

use backendai_core::error::ErrorKind;
use bytes::Bytes;

use crate::error::{Error, Result};
use crate::request::MultipartFile;

/// One part of a `multipart/*` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Part headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Part content.
    pub body: Bytes,
}

impl Part {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn bad(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Decode, msg)
}

/// The `boundary` parameter of a `multipart/*` content type.
pub fn multipart_boundary(content_type: &str) -> Result<String> {
    let mut parts = content_type.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    if !media.starts_with("multipart/") {
        return Err(bad(format!(
            "expected a multipart answer, got content type {content_type:?}"
        )));
    }
    for p in parts {
        if let Some((k, v)) = p.split_once('=') {
            if k.trim().eq_ignore_ascii_case("boundary") {
                let v = v.trim().trim_matches('"');
                if !v.is_empty() {
                    return Ok(v.to_owned());
                }
            }
        }
    }
    Err(bad("multipart answer without a boundary"))
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() || from > hay.len() - needle.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Splits a buffered `multipart/*` body into its parts.
pub fn parse_multipart(body: &Bytes, boundary: &str) -> Result<Vec<Part>> {
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let mut pos = find(body, delim, 0).ok_or_else(|| bad("multipart answer has no parts"))?;
    let mut parts = Vec::new();
    loop {
        pos += delim.len();
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        // Skip transport padding and the CRLF after the delimiter.
        let line_end = find(body, b"\r\n", pos).ok_or_else(|| bad("truncated multipart answer"))?;
        let head_start = line_end + 2;
        let (head_end, sep_len) = if body[head_start..].starts_with(b"\r\n") {
            (head_start, 2)
        } else {
            (
                find(body, b"\r\n\r\n", head_start)
                    .ok_or_else(|| bad("truncated multipart part headers"))?,
                4,
            )
        };
        let head = String::from_utf8_lossy(&body[head_start..head_end]);
        let headers = head
            .split("\r\n")
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let content_start = head_end + sep_len;
        let mut close = Vec::with_capacity(delim.len() + 2);
        close.extend_from_slice(b"\r\n");
        close.extend_from_slice(delim);
        let content_end = find(body, &close, content_start)
            .ok_or_else(|| bad("multipart part without a closing boundary"))?;
        parts.push(Part {
            headers,
            body: body.slice(content_start..content_end),
        });
        pos = content_end + 2;
    }
}

/// Checks a download part is plain bytes (identity content encoding, binary transfer).
pub fn check_tar_part(part: &Part) -> Result<()> {
    let enc = part.header("content-encoding").unwrap_or("identity");
    if !enc.eq_ignore_ascii_case("identity") {
        return Err(bad(format!("unsupported part content encoding {enc:?}")));
    }
    let te = part
        .header("content-transfer-encoding")
        .unwrap_or("binary")
        .to_ascii_lowercase();
    if !matches!(te.as_str(), "binary" | "8bit" | "7bit") {
        return Err(bad(format!("unsupported part transfer encoding {te:?}")));
    }
    Ok(())
}

/// Extracts one tar archive into `dest`, refusing members that would escape it.
/// Returns the member names in archive order.
pub fn extract_tar(data: &[u8], dest: &Path) -> Result<Vec<String>> {
    let io_err = |e: std::io::Error| {
        Error::new(
            ErrorKind::Unknown,
            format!("cannot extract the downloaded archive: {e}"),
        )
        .with_source(e)
    };
    std::fs::create_dir_all(dest).map_err(io_err)?;
    let mut archive = tar::Archive::new(std::io::Cursor::new(data));
    archive.set_preserve_permissions(false);
    archive.set_overwrite(true);
    let mut names = Vec::new();
    for entry in archive.entries().map_err(io_err)? {
        let mut entry = entry.map_err(io_err)?;
        let path = entry.path().map_err(io_err)?.into_owned();
        let name = path.to_string_lossy().into_owned();
        if path.is_absolute() || path.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(bad(format!(
                "refusing archive member outside the destination: {name}"
            )));
        }
        entry.unpack_in(dest).map_err(io_err)?;
        names.push(name);
    }
    Ok(names)
}

/// Reads local files into multipart parts named by their path relative to `basedir`.
///
/// Relative `files` are taken relative to `basedir`. A file outside `basedir` is an error.
pub async fn read_upload_files(files: &[PathBuf], basedir: &Path) -> Result<Vec<MultipartFile>> {
    let base = tokio::fs::canonicalize(basedir).await.map_err(|e| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("base directory {}: {e}", basedir.display()),
        )
    })?;
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let joined = if f.is_absolute() {
            f.clone()
        } else {
            base.join(f)
        };
        let full = tokio::fs::canonicalize(&joined)
            .await
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("{}: {e}", f.display())))?;
        let rel = full.strip_prefix(&base).map_err(|_| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "File \"{}\" is outside of the base directory \"{}\".",
                    full.display(),
                    base.display()
                ),
            )
        })?;
        let data = tokio::fs::read(&full).await.map_err(|e| {
            Error::new(
                ErrorKind::InvalidArgument,
                format!("{}: {e}", full.display()),
            )
        })?;
        let filename = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.push(MultipartFile {
            filename,
            data: Bytes::from(data),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_two_parts() {
        let body = Bytes::from_static(
            b"--XyZ\r\nContent-Type: application/x-tar\r\n\r\nAAA\r\n--XyZ\r\n\r\nB\r\nB\r\n--XyZ--\r\n",
        );
        let parts = parse_multipart(&body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(&parts[0].body[..], b"AAA");
        assert_eq!(parts[0].header("Content-Type"), Some("application/x-tar"));
        assert_eq!(&parts[1].body[..], b"B\r\nB");
        assert_eq!(
            multipart_boundary("multipart/mixed; boundary=\"XyZ\"").unwrap(),
            "XyZ"
        );
        assert!(multipart_boundary("application/json").is_err());
        assert!(parse_multipart(&Bytes::from_static(b"--XyZ\r\n\r\nA"), "XyZ").is_err());
    }

    #[test]
    fn tar_round_trip_and_traversal_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(5);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, "sub/hello.txt", &b"hello"[..])
            .unwrap();
        let data = b.into_inner().unwrap();
        let names = extract_tar(&data, dir.path()).unwrap();
        assert_eq!(names, vec!["sub/hello.txt"]);
        assert_eq!(
            std::fs::read(dir.path().join("sub/hello.txt")).unwrap(),
            b"hello"
        );

        // A hand-made header with "../evil" (the builder refuses to write it).
        let mut raw = vec![0u8; 1024 + 512];
        raw[..7].copy_from_slice(b"../evil");
        let mut h = tar::Header::new_old();
        h.as_mut_bytes()[..7].copy_from_slice(b"../evil");
        h.set_size(0);
        h.set_mode(0o644);
        h.set_cksum();
        raw[..512].copy_from_slice(h.as_bytes());
        assert!(extract_tar(&raw, dir.path()).is_err());
        assert!(!dir.path().parent().unwrap().join("evil").exists());
    }
}
