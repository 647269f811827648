//! A person's page (how they stand against their group's yearly target, as
//! `insight people` says, and every entry they went out on) and the list of
//! everyone.

use askama::Template;
use std::fmt;

use super::entries::EntryRow;
use super::layout::{Chrome, Link, Part};
use super::layout::{cannot_draw, plural};
use super::links::BELOW;
use super::plan::{Page, Site};
use crate::aggregate::people::PersonSummary;
use crate::error::Result;
use crate::render;

#[derive(Template)]
#[template(path = "site/person.html")]
struct PersonPage {
    chrome: Chrome,
    name: String,
    standing: Standing,
    count: String,
    rows: Vec<EntryRow>,
}

#[derive(Template)]
#[template(path = "site/people.html")]
struct IndexPage {
    chrome: Chrome,
    year: String,
    count: String,
    rows: Vec<PersonRow>,
}

/// A person's figures: this fiscal year's against the target, and all their own.
#[derive(Default)]
struct Standing {
    group: String,
    /// `1 of 2 entries`, when their group has a target.
    target: String,
    /// `met`, `on track`, `behind`, or empty.
    status: &'static str,
    year_entries: usize,
    year_hours: String,
    entries: usize,
    hours: String,
    customers: u64,
}

struct PersonRow {
    person: Link,
    standing: Standing,
}

/// Person `n`'s page.
pub fn person(site: &Site, n: usize, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let person = &site.people[n];
    PersonPage {
        chrome: site.chrome(person.name.clone(), root, Part::People),
        name: person.name.clone(),
        standing: standing(site.coverage.get(&person.key)),
        count: plural(person.entries.len(), "entry", "entries"),
        rows: site.entry_rows(root, &person.entries),
    }
    .render_into(out)
    .map_err(cannot_draw)
}

/// Everyone, with this fiscal year's figures.
pub fn index(site: &Site, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let rows: Vec<PersonRow> = (0..site.people.len())
        .map(|n| PersonRow {
            person: Link::new(
                site.people[n].name.clone(),
                Some(site.href(root, Page::Person(n))),
            ),
            standing: standing(site.coverage.get(&site.people[n].key)),
        })
        .collect();
    let year = site.calendar.fiscal_year_of(site.input.today);
    IndexPage {
        chrome: site.chrome("People".into(), root, Part::People),
        year: year.to_string(),
        count: plural(rows.len(), "person", "people"),
        rows,
    }
    .render_into(out)
    .map_err(cannot_draw)
}

fn standing(summary: Option<&PersonSummary>) -> Standing {
    let Some(p) = summary else {
        return Standing::default();
    };
    Standing {
        group: p.group.clone().unwrap_or_default(),
        target: render::progress(
            p.year_entries,
            p.year_hours,
            p.target_entries,
            p.target_hours,
        ),
        status: p.standing(),
        year_entries: p.year_entries,
        year_hours: render::number(p.year_hours),
        entries: p.entries,
        hours: render::number(p.hours),
        customers: p.customers,
    }
}
