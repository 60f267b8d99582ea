//! The source-text rules, each a pure function of one file so that a unit test can feed it a
//! bad sample; `tidy.rs` runs them over the workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::lexer::Scanned;

/// One broken rule at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub file: String,
    pub line: usize,
    pub what: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.what)
    }
}

fn violation(file: &str, line: usize, what: String) -> Violation {
    Violation {
        file: file.to_owned(),
        line,
        what,
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

// ----- size ----------------------------------------------------------------------------------

/// Longest a `src/` file may be: past this, a file holds more than one job.
pub const MAX_LINES: usize = 800;

/// A file over [`MAX_LINES`] lines.
pub fn too_long(file: &str, text: &str) -> Option<Violation> {
    let lines = text.lines().count();
    (lines > MAX_LINES).then(|| {
        violation(
            file,
            MAX_LINES + 1,
            format!("{lines} lines (at most {MAX_LINES}): split it by job"),
        )
    })
}

// ----- printing ------------------------------------------------------------------------------

/// Library crates never write to the terminal: the caller decides what a user sees.
pub const LIBRARY_PRINT_MACROS: &[&str] = &["print", "println", "eprint", "eprintln", "dbg"];
/// The CLI writes data through its output layer, which handles a closed pipe; `print!` and
/// `println!` panic on one.
pub const CLI_STDOUT_MACROS: &[&str] = &["print", "println"];

/// Invocations of `macros` in (non-test) code.
pub fn print_calls(file: &str, code: &Scanned, macros: &[&str], why: &str) -> Vec<Violation> {
    let mut found: Vec<Violation> = macros
        .iter()
        .flat_map(|m| {
            code.macro_calls(m)
                .into_iter()
                .map(move |at| (at, *m))
                .collect::<Vec<_>>()
        })
        .map(|(at, m)| violation(file, code.line_of(at), format!("`{m}!`: {why}")))
        .collect();
    found.sort_by_key(|v| v.line);
    found
}

// ----- environment variables -----------------------------------------------------------------

/// The names of the environment-variable registry (`backendai_core::env_vars`).
#[derive(Debug, Default)]
pub struct Registry {
    /// Variable names.
    names: BTreeSet<String>,
    /// Constant identifier -> variable name.
    constants: BTreeMap<String, String>,
}

impl Registry {
    /// Reads the registry's source: `pub const NAME: &str = "VALUE";` lines, and the lines
    /// `NAME: Audience = "meaning";` of a `registry! { ... }` block, whose constants are
    /// `stringify!(NAME)`.
    pub fn parse(source: &str) -> Self {
        let mut reg = Registry::default();
        let mut in_registry_block = false;
        for line in source.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("pub const ") {
                let Some((ident, value)) = rest.split_once(": &str =") else {
                    continue;
                };
                let value = value.trim().trim_end_matches(';').trim();
                if let Some(name) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                    reg.add(ident.trim(), name);
                }
                continue;
            }
            if line.starts_with("registry!") && line.ends_with('{') {
                in_registry_block = true;
                continue;
            }
            if in_registry_block {
                if line == "}" {
                    in_registry_block = false;
                    continue;
                }
                let Some((ident, rest)) = line.split_once(':') else {
                    continue;
                };
                let is_entry = !ident.is_empty()
                    && ident
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                    && rest.contains('=');
                if is_entry {
                    reg.add(ident, ident);
                }
            }
        }
        reg
    }

    fn add(&mut self, ident: &str, name: &str) {
        self.names.insert(name.to_owned());
        self.constants.insert(ident.to_owned(), name.to_owned());
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn has_name(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub fn has_constant(&self, ident: &str) -> bool {
        self.constants.contains_key(ident)
    }
}

/// What names the variable of one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvName {
    /// `env::var("NAME")`, `#[arg(env = "NAME")]`.
    Literal(String),
    /// `env::var(env_vars::NAME)`: the last path segment, an upper-case constant.
    Constant(String),
    /// Anything else (`env::var(key)`): a name only known at run time.
    Computed(String),
}

/// One place that reads an environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRead {
    pub line: usize,
    pub name: EnvName,
}

/// Every `env::var(..)`, `env::var_os(..)` and clap `env = ..` (inside an attribute) in `code`.
pub fn env_reads(code: &Scanned) -> Vec<EnvRead> {
    let text = &code.code;
    let mut reads = Vec::new();
    for call in ["env::var(", "env::var_os("] {
        let mut from = 0;
        while let Some(n) = text[from..].find(call) {
            let at = from + n;
            from = at + call.len();
            let bounded = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !is_ident_char(c));
            if bounded {
                reads.push(EnvRead {
                    line: code.line_of(at),
                    name: argument(code, at + call.len()),
                });
            }
        }
    }
    for span in code.attribute_spans() {
        let attr = &text[span.clone()];
        let mut from = 0;
        while let Some(n) = attr[from..].find("env") {
            let at = from + n;
            from = at + 3;
            let before = attr[..at].chars().next_back();
            let after = attr[at + 3..].trim_start();
            if before.is_some_and(is_ident_char)
                || !after.starts_with('=')
                || after.starts_with("==")
            {
                continue;
            }
            let value_at = span.start + attr.len() - after.len() + 1;
            reads.push(EnvRead {
                line: code.line_of(span.start + at),
                name: argument(code, value_at),
            });
        }
    }
    reads.sort_by_key(|r| r.line);
    reads
}

