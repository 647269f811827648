//! The idea pipeline: every idea, merged across the entries that mention it.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::entry::{Entry, Idea};

/// One idea as the journal knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaSummary {
    pub id: Option<String>,
    /// As its most recent mention words it.
    pub title: String,
    /// Its most recent stated status, else the journal's first status.
    pub status: String,
    pub mentions: usize,
    /// Distinct sites of the entries that mention it.
    pub sites: usize,
    /// Customers spoken to in the entries that mention it.
    pub customers: u64,
    pub first_date: Date,
    pub last_date: Date,
    /// Paths of the entries that mention it, oldest first.
    pub entries: Vec<String>,
}

/// Ideas are the same idea when they share an `id`; ideas without one are the
/// same when their titles match once case, spacing and punctuation are ignored,
/// and a title-only mention of an idea that has an id elsewhere joins it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdeaKey {
    Id(String),
    Title(String),
}

/// Assigns each mention its key. Built from every entry of the journal, so an
/// id seen anywhere claims its title everywhere.
pub struct IdeaKeys {
    id_by_title: HashMap<String, String>,
}

impl IdeaKeys {
    pub fn new(entries: &[Entry]) -> IdeaKeys {
        let mut id_by_title = HashMap::new();
        for idea in entries.iter().flat_map(|e| &e.ideas) {
            if let Some(id) = &idea.id {
                id_by_title
                    .entry(normalize(&idea.title))
                    .or_insert_with(|| id.clone());
            }
        }
        IdeaKeys { id_by_title }
    }

