//! Splits an entry's text into its YAML front matter and its Markdown body.
//!
//! We do this ourselves rather than with pulldown-cmark's metadata option, which
//! mistakes a thematic break (`---`) in the body for metadata and rejects BOM and CRLF.

/// The two halves of an entry, as slices of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiter lines (line ends as in the file).
    pub yaml: &'a str,
    /// The 1-based file line on which `yaml` starts.
    pub yaml_line: usize,
    /// The byte at which `yaml` starts in the text.
    pub yaml_offset: usize,
    /// Everything after the closing delimiter line, byte for byte.
    pub body: &'a str,
    /// The 1-based file line on which `body` starts.
    pub body_line: usize,
}

/// Why a text has no usable front matter. Lines are 1-based file lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or whitespace only.
    Empty,
    /// The first line is not `---`.
    Missing,
    /// The first line is `+++`: TOML front matter, as Hugo writes it.
    Toml,
    /// `---` opens the front matter but no `---` or `...` line closes it.
    Unclosed { opened_line: usize },
}

impl SplitError {
    pub fn message(&self) -> String {
        match self {
            SplitError::Empty => "the file is empty".into(),
            SplitError::Missing => "no front matter: the first line must be `---`".into(),
            SplitError::Toml => "front matter in TOML (`+++`) is not supported".into(),
            SplitError::Unclosed { opened_line } => {
                format!("front matter opened on line {opened_line} is never closed by a `---` line")
            }
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            SplitError::Empty | SplitError::Missing => {
                "start the file with a `---` line, then `date:`, `kind:` and `site:`, then a `---` line"
            }
            SplitError::Toml => "write the front matter as YAML between `---` lines",
            SplitError::Unclosed { .. } => "add a line `---` after the last front-matter key",
        }
    }
}

/// Strips a leading UTF-8 byte-order mark, which some Windows editors write.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The body of an entry's text: all after the front matter; empty when it
/// has none.
pub fn body(text: &str) -> &str {
    split(strip_bom(text)).map_or("", |split| split.body)
}

/// Splits `text` (BOM already stripped) at its front-matter delimiters.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = Lines { text, pos: 0 };
    let Some(first) = lines.next() else {
        return Err(SplitError::Empty);
    };
    let first_line = trim_line_end(first.text);
    if first_line != "---" {
        return Err(if text.trim().is_empty() {
            SplitError::Empty
        } else if first_line == "+++" {
            SplitError::Toml
        } else {
            SplitError::Missing
        });
    }
    let yaml_start = lines.pos;
    let mut line_number = 1;
    for line in lines.by_ref() {
        line_number += 1;
        // Only a line that starts with a delimiter can be one.
        if !(line.text.starts_with("---") || line.text.starts_with("...")) {
            continue;
        }
        let content = trim_line_end(line.text);
        if content == "---" || content == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..line.start],
                yaml_line: 2,
                yaml_offset: yaml_start,
                body: &text[line.end..],
                body_line: line_number + 1,
            });
        }
    }
    Err(SplitError::Unclosed { opened_line: 1 })
}

/// Delimiter lines may carry trailing spaces or a CR: editors leave them behind.
fn trim_line_end(line: &str) -> &str {
    line.trim_end_matches([' ', '\t', '\r', '\n'])
}

struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Lines with their byte ranges, the line end included in `text`.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let end = memchr::memchr(b'\n', &self.text.as_bytes()[start..])
            .map_or(self.text.len(), |i| start + i + 1);
        self.pos = end;
        Some(Line {
            text: &self.text[start..end],
            start,
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_a_plain_entry() {
        let s = split("---\ndate: 2026-01-02\n---\n# Hi\n").unwrap();
        assert_eq!(s.yaml, "date: 2026-01-02\n");
        assert_eq!(s.body, "# Hi\n");
        assert_eq!((s.yaml_line, s.body_line), (2, 4));
    }

    #[test]
    fn accepts_crlf_and_dots_and_trailing_spaces() {
        let s = split("--- \r\na: 1\r\n...\r\nbody\r\n").unwrap();
        assert_eq!(s.yaml, "a: 1\r\n");
        assert_eq!(s.body, "body\r\n");
    }

    #[test]
    fn a_thematic_break_in_the_body_stays_in_the_body() {
        let s = split("---\na: 1\n---\none\n\n---\n\ntwo\n").unwrap();
        assert_eq!(s.body, "one\n\n---\n\ntwo\n");
    }

    #[test]
    fn closing_line_at_end_of_file_without_newline() {
        let s = split("---\na: 1\n---").unwrap();
        assert_eq!((s.yaml, s.body), ("a: 1\n", ""));
    }

    #[test]
    fn reports_what_is_wrong() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split(" \n\n"), Err(SplitError::Empty));
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split("+++\na = 1\n+++\n"), Err(SplitError::Toml));
        assert_eq!(
            split("---\na: 1\n"),
            Err(SplitError::Unclosed { opened_line: 1 })
        );
    }

    #[test]
    fn strips_a_bom() {
        assert_eq!(strip_bom("\u{feff}---\n"), "---\n");
        assert_eq!(strip_bom("---\n"), "---\n");
    }

    proptest! {
        #[test]
        fn never_panics(text in ".*") {
            let _ = split(&text);
        }

        #[test]
        fn gives_back_the_body_unchanged(
            yaml in "([a-z]{1,8}: [a-z0-9 ]{0,12}\r?\n){0,6}",
            body in "(.|\n){0,200}",
            crlf in any::<bool>(),
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let text = format!("---{nl}{yaml}---{nl}{body}");
            let s = split(&text).unwrap();
            prop_assert_eq!(s.yaml, yaml.as_str());
            prop_assert_eq!(s.body, body.as_str());
            prop_assert_eq!(s.body_line, 3 + yaml.matches('\n').count());
        }

        #[test]
        fn yaml_and_body_are_slices_of_the_input(text in "(---\n)?(.|\n){0,300}") {
            if let Ok(s) = split(&text) {
                prop_assert!(text.ends_with(s.body));
                prop_assert!(text.contains(s.yaml));
            }
        }
    }
}