/// The variable name expression starting at `at` (leading whitespace skipped).
fn argument(code: &Scanned, at: usize) -> EnvName {
    let rest = &code.code[at..];
    let start = at + (rest.len() - rest.trim_start().len());
    if let Some(lit) = code.literal_at(start) {
        return EnvName::Literal(lit.value.clone());
    }
    let expr: String = code.code[start..]
        .chars()
        .take_while(|&c| c != ')' && c != ',' && c != '\n')
        .collect();
    let expr = expr.trim();
    let is_path = !expr.is_empty() && expr.chars().all(|c| is_ident_char(c) || c == ':');
    let last = expr.rsplit("::").next().unwrap_or_default();
    let is_constant = !last.is_empty()
        && last.chars().any(|c| c.is_ascii_uppercase())
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if is_path && is_constant {
        EnvName::Constant(last.to_owned())
    } else {
        EnvName::Computed(expr.to_owned())
    }
}

/// Reads whose name is not in the registry. A computed name is allowed only where the caller
/// says so (a lookup that receives registry names, e.g. the config layering's closure).
pub fn unregistered_env_reads(
    file: &str,
    reads: &[EnvRead],
    registry: &Registry,
    computed_allowed: bool,
) -> Vec<Violation> {
    reads
        .iter()
        .filter_map(|r| {
            let what = match &r.name {
                EnvName::Literal(name) if !registry.has_name(name) => {
                    format!("reads {name:?}, which is not in backendai_core::env_vars")
                }
                EnvName::Constant(ident) if !registry.has_constant(ident) => {
                    format!("reads constant {ident}, which is not in backendai_core::env_vars")
                }
                EnvName::Computed(expr) if !computed_allowed => format!(
                    "reads a variable named at run time (`{expr}`): use an env_vars constant"
                ),
                _ => return None,
            };
            Some(violation(file, r.line, what))
        })
        .collect()
}

// ----- protocol knowledge --------------------------------------------------------------------

/// First path segments of the manager's REST API (and the webserver's `/func` prefix).
pub const API_ROOTS: &[&str] = &[
    "/admin",
    "/auth",
    "/config",
    "/domain-config",
    "/events",
    "/folders",
    "/func",
    "/group-config",
    "/image",
    "/kernel",
    "/logs",
    "/manager",
    "/resource",
    "/scaling-groups",
    "/server",
    "/services",
    "/session",
    "/stream",
    "/template",
    "/user-config",
];

/// String literals (in non-test code) that are API paths or GraphQL documents.
pub fn protocol_text(file: &str, code: &Scanned) -> Vec<Violation> {
    code.literals
        .iter()
        .filter_map(|lit| {
            let what = if let Some(root) = api_root(&lit.value) {
                format!(
                    "API path {:?} (under {root}): paths belong in the SDK",
                    lit.value
                )
            } else if looks_like_graphql(&lit.value) {
                format!("GraphQL text {:?}: queries belong in the SDK", lit.value)
            } else {
                return None;
            };
            Some(violation(file, code.line_of(lit.start), what))
        })
        .collect()
}

fn api_root(value: &str) -> Option<&'static str> {
    API_ROOTS.iter().copied().find(|root| {
        value
            .strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '{']))
    })
}

