//! The ideas of a period: each idea's summary (status and owner at the
//! period's end, mentions, reach), the ideas that moved, and the pipeline.

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

use crate::aggregate::history::{History, Step, Story};
use crate::model::entry::Entry;
use crate::model::idea::IdeaKey;
use crate::model::text::{ByCopy, Text};

/// One idea as the chosen entries tell it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaSummary {
    /// What makes it one idea; not part of the JSON.
    #[serde(skip)]
    pub key: IdeaKey,
    pub id: Option<Text>,
    /// The title it was first given.
    pub title: Text,
    /// Its status on the day the summary is for.
    pub status: String,
    /// Its owner on that day.
    pub owner: Option<Text>,
    /// Mentions in the chosen entries.
    pub mentions: usize,
    /// Distinct sites of the chosen entries that mention it.
    pub sites: usize,
    /// Customers spoken to in the chosen entries that mention it.
    pub customers: u64,
    pub first_date: Date,
    pub last_date: Date,
    /// Paths of the chosen entries that mention it, oldest first.
    pub entries: Vec<String>,
}

/// What [`summarize`] finds beyond the counts of mentions and customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    /// Each idea's entries and how many sites: `ideas` and the export show
    /// them.
    EntriesAndSites,
    /// Neither: the report shows neither, and they were most of the cost
    /// of summing up the ideas of a large journal.
    CountsOnly,
}

/// Summaries of the ideas mentioned in `entries` (sorted by date), with their
/// status and owner on `day`, by reach: most customers first, then most
/// mentions, then oldest. With [`Details::CountsOnly`], `entries` are
/// empty and `sites` is 0.
pub fn summarize(
    entries: &[&Entry],
    history: &History,
    day: Date,
    details: Details,
) -> Vec<IdeaSummary> {
    let full = details == Details::EntriesAndSites;
    struct Acc<'e> {
        summary: IdeaSummary,
        sites: ByCopy<Text, ()>,
        /// The last entry counted: an entry's mentions come one after another.
        counted: Option<&'e Entry>,
    }
    let mut numbering = history.numbering();
    let mut accs: Vec<Acc> = Vec::new();
    for &entry in entries {
        for idea in &entry.ideas {
            let number = numbering.number(idea);
            if number == accs.len() {
                let key = numbering.key(number).clone();
                let story = history.story(&key);
                accs.push(Acc {
                    summary: IdeaSummary {
                        key,
                        id: idea.id.clone().or_else(|| story?.id().cloned()),
                        title: story.map_or_else(|| Text::new(idea.label()), |s| s.title.clone()),
                        status: story
                            .and_then(|s| s.status_on(day))
                            .unwrap_or_default()
                            .to_string(),
                        owner: story.and_then(|s| s.owner_on(day)).cloned(),
                        mentions: 0,
                        sites: 0,
                        customers: 0,
                        first_date: entry.date,
                        last_date: entry.date,
                        entries: Vec::new(),
                    },
                    sites: ByCopy::default(),
                    counted: None,
                });
            }
            let acc = &mut accs[number];
            acc.summary.mentions += 1;
            acc.summary.last_date = entry.date;
            // An entry that lists an idea twice still counts its customers once.
            if !acc
                .counted
                .is_some_and(|counted| std::ptr::eq(counted, entry))
            {
                acc.counted = Some(entry);
                acc.summary.customers += entry.customers.unwrap_or(0);
                if full {
                    acc.summary.entries.push(entry.path.clone());
                }
            }
            if full {
                acc.sites.insert(&entry.site);
            }
        }
    }
    let mut list: Vec<IdeaSummary> = accs
        .into_iter()
        .map(|mut acc| {
            acc.summary.sites = distinct_sites(&acc.sites);
            acc.summary
        })
        .collect();
    list.sort_by(by_reach);
    list
}

