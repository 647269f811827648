//! Tables for the terminal. The only module that uses comfy-table.

use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, TableStyle};

use unicode_width::UnicodeWidthStr;

use super::escape::escape_controls;
use super::fit;
use super::table::{Align, Table};

/// No borders: columns separated by two spaces, a dashed rule under the header.
/// Easy to read, and easy to `grep` or `cut`.
const STYLE: TableStyle =
    TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('-').junction(' '));

/// Draws `table` for a terminal. `width` is the terminal's width when stdout is
/// one: long cells then wrap to fit. Control characters in cells are shown as
/// escapes (see [`escape_controls`]). Piped output never wraps, so it is the
/// same on every machine. `color` makes the header bold.
pub fn text_table(table: &Table, width: Option<u16>, color: bool) -> String {
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|c| escape_controls(&c.title, false).into_owned())
        .collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|t| escape_controls(t, false).into_owned())
                .collect()
        })
        .collect();
    if width.is_none() && !color {
        let align = |n: usize| table.columns[n].align;
        if let Some(text) = plain_table(&header, &rows, align) {
            return text;
        }
    }
    let fitted = match width {
        Some(width) => fit::fit(&table.columns, header, rows, usize::from(width)),
        None => fit::Fitted {
            shown: (0..table.columns.len()).collect(),
            header,
            rows,
        },
    };
    let align = |n: usize| table.columns[fitted.shown[n]].align;
    let left_out: Vec<&str> = (0..table.columns.len())
        .filter(|i| !fitted.shown.contains(i))
        .map(|i| table.columns[i].title.as_str())
        .collect();
    let mut text = comfy_text(fitted.header, fitted.rows, align, color);
    if let (false, Some(width)) = (left_out.is_empty(), width) {
        // Said under the table, so that a missing column is never a surprise.
        text.push_str(&format!(
            "Left out to fit {width} columns: {}.\n",
            left_out.join(", ")
        ));
    }
    text
}

/// `header` and `rows` (escaped, and fitted) drawn by comfy-table.
fn comfy_text(
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    align: impl Fn(usize) -> Align,
    color: bool,
) -> String {
    let mut out = comfy_table::Table::new();
    out.load_style(STYLE);
    // comfy-table would otherwise decide colour and width by itself, ignoring
    // NO_COLOR and --color.
    out.force_no_tty();
    if color {
        out.enforce_styling();
    }
    // Cells are laid out here, not by comfy-table: it would split an id or
    // a tag anywhere to make the table fit (see `fit`).
    out.set_content_arrangement(ContentArrangement::Disabled);
    let no_rows = rows.is_empty();
    let align = |n: usize| alignment(align(n));
    out.set_header(header.into_iter().enumerate().map(|(n, title)| {
        let cell = Cell::new(title).set_alignment(align(n));
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in rows {
        out.add_row(
            row.into_iter()
                .enumerate()
                .map(|(n, text)| Cell::new(text).set_alignment(align(n))),
        );
    }
    for column in out.column_iter_mut() {
        column.set_padding((0, 1));
    }
    // Trailing spaces from padding help nobody.
    let mut text: String = out
        .lines()
        .map(|line| line.trim_end().to_string() + "\n")
        .collect();
    if no_rows {
        text.clear();
    }
    text
}

/// The table comfy-table draws below without colour or fitting, drawn
/// directly when every cell is one line: piped output, such as a report of
/// a large journal whose ideas have long histories, where comfy-table took
/// half the time after loading (it pads every line of a column to its
/// width, which is then trimmed). A property test holds the two to the same
/// bytes; `None` sends a table with a line break in a cell to comfy-table.
fn plain_table(
    header: &[String],
    rows: &[Vec<String>],
    align: impl Fn(usize) -> Align,
) -> Option<String> {
    if rows.is_empty() {
        return Some(String::new());
    }
    let one_line = |cell: &String| !cell.contains('\n');
    let regular = |row: &Vec<String>| row.len() == header.len() && row.iter().all(one_line);
    if !header.iter().all(one_line) || !rows.iter().all(regular) {
        return None;
    }
    // A column is at least one wide, as in comfy-table.
    let mut widths: Vec<usize> = header.iter().map(|title| width_of(title).max(1)).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(width_of(cell));
        }
    }
    let mut text = String::new();
    let line = |text: &mut String, row: &[String]| {
        let cells = row.iter().zip(&widths).enumerate();
        push_line(
            text,
            cells.map(|(n, (cell, &width))| (align(n), width, cell.as_str())),
        );
    };
    line(&mut text, header);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w + 1)).collect();
    text.push_str(&rule.join(" "));
    text.push('\n');
    for row in rows {
        line(&mut text, row);
    }
    Some(text)
}

