//! Crate dependencies as a `Cargo.toml` declares them, and the two rules about them: they point
//! down the layers, and a dependency that only tests use is a dev-dependency.

use super::rules::Violation;

/// Which table a dependency is declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepKind {
    Normal,
    Dev,
    Build,
}

/// One declared dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dep {
    /// The key in the manifest (the name the code uses, with `-` for `_`).
    pub name: String,
    pub kind: DepKind,
    pub line: usize,
}

/// The workspace crates, lowest layer first: a crate may depend only on crates before it
/// (xtask, the automation on top, may use any of them; none may use it).
pub const LAYERS: &[&str] = &[
    "backendai-core",
    "backendai-sdk",
    "backendai-appproxy",
    "backendai-cli",
    "xtask",
];

fn kind_of(table: &str) -> Option<DepKind> {
    match table {
        "dependencies" => Some(DepKind::Normal),
        "dev-dependencies" => Some(DepKind::Dev),
        "build-dependencies" => Some(DepKind::Build),
        _ => None,
    }
}

/// The dependencies of a manifest: `[dependencies]`, `[dev-dependencies]`,
/// `[build-dependencies]`, their `[target.'cfg(..)'.*]` forms, and `[dependencies.NAME]` tables.
pub fn dependencies(manifest: &str) -> Vec<Dep> {
    let mut deps = Vec::new();
    let mut table: Option<DepKind> = None;
    let mut open_brackets = 0i32;
    for (n, raw) in manifest.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default().trim();
        if open_brackets > 0 {
            // Inside a value that spans lines (`features = [` ...).
            open_brackets += line.matches('[').count() as i32 - line.matches(']').count() as i32;
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            table = None;
            // Quoted parts (`'cfg(unix)'`) may hold dots; drop them before splitting.
            let unquoted: String = header
                .split(['\'', '"'])
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, part)| part)
                .collect();
            let parts: Vec<&str> = unquoted.split('.').map(str::trim).collect();
            if let Some(pos) = parts.iter().position(|p| kind_of(p).is_some()) {
                let kind = kind_of(parts[pos]).expect("checked");
                match parts.get(pos + 1) {
                    Some(name) => deps.push(Dep {
                        name: (*name).to_owned(),
                        kind,
                        line: n + 1,
                    }),
                    None => table = Some(kind),
                }
            }
            continue;
        }
        let Some(kind) = table else {
            continue;
        };
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let name = key
            .split('.')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches('"');
        if !name.is_empty() {
            deps.push(Dep {
                name: name.to_owned(),
                kind,
                line: n + 1,
            });
        }
        open_brackets = value.matches('[').count() as i32 - value.matches(']').count() as i32;
    }
    deps
}

/// Dependencies on workspace crates at the same or a higher layer than `krate`.
pub fn upward_dependencies(manifest_file: &str, krate: &str, deps: &[Dep]) -> Vec<Violation> {
    let Some(own) = LAYERS.iter().position(|l| *l == krate) else {
        return vec![Violation {
            file: manifest_file.to_owned(),
            line: 1,
            what: format!("{krate} is not in the layer list (tidy/manifest.rs LAYERS)"),
        }];
    };
    deps.iter()
        .filter(|d| {
            LAYERS
                .iter()
                .position(|l| *l == d.name)
                .is_some_and(|at| at >= own)
        })
        .map(|d| Violation {
            file: manifest_file.to_owned(),
            line: d.line,
            what: format!(
                "{krate} depends on {} ({:?}): dependencies point down only ({})",
                d.name,
                d.kind,
                LAYERS.join(" < ")
            ),
        })
        .collect()
}

/// The name a dependency has in Rust code, where it differs from its key with `-` as `_`.
const LIBRARY_NAMES: &[(&str, &str)] = &[("md-5", "md5")];

fn library_name(dep: &str) -> String {
    LIBRARY_NAMES
        .iter()
        .find(|(d, _)| *d == dep)
        .map_or_else(|| dep.replace('-', "_"), |(_, lib)| (*lib).to_owned())
}

