//! The journal ready to be drawn as pages: what each page needs (the
//! quarters, years, ideas, tags and people, each page's file name), found
//! once before any page is drawn.

use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::names::{Names, Wanted, entry_slug, idea_key_text, idea_slug, tag_slug};
use crate::aggregate::history::History;
use crate::aggregate::people::person_key;
use crate::aggregate::people::{self as coverage_of, PersonSummary, YearToDate};
use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::entry::file_stem;
use crate::model::idea::IdeaKey;
use crate::model::period::{Calendar, Period};
use crate::model::slug::slug;
use crate::query::{self, Filter, Order};

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
    pub(super) input: Input<'a>,
    pub(super) calendar: Calendar,
    pub(super) history: History<'a>,
    /// From the quarter of the first entry to today's, oldest first.
    pub(super) quarters: Vec<Period>,
    /// The calendar years that have entries, with their entries' places.
    pub(super) years: BTreeMap<i16, Vec<usize>>,
    /// The ideas raised by today, in the order of their keys.
    pub(super) ideas: Vec<IdeaKey>,
    /// Every tag and every tag above one, lowercased, with the places of
    /// the entries that carry it or a tag below it.
    pub(super) tags: Vec<(String, Vec<usize>)>,
    /// Each tag, and every tag above one, with the places in `ideas` of the
    /// ideas tagged with it or a tag below it by today.
    pub(super) tagged_ideas: HashMap<String, Vec<usize>>,
    pub(super) people: Vec<Person>,
    /// Each person's coverage as of today, by their key.
    pub(super) coverage: HashMap<String, PersonSummary>,
    pub(super) names: SiteNames,
    /// Each entry's place by its path.
    pub(super) entry_at: HashMap<&'a str, usize>,
}

/// Someone who went out, or is listed in `insight.yaml`.
pub(super) struct Person {
    /// As `insight.yaml` spells them, else as their first entry does.
    pub(super) name: String,
    pub(super) key: String,
    /// The places of their entries.
    pub(super) entries: Vec<usize>,
}

/// The file stems of the pages of each folder.
#[derive(Default)]
pub(super) struct SiteNames {
    pub(super) entries: Names,
    pub(super) ideas: Names,
    pub(super) tags: Names,
    pub(super) people: Names,
}

impl Page {
    /// Whether the page grows with the journal: a report of a quarter, the
    /// entries of a year, of a tag or of a person, the list of every idea.
    /// An idea's page is not among them: there is one for nearly every entry
    /// in a large journal, and few are long.
    pub fn grows(&self) -> bool {
        matches!(
            self,
            Page::Home
                | Page::Quarter(_)
                | Page::Year(_)
                | Page::Ideas
                | Page::Tag(_)
                | Page::Person(_)
        )
    }
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
        site.coverage = site.coverage();
        site
    }

    /// The stems of every folder's pages, from slugs.
    fn file_names(&self) -> SiteNames {
        let entries = self
            .input
            .entries
            .iter()
            .map(|e| Wanted::new(e.path.as_str(), entry_slug(file_stem(&e.path), e.date)))
            .collect();
        let ideas = self
            .ideas
            .iter()
            .map(|key| Wanted::new(idea_key_text(key), idea_slug(key)))
            .collect();
        let tags = self
            .tags
            .iter()
            .map(|(tag, _)| Wanted::new(tag.as_str(), tag_slug(tag)))
            .collect();
        let people = self
            .people
            .iter()
            .map(|p| Wanted::new(p.key.as_str(), slug(&p.key)))
            .collect();
        // A year's page is `entries/2026.html`: no entry may take that name.
        let years: Vec<String> = self.years.keys().map(|y| y.to_string()).collect();
        let mut reserved: Vec<&str> = years.iter().map(String::as_str).collect();
        reserved.push("index");
        SiteNames {
            entries: Names::assign(entries, &reserved),
            ideas: Names::assign(ideas, &["index"]),
            tags: Names::assign(tags, &["index"]),
            people: Names::assign(people, &["index"]),
        }
    }

    /// Each person's coverage as of today, by their key: everyone's entries up
    /// to today, and this fiscal year's, against their group's target.
    fn coverage(&self) -> HashMap<String, PersonSummary> {
        let today = self.input.today;
        let entries = self.input.entries;
        let counted: Vec<_> = entries[..entries.partition_point(|e| e.date <= today)]
            .iter()
            .collect();
        let year_to_date = YearToDate::on(today, self.calendar);
        let in_year = Filter {
            period: Some(year_to_date.period.clone()),
            ..Filter::default()
        };
        let year = query::select(entries, &in_year, Order::default());
        coverage_of::people(&counted, &year, &year_to_date, self.input.config)
            .into_iter()
            .map(|p| (person_key(&p.person), p))
            .collect()
    }

    /// Every page: the lists first, then each page of its kind.
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

    pub(super) fn entry(&self, n: usize) -> &'a Entry {
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
