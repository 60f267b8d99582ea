//! Just enough Rust lexing for the tidy checks: comments and literal contents blanked out (so a
//! doc example or a message text never matches a code pattern), string literals kept aside,
//! `#[cfg(test)]` items removable, attribute spans found.
//!
//! Blanking replaces every byte with a space (newlines kept), so byte offsets and line numbers
//! of the blanked code are those of the original text.

/// A string literal of the source, with its position.
#[derive(Debug, Clone)]
pub struct Literal {
    /// Byte offset of the opening quote.
    pub start: usize,
    /// The contents with the common escapes (`\"`, `\\`, `\n`, `\t`) resolved.
    pub value: String,
}

/// A Rust source file as the checks see it.
#[derive(Debug, Clone)]
pub struct Scanned {
    /// The source with comments and the contents of string and char literals blanked.
    pub code: String,
    /// Every string literal (plain, raw, byte), in source order.
    pub literals: Vec<Literal>,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn blank(out: &mut [u8], from: usize, to: usize) {
    for b in &mut out[from..to] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Length of the UTF-8 sequence that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

impl Scanned {
    /// Scans `text`. Unterminated literals or comments run to the end of the file.
    pub fn new(text: &str) -> Self {
        let src = text.as_bytes();
        let mut out = src.to_vec();
        let mut literals = Vec::new();
        let mut i = 0;
        while i < src.len() {
            let at_token_start = i == 0 || !is_ident_byte(src[i - 1]);
            match src[i] {
                b'/' if src.get(i + 1) == Some(&b'/') => {
                    let end = src[i..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(src.len(), |n| i + n);
                    blank(&mut out, i, end);
                    i = end;
                }
                b'/' if src.get(i + 1) == Some(&b'*') => {
                    let end = block_comment_end(src, i);
                    blank(&mut out, i, end);
                    i = end;
                }
                b'"' => i = string(src, &mut out, &mut literals, i, i + 1),
                b'r' | b'b' | b'c' if at_token_start => {
                    // `r"..."`, `r#"..."#`, `b"..."`, `br"..."`, `c"..."`.
                    let mut j = i + 1;
                    if src[i] == b'b' && src.get(j) == Some(&b'r') {
                        j += 1;
                    }
                    let raw = src[i] == b'r' || (src[i] == b'b' && j == i + 2);
                    let hashes = if raw {
                        src[j..].iter().take_while(|&&b| b == b'#').count()
                    } else {
                        0
                    };
                    if src.get(j + hashes) == Some(&b'"') && (raw || j == i + 1) {
                        let open = j + hashes;
                        i = if raw {
                            raw_string(src, &mut out, &mut literals, i, open + 1, hashes)
                        } else {
                            string(src, &mut out, &mut literals, i, open + 1)
                        };
                    } else {
                        i += 1;
                    }
                }
                b'\'' => i = char_literal(src, &mut out, i),
                _ => i += 1,
            }
        }
        let code = String::from_utf8(out).expect("blanking keeps UTF-8 (ASCII spaces)");
        Scanned { code, literals }
    }

    /// The same file without `#[cfg(test)]` items (test modules, test-only functions).
    pub fn without_tests(&self) -> Self {
        let mut out = self.code.clone().into_bytes();
        let mut removed = Vec::new();
        let mut from = 0;
        while let Some(n) = self.code[from..].find("#[cfg(test)]") {
            let start = from + n;
            let end = item_end(self.code.as_bytes(), start + "#[cfg(test)]".len());
            blank(&mut out, start, end);
            removed.push(start..end);
            from = end;
        }
        Scanned {
            code: String::from_utf8(out).expect("ASCII blanking"),
            literals: self
                .literals
                .iter()
                .filter(|l| !removed.iter().any(|r| r.contains(&l.start)))
                .cloned()
                .collect(),
        }
    }

    /// 1-based line number of byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.code.as_bytes()[..at.min(self.code.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// The literal whose opening quote (or raw/byte prefix) is at `at`.
    pub fn literal_at(&self, at: usize) -> Option<&Literal> {
        self.literals.iter().find(|l| l.start == at)
    }

    /// Byte ranges of the attributes (`#[...]`, `#![...]`).
    pub fn attribute_spans(&self) -> Vec<std::ops::Range<usize>> {
        let code = self.code.as_bytes();
        let mut spans = Vec::new();
        let mut i = 0;
        while i + 1 < code.len() {
            if code[i] == b'#' {
                let open = if code[i + 1] == b'!' { i + 2 } else { i + 1 };
                if code.get(open) == Some(&b'[') {
                    let end = matching(code, open, b'[', b']');
                    spans.push(i..end);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        spans
    }

    /// Offsets where the macro `name!` is invoked (not `other_name!`, not inside comments
    /// or literals).
    pub fn macro_calls(&self, name: &str) -> Vec<usize> {
        let pattern = format!("{name}!");
        let code = self.code.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(n) = self.code[from..].find(&pattern) {
            let at = from + n;
            if at == 0 || !is_ident_byte(code[at - 1]) {
                found.push(at);
            }
            from = at + pattern.len();
        }
        found
    }
}

fn block_comment_end(src: &[u8], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i + 1 < src.len() {
        match (src[i], src[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    src.len()
}

/// Scans a plain (escaped) string whose contents start at `body`; returns the offset past it.
fn string(
    src: &[u8],
    out: &mut [u8],
    literals: &mut Vec<Literal>,
    start: usize,
    body: usize,
) -> usize {
    let mut j = body;
    while j < src.len() && src[j] != b'"' {
        j += if src[j] == b'\\' { 2 } else { 1 };
    }
    let close = j.min(src.len());
    let raw = String::from_utf8_lossy(&src[body..close]);
    literals.push(Literal {
        start,
        value: unescape(&raw),
    });
    blank(out, body, close);
    (close + 1).min(src.len())
}

/// Scans a raw string (`r##"..."##`) whose contents start at `body`.
fn raw_string(
    src: &[u8],
    out: &mut [u8],
    literals: &mut Vec<Literal>,
    start: usize,
    body: usize,
    hashes: usize,
) -> usize {
    let mut j = body;
    let close = loop {
        if j >= src.len() {
            break src.len();
        }
        if src[j] == b'"'
            && src[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            break j;
        }
        j += 1;
    };
    literals.push(Literal {
        start,
        value: String::from_utf8_lossy(&src[body..close]).into_owned(),
    });
    blank(out, body, close);
    (close + 1 + hashes).min(src.len())
}

/// A char literal (`'x'`, `'\''`, `'"'`) is blanked; a lifetime or label is left alone.
fn char_literal(src: &[u8], out: &mut [u8], start: usize) -> usize {
    let body = start + 1;
    let Some(&first) = src.get(body) else {
        return src.len();
    };
    if first == b'\\' {
        let mut j = body + 2;
        while j < src.len() && src[j] != b'\'' {
            j += 1;
        }
        blank(out, body, j);
        return (j + 1).min(src.len());
    }
    let close = body + utf8_len(first);
    if src.get(close) == Some(&b'\'') {
        blank(out, body, close);
        close + 1
    } else {
        body
    }
}

/// Offset past the bracket matching the one at `open`.
fn matching(code: &[u8], open: usize, left: u8, right: u8) -> usize {
    let mut depth = 0usize;
    for (k, &b) in code.iter().enumerate().skip(open) {
        if b == left {
            depth += 1;
        } else if b == right {
            depth -= 1;
            if depth == 0 {
                return k + 1;
            }
        }
    }
    code.len()
}

/// End of the item that starts at `from` (after its attribute): its `;`, or the brace that
/// closes its body.
fn item_end(code: &[u8], from: usize) -> usize {
    for (k, &b) in code.iter().enumerate().skip(from) {
        match b {
            b';' => return k + 1,
            b'{' => return matching(code, k, b'{', b'}'),
            _ => {}
        }
    }
    code.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_literal_contents_are_blanked_with_offsets_kept() {
        let text =
            "let a = \"x // y\"; // println!(\"no\")\n/* /* nested */ println!() */ f('\"', 'a);\n";
        let s = Scanned::new(text);
        assert_eq!(s.code.len(), text.len());
        assert!(!s.code.contains("println"), "{}", s.code);
        assert!(s.code.contains("f('"), "{}", s.code);
        assert_eq!(s.literals.len(), 1);
        assert_eq!(s.literals[0].value, "x // y");
        assert_eq!(s.line_of(text.find("f(").unwrap()), 2);
    }

    #[test]
    fn raw_and_byte_strings_are_literals() {
        let s = Scanned::new("let q = r#\"query { a }\"#; let b = b\"/folders\"; let r = br\"x\";");
        let values: Vec<&str> = s.literals.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["query { a }", "/folders", "x"]);
        assert!(!s.code.contains("query"));
    }

    #[test]
    fn cfg_test_items_are_removed() {
        let text = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() { println!(\"{}\", \"t\"); }\n}\nfn c() {}\n#[cfg(test)]\nuse x::y;\n";
        let s = Scanned::new(text).without_tests();
        assert!(s.code.contains("fn a()") && s.code.contains("fn c()"));
        assert!(!s.code.contains("println") && !s.code.contains("use x"));
        assert!(s.literals.is_empty());
    }

    #[test]
    fn macro_calls_need_a_boundary() {
        let s = Scanned::new("eprintln!(\"a\"); std::println!(\"b\"); my_println!(\"c\");");
        assert_eq!(s.macro_calls("println").len(), 1);
        assert_eq!(s.macro_calls("eprintln").len(), 1);
    }

    #[test]
    fn attribute_spans_cover_multi_line_attributes() {
        let text = "#[arg(\n    long,\n    env = \"X\",\n)]\nfield: u8,";
        let s = Scanned::new(text);
        let spans = s.attribute_spans();
        assert_eq!(spans.len(), 1);
        assert!(spans[0].contains(&text.find("env").unwrap()));
    }
}
