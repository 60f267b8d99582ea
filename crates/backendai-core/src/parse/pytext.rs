//! Small re-implementations of Python text behaviour the CLI output depends on:
//! `str.strip()`, `repr(str)`, `int(str)`, `json.dumps` string escaping.

/// Python `str.isspace()` for one character.
pub(crate) fn py_is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python `str.strip()` (no arguments).
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(py_is_space)
}

/// Approximation of Python's `str.isprintable()` for one character: control, format,
/// separator (except ASCII space), private-use and non-character code points are not printable.
fn py_is_printable(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if u < 0x20 || (0x7f..=0xa0).contains(&u) || u == 0xad {
        return false;
    }
    let special = matches!(u,
        0x0600..=0x0605 | 0x061c | 0x06dd | 0x070f | 0x1680 | 0x180e | 0x2000..=0x200f
        | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f | 0x3000 | 0xd800..=0xf8ff
        | 0xfeff | 0xfff9..=0xfffb | 0x110bd | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..);
    !special && u & 0xfffe != 0xfffe
}

/// Python `repr(str)`: single quotes unless the text contains `'` and no `"`.
pub(crate) fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if py_is_printable(c) => out.push(c),
            c => {
                let u = c as u32;
                if u <= 0xff {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// CPython's `%.200R`: the repr, cut to 200 characters.
pub(crate) fn py_repr_200(s: &str) -> String {
    py_repr(s).chars().take(200).collect()
}

/// Why Python's `int(str)` failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PyIntError {
    /// `invalid literal for int() with base 10: '...'`
    Invalid,
    /// A valid integer that does not fit in `i128`.
    TooLarge,
}

/// Python `int(str)` with base 10: surrounding whitespace, one sign, ASCII digits with single
/// underscores between digits.
pub(crate) fn py_int(s: &str) -> Result<i128, PyIntError> {
    let t = py_strip(s);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(PyIntError::Invalid);
    }
    if !body.bytes().all(|b| b.is_ascii_digit() || b == b'_') {
        return Err(PyIntError::Invalid);
    }
    let mut v: i128 = 0;
    for b in body.bytes().filter(|&b| b != b'_') {
        let d = i128::from(b - b'0');
        v = v
            .checked_mul(10)
            .and_then(|v| {
                if neg {
                    v.checked_sub(d)
                } else {
                    v.checked_add(d)
                }
            })
            .ok_or(PyIntError::TooLarge)?;
    }
    Ok(v)
}

/// `json.dumps(str)` with Python's defaults (`ensure_ascii=True`).
pub(crate) fn py_json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Inserts into an insertion-ordered list of pairs with Python `dict` semantics: an existing
/// key keeps its position and gets the new value.
pub(crate) fn dict_set<V>(pairs: &mut Vec<(String, V)>, key: String, value: V) {
    if let Some(slot) = pairs.iter_mut().find(|(k, _)| *k == key) {
        slot.1 = value;
    } else {
        pairs.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_python() {
        assert_eq!(py_repr("abc"), "'abc'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(py_repr("a\\b\n"), "'a\\\\b\\n'");
        assert_eq!(py_repr("\u{7f}\u{a0}é"), "'\\x7f\\xa0é'");
    }

    #[test]
    fn int_matches_python() {
        assert_eq!(py_int(" 12 "), Ok(12));
        assert_eq!(py_int("-1_000"), Ok(-1000));
        assert_eq!(py_int("+7"), Ok(7));
        for bad in ["", "1.5", "a", "1__0", "_1", "1_", "- 1", "0x10"] {
            assert_eq!(py_int(bad), Err(PyIntError::Invalid), "{bad}");
        }
        assert_eq!(py_int(&"9".repeat(50)), Err(PyIntError::TooLarge));
    }

    #[test]
    fn json_str_matches_python() {
        let mut s = String::new();
        py_json_str("a\"é😀\u{1}", &mut s);
        assert_eq!(s, "\"a\\\"\\u00e9\\ud83d\\ude00\\u0001\"");
    }
}
