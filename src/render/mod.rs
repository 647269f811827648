//! Output formats over plain data. A command turns its result into a [`Table`]
//! (or a serializable record for JSON); these functions draw it.

pub mod diff;
pub mod document;
pub mod export;
mod fit;
pub mod html;
pub mod report;
mod text;

use serde::Serialize;
use std::borrow::Cow;

pub use text::{terminal_width, text_table};

/// `text` safe to show on a terminal: control characters from the journal
/// (an escape byte, a carriage return, a tab, C1 codes) are shown as escapes
/// such as `\x1b`, `\r`, `\t` and `\u{9b}`, so no file can move the cursor,
/// change colours or retitle a terminal. Line breaks are kept when
/// `keep_lines`, else shown as `\n`.
pub fn escape_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(keep_lines && c == '\n');
    // A control character is a byte below 0x20, 0x7f, or 0xc2 then a byte
    // (C1): text with none of these bytes needs no look at its characters.
    let may_begin_one = |byte: &u8| *byte < 0x20 || *byte == 0x7f || *byte == 0xc2;
    if !text.as_bytes().iter().any(may_begin_one) || !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !escaped(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// The header in CSV: the JSON key, so scripts see one vocabulary.
    pub key: &'static str,
    /// The header people read in a table or Markdown.
    pub title: String,
    pub align: Align,
}

impl Column {
    pub fn left(key: &'static str, title: impl Into<String>) -> Column {
        Column {
            key,
            title: title.into(),
            align: Align::Left,
        }
    }

    pub fn right(key: &'static str, title: impl Into<String>) -> Column {
        Column {
            key,
            title: title.into(),
            align: Align::Right,
        }
    }
}

/// Rows of text under named columns.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A GitHub-flavoured Markdown table. Cell text is escaped so that `|` and line
/// breaks in a site or title cannot break the table.
pub fn markdown_table(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| markdown_cell(cell)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn markdown_cell(text: &str) -> String {
    let text = text
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ");
    escape_controls(&text, false).into_owned()
}

/// RFC 4180 CSV with a header row of column keys.
pub fn csv_table(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| csv_field(c.key)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| csv_field(cell)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Our records hold only strings, numbers, lists and maps with string keys,
    // which serde_json always serializes.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    escape_json_controls(text)
}

/// One compact JSON object per line.
pub fn json_lines<T: Serialize>(values: &[T]) -> String {
    let mut out = String::new();
    for value in values {
        out.push_str(&serde_json::to_string(value).unwrap_or_default());
        out.push('\n');
    }
    escape_json_controls(out)
}

/// JSON with DEL and the C1 control characters written as `\u007f` …
/// `\u009f`, as serde_json already writes the others: the same JSON, and
/// safe on a terminal. Outside strings JSON has only ASCII punctuation, so
/// every such character is in a string.
fn escape_json_controls(json: String) -> String {
    if !json.chars().any(left_raw_by_json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if left_raw_by_json(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// DEL and the C1 control characters: the controls JSON leaves unescaped.
fn left_raw_by_json(c: char) -> bool {
    c.is_control() && c as u32 >= 0x7f
}

/// `text` broken into lines of at most `width` characters at spaces, when a
/// width is known (a terminal); a word longer than the width keeps its line.
pub fn wrap(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from).filter(|w| *w > 10) else {
        return text.to_string();
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

/// A year's figures against a yearly target: `1 of 2 entries`, `9 of 8
/// hours`, or both; nothing without a target.
pub fn progress(
    entries: usize,
    hours: f64,
    target_entries: Option<f64>,
    target_hours: Option<f64>,
) -> String {
    let parts: Vec<String> = [
        target_entries.map(|n| format!("{entries} of {} entries", number(n))),
        target_hours.map(|h| format!("{} of {} hours", number(hours), number(h))),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(", ")
}

/// A number with all its digits, for data: `8`, `7.25`, `0.3333333333333333`.
pub fn number_exact(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A change with its sign: `+3`, `-1.5`, `0`.
pub fn signed(change: f64) -> String {
    if change > 0.0 {
        format!("+{}", number(change))
    } else {
        number(change)
    }
}

/// A count, or a number of hours, without a needless `.0`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{}", (value * 100.0).round() / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Texts of controls (C0, DEL, C1), line breaks and characters whose
        /// first byte is 0xc2 but are not controls (`£`, no-break space) are
        /// escaped exactly where a character-by-character look says.
        #[test]
        fn escapes_exactly_the_control_characters(
            text in "[a\n\t\r\x1b\x7f\u{85}\u{9b}\u{9f}\u{a0}£é漢]{0,12}",
            keep_lines in proptest::bool::ANY,
        ) {
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '\n' if keep_lines => "\n".to_string(),
                    '\n' => "\\n".to_string(),
                    '\r' => "\\r".to_string(),
                    '\t' => "\\t".to_string(),
                    c if c.is_control() && (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
                    c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape_controls(&text, keep_lines), expected);
        }
    }

    fn sample() -> Table {
        let mut t = Table::new(vec![
            Column::left("site", "Site"),
            Column::right("customers", "Customers"),
        ]);
        t.push(vec!["Tower One: floor 12 | west".into(), "3".into()]);
        t.push(vec!["Say \"hi\", then\nleave".into(), "0".into()]);
        t
    }

    #[test]
    fn markdown_escapes_pipes_and_newlines() {
        assert_eq!(
            markdown_table(&sample()),
            "| Site | Customers |\n| --- | ---: |\n| Tower One: floor 12 \\| west | 3 |\n| Say \"hi\", then leave | 0 |\n"
        );
    }

    #[test]
    fn csv_quotes_what_it_must() {
        assert_eq!(
            csv_table(&sample()),
            "site,customers\nTower One: floor 12 | west,3\n\"Say \"\"hi\"\", then\nleave\",0\n"
        );
    }

    #[test]
    fn wraps_at_spaces_to_the_width() {
        assert_eq!(wrap("one two three four", Some(11)), "one two\nthree four");
        assert_eq!(wrap("one two three four", None), "one two three four");
        assert_eq!(
            wrap("unbreakable-word-longer-than-width x", Some(12)),
            "unbreakable-word-longer-than-width\nx"
        );
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(escape_controls("plain\ntext", true), "plain\ntext");
        assert_eq!(
            escape_controls("\x1b[31mred\r\t\u{9b}2J\x7f\nnext", true),
            "\\x1b[31mred\\r\\t\\u{9b}2J\\x7f\nnext"
        );
        assert_eq!(escape_controls("a\nb", false), "a\\nb");
        assert_eq!(
            json(&["\x1b\u{9b}\x7f é"]),
            "[\n  \"\\u001b\\u009b\\u007f é\"\n]\n"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(8.0), "8");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
    }
}
