//! The warnings that weigh the whole journal: tags that look alike, and
//! idea titles that read like another idea, each shown on the entry where
//! it is most likely the mistake.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::entry::{Checked, tags_of, warning};
use super::look_alike::{self};
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::Entry;
use crate::model::idea::normalize;
use crate::model::suggest::edit_distance;
use crate::model::tags::TagNumbers;
use crate::model::text::{AddressHasher, ByCopy, Seeded, Shared, Text};

/// Warnings that need the whole journal: tags that look alike, and one idea
/// `id` under several titles. Added to the entries they concern.
pub fn journal_warnings(checked: &mut [Checked]) {
    look_alike_tags(checked);
    idea_titles(checked);
    unusual_amounts(checked);
}

/// The range most of the journal's entries give for an amount: from the
/// 5th to the 95th of each hundred values, once there are enough to say.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Usual {
    low: f64,
    high: f64,
}

impl Usual {
    /// Fewer values than this say nothing about what is usual.
    const ENOUGH: usize = 20;

    fn of(mut values: Vec<f64>) -> Option<Usual> {
        if values.len() < Self::ENOUGH {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let at = |share: usize| values[(values.len() - 1) * share / 100];
        Some(Usual {
            low: at(5),
            high: at(95),
        })
    }

    /// Far outside: ten times the usual top, and more than a few over it
    /// (a journal of 1-hour visits may have a 5-hour one).
    fn far_above(self, value: f64) -> bool {
        value > (self.high * 10.0).max(self.high + 10.0)
    }
}

/// A warning on an amount far above what the journal's own entries give
/// (`hours: 1000` where visits take 2 to 8 hours): a typo, most likely.
fn unusual_amounts(checked: &mut [Checked]) {
    let entries = || checked.iter().filter_map(|c| c.entry.as_ref());
    let customers = Usual::of(
        entries()
            .filter_map(|e| e.customers.map(|n| n as f64))
            .collect(),
    );
    let hours = Usual::of(entries().filter_map(|e| e.hours).collect());
    for c in checked.iter_mut() {
        let Some(entry) = &c.entry else {
            continue;
        };
        // More hours than a week has is said by the entry's own check.
        let hours_in_a_week = entry.hours.filter(|h| *h <= 7.0 * 24.0);
        let amounts = [
            ("customers", entry.customers.map(|n| n as f64), customers),
            ("hours", hours_in_a_week, hours),
        ];
        let mut found = Vec::new();
        for (key, value, usual) in amounts {
            if let (Some(value), Some(usual)) = (value, usual)
                && usual.far_above(value)
            {
                found.push((key, value, usual));
            }
        }
        for (key, value, usual) in found {
            // `{}` writes 12.0 as 12 and 7.5 as 7.5, as they were typed.
            let (low, high) = (usual.low, usual.high);
            let message = format!(
                "`{key}: {value}` is far above what this journal's entries give ({low} to {high} in 9 of 10)"
            );
            let hint = Some("is it a typo? If not, nothing needs doing".to_string());
            c.warn(c.key_line(key), 1, "unusual-amount", message, hint);
        }
    }
}

fn look_alike_tags(checked: &mut [Checked]) {
    // Each copy of a tag (see `ByCopy`) is normalized once, not at each use.
    let mut normalized: ByCopy<Text, Text> = ByCopy::default();
    let mut normalize = |tag: &Text| {
        normalized
            .get_or_insert_with(tag, |tag| Text::new(&crate::model::tags::normalize(tag)))
            .clone()
    };
    let uses = tag_uses(checked.iter().filter_map(|c| c.entry.as_ref()));
    // Most used first; among equals, A to Z. A rarer tag probably meant the
    // best-ranked tag that looks like it.
    let mut ranked: Vec<(&str, usize)> = uses.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<&str> = ranked.iter().map(|(tag, _)| *tag).collect();
    let meant: HashMap<&str, (&str, usize)> = look_alike::better_look_alikes(&words)
        .into_iter()
        .zip(&ranked)
        .filter_map(|(better, (tag, _))| better.map(|b| (*tag, ranked[b])))
        .collect();
    if meant.is_empty() {
        return;
    }
    for c in checked.iter_mut() {
        let Some(entry) = &c.entry else {
            continue;
        };
        let mut warned = HashSet::new();
        let mut found = Vec::new();
        for tag in tags_of(entry) {
            let lower = normalize(tag);
            let Some((common, common_uses)) = meant.get(lower.as_str()) else {
                continue;
            };
            if !warned.insert(lower) {
                continue;
            }
            let (line, column) = c.tag_position(tag);
            let entries = if *common_uses == 1 {
                "entry"
            } else {
                "entries"
            };
            let message = format!("tag `{tag}` looks like `{common}` (in {common_uses} {entries})");
            let hint = Some(format!(
                "if they are the same, run `insight tags rename {} {}`",
                shell_word(tag),
                shell_word(common)
            ));
            found.push(warning(
                &c.path,
                line,
                column,
                "look-alike-tag",
                message,
                hint,
            ));
        }
        c.diagnostics.extend(found);
    }
}

/// How many of `entries` carry each tag, normalized, with the tag.
pub(super) fn tag_uses<'e>(entries: impl Iterator<Item = &'e Entry>) -> Vec<(String, usize)> {
    let mut numbers = TagNumbers::new(|tag| vec![crate::model::tags::normalize(tag)]);
    let mut counts: Vec<usize> = Vec::new();
    let mut in_entry: Vec<usize> = Vec::new();
    for entry in entries {
        in_entry.clear();
        for tag in tags_of(entry) {
            in_entry.extend_from_slice(numbers.of(tag));
        }
        in_entry.sort_unstable();
        in_entry.dedup();
        counts.resize(numbers.count(), 0);
        for &number in &in_entry {
            counts[number] += 1;
        }
    }
    numbers.into_names().into_iter().zip(counts).collect()
}

