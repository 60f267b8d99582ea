//! Output: tables for people, JSON for scripts, status lines on stderr.
//!
//! Data goes to stdout; status lines, warnings and progress go to stderr. Every write to
//! stdout returns `io::Result` so a closed pipe ends the program quietly instead of panicking.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

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

/// The table style used when stdout is not a terminal: a header, a dashed rule, no borders
/// (like `tabulate`'s "simple" format).
const SIMPLE: &str = "     -             ";

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
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
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

    /// Prints a value as pretty JSON on stdout.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        self.line(text)
    }

    /// Prints a table with the given header on stdout.
    pub fn table(&self, header: &[&str], rows: Vec<Vec<String>>) -> io::Result<()> {
        let text = self.render_table(header, rows);
        self.line(text)
    }

    /// Renders a table: borders and terminal width on a TTY, the simple style otherwise.
    pub fn render_table(&self, header: &[&str], rows: Vec<Vec<String>>) -> String {
        let mut table = Table::new();
        if self.stdout_tty {
            table
                .load_preset(comfy_table::presets::UTF8_HORIZONTAL_ONLY)
                .set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            table.load_preset(SIMPLE).force_no_tty();
        }
        table.set_header(header.to_vec());
        for row in rows {
            table.add_row(row);
        }
        if !self.stdout_tty {
            for col in table.column_iter_mut() {
                col.set_padding((0, 2));
            }
        }
        let text = table.to_string();
        // The simple style leaves padding at line ends; strip it for clean pipes.
        text.lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Prints a list: a table, or `{"count", "total_count", "items"}` in JSON mode.
    /// `empty` is printed (to stderr) instead of an empty table.
    pub fn list<T: Serialize>(
        &self,
        items: &[T],
        total_count: Option<u64>,
        header: &[&str],
        row: impl Fn(&T) -> Vec<String>,
        empty: &str,
    ) -> io::Result<()> {
        if self.json_mode() {
            return self.json(&serde_json::json!({
                "count": items.len(),
                "total_count": total_count.unwrap_or(items.len() as u64),
                "items": items,
            }));
        }
        if items.is_empty() {
            return self.info(empty);
        }
        self.table(header, items.iter().map(row).collect())
    }

    /// Prints one object: `key: value` lines, or the object in JSON mode.
    pub fn item<T: Serialize>(&self, value: &T) -> io::Result<()> {
        if self.json_mode() {
            return self.json(value);
        }
        let v = serde_json::to_value(value).map_err(io::Error::other)?;
        match v {
            serde_json::Value::Object(map) => {
                let rows = map
                    .iter()
                    .map(|(k, v)| vec![k.clone(), display_value(v)])
                    .collect();
                self.table(&["key", "value"], rows)
            }
            other => self.line(display_value(&other)),
        }
    }

    /// Prints the result of a mutation: `✓ msg` on stderr, or `{"ok": true, "msg": ...}`.
    pub fn mutation(&self, msg: &str, item: Option<(&str, serde_json::Value)>) -> io::Result<()> {
        if self.json_mode() {
            let mut obj = serde_json::Map::new();
            obj.insert("ok".into(), true.into());
            obj.insert("msg".into(), msg.into());
            if let Some((name, value)) = item {
                obj.insert(name.into(), value);
            }
            return self.json(&serde_json::Value::Object(obj));
        }
        self.done(msg)
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
}

/// A JSON value as a table cell: strings bare, null empty, others as compact JSON.
pub fn display_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Formats a byte count with binary units (`1.5 GiB`).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Printer {
        Printer {
            format: OutputFormat::Table,
            quiet: false,
            color: false,
            stdout_tty: false,
        }
    }

    #[test]
    fn simple_table_has_header_rule_and_no_trailing_space() {
        let t = plain().render_table(
            &["name", "status"],
            vec![
                vec!["sess-a".into(), "RUNNING".into()],
                vec!["b".into(), "PENDING".into()],
            ],
        );
        for line in t.lines() {
            assert_eq!(line, line.trim_end());
        }
        let lines: Vec<_> = t.lines().collect();
        assert_eq!(lines.len(), 4, "{t}");
        assert!(lines[0].contains("name") && lines[0].contains("status"));
        assert!(lines[1].chars().all(|c| c == '-' || c == ' '));
        assert!(lines[2].contains("sess-a") && lines[2].contains("RUNNING"));
    }

    #[test]
    fn human_bytes_units() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(8 * 1024 * 1024 * 1024), "8.0 GiB");
    }

    #[test]
    fn display_values() {
        assert_eq!(display_value(&serde_json::json!(null)), "");
        assert_eq!(display_value(&serde_json::json!("x")), "x");
        assert_eq!(display_value(&serde_json::json!({"a": 1})), "{\"a\":1}");
    }
}
