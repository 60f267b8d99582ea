//! Reading Python `repr()` text the manager sometimes sends instead of JSON.
//!
//! The 23.09 manager's `GET /session/{name}` answers `occupiedSlots`, `requestedSlots`,
//! `resourceOpts`, ... as `str(dict)`: `"{'cpu': Decimal('1'), 'mem': Decimal('536870912')}"`.
//! [`parse_python_literal`] turns such text into JSON: dicts → objects (key order kept),
//! lists/tuples/sets → arrays, `'str'` → strings, ints/floats → numbers, `True`/`False`/`None`,
//! and a call with one literal argument (`Decimal('1')`, `UUID('…')`) → that argument as text,
//! so decimals keep their exact digits.

use serde_json::{Map, Number, Value};

/// Nesting limit: deeper text is refused instead of risking the stack.
const MAX_DEPTH: usize = 64;

/// Parses a Python literal (`repr` of dicts, lists, tuples, strings, numbers, booleans, `None`,
/// `Decimal('…')`) into JSON. `None` when the text is not such a literal (nothing panics).
pub fn parse_python_literal(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

/// Reads a value that may be an object/array already, a JSON-encoded string, or Python repr
/// text; `None` for other strings. Non-string values are returned as they are.
pub fn loose_json(v: &Value) -> Option<Value> {
    match v {
        Value::String(s) => serde_json::from_str::<Value>(s)
            .ok()
            .filter(|j| j.is_object() || j.is_array())
            .or_else(|| parse_python_literal(s)),
        other => Some(other.clone()),
    }
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'{' => {
                self.i += 1;
                self.dict_or_set(depth)
            }
            b'[' => {
                self.i += 1;
                self.seq(b']', depth).map(Value::Array)
            }
            b'(' => {
                self.i += 1;
                self.seq(b')', depth).map(Value::Array)
            }
            b'\'' | b'"' => self.string().map(Value::String),
            c if c == b'-' || c == b'+' || c == b'.' || c.is_ascii_digit() => self.number(),
            c if c.is_ascii_alphabetic() || c == b'_' => self.name_or_call(depth),
            _ => None,
        }
    }

    /// Items up to `close`, comma separated, trailing comma allowed.
    fn seq(&mut self, close: u8, depth: usize) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Some(items);
            }
            items.push(self.value(depth + 1)?);
            if !self.eat(b',') {
                return self.eat(close).then_some(items);
            }
        }
    }

    fn dict_or_set(&mut self, depth: usize) -> Option<Value> {
        if self.eat(b'}') {
            return Some(Value::Object(Map::new()));
        }
        let first = self.value(depth + 1)?;
        if !self.eat(b':') {
            // a set literal
            let mut items = vec![first];
            if self.eat(b',') {
                items.extend(self.seq(b'}', depth)?);
                return Some(Value::Array(items));
            }
            return self.eat(b'}').then_some(Value::Array(items));
        }
        let mut map = Map::new();
        let mut key = first;
        loop {
            let k = match key {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => if b { "True" } else { "False" }.to_owned(),
                Value::Null => "None".to_owned(),
                _ => return None,
            };
            let v = self.value(depth + 1)?;
            map.insert(k, v);
            if self.eat(b'}') {
                return Some(Value::Object(map));
            }
            if !self.eat(b',') {
                return None;
            }
            if self.eat(b'}') {
                return Some(Value::Object(map));
            }
            key = self.value(depth + 1)?;
            if !self.eat(b':') {
                return None;
            }
        }
    }

    fn name_or_call(&mut self, depth: usize) -> Option<Value> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                self.i += 1;
            } else {
                break;
            }
        }
        let name = &self.text[start..self.i];
        // string prefixes: b'..', r'..', u'..'
        if matches!(self.peek(), Some(b'\'' | b'"'))
            && matches!(name, "b" | "u" | "r" | "rb" | "br" | "B" | "U" | "R")
        {
            if name.contains(['r', 'R']) {
                return self.raw_string().map(Value::String);
            }
            return self.string().map(Value::String);
        }
        self.ws();
        if self.peek() == Some(b'(') {
            self.i += 1;
            let args = self.seq(b')', depth)?;
            return match args.len() {
                0 if matches!(name, "set" | "list" | "tuple" | "frozenset") => {
                    Some(Value::Array(Vec::new()))
                }
                0 if name == "dict" => Some(Value::Object(Map::new())),
                1 => Some(match args.into_iter().next()? {
                    Value::Number(n) => Value::String(n.to_string()),
                    other => other,
                }),
                _ => None,
            };
        }
        match name {
            "True" => Some(Value::Bool(true)),
            "False" => Some(Value::Bool(false)),
            "None" => Some(Value::Null),
            "inf" => Some(Value::String("Infinity".into())),
            "nan" => Some(Value::String("NaN".into())),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.i += 1;
        }
        if self.s[self.i..].starts_with(b"inf") {
            self.i += 3;
            let neg = self.s[start] == b'-';
            return Some(Value::String(
                if neg { "-Infinity" } else { "Infinity" }.into(),
            ));
        }
        while let Some(c) = self.peek() {
            let sign_after_exp = (c == b'-' || c == b'+')
                && self.i > start
                && matches!(self.s[self.i - 1], b'e' | b'E');
            if c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'_') || sign_after_exp {
                self.i += 1;
            } else {
                break;
            }
        }
        let text: String = self.text[start..self.i]
            .chars()
            .filter(|&c| c != '_' && c != '+')
            .collect();
        if let Ok(n) = text.parse::<i64>() {
            return Some(Value::Number(n.into()));
        }
        if let Ok(n) = text.parse::<u64>() {
            return Some(Value::Number(n.into()));
        }
        if text.bytes().all(|c| c.is_ascii_digit() || c == b'-') {
            // a big integer: keep its digits
            return (!text.is_empty() && text != "-").then_some(Value::String(text));
        }
        let f: f64 = text.parse().ok()?;
        Number::from_f64(f).map(Value::Number)
    }

    fn raw_string(&mut self) -> Option<String> {
        let q = self.peek()?;
        self.i += 1;
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == q {
                let out = self.text[start..self.i].to_owned();
                self.i += 1;
                return Some(out);
            }
            self.i += if c == b'\\' { 2 } else { 1 };
        }
        None
    }

    fn hex(&mut self, n: usize) -> Option<char> {
        let h = self.text.get(self.i..self.i + n)?;
        let v = u32::from_str_radix(h, 16).ok()?;
        self.i += n;
        char::from_u32(v)
    }

    fn string(&mut self) -> Option<String> {
        let q = self.peek()?;
        self.i += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.i..)?;
            let c = rest.chars().next()?;
            self.i += c.len_utf8();
            if c as u32 == u32::from(q) {
                return Some(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let e = self.peek()?;
            self.i += 1;
            match e {
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'a' => out.push('\u{7}'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'v' => out.push('\u{b}'),
                b'x' => out.push(self.hex(2)?),
                b'u' => out.push(self.hex(4)?),
                b'U' => out.push(self.hex(8)?),
                b'0'..=b'7' => {
                    let mut v = u32::from(e - b'0');
                    for _ in 0..2 {
                        match self.peek() {
                            Some(d @ b'0'..=b'7') => {
                                v = v * 8 + u32::from(d - b'0');
                                self.i += 1;
                            }
                            _ => break,
                        }
                    }
                    out.push(char::from_u32(v)?);
                }
                b'\n' => {}
                b'\\' | b'\'' | b'"' => out.push(char::from(e)),
                _ => {
                    // unknown escape: Python keeps the backslash
                    out.push('\\');
                    self.i -= 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn manager_slot_text() {
        let v = parse_python_literal("{'cpu': Decimal('1'), 'mem': Decimal('536870912')}").unwrap();
        assert_eq!(v, json!({"cpu": "1", "mem": "536870912"}));
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"cpu":"1","mem":"536870912"}"#
        );
        assert_eq!(parse_python_literal("{}"), Some(json!({})));
        assert_eq!(
            parse_python_literal("{'main1': {'shmem': 67108864}}"),
            Some(json!({"main1": {"shmem": 67108864}}))
        );
    }

    #[test]
    fn scalars_and_containers() {
        assert_eq!(
            parse_python_literal(
                "[1, -2.5, 'a\\'b', \"q\\\"\", True, False, None, (1,), {1, 2}, set(), 1e3]"
            ),
            Some(json!([
                1,
                -2.5,
                "a'b",
                "q\"",
                true,
                false,
                null,
                [1],
                [1, 2],
                [],
                1000.0
            ]))
        );
        assert_eq!(
            parse_python_literal(
                "{'x': Decimal('Infinity'), 'y': inf, 'z': 123456789012345678901234567890,}"
            ),
            Some(json!({"x": "Infinity", "y": "Infinity", "z": "123456789012345678901234567890"}))
        );
        assert_eq!(
            parse_python_literal("'\\xe9\\u00e9\\n\\t\\\\'"),
            Some(json!("éé\n\t\\"))
        );
        assert_eq!(parse_python_literal("b'raw'"), Some(json!("raw")));
        assert_eq!(parse_python_literal("'한글'"), Some(json!("한글")));
    }

    #[test]
    fn garbage_is_refused_without_panicking() {
        for bad in [
            "",
            "{",
            "{'a' 1}",
            "{'a': }",
            "[1, 2",
            "'open",
            "foo",
            "{'a': 1} x",
            "Decimal('1', '2')",
            "{[1]: 2}",
            "-",
            "'\\x4'",
            "\\",
            "{'a': 1,, }",
        ] {
            assert_eq!(parse_python_literal(bad), None, "{bad:?}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse_python_literal(&deep), None);
    }

    #[test]
    fn loose_json_reads_objects_json_text_and_repr_text() {
        assert_eq!(loose_json(&json!({"a": 1})), Some(json!({"a": 1})));
        assert_eq!(loose_json(&json!("{\"a\": 1}")), Some(json!({"a": 1})));
        assert_eq!(loose_json(&json!("{'a': 1}")), Some(json!({"a": 1})));
        assert_eq!(loose_json(&json!("not a literal")), None);
    }
}