/// What [`summarize`] gives for every entry dated from `first` to `last`,
/// from the `stories` of the ideas they mention: each idea's mentions in
/// those days are one run of its story, so no mention is numbered (the
/// report of a year of 84,000 ideas spent most of its own time numbering
/// them).
pub fn summarize_days(
    stories: &[&Story],
    (first, last): (Date, Date),
    day: Date,
    details: Details,
) -> Vec<IdeaSummary> {
    let full = details == Details::EntriesAndSites;
    let summary = |story: &&Story| {
        let from = story.mentions.partition_point(|m| m.entry.date < first);
        let to = story.mentions.partition_point(|m| m.entry.date <= last);
        let run = story.mentions.get(from..to).filter(|run| !run.is_empty())?;
        // An entry that lists an idea twice counts its customers once; its
        // mentions are next to each other.
        let mut customers = 0;
        let mut counted: Option<&Entry> = None;
        let mut entries = Vec::new();
        let mut sites = ByCopy::<Text, ()>::default();
        for mention in run {
            if !counted.is_some_and(|entry| std::ptr::eq(entry, mention.entry)) {
                counted = Some(mention.entry);
                customers += mention.entry.customers.unwrap_or(0);
                if full {
                    entries.push(mention.entry.path.clone());
                    sites.insert(&mention.entry.site);
                }
            }
        }
        Some(IdeaSummary {
            key: story.key.clone(),
            id: story.id().cloned(),
            title: story.title.clone(),
            status: story.status_on(day).unwrap_or_default().to_string(),
            owner: story.owner_on(day).cloned(),
            mentions: run.len(),
            sites: distinct_sites(&sites),
            customers,
            first_date: run[0].entry.date,
            last_date: run[run.len() - 1].entry.date,
            entries,
        })
    };
    let mut list: Vec<IdeaSummary> = stories.par_iter().filter_map(summary).collect();
    list.par_sort_unstable_by(by_reach);
    list
}

/// How many sites, in any case, among copies of their names.
fn distinct_sites(sites: &ByCopy<Text, ()>) -> usize {
    let names: BTreeSet<String> = sites.iter().map(|(s, _)| s.to_lowercase()).collect();
    names.len()
}

/// Most customers first, then most mentions, then oldest; keys are unique.
fn by_reach(a: &IdeaSummary, b: &IdeaSummary) -> std::cmp::Ordering {
    (b.customers, b.mentions)
        .cmp(&(a.customers, a.mentions))
        .then(a.first_date.cmp(&b.first_date))
        .then(a.title.cmp(&b.title))
        .then_with(|| a.key.cmp(&b.key))
}

/// An idea whose status changed within a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    pub id: Option<Text>,
    pub title: Text,
    /// Its status the day before the period; `None` when not yet raised.
    pub from: Option<String>,
    /// Its status at the period's end.
    pub to: String,
    pub steps: Vec<Step>,
}

/// How many ideas stand at a status at a period's end, and how many of them
/// got there during the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineRow {
    pub status: String,
    pub ideas: usize,
    pub reached: usize,
}

/// The ideas among `stories` whose status changed from `start` to `end`:
/// those raised before first, then those raised during the period; each in
/// pipeline order of where they ended up, then by their first step.
pub fn movements(stories: &[&Story], start: Date, end: Date, statuses: &[String]) -> Vec<Movement> {
    // Stories on several threads: each step reads an entry, and the
    // entries of a period are all over memory (6 ms for 25,000 steps at
    // 100,000 entries on one thread).
    let mut moved: Vec<Movement> = stories
        .par_iter()
        .filter_map(|story| {
            let steps = story.steps(start, end);
            let to = story.status_on(end)?;
            (!steps.is_empty()).then(|| Movement {
                id: story.id().cloned(),
                title: story.title.clone(),
                from: day_before(start)
                    .and_then(|d| story.status_on(d))
                    .map(String::from),
                to: to.to_string(),
                steps,
            })
        })
        .collect();
    let order = |m: &Movement| {
        (
            m.from.is_none(),
            rank(statuses, &m.to),
            m.steps[0].date,
            m.title.clone(),
        )
    };
    moved.sort_by_cached_key(order);
    moved
}

/// Where the ideas of `stories` stand at `end`, one row per configured
/// status, and how many of them reached that status from `start` on.
pub fn pipeline(
    stories: &[&Story],
    start: Date,
    end: Date,
    statuses: &[String],
) -> Vec<PipelineRow> {
    let mut rows: Vec<PipelineRow> = statuses
        .iter()
        .map(|status| PipelineRow {
            status: status.clone(),
            ideas: 0,
            reached: 0,
        })
        .collect();
    let before = day_before(start);
    for story in stories {
        let Some(now) = story.status_on(end) else {
            continue;
        };
        let Some(row) = rows.iter_mut().find(|r| r.status == now) else {
            continue;
        };
        row.ideas += 1;
        if before.and_then(|d| story.status_on(d)) != Some(now) {
            row.reached += 1;
        }
    }
    rows
}

