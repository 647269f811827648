//! `report --by`: entries, customers, hours and ideas per group.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::idea::IdeaKey;
use crate::model::idea::IdeaKeys;
use crate::model::period::{Calendar, Period};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    Kind,
    Tag,
    Site,
    Person,
    Month,
    Quarter,
    /// The journal of each entry, when several are read as one.
    Journal,
}

impl GroupBy {
    /// The column header for the groups.
    pub fn title(self) -> &'static str {
        match self {
            GroupBy::Kind => "Kind",
            GroupBy::Tag => "Tag",
            GroupBy::Site => "Site",
            GroupBy::Person => "Person",
            GroupBy::Month => "Month",
            GroupBy::Quarter => "Quarter",
            GroupBy::Journal => "Journal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    pub group: String,
    pub entries: usize,
    pub customers: u64,
    #[serde(serialize_with = "crate::aggregate::record::whole_or_fraction_f64")]
    pub hours: f64,
    /// Distinct ideas mentioned.
    pub ideas: usize,
}

#[derive(Default)]
struct Acc {
    label: String,
    entries: usize,
    customers: u64,
    hours: f64,
    ideas: BTreeSet<IdeaKey>,
}

impl Acc {
    fn add(&mut self, entry: &Entry, keys: &IdeaKeys) {
        self.entries += 1;
        self.customers += entry.customers.unwrap_or(0);
        self.hours += entry.hours.unwrap_or(0.0);
        self.ideas.extend(entry.ideas.iter().map(|i| keys.key(i)));
    }

    fn row(self) -> GroupRow {
        GroupRow {
            group: self.label,
            entries: self.entries,
            customers: self.customers,
            hours: self.hours,
            ideas: self.ideas.len(),
        }
    }
}

/// How entries are grouped, and what naming the groups takes.
pub struct Grouping<'a> {
    pub by: GroupBy,
    /// Every idea's key, so that an idea counts once in a group.
    pub keys: &'a IdeaKeys,
    /// The journal's kinds, listed even when no entry has them.
    pub config: &'a Config,
    /// The quarters of the fiscal year.
    pub calendar: Calendar,
    /// The months or quarters to list, with zero rows: none without one.
    pub span: Option<&'a Period>,
    /// The labels of the journals read, for `--by journal`.
    pub journals: &'a [String],
}

/// One row per group. An entry with two tags (or two people) counts in both.
/// Kinds list every configured kind and time groups every month or quarter of
/// the span, with zero rows; tags, sites and people come most entries first.
pub fn group(entries: &[&Entry], grouping: &Grouping) -> Vec<GroupRow> {
    let Grouping {
        by,
        keys,
        config,
        calendar,
        span,
        journals,
    } = *grouping;
    match by {
        GroupBy::Kind => in_order(entries, keys, config.kinds.clone(), |e| {
            vec![e.kind.to_string()]
        }),
        GroupBy::Month => {
            let months = span.map_or_else(Vec::new, |s| labels(s.buckets_by_month()));
            in_order(entries, keys, months, |e| {
                vec![format!("{:04}-{:02}", e.date.year(), e.date.month())]
            })
        }
        GroupBy::Quarter => {
            let quarters = span.map_or_else(Vec::new, |s| labels(calendar.quarters_in(s)));
            in_order(entries, keys, quarters, |e| {
                let (year, quarter) = calendar.quarter_of(e.date);
                vec![format!("{year}Q{quarter}")]
            })
        }
        GroupBy::Tag => by_size(entries, keys, |e| {
            e.tags
                .iter()
                .flat_map(|t| crate::model::tags::with_parents(t))
                .collect()
        }),
        GroupBy::Site => by_size(entries, keys, |e| vec![e.site.to_string()]),
        GroupBy::Person => by_size(entries, keys, |e| {
            e.people.iter().map(|p| p.to_string()).collect()
        }),
        // A union's paths start with their journal's label.
        GroupBy::Journal => in_order(entries, keys, journals.to_vec(), |e| match journals {
            [only] => vec![only.clone()],
            _ => vec![e.path.split('/').next().unwrap_or_default().to_string()],
        }),
    }
}

