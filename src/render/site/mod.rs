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
mod quarters;
mod tags;

use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::aggregate::history::History;
use crate::aggregate::people::person_key;
use crate::error::Result;
use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::idea::IdeaKey;
use crate::model::period::{Calendar, Period};
use names::Names;

/// What the site is built from. `entries` and `body` are what may be shown
/// of the journal: the command decides that.
pub struct Input<'a> {
    /// The journal's name, at the top of every page.
    pub name: String,
    pub config: &'a Config,
    /// Sorted by date, then path.
    pub entries: &'a [Entry],
    /// An entry's body (bodies stay on disk until a page needs one).
    pub body: &'a (dyn for<'e> Fn(&'e Entry) -> Cow<'e, str> + Sync),
    /// Reports and stories are as of this day; quarters after it have no page.
    pub today: Date,
}

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: this quarter's report, and every quarter.
    Home,
    /// A quarter's report, by its place among the quarters, oldest first.
    Quarter(usize),
    /// `entries/index.html`: the years and months that have entries.
    Entries,
    /// A calendar year's entries, by date.
    Year(i16),
    Entry(usize),
    Ideas,
    Idea(usize),
    Tags,
    Tag(usize),
    People,
    Person(usize),
}

/// The journal ready to be drawn as pages: what each page needs, found once.
pub struct Site<'a> {
    input: Input<'a>,
    calendar: Calendar,
    history: History<'a>,
    /// From the quarter of the first entry to today's, oldest first.
    quarters: Vec<Period>,
    /// The calendar years that have entries, with their entries' places.
    years: BTreeMap<i16, Vec<usize>>,
    /// The ideas raised by today, in the order of their keys.
    ideas: Vec<IdeaKey>,
    /// Every tag and every tag above one, lowercased, with the places of
    /// the entries that carry it or a tag below it.
    tags: Vec<(String, Vec<usize>)>,
    /// Each tag, and every tag above one, with the places in `ideas` of the
    /// ideas tagged with it or a tag below it by today.
    tagged_ideas: HashMap<String, Vec<usize>>,
    people: Vec<Person>,
    /// Each person's coverage as of today, by their key.
    coverage: HashMap<String, crate::aggregate::people::PersonSummary>,
    names: SiteNames,
    /// Each entry's place by its path.
    entry_at: HashMap<&'a str, usize>,
}

/// Someone who went out, or is listed in `insight.yaml`.
struct Person {
    /// As `insight.yaml` spells them, else as their first entry does.
    name: String,
    key: String,
    /// The places of their entries.
    entries: Vec<usize>,
}

/// The file stems of the pages of each folder.
#[derive(Default)]
struct SiteNames {
    entries: Names,
    ideas: Names,
    tags: Names,
    people: Names,
}

impl<'a> Site<'a> {
    pub fn new(input: Input<'a>) -> Site<'a> {
        let calendar = Calendar::new(input.config.fiscal_year_start);
        let history = History::new(input.entries, input.config.default_status());
        let today = input.today;
        let ideas: Vec<IdeaKey> = history
            .stories()
            .filter(|story| story.raised() <= today)
            .map(|story| story.key.clone())
            .collect();
        let tagged_ideas = tagged_ideas(&history, &ideas, today);
        let mut site = Site {
            tagged_ideas,
            quarters: quarters(input.entries, today, calendar),
            years: years(input.entries),
            tags: tags(input.entries),
            people: people(input.entries, input.config),
            entry_at: input
                .entries
                .iter()
                .enumerate()
                .map(|(n, e)| (e.path.as_str(), n))
                .collect(),
            ideas,
            names: SiteNames::default(),
            coverage: HashMap::new(),
            calendar,
            history,
            input,
        };
        site.names = site.file_names();
        site.coverage = people::coverage(&site);
        site
    }

    /// Every page, in an order that puts the large ones first, so that
    /// building them in parallel ends evenly.
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = vec![
            Page::Ideas,
            Page::Tags,
            Page::People,
            Page::Entries,
            Page::Home,
        ];
        pages.extend(self.years.keys().map(|&year| Page::Year(year)));
        pages.extend((0..self.quarters.len()).map(Page::Quarter));
        pages.extend((0..self.tags.len()).map(Page::Tag));
        pages.extend((0..self.people.len()).map(Page::Person));
        pages.extend((0..self.ideas.len()).map(Page::Idea));
        pages.extend((0..self.input.entries.len()).map(Page::Entry));
        pages
    }

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

    fn entry(&self, n: usize) -> &'a Entry {
        &self.input.entries[n]
    }
}

/// The fiscal quarters from the first entry's to today's: a quarter that
/// has not begun has no report yet.
fn quarters(entries: &[Entry], today: Date, calendar: Calendar) -> Vec<Period> {
    let first = entries.first().map_or(today, |e| e.date.min(today));
    calendar.quarters_in(&Period::days(first, today))
}

fn tagged_ideas(history: &History, ideas: &[IdeaKey], today: Date) -> HashMap<String, Vec<usize>> {
    let mut tagged: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, key) in ideas.iter().enumerate() {
        let Some(story) = history.story(key) else {
            continue;
        };
        for tag in story
            .tags_until(today)
            .iter()
            .flat_map(|t| crate::model::tags::with_parents(t))
        {
            let places = tagged.entry(tag).or_default();
            if places.last() != Some(&n) {
                places.push(n);
            }
        }
    }
    tagged
}

fn years(entries: &[Entry]) -> BTreeMap<i16, Vec<usize>> {
    let mut years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
    for (n, entry) in entries.iter().enumerate() {
        years.entry(entry.date.year()).or_default().push(n);
    }
    years
}

fn tags(entries: &[Entry]) -> Vec<(String, Vec<usize>)> {
    let mut tags: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, entry) in entries.iter().enumerate() {
        for tag in entry
            .tags
            .iter()
            .flat_map(|t| crate::model::tags::with_parents(t))
        {
            let places = tags.entry(tag).or_default();
            // `Mobile` and `mobile/app` in one entry list it once under `mobile`.
            if places.last() != Some(&n) {
                places.push(n);
            }
        }
    }
    tags.into_iter().collect()
}

/// Everyone in `insight.yaml`, then everyone else who went out, each once
/// whatever the case or spacing of their name, in the order of their keys.
fn people(entries: &[Entry], config: &Config) -> Vec<Person> {
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let names = config.people.iter().map(|p| (p.name.as_str(), None)).chain(
        entries
            .iter()
            .enumerate()
            .flat_map(|(n, e)| e.people.iter().map(move |name| (name.as_str(), Some(n)))),
    );
    for (name, entry) in names {
        let key = person_key(name);
        if key.is_empty() {
            continue;
        }
        let person = people.entry(key.clone()).or_insert_with(|| Person {
            name: name.trim().to_string(),
            key,
            entries: Vec::new(),
        });
        if let Some(n) = entry
            && person.entries.last() != Some(&n)
        {
            person.entries.push(n);
        }
    }
    people.into_values().collect()
}
