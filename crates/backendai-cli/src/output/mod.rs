//! Output: the one layer every command prints through.
//!
//! Data goes to stdout; status lines, warnings, progress and errors go to stderr. Every write
//! to stdout returns `io::Result` so a closed pipe ends the program quietly instead of
//! panicking. Lists, pages and items are printed from declared fields ([`fields`]); with
//! `-o json` the same calls print the items themselves, and [`error`] prints a failure as one
//! JSON object on stderr.

pub mod error;
pub mod fields;
mod table;

use std::io::{self, IsTerminal, Write};

use backendai_core::env_vars;
use serde::Serialize;
use serde_json::Value;

pub use fields::FieldSpec;

/// `-o/--output` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable tables and messages.
    #[default]
    #[value(alias = "console")]
    Table,
    /// Machine-readable JSON on stdout (stable field names).
    Json,
}

/// Knows where and how to print.
#[derive(Debug, Clone)]
pub struct Printer {
    /// Output format for data.
    pub format: OutputFormat,
    /// Suppress status lines (errors are still printed).
    pub quiet: bool,
    /// Colour status lines on stderr.
    pub color: bool,
    /// stdout is a terminal (tables get borders and fit its width).
    pub stdout_tty: bool,
}

impl Printer {
    /// A printer for the current process: colours only on a TTY and never with `NO_COLOR`.
    pub fn new(format: OutputFormat, quiet: bool) -> Self {
        let no_color = std::env::var_os(env_vars::NO_COLOR).is_some_and(|v| !v.is_empty());
        Self {
            format,
            quiet,
            color: !no_color && io::stderr().is_terminal(),
            stdout_tty: io::stdout().is_terminal(),
        }
    }

    /// True for `--output json`.
    pub fn json_mode(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Prints a line of data on stdout.
    pub fn line(&self, text: impl AsRef<str>) -> io::Result<()> {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", text.as_ref())?;
        out.flush()
    }

    /// Writes raw bytes on stdout.
    pub fn raw(&self, bytes: &[u8]) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()
    }

    /// Writes raw text on stderr (a program's own error stream, e.g. a session's stderr).
    pub fn raw_stderr(&self, bytes: &[u8]) -> io::Result<()> {
        io::stderr().lock().write_all(bytes)
    }