fn labels(periods: Vec<Period>) -> Vec<String> {
    periods.into_iter().map(|p| p.label).collect()
}

/// Groups in the given order, each present even when empty.
fn in_order(
    entries: &[&Entry],
    keys: &IdeaKeys,
    order: Vec<String>,
    labels: impl Fn(&Entry) -> Vec<String>,
) -> Vec<GroupRow> {
    let mut accs: Vec<Acc> = order
        .into_iter()
        .map(|label| Acc {
            label,
            ..Acc::default()
        })
        .collect();
    for entry in entries {
        for label in labels(entry) {
            if let Some(acc) = accs.iter_mut().find(|a| a.label == label) {
                acc.add(entry, keys);
            }
        }
    }
    accs.into_iter().map(Acc::row).collect()
}

/// Groups found in the entries, matched without regard to case, most entries first.
fn by_size(
    entries: &[&Entry],
    keys: &IdeaKeys,
    labels: impl Fn(&Entry) -> Vec<String>,
) -> Vec<GroupRow> {
    let mut accs: BTreeMap<String, Acc> = BTreeMap::new();
    for entry in entries {
        let mut seen = BTreeSet::new();
        for label in labels(entry) {
            let key = label.trim().to_lowercase();
            if seen.insert(key.clone()) {
                accs.entry(key)
                    .or_insert_with(|| Acc {
                        label: label.trim().to_string(),
                        ..Acc::default()
                    })
                    .add(entry, keys);
            }
        }
    }
    let mut rows: Vec<GroupRow> = accs.into_values().map(Acc::row).collect();
    rows.sort_by(|a, b| {
        b.entries
            .cmp(&a.entries)
            .then_with(|| a.group.to_lowercase().cmp(&b.group.to_lowercase()))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn rows(by: GroupBy) -> Vec<(String, usize, u64)> {
        let mut a = entry("a", date(2026, 1, 5), "Cub", &["mobile/app", "pricing"]);
        a.customers = Some(3);
        a.people = vec!["Ann", "Bo"].into();
        let mut b = entry("b", date(2026, 3, 9), "cub", &["Mobile"]);
        b.kind = "peer".into();
        b.customers = Some(2);
        let entries = [a, b];
        let refs: Vec<&Entry> = entries.iter().collect();
        let keys = IdeaKeys::new(&entries);
        let cal = Calendar::new(1);
        let span = Period {
            start: date(2025, 12, 1),
            end: date(2026, 3, 31),
            label: String::new(),
        };
        let grouping = Grouping {
            by,
            keys: &keys,
            config: &Config::default(),
            calendar: cal,
            span: Some(&span),
            journals: &["j".into()],
        };
        group(&refs, &grouping)
            .into_iter()
            .map(|r| (r.group, r.entries, r.customers))
            .collect()
    }

    fn r(g: &str, e: usize, c: u64) -> (String, usize, u64) {
        (g.into(), e, c)
    }

    #[test]
    fn every_grouping() {
        assert_eq!(
            rows(GroupBy::Kind),
            [
                r("frontline", 1, 3),
                r("peer", 1, 2),
                r("immersion", 0, 0),
                r("research", 0, 0),
                r("sales", 0, 0)
            ]
        );
        assert_eq!(
            rows(GroupBy::Tag),
            [r("mobile", 2, 5), r("mobile/app", 1, 3), r("pricing", 1, 3)]
        );
        assert_eq!(rows(GroupBy::Site), [r("Cub", 2, 5)]);
        assert_eq!(
            rows(GroupBy::Person),
            [r("Ann", 1, 3), r("Bo", 1, 3), r("Wayne Shurts", 1, 2)]
        );
        assert_eq!(
            rows(GroupBy::Month),
            [
                r("2025-12", 0, 0),
                r("2026-01", 1, 3),
                r("2026-02", 0, 0),
                r("2026-03", 1, 2)
            ]
        );
        assert_eq!(
            rows(GroupBy::Quarter),
            [r("2025Q4", 0, 0), r("2026Q1", 2, 5)]
        );
    }
}
