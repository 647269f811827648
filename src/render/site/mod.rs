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
    /// The page's HTML.
    pub fn render(&self, page: Page) -> Result<String> {
        let html = match page {
            Page::Home => quarters::home(self)?,
            Page::Quarter(n) => quarters::quarter(self, n)?,
            Page::Entries => entries::index(self)?,
            Page::Year(year) => entries::year(self, year)?,
            Page::Entry(n) => entries::entry(self, n)?,
            Page::Ideas => ideas::index(self)?,
            Page::Idea(n) => ideas::idea(self, n)?,
            Page::Tags => tags::index(self)?,
            Page::Tag(n) => tags::tag(self, n)?,
            Page::People => people::index(self)?,
            Page::Person(n) => people::person(self, n)?,
        };
        Ok(layout::shown(html))
    }
}