    /// Prints a value as pretty JSON on stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        self.line(text)
    }

    /// Prints a value as one compact JSON line on stdout (streams: one object per event).
    pub fn json_line<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let text = serde_json::to_string(value).map_err(io::Error::other)?;
        self.line(text)
    }

    /// Prints `value` with `-o json`, otherwise the text `human` makes (for answers that
    /// have their own human form: a log, a summary, a description).
    pub fn either<T: Serialize + ?Sized>(
        &self,
        value: &T,
        human: impl FnOnce() -> String,
    ) -> io::Result<()> {
        if self.json_mode() {
            self.json(value)
        } else {
            self.line(human())
        }
    }

    /// Renders a table: borders and terminal width on a TTY, the simple style otherwise.
    fn render_table(&self, header: &[&str], rows: Vec<Vec<String>>) -> String {
        table::render(self.stdout_tty, header, rows)
    }

    /// Prints a table of `items` with the declared `fields` (no JSON form: callers use it for
    /// views that print their JSON elsewhere).
    pub fn table<T: Serialize>(&self, items: &[T], fields: &[FieldSpec<'_>]) -> io::Result<()> {
        let rows = to_values(items)?
            .iter()
            .map(|v| fields::row(fields, v))
            .collect();
        self.line(self.render_table(&fields::labels(fields), rows))
    }

    /// Prints a list: a table of `fields`, or `{"count", "total_count", "items"}` in JSON
    /// mode. `empty` is printed (to stderr) instead of an empty table.
    pub fn list<T: Serialize>(
        &self,
        items: &[T],
        fields: &[FieldSpec<'_>],
        empty: &str,
    ) -> io::Result<()> {
        self.listing(items, None, fields, empty)
    }

    /// Prints one page of a paginated list (`total` = items on all pages): like
    /// [`list`](Self::list), with the total in JSON mode.
    pub fn page<T: Serialize>(
        &self,
        items: &[T],
        total: u64,
        fields: &[FieldSpec<'_>],
        empty: &str,
    ) -> io::Result<()> {
        self.listing(items, Some(total), fields, empty)
    }

    fn listing<T: Serialize>(
        &self,
        items: &[T],
        total: Option<u64>,
        fields: &[FieldSpec<'_>],
        empty: &str,
    ) -> io::Result<()> {
        if self.json_mode() {
            return self.json(&serde_json::json!({
                "count": items.len(),
                "total_count": total.unwrap_or(items.len() as u64),
                "items": items,
            }));
        }
        if items.is_empty() {
            return self.info(empty);
        }
        self.table(items, fields)
    }

    /// Prints items as tab-separated rows without a header (`--plain`, `--name-only`; not
    /// a JSON form: callers print the list or page in JSON mode).
    pub fn plain_rows<T: Serialize>(
        &self,
        items: &[T],
        fields: &[FieldSpec<'_>],
    ) -> io::Result<()> {
        for v in to_values(items)? {
            self.line(fields::row(fields, &v).join("\t"))?;
        }
        Ok(())
    }

    /// Prints one object: `key: value` rows of every key, or the object in JSON mode.
    pub fn item<T: Serialize>(&self, value: &T) -> io::Result<()> {
        if self.json_mode() {
            return self.json(value);
        }
        match serde_json::to_value(value).map_err(io::Error::other)? {
            Value::Object(map) => {
                let rows = map
                    .iter()
                    .map(|(k, v)| vec![k.clone(), fields::text(v)])
                    .collect();
                self.line(self.render_table(&["key", "value"], rows))
            }
            other => self.line(fields::text(&other)),
        }
    }

    /// Prints the result of a mutation: `✓ msg` on stderr, or `{"ok": true, "msg": ...}`
    /// (plus `item` under its name) on stdout.
    pub fn mutation(&self, msg: &str, item: Option<(&str, Value)>) -> io::Result<()> {
        if self.json_mode() {
            let mut obj = serde_json::Map::new();
            obj.insert("ok".into(), true.into());
            obj.insert("msg".into(), msg.into());
            if let Some((name, value)) = item {
                obj.insert(name.into(), value);
            }
            return self.json(&Value::Object(obj));
        }
        self.done(msg)
    }

    /// Prints one event of a stream: `<name> <data>`, or `{"event", "data"}` as one JSON
    /// line (the data parsed as JSON when it is JSON).
    pub fn event(&self, name: &str, data: &str) -> io::Result<()> {
        if self.json_mode() {
            return self.json_line(&event_json(name, data));
        }
        self.line(format!("{name} {data}"))
    }

    /// Redraws a live table in place on a terminal (clear screen first); appends otherwise.
    pub fn redraw<T: Serialize>(&self, items: &[T], fields: &[FieldSpec<'_>]) -> io::Result<()> {
        let rows = to_values(items)?
            .iter()
            .map(|v| fields::row(fields, v))
            .collect();
        let table = self.render_table(&fields::labels(fields), rows);
        let mut out = io::stdout().lock();
        if self.stdout_tty {
            write!(out, "\x1b[H\x1b[2J")?;
        }
        writeln!(out, "{table}")?;
        out.flush()
    }

    fn status(&self, glyph: &str, color: &str, msg: &str, force: bool) -> io::Result<()> {
        if self.quiet && !force {
            return Ok(());
        }
        let msg = msg.replace('\n', "\n  ");
        let mut err = io::stderr().lock();
        if self.color {
            writeln!(err, "\x1b[{color}m{glyph}\x1b[0m {msg}")
        } else {
            writeln!(err, "{glyph} {msg}")
        }
    }

    /// `∙ msg` on stderr (hidden by `--quiet`).
    pub fn info(&self, msg: &str) -> io::Result<()> {
        self.status("∙", "96", msg, false)
    }

    /// `✓ msg` on stderr (hidden by `--quiet`).
    pub fn done(&self, msg: &str) -> io::Result<()> {
        self.status("✓", "92", msg, false)
    }

    /// `∙ msg` in yellow on stderr (hidden by `--quiet`).
    pub fn warn(&self, msg: &str) -> io::Result<()> {
        self.status("∙", "33", msg, false)
    }

    /// `✗ msg` on stderr (always printed).
    pub fn fail(&self, msg: &str) -> io::Result<()> {
        self.status("✗", "91", msg, true)
    }

    /// A note on stderr without a glyph, for people only (hidden by `--quiet` and `-o json`).
    pub fn note(&self, msg: &str) -> io::Result<()> {
        if self.quiet || self.json_mode() {
            return Ok(());
        }
        writeln!(io::stderr().lock(), "{msg}")
    }

    /// Asks a question on stderr (the answer is read by the caller, from stdin).
    pub fn prompt(&self, question: &str) -> io::Result<()> {
        let mut err = io::stderr().lock();
        write!(err, "{question}")?;
        err.flush()
    }

    /// A progress bar on stderr for `total` bytes (hidden when quiet or not a terminal).
    pub fn bytes_progress(&self, total: u64, label: &str) -> indicatif::ProgressBar {
        if self.quiet || self.json_mode() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_owned());
        bar
    }

    /// A spinner with a percentage bar on stderr (hidden when quiet, with `-o json`, or
    /// when stderr is not a terminal).
    pub fn percent_progress(&self) -> indicatif::ProgressBar {
        if self.quiet || self.json_mode() || !io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(100),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}%")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// A spinner on stderr for waits (hidden when quiet or not a terminal).
    pub fn spinner(&self, label: &str) -> indicatif::ProgressBar {
        if self.quiet || self.json_mode() {
            return indicatif::ProgressBar::hidden();
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        bar.set_message(label.to_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// Reports an error that reached `main` (see [`error`]).
    pub fn error(&self, err: &anyhow::Error) {
        error::ErrorReport::of(err).print(self.json_mode());
    }
}

/// `{"event": name, "data": data}`, the data parsed as JSON when it is JSON.
fn event_json(name: &str, data: &str) -> Value {
    let data =
        serde_json::from_str::<Value>(data).unwrap_or_else(|_| Value::String(data.to_owned()));
    serde_json::json!({"event": name, "data": data})
}

fn to_values<T: Serialize>(items: &[T]) -> io::Result<Vec<Value>> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).map_err(io::Error::other))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_keep_json_data_as_json() {
        assert_eq!(
            event_json("session_started", r#"{"sessionName": "s"}"#),
            serde_json::json!({"event": "session_started", "data": {"sessionName": "s"}})
        );
        assert_eq!(
            event_json("note", "plain text"),
            serde_json::json!({"event": "note", "data": "plain text"})
        );
    }

    #[test]
    fn items_become_json_values_for_tables() {
        #[derive(Serialize)]
        struct Row {
            name: &'static str,
        }
        let values = to_values(&[Row { name: "a" }]).unwrap();
        assert_eq!(fields::row(&[FieldSpec::new("name")], &values[0]), ["a"]);
    }
}
