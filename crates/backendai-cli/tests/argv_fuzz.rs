//! An argv fuzzer over the whole clap tree (issue 17 item 7). The command paths, their
//! options and positionals are read from `bai ... --help` (like the help snapshot walk), then
//! a few hundred argument vectors are built from them — real paths with random options and
//! hostile values, shuffled, with tokens dropped or doubled, and known-bad ones (an unknown
//! flag, an unknown subcommand) — and run against an endpoint nothing listens on.
//!
//! Every run: never exit 101, never "panicked" or a backtrace on stderr, finishes (20 s), and
//! a known-bad vector exits 2. The seed is printed on failure; the failing argv is shown.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{run, subcommands, Sandbox};

/// Commands left out: they start long-running local programs by design (`proxy` serves
/// until killed; `ssh`/`scp` run the system's ssh).
const SKIP: &[&str] = &["proxy", "ssh", "scp"];

/// Runs per test (each spawns `bai`).
const RUNS: usize = 320;

/// One command path and what its help says it takes.
#[derive(Debug, Clone)]
struct Node {
    path: Vec<String>,
    /// `(flag, takes a value)`.
    options: Vec<(String, bool)>,
    positionals: usize,
    has_subcommands: bool,
}

fn help(sb: &Sandbox, path: &[String]) -> String {
    let mut c = sb.bai();
    c.args(path).arg("--help");
    let out = run(c);
    assert_eq!(out.code, 0, "bai {path:?} --help: {}", out.stderr);
    out.stdout
}

/// Options (`-x, --long <V>` / `--flag`) of a help text's Options section.
fn options(help: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line.starts_with("Options:") {
            inside = true;
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with(' ') {
            break;
        }
        let t = line.trim_start();
        if !inside || !t.starts_with('-') || line.len() - t.len() > 6 {
            continue;
        }
        let spec = t.split("  ").next().unwrap_or(t);
        let takes = spec.contains('<');
        for word in spec.split([',', ' ']) {
            let is_flag = word.starts_with("--") || (word.starts_with('-') && word.len() == 2);
            if is_flag && !["--help", "-h", "--version", "-V"].contains(&word) {
                out.push((word.to_owned(), takes));
            }
        }
    }
    out
}

/// Number of `<ARG>` positionals on the Usage line.
fn positionals(help: &str) -> usize {
    help.lines()
        .find(|l| l.starts_with("Usage:"))
        .map_or(0, |l| {
            l.split_whitespace()
                .filter(|w| w.starts_with('<') || w.starts_with("[<") || w.starts_with("[ARG"))
                .count()
        })
}

fn walk(sb: &Sandbox, path: Vec<String>, out: &mut Vec<Node>) {
    let text = help(sb, &path);
    let subs: Vec<String> = subcommands(&text)
        .into_iter()
        .filter(|s| s != "help" && !(path.is_empty() && SKIP.contains(&s.as_str())))
        .collect();
    out.push(Node {
        path: path.clone(),
        options: options(&text),
        positionals: positionals(&text),
        has_subcommands: !subs.is_empty(),
    });
    for s in subs {
        let mut p = path.clone();
        p.push(s);
        walk(sb, p, out);
    }
}

/// A small deterministic generator (xorshift64*), seeded per run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that break naive parsers (no NUL: argv cannot carry one).
fn hostile_values() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "-",
        "--",
        "0",
        "-1",
        "1.5",
        "1e309",
        "NaN",
        "99999999999999999999999999",
        "abc",
        "a=b",
        "=",
        "==",
        "cpu=1",
        "mem=1g",
        "cuda.shares=0.5",
        "cpu=",
        "=1",
        "x:y",
        "a:b:c:d",
        "../../../etc/passwd",
        "/",
        "~",
        "${HOME}",
        "%s%n%x",
        "'",
        "\"",
        "\\",
        "{\"a\": 1}",
        "{",
        "[1,2]",
        "null",
        "true",
        "false",
        "range:1:10:2",
        "linspace:0:1:3",
        "case:a,b,c",
        "range:1",
        "linspace:1:2:0",
        "@nofile",
        "http://127.0.0.1:9",
        "ftp://x",
        "json",
        "table",
        "yaml",
        "tab\tbed",
        "line\nbreak",
        "cr\rret",
        "\u{7f}",
        "\u{1b}[31m",
        "한글",
        "é",
        "🦀",
        "\u{202e}evil",
        "\u{feff}",
        "1K",
        "1.5GiB",
        "-5m",
        "10PB",
        "0x10",
        "2026-13-45",
        "*",
        "?",
        "!",
        "$(id)",
        "`id`",
        ";ls",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push("x".repeat(10_000));
    v.push("a=".repeat(2_000));
    v.push("1,".repeat(5_000));
    v
}

