//! A table as plain data (columns and rows of text), drawn as Markdown or
//! CSV here and for a terminal in `text`; and the words and numbers in its
//! cells.

use super::escape::escape_controls;

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

/// A CSV field, quoted when it holds a comma, a quote or a line break.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
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

/// How much of their yearly target a person has done, from 0 (capped at 1);
/// with two targets, the one they are further from. `None` without a target.
pub fn share_of_target(row: &crate::aggregate::report::CoverageRow) -> Option<f64> {
    let share = |done: f64, target: f64| {
        if target <= 0.0 {
            1.0
        } else {
            (done / target).min(1.0)
        }
    };
    let entries = row
        .target_entries
        .map(|t| share(row.year_entries as f64, t));
    let hours = row.target_hours.map(|t| share(row.year_hours, t));
    match (entries, hours) {
        (Some(e), Some(h)) => Some(e.min(h)),
        (one, other) => one.or(other),
    }
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
    fn numbers_are_short() {
        assert_eq!(number(8.0), "8");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
    }
}
