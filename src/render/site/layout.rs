//! What every page of the site shares: the head (its stylesheet inline and
//! its content security policy), the bar of links to the site's parts, the
//! footer; a link as a template draws it; and the one rule for text from
//! the journal beyond the template's escaping.

use jiff::civil::Date;
use std::fmt;
use std::sync::LazyLock;

use super::links::Root;
use super::plan::Site;
use crate::error::Error;
use crate::render::escape::is_bidi_control;

/// The parts of the site the bar at the top of every page leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Home,
    Quarters,
    Entries,
    Ideas,
    Tags,
    People,
}

/// The frame of a page: its title, where it stands, the journal's name.
pub struct Chrome {
    pub journal: String,
    /// The page's own title, for the browser's tab.
    pub title: String,
    pub root: Root,
    pub part: Part,
    pub today: Date,
}

pub struct NavItem {
    pub text: &'static str,
    pub href: String,
    pub current: bool,
}

impl Chrome {
    /// The bar's links, the page's own part marked.
    pub fn nav(&self) -> Vec<NavItem> {
        let parts = [
            (Part::Home, "This quarter", "index.html"),
            (Part::Quarters, "Quarters", "index.html#quarters"),
            (Part::Entries, "Entries", "entries/index.html"),
            (Part::Ideas, "Ideas", "ideas/index.html"),
            (Part::Tags, "Tags", "tags/index.html"),
            (Part::People, "People", "people/index.html"),
        ];
        parts
            .into_iter()
            .map(|(part, text, path)| NavItem {
                text,
                href: format!("{}{path}", self.root),
                current: part == self.part,
            })
            .collect()
    }

    /// The stylesheet every page holds: the report's, and the site's own.
    pub fn css(&self) -> &'static str {
        &CSS
    }
}

/// Some text, and the page it names when it has one.
pub struct Link {
    pub text: String,
    pub href: Option<String>,
}

impl Link {
    pub fn new(text: impl Into<String>, href: Option<String>) -> Link {
        Link {
            text: text.into(),
            href,
        }
    }
}

/// A step to the page before or after this one: a quarter, an entry.
pub struct Step {
    pub text: String,
    pub href: String,
}

impl Site<'_> {
    /// The frame of a page titled `title`, at `root`, in `part` of the site.
    pub(super) fn chrome(&self, title: String, root: Root, part: Part) -> Chrome {
        Chrome {
            journal: self.input.name.clone(),
            title,
            root,
            part,
            today: self.input.today,
        }
    }
}

/// `1 entry`, `2 entries`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn cannot_draw(error: askama::Error) -> Error {
    Error::new(format!("cannot draw a page of the site: {error}"))
}

/// The report's stylesheet and the site's, without their comments and
/// indents: every page carries it, so its size counts many times over.
static CSS: LazyLock<String> = LazyLock::new(|| {
    let both = concat!(
        include_str!("../../../templates/report.css"),
        include_str!("../../../templates/site/site.css")
    );
    compact(both)
});

fn compact(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let lines: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// A page drawn with the marks that turn text around (a right-to-left
/// override, U+202E) and other invisible control characters shown as
/// escapes, `\u{202e}`, as on a terminal: escaping keeps a name from being
/// markup, and this keeps it from reading as other than it is. None of
/// them is ever part of the markup itself, so the whole page can be looked
/// over as it is drawn, piece by piece (a piece is never half a character).
pub struct Shown<'w> {
    out: &'w mut dyn fmt::Write,
}

impl<'w> Shown<'w> {
    pub fn new(out: &'w mut dyn fmt::Write) -> Shown<'w> {
        Shown { out }
    }
}

impl fmt::Write for Shown<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        if !piece.chars().any(hidden) {
            return self.out.write_str(piece);
        }
        for c in piece.chars() {
            match c {
                c if !hidden(c) => self.out.write_char(c)?,
                c if (c as u32) < 0x80 => write!(self.out, "\\x{:02x}", c as u32)?,
                c => write!(self.out, "\\u{{{:x}}}", c as u32)?,
            }
        }
        Ok(())
    }
}

fn hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_bidi_control(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[&str]) -> String {
        let mut page = String::new();
        let mut out = Shown::new(&mut page);
        for piece in pieces {
            fmt::Write::write_str(&mut out, piece).unwrap();
        }
        page
    }

    #[test]
    fn direction_marks_and_controls_are_shown() {
        assert_eq!(
            shown(&["<p>evil\u{202e}txt", ".exe\x1b</p>\n"]),
            "<p>evil\\u{202e}txt.exe\\x1b</p>\n"
        );
        assert_eq!(shown(&["a\tb\r\n"]), "a\tb\r\n");
    }

    #[test]
    fn the_stylesheet_loses_only_comments_and_indents() {
        assert_eq!(
            compact("/* a */\na {\n  color: red; /* b */\n}\n"),
            "a {\ncolor: red;\n}"
        );
        assert!(!CSS.contains("/*") && CSS.contains(".wide td::before"));
    }
}
