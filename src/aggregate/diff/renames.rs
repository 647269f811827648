//! Which removed entry an added one is, when a change renamed a file and
//! edited it too: the two are paired by how much of their content they
//! share, as `git diff -M` pairs files, so a reviewer reads one entry
//! renamed with its changes, not one removed and another added.

use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::entry::Entry;

/// Past this many pairs of entries of one day, only identical entries are
/// paired: the work stays bounded, as it does under git's `diff.renameLimit`.
const MOST_PAIRS: usize = 1_000_000;

/// The pairs (index in `removed`, index in `added`) that are one entry
/// renamed: of the same date, and sharing at least half of their content
/// (git's default similarity), weighed by the length of each line. The most
/// similar pairs are taken first; each entry is in one pair at most.
pub fn pairs(removed: &[&Entry], added: &[&Entry]) -> Vec<(usize, usize)> {
    let mut days: BTreeMap<Date, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, e) in removed.iter().enumerate() {
        days.entry(e.date).or_default().0.push(i);
    }
    for (i, e) in added.iter().enumerate() {
        days.entry(e.date).or_default().1.push(i);
    }
    let mut found = Vec::new();
    for (gone, new) in days.values() {
        if gone.is_empty() || new.is_empty() {
            continue;
        }
        let before: Vec<Content> = gone.iter().map(|&i| Content::of(removed[i])).collect();
        let after: Vec<Content> = new.iter().map(|&i| Content::of(added[i])).collect();
        let paired = match gone.len().saturating_mul(new.len()) > MOST_PAIRS {
            true => identical(&before, &after),
            false => most_similar(&before, &after),
        };
        found.extend(paired.into_iter().map(|(i, j)| (gone[i], new[j])));
    }
    found.sort_unstable();
    found
}

/// An entry as lines of `key: value` and of its text, each as a hash and a
/// length, sorted by hash: what two versions share is found by one merge.
#[derive(PartialEq, Eq, Hash)]
struct Content {
    lines: Vec<(u64, u32)>,
    total: u64,
}

impl Content {
    fn of(e: &Entry) -> Content {
        let mut lines = Vec::new();
        let mut line = |key: &str, value: &str| {
            let mut hasher = DefaultHasher::new();
            (key, value).hash(&mut hasher);
            // As `key: value` and its line end would weigh in the file.
            let length = key.len() + value.len() + 3;
            lines.push((hasher.finish(), u32::try_from(length).unwrap_or(u32::MAX)));
        };
        line("date", &e.date.to_string());
        line("kind", &e.kind);
        line("site", &e.site);
        if let Some(role) = &e.role {
            line("role", role);
        }
        line("title", &e.title);
        if let Some(customers) = e.customers {
            line("customers", &customers.to_string());
        }
        if let Some(hours) = e.hours {
            line("hours", &hours.to_string());
        }
        for (key, values) in [
            ("people", &e.people),
            ("tags", &e.tags),
            ("other key", &e.unknown_keys),
        ] {
            for value in values.iter() {
                line(key, value);
            }
        }
        for idea in &e.ideas {
            let said = format!(
                "{:?} {:?} {:?} {:?} {:?}",
                idea.id, idea.title, idea.status, idea.owner, idea.tags
            );
            line("idea", &said);
        }
        for text in e.body.lines() {
            line("", text);
        }
        lines.sort_unstable();
        let total = lines.iter().map(|(_, length)| u64::from(*length)).sum();
        Content { lines, total }
    }

    /// The length of the lines both have, each line counted as often as
    /// both have it.
    fn shared(&self, other: &Content) -> u64 {
        let (a, b) = (&self.lines, &other.lines);
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += u64::from(a[i].1.min(b[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    }
}

/// Pairs of the same content, first come first paired.
fn identical(before: &[Content], after: &[Content]) -> Vec<(usize, usize)> {
    let mut by_content: HashMap<&Content, Vec<usize>> = HashMap::new();
    for (i, c) in before.iter().enumerate().rev() {
        by_content.entry(c).or_default().push(i);
    }
    after
        .iter()
        .enumerate()
        .filter_map(|(j, c)| Some((by_content.get_mut(c)?.pop()?, j)))
        .collect()
}

/// Every pair at least half similar, the most similar first.
fn most_similar(before: &[Content], after: &[Content]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (i, a) in before.iter().enumerate() {
        for (j, b) in after.iter().enumerate() {
            let larger = a.total.max(b.total);
            let shared = a.shared(b);
            if 2 * shared >= larger && larger > 0 {
                candidates.push((shared as f64 / larger as f64, i, j));
            }
        }
    }
    // The most similar first; among equals, in the order of the paths.
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut taken_before, mut taken_after) = (vec![false; before.len()], vec![false; after.len()]);
    let mut found = Vec::new();
    for (_, i, j) in candidates {
        if !taken_before[i] && !taken_after[j] {
            (taken_before[i], taken_after[j]) = (true, true);
            found.push((i, j));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn with_body(path: &str, day: Date, body: &str) -> Entry {
        let mut e = entry(path, day, "Store 7", &["mobile"]);
        e.body = body.into();
        e
    }

    const TEXT: &str = "# At the desk\n\nThe pilot build is on the staff phones.\n\n> Will the app know the shelves have moved?\n";

    #[test]
    fn an_entry_renamed_and_edited_is_paired_with_what_it_was() {
        let old = with_body("a.md", date(2026, 10, 14), TEXT);
        let mut edited = with_body("b.md", date(2026, 10, 14), TEXT);
        edited.customers = Some(12);
        edited.body.push_str("One more line of what we saw.\n");
        let other = with_body("c.md", date(2026, 10, 14), "Something else entirely.\n");
        assert_eq!(pairs(&[&old], &[&other, &edited]), [(0, 1)]);
        // Another day is another entry, however alike.
        let moved = with_body("d.md", date(2026, 10, 15), TEXT);
        assert_eq!(pairs(&[&old], &[&moved]), []);
        // Less than half in common is not the same entry.
        let page = "A new text, and more of it, nothing like the old one.\n".repeat(4);
        let rewritten = with_body("e.md", date(2026, 10, 14), &page);
        assert_eq!(pairs(&[&old], &[&rewritten]), []);
    }

    #[test]
    fn the_most_similar_pair_wins() {
        let day = date(2026, 10, 14);
        let old = with_body("a.md", day, TEXT);
        let close = with_body("b.md", day, &format!("{TEXT}A line.\n"));
        let closer = with_body("c.md", day, TEXT);
        assert_eq!(pairs(&[&old], &[&close, &closer]), [(0, 1)]);
        assert_eq!(
            identical(
                &[Content::of(&old)],
                &[Content::of(&close), Content::of(&closer)]
            ),
            [(0, 1)]
        );
    }
}
