//! Tables for the terminal. The only module that uses comfy-table.

use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, TableStyle};

use super::{Align, Table, escape_controls, fit};

/// No borders: columns separated by two spaces, a dashed rule under the header.
/// Easy to read, and easy to `grep` or `cut`.
const STYLE: TableStyle =
    TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('-').junction(' '));

/// Draws `table` for a terminal. `width` is the terminal's width when stdout is
/// one: long cells then wrap to fit. Control characters in cells are shown as
/// escapes (see [`escape_controls`]). Piped output never wraps, so it is the
/// same on every machine. `color` makes the header bold.
pub fn text_table(table: &Table, width: Option<u16>, color: bool) -> String {
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
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|c| escape_controls(&c.title, true).into_owned())
        .collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|t| escape_controls(t, true).into_owned())
                .collect()
        })
        .collect();
    let fitted = match width {
        Some(width) => fit::fit(&table.columns, header, rows, usize::from(width)),
        None => fit::Fitted {
            shown: (0..table.columns.len()).collect(),
            header,
            rows,
        },
    };
    let align = |n: usize| alignment(table.columns[fitted.shown[n]].align);
    out.set_header(fitted.header.into_iter().enumerate().map(|(n, title)| {
        let cell = Cell::new(title).set_alignment(align(n));
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for row in fitted.rows {
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
    if table.rows.is_empty() {
        text.clear();
    }
    text
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
    use crate::render::Column;

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