/// How a vector was built: known-bad vectors must exit 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Random,
    UnknownFlag,
    UnknownSubcommand,
}

fn build(rng: &mut Rng, nodes: &[Node], values: &[String]) -> (Vec<String>, Kind) {
    let node = rng.pick(nodes).clone();
    let mut argv = node.path.clone();
    let global = ["-o", "--output", "-v", "-vv", "--skip-sslcert-validation"];
    if rng.below(4) == 0 {
        argv.insert(rng.below(argv.len() + 1), (*rng.pick(&global)).to_owned());
    }
    for _ in 0..rng.below(5) {
        if node.options.is_empty() {
            break;
        }
        let (flag, takes) = rng.pick(&node.options).clone();
        if takes {
            let v = rng.pick(values).clone();
            if flag.starts_with("--") && rng.below(3) == 0 {
                argv.push(format!("{flag}={v}"));
            } else {
                argv.push(flag);
                argv.push(v);
            }
        } else {
            argv.push(flag);
        }
    }
    for _ in 0..node.positionals + rng.below(2) {
        argv.push(rng.pick(values).clone());
    }
    // Mutations: drop, double or swap a token (never the first: keep the path's root).
    match rng.below(6) {
        0 if argv.len() > 1 => {
            let i = 1 + rng.below(argv.len() - 1);
            argv.remove(i);
        }
        1 if !argv.is_empty() => {
            let i = rng.below(argv.len());
            argv.insert(i, argv[i].clone());
        }
        2 if argv.len() > 2 => {
            let (a, b) = (1 + rng.below(argv.len() - 1), 1 + rng.below(argv.len() - 1));
            argv.swap(a, b);
        }
        _ => {}
    }
    match rng.below(8) {
        0 => {
            let mut v = node.path.clone();
            v.push("--definitely-not-an-option".to_owned());
            (v, Kind::UnknownFlag)
        }
        1 if node.has_subcommands => {
            let mut v = node.path.clone();
            v.push("zz-no-such-command".to_owned());
            (v, Kind::UnknownSubcommand)
        }
        _ => (argv, Kind::Random),
    }
}

