//! The idea pipeline: every idea, the story of its mentions across entries,
//! and where it stood on any day.
//!
//! Time is data here: an idea's status on day D comes only from mentions dated
//! on or before D, so a report of a past period never changes when later
//! entries move the idea on.

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, btree_map};
use std::sync::{Mutex, OnceLock};

use crate::model::entry::{Entry, Idea};
use crate::model::text::{ByCopy, Text};
use crate::query::Filter;

/// Ideas are the same idea when they share an `id`; ideas without one are the
/// same when their titles match once case, spacing and punctuation are ignored,
/// and a title-only mention of an idea that has an id elsewhere joins it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdeaKey {
    Id(Text),
    /// Its title in lowercase words.
    Title(Text),
}

/// Assigns each mention its key. Built from every entry of the journal, so an
/// id seen anywhere claims its title everywhere.
pub struct IdeaKeys {
    id_by_title: HashMap<String, Text>,
    /// The key of each title already seen: a journal repeats the same few
    /// titles thousands of times, and normalizing one costs allocations.
    by_title: Mutex<ByCopy<Text, IdeaKey>>,
}

impl IdeaKeys {
    pub fn new(entries: &[Entry]) -> IdeaKeys {
        let mut id_by_title = HashMap::new();
        // Only a title's first copy can claim an id: later ones find theirs taken.
        let mut seen: ByCopy<Text, ()> = ByCopy::default();
        for idea in entries.iter().flat_map(|e| &e.ideas) {
            if let (Some(id), Some(title)) = (&idea.id, &idea.title)
                && seen.insert(title)
            {
                id_by_title
                    .entry(normalize(title))
                    .or_insert_with(|| id.clone());
            }
        }
        IdeaKeys {
            id_by_title,
            by_title: Default::default(),
        }
    }

    pub fn key(&self, idea: &Idea) -> IdeaKey {
        if let Some(id) = &idea.id {
            return IdeaKey::Id(id.clone());
        }
        let title = idea.title.clone().unwrap_or_default();
        // Never poisoned: nothing panics while holding it.
        let mut by_title = self.by_title.lock().unwrap_or_else(|e| e.into_inner());
        let key = by_title.get_or_insert_with(&title, |title| {
            let normalized = normalize(title);
            match self.id_by_title.get(&normalized) {
                Some(id) => IdeaKey::Id(id.clone()),
                None => IdeaKey::Title(Text::new(&normalized)),
            }
        });
        key.clone()
    }
}

/// Numbers the distinct ideas of the mentions it is shown, 0, 1, 2… in the
/// order first seen. A key is worked out once per copy of an id or title,
/// not once per mention: the loops over every mention of a journal count by
/// number, not by key.
pub struct Numbering<'k> {
    keys: &'k IdeaKeys,
    by_id: ByCopy<Text, usize>,
    by_title: ByCopy<Text, usize>,
    numbers: HashMap<IdeaKey, usize>,
    /// The key of each number.
    order: Vec<IdeaKey>,
}

