//! `backend.ai app --arg/--env` parsing (protocol.md §8.2): a port of Python's `shlex` as the
//! CLI uses it, plus the `arguments`/`envs` JSON query strings.

use std::collections::VecDeque;

use super::pytext::{dict_set, py_json_str, py_strip};

/// Why an `--arg` string could not be tokenised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppArgError {
    /// An opening quote without its closing quote.
    #[error("No closing quotation")]
    NoClosingQuotation,
    /// A backslash at the end of a token.
    #[error("No escaped character")]
    NoEscapedCharacter,
    /// An empty `--arg` or a token that splits to nothing (Python: `IndexError`).
    #[error("list index out of range")]
    Empty,
}

impl AppArgError {
    /// The Python exception class of the upstream error (`ValueError` or `IndexError`).
    pub fn python_exception(&self) -> &'static str {
        match self {
            AppArgError::Empty => "IndexError",
            _ => "ValueError",
        }
    }
}

/// The value of one `--arg` option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppArgValue {
    /// A flag without a value (`-v` → `null`).
    Flag,
    /// One value (`--port 8080` or `--port=8080`).
    One(String),
    /// Several values (`--list a b c`).
    Many(Vec<String>),
}

const WORDCHARS_NONPOSIX: &str =
    "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~-./*?=";
const WORDCHARS_POSIX_EXTRA: &str =
    "ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ";
const PUNCTUATION: &str = "();<>|&";
const WHITESPACE: &str = " \t\r\n";
const QUOTES: &str = "'\"";

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Space,
    Word,
    Punct,
    Quote(char),
    Escape(char),
    Eof,
}

/// A port of CPython's `shlex.shlex` for the two configurations the CLI uses:
/// non-POSIX with `punctuation_chars=True` (outer tokeniser) and POSIX with
/// `whitespace_split=True` and no comments (`shlex.split`).
struct Lexer {
    chars: VecDeque<char>,
    posix: bool,
    punctuation: bool,
    whitespace_split: bool,
    commenters: &'static str,
    pushback: Vec<char>,
    state: State,
}

impl Lexer {
    fn outer(s: &str) -> Self {
        Lexer {
            chars: s.chars().collect(),
            posix: false,
            punctuation: true,
            whitespace_split: false,
            commenters: "#",
            pushback: Vec::new(),
            state: State::Space,
        }
    }

    fn split(s: &str) -> Self {
        Lexer {
            chars: s.chars().collect(),
            posix: true,
            punctuation: false,
            whitespace_split: true,
            commenters: "",
            pushback: Vec::new(),
            state: State::Space,
        }
    }

