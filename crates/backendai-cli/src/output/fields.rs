//! Declared fields: each printed kind of item names its fields once (name, column label,
//! JSON key, formatter) and tables, `--plain` rows and `--format` selections all come from
//! that declaration. With `-o json` the item itself is printed (serialized by the SDK type),
//! so a field's JSON key is also where a script finds the value the table shows.

use serde_json::Value;

/// Turns the value under a field's JSON key (`Null` when absent) into the text of a cell.
pub type Formatter = fn(&Value) -> String;

/// One printed field.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec<'a> {
    /// The name users select with `--format` (the server's field name).
    pub name: &'a str,
    /// The column label in tables.
    pub label: &'a str,
    /// The key of the value in the item's JSON form; empty = the whole item (computed cells).
    pub json_key: &'a str,
    /// How the value is shown in a table cell.
    pub format: Formatter,
}

impl<'a> FieldSpec<'a> {
    /// A field whose label and JSON key are its name, shown with [`text`].
    pub const fn new(name: &'a str) -> Self {
        Self {
            name,
            label: name,
            json_key: name,
            format: text,
        }
    }

    /// A cell computed from the whole item (several keys, or a nested one).
    pub const fn computed(name: &'a str, format: Formatter) -> Self {
        Self {
            name,
            label: name,
            json_key: "",
            format,
        }
    }

    /// The same field with another column label.
    pub const fn label(mut self, label: &'a str) -> Self {
        self.label = label;
        self
    }

    /// The same field read from another JSON key.
    pub const fn json_key(mut self, key: &'a str) -> Self {
        self.json_key = key;
        self
    }

    /// The same field with another formatter.
    pub const fn format(mut self, format: Formatter) -> Self {
        self.format = format;
        self
    }

    /// The cell text of this field for one item.
    pub fn cell(&self, item: &Value) -> String {
        if self.json_key.is_empty() {
            return (self.format)(item);
        }
        (self.format)(item.get(self.json_key).unwrap_or(&Value::Null))
    }
}

/// Fields named by `names`, in that order: declared ones as declared, others as plain text
/// fields (`--format` may name any field the server knows).
pub fn select<'a>(declared: &[FieldSpec<'a>], names: &'a [String]) -> Vec<FieldSpec<'a>> {
    names
        .iter()
        .map(|n| {
            declared
                .iter()
                .find(|f| f.name == n.as_str())
                .copied()
                .unwrap_or_else(|| FieldSpec::new(n.as_str()))
        })
        .collect()
}

/// The table row of one item.
pub fn row(fields: &[FieldSpec<'_>], item: &Value) -> Vec<String> {
    fields.iter().map(|f| f.cell(item)).collect()
}

/// The column labels.
pub fn labels<'a>(fields: &[FieldSpec<'a>]) -> Vec<&'a str> {
    fields.iter().map(|f| f.label).collect()
}

/// A JSON value as a table cell: strings bare, null empty, others as compact JSON.
pub fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Formats a byte count with binary units (`1.5 GiB`).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DECLARED: &[FieldSpec<'static>] = &[
        FieldSpec::new("name"),
        FieldSpec::new("size")
            .label("bytes")
            .format(|v| human_bytes(v.as_u64().unwrap_or(0))),
        FieldSpec::computed("both", |v| {
            format!("{}/{}", text(&v["name"]), text(&v["size"]))
        }),
    ];

    #[test]
    fn cells_come_from_the_declaration() {
        let item = json!({"name": "a", "size": 1536});
        assert_eq!(row(DECLARED, &item), ["a", "1.5 KiB", "a/1536"]);
        assert_eq!(labels(DECLARED), ["name", "bytes", "both"]);
        assert_eq!(
            FieldSpec::new("x").json_key("y").cell(&json!({"y": 1})),
            "1"
        );
    }

    #[test]
    fn selection_keeps_declared_formatters_and_accepts_unknown_names() {
        let names = vec!["size".to_owned(), "other".to_owned()];
        let picked = select(DECLARED, &names);
        assert_eq!(labels(&picked), ["bytes", "other"]);
        assert_eq!(
            row(&picked, &json!({"size": 2048, "other": true})),
            ["2.0 KiB", "true"]
        );
    }

    #[test]
    fn text_and_bytes() {
        assert_eq!(text(&json!(null)), "");
        assert_eq!(text(&json!("x")), "x");
        assert_eq!(text(&json!({"a": 1})), "{\"a\":1}");
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(8 * 1024 * 1024 * 1024), "8.0 GiB");
    }
}
