//! Backend.AI API versions (`vN.YYYYMMDD`): parsing, ordering and negotiation.

use std::fmt;
use std::str::FromStr;

/// An API version such as `v7.20230615`, ordered by `(major, date)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion {
    /// Major revision (4 = 19.09, 7 = 23.09, 9 = 26.9).
    pub major: u32,
    /// Eight-digit revision date, `YYYYMMDD`.
    pub date: String,
}

/// The version could not be parsed (must match `^v(\d+)\.(\d{8})$`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not parse the API version string {0:?} (expected vN.YYYYMMDD)")]
pub struct ParseApiVersionError(pub String);

impl ApiVersion {
    /// `v4.20190615`, the fixed version of the 19.09 client.
    pub const V4_19_09: (u32, &'static str) = (4, "20190615");
    /// `v7.20230615`, the version of the 23.09 client and manager.
    pub const V7_23_09: (u32, &'static str) = (7, "20230615");
    /// `v9.20250722`, the version of the 26.9 client.
    pub const V9_26_09: (u32, &'static str) = (9, "20250722");

    /// Builds a version from its parts (the date is not validated).
    pub fn new(major: u32, date: impl Into<String>) -> Self {
        Self {
            major,
            date: date.into(),
        }
    }

    /// The newest version this client speaks, `v9.20250722` (26.9), and the default
    /// configured one; negotiation picks the lower of this and the server's, so a 23.09
    /// manager (`v7.20230615`) is spoken to exactly as the 23.09 client does and a 19.09
    /// manager (`v4.20190615`) as the 19.09 client does.
    ///
    /// At v9 the request shapes are those of the 26.9 client's classic (v1) SDK, the one that
    /// negotiates (spec/protocol.md §4): the same headers and signature as 23.09 (26.9 signs
    /// the same string with `URL.raw_authority`, the same host value), paths and bodies per
    /// call in the SDK's groups (vfolders by id, the 26.9 REST groups).
    pub fn client_default() -> Self {
        Self::new(Self::V9_26_09.0, Self::V9_26_09.1)
    }

    /// `v7.20230615`, the version the 23.09 client sends by default.
    pub fn v7_23_09() -> Self {
        Self::new(Self::V7_23_09.0, Self::V7_23_09.1)
    }

    /// `v4.20190615`, the version the 19.09 client sends (it does not negotiate).
    pub fn v4_19_09() -> Self {
        Self::new(Self::V4_19_09.0, Self::V4_19_09.1)
    }

    /// The oldest server version the 23.09 client accepts without a warning.
    pub fn min_supported() -> Self {
        Self::new(5, "20191215")
    }

    /// Negotiation: the lower of the client's and the server's version.
    pub fn negotiate(client: &ApiVersion, server: &ApiVersion) -> ApiVersion {
        std::cmp::min(client, server).clone()
    }

    /// True when this version is at least `(major, date)`.
    pub fn at_least(&self, major: u32, date: &str) -> bool {
        (self.major, self.date.as_str()) >= (major, date)
    }
}

impl FromStr for ApiVersion {
    type Err = ParseApiVersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseApiVersionError(s.to_owned());
        let rest = s.strip_prefix('v').ok_or_else(err)?;
        let (major, date) = rest.split_once('.').ok_or_else(err)?;
        if major.is_empty()
            || !major.bytes().all(|b| b.is_ascii_digit())
            || date.len() != 8
            || !date.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let major = major.parse().map_err(|_| err())?;
        Ok(Self::new(major, date))
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{}", self.major, self.date)
    }
}

/// Names that changed between API major 4 (19.09, "kernel") and 5+ ("session"), as the
/// Python client's `versioning.get_naming()` returns them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Naming {
    /// Path segment of the compute-session API: `kernel` (≤ v4) or `session`.
    pub path: &'static str,
    /// Path of the session-event stream: `/stream/kernel/_/events` (≤ v4) or `/events/session`.
    pub session_events_path: &'static str,
    /// Body field carrying the session name at creation: `clientSessionToken` (≤ v4) or `name`.
    pub name_arg: &'static str,
    /// Query parameter carrying the session name on the event stream: `sessionId` (≤ v4) or
    /// `name`.
    pub event_name_arg: &'static str,
    /// GraphQL field of the session name: `sess_id` (≤ v4) or `name`.
    pub name_gql_field: &'static str,
    /// GraphQL field of the session type: `sess_type` (≤ v4) or `type`.
    pub type_gql_field: &'static str,
}

impl Naming {
    /// The names of API major 4 and older.
    pub const LEGACY: Naming = Naming {
        path: "kernel",
        session_events_path: "/stream/kernel/_/events",
        name_arg: "clientSessionToken",
        event_name_arg: "sessionId",
        name_gql_field: "sess_id",
        type_gql_field: "sess_type",
    };
    /// The names of API major 5 and newer.
    pub const CURRENT: Naming = Naming {
        path: "session",
        session_events_path: "/events/session",
        name_arg: "name",
        event_name_arg: "name",
        name_gql_field: "name",
        type_gql_field: "type",
    };

    /// Looks a name up by the key the Python client uses (`"path"`, `"name_arg"`, ...).
    pub fn get(&self, key: &str) -> Option<&'static str> {
        Some(match key {
            "path" => self.path,
            "session_events_path" => self.session_events_path,
            "name_arg" => self.name_arg,
            "event_name_arg" => self.event_name_arg,
            "name_gql_field" => self.name_gql_field,
            "type_gql_field" => self.type_gql_field,
            _ => return None,
        })
    }
}

/// The version-dependent names for `version` (major ≤ 4 → [`Naming::LEGACY`]).
///
/// ```
/// use backendai_core::version::{naming, ApiVersion};
/// assert_eq!(naming(&ApiVersion::new(4, "20190615")).path, "kernel");
/// assert_eq!(naming(&ApiVersion::client_default()).session_events_path, "/events/session");
/// ```
pub fn naming(version: &ApiVersion) -> Naming {
    if version.major <= 4 {
        Naming::LEGACY
    } else {
        Naming::CURRENT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let v4: ApiVersion = "v4.20190615".parse().unwrap();
        let v7: ApiVersion = "v7.20230615".parse().unwrap();
        let v10: ApiVersion = "v10.20260101".parse().unwrap();
        assert!(v4 < v7 && v7 < v10);
        assert_eq!(ApiVersion::negotiate(&v7, &v4), v4);
        // Our default against each release's server: its own version.
        let ours = ApiVersion::client_default();
        assert_eq!(ours.to_string(), "v9.20250722");
        assert_eq!(ApiVersion::negotiate(&ours, &v7), ApiVersion::v7_23_09());
        assert_eq!(ApiVersion::negotiate(&ours, &v4), ApiVersion::v4_19_09());
        let v9: ApiVersion = "v9.20250722".parse().unwrap();
        assert_eq!(ApiVersion::negotiate(&ours, &v9), v9);
        assert_eq!(v10.to_string(), "v10.20260101");
        for bad in ["4.20190615", "v4.2019061", "v4.20190615x", "v.20190615", ""] {
            assert!(bad.parse::<ApiVersion>().is_err(), "{bad}");
        }
    }
}