    fn is_word(&self, c: char) -> bool {
        let base = "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        if self.punctuation {
            WORDCHARS_NONPOSIX.contains(c) || (self.posix && WORDCHARS_POSIX_EXTRA.contains(c))
        } else {
            base.contains(c) || (self.posix && WORDCHARS_POSIX_EXTRA.contains(c))
        }
    }

    fn is_punct(&self, c: char) -> bool {
        self.punctuation && PUNCTUATION.contains(c)
    }

    fn next_char(&mut self) -> Option<char> {
        if self.punctuation {
            if let Some(c) = self.pushback.pop() {
                return Some(c);
            }
        }
        self.chars.pop_front()
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.chars.pop_front() {
            if c == '\n' {
                break;
            }
        }
    }

    /// `shlex.read_token`. `Ok(None)` is the end of input (POSIX `None` / non-POSIX `''`).
    fn read_token(&mut self) -> Result<Option<String>, AppArgError> {
        let mut quoted = false;
        let mut escaped_state = State::Space;
        let mut token = String::new();
        loop {
            let next = self.next_char();
            match self.state {
                State::Eof => {
                    token.clear();
                    break;
                }
                State::Space => {
                    let Some(c) = next else {
                        self.state = State::Eof;
                        break;
                    };
                    if WHITESPACE.contains(c) {
                        if !token.is_empty() || (self.posix && quoted) {
                            break;
                        }
                    } else if self.commenters.contains(c) {
                        self.skip_line();
                    } else if self.posix && c == '\\' {
                        escaped_state = State::Word;
                        self.state = State::Escape(c);
                    } else if self.is_word(c) {
                        token.push(c);
                        self.state = State::Word;
                    } else if self.is_punct(c) {
                        token.push(c);
                        self.state = State::Punct;
                    } else if QUOTES.contains(c) {
                        if !self.posix {
                            token.push(c);
                        }
                        self.state = State::Quote(c);
                    } else if self.whitespace_split {
                        token.push(c);
                        self.state = State::Word;
                    } else {
                        token.push(c);
                        if !token.is_empty() || (self.posix && quoted) {
                            break;
                        }
                    }
                }
                State::Quote(q) => {
                    quoted = true;
                    let Some(c) = next else {
                        return Err(AppArgError::NoClosingQuotation);
                    };
                    if c == q {
                        if !self.posix {
                            token.push(c);
                            self.state = State::Space;
                            break;
                        }
                        self.state = State::Word;
                    } else if self.posix && c == '\\' && q == '"' {
                        escaped_state = State::Quote(q);
                        self.state = State::Escape(c);
                    } else {
                        token.push(c);
                    }
                }
                State::Escape(e) => {
                    let Some(c) = next else {
                        return Err(AppArgError::NoEscapedCharacter);
                    };
                    if let State::Quote(q) = escaped_state {
                        if c != e && c != q {
                            token.push(e);
                        }
                    }
                    token.push(c);
                    self.state = escaped_state;
                }
                State::Word | State::Punct => {
                    let Some(c) = next else {
                        self.state = State::Eof;
                        break;
                    };
                    if WHITESPACE.contains(c) {
                        self.state = State::Space;
                        if !token.is_empty() || (self.posix && quoted) {
                            break;
                        }
                    } else if self.commenters.contains(c) {
                        self.skip_line();
                        if self.posix {
                            self.state = State::Space;
                            if !token.is_empty() || (self.posix && quoted) {
                                break;
                            }
                        }
                    } else if self.state == State::Punct {
                        if self.is_punct(c) {
                            token.push(c);
                        } else {
                            if !WHITESPACE.contains(c) {
                                self.pushback.push(c);
                            }
                            self.state = State::Space;
                            break;
                        }
                    } else if self.posix && QUOTES.contains(c) {
                        self.state = State::Quote(c);
                    } else if self.posix && c == '\\' {
                        escaped_state = State::Word;
                        self.state = State::Escape(c);
                    } else if self.is_word(c)
                        || QUOTES.contains(c)
                        || (self.whitespace_split && !self.is_punct(c))
                    {
                        token.push(c);
                    } else {
                        // punctuation mode only (the other configuration splits on whitespace)
                        self.pushback.push(c);
                        self.state = State::Space;
                        if !token.is_empty() || (self.posix && quoted) {
                            break;
                        }
                    }
                }
            }
        }
        if token.is_empty() && !(self.posix && quoted) {
            return Ok(None);
        }
        Ok(Some(token))
    }

    fn tokens(mut self) -> Result<Vec<String>, AppArgError> {
        let mut out = Vec::new();
        while let Some(t) = self.read_token()? {
            out.push(t);
        }
        Ok(out)
    }
}

/// `shlex.split(s)[0]` (the whole string is lexed, so a later bad quote still fails).
fn first_posix_word(s: &str) -> Result<String, AppArgError> {
    Lexer::split(s)
        .tokens()?
        .into_iter()
        .next()
        .ok_or(AppArgError::Empty)
}

/// Parsed `--arg` and `-e/--env` options of `backend.ai app`, in Python `dict` order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppArgs {
    /// Option → value(s).
    pub args: Vec<(String, AppArgValue)>,
    /// Environment variable → value.
    pub envs: Vec<(String, String)>,
}