impl<'k> Numbering<'k> {
    pub fn new(keys: &'k IdeaKeys) -> Numbering<'k> {
        Numbering {
            keys,
            by_id: ByCopy::default(),
            by_title: ByCopy::default(),
            numbers: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// The number of the idea that `idea` mentions.
    pub fn number(&mut self, idea: &Idea) -> usize {
        let Numbering {
            keys,
            by_id,
            by_title,
            numbers,
            order,
        } = self;
        let mut number_of = |key: IdeaKey| {
            let next = order.len();
            *numbers.entry(key).or_insert_with_key(|key| {
                order.push(key.clone());
                next
            })
        };
        match (&idea.id, &idea.title) {
            (Some(id), _) => *by_id.get_or_insert_with(id, |id| number_of(IdeaKey::Id(id.clone()))),
            (None, Some(title)) => {
                *by_title.get_or_insert_with(title, |_| number_of(keys.key(idea)))
            }
            (None, None) => number_of(keys.key(idea)),
        }
    }

    /// The key of the idea numbered `number`.
    pub fn key(&self, number: usize) -> &IdeaKey {
        &self.order[number]
    }

    /// The keys of every number, in order.
    pub fn into_keys(self) -> Vec<IdeaKey> {
        self.order
    }
}

/// Lowercase letters and digits, single spaces: "Aisle-finder  app!" → "aisle finder app".
pub fn normalize(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One mention of an idea: the entry, and the idea as that entry writes it.
#[derive(Debug, Clone, Copy)]
pub struct Mention<'a> {
    pub entry: &'a Entry,
    pub idea: &'a Idea,
}

/// Everything the journal says of one idea, in the order it was said: by
/// entry date, then path, then place in the entry.
#[derive(Debug)]
pub struct Story<'a> {
    pub key: IdeaKey,
    /// The title it was first given: one name in every report, past or present.
    pub title: Text,
    pub mentions: Vec<Mention<'a>>,
    /// The idea's status just after each mention: the last one stated so far,
    /// else the journal's first status.
    /// `None` for the journal's first status: a report of a large journal
    /// holds hundreds of thousands of these, at eight bytes each.
    status_after: Vec<Option<&'a Text>>,
    default_status: &'a str,
    /// Likewise its owner, `None` until one is named.
    owner_after: Vec<Option<&'a Text>>,
}

/// A change of status: the idea raised (`from` is `None`), or moved on or back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub date: Date,
    pub from: Option<Text>,
    pub to: Text,
    /// The entry that says so.
    pub path: String,
}

/// A stretch of days at one status: from the step that set it to the day
/// before the next one, or to today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub status: String,
    pub from: Date,
    /// `None` while the idea is still at this status.
    pub to: Option<Date>,
    pub days: i32,
}

impl<'a> Story<'a> {
    fn new(key: IdeaKey, mentions: Vec<Mention<'a>>, default_status: &'a str) -> Story<'a> {
        let title = mentions
            .iter()
            .find_map(|m| m.idea.title.clone())
            .unwrap_or_else(|| match &key {
                IdeaKey::Id(id) => id.clone(),
                IdeaKey::Title(title) => title.clone(),
            });
        let mut status = None;
        let mut owner = None;
        let mut status_after = Vec::with_capacity(mentions.len());
        let mut owner_after = Vec::with_capacity(mentions.len());
        for mention in &mentions {
            status = mention.idea.status.as_ref().or(status);
            owner = mention.idea.owner.as_ref().or(owner);
            status_after.push(status);
            owner_after.push(owner);
        }
        Story {
            key,
            title,
            mentions,
            status_after,
            default_status,
            owner_after,
        }
    }

    pub fn id(&self) -> Option<&Text> {
        match &self.key {
            IdeaKey::Id(id) => Some(id),
            IdeaKey::Title(_) => None,
        }
    }

    /// Its key's text: the id, or the title in lowercase words.
    fn key_text(&self) -> &Text {
        match &self.key {
            IdeaKey::Id(text) | IdeaKey::Title(text) => text,
        }
    }

    /// The date it was first mentioned.
    pub fn raised(&self) -> Date {
        self.mentions[0].entry.date
    }

    /// How many mentions are dated on or before `day`.
    pub fn count_until(&self, day: Date) -> usize {
        self.mentions.partition_point(|m| m.entry.date <= day)
    }

    /// Its status on `day`; `None` when it had not been raised yet.
    pub fn status_on(&self, day: Date) -> Option<&'a str> {
        let count = self.count_until(day);
        (count > 0).then(|| self.status_after_mention(count - 1))
    }

    /// Its owner on `day`: the last one named up to then.
    pub fn owner_on(&self, day: Date) -> Option<&'a Text> {
        let count = self.count_until(day);
        if count == 0 {
            return None;
        }
        self.owner_after[count - 1]
    }

    /// Its tags up to `day`, each once (any case), as first written.
    pub fn tags_until(&self, day: Date) -> Vec<Text> {
        let mut seen = BTreeSet::new();
        let mut tags = Vec::new();
        for mention in &self.mentions[..self.count_until(day)] {
            for tag in &mention.idea.tags {
                if seen.insert(crate::model::tags::normalize(tag)) {
                    tags.push(tag.clone());
                }
            }
        }
        tags
    }

    /// The status after mention `index`, and whether it is inherited: not
    /// stated by that mention but by earlier ones. A first mention that
    /// states none has the journal's first status, which is not inherited.
    pub fn status_at(&self, index: usize) -> (&'a str, bool) {
        let stated = self.mentions[index].idea.status.is_some();
        (self.status_after_mention(index), !stated && index > 0)
    }

    /// The status just after mention `index`.
    fn status_after_mention(&self, index: usize) -> &'a str {
        self.status_after[index].map_or(self.default_status, Text::as_str)
    }

    /// Likewise, as a shared text.
    fn status_text(&self, index: usize) -> Text {
        match self.status_after[index] {
            Some(status) => status.clone(),
            None => Text::new(self.default_status),
        }
    }

    /// Every change of status dated from `start` to `end`, both included.
    pub fn steps(&self, start: Date, end: Date) -> Vec<Step> {
        let first = self.mentions.partition_point(|m| m.entry.date < start);
        let last = self.count_until(end);
        (first..last)
            .filter_map(|i| {
                let before = i.checked_sub(1).map(|b| self.status_after_mention(b));
                let after = self.status_after_mention(i);
                (before != Some(after)).then(|| Step {
                    date: self.mentions[i].entry.date,
                    from: i.checked_sub(1).map(|b| self.status_text(b)),
                    to: self.status_text(i),
                    path: self.mentions[i].entry.path.clone(),
                })
            })
            .collect()
    }

    /// The stretches of time at each status, up to `today`.
    pub fn spans(&self, today: Date) -> Vec<Span> {
        let steps = self.steps(Date::MIN, today);
        steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let next = steps.get(i + 1).map(|s| s.date);
                let until = next.unwrap_or(today);
                Span {
                    status: step.to.to_string(),
                    from: step.date,
                    to: next.and_then(|d| d.yesterday().ok()),
                    days: step.date.until(until).map_or(0, |s| s.get_days()),
                }
            })
            .collect()
    }
}

