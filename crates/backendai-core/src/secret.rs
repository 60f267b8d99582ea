//! A string that never prints itself, and the workspace's one rule for showing a secret.

use std::fmt;

/// A secret value (secret key, password, session cookie).
///
/// `Debug` and `Display` print `***`, so a secret cannot leak through logs or error messages
/// by accident. Call [`Secret::expose`] where the raw value is really needed (signing).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value. Use only where the secret must go on the wire or into an HMAC.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value to display, by the one masking rule ([`mask_secret`]).
    pub fn masked(&self) -> String {
        mask_secret(&self.0)
    }
}

/// What is shown in place of a non-empty secret.
pub const MASK: &str = "********";

/// The workspace's one rule for displaying a secret (`bai config`, `bai config show`, the
/// `aime.api_key` setting, ...): an empty value stays empty (so "not set" is visible),
/// anything else becomes [`MASK`], whatever its length.
///
/// Nothing of the secret is revealed, not even its length. (The Python CLI's `config` prints
/// the first 6 and the last 10 characters; 16 characters of a 40-character key is too much
/// to paste into a bug report.)
///
/// ```
/// use backendai_core::secret::{mask_secret, MASK};
/// assert_eq!(mask_secret(""), "");
/// assert_eq!(mask_secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), MASK);
/// assert_eq!(mask_secret("k"), "********");
/// ```
pub fn mask_secret(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        MASK.to_owned()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_is_masked_in_debug_and_display() {
        let s = Secret::new("wJalrXUtnFEMI");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.expose(), "wJalrXUtnFEMI");
    }

    #[test]
    fn masking_reveals_neither_content_nor_length() {
        let long = Secret::new("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let short = Secret::new("ab");
        assert_eq!(long.masked(), short.masked());
        assert!(!long.masked().contains('w') && !long.masked().contains('Y'));
        assert_eq!(Secret::default().masked(), "");
    }
}
