//! Table rendering (comfy-table): borders and terminal width on a TTY, the `tabulate`
//! "simple" style (header, dashed rule, no borders, no trailing spaces) otherwise.

use comfy_table::{ContentArrangement, Table};

/// The table style used when stdout is not a terminal.
const SIMPLE: &str = "     -             ";

/// Renders `rows` under `header`.
pub fn render(tty: bool, header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    if tty {
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
    if !tty {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_table_has_header_rule_and_no_trailing_space() {
        let t = render(
            false,
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
}
