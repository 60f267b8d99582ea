//! JSON bodies serialized byte-for-byte like Python's `json.dumps` defaults:
//! separators `", "` and `": "`, non-ASCII escaped as `\uXXXX` (surrogate pairs above the BMP),
//! floats rendered like Python's `repr(float)`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter};

/// Serializes `value` like `json.dumps(value)` in Python.
pub fn dumps<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PyFormatter);
    // Serializing a `serde_json::Value` (or any derived struct) into a Vec cannot fail.
    if value.serialize(&mut ser).is_err() {
        out.clear();
        out.extend_from_slice(b"null");
    }
    out
}

/// [`dumps`] as text (the output is always ASCII).
pub fn dumps_string<T: Serialize + ?Sized>(value: &T) -> String {
    String::from_utf8_lossy(&dumps(value)).into_owned()
}

struct PyFormatter;

impl Formatter for PyFormatter {
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            // Python's ensure_ascii escapes everything outside ' '..='~', DEL included.
            if c.is_ascii() && c != '\u{7f}' {
                continue;
            }
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        // Python writes control characters as \u00XX except the five short forms.
        let s: &[u8] = match escape {
            CharEscape::Quote => b"\\\"",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(byte) => return write!(w, "\\u{byte:04x}"),
        };
        w.write_all(s)
    }

    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        w.write_all(python_float_repr(value).as_bytes())
    }

    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        w.write_all(python_float_repr(f64::from(value)).as_bytes())
    }
}

/// `repr(float)` of Python: shortest round-trip digits, fixed notation for exponents in
/// `-4..16`, otherwise `1e+16` style.
fn python_float_repr(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_owned();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let fixed = format!("{v}");
        if fixed.contains('.') {
            fixed
        } else {
            format!("{fixed}.0")
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(v: serde_json::Value) -> String {
        String::from_utf8(dumps(&v)).unwrap()
    }

    #[test]
    fn matches_python_json_dumps() {
        assert_eq!(
            s(json!({"a": 1, "b": [1, 2, {}], "c": {}})),
            r#"{"a": 1, "b": [1, 2, {}], "c": {}}"#
        );
        assert_eq!(s(json!({"k": "데이터"})), r#"{"k": "\ub370\uc774\ud130"}"#);
        assert_eq!(s(json!("😀")), r#""\ud83d\ude00""#);
        assert_eq!(s(json!("a/b\u{1}\n\"")), r#""a/b\u0001\n\"""#);
        assert_eq!(
            s(json!([1.0, 0.5, 1e16, 1.5e-5, 123.456, -0.0001])),
            "[1.0, 0.5, 1e+16, 1.5e-05, 123.456, -0.0001]"
        );
        assert_eq!(s(json!(null)), "null");
        assert_eq!(s(json!("\u{7f}~")), r#""\u007f~""#);
    }
}
