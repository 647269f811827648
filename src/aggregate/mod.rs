//! Summaries computed from selected entries. Pure: data in, plain data out.

pub mod groups;
pub mod ideas;
pub mod people;
pub mod quotes;
pub mod report;
pub mod story;

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::entry::Entry;
use crate::text::{ByCopy, Texts};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    /// Lowercased.
    pub tag: String,
    pub entries: usize,
}

/// How many entries carry each tag, counting tags case-insensitively and under
/// each parent too (`mobile/app` counts for `mobile/app` and `mobile`). Most
/// frequent first, then alphabetical.
pub fn tag_counts(entries: &[&Entry]) -> Vec<TagCount> {
    // Entries share their lists of tags: each list is counted, then spelled out once.
    let mut lists: ByCopy<Texts, usize> = ByCopy::default();
    for entry in entries {
        *lists.get_or_insert_with(&entry.tags, |_| 0) += 1;
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (tags, &uses) in lists.iter() {
        let seen: BTreeSet<String> = tags
            .iter()
            .flat_map(|t| crate::tags::with_parents(t))
            .collect();
        for tag in seen {
            *counts.entry(tag).or_default() += uses;
        }
    }
    let mut list: Vec<TagCount> = counts
        .into_iter()
        .map(|(tag, entries)| TagCount { tag, entries })
        .collect();
    list.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.tag.cmp(&b.tag)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    #[test]
    fn counts_entries_per_tag_with_parents() {
        let a = entry(
            "a",
            date(2026, 1, 1),
            "A",
            &["Mobile/App", "mobile", "pricing"],
        );
        let b = entry("b", date(2026, 1, 2), "B", &["mobile/payments/nfc"]);
        let counts = tag_counts(&[&a, &b]);
        let pairs: Vec<(&str, usize)> =
            counts.iter().map(|c| (c.tag.as_str(), c.entries)).collect();
        assert_eq!(
            pairs,
            [
                ("mobile", 2),
                ("mobile/app", 1),
                ("mobile/payments", 1),
                ("mobile/payments/nfc", 1),
                ("pricing", 1)
            ]
        );
    }
}
