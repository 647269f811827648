//! The journal as a static website (`insight site`): a home page (this
//! quarter's report, and every quarter), a page per quarter (its report),
//! per idea (its story), per tag, per person and per entry, and the entries
//! by date. Pure: each page is built from the entries and returned as
//! HTML; the command writes them.
//!
//! Every page stands alone as the report page does: its stylesheet inline,
//! no script, font or image, and a content security policy that forbids any
//! fetch. Links are relative, so that the site works from disk and from any
//! folder of a web server; file names come from slugs ([`names`]); the same
//! journal and day give the same bytes.
//!
//! The pages are the other commands' aggregates drawn again: the quarter
//! pages are `insight report`'s page, an idea's page is `insight ideas
//! ID`'s story, a person's coverage is `insight people`'s.

mod body;
mod entries;
mod ideas;
mod layout;
mod links;
mod names;
mod people;
mod plan;
mod quarters;
mod tags;

use crate::error::Result;

pub use plan::{Input, Page, Site};

impl Site<'_> {
    /// Draws the page into `out`, piece by piece: a page of a large journal
    /// (the list of 100,000 ideas) is never held whole.
    pub fn render_into(&self, page: Page, out: &mut dyn std::fmt::Write) -> Result<()> {
        let out = &mut layout::Shown::new(out);
        match page {
            Page::Home => quarters::home(self, out),
            Page::Quarter(n) => quarters::quarter(self, n, out),
            Page::Entries => entries::index(self, out),
            Page::Year(year) => entries::year(self, year, out),
            Page::Entry(n) => entries::entry(self, n, out),
            Page::Ideas => ideas::index(self, out),
            Page::Idea(n) => ideas::idea(self, n, out),
            Page::Tags => tags::index(self, out),
            Page::Tag(n) => tags::tag(self, n, out),
            Page::People => people::index(self, out),
            Page::Person(n) => people::person(self, n, out),
        }
    }
}