/// How many entries one thread tells the ideas of, when a history is made:
/// 100,000 entries mention ideas 200,000 times, which took 9 ms to tell and
/// 7 ms to make into stories on one thread. Two in the tests, so that every
/// history made there is joined from runs.
#[cfg(not(test))]
const TOLD_TOGETHER: usize = 4096;
#[cfg(test)]
const TOLD_TOGETHER: usize = 2;

/// Each idea that `entries` mention, in the order first mentioned, with
/// its mentions in the entries' order.
fn told_in<'a>(entries: &'a [Entry], keys: &IdeaKeys) -> Vec<(IdeaKey, Vec<Mention<'a>>)> {
    let mut numbering = Numbering::new(keys);
    let mut told: Vec<Vec<Mention<'a>>> = Vec::new();
    for entry in entries {
        for idea in &entry.ideas {
            let number = numbering.number(idea);
            if number == told.len() {
                told.push(Vec::new());
            }
            told[number].push(Mention { entry, idea });
        }
    }
    numbering.into_keys().into_iter().zip(told).collect()
}

/// Every idea of the journal with its story, and where each mention belongs.
pub struct History<'a> {
    keys: IdeaKeys,
    stories: BTreeMap<IdeaKey, Story<'a>>,
    /// (the idea as an entry writes it) → (its idea, its place in the story);
    /// made on first use, since reports do not need it.
    places: OnceLock<HashMap<usize, (IdeaKey, usize)>>,
}

impl<'a> History<'a> {
    /// Reads every idea mention of `entries`, which are sorted by date and path.
    pub fn new(entries: &'a [Entry], default_status: &'a str) -> History<'a> {
        // Stories keep their mentions in this order; `mentioned` and
        // `count_until` search them by date.
        debug_assert!(
            entries.is_sorted_by_key(|e| e.date),
            "entries out of date order"
        );
        let keys = IdeaKeys::new(entries);
        // Runs of entries are told on several threads, and each idea's
        // mentions joined in the runs' order, which is the entries' order.
        let runs: Vec<Vec<(IdeaKey, Vec<Mention<'a>>)>> = entries
            .par_chunks(TOLD_TOGETHER)
            .map(|run| told_in(run, &keys))
            .collect();
        let mut told: BTreeMap<IdeaKey, Vec<Mention<'a>>> = BTreeMap::new();
        for (key, mentions) in runs.into_iter().flatten() {
            match told.entry(key) {
                btree_map::Entry::Vacant(first) => {
                    first.insert(mentions);
                }
                btree_map::Entry::Occupied(mut earlier) => earlier.get_mut().extend(mentions),
            }
        }
        // Each story reads its mentions' ideas, which are all over memory.
        let stories = told
            .into_par_iter()
            .map(|(key, told)| (key.clone(), Story::new(key, told, default_status)))
            .collect();
        History {
            keys,
            stories,
            places: OnceLock::new(),
        }
    }

