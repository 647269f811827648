//! Where each page is, and the relative links between pages: every page is
//! at the site's top (`index.html`) or one folder down (`ideas/…`), so a
//! link is the way up to the top, then the page's own path.

use jiff::civil::Date;

use super::names::Names;
use super::plan::{Page, Site};
use crate::model::idea::{IdeaKey, normalize};
use crate::render::html;

/// The way from a page to the site's top: `` at the top, `../` below it.
pub type Root = &'static str;

pub const TOP: Root = "";
pub const BELOW: Root = "../";

impl<'a> Site<'a> {
    /// The page's file, relative to the site's folder.
    pub fn path(&self, page: Page) -> String {
        let named = |folder: &str, names: &Names, n: usize| {
            let stem = names.get(n).unwrap_or("index");
            format!("{folder}/{stem}.html")
        };
        match page {
            Page::Home => "index.html".into(),
            Page::Quarter(n) => format!("quarters/{}.html", self.quarter_stem(n)),
            Page::Entries => "entries/index.html".into(),
            Page::Year(year) => format!("entries/{year}.html"),
            Page::Entry(n) => named("entries", &self.names.entries, n),
            Page::Ideas => "ideas/index.html".into(),
            Page::Idea(n) => named("ideas", &self.names.ideas, n),
            Page::Tags => "tags/index.html".into(),
            Page::Tag(n) => named("tags", &self.names.tags, n),
            Page::People => "people/index.html".into(),
            Page::Person(n) => named("people", &self.names.people, n),
        }
    }

    /// A link from a page at `root` to `page`.
    pub(super) fn href(&self, root: Root, page: Page) -> String {
        format!("{root}{}", self.path(page))
    }

    /// `2026-q3`: a quarter by its fiscal year and number, never by its
    /// label, which is for reading and may change.
    fn quarter_stem(&self, n: usize) -> String {
        let (year, quarter) = self.calendar.quarter_of(self.quarters[n].start);
        format!("{year}-q{quarter}")
    }

    pub(super) fn entry_href(&self, root: Root, path: &str) -> Option<String> {
        let n = *self.entry_at.get(path)?;
        Some(self.href(root, Page::Entry(n)))
    }

    pub(super) fn idea_href(&self, root: Root, key: &IdeaKey) -> Option<String> {
        let n = self.ideas.binary_search(key).ok()?;
        Some(self.href(root, Page::Idea(n)))
    }

    /// The page of `tag`, in any case.
    pub(super) fn tag_href(&self, root: Root, tag: &str) -> Option<String> {
        let tag = crate::model::tags::normalize(tag);
        let n = self
            .tags
            .binary_search_by(|(t, _)| t.as_str().cmp(&tag))
            .ok()?;
        Some(self.href(root, Page::Tag(n)))
    }

    /// The page of the person named `name`, in any case or spacing.
    pub(super) fn person_href(&self, root: Root, name: &str) -> Option<String> {
        let key = crate::aggregate::people::person_key(name);
        let n = self.people.binary_search_by(|p| p.key.cmp(&key)).ok()?;
        Some(self.href(root, Page::Person(n)))
    }

    /// The page of the quarter `day` falls in, if it has one.
    pub(super) fn quarter_href(&self, root: Root, day: Date) -> Option<String> {
        let n = self.quarters.iter().position(|q| q.contains(day))?;
        Some(self.href(root, Page::Quarter(n)))
    }

    /// The links of a report on a page at `root`.
    pub(super) fn report_links(&self, root: Root) -> ReportLinks<'_, 'a> {
        ReportLinks { site: self, root }
    }
}

/// The names on a report page, each a link to its own page.
pub struct ReportLinks<'s, 'a> {
    site: &'s Site<'a>,
    root: Root,
}

impl html::Links for ReportLinks<'_, '_> {
    fn cell(&self, column: &str, row: &[(&str, &str)]) -> Option<String> {
        let text = row.iter().find(|(key, _)| *key == column)?.1;
        let (site, root) = (self.site, self.root);
        match column {
            "tag" => site.tag_href(root, text),
            "person" => site.person_href(root, text),
            "title" => {
                let id = row.iter().find(|(key, _)| *key == "id").map(|(_, id)| *id);
                let key = match id {
                    Some(id) if !id.is_empty() => IdeaKey::Id(id.into()),
                    _ => IdeaKey::Title(normalize(text).as_str().into()),
                };
                site.idea_href(root, &key)
            }
            _ => None,
        }
    }

    fn entry(&self, path: &str) -> Option<String> {
        self.site.entry_href(self.root, path)
    }
}
