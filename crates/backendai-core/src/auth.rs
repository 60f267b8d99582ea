//! HMAC request signing, exactly as the Backend.AI clients do it (spec/protocol.md §3).
//!
//! This module holds the only code in the workspace that produces an `Authorization` header.
//! HTTP, SSE and WebSocket requests all go through [`sign`].

use std::fmt;
use std::str::FromStr;

use jiff::civil::DateTime;
use jiff::tz::Offset;

/// Hash algorithm used for the body hash and all three HMACs (Python `hashlib` names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HashType {
    /// `md5`
    Md5,
    /// `sha1`
    Sha1,
    /// `sha224`
    Sha224,
    /// `sha256` (the default of every client release)
    #[default]
    Sha256,
    /// `sha384`
    Sha384,
    /// `sha512`
    Sha512,
    /// `sha3_224`
    Sha3_224,
    /// `sha3_256`
    Sha3_256,
    /// `sha3_384`
    Sha3_384,
    /// `sha3_512`
    Sha3_512,
    /// `blake2b` (64-byte digest)
    Blake2b,
    /// `blake2s` (32-byte digest)
    Blake2s,
}

/// An unknown hash type name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported hash type {0:?}")]
pub struct UnknownHashType(pub String);

impl HashType {
    /// Every supported hash type.
    pub const ALL: [HashType; 12] = [
        HashType::Md5,
        HashType::Sha1,
        HashType::Sha224,
        HashType::Sha256,
        HashType::Sha384,
        HashType::Sha512,
        HashType::Sha3_224,
        HashType::Sha3_256,
        HashType::Sha3_384,
        HashType::Sha3_512,
        HashType::Blake2b,
        HashType::Blake2s,
    ];

    /// The Python `hashlib` name (`sha256`, `sha3_256`, `blake2b`, ...).
    pub fn name(self) -> &'static str {
        match self {
            HashType::Md5 => "md5",
            HashType::Sha1 => "sha1",
            HashType::Sha224 => "sha224",
            HashType::Sha256 => "sha256",
            HashType::Sha384 => "sha384",
            HashType::Sha512 => "sha512",
            HashType::Sha3_224 => "sha3_224",
            HashType::Sha3_256 => "sha3_256",
            HashType::Sha3_384 => "sha3_384",
            HashType::Sha3_512 => "sha3_512",
            HashType::Blake2b => "blake2b",
            HashType::Blake2s => "blake2s",
        }
    }

    /// Hex digest of `data`.
    pub fn hex_digest(self, data: &[u8]) -> String {
        hex(&self.digest(data))
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            HashType::Sha1 => ring_digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, data),
            HashType::Sha256 => ring_digest(&ring::digest::SHA256, data),
            HashType::Sha384 => ring_digest(&ring::digest::SHA384, data),
            HashType::Sha512 => ring_digest(&ring::digest::SHA512, data),
            HashType::Md5 => md5::Md5::digest(data).to_vec(),
            HashType::Sha224 => sha2::Sha224::digest(data).to_vec(),
            HashType::Sha3_224 => sha3::Sha3_224::digest(data).to_vec(),
            HashType::Sha3_256 => sha3::Sha3_256::digest(data).to_vec(),
            HashType::Sha3_384 => sha3::Sha3_384::digest(data).to_vec(),
            HashType::Sha3_512 => sha3::Sha3_512::digest(data).to_vec(),
            HashType::Blake2b => blake2::Blake2b512::digest(data).to_vec(),
            HashType::Blake2s => blake2::Blake2s256::digest(data).to_vec(),
        }
    }

    /// HMAC of `msg` under `key` with this hash (ring where it has the algorithm).
    pub fn hmac(self, key: &[u8], msg: &[u8]) -> Vec<u8> {
        use hmac::{Mac, SimpleHmac};
        fn rust_crypto<D>(key: &[u8], msg: &[u8]) -> Vec<u8>
        where
            D: sha2::Digest + hmac::digest::core_api::BlockSizeUser,
        {
            // SimpleHmac accepts keys of any length, so this cannot fail.
            let mut mac = SimpleHmac::<D>::new_from_slice(key).expect("HMAC takes any key length");
            mac.update(msg);
            mac.finalize().into_bytes().to_vec()
        }
        match self {
            HashType::Sha1 => ring_hmac(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, key, msg),
            HashType::Sha256 => ring_hmac(ring::hmac::HMAC_SHA256, key, msg),
            HashType::Sha384 => ring_hmac(ring::hmac::HMAC_SHA384, key, msg),
            HashType::Sha512 => ring_hmac(ring::hmac::HMAC_SHA512, key, msg),
            HashType::Md5 => rust_crypto::<md5::Md5>(key, msg),
            HashType::Sha224 => rust_crypto::<sha2::Sha224>(key, msg),
            HashType::Sha3_224 => rust_crypto::<sha3::Sha3_224>(key, msg),
            HashType::Sha3_256 => rust_crypto::<sha3::Sha3_256>(key, msg),
            HashType::Sha3_384 => rust_crypto::<sha3::Sha3_384>(key, msg),
            HashType::Sha3_512 => rust_crypto::<sha3::Sha3_512>(key, msg),
            HashType::Blake2b => rust_crypto::<blake2::Blake2b512>(key, msg),
            HashType::Blake2s => rust_crypto::<blake2::Blake2s256>(key, msg),
        }
    }
}

