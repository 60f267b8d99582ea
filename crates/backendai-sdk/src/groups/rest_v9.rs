//! Shared pieces of the 26.9 (API v9) REST groups (fair share, resource usage, scheduling
//! history, quota scopes, user resource policies): the version gate, path segments and the
//! checks of the arguments these paths and bodies carry.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

use backendai_core::dto::NumText;
use backendai_core::error::ErrorKind;
use backendai_core::parse::Decimal;
use backendai_core::ApiVersion;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::ApiRequest;

/// A request builder run once the API version is known.
pub(crate) type Build<'b> = Box<dyn FnOnce(&ApiVersion) -> Result<ApiRequest> + Send + 'b>;

/// Negotiates the version, builds (the builder's gate refuses old servers before anything
/// is sent) and decodes the JSON answer.
pub(crate) async fn call<T: serde::de::DeserializeOwned>(
    client: &Client,
    build: Build<'_>,
) -> Result<T> {
    let v = client.api_version().await?;
    client.json(build(&v)?).await
}

/// Characters percent-encoded in a path segment (what yarl encodes, plus `/`).
pub(crate) const SEGMENT_SET: AsciiSet = CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/');
const SEGMENT: &AsciiSet = &SEGMENT_SET;

/// True when `v` has the 26.9 REST groups (API v9, `v9.20250722`, and newer).
pub fn has_v9_rest(v: &ApiVersion) -> bool {
    let (major, date) = ApiVersion::V9_26_09;
    v.at_least(major, date)
}

/// `Ok` on a v9+ server, else the typed "`what` is not supported by this server" error,
/// returned before anything is sent.
pub fn require_v9(v: &ApiVersion, what: &str) -> Result<()> {
    if has_v9_rest(v) {
        Ok(())
    } else {
        Err(Error::unsupported(what, v))
    }
}

/// One path segment, percent-encoded (a name never splits the path).
pub fn seg(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// A request with a JSON body serialised from a DTO.
pub fn with_body<T: Serialize>(req: ApiRequest, body: &T) -> Result<ApiRequest> {
    let value = serde_json::to_value(body)
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("request body: {e}")))?;
    Ok(req.json(value))
}

/// Checks that `value` (the argument `name`) is a UUID and returns it in lower case.
pub fn uuid_arg(name: &str, value: &str) -> Result<String> {
    let hex: Vec<u8> = value.bytes().filter(|b| *b != b'-').collect();
    let groups: Vec<usize> = value.split('-').map(str::len).collect();
    let dashed_ok = groups == [8, 4, 4, 4, 12] || groups == [32];
    if dashed_ok && hex.len() == 32 && hex.iter().all(u8::is_ascii_hexdigit) {
        return Ok(value.to_ascii_lowercase());
    }
    Err(Error::new(
        ErrorKind::InvalidArgument,
        format!("invalid {name} {value:?}: expected a UUID"),
    ))
}

/// Checks that `value` (the argument `name`) is a finite decimal number and keeps its text.
pub fn decimal_arg(name: &str, value: &str) -> Result<NumText> {
    match value.trim().parse::<Decimal>() {
        Ok(d) if !d.is_nan() && !d.is_infinite() => Ok(NumText::Text(value.trim().to_owned())),
        _ => Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("invalid {name} {value:?}: expected a decimal number"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_opens_at_v9() {
        assert!(require_v9(&ApiVersion::new(9, "20250722"), "x").is_ok());
        assert!(require_v9(&ApiVersion::new(10, "20260101"), "x").is_ok());
        let e = require_v9(&ApiVersion::new(7, "20230615"), "fair share").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Unsupported);
        assert_eq!(
            e.to_string(),
            "fair share is not supported by this server (API version v7.20230615)"
        );
    }

    #[test]
    fn arguments_are_checked() {
        let id = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";
        assert_eq!(uuid_arg("id", id).unwrap(), id.to_ascii_lowercase());
        assert!(uuid_arg("id", "3f2504e04f8911d39a0c0305e82c3301").is_ok());
        assert!(uuid_arg("id", "dummy1").is_err());
        assert!(uuid_arg("id", "3f2504e0-4f89-11d3-9a0c-0305e82c330").is_err());
        assert_eq!(decimal_arg("w", "1.50").unwrap().as_text(), "1.50");
        assert!(decimal_arg("w", "abc").is_err());
        assert!(decimal_arg("w", "NaN").is_err());
        assert_eq!(seg("a/b c"), "a%2Fb%20c");
    }
}
