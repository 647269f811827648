//! The history of every idea: the story of its mentions across entries, and
//! where it stood on any day.
//!
//! Time is data here: an idea's status on day D comes only from mentions dated
//! on or before D, so a report of a past period never changes when later
//! entries move the idea on.

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, hash_map};
use std::sync::OnceLock;

use crate::model::entry::{Entry, Idea};
use crate::model::idea::{IdeaKey, IdeaKeys, Numbering, normalize};
use crate::model::text::{Seeded, Text};
use crate::query::Filter;

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
    /// Where the idea stood just after each mention, side by side in one
    /// list: most of a large organisation's ideas are mentioned once, and
    /// a list each for status and owner was two allocations a story.
    after: Vec<After<'a>>,
    default_status: &'a str,
}

/// An idea's status and owner just after a mention: the last ones stated so
/// far. `None` for a status is the journal's first status, and for an owner
/// no owner yet: a report of a large journal holds hundreds of thousands
/// of these, at sixteen bytes each.
#[derive(Debug, Clone, Copy)]
struct After<'a> {
    status: Option<&'a Text>,
    owner: Option<&'a Text>,
}

/// A change of status: the idea raised (`from` is `None`), or moved on or back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub date: Date,
    pub from: Option<Text>,
    pub to: Text,
    /// The entry that says so, and where it was.
    pub path: String,
    pub site: Text,
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
        let mut so_far = After {
            status: None,
            owner: None,
        };
        let mut after = Vec::with_capacity(mentions.len());
        for mention in &mentions {
            so_far = After {
                status: mention.idea.status.as_ref().or(so_far.status),
                owner: mention.idea.owner.as_ref().or(so_far.owner),
            };
            after.push(so_far);
        }
        Story {
            key,
            title,
            mentions,
            after,
            default_status,
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
        self.after[count - 1].owner
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
        self.after[index]
            .status
            .map_or(self.default_status, Text::as_str)
    }

    /// Likewise, as a shared text.
    fn status_text(&self, index: usize) -> Text {
        match self.after[index].status {
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
                    site: self.mentions[i].entry.site.clone(),
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

/// Ideas told, sorted by key, and where each one went.
struct Sorted<'a> {
    sorted: Vec<(IdeaKey, Vec<Mention<'a>>)>,
    /// The new place of the idea at each old place.
    places: Vec<usize>,
}

/// `told` sorted by key. Comparing keys reads texts all over memory: the
/// first sixteen bytes of each, kept side by side, settle most comparisons.
fn sorted_by_key(told: Vec<(IdeaKey, Vec<Mention<'_>>)>) -> Sorted<'_> {
    // Zeros after a short text keep the order of the texts: a tie on the
    // first bytes is settled by the whole keys.
    let head = |key: &IdeaKey| {
        let (variant, text) = match key {
            IdeaKey::Id(text) => (0u8, text),
            IdeaKey::Title(text) => (1u8, text),
        };
        let mut bytes = [0u8; 16];
        let length = text.len().min(16);
        bytes[..length].copy_from_slice(&text.as_bytes()[..length]);
        (variant, u128::from_be_bytes(bytes))
    };
    let mut order: Vec<(u8, u128, usize)> = told
        .iter()
        .enumerate()
        .map(|(place, (key, _))| {
            let (variant, bytes) = head(key);
            (variant, bytes, place)
        })
        .collect();
    order.par_sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| told[a.2].0.cmp(&told[b.2].0))
    });
    let mut places = vec![0; told.len()];
    for (new, &(_, _, old)) in order.iter().enumerate() {
        places[old] = new;
    }
    let mut slots: Vec<Option<(IdeaKey, Vec<Mention>)>> = told.into_iter().map(Some).collect();
    let sorted = order
        .iter()
        .filter_map(|&(_, _, old)| slots[old].take())
        .collect();
    Sorted { sorted, places }
}

/// Every idea of the journal with its story, and where each mention belongs.
pub struct History<'a> {
    keys: IdeaKeys,
    /// Sorted by key.
    stories: Vec<Story<'a>>,
    /// The place of each idea's story in `stories`.
    by_key: HashMap<IdeaKey, usize, Seeded>,
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
        // Joined by hash, then sorted once: a tree keyed by 84,000 titles
        // compared them all the way down at every insert.
        let mut by_key: HashMap<IdeaKey, usize, Seeded> = HashMap::default();
        let mut told: Vec<(IdeaKey, Vec<Mention<'a>>)> = Vec::new();
        for (key, mentions) in runs.into_iter().flatten() {
            match by_key.entry(key) {
                hash_map::Entry::Occupied(earlier) => told[*earlier.get()].1.extend(mentions),
                hash_map::Entry::Vacant(first) => {
                    told.push((first.key().clone(), mentions));
                    first.insert(told.len() - 1);
                }
            }
        }
        let told = sorted_by_key(told);
        for place in by_key.values_mut() {
            *place = told.places[*place];
        }
        let told = told.sorted;
        // Each story reads its mentions' ideas, which are all over memory.
        let stories = told
            .into_par_iter()
            .map(|(key, told)| Story::new(key, told, default_status))
            .collect();
        History {
            keys,
            stories,
            by_key,
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
            return self.stories.iter().filter(within).collect();
        }
        // Else each entry is matched once (a site or a name is folded to
        // match it), not each mention, and the ideas of those selected numbered.
        let mut numbering = self.numbering();
        for idea in selected().iter().flat_map(|e| &e.ideas) {
            numbering.number(idea);
        }
        // The stories are in the order of their keys.
        let keys = numbering.into_keys();
        let mut places: Vec<usize> = keys.iter().filter_map(|k| self.place(k)).collect();
        places.sort_unstable();
        places.iter().map(|&place| &self.stories[place]).collect()
    }

    fn place(&self, key: &IdeaKey) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub fn story(&self, key: &IdeaKey) -> Option<&Story<'a>> {
        Some(&self.stories[self.place(key)?])
    }

    /// Every idea's story, in the order of their keys.
    pub fn stories(&self) -> impl Iterator<Item = &Story<'a>> {
        self.stories.iter()
    }

    /// The story of the idea that `entry` mentions at `position` in its
    /// `ideas`, and that mention's place in it.
    pub fn mention(&self, entry: &Entry, position: usize) -> Option<(&Story<'a>, usize)> {
        let places = self.places.get_or_init(|| {
            // Keyed by where each mention lives in memory: the entries are
            // borrowed for as long as the history, so no two share a place.
            let mut places = HashMap::new();
            for story in &self.stories {
                for (index, mention) in story.mentions.iter().enumerate() {
                    let place = std::ptr::from_ref(mention.idea) as usize;
                    places.insert(place, (story.key.clone(), index));
                }
            }
            places
        });
        let place = std::ptr::from_ref(entry.ideas.get(position)?) as usize;
        let (key, index) = places.get(&place)?;
        Some((self.story(key)?, *index))
    }

    /// Finds an idea by what a user types: its id, its title (any case and
    /// punctuation), or a part of either that only one idea has.
    pub fn find(&self, wanted: &str) -> Result<&Story<'a>, Vec<&Story<'a>>> {
        if let Some(story) = self.story(&IdeaKey::Id(Text::new(wanted))) {
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

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    pub fn idea(id: Option<&str>, title: Option<&str>, status: Option<&str>) -> Idea {
        Idea {
            id: id.map(Text::from),
            title: title.map(Text::from),
            status: status.map(Text::from),
            tags: Default::default(),
            owner: None,
            unknown_keys: Default::default(),
        }
    }

    pub fn journal() -> Vec<Entry> {
        let mut a = entry("a.md", date(2026, 1, 1), "Cub Foods", &[]);
        a.customers = Some(10);
        a.ideas = vec![
            idea(Some("aisle"), Some("Aisle finder"), Some("new")),
            idea(None, Some("Split billing"), None),
        ]
        .into();
        let mut b = entry("b.md", date(2026, 2, 1), "Jewel", &[]);
        b.customers = Some(5);
        b.ideas = vec![
            idea(None, Some("aisle  FINDER!"), None),
            idea(None, Some("Split-billing"), Some("planned")),
        ]
        .into();
        let mut c = entry("c.md", date(2026, 3, 1), "cub foods", &[]);
        c.customers = Some(1);
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

    pub fn statuses() -> Vec<String> {
        crate::model::config::DEFAULT_STATUSES
            .map(String::from)
            .to_vec()
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