fn ring_digest(alg: &'static ring::digest::Algorithm, data: &[u8]) -> Vec<u8> {
    ring::digest::digest(alg, data).as_ref().to_vec()
}

fn ring_hmac(alg: ring::hmac::Algorithm, key: &[u8], msg: &[u8]) -> Vec<u8> {
    let key = ring::hmac::Key::new(alg, key);
    ring::hmac::sign(&key, msg).as_ref().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

impl FromStr for HashType {
    type Err = UnknownHashType;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        HashType::ALL
            .into_iter()
            .find(|h| h.name() == lower)
            .ok_or_else(|| UnknownHashType(s.to_owned()))
    }
}

impl fmt::Display for HashType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The request date: a civil date-time with its own UTC offset.
///
/// Rendered like Python's `datetime.isoformat()` (microseconds omitted when zero, offset
/// kept); the HMAC date key uses the date *in this offset*, as the Python client does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignDate {
    datetime: DateTime,
    offset: Offset,
}

/// A date string that is not an ISO-8601 date-time with a UTC offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}: expected ISO-8601 like 2024-05-06T07:08:09.123456+00:00")]
pub struct InvalidDate(pub String);

impl SignDate {
    /// A UTC date from a timestamp, truncated to microseconds (Python's precision).
    pub fn from_timestamp_utc(ts: jiff::Timestamp) -> Self {
        let micros = ts.as_microsecond();
        let ts = jiff::Timestamp::from_microsecond(micros).unwrap_or(ts);
        Self {
            datetime: Offset::UTC.to_datetime(ts),
            offset: Offset::UTC,
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM[:SS])`.
    pub fn parse_isoformat(s: &str) -> Result<Self, InvalidDate> {
        let err = || InvalidDate(s.to_owned());
        let t = s.find('T').ok_or_else(err)?;
        let (civil, offset) = if let Some(civil) = s.strip_suffix('Z') {
            (civil, Offset::UTC)
        } else {
            let split = s[t..].rfind(['+', '-']).ok_or_else(err)? + t;
            (&s[..split], parse_offset(&s[split..]).ok_or_else(err)?)
        };
        let datetime: DateTime = civil.parse().map_err(|_| err())?;
        if datetime.subsec_nanosecond() % 1000 != 0 {
            return Err(err());
        }
        Ok(Self { datetime, offset })
    }

    /// The `Date` header value, identical to Python's `isoformat()`.
    pub fn isoformat(&self) -> String {
        let d = self.datetime;
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        );
        let micros = d.subsec_nanosecond() / 1000;
        if micros != 0 {
            out.push_str(&format!(".{micros:06}"));
        }
        let total = self.offset.seconds();
        let sign = if total < 0 { '-' } else { '+' };
        let abs = total.unsigned_abs();
        out.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, (abs / 60) % 60));
        if abs % 60 != 0 {
            out.push_str(&format!(":{:02}", abs % 60));
        }
        out
    }

    /// `YYYYMMDD` in the date's own offset: the message of the first HMAC.
    pub fn date_key(&self) -> String {
        let d = self.datetime;
        format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
    }
}

fn parse_offset(s: &str) -> Option<Offset> {
    let sign: i32 = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let mut parts = s[1..].split(':');
    let mut num = |max: i32| -> Option<i32> {
        let p = parts.next()?;
        if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok().filter(|v| *v <= max)
    };
    let hours = num(23)?;
    let minutes = num(59)?;
    let seconds = num(59).unwrap_or(0);
    if parts.next().is_some() {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60 + seconds)).ok()
}

/// Errors from building the signing inputs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The endpoint is not an absolute URL with a host.
    #[error("URL {0} is not absolute.")]
    NotAbsolute(String),
    /// The endpoint's host could not be normalised (bad IDN, bad IPv6 literal).
    #[error("invalid host in endpoint {0}")]
    InvalidHost(String),
}

/// The `host` the signature covers: the endpoint's authority as the Python client sees it.
///
/// Lower-cased host, IDNA (punycode) for non-ASCII names, IPv6 in brackets, user info kept,
/// and the port **exactly as written** (an explicit `:443` stays). Send this same string as
/// the `Host` header so the manager verifies what was signed.
pub fn signing_host(endpoint: &str) -> Result<String, SignError> {
    // The same parser builds the request URL, so the two can never disagree.
    crate::urls::EndpointParts::parse(endpoint)
        .map(|parts| parts.authority)
        .map_err(|e| match e {
            crate::urls::UrlError::NotAbsolute(_) => SignError::NotAbsolute(endpoint.to_owned()),
            _ => SignError::InvalidHost(endpoint.to_owned()),
        })
}

/// Everything the signature depends on.
#[derive(Debug, Clone)]
pub struct SignInput<'a> {
    /// HTTP method (upper-cased before signing).
    pub method: &'a str,
    /// Path and query of the final request URL exactly as sent (already percent-encoded).
    pub rel_url: &'a str,
    /// The signed host, see [`signing_host`].
    pub host: &'a str,
    /// Request date; the `Date` header must be `date.isoformat()`.
    pub date: &'a SignDate,
    /// Media type without parameters (lower-cased before signing).
    pub content_type: &'a str,
    /// `X-BackendAI-Version` value.
    pub api_version: &'a str,
    /// Access key (credential).
    pub access_key: &'a str,
    /// Secret key.
    pub secret_key: &'a str,
    /// Hash type for body hash and HMACs.
    pub hash_type: HashType,
    /// Request body: hashed only for pre-`v4.20181215` non-multipart requests.
    pub body: &'a [u8],
}

/// The headers a signed request carries, plus the string that was signed (for debugging).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// `Authorization` header value.
    pub authorization: String,
    /// `Date` header value.
    pub date: String,
    /// `X-BackendAI-Version` header value.
    pub api_version: String,
    /// The exact string that was signed.
    pub string_to_sign: String,
}

/// Signs a request. The single producer of `Authorization` headers in the workspace.
///
/// ```
/// use backendai_core::auth::{sign, HashType, SignDate, SignInput};
/// let date = SignDate::parse_isoformat("2019-12-01T09:30:00.123456+00:00").unwrap();
/// let signed = sign(&SignInput {
///     method: "GET",
///     rel_url: "/",
///     host: "api.backend.ai",
///     date: &date,
///     content_type: "text/plain",
///     api_version: "v4.20190615",
///     access_key: "AKIAIOSFODNN7EXAMPLE",
///     secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
///     hash_type: HashType::Sha256,
///     body: b"",
/// });
/// assert_eq!(
///     signed.authorization,
///     "BackendAI signMethod=HMAC-SHA256, credential=AKIAIOSFODNN7EXAMPLE:\
///      c1dde3d5aca20bcd343d6ee75cc49b64c7b6dc549bf2ca482844fc676e39d423"
/// );
/// ```
pub fn sign(input: &SignInput<'_>) -> SignedHeaders {
    let content_type = input.content_type.to_ascii_lowercase();
    // Only pre-v4.20181215 servers hash the real body; Python compares the strings directly.
    let hash_body = input.api_version < "v4.20181215" && !content_type.starts_with("multipart/");
    let body_hash = input
        .hash_type
        .hex_digest(if hash_body { input.body } else { b"" });
    let date = input.date.isoformat();
    let string_to_sign = format!(
        "{}\n{}\n{}\nhost:{}\ncontent-type:{}\nx-backendai-version:{}\n{}",
        input.method.to_ascii_uppercase(),
        input.rel_url,
        date,
        input.host,
        content_type,
        input.api_version,
        body_hash
    );
    let h = input.hash_type;
    let k_date = h.hmac(
        input.secret_key.as_bytes(),
        input.date.date_key().as_bytes(),
    );
    let k_sign = h.hmac(&k_date, input.host.as_bytes());
    let signature = hex(&h.hmac(&k_sign, string_to_sign.as_bytes()));
    SignedHeaders {
        authorization: format!(
            "BackendAI signMethod=HMAC-{}, credential={}:{}",
            h.name().to_ascii_uppercase(),
            input.access_key,
            signature
        ),
        date,
        api_version: input.api_version.to_owned(),
        string_to_sign,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isoformat_round_trips_python_forms() {
        for s in [
            "2019-12-01T09:30:00.123456+00:00",
            "2019-12-01T09:30:00+00:00",
            "2023-09-01T23:30:00-05:00",
            "2023-09-01T23:30:00.000001+05:30",
        ] {
            assert_eq!(SignDate::parse_isoformat(s).unwrap().isoformat(), s);
        }
        assert_eq!(
            SignDate::parse_isoformat("2023-09-01T23:30:00-05:00")
                .unwrap()
                .date_key(),
            "20230901"
        );
        assert!(SignDate::parse_isoformat("2023-09-01").is_err());
        assert!(SignDate::parse_isoformat("2023-09-01T10:00:00+25:00").is_err());
    }

    #[test]
    fn signing_host_normalises_like_yarl() {
        assert_eq!(
            signing_host("https://API.Backend.AI").unwrap(),
            "api.backend.ai"
        );
        assert_eq!(
            signing_host("https://h.example.com:443/x").unwrap(),
            "h.example.com:443"
        );
        assert_eq!(signing_host("http://[::1]:8080").unwrap(), "[::1]:8080");
        assert_eq!(signing_host("http://u:p@h:8080/").unwrap(), "u:p@h:8080");
        assert_eq!(
            signing_host("https://데이터.kr").unwrap(),
            "xn--2n1bp39av7g.kr"
        );
        assert!(signing_host("host:8080").is_err());
    }

    #[test]
    fn signed_host_is_the_request_url_authority() {
        for endpoint in [
            "HTTP://U:P@Host.Example:0443/api",
            "http://0x7F.1:8081",
            "https://[::FFFF:1]:443/",
            "https://데이터.kr/x?y#z",
        ] {
            let url = crate::urls::build_url(endpoint, crate::config::EndpointType::Api, "/x", &[])
                .unwrap();
            let host = signing_host(endpoint).unwrap();
            let after_scheme = url.full_url.split_once("://").unwrap().1;
            assert!(
                after_scheme.starts_with(&format!("{host}/")),
                "{endpoint}: {host} vs {}",
                url.full_url
            );
        }
        for bad in [
            "http://[zz]:1",
            "http://h:99999",
            "http://:80",
            "http://a b",
        ] {
            assert!(signing_host(bad).is_err(), "{bad}");
            assert!(crate::urls::EndpointParts::parse(bad).is_err(), "{bad}");
        }
    }
}
