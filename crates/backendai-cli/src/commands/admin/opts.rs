//! Value parsers and defaults the admin mutation commands share, matching the Python CLI's
//! click types (`BoolExprType`, `JSONParamType`; `CommaSeparatedListType` is clap's
//! `value_delimiter = ','`).

use serde_json::Value;

/// The long aliases the Python CLI accepts for `--vfolder-host-perms` (the last one is the
/// 19.09 name).
pub const VFOLDER_HOST_PERMS_ALIASES: [&str; 3] = [
    "vfolder-host-permissions",
    "vfhost-perms",
    "allowed-vfolder-hosts",
];

/// The Python CLI's default `--vfolder-host-perms` of `keypair-resource-policy add`: every
/// vfolder host permission on `local:volume1`, as its `json.dumps` writes it.
pub const DEFAULT_POLICY_VFOLDER_HOST_PERMS: &str = r#"{"local:volume1": ["create-vfolder", "modify-vfolder", "delete-vfolder", "mount-in-session", "upload-file", "download-file", "invite-others", "set-user-specific-permission"]}"#;

/// A boolean the way the Python CLI's `BoolExprType` (trafaret `ToBool`) reads one:
/// `t/true/y/yes/on/1/1.0` or `false/n/no/off/0/none/0.0`, any case.
///
/// Where the Python CLI declares `OptionalType(bool)` instead (`keypair update --is-admin`,
/// `group update --is-active`), it calls `bool("false")`, which is true: this parser reads
/// `false` as false there too.
pub fn bool_expr(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "t" | "true" | "y" | "yes" | "on" | "1" | "1.0" => Ok(true),
        "false" | "n" | "no" | "off" | "0" | "none" | "0.0" => Ok(false),
        _ => Err(format!(
            "cannot read {text:?} as a boolean (true/false, yes/no, on/off, 1/0)"
        )),
    }
}

/// A JSON value (`--driver-opts '{"a": 1}'`).
pub fn json_value(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("cannot parse {text:?} as JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bool_expr_reads_what_trafaret_reads_and_rejects_the_rest() {
        for yes in ["t", "TRUE", "Yes", "y", "on", "1", "1.0", " true "] {
            assert_eq!(bool_expr(yes), Ok(true), "{yes}");
        }
        for no in ["false", "n", "No", "off", "0", "None", "0.0"] {
            assert_eq!(bool_expr(no), Ok(false), "{no}");
        }
        // "f" is not one of trafaret's spellings (though "t" is).
        assert!(bool_expr("f").is_err());
        assert!(bool_expr("maybe").is_err());
    }

    #[test]
    fn default_policy_perms_are_json_with_every_permission() {
        let v = json_value(DEFAULT_POLICY_VFOLDER_HOST_PERMS).unwrap();
        assert_eq!(v["local:volume1"].as_array().map(Vec::len), Some(8));
        assert!(json_value("{nope").is_err());
    }
}
