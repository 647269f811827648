//! Fitting a table to the terminal's width. Pure.
//!
//! No word is broken in the middle. Some columns must stay whole, or they
//! stop meaning anything: an id, a date, a status, a number, a tag such as
//! `mobile/payments`. Those keep their full width. The free text (titles,
//! sites, people, quotes) shares what is left, wrapped between words; a
//! path too long for its column is shortened in the middle
//! (`visits/2026/2026-…-seattle.md`), and a list of entries, which no one
//! reads in a table, is shortened with an ellipsis. When even that does not
//! fit, the least useful columns are left out, and the table says which.

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
    /// A file path: shortened in the middle, keeping its folder's start and
    /// its name's end.
    Path,
}

/// Free text is wrapped at this width at the narrowest (or its own width,
/// when narrower): a longer word (a URL) is broken after a hyphen or
/// shortened in the middle rather than keep a title unreadable.
const NARROWEST_PROSE: usize = 16;
/// Free text gets at least this much (or its own width) before a column
/// is left out for it: two or three words a line.
const COMFORTABLE_PROSE: usize = 10;
/// A shortened column keeps at least this much.
const NARROWEST_CLIP: usize = 8;
/// A path shortened in the middle keeps at least this much.
const NARROWEST_PATH: usize = 20;

fn fit_of(column: &Column) -> Fit {
    match (column.key, column.align) {
        // Tags are wrapped between, never inside.
        ("tags", _) => Fit::Items,
        ("entries", Align::Left) => Fit::Clip,
        ("path", _) => Fit::Path,
        (
            "title" | "site" | "text" | "fields" | "owner" | "people" | "person" | "steps"
            | "measure" | "group" | "label",
            _,
        ) => Fit::Prose,
        _ => Fit::Whole,
    }
}

/// Which columns go first when a table cannot fit: the lower, the sooner.
/// What names a row (a date, an id, a title, a site, a person, a path)
/// never goes.
fn usefulness(column: &Column) -> Option<u8> {
    match column.key {
        "entries" if column.align == Align::Left => Some(0),
        "people" => Some(1),
        "first_date" => Some(2),
        "last_date" | "journal" => Some(3),
        "sites" | "mentions" => Some(3),
        "owner" | "group" => Some(4),
        "customers" | "hours" => Some(5),
        "kind" => Some(6),
        "tags" => Some(7),
        _ => None,
    }
}

/// A table laid out for the terminal: which of the table's columns are shown,
/// and their header and rows, cells of several lines holding `\n`.
pub struct Fitted {
    /// The columns shown, by their place in the table; the others were left
    /// out to fit.
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
    let narrowest = narrowest(&fits, &natural, &header, &rows);
    let too_wide =
        |shown: &[usize]| shown.iter().map(|&i| narrowest[i]).sum::<usize>() > room(shown.len());
    // Rather than break a word, leave out the least useful columns.
    let mut shown = all;
    while too_wide(&shown) {
        let least = shown
            .iter()
            .enumerate()
            .filter_map(|(at, &i)| usefulness(&columns[i]).map(|u| (u, std::cmp::Reverse(at))))
            .min();
        match least {
            Some((_, std::cmp::Reverse(at))) => {
                shown.remove(at);
            }
            // What is left names the rows: wider than the terminal, whole.
            None => break,
        }
    }
    let widths = share(&fits, &natural, &narrowest, &shown, room(shown.len()));
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
            // A few words a line at least: a column of one word a line is
            // not read, and leaving out a column is better.
            Fit::Prose => {
                let word = longest(i, |text| text.split(' ').collect());
                word.max(natural[i].min(COMFORTABLE_PROSE))
                    .min(NARROWEST_PROSE)
            }
            Fit::Clip => NARROWEST_CLIP.max(shown_width(&header[i])).min(natural[i]),
            Fit::Path => NARROWEST_PATH.max(shown_width(&header[i])).min(natural[i]),
        })
        .collect()
}