    pub fn key(&self, idea: &Idea) -> IdeaKey {
        self.keys.key(idea)
    }

    /// A numbering of the ideas of this journal's mentions.
    pub fn numbering(&self) -> Numbering<'_> {
        Numbering::new(&self.keys)
    }

    /// The ideas mentioned in the entries that `filter` selects from the
    /// journal, in the order of their keys. `selected` gives those entries
    /// when they are needed: not for a filter of dates alone.
    pub fn mentioned<'e>(
        &self,
        filter: &Filter,
        selected: impl FnOnce() -> Vec<&'e Entry>,
    ) -> Vec<&Story<'a>> {
        if filter.keeps_whole_days() {
            // Every entry of the filter's days is selected: an idea is
            // mentioned when one of its mentions, sorted by date, is
            // within them. No mention needs numbering.
            let (first, last) = (filter.first_day(), filter.last_day());
            let within = |story: &&Story| {
                let from = story.mentions.partition_point(|m| m.entry.date < first);
                story
                    .mentions
                    .get(from)
                    .is_some_and(|m| m.entry.date <= last)
            };
            return self.stories.values().filter(within).collect();
        }
        // Else each entry is matched once (a site or a name is folded to
        // match it), not each mention, and the ideas of those selected numbered.
        let mut numbering = self.numbering();
        for idea in selected().iter().flat_map(|e| &e.ideas) {
            numbering.number(idea);
        }
        let keys: BTreeSet<IdeaKey> = numbering.into_keys().into_iter().collect();
        keys.iter()
            .filter_map(|key| self.stories.get(key))
            .collect()
    }

    pub fn story(&self, key: &IdeaKey) -> Option<&Story<'a>> {
        self.stories.get(key)
    }

    pub fn stories(&self) -> impl Iterator<Item = &Story<'a>> {
        self.stories.values()
    }

    /// The story of the idea that `entry` mentions at `position` in its
    /// `ideas`, and that mention's place in it.
    pub fn mention(&self, entry: &Entry, position: usize) -> Option<(&Story<'a>, usize)> {
        let places = self.places.get_or_init(|| {
            // Keyed by where each mention lives in memory: the entries are
            // borrowed for as long as the history, so no two share a place.
            let mut places = HashMap::new();
            for story in self.stories.values() {
                for (index, mention) in story.mentions.iter().enumerate() {
                    let place = std::ptr::from_ref(mention.idea) as usize;
                    places.insert(place, (story.key.clone(), index));
                }
            }
            places
        });
        let place = std::ptr::from_ref(entry.ideas.get(position)?) as usize;
        let (key, index) = places.get(&place)?;
        Some((self.stories.get(key)?, *index))
    }

    /// Finds an idea by what a user types: its id, its title (any case and
    /// punctuation), or a part of either that only one idea has.
    pub fn find(&self, wanted: &str) -> Result<&Story<'a>, Vec<&Story<'a>>> {
        if let Some(story) = self.stories.get(&IdeaKey::Id(Text::new(wanted))) {
            return Ok(story);
        }
        let needle = normalize(wanted);
        let by_title: Vec<&Story> = self
            .stories()
            .filter(|s| normalize(&s.title) == needle || *s.key_text() == needle)
            .collect();
        if let [one] = by_title.as_slice() {
            return Ok(one);
        }
        let partial: Vec<&Story> = self
            .stories()
            .filter(|s| {
                !needle.is_empty()
                    && (normalize(&s.title).contains(&needle)
                        || s.id().is_some_and(|id| normalize(id).contains(&needle)))
            })
            .collect();
        match partial.as_slice() {
            [one] => Ok(one),
            _ => Err(partial),
        }
    }
}

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
                acc.summary.customers += entry.customers;
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
            let sites: BTreeSet<String> = acc.sites.iter().map(|(s, _)| s.to_lowercase()).collect();
            acc.summary.sites = sites.len();
            acc.summary
        })
        .collect();
    list.sort_by(|a, b| {
        (b.customers, b.mentions)
            .cmp(&(a.customers, a.mentions))
            .then(a.first_date.cmp(&b.first_date))
            .then(a.title.cmp(&b.title))
            .then_with(|| a.key.cmp(&b.key))
    });
    list
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