/// A word as a shell reads it: quoted unless it is plainly safe.
pub(super) fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.');
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// An idea `id` is named by the first title it was given. A mention by `id`
/// alone is fine when some mention of that id has a title (an error when
/// none has); a mention whose title reads like another idea is a warning.
fn idea_titles(checked: &mut [Checked]) {
    // The first title each id was given (by date, then path) and the entry
    // that gave it: one pass, keeping the earliest mention seen, instead of
    // sorting the journal by date.
    let mut first: HashMap<Text, (Text, usize), Seeded> = HashMap::default();
    let date_and_path = |i: usize| {
        let entry = checked[i].entry.as_ref();
        entry.map(|e| (e.date, e.path.as_str()))
    };
    for (i, c) in checked.iter().enumerate() {
        let Some(entry) = &c.entry else { continue };
        for idea in &entry.ideas {
            let (Some(id), Some(title)) = (&idea.id, &idea.title) else {
                continue;
            };
            match first.get_mut(id.as_str()) {
                Some(earliest) if date_and_path(earliest.1) <= date_and_path(i) => {}
                Some(earliest) => *earliest = (title.clone(), i),
                None => {
                    first.insert(id.clone(), (title.clone(), i));
                }
            }
        }
    }
    // Titles repeat: each pair of copies of a first title and a title is
    // compared once, not at every mention (a comparison splits both titles
    // into words).
    let mut compared: HashMap<(usize, usize), bool, BuildHasherDefault<AddressHasher>> =
        HashMap::default();
    let mut read_differently = |canonical: &Text, title: &Text| {
        // Most ideas are mentioned under the title they were raised with.
        if canonical.as_str() == title.as_str() {
            return false;
        }
        *compared
            .entry((canonical.address(), title.address()))
            .or_insert_with(|| looks_like_another_idea(canonical, title))
    };
    for i in 0..checked.len() {
        let c = &checked[i];
        let Some(entry) = &c.entry else { continue };
        let mut found = Vec::new();
        let mut untitled_reported = Vec::new();
        for (position, idea) in entry.ideas.iter().enumerate() {
            let Some(id) = &idea.id else { continue };
            let line = c.idea_line(position);
            match (first.get(id.as_str()), &idea.title) {
                (None, _) if !untitled_reported.contains(&id) => {
                    untitled_reported.push(id);
                    let mut d = Diagnostic::error(
                        &c.path,
                        line,
                        1,
                        "idea-without-title",
                        format!("idea `{id}` has no title here or in any other entry"),
                    );
                    d.hint = Some(format!(
                        "add `title:` to this mention (or to the one that raised `{id}`), or check the id's spelling"
                    ));
                    found.push(d);
                }
                (Some((canonical, by)), Some(title)) if read_differently(canonical, title) => {
                    let path = &checked[*by].path;
                    let message = format!(
                        "idea `{id}` is called `{title}` here but was raised as `{canonical}` ({path}); they read like different ideas"
                    );
                    let hint = Some(
                        "give a different idea an id of its own; if it is the same idea, word the titles alike".into(),
                    );
                    found.push(warning(&c.path, line, 1, "idea-title", message, hint));
                }
                _ => {}
            }
        }
        checked[i].diagnostics.extend(found);
    }
}

/// Whether two titles given to one id share so few words that they probably
/// name different ideas. `Finder` and `Store finder app` are one idea;
/// `Aisle finder` and `Split billing` are two. Words a letter apart count as
/// shared, and scripts written without spaces compare character by character.
pub fn looks_like_another_idea(a: &str, b: &str) -> bool {
    let (a, b) = (title_words(a), title_words(b));
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return false;
    }
    let shared = a
        .iter()
        .filter(|x| b.iter().any(|y| same_word(x, y)))
        .count()
        .min(smaller);
    shared * 2 < smaller
}

/// The words of a title that carry meaning: no filler, and one "word" per
/// character in scripts written without spaces.
fn title_words(title: &str) -> Vec<String> {
    const FILLER: [&str; 8] = ["the", "and", "for", "with", "from", "into", "our", "their"];
    let mut words = Vec::new();
    for word in normalize(title).split(' ').filter(|w| !w.is_empty()) {
        if word.chars().any(is_unspaced_script) {
            words.extend(word.chars().map(String::from));
        } else if word.chars().count() > 2 && !FILLER.contains(&word) {
            words.push(word.to_string());
        }
    }
    words
}

/// Han, kana and Hangul: written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn same_word(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count().min(b.chars().count()) >= 4
            && (a.starts_with(b) || b.starts_with(a) || edit_distance(a, b) == 1))
}
