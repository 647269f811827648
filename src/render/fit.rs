//! Fitting a table to the terminal's width. Pure.
//!
//! Some columns must stay whole, or they stop meaning anything: an id, a
//! date, a status, a number, a path, a tag such as `mobile/payments`. Those
//! keep their full width. The free text (titles, sites, people, quotes)
//! shares what is left, wrapped between words, and a list of entries, which
//! no one reads in a table, is shortened with an ellipsis.

use unicode_width::UnicodeWidthStr;

use super::table::{Align, Column};

/// How a column's cells may be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Never wrapped or shortened.
    Whole,
    /// A comma-separated list: wrapped between its items, never inside one.
    Items,
    /// Text: wrapped between words.
    Prose,
    /// Shortened to one line, ending in `…`.
    Clip,
}

/// Free text is wrapped at this width at the narrowest, even if a longer
/// word must then be split: a long URL must not keep a title unreadable.
const NARROWEST_PROSE: usize = 16;
/// Free text on a terminal too narrow for its words keeps at least this much.
const SQUEEZED_PROSE: usize = 4;
/// A shortened column keeps at least this much.
const NARROWEST_CLIP: usize = 8;

fn fit_of(column: &Column) -> Fit {
    match (column.key, column.align) {
        // Tags are wrapped between, never inside.
        ("tags", _) => Fit::Items,
        ("entries", Align::Left) => Fit::Clip,
        (
            "title" | "site" | "text" | "fields" | "owner" | "people" | "person" | "steps"
            | "measure" | "group" | "label",
            _,
        ) => Fit::Prose,
        _ => Fit::Whole,
    }
}