/// The ideas among `keys` whose status changed from `start` to `end`: those
/// raised before first, then those raised during the period; each in pipeline
/// order of where they ended up, then by their first step.
pub fn movements<'k>(
    history: &History,
    keys: impl IntoIterator<Item = &'k IdeaKey>,
    start: Date,
    end: Date,
    statuses: &[String],
) -> Vec<Movement> {
    let stories: Vec<&Story> = keys
        .into_iter()
        .filter_map(|key| history.story(key))
        .collect();
    // Stories on several threads: each step reads an entry, and the
    // entries of a period are all over memory (6 ms for 25,000 steps at
    // 100,000 entries on one thread).
    let mut moved: Vec<Movement> = stories
        .into_par_iter()
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

/// Where the ideas among `keys` stand at `end`, one row per configured status,
/// and how many of them reached that status from `start` on.
pub fn pipeline<'k>(
    history: &History,
    keys: impl IntoIterator<Item = &'k IdeaKey>,
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
    for story in keys.into_iter().filter_map(|key| history.story(key)) {
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
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn idea(id: Option<&str>, title: Option<&str>, status: Option<&str>) -> Idea {
        Idea {
            id: id.map(Text::from),
            title: title.map(Text::from),
            status: status.map(Text::from),
            tags: Default::default(),
            owner: None,
            unknown_keys: Default::default(),
        }
    }

    fn journal() -> Vec<Entry> {
        let mut a = entry("a.md", date(2026, 1, 1), "Cub Foods", &[]);
        a.customers = 10;
        a.ideas = vec![
            idea(Some("aisle"), Some("Aisle finder"), Some("new")),
            idea(None, Some("Split billing"), None),
        ]
        .into();
        let mut b = entry("b.md", date(2026, 2, 1), "Jewel", &[]);
        b.customers = 5;
        b.ideas = vec![
            idea(None, Some("aisle  FINDER!"), None),
            idea(None, Some("Split-billing"), Some("planned")),
        ]
        .into();
        let mut c = entry("c.md", date(2026, 3, 1), "cub foods", &[]);
        c.customers = 1;
        c.ideas = vec![idea(
            Some("aisle"),
            Some("Aisle finder app"),
            Some("building"),
        )]
        .into();
        let mut d = entry("d.md", date(2026, 4, 1), "Jewel", &[]);
        d.ideas = vec![idea(Some("aisle"), None, Some("exploring"))].into();
        vec![a, b, c, d]
    }

    fn statuses() -> Vec<String> {
        crate::model::config::DEFAULT_STATUSES
            .map(String::from)
            .to_vec()
    }

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
    fn status_on_a_day_comes_only_from_mentions_up_to_it() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let aisle = history.story(&IdeaKey::Id("aisle".into())).unwrap();
        let on = |y, m, d| aisle.status_on(date(y, m, d));
        assert_eq!(on(2025, 12, 31), None);
        assert_eq!(on(2026, 1, 1), Some("new"));
        // The February mention states nothing, so nothing moves.
        assert_eq!(on(2026, 2, 15), Some("new"));
        assert_eq!(on(2026, 3, 1), Some("building"));
        assert_eq!(on(2026, 4, 1), Some("exploring"));
        assert_eq!(aisle.status_at(0), ("new", false));
        assert_eq!(aisle.status_at(1), ("new", true));
        assert_eq!(aisle.status_at(3), ("exploring", false));
    }

    #[test]
    fn steps_and_spans_trace_every_change() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let aisle = history.story(&IdeaKey::Id("aisle".into())).unwrap();
        let steps = aisle.steps(date(2026, 1, 2), date(2026, 12, 31));
        let steps: Vec<(Date, Option<&str>, &str)> = steps
            .iter()
            .map(|s| (s.date, s.from.as_deref(), s.to.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                (date(2026, 3, 1), Some("new"), "building"),
                (date(2026, 4, 1), Some("building"), "exploring")
            ]
        );
        let spans = aisle.spans(date(2026, 4, 11));
        let spans: Vec<(&str, Option<Date>, i32)> = spans
            .iter()
            .map(|s| (s.status.as_str(), s.to, s.days))
            .collect();
        assert_eq!(
            spans,
            [
                ("new", Some(date(2026, 2, 28)), 59),
                ("building", Some(date(2026, 3, 31)), 31),
                ("exploring", None, 10)
            ]
        );
    }

    #[test]
    fn movements_and_pipeline_of_a_period() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let keys: Vec<IdeaKey> = history.stories().map(|s| s.key.clone()).collect();
        let (start, end) = (date(2026, 2, 1), date(2026, 3, 31));
        let moved = movements(&history, &keys, start, end, &statuses());
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
        let rows = pipeline(&history, &keys, start, end, &statuses());
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

    #[test]
    fn finds_an_idea_by_id_title_or_a_unique_part() {
        let entries = journal();
        let history = History::new(&entries, "new");
        let title = |wanted: &str| history.find(wanted).map(|s| s.title.as_str()).ok();
        assert_eq!(title("aisle"), Some("Aisle finder"));
        assert_eq!(title("split BILLING"), Some("Split billing"));
        assert_eq!(title("bill"), Some("Split billing"));
        assert!(history.find("i").is_err());
        assert_eq!(history.find("nothing").unwrap_err().len(), 0);
    }

    proptest::proptest! {
        /// The ideas found from their stories are those that numbering the
        /// mentions of the selected entries finds: ids, titles that join an
        /// id, titles alone, entries in and out of the period or the tag.
        #[test]
        fn the_ideas_mentioned_are_those_of_the_selected_entries(
            mut specs in proptest::collection::vec(
                (1i8..=28, proptest::collection::vec(0usize..4, 0..3), proptest::bool::ANY),
                0..25,
            ),
            period in proptest::option::of((1i8..=28, 0i8..10)),
            by_tag in proptest::bool::ANY,
        ) {
            specs.sort_by_key(|(day, _, _)| *day);
            let on = |day: i8| date(2026, 2, day);
            let pool = [
                idea(Some("aisle"), Some("Aisle finder"), None),
                idea(None, Some("aisle FINDER"), Some("planned")),
                idea(None, Some("Split billing"), None),
                idea(Some("queue"), None, Some("shipped")),
            ];
            let entries: Vec<Entry> = specs
                .iter()
                .enumerate()
                .map(|(n, (day, ideas, tagged))| {
                    let tags: &[&str] = if *tagged { &["mobile/app"] } else { &[] };
                    let mut e = entry(&format!("{n:02}.md"), on(*day), "Cub Foods", tags);
                    e.ideas = ideas.iter().map(|&i| pool[i].clone()).collect();
                    e
                })
                .collect();
            let filter = Filter {
                period: period.map(|(start, length)| {
                    crate::model::period::Period::days(on(start), on(start.saturating_add(length).min(28)))
                }),
                tags: if by_tag { vec!["mobile".into()] } else { Vec::new() },
                ..Filter::default()
            };
            let history = History::new(&entries, "new");
            let mut numbering = history.numbering();
            let selected = crate::query::select(&entries, &filter, Default::default());
            for idea in selected.iter().flat_map(|e| &e.ideas) {
                numbering.number(idea);
            }
            let numbered: BTreeSet<IdeaKey> = numbering.into_keys().into_iter().collect();
            let found: Vec<IdeaKey> = history
                .mentioned(&filter, || selected.clone())
                .iter()
                .map(|s| s.key.clone())
                .collect();
            proptest::prop_assert_eq!(found, numbered.into_iter().collect::<Vec<_>>());
        }
    }
}
