//! An idea's identity: which mentions in which entries are one idea.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::model::entry::{Entry, Idea};
use crate::model::text::{ByCopy, Seeded, Text};

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
    id_by_title: HashMap<String, Text, Seeded>,
    /// The key of each title already seen: a journal repeats the same few
    /// titles thousands of times, and normalizing one costs allocations.
    by_title: Mutex<ByCopy<Text, IdeaKey>>,
}

impl IdeaKeys {
    pub fn new(entries: &[Entry]) -> IdeaKeys {
        let mut id_by_title = HashMap::default();
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
    numbers: HashMap<IdeaKey, usize, Seeded>,
    /// The key of each number.
    order: Vec<IdeaKey>,
}

impl<'k> Numbering<'k> {
    pub fn new(keys: &'k IdeaKeys) -> Numbering<'k> {
        Numbering {
            keys,
            by_id: ByCopy::default(),
            by_title: ByCopy::default(),
            numbers: HashMap::default(),
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
    // Most titles are ASCII: one pass and one allocation, where the general
    // way (which knows Unicode's casing in context) takes three.
    if !title.is_ascii() {
        return normalize_any(title);
    }
    let mut out = String::with_capacity(title.len());
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// [`normalize`] for any text.
fn normalize_any(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII way gives what the general way gives.
        #[test]
        fn ascii_titles_normalize_as_any_title_does(title in "[ -~\t]{0,40}") {
            proptest::prop_assert_eq!(normalize(&title), normalize_any(&title));
        }
    }
}