/// Whether `code` (comments and literals blanked) names crate `lib` as a path root
/// (`lib::...`) or with `extern crate lib`.
fn names_crate(code: &str, lib: &str) -> bool {
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(n) = code[from..].find(lib) {
        let at = from + n;
        from = at + lib.len();
        let bounded_before =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let after = code[at + lib.len()..].trim_start();
        let before = code[..at].trim_end();
        if bounded_before && (after.starts_with("::") || before.ends_with("extern crate")) {
            return true;
        }
    }
    false
}

/// `[dependencies]` entries that the library/binary code (`src/` without `#[cfg(test)]`
/// items, plus `build.rs`) never names: only tests use them, so they belong in
/// `[dev-dependencies]` (or nowhere).
pub fn test_only_dependencies(manifest_file: &str, deps: &[Dep], code: &str) -> Vec<Violation> {
    deps.iter()
        .filter(|d| d.kind == DepKind::Normal && !names_crate(code, &library_name(&d.name)))
        .map(|d| Violation {
            file: manifest_file.to_owned(),
            line: d.line,
            what: format!(
                "{} is a [dependencies] entry but no non-test code in src/ uses it: \
                 move it to [dev-dependencies] (or drop it)",
                d.name
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"[package]
name = "backendai-sdk"
version.workspace = true

[features]
default = ["aime"]

[dependencies]
backendai-core.workspace = true
md-5 = "0.10"
tokio = { workspace = true, features = [
    "rt",
] }
serde = "1" # comment

[dev-dependencies]
backendai-appproxy = { path = "../backendai-appproxy" }
proptest.workspace = true

[target.'cfg(target_os = "linux")'.dependencies]
libc = "0.2"

[build-dependencies.cc]
version = "1"
"#;

    fn names(deps: &[Dep], kind: DepKind) -> Vec<&str> {
        deps.iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.name.as_str())
            .collect()
    }

    #[test]
    fn manifest_tables_are_parsed() {
        let deps = dependencies(MANIFEST);
        assert_eq!(
            names(&deps, DepKind::Normal),
            ["backendai-core", "md-5", "tokio", "serde", "libc"]
        );
        assert_eq!(
            names(&deps, DepKind::Dev),
            ["backendai-appproxy", "proptest"]
        );
        assert_eq!(names(&deps, DepKind::Build), ["cc"]);
        assert_eq!(deps[0].line, 9);
    }

    #[test]
    fn a_dependency_on_a_higher_layer_fails() {
        let deps = dependencies(MANIFEST);
        let v = upward_dependencies("Cargo.toml", "backendai-sdk", &deps);
        assert_eq!(v.len(), 1, "{v:?}");
        assert!(v[0].what.contains("backendai-appproxy"), "{}", v[0]);
        let core = dependencies("[dependencies]\nbackendai-sdk.workspace = true\n");
        assert_eq!(upward_dependencies("c", "backendai-core", &core).len(), 1);
        let cli = dependencies(
            "[dependencies]\nbackendai-sdk.workspace = true\nbackendai-core.workspace = true\n",
        );
        assert!(upward_dependencies("c", "backendai-cli", &cli).is_empty());
        assert_eq!(upward_dependencies("c", "elsewhere", &cli).len(), 1);
    }

    #[test]
    fn a_dependency_only_tests_use_fails() {
        let deps = dependencies(MANIFEST);
        let code = "use backendai_core::auth;\nfn f() { md5::compute(); }\n#[tokio::main]\nasync fn main() {}\nextern crate libc;\n";
        let v = test_only_dependencies("Cargo.toml", &deps, code);
        let unused: Vec<&str> = v
            .iter()
            .map(|v| v.what.split(' ').next().unwrap())
            .collect();
        assert_eq!(unused, ["serde"], "{v:?}");
        assert!(!names_crate("let my_serde::x = 1; // serde", "serde"));
    }
}
