//! An entry's page (its fields, its notes, the ideas it raised), the
//! entries of a calendar year by date, and the index of years and months;
//! and the row of an entry in any table of entries.

use askama::Template;
use jiff::civil::Date;
use std::fmt;

use super::body;
use super::layout::{Chrome, Link, Part, Step};
use super::layout::{cannot_draw, plural};
use super::links::{BELOW, Root};
use super::plan::{Page, Site};
use crate::error::Result;
use crate::render;

/// An entry as a row of a table of entries.
pub struct EntryRow {
    pub title: Link,
    pub date: Date,
    pub site: String,
    pub kind: String,
    pub people: Vec<Link>,
    /// Unknown when the entry does not say.
    pub customers: Option<u64>,
}

#[derive(Template)]
#[template(path = "site/entry.html")]
struct EntryPage<'a> {
    chrome: Chrome,
    title: &'a str,
    date: Date,
    /// The entry's place among its year's entries.
    day_href: String,
    quarter: Option<Link>,
    kind: &'a str,
    site: &'a str,
    role: Option<&'a str>,
    people: Vec<Link>,
    customers: Option<u64>,
    hours: Option<String>,
    tags: Vec<Link>,
    ideas: Vec<IdeaLine>,
    /// The notes, as clean HTML.
    body: String,
    path: &'a str,
    older: Option<Step>,
    newer: Option<Step>,
}

/// An idea as an entry raises it: the status the entry gives it, if any.
struct IdeaLine {
    link: Link,
    status: Option<String>,
}

#[derive(Template)]
#[template(path = "site/year.html")]
struct YearPage {
    chrome: Chrome,
    year: i16,
    count: String,
    /// Newest first.
    months: Vec<Month>,
}

struct Month {
    /// `2026-11`, the anchor an entry's date links to.
    id: String,
    title: String,
    rows: Vec<EntryRow>,
}

#[derive(Template)]
#[template(path = "site/entries.html")]
struct IndexPage {
    chrome: Chrome,
    count: String,
    /// Newest first.
    years: Vec<YearLine>,
}

struct YearLine {
    link: Link,
    count: String,
    months: Vec<Link>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Entry `n`'s page.
pub fn entry(site: &Site, n: usize, out: &mut dyn fmt::Write) -> Result<()> {
    let entry = site.entry(n);
    let root = BELOW;
    let step = |n: usize| Step {
        text: site.entry(n).title.to_string(),
        href: site.href(root, Page::Entry(n)),
    };
    let body = (site.input.body)(entry);
    EntryPage {
        chrome: site.chrome(entry.title.to_string(), root, Part::Entries),
        title: &entry.title,
        date: entry.date,
        day_href: format!(
            "{}#{}",
            site.href(root, Page::Year(entry.date.year())),
            month_id(entry.date)
        ),
        quarter: site
            .quarter_href(root, entry.date)
            .map(|href| Link::new(site.quarter_label(entry.date), Some(href))),
        kind: &entry.kind,
        site: &entry.site,
        role: entry.role.as_deref(),
        people: site.people_links(root, entry.people.iter().map(|p| p.as_str())),
        customers: entry.customers,
        hours: entry.hours.map(render::number),
        tags: entry
            .tags
            .iter()
            .map(|tag| Link::new(tag.as_str(), site.tag_href(root, tag)))
            .collect(),
        ideas: idea_lines(site, n, root),
        body: body::html(&body, &entry.title),
        path: &entry.path,
        older: n.checked_sub(1).map(step),
        newer: (n + 1 < site.input.entries.len()).then(|| step(n + 1)),
    }
    .render_into(out)
    .map_err(cannot_draw)
}

fn idea_lines(site: &Site, n: usize, root: Root) -> Vec<IdeaLine> {
    let entry = site.entry(n);
    (0..entry.ideas.len())
        .filter_map(|position| {
            let (story, _) = site.history.mention(entry, position)?;
            let idea = &entry.ideas[position];
            Some(IdeaLine {
                link: Link::new(story.title.as_str(), site.idea_href(root, &story.key)),
                status: idea.status.as_ref().map(|s| s.to_string()),
            })
        })
        .collect()
}

/// The entries of `year`, newest first, month by month.
pub fn year(site: &Site, year: i16, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let places = site.years.get(&year).map_or(&[][..], Vec::as_slice);
    let mut months: Vec<Month> = Vec::new();
    for &n in places.iter().rev() {
        let date = site.entry(n).date;
        if months.last().is_none_or(|m| m.id != month_id(date)) {
            months.push(Month {
                id: month_id(date),
                title: format!("{} {year}", MONTHS[date.month() as usize - 1]),
                rows: Vec::new(),
            });
        }
        if let Some(month) = months.last_mut() {
            month.rows.push(site.entry_row(root, n));
        }
    }
    YearPage {
        chrome: site.chrome(format!("Entries of {year}"), root, Part::Entries),
        year,
        count: plural(places.len(), "entry", "entries"),
        months,
    }
    .render_into(out)
    .map_err(cannot_draw)
}

/// The years and months that have entries, newest first.
pub fn index(site: &Site, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let years = site
        .years
        .iter()
        .rev()
        .map(|(&year, places)| {
            let href = site.href(root, Page::Year(year));
            let mut months: Vec<Link> = Vec::new();
            for &n in places.iter().rev() {
                let date = site.entry(n).date;
                let name = MONTHS[date.month() as usize - 1];
                if months.last().is_none_or(|m| m.text != name) {
                    months.push(Link::new(name, Some(format!("{href}#{}", month_id(date)))));
                }
            }
            YearLine {
                link: Link::new(year.to_string(), Some(href.clone())),
                count: plural(places.len(), "entry", "entries"),
                months,
            }
        })
        .collect();
    IndexPage {
        chrome: site.chrome("Entries".into(), root, Part::Entries),
        count: plural(site.input.entries.len(), "entry", "entries"),
        years,
    }
    .render_into(out)
    .map_err(cannot_draw)
}

/// `2026-11`.
fn month_id(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

impl Site<'_> {
    /// Entry `n` as a row of a table on a page at `root`.
    pub(super) fn entry_row(&self, root: Root, n: usize) -> EntryRow {
        let entry = self.entry(n);
        EntryRow {
            title: Link::new(
                entry.title.to_string(),
                Some(self.href(root, Page::Entry(n))),
            ),
            date: entry.date,
            site: entry.site.to_string(),
            kind: entry.kind.to_string(),
            people: self.people_links(root, entry.people.iter().map(|p| p.as_str())),
            customers: entry.customers,
        }
    }

    /// The entries at `places` as rows, newest first.
    pub(super) fn entry_rows(&self, root: Root, places: &[usize]) -> Vec<EntryRow> {
        places
            .iter()
            .rev()
            .map(|&n| self.entry_row(root, n))
            .collect()
    }

    pub(super) fn people_links<'p>(
        &self,
        root: Root,
        names: impl Iterator<Item = &'p str>,
    ) -> Vec<Link> {
        names
            .map(|name| Link::new(name.trim(), self.person_href(root, name)))
            .collect()
    }

    /// The label of the quarter `day` falls in: `2026Q3`.
    fn quarter_label(&self, day: Date) -> String {
        self.quarters
            .iter()
            .find(|q| q.contains(day))
            .map_or_else(String::new, |q| q.label.clone())
    }
}
