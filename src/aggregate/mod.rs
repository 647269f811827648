//! Summaries computed from selected entries. Pure: data in, plain data out.

pub mod diff;
pub mod groups;
pub mod history;
pub mod ideas;
pub mod people;
pub mod quotes;
pub mod record;
pub mod report;
pub mod story;
pub mod summary;

use crate::model::entry::Entry;
use crate::model::tags::TagNumbers;
use crate::model::text::{ByCopy, Texts};
use serde::Serialize;

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
    // Entries share their lists of tags, and lists share their tags: each
    // list is counted, and each tag spelled out with its parents, once.
    let mut lists: ByCopy<Texts, usize> = ByCopy::default();
    for entry in entries {
        *lists.get_or_insert_with(&entry.tags, |_| 0) += 1;
    }
    let mut numbers = TagNumbers::new(crate::model::tags::with_parents);
    let mut counts: Vec<usize> = Vec::new();
    let mut in_list: Vec<usize> = Vec::new();
    for (tags, &uses) in lists.iter() {
        in_list.clear();
        for tag in tags.iter() {
            in_list.extend_from_slice(numbers.of(tag));
        }
        // `Mobile` and `mobile/app` in one entry count it once for `mobile`.
        in_list.sort_unstable();
        in_list.dedup();
        counts.resize(numbers.count(), 0);
        for &number in &in_list {
            counts[number] += uses;
        }
    }
    let mut list: Vec<TagCount> = numbers
        .into_names()
        .into_iter()
        .zip(counts)
        .map(|(tag, entries)| TagCount { tag, entries })
        .collect();
    list.sort_unstable_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.tag.cmp(&b.tag)));
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

    /// Each entry's tags with their parents, lowercased, once per entry.
    fn counted_entry_by_entry(entries: &[&Entry]) -> Vec<TagCount> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for entry in entries {
            let seen: std::collections::BTreeSet<String> = entry
                .tags
                .iter()
                .flat_map(|t| crate::model::tags::with_parents(t))
                .collect();
            for tag in seen {
                *counts.entry(tag).or_default() += 1;
            }
        }
        let mut list: Vec<TagCount> = counts
            .into_iter()
            .map(|(tag, entries)| TagCount { tag, entries })
            .collect();
        list.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.tag.cmp(&b.tag)));
        list
    }

    proptest::proptest! {
        /// Counting each shared list and each shared tag once gives what
        /// counting entry by entry gives: tags in either case, repeated,
        /// nested, in lists shared between entries, in lists of shared
        /// tags, and in copies made on another thread.
        #[test]
        fn shared_lists_and_tags_count_as_entry_by_entry(
            lists in proptest::collection::vec(
                proptest::collection::vec("(Mobile|mobile|tv)(/(App|app|pay))?/?", 0..4),
                1..6,
            ),
            picks in proptest::collection::vec((0usize..6, 0u8..3), 0..30),
        ) {
            let made: Vec<Entry> = lists
                .iter()
                .map(|tags| {
                    let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
                    entry("a.md", date(2026, 1, 1), "A", &tags)
                })
                .collect();
            let entries: Vec<Entry> = picks
                .iter()
                .map(|&(pick, sharing)| {
                    let from = &made[pick % made.len()];
                    let mut copy = entry("b.md", date(2026, 1, 2), "B", &[]);
                    copy.tags = match sharing {
                        0 => from.tags.clone(),
                        1 => from.tags.iter().cloned().collect(),
                        _ => crate::model::text::copy_made_elsewhere(&from.tags),
                    };
                    copy
                })
                .collect();
            let entries: Vec<&Entry> = entries.iter().collect();
            proptest::prop_assert_eq!(tag_counts(&entries), counted_entry_by_entry(&entries));
        }
    }
}