impl AppArgs {
    /// Parses the option strings like the Python CLI's `ProxyRunnerContext`.
    ///
    /// Each `--arg` string is tokenised with `shlex.shlex(punctuation_chars=True)`; a `k=v`
    /// token becomes two tokens; every token is unquoted with `shlex.split(t)[0]`. One token →
    /// flag, two → single value, more → list. Each env string is stripped and split at `=` at
    /// most twice: exactly two parts → `k: v`, otherwise `k: ""`.
    ///
    /// ```
    /// use backendai_core::parse::AppArgs;
    /// let a = AppArgs::parse(&["--port 8080", "-v", "--list a b"], &["A=1", "B"]).unwrap();
    /// assert_eq!(a.arguments_json().unwrap(), r#"{"--port": "8080", "-v": null, "--list": ["a", "b"]}"#);
    /// assert_eq!(a.envs_json().unwrap(), r#"{"A": "1", "B": ""}"#);
    /// ```
    pub fn parse<S: AsRef<str>, T: AsRef<str>>(
        args: &[S],
        envs: &[T],
    ) -> Result<AppArgs, AppArgError> {
        let mut out = AppArgs::default();
        for line in args {
            let mut tokens: Vec<String> = Vec::new();
            // the outer lexer is consumed lazily, token by token, like the Python loop
            let mut lexer = Lexer::outer(line.as_ref());
            while let Some(token) = lexer.read_token()? {
                match token.split_once('=') {
                    None => tokens.push(first_posix_word(&token)?),
                    Some((k, v)) => {
                        tokens.push(k.to_owned());
                        tokens.push(first_posix_word(v)?);
                    }
                }
            }
            let mut it = tokens.into_iter();
            let key = it.next().ok_or(AppArgError::Empty)?;
            let rest: Vec<String> = it.collect();
            let value = match rest.len() {
                0 => AppArgValue::Flag,
                1 => AppArgValue::One(rest.into_iter().next().unwrap_or_default()),
                _ => AppArgValue::Many(rest),
            };
            dict_set(&mut out.args, key, value);
        }
        for line in envs {
            let parts: Vec<&str> = py_strip(line.as_ref()).splitn(3, '=').collect();
            let (k, v) = match parts[..] {
                [k, v] => (k, v),
                _ => (parts[0], ""),
            };
            dict_set(&mut out.envs, k.to_owned(), v.to_owned());
        }
        Ok(out)
    }

    /// The `arguments` query value: Python `json.dumps(args)` (`", "`/`": "` separators,
    /// non-ASCII escaped), or `None` when there are no arguments (the parameter is omitted).
    pub fn arguments_json(&self) -> Option<String> {
        if self.args.is_empty() {
            return None;
        }
        let mut s = String::from("{");
        for (i, (k, v)) in self.args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            py_json_str(k, &mut s);
            s.push_str(": ");
            match v {
                AppArgValue::Flag => s.push_str("null"),
                AppArgValue::One(v) => py_json_str(v, &mut s),
                AppArgValue::Many(vs) => {
                    s.push('[');
                    for (j, v) in vs.iter().enumerate() {
                        if j > 0 {
                            s.push_str(", ");
                        }
                        py_json_str(v, &mut s);
                    }
                    s.push(']');
                }
            }
        }
        s.push('}');
        Some(s)
    }

    /// The `envs` query value (same JSON style), or `None` when there are no variables.
    pub fn envs_json(&self) -> Option<String> {
        if self.envs.is_empty() {
            return None;
        }
        let mut s = String::from("{");
        for (i, (k, v)) in self.envs.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            py_json_str(k, &mut s);
            s.push_str(": ");
            py_json_str(v, &mut s);
        }
        s.push('}');
        Some(s)
    }
}
