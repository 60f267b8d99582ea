//! Dotfile DTOs (`/user-config/dotfiles`, `/domain-config/dotfiles`, `/group-config/dotfiles`).

use serde::{Deserialize, Serialize};

use super::common::Extra;

/// One dotfile: where it is written in a new container, its mode and its text.
///
/// Lists carry the mode under `permission`, a single dotfile (`?path=`) under `perm`; both
/// are read here and written back as `permission`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dotfile {
    /// Path in the container (relative paths are under `/home/work`).
    pub path: String,
    /// Octal mode, three digits (`755`).
    #[serde(alias = "perm")]
    pub permission: String,
    /// The file's text.
    #[serde(default)]
    pub data: String,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_and_single_forms_decode_alike() {
        let listed: Dotfile =
            serde_json::from_value(json!({"path": ".vimrc", "permission": "644", "data": "x"}))
                .unwrap();
        let single: Dotfile =
            serde_json::from_value(json!({"path": ".vimrc", "perm": "644", "data": "x"})).unwrap();
        assert_eq!(listed, single);
        assert_eq!(
            serde_json::to_value(&single).unwrap(),
            json!({"path": ".vimrc", "permission": "644", "data": "x"})
        );
    }
}