    pub fn key(&self, idea: &Idea) -> IdeaKey {
        match &idea.id {
            Some(id) => IdeaKey::Id(id.clone()),
            None => {
                let title = normalize(&idea.title);
                match self.id_by_title.get(&title) {
                    Some(id) => IdeaKey::Id(id.clone()),
                    None => IdeaKey::Title(title),
                }
            }
        }
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

/// The current status of every idea, from all of `history` (sorted by date): the
/// status its most recent mention states. A mention that states none does not
/// move an idea back.
pub fn current_statuses(history: &[Entry], keys: &IdeaKeys) -> HashMap<IdeaKey, String> {
    let mut statuses = HashMap::new();
    for entry in history {
        for idea in &entry.ideas {
            if let Some(status) = &idea.status {
                statuses.insert(keys.key(idea), status.clone());
            }
        }
    }
    statuses
}

/// The date each idea was first mentioned anywhere in `history`.
pub fn first_mentions(history: &[Entry], keys: &IdeaKeys) -> HashMap<IdeaKey, Date> {
    let mut first = HashMap::new();
    for entry in history {
        for idea in &entry.ideas {
            first.entry(keys.key(idea)).or_insert(entry.date);
        }
    }
    first
}

/// Summaries of the ideas mentioned in `entries` (sorted by date), by reach:
/// most customers first, then most mentions, then oldest.
pub fn summarize(
    entries: &[&Entry],
    keys: &IdeaKeys,
    statuses: &HashMap<IdeaKey, String>,
    default_status: &str,
) -> Vec<IdeaSummary> {
    struct Acc<'a> {
        summary: IdeaSummary,
        sites: BTreeSet<String>,
        seen_in: BTreeSet<&'a str>,
    }
    let mut by_key: BTreeMap<IdeaKey, Acc> = BTreeMap::new();
    for entry in entries {
        for idea in &entry.ideas {
            let key = keys.key(idea);
            let acc = by_key.entry(key.clone()).or_insert_with(|| Acc {
                summary: IdeaSummary {
                    id: match &key {
                        IdeaKey::Id(id) => Some(id.clone()),
                        IdeaKey::Title(_) => None,
                    },
                    title: idea.title.clone(),
                    status: statuses
                        .get(&key)
                        .cloned()
                        .unwrap_or_else(|| default_status.to_string()),
                    mentions: 0,
                    sites: 0,
                    customers: 0,
                    first_date: entry.date,
                    last_date: entry.date,
                    entries: Vec::new(),
                },
                sites: BTreeSet::new(),
                seen_in: BTreeSet::new(),
            });
            acc.summary.mentions += 1;
            acc.summary.title = idea.title.clone();
            acc.summary.last_date = entry.date;
            // An entry that lists an idea twice still counts its customers once.
            if acc.seen_in.insert(&entry.path) {
                acc.summary.customers += entry.customers;
                acc.summary.entries.push(entry.path.clone());
            }
            acc.sites.insert(entry.site.to_lowercase());
        }
    }
    let mut list: Vec<IdeaSummary> = by_key
        .into_values()
        .map(|mut acc| {
            acc.summary.sites = acc.sites.len();
            acc.summary
        })
        .collect();
    list.sort_by(|a, b| {
        (b.customers, b.mentions)
            .cmp(&(a.customers, a.mentions))
            .then(a.first_date.cmp(&b.first_date))
            .then(a.title.cmp(&b.title))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn idea(id: Option<&str>, title: &str, status: Option<&str>) -> Idea {
        Idea {
            id: id.map(String::from),
            title: title.into(),
            status: status.map(String::from),
            tags: vec![],
            owner: None,
            unknown_keys: vec![],
        }
    }

    fn journal() -> Vec<Entry> {
        let mut a = entry("a.md", date(2026, 1, 1), "Cub Foods", &[]);
        a.customers = 10;
        a.ideas = vec![
            idea(Some("aisle"), "Aisle finder", Some("new")),
            idea(None, "Split billing", None),
        ];
        let mut b = entry("b.md", date(2026, 2, 1), "Jewel", &[]);
        b.customers = 5;
        b.ideas = vec![
            idea(None, "aisle  FINDER!", None),
            idea(None, "Split-billing", Some("planned")),
        ];
        let mut c = entry("c.md", date(2026, 3, 1), "cub foods", &[]);
        c.customers = 1;
        c.ideas = vec![idea(Some("aisle"), "Aisle finder app", Some("building"))];
        vec![a, b, c]
    }

    #[test]
    fn merges_by_id_and_by_normalized_title() {
        let entries = journal();
        let keys = IdeaKeys::new(&entries);
        let statuses = current_statuses(&entries, &keys);
        let all: Vec<&Entry> = entries.iter().collect();
        let ideas = summarize(&all, &keys, &statuses, "new");
        assert_eq!(ideas.len(), 2);
        let aisle = &ideas[0];
        assert_eq!(aisle.id.as_deref(), Some("aisle"));
        assert_eq!(aisle.title, "Aisle finder app");
        assert_eq!(aisle.status, "building");
        assert_eq!((aisle.mentions, aisle.sites, aisle.customers), (3, 2, 16));
        assert_eq!(
            (aisle.first_date, aisle.last_date),
            (date(2026, 1, 1), date(2026, 3, 1))
        );
        let split = &ideas[1];
        assert_eq!(
            (split.id.as_deref(), split.status.as_str()),
            (None, "planned")
        );
        assert_eq!((split.mentions, split.customers), (2, 15));
        assert_eq!(split.entries, ["a.md", "b.md"]);
    }

    #[test]
    fn a_mention_without_status_keeps_the_last_stated_one() {
        let mut entries = journal();
        entries[2].ideas[0].status = None;
        let keys = IdeaKeys::new(&entries);
        let statuses = current_statuses(&entries, &keys);
        assert_eq!(statuses[&IdeaKey::Id("aisle".into())], "new");
    }

    #[test]
    fn first_mentions_span_the_whole_history() {
        let entries = journal();
        let keys = IdeaKeys::new(&entries);
        let first = first_mentions(&entries, &keys);
        assert_eq!(first[&IdeaKey::Id("aisle".into())], date(2026, 1, 1));
        assert_eq!(
            first[&IdeaKey::Title("split billing".into())],
            date(2026, 1, 1)
        );
    }
}