/// A table laid out for the terminal: which of the table's columns are shown,
/// and their header and rows, cells of several lines holding `\n`.
pub struct Fitted {
    pub shown: Vec<usize>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The header and rows laid out in `width` columns of terminal. Unchanged
/// when the table fits as it is. Else free text wraps, at word boundaries
/// while it can, and lists of entries are shortened; when even that is too
/// wide, the lists of entries are left out, and what is left may be wider
/// than `width` rather than break what must stay whole.
pub fn fit(
    columns: &[Column],
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    width: usize,
) -> Fitted {
    let all: Vec<usize> = (0..columns.len()).collect();
    let natural: Vec<usize> = all
        .iter()
        .map(|&i| {
            let cells = rows.iter().map(|row| row[i].as_str());
            cells
                .chain([header[i].as_str()])
                .map(shown_width)
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Each column is followed by its padding and a space between columns;
    // the header's rule runs under the last column's padding too.
    let room = |shown: usize| width.saturating_sub(2 * shown.saturating_sub(1) + 1);
    if natural.iter().sum::<usize>() <= room(columns.len()) {
        return Fitted {
            shown: all,
            header,
            rows,
        };
    }
    let fits: Vec<Fit> = columns.iter().map(fit_of).collect();
    let whole_words = narrowest(&fits, &natural, &header, &rows);
    let mut narrowest = whole_words.clone();
    let too_wide = |narrowest: &[usize], shown: &[usize]| {
        shown.iter().map(|&i| narrowest[i]).sum::<usize>() > room(shown.len())
    };
    if too_wide(&narrowest, &all) {
        // Words may be split rather than the table run off the screen: the
        // free text shares what is left, however little.
        for (i, fit) in fits.iter().enumerate() {
            if *fit == Fit::Prose {
                narrowest[i] = narrowest[i].min(SQUEEZED_PROSE);
            }
        }
    }
    let mut shown = all;
    if too_wide(&narrowest, &shown) {
        shown.retain(|&i| fits[i] != Fit::Clip);
    }
    if too_wide(&narrowest, &shown) {
        // Too wide whatever is done: then at least no word is split.
        narrowest = whole_words.clone();
    }
    let widths = share(
        &fits,
        [&whole_words, &natural],
        &narrowest,
        &shown,
        room(shown.len()),
    );
    let lay = |cells: Vec<String>, wrap_header: bool| -> Vec<String> {
        let mut cells: Vec<Option<String>> = cells.into_iter().map(Some).collect();
        shown
            .iter()
            .map(|&i| {
                let cell = cells[i].take().unwrap_or_default();
                match (fits[i], wrap_header) {
                    (Fit::Whole, _) => cell,
                    (_, true) => wrap_words(&cell, widths[i]),
                    (fit, false) => lay_out(&cell, fit, widths[i]),
                }
            })
            .collect()
    };
    Fitted {
        header: lay(header, true),
        rows: rows.into_iter().map(|row| lay(row, false)).collect(),
        shown,
    }
}

/// The narrowest each column may be.
fn narrowest(
    fits: &[Fit],
    natural: &[usize],
    header: &[String],
    rows: &[Vec<String>],
) -> Vec<usize> {
    let longest = |i: usize, pieces: fn(&str) -> Vec<&str>| -> usize {
        let cells = rows
            .iter()
            .map(|row| row[i].as_str())
            .chain([header[i].as_str()]);
        cells.flat_map(pieces).map(shown_width).max().unwrap_or(0)
    };
    fits.iter()
        .enumerate()
        .map(|(i, fit)| match fit {
            Fit::Whole => natural[i],
            // Every item but the last keeps its comma on its line.
            Fit::Items => longest(i, |text| {
                text.split_inclusive(", ").map(str::trim_end).collect()
            }),
            Fit::Prose => longest(i, |text| text.split(' ').collect()).min(NARROWEST_PROSE),
            Fit::Clip => NARROWEST_CLIP.max(shown_width(&header[i])).min(natural[i]),
        })
        .collect()
}

/// Widths for the `shown` columns in `room`: whole columns at their natural
/// width, the others from their narrowest, sharing what is left evenly: up to
/// the width of their longest word first (so that words stay whole where
/// they can), then up to their natural widths.
fn share(
    fits: &[Fit],
    caps: [&[usize]; 2],
    narrowest: &[usize],
    shown: &[usize],
    room: usize,
) -> Vec<usize> {
    let mut widths = narrowest.to_vec();
    let mut left = room.saturating_sub(shown.iter().map(|&i| widths[i]).sum());
    for cap in caps {
        loop {
            let growing: Vec<usize> = shown
                .iter()
                .copied()
                .filter(|&i| fits[i] != Fit::Whole && widths[i] < cap[i])
                .collect();
            if growing.is_empty() || left == 0 {
                break;
            }
            let each = (left / growing.len()).max(1);
            for i in growing {
                let more = each.min(cap[i] - widths[i]).min(left);
                widths[i] += more;
                left -= more;
            }
        }
    }
    widths
}

fn lay_out(cell: &str, fit: Fit, width: usize) -> String {
    match fit {
        Fit::Whole => cell.to_string(),
        Fit::Items => wrap(cell.split(", ").collect(), ",", width),
        Fit::Prose => wrap_words(cell, width),
        Fit::Clip => clip(cell, width),
    }
}

fn wrap_words(text: &str, width: usize) -> String {
    let words = text
        .split(' ')
        .flat_map(|word| split_long(word, width))
        .collect();
    wrap(words, "", width)
}

/// `pieces` on lines of at most `width`, separated by `end` and a space on a
/// line (`end` closes every piece but the last).
fn wrap(pieces: Vec<&str>, end: &str, width: usize) -> String {
    let count = pieces.len();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (n, piece) in pieces.into_iter().enumerate() {
        let piece = match n + 1 < count {
            true => format!("{piece}{end}"),
            false => piece.to_string(),
        };
        if !line.is_empty() && shown_width(&line) + 1 + shown_width(&piece) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    lines.push(line);
    lines.join("\n")
}

/// A word wider than `width`, in pieces that fit.
fn split_long(word: &str, width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while shown_width(rest) > width.max(1) {
        // At least one character, even one wider than the column.
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let cut = cut_at(rest, width.max(1)).max(first);
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    pieces.push(rest);
    pieces
}

/// `text` on one line of at most `width`, ending in `…` when shortened.
fn clip(text: &str, width: usize) -> String {
    if shown_width(text) <= width {
        return text.to_string();
    }
    let cut = cut_at(text, width.saturating_sub(1));
    format!("{}…", &text[..cut])
}

/// The longest start of `text` at most `width` wide, as a byte length.
fn cut_at(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            return at;
        }
        used += w;
    }
    text.len()
}

/// How many terminal columns `text` takes: CJK characters take two.
fn shown_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<Column> {
        vec![
            Column::left("id", "Id"),
            Column::left("title", "Idea"),
            Column::left("status", "Status"),
            Column::left("tags", "Tags"),
            Column::left("entries", "Entries"),
        ]
    }

    #[test]
    fn a_table_that_fits_is_left_alone() {
        let header = vec!["Id", "Idea", "Status", "Tags", "Entries"];
        let header: Vec<String> = header.into_iter().map(String::from).collect();
        let row: Vec<String> = ["a", "b", "new", "x", "e"].map(String::from).to_vec();
        let fitted = fit(&columns(), header.clone(), vec![row.clone()], 80);
        assert_eq!((fitted.header, fitted.rows), (header, vec![row]));
    }

    #[test]
    fn ids_statuses_and_tags_stay_whole_while_text_wraps_and_lists_shorten() {
        let header: Vec<String> = ["Id", "Idea", "Status", "Tags", "Entries"]
            .map(String::from)
            .to_vec();
        let row: Vec<String> = [
            "mobile-pay-checkout",
            "Pay by phone at the register",
            "exploring",
            "mobile/payments, checkout",
            "2026-01-14-starbucks-seattle, 2026-03-24-supervalu",
        ]
        .map(String::from)
        .to_vec();
        let fitted = fit(&columns(), header.clone(), vec![row.clone()], 70);
        assert_eq!(
            fitted.rows[0],
            [
                "mobile-pay-checkout",
                "Pay by\nphone at\nthe\nregister",
                "exploring",
                "mobile/payments,\ncheckout",
                "2026-01…",
            ]
        );
    }

    #[test]
    fn too_narrow_a_terminal_leaves_out_lists_of_entries_but_breaks_no_id() {
        let header: Vec<String> = ["Id", "Idea", "Status", "Tags", "Entries"]
            .map(String::from)
            .to_vec();
        let row: Vec<String> = [
            "mobile-pay-checkout",
            "Pay by phone",
            "exploring",
            "mobile/payments",
            "2026-01-14-starbucks-seattle",
        ]
        .map(String::from)
        .to_vec();
        let fitted = fit(&columns(), header, vec![row], 58);
        assert_eq!(fitted.shown, [0, 1, 2, 3]);
        assert_eq!(
            fitted.rows[0],
            [
                "mobile-pay-checkout",
                "Pay by\nphone",
                "exploring",
                "mobile/payments"
            ]
        );
    }

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(clip("東京の店舗で", 7), "東京の…");
        assert_eq!(wrap_words("東京 の店舗", 4), "東京\nの店\n舗");
    }
}
