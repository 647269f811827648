//! From an idea's id to where the journal speaks of it: the entry that
//! raised it (its first mention), and every mention.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use super::front::{Slot, idea_lines, line_range, slot_at, unquoted};
use super::known::{Known, Place, What};
use crate::aggregate::history::History;
use crate::model::idea::IdeaKey;
use crate::model::text::Text;

/// A place in a file: a line, and the bytes of that line to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    pub line_text: String,
    /// Within `line_text`: the id where it is written, else empty at 0.
    pub span: Range<usize>,
}

/// The entry that raised the idea whose id is at byte `at` of `text` (the
/// file at `place`): the line of that mention in it.
pub fn definition(known: &mut Known, place: &Place, text: &str, at: usize) -> Option<Target> {
    mentions(known, place, text, at).into_iter().next()
}

/// Every mention of the idea whose id is at byte `at`, the first first.
pub fn references(known: &mut Known, place: &Place, text: &str, at: usize) -> Vec<Target> {
    mentions(known, place, text, at)
}

fn mentions(known: &mut Known, place: &Place, text: &str, at: usize) -> Vec<Target> {
    if place.what != What::Entry {
        return Vec::new();
    }
    let Some(Slot::Value { key, word, .. }) = slot_at(text, at) else {
        return Vec::new();
    };
    let written = unquoted(&text[word]).to_string();
    if key != "id" || written.is_empty() {
        return Vec::new();
    }
    let wanted = IdeaKey::Id(Text::new(&known.journal_id(place, &written)));
    let current = known.entry_of(place, text);
    let config = known.location.config.clone();
    // (path, the mention's place among its entry's ideas, how many it has)
    let found: Vec<(String, usize, usize)> = known.with_current(&place.path, current, |entries| {
        let history = History::new(entries, config.default_status());
        let Some(story) = history.story(&wanted) else {
            return Vec::new();
        };
        story
            .mentions
            .iter()
            .map(|m| {
                let position = m
                    .entry
                    .ideas
                    .iter()
                    .position(|idea| std::ptr::eq(idea, m.idea))
                    .unwrap_or(0);
                (m.entry.path.clone(), position, m.entry.ideas.len())
            })
            .collect()
    });
    let mut texts: HashMap<String, String> = HashMap::new();
    found
        .into_iter()
        .map(|(path, position, count)| {
            let file_text = texts.entry(path.clone()).or_insert_with(|| {
                if path == place.path {
                    text.to_string()
                } else {
                    std::fs::read_to_string(known.file(&path)).unwrap_or_default()
                }
            });
            let line = idea_lines(file_text, count)
                .get(position)
                .copied()
                .unwrap_or(1);
            target(known.file(&path), file_text, line, &written)
        })
        .collect()
}

/// The mention that starts on `line` of `text`: the id where it is written
/// on that line or the few after it, else the line.
fn target(file: PathBuf, text: &str, line: usize, id: &str) -> Target {
    for offset in 0..6 {
        let range = line_range(text, line + offset);
        let line_text = &text[range];
        if offset > 0 && line_text.trim_start().starts_with("- ") {
            break;
        }
        if let Some(span) = find_word(line_text, id) {
            return Target {
                file,
                line: line + offset,
                line_text: line_text.to_string(),
                span,
            };
        }
    }
    Target {
        file,
        line,
        line_text: text[line_range(text, line)].to_string(),
        span: 0..0,
    }
}

/// `word` in `line`, not as a part of a longer word.
fn find_word(line: &str, word: &str) -> Option<Range<usize>> {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "-_/".contains(c));
    line.match_indices(word)
        .map(|(at, _)| at..at + word.len())
        .find(|r| !part(line[..r.start].chars().next_back()) && !part(line[r.end..].chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_point_at_the_id() {
        let text = "---\nideas:\n  - title: T\n    id: finder\n  - id: finder-2\n---\n";
        let t = target("a.md".into(), text, 3, "finder");
        assert_eq!((t.line, t.span.clone()), (4, 8..14));
        let t = target("a.md".into(), text, 5, "finder");
        assert_eq!((t.line, t.span), (5, 0..0));
        assert_eq!(
            find_word("id: finder-2, id: finder", "finder"),
            Some(18..24)
        );
    }
}
