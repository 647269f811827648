//! Lines and columns of byte offsets in a text, found from an index of line
//! starts built once per file. Counting newlines from the start of the file
//! for every position would make a file with thousands of tags quadratic.

/// The lines of `text`, exactly as [`str::lines`] gives them, found by
/// one `memchr` scan: `str::lines` searches afresh for each line's end,
/// which costs more than the short lines of front matter.
pub fn of(text: &str) -> impl Iterator<Item = &str> {
    // A line ends at `\n` or `\r\n`; a lone `\r` at the very end stays.
    inclusive(text).map(|line| match line.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    })
}

/// The lines of `text` with their line ends, exactly as
/// `str::split_inclusive('\n')` gives them, found by one `memchr` scan.
pub fn inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = match ends.next() {
            Some(newline) => newline + 1,
            None if start < text.len() => text.len(),
            None => return None,
        };
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// Where each line of a text starts.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// The last position asked for and its column, so that positions asked for
    /// in order along one long line (a flow list of thousands of tags) cost
    /// only the characters between them.
    last: Option<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex {
            text,
            starts,
            last: None,
        }
    }

    /// The 1-based line of byte `at`.
    pub fn line(&self, at: usize) -> usize {
        // The number of lines that start at or before `at`.
        self.starts.partition_point(|&start| start <= at)
    }

    /// The 1-based line and column (in characters) of byte `at`, which must
    /// be on a character boundary.
    pub fn line_column(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        let line = self.line(at);
        let line_start = self.starts[line - 1];
        let column = match self.last {
            Some((last_at, last_column)) if line_start <= last_at && last_at <= at => {
                last_column + self.text[last_at..at].chars().count()
            }
            _ => self.text[line_start..at].chars().count() + 1,
        };
        self.last = Some((at, column));
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn lines_are_the_lines_str_gives(text in "[a\r\n\u{e9}]{0,12}") {
            proptest::prop_assert_eq!(of(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }

        #[test]
        fn inclusive_lines_are_what_split_inclusive_gives(text in "[a\r\n\u{e9}]{0,12}") {
            proptest::prop_assert_eq!(
                inclusive(&text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn lines_and_columns_in_any_order() {
        let text = "ab\ncé f\n\nlast";
        let mut index = LineIndex::new(text);
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(6), (2, 3));
        assert_eq!(index.line_column(7), (2, 4));
        assert_eq!(index.line_column(3), (2, 1));
        assert_eq!(index.line_column(9), (3, 1));
        assert_eq!(index.line_column(13), (4, 4));
        assert_eq!(index.line_column(2), (1, 3));
        assert_eq!(index.line(text.len()), 4);
    }

    #[test]
    fn agrees_with_counting_from_the_start() {
        let text = "x: [a, 'ü', b]\r\n  - c\n\n  d # é\n";
        let mut index = LineIndex::new(text);
        for (at, _) in text.char_indices() {
            let before = &text[..at];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let expected = (
                before.matches('\n').count() + 1,
                before[line_start..].chars().count() + 1,
            );
            assert_eq!(index.line_column(at), expected, "at {at}");
        }
    }
}