/// Adds a line of `cells` (each aligned within its width) to `text`: each
/// column is its widest cell and one space, then a space before the next;
/// trailing spaces are trimmed.
fn push_line<'a>(text: &mut String, cells: impl Iterator<Item = (Align, usize, &'a str)>) {
    let start = text.len();
    // Spaces wait until something follows them: the last column of a report
    // can be thousands of characters wide, and its padding would be trimmed.
    let mut spaces = 0;
    for (n, (align, width, cell)) in cells.enumerate() {
        if n > 0 {
            spaces += 1;
        }
        let gap = width.saturating_sub(width_of(cell));
        match align {
            Align::Left => {
                push_after_spaces(text, &mut spaces, cell);
                spaces += gap + 1;
            }
            Align::Right => {
                spaces += gap;
                push_after_spaces(text, &mut spaces, cell);
                spaces += 1;
            }
        }
    }
    text.truncate(start + text[start..].trim_end().len());
    text.push('\n');
}

/// How many columns `cell` takes on a terminal. Printable ASCII takes one
/// column a byte, without the look at each character's width.
fn width_of(cell: &str) -> usize {
    if cell.bytes().all(|byte| (b' '..=b'~').contains(&byte)) {
        cell.len()
    } else {
        cell.width()
    }
}

/// Adds `cell` to `text` after the `spaces` waiting before it, if it has
/// anything to add.
fn push_after_spaces(text: &mut String, spaces: &mut usize, cell: &str) {
    if !cell.is_empty() {
        text.extend(std::iter::repeat_n(' ', *spaces));
        text.push_str(cell);
        *spaces = 0;
    }
}

/// The width of the terminal on stdout, if it is one.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

fn alignment(align: Align) -> CellAlignment {
    match align {
        Align::Left => CellAlignment::Left,
        Align::Right => CellAlignment::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::table::Column;

    #[test]
    fn shows_control_characters_as_escapes() {
        let mut t = Table::new(vec![Column::left("site", "Site")]);
        t.push(vec!["\x1b]0;owned\x07 \u{9b}x".into()]);
        let cell = "\\x1b]0;owned\\x07 \\u{9b}x";
        let rule = "-".repeat(cell.chars().count() + 1);
        assert_eq!(
            text_table(&t, None, false),
            format!("Site\n{rule}\n{cell}\n")
        );
    }

    proptest::proptest! {
        /// Tables of one-line cells, drawn directly, are what comfy-table
        /// draws: wide and zero-width characters, spaces at either end,
        /// empty cells and columns, either alignment.
        #[test]
        fn plain_tables_are_what_comfy_table_draws(
            aligns in proptest::collection::vec(proptest::bool::ANY, 1..5),
            cells in proptest::collection::vec("[a -]{0,3}|[ \u{a0}é漢\u{301}😀x]{0,4}", 0..40),
            titles in proptest::collection::vec("[A-Z ]{0,6}", 5),
        ) {
            let columns = aligns.len();
            let header: Vec<String> = titles[..columns].to_vec();
            let rows: Vec<Vec<String>> = cells.chunks_exact(columns).map(|r| r.to_vec()).collect();
            let align = |n: usize| if aligns[n] { Align::Left } else { Align::Right };
            let plain = plain_table(&header, &rows, align);
            let comfy = comfy_text(header.clone(), rows.clone(), align, false);
            proptest::prop_assert_eq!(plain, Some(comfy));
        }
    }

    #[test]
    fn a_cell_of_two_lines_is_left_to_comfy_table() {
        let rows = vec![vec!["one\ntwo".to_string()]];
        assert_eq!(plain_table(&["A".into()], &rows, |_| Align::Left), None);
    }

    /// A line break in a cell comes from the journal (a file name, a
    /// title): it is shown as `\n`, never breaking the row.
    #[test]
    fn a_line_break_in_a_cell_is_shown_escaped() {
        let mut t = Table::new(vec![Column::left("a", "A")]);
        t.push(vec!["one\ntwo".into()]);
        assert_eq!(text_table(&t, None, false), "A\n---------\none\\ntwo\n");
    }

    #[test]
    fn draws_a_plain_table() {
        let mut t = Table::new(vec![
            Column::left("site", "Site"),
            Column::right("n", "Customers"),
        ]);
        t.push(vec!["Cub Foods".into(), "12".into()]);
        t.push(vec!["BT".into(), "3".into()]);
        assert_eq!(
            text_table(&t, None, false),
            "Site       Customers\n---------- ----------\nCub Foods         12\nBT                 3\n"
        );
    }
}