/// The day before `start`; `None` for an open start.
fn day_before(start: Date) -> Option<Date> {
    if start == Date::MIN {
        None
    } else {
        start.yesterday().ok()
    }
}

/// A status's place in the journal's pipeline; unknown ones last.
pub fn rank(statuses: &[String], status: &str) -> usize {
    statuses
        .iter()
        .position(|s| s == status)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::history::tests::{journal, statuses};
    use jiff::civil::date;

    #[test]
    fn merges_by_id_and_by_normalized_title_under_the_first_title() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let all: Vec<&Entry> = entries[..3].iter().collect();
        let ideas = summarize(&all, &history, date(2026, 3, 31), Details::EntriesAndSites);
        assert_eq!(ideas.len(), 2);
        let aisle = &ideas[0];
        assert_eq!(aisle.id.as_deref(), Some("aisle"));
        assert_eq!(aisle.title, "Aisle finder");
        assert_eq!(aisle.status, "building");
        assert_eq!((aisle.mentions, aisle.sites, aisle.customers), (3, 2, 16));
        assert_eq!(
            (aisle.first_date, aisle.last_date),
            (date(2026, 1, 1), date(2026, 3, 1))
        );
        let split = &ideas[1];
        assert_eq!(
            (
                split.id.as_deref(),
                split.title.as_str(),
                split.status.as_str()
            ),
            (None, "Split billing", "planned")
        );
        assert_eq!((split.mentions, split.customers), (2, 15));
        assert_eq!(split.entries, ["a.md", "b.md"]);
    }

    #[test]
    fn counts_only_are_the_same_counts_without_entries_or_sites() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let all: Vec<&Entry> = entries.iter().collect();
        let day = date(2026, 3, 31);
        let full = summarize(&all, &history, day, Details::EntriesAndSites);
        let counts = summarize(&all, &history, day, Details::CountsOnly);
        let without_details = |mut summary: IdeaSummary| {
            summary.entries.clear();
            summary.sites = 0;
            summary
        };
        assert!(full.iter().any(|s| s.sites > 0 && !s.entries.is_empty()));
        assert_eq!(
            full.into_iter().map(without_details).collect::<Vec<_>>(),
            counts
        );
    }

    #[test]
    fn the_ideas_of_whole_days_are_summed_from_their_stories_as_from_the_entries() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let stories: Vec<&Story> = history.stories().collect();
        for (first, last) in [
            (date(2026, 1, 1), date(2026, 12, 31)),
            (date(2026, 2, 1), date(2026, 3, 1)),
            (date(2026, 3, 2), date(2026, 3, 31)),
            (date(2027, 1, 1), date(2027, 1, 31)),
        ] {
            let within: Vec<&Entry> = entries
                .iter()
                .filter(|e| (first..=last).contains(&e.date))
                .collect();
            let day = date(2026, 4, 30);
            for details in [Details::CountsOnly, Details::EntriesAndSites] {
                assert_eq!(
                    summarize_days(&stories, (first, last), day, details),
                    summarize(&within, &history, day, details),
                    "{first} to {last}, {details:?}"
                );
            }
        }
    }

    #[test]
    fn movements_and_pipeline_of_a_period() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let stories: Vec<&Story> = history.stories().collect();
        let (start, end) = (date(2026, 2, 1), date(2026, 3, 31));
        let moved = movements(&stories, start, end, &statuses());
        let summary: Vec<(&str, Option<&str>, &str, usize)> = moved
            .iter()
            .map(|m| {
                (
                    m.title.as_str(),
                    m.from.as_deref(),
                    m.to.as_str(),
                    m.steps.len(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("Split billing", Some("new"), "planned", 1),
                ("Aisle finder", Some("new"), "building", 1)
            ]
        );
        let rows = pipeline(&stories, start, end, &statuses());
        let rows: Vec<(&str, usize, usize)> = rows
            .iter()
            .map(|r| (r.status.as_str(), r.ideas, r.reached))
            .collect();
        assert_eq!(
            rows,
            [
                ("new", 0, 0),
                ("exploring", 0, 0),
                ("planned", 1, 1),
                ("building", 1, 1),
                ("shipped", 0, 0),
                ("dropped", 0, 0)
            ]
        );
    }
}
