//! The shape of the CLI source: no file over 800 lines, no import circle between its files
//! (a group's router imports its command files, never the other way round), and nothing
//! printed past the output layer (`println!` & co. panic on a closed pipe).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const MAX_LINES: usize = 800;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The module path of a source file: `commands/admin/user.rs` → `commands::admin::user`,
/// `commands/admin/mod.rs` → `commands::admin`, `main.rs` → `` (the crate root).
fn module_of(file: &Path) -> String {
    let rel = file
        .strip_prefix(SRC)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "main")) {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments and unit tests (`use super::*` there names the file
/// itself; doc comments name modules in prose).
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).expect("read");
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text,
    };
    code.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `a::b::c` paths written in `code`, with one level of `a::{b, c::d}` groups expanded.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = is_ident(chars[i]) && (i == 0 || !is_ident(chars[i - 1]));
        let after_colons = i >= 2 && chars[i - 1] == ':' && chars[i - 2] == ':';
        if !starts_word || after_colons {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut grouped = false;
        loop {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            segments.push(chars[start..i].iter().collect::<String>());
            if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
                i += 2;
                if chars.get(i) == Some(&'{') {
                    let end = chars[i..].iter().position(|c| *c == '}').map(|p| i + p);
                    let end = end.unwrap_or(chars.len());
                    let group: String = chars[i + 1..end].iter().collect();
                    for item in group.split(',') {
                        let item = item.split_whitespace().next().unwrap_or("");
                        if item.is_empty() || item == "self" || item.contains('{') {
                            continue;
                        }
                        let mut p = segments.clone();
                        p.extend(item.split("::").map(str::to_owned));
                        out.push(p);
                    }
                    i = end;
                    grouped = true;
                    break;
                }
                if chars.get(i).is_some_and(|c| is_ident(*c)) {
                    continue;
                }
            }
            break;
        }
        if segments.len() > 1 && !grouped {
            out.push(segments);
        }
    }
    out
}

/// Module → the modules its code refers to (`crate::`, `super::`, or a module name that
/// is a child of the module or of the crate root).
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(Path::new(SRC));
    let modules: BTreeMap<String, PathBuf> =
        files.iter().map(|f| (module_of(f), f.clone())).collect();
    let resolve = |path: &[String]| -> Option<String> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let here: Vec<String> = if module.is_empty() {
            Vec::new()
        } else {
            module.split("::").map(str::to_owned).collect()
        };
        let is_dir_module = file.ends_with("mod.rs") || file.ends_with("main.rs");
        // `super` of `a::b` (file a/b.rs) is `a`; of a/b/mod.rs it is also `a`.
        let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
        let mut targets = BTreeSet::new();
        for path in paths_in(&code_of(file)) {
            let candidates: Vec<Vec<String>> = match path[0].as_str() {
                "crate" => vec![path[1..].to_vec()],
                "super" => vec![[parent.clone(), path[1..].to_vec()].concat()],
                "self" => vec![[here.clone(), path[1..].to_vec()].concat()],
                _ => {
                    let children = [here.clone(), path.clone()].concat();
                    let siblings = if is_dir_module {
                        children.clone()
                    } else {
                        [parent.clone(), path.clone()].concat()
                    };
                    vec![children, siblings, path.clone()]
                }
            };
            let target = candidates
                .iter()
                .filter(|c| !c.is_empty())
                .find_map(|c| resolve(c).filter(|t| !t.is_empty()));
            if let Some(t) = target {
                if &t != module {
                    targets.insert(t);
                }
            }
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

/// Every elementary circle of the graph, each listed from its smallest module.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        path: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        let last = path.last().cloned().unwrap_or_default();
        for next in graph.get(&last).into_iter().flatten() {
            if next.as_str() < start {
                continue;
            }
            if next == start {
                found.push(path.clone());
            } else if !path.contains(next) {
                path.push(next.clone());
                walk(graph, start, path, found);
                path.pop();
            }
        }
    }
    let mut found = Vec::new();
    for start in graph.keys() {
        walk(graph, start, &mut vec![start.clone()], &mut found);
    }
    found
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<String> = rust_files(Path::new(SRC))
        .iter()
        .map(|f| (f, std::fs::read_to_string(f).expect("read").lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "split these files by job: {long:?}");
}

#[test]
fn no_import_circles_between_cli_files() {
    let graph = import_graph();
    // The graph is real: routers reach their command files, which reach shared helpers.
    assert!(graph["commands::admin"].contains("commands::admin::user"));
    assert!(graph["commands::session::run"].contains("commands::session::create"));
    assert!(graph["commands::admin::user"].contains("commands::show"));
    let found = circles(&graph);
    let shown: Vec<String> = found.iter().map(|c| c.join(" -> ")).collect();
    assert!(
        found.is_empty(),
        "{} import circles: {shown:#?}",
        found.len()
    );
}

#[test]
fn circle_finder_finds_circles() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", &["b"][..]),
        ("b", &["a", "c"][..]),
        ("c", &["a"][..]),
        ("d", &[][..]),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(
        circles(&graph),
        vec![vec!["a", "b"], vec!["a", "b", "c"]]
            .into_iter()
            .map(|c| c.into_iter().map(str::to_owned).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        paths_in("use crate::commands::{args::OwnerArg, show};\nsuper::list::run(x)"),
        vec![
            vec!["crate", "commands", "args", "OwnerArg"],
            vec!["crate", "commands", "show"],
            vec!["super", "list", "run"],
        ]
    );
}

#[test]
fn nothing_prints_past_the_output_layer() {
    let banned = ["println!", "print!(", "eprintln!", "eprint!(", "dbg!("];
    let mut hits = Vec::new();
    for file in rust_files(Path::new(SRC)) {
        for (n, line) in code_of(&file).lines().enumerate() {
            if banned.iter().any(|b| line.contains(b)) {
                hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "print through crate::output (a closed pipe must not panic): {hits:#?}"
    );
}