/// Widths for the `shown` columns in `room`: whole columns at their natural
/// width, the others from their narrowest (their longest word). What is
/// left goes to paths first, which are read whole, then is shared evenly
/// by the rest, each up to its natural width.
fn share(
    fits: &[Fit],
    natural: &[usize],
    narrowest: &[usize],
    shown: &[usize],
    room: usize,
) -> Vec<usize> {
    let mut widths = narrowest.to_vec();
    let mut left = room.saturating_sub(shown.iter().map(|&i| widths[i]).sum());
    for first in [true, false] {
        loop {
            let growing: Vec<usize> = shown
                .iter()
                .copied()
                .filter(|&i| fits[i] != Fit::Whole && widths[i] < natural[i])
                .filter(|&i| !first || fits[i] == Fit::Path)
                .collect();
            if growing.is_empty() || left == 0 {
                break;
            }
            let each = (left / growing.len()).max(1);
            for i in growing {
                let more = each.min(natural[i] - widths[i]).min(left);
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
        Fit::Path => shorten_in_the_middle(cell, width),
    }
}

/// `text` wrapped between words. A word too wide for the line breaks only
/// where a line may break inside it: after a hyphen (`retirement-`,
/// `living`), or between the characters of Chinese or Japanese, which has
/// no spaces; anything else too wide is shortened in the middle.
fn wrap_words(text: &str, width: usize) -> String {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for word in text.split(' ') {
        if shown_width(word) <= width {
            pieces.push((word.to_string(), true));
            continue;
        }
        for (n, part) in breakable_parts(word, width).into_iter().enumerate() {
            pieces.push((shorten_in_the_middle(part, width), n == 0));
        }
    }
    wrap_glued(&pieces, width)
}

/// The parts of a word a line may break between.
fn breakable_parts(word: &str, width: usize) -> Vec<&str> {
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    if word.chars().any(wide) {
        let mut parts = Vec::new();
        let mut rest = word;
        while shown_width(rest) > width.max(2) {
            let first = rest.chars().next().map_or(0, char::len_utf8);
            let cut = cut_at(rest, width.max(2)).max(first);
            parts.push(&rest[..cut]);
            rest = &rest[cut..];
        }
        parts.push(rest);
        return parts;
    }
    word.split_inclusive('-').collect()
}

/// `pieces` on lines of at most `width`; a piece marked `true` starts a
/// word (a space before it), the others go on the word before (no space).
fn wrap_glued(pieces: &[(String, bool)], width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (piece, starts_word) in pieces {
        let joiner = if *starts_word && !line.is_empty() {
            1
        } else {
            0
        };
        if !line.is_empty() && shown_width(&line) + joiner + shown_width(piece) > width {
            lines.push(std::mem::take(&mut line));
        } else if joiner == 1 {
            line.push(' ');
        }
        line.push_str(piece);
    }
    lines.push(line);
    lines.join("\n")
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

/// `text` in at most `width`, its start and end kept and `…` between:
/// `visits/2026/2026-…-seattle.md`. A word is never broken across lines.
fn shorten_in_the_middle(text: &str, width: usize) -> String {
    if shown_width(text) <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    // The end says more of a path (the file's name) than its start.
    let head = cut_at(text, room / 2);
    let tail_width = room - shown_width(&text[..head]);
    let mut tail = text.len();
    for (at, _) in text.char_indices().rev() {
        if shown_width(&text[at..]) > tail_width {
            break;
        }
        tail = at;
    }
    format!("{}…{}", &text[..head], &text[tail..])
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
    fn ids_statuses_and_tags_stay_whole_while_text_wraps_and_lists_go_first() {
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
        assert_eq!(fitted.shown, [0, 1, 2, 3]);
        assert_eq!(
            fitted.rows[0],
            [
                "mobile-pay-checkout",
                "Pay by phone at\nthe register",
                "exploring",
                "mobile/payments,\ncheckout",
            ]
        );
    }

    #[test]
    fn too_narrow_a_terminal_leaves_out_columns_but_breaks_no_word() {
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
        let fitted = fit(&columns(), header, vec![row], 40);
        // What names the row stays, wider than the terminal if need be.
        assert_eq!(fitted.shown, [0, 1, 2]);
        assert_eq!(
            fitted.rows[0],
            ["mobile-pay-checkout", "Pay by\nphone", "exploring"]
        );
    }

    #[test]
    fn a_long_word_breaks_after_a_hyphen_and_a_path_in_the_middle() {
        assert_eq!(
            wrap_words("Pitch to a retirement-living operator", 12),
            "Pitch to a\nretirement-\nliving\noperator"
        );
        assert_eq!(
            shorten_in_the_middle("visits/2026/2026-01-14-starbucks-seattle.md", 24),
            "visits/2026…s-seattle.md"
        );
        assert_eq!(
            wrap_words("see https://example.com/a/very/long/address/indeed", 16),
            "see\nhttps:/…s/indeed"
        );
    }

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(clip("東京の店舗で", 7), "東京の…");
        assert_eq!(wrap_words("東京 の店舗", 4), "東京\nの店\n舗");
    }
}
