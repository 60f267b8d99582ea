//! The TOML config file: its text, and its values reduced to what the schema needs.

use std::collections::BTreeMap;

use super::ConfigError;

/// The configuration file as text (the caller reads it; this crate does no I/O).
#[derive(Debug, Clone, Copy)]
pub struct ConfigFile<'a> {
    /// Path shown in sources and error messages.
    pub path: &'a str,
    /// TOML text.
    pub contents: &'a str,
}

pub(super) fn parse_file(f: ConfigFile<'_>) -> Result<BTreeMap<String, FileValue>, ConfigError> {
    use config::Source as _;
    let map = config::File::from_str(f.contents, config::FileFormat::Toml)
        .collect()
        .map_err(|e| ConfigError::File {
            path: f.path.to_owned(),
            message: parse_message(&e.to_string()),
        })?;
    Ok(map
        .into_iter()
        .map(|(k, v)| (k, FileValue::from_config(v)))
        .collect())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A parser message on one line: a multi-line TOML error keeps its position line and its
/// explanation, not the source excerpt.
fn parse_message(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match (lines.first(), lines.last()) {
        (Some(first), Some(last)) if lines.len() > 2 && !last.contains('|') => {
            format!("{first}: {last}")
        }
        _ => one_line(s),
    }
}

/// A value read from the file, reduced to what the schema needs.
pub(super) enum FileValue {
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<FileValue>),
    Table(Vec<(String, FileValue)>),
    Other,
}

impl FileValue {
    pub(super) fn from_config(v: config::Value) -> Self {
        use config::ValueKind as K;
        match v.kind {
            K::String(s) => FileValue::Str(s),
            K::Boolean(b) => FileValue::Bool(b),
            K::I64(i) => FileValue::Num(i as f64),
            K::U64(u) => FileValue::Num(u as f64),
            K::I128(i) => FileValue::Num(i as f64),
            K::U128(u) => FileValue::Num(u as f64),
            K::Float(f) => FileValue::Num(f),
            K::Array(a) => FileValue::List(a.into_iter().map(Self::from_config).collect()),
            K::Table(t) => FileValue::Table(
                t.into_iter()
                    .map(|(k, v)| (k, Self::from_config(v)))
                    .collect(),
            ),
            K::Nil => FileValue::Other,
        }
    }

    pub(super) fn type_name(&self) -> &'static str {
        match self {
            FileValue::Str(_) => "a string",
            FileValue::Num(_) => "a number",
            FileValue::Bool(_) => "a boolean",
            FileValue::List(_) => "an array",
            FileValue::Table(_) => "a table",
            FileValue::Other => "an empty value",
        }
    }
}