#[test]
fn random_argument_vectors_never_panic_and_bad_ones_exit_2() {
    let sb = Sandbox::new();
    let mut nodes = Vec::new();
    walk(&sb, Vec::new(), &mut nodes);
    assert!(nodes.len() > 50, "the clap tree has {} nodes", nodes.len());
    let values = hostile_values();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    let work: Vec<(Vec<String>, Kind)> = (0..RUNS)
        .map(|_| build(&mut rng, &nodes, &values))
        .collect();
    let work = Arc::new(Mutex::new(work));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let kinds = Arc::new(Mutex::new(BTreeSet::new()));
    let dead = {
        // A port that refuses connections: bound, then released.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    std::thread::scope(|s| {
        for _ in 0..4 {
            let (work, failures, kinds, dead) = (&work, &failures, &kinds, &dead);
            s.spawn(move || {
                let sb = Sandbox::new();
                let cwd = tempfile::tempdir().unwrap();
                loop {
                    let Some((argv, kind)) = work.lock().unwrap().pop() else {
                        return;
                    };
                    let mut c = sb.bai_at(dead, "AKIAIOSFODNN7EXAMPLE", "fuzz-secret");
                    c.env("BACKEND_CONNECTION_TIMEOUT", "1")
                        .env("BACKEND_READ_TIMEOUT", "2")
                        .env("AIME_API_SERVER", dead.as_str())
                        .env("RUST_BACKTRACE", "1")
                        .current_dir(cwd.path())
                        .args(&argv)
                        .write_stdin("")
                        .timeout(Duration::from_secs(20));
                    let out = run(c);
                    kinds.lock().unwrap().insert(out.code);
                    let mut why = Vec::new();
                    if out.code == 101 {
                        why.push("exit 101".to_owned());
                    }
                    if out.code == -1 {
                        why.push("killed or timed out (20 s)".to_owned());
                    }
                    if out.stderr.contains("panicked") || out.stderr.contains("stack backtrace") {
                        why.push("panic on stderr".to_owned());
                    }
                    if kind != Kind::Random && out.code != 2 {
                        why.push(format!("{kind:?} exited {}, not 2", out.code));
                    }
                    if !why.is_empty() {
                        let shown: Vec<String> =
                            argv.iter().map(|a| a.chars().take(60).collect()).collect();
                        failures.lock().unwrap().push(format!(
                            "{}: bai {shown:?}\n  stderr: {}",
                            why.join(", "),
                            out.stderr.chars().take(600).collect::<String>()
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "seed {seed}: {} of {RUNS} runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The vectors reached both clap's rejection and the network failure path.
    let kinds = kinds.lock().unwrap();
    println!(
        "argv fuzz: seed {seed}, {} command paths, {RUNS} runs, exit codes {kinds:?}",
        nodes.len()
    );
    assert!(
        kinds.contains(&2) && kinds.contains(&1),
        "exit codes seen: {kinds:?}"
    );
}

/// Session-template payloads from hostile files (`session-template create -f`): a YAML alias
/// bomb, 10 000-deep nesting, invalid UTF-8, odd tags, random bytes. The text is parsed before
/// any request: exit 2 (not a template) or 1 (parsed, then the endpoint is unreachable).
#[test]
fn hostile_session_template_files_never_panic() {
    let bomb = {
        let mut y = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            y.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        y
    };
    let mut rng = Rng(0x5eed_1234_5678_9abc);
    let mut texts: Vec<Vec<u8>> = vec![
        bomb.into_bytes(),
        format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        format!("{}x: 1", "- ".repeat(10_000)).into_bytes(),
        b"\xff\xfe\x00garbage".to_vec(),
        b"!!binary AAAA".to_vec(),
        b"--- !<tag:yaml.org,2002:js/function> 'x'".to_vec(),
        b"---\n---\n---\n".to_vec(),
        b"{\"template\": {\"template\": {\"template\": null}}}".to_vec(),
        b"[1, 2, 3]".to_vec(),
        b"? [a, b]\n: c\n".to_vec(),
        b"1e99999".to_vec(),
        "kind: taskTemplate\nspec: {kernel: {image: \u{202e}x}}\n"
            .as_bytes()
            .to_vec(),
    ];
    for _ in 0..20 {
        let len = rng.below(300);
        texts.push((0..len).map(|_| (rng.next() & 0xff) as u8).collect());
    }
    let sb = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(&file, text).unwrap();
        let mut c = sb.bai_at("http://127.0.0.1:9", "AKIAIOSFODNN7EXAMPLE", "fuzz-secret");
        c.env("BACKEND_CONNECTION_TIMEOUT", "1")
            .env("RUST_BACKTRACE", "1")
            .args(["session-template", "create", "-f"])
            .arg(&file)
            .timeout(Duration::from_secs(20));
        let out = run(c);
        assert!(
            out.code == 1 || out.code == 2,
            "text {i}: exit {}: {}",
            out.code,
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "text {i}: {}", out.stderr);
        assert_eq!(
            out.stderr.trim().lines().count(),
            1,
            "text {i}: {}",
            out.stderr
        );
    }
}