/// `query {`, `mutation Name($x: ..)`, ... or a selection set like `items { id`.
fn looks_like_graphql(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let word_at = |i: usize, w: &str| {
        let wc: Vec<char> = w.chars().collect();
        chars.get(i..i + wc.len()) == Some(&wc[..])
            && (i == 0 || !is_ident_char(chars[i - 1]))
            && chars.get(i + wc.len()).is_none_or(|&c| !is_ident_char(c))
    };
    let skip_ws = |mut i: usize| {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    };
    for i in 0..chars.len() {
        for keyword in ["query", "mutation", "subscription"] {
            if word_at(i, keyword) {
                let mut j = skip_ws(i + keyword.len());
                while chars.get(j).is_some_and(|&c| is_ident_char(c)) {
                    j += 1;
                }
                let j = skip_ws(j);
                // `query {` / `query Name {`, or a variable list `mutation($email: ...)`.
                let opens_body = chars.get(j) == Some(&'{');
                let opens_variables =
                    chars.get(j) == Some(&'(') && chars.get(skip_ws(j + 1)) == Some(&'$');
                if opens_body || opens_variables {
                    return true;
                }
            }
        }
        // A selection set: `field {` then a field, with spaces on both sides of the brace
        // (format strings write `{name}` without them).
        if is_ident_char(chars[i])
            && chars.get(i + 1).is_some_and(|c| c.is_whitespace())
            && chars.get(skip_ws(i + 1)) == Some(&'{')
        {
            let after = skip_ws(i + 1) + 1;
            if chars.get(after).is_some_and(|c| c.is_whitespace())
                && chars.get(skip_ws(after)).is_some_and(|&c| is_ident_char(c))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Scanned {
        Scanned::new(text).without_tests()
    }

    #[test]
    fn a_file_over_the_limit_is_too_long() {
        let ok = "x\n".repeat(MAX_LINES);
        assert_eq!(too_long("a.rs", &ok), None);
        let bad = "x\n".repeat(MAX_LINES + 1);
        let v = too_long("a.rs", &bad).unwrap();
        assert!(v.what.starts_with("801 lines"), "{v}");
    }

    #[test]
    fn print_macros_are_found_outside_comments_strings_and_tests() {
        let text = "/// println!(\"doc\")\nfn f() {\n    let s = \"println!\";\n    eprintln!(\"x\");\n    dbg!(s);\n}\n#[cfg(test)]\nmod tests { fn t() { println!(\"ok\"); } }\n";
        let v = print_calls("lib.rs", &scan(text), LIBRARY_PRINT_MACROS, "no");
        let lines: Vec<usize> = v.iter().map(|v| v.line).collect();
        assert_eq!(lines, [4, 5], "{v:?}");
        let cli = "fn main() { println!(\"data\"); eprintln!(\"msg\"); }";
        let v = print_calls("main.rs", &scan(cli), CLI_STDOUT_MACROS, "no");
        assert_eq!(v.len(), 1);
        assert!(v[0].what.starts_with("`println!`"));
    }

    const REGISTRY: &str = "pub const OLD_STYLE: &str = \"OLD_STYLE\";\nregistry! {\n    // comment\n    BACKEND_ENDPOINT: User = \"urls; tried in order\";\n    RUST_LOG: User = \"filter\";\n}\npub const BACKEND_WITH_LEGACY: &[(&str, &str)] = &[];\n";

    #[test]
    fn the_registry_is_read_from_both_forms() {
        let reg = Registry::parse(REGISTRY);
        for name in ["OLD_STYLE", "BACKEND_ENDPOINT", "RUST_LOG"] {
            assert!(reg.has_name(name) && reg.has_constant(name), "{name}");
        }
        assert!(!reg.has_name("BACKEND_WITH_LEGACY"));
        assert!(Registry::parse("nothing here").is_empty());
    }

    #[test]
    fn env_reads_of_every_kind_are_classified() {
        let text = "fn f(key: &str) {\n    std::env::var(\"RUST_LOG\");\n    env::var_os(env_vars::HOME);\n    std::env::var(key);\n    myenv::var(\"NOT_A_READ\");\n}\n#[derive(Parser)]\nstruct A {\n    #[arg(\n        long,\n        env = \"AIME_API_KEY\",\n    )]\n    key: String,\n    #[arg(env = env_vars::AIME_API_SERVER)]\n    server: String,\n}\n";
        let reads = env_reads(&scan(text));
        let names: Vec<(usize, EnvName)> = reads.into_iter().map(|r| (r.line, r.name)).collect();
        assert_eq!(
            names,
            [
                (2, EnvName::Literal("RUST_LOG".into())),
                (3, EnvName::Constant("HOME".into())),
                (4, EnvName::Computed("key".into())),
                (11, EnvName::Literal("AIME_API_KEY".into())),
                (14, EnvName::Constant("AIME_API_SERVER".into())),
            ]
        );
    }

    #[test]
    fn unregistered_and_computed_env_reads_fail() {
        let reg = Registry::parse(REGISTRY);
        let text = "fn f(k: &str) {\n    env::var(\"RUST_LOG\");\n    env::var(\"MY_SECRET_FLAG\");\n    env::var(env_vars::NOT_THERE);\n    env::var(k);\n}";
        let reads = env_reads(&scan(text));
        let v = unregistered_env_reads("a.rs", &reads, &reg, false);
        let lines: Vec<usize> = v.iter().map(|v| v.line).collect();
        assert_eq!(lines, [3, 4, 5], "{v:?}");
        let v = unregistered_env_reads("a.rs", &reads, &reg, true);
        assert_eq!(
            v.len(),
            2,
            "computed reads allowed, unknown names still fail"
        );
    }

    #[test]
    fn api_paths_and_graphql_in_literals_are_protocol_text() {
        let text = r#"fn f(id: &str) {
    let a = "/session/create";
    let b = format!("/folders/{id}/upload");
    let c = "/admin/gql";
    let d = "query { user_list { items { email } } }";
    let e = r"mutation($email: String!) { purge_user(email: $email) { ok } }";
    let f = "users { email username }";
    let ok1 = "/tmp/x";
    let ok2 = "/sessions-of-mine is not an API root";
    let ok3 = format!("Key {name} is set. {value}");
    let ok4 = "query-slots";
    let ok5 = "the query failed";
    let ok6 = "the mutation (ok: false) failed";
}"#;
        let v = protocol_text("cli.rs", &scan(text));
        let lines: Vec<usize> = v.iter().map(|v| v.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7], "{v:#?}");
    }
}
