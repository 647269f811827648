//! `--text`: whether an entry's title or body holds the text looked for,
//! answered from the texts kept beside the index where it can.

use std::path::PathBuf;

use crate::model::entry::Entry;
use crate::parse::frontmatter;
use crate::read::cache;
use crate::read::files::{decode, read_bytes};

/// What `--text` looks for, and what it found in the texts kept beside the
/// index, if any.
pub struct Searcher<'a> {
    pub needle: memchr::memmem::Finder<'a>,
    pub found: Option<&'a cache::texts::StoredHits>,
}

/// An entry's text as `--text` sees it, and whether it holds the needle.
pub struct Searched {
    pub hit: bool,
    pub folded: Folded,
}

pub enum Folded {
    /// In the search texts kept beside the index, at this position.
    Stored(usize),
    /// Made now from the entry's title and body.
    Own(Box<str>),
}

impl Searcher<'_> {
    /// Looks in the entry the index gave at `position`: in the kept text if
    /// there is one, else in its file's body.
    pub fn indexed(
        &self,
        entry: &Entry,
        position: usize,
        file: impl FnOnce() -> PathBuf,
    ) -> Searched {
        if let Some(hit) = self.found.and_then(|found| found.get(position)) {
            return Searched {
                hit,
                folded: Folded::Stored(position),
            };
        }
        let body = read_bytes(&file())
            .and_then(decode)
            .map(|text| frontmatter::body(&text).to_string())
            .unwrap_or_default();
        self.made(&entry.title, &body)
    }

    /// Looks in a title and body: the same test as `Filter::matches`.
    pub fn made(&self, title: &str, body: &str) -> Searched {
        use crate::model::fold::fold;
        // No NUL is in an entry's text or in a needle from the command line,
        // so none is found across the two.
        let text = format!("{}\0{}", fold(title), fold(body)).into_boxed_str();
        Searched {
            hit: self.needle.find(text.as_bytes()).is_some(),
            folded: Folded::Own(text),
        }
    }
}
