//! What `insight check` reports for one file as an editor holds it, unsaved:
//! the entry's own problems from the same [`Checker`], and the journal-wide
//! warnings that concern it, weighed against the rest of the journal.
//!
//! The journal-wide warnings are those of [`journal_warnings`], found
//! without a pass over the journal on every keystroke. A title given to an
//! idea id is weighed by `journal_warnings` itself, against only the
//! entries that can name those ids first; a look-alike tag, whose message
//! counts the entries that carry a tag, from the counts taken at load: a
//! tag looks like the best-ranked tag (most used, then A to Z) that looks
//! like it and ranks above it, as `journal_warnings` finds it. The tests
//! hold the two to giving the same, on random journals.

use std::cmp::Reverse;
use std::collections::HashSet;
use std::ops::Range;

use super::front::line_range;
use super::known::{Known, Place, What};
use crate::check::entry::{Checked, Checker, tags_of, warning};
use crate::check::journal::{journal_warnings, shell_word};
use crate::check::look_alike::look_alike;
use crate::check::settings::config_warnings;
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::diagnostic::Diagnostic;
use crate::model::tags::normalize;

/// What `check` reports for the file at `place` if it held `text`: an
/// entry's problems, or the settings' warnings. Nothing for a template.
pub fn diagnose(known: &Known, place: &Place, text: &str) -> Vec<Diagnostic> {
    match place.what {
        What::Entry => entry(known, place, text),
        What::Settings => settings(known, place, text),
        What::Template => Vec::new(),
    }
}

fn entry(known: &Known, place: &Place, text: &str) -> Vec<Diagnostic> {
    let config = known.config(place.member);
    let checker = Checker::new(config, known.today);
    let mut checked = checker.check_text(&place.rel, Ok(text));
    if known.location.is_union() {
        let label = &known.location.members[place.member].label;
        checked.relabel(label, &known.location.config.shared_ids);
    }
    if checked.entry.is_none() {
        return checked.diagnostics;
    }
    let look_alikes = look_alike_tags(known, &checked);
    let mut found = std::mem::take(&mut checked.diagnostics);
    found.extend(look_alikes);
    found.extend(
        idea_titles(known, checked)
            .into_iter()
            .filter(|d| d.code != "look-alike-tag"),
    );
    found
}

/// The warnings of `insight.yaml` as `check` gives them, or the error that
/// keeps the settings from being read.
fn settings(known: &Known, place: &Place, text: &str) -> Vec<Diagnostic> {
    let path = match known.location.is_union() {
        true => place.path.clone(),
        false => CONFIG_FILE.to_string(),
    };
    match Config::parse(text) {
        Ok(config) => config_warnings(&path, text, &config),
        Err(e) => vec![Diagnostic::error(
            &path, e.line, e.column, "settings", e.message,
        )],
    }
}

/// The warnings about tags of the checked entry that look like a tag used
/// more, counted over the journal with this entry as it now is.
fn look_alike_tags(known: &Known, checked: &Checked) -> Vec<Diagnostic> {
    let Some(entry) = &checked.entry else {
        return Vec::new();
    };
    let mine: HashSet<String> = tags_of(entry).map(|t| normalize(t)).collect();
    let was: HashSet<String> = known
        .saved(&entry.path)
        .map(|saved| tags_of(saved).map(|t| normalize(t)).collect())
        .unwrap_or_default();
    let uses = |word: &str| {
        let counted = known.tag_uses.get(word).copied().unwrap_or(0);
        counted - usize::from(was.contains(word)) + usize::from(mine.contains(word))
    };
    let rank = |word: &str| (Reverse(uses(word)), word.to_string());
    let mut found = Vec::new();
    let mut warned = HashSet::new();
    for tag in tags_of(entry) {
        let lower = normalize(tag);
        if warned.contains(&lower) {
            continue;
        }
        let own = rank(&lower);
        let best = known
            .words
            .near(&lower)
            .chain(mine.iter().map(String::as_str))
            .filter(|w| *w != lower && uses(w) > 0 && look_alike(w, &lower))
            .map(rank)
            .filter(|r| *r < own)
            .min();
        let Some((Reverse(common_uses), common)) = best else {
            continue;
        };
        warned.insert(lower);
        let (line, column) = checked.tag_position(tag);
        let entries = if common_uses == 1 { "entry" } else { "entries" };
        let message = format!("tag `{tag}` looks like `{common}` (in {common_uses} {entries})");
        let hint = Some(format!(
            "if they are the same, run `insight tags rename {} {}`",
            shell_word(tag),
            shell_word(&common)
        ));
        found.push(warning(
            &checked.path,
            line,
            column,
            "look-alike-tag",
            message,
            hint,
        ));
    }
    found
}

/// The idea-title problems of the checked entry: found by
/// [`journal_warnings`] among this entry and, for each id it names, the
/// first other entry that gives that id a title.
fn idea_titles(known: &Known, checked: Checked) -> Vec<Diagnostic> {
    let Some(entry) = &checked.entry else {
        return Vec::new();
    };
    let mut firsts: Vec<usize> = entry
        .ideas
        .iter()
        .filter_map(|idea| idea.id.as_ref())
        .filter_map(|id| known.titled.get(id))
        .filter_map(|entries| {
            entries
                .iter()
                .copied()
                .find(|&i| known.entries[i].path != entry.path)
        })
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut some: Vec<Checked> = firsts
        .iter()
        .map(|&i| Checked::parsed(known.entries[i].clone()))
        .collect();
    let before = checked.diagnostics.len();
    some.push(checked);
    journal_warnings(&mut some);
    let mut this = some.pop().map(|c| c.diagnostics).unwrap_or_default();
    this.drain(..before);
    this
}

/// The bytes of `text` a diagnostic at 1-based `line` and `column` points
/// at: the scalar that starts there, or the line's text for a diagnostic
/// about the whole line (column 1).
pub fn span(text: &str, line: usize, column: usize) -> Range<usize> {
    let whole = line_range(text, line);
    let content = &text[whole.clone()];
    if column <= 1 {
        return whole.start..whole.start + content.trim_end().len();
    }
    let offset = content
        .char_indices()
        .nth(column - 1)
        .map_or(content.len(), |(i, _)| i);
    let start = whole.start + offset;
    let rest = &text[start..whole.end];
    let length = match rest.chars().next() {
        Some(quote @ ('\'' | '"')) => rest[1..].find(quote).map_or(rest.len(), |end| end + 2),
        _ => {
            let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
            let end = rest[..end].find(" #").unwrap_or(end);
            rest[..end].trim_end().len()
        }
    };
    start..start + length
}

/// For the tests: the journal-wide warnings of `current` checked among
/// `others`, the slow way.
#[cfg(test)]
pub(super) fn the_slow_way(
    others: &[crate::model::entry::Entry],
    current: Checked,
) -> Vec<Diagnostic> {
    let mut all: Vec<Checked> = others
        .iter()
        .filter(|e| current.entry.as_ref().is_none_or(|c| c.path != e.path))
        .cloned()
        .map(Checked::parsed)
        .collect();
    all.push(current);
    journal_warnings(&mut all);
    all.pop().map(|c| c.diagnostics).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;
    use crate::model::entry::Entry;
    use crate::read::find::Location;
    use jiff::civil::{Date, date};

    const TODAY: Date = date(2026, 11, 22);

    fn location(config: &Config) -> Location {
        Location {
            root: "/nowhere".into(),
            config: config.clone(),
            members: vec![crate::model::journal::Member {
                label: "j".into(),
                root: "/nowhere".into(),
                config: config.clone(),
            }],
        }
    }

    fn place(path: &str) -> Place {
        Place {
            path: path.into(),
            rel: path.into(),
            member: 0,
            what: What::Entry,
        }
    }

    fn text(day: u8, tags: &[&str], ideas: &[(&str, Option<&str>)]) -> String {
        let mut text = format!(
            "---\ndate: 2026-01-{day:02}\nkind: peer\nsite: S\ntags: [{}]\nideas:\n",
            tags.join(", ")
        );
        for (id, title) in ideas {
            match title {
                Some(title) => text.push_str(&format!("  - {{ id: {id}, title: {title} }}\n")),
                None => text.push_str(&format!("  - id: {id}\n")),
            }
        }
        if ideas.is_empty() {
            text.push_str("  []\n");
        }
        text.push_str("---\n");
        text
    }

    /// The diagnostics of `current` (at `path`) the fast way and the slow
    /// way, given the saved journal `saved` (paths and texts).
    fn both_ways(
        saved: &[(String, String)],
        path: &str,
        current: &str,
    ) -> (Vec<String>, Vec<String>) {
        let config = Config::parse("tags: [mobile, pricing]\n").unwrap();
        let entries: Vec<Entry> = saved
            .iter()
            .filter_map(|(p, t)| crate::model::entry::parse(p, t, &config).ok())
            .map(|mut e| {
                e.body.clear();
                e
            })
            .collect();
        let known = Known::new(location(&config), entries.clone(), TODAY);
        let fast = diagnose(&known, &place(path), current);
        let checked = Checker::new(&config, TODAY).check_entry(path, current);
        let slow = the_slow_way(&entries, checked);
        let show = |found: Vec<Diagnostic>| {
            found
                .iter()
                .map(|d| format!("{d} / {:?}", d.hint))
                .collect::<Vec<_>>()
        };
        (show(fast), show(slow))
    }

    #[test]
    fn journal_wide_warnings_as_check_finds_them() {
        let saved = vec![
            (
                "a.md".to_string(),
                text(1, &["mobile"], &[("f", Some("Finder"))]),
            ),
            ("b.md".to_string(), text(2, &["mobile"], &[])),
            ("c.md".to_string(), text(3, &["moble"], &[("g", None)])),
        ];
        let current = text(
            4,
            &["moble", "pricng"],
            &[("f", Some("Split billing")), ("h", None)],
        );
        let (fast, slow) = both_ways(&saved, "d.md", &current);
        assert_eq!(fast, slow);
        assert!(
            fast.iter()
                .any(|d| d.contains("looks like `mobile` (in 2 entries)")),
            "{fast:#?}"
        );
        assert!(
            fast.iter().any(|d| d.contains("idea `h` has no title")),
            "{fast:#?}"
        );
        assert!(
            fast.iter().any(|d| d.contains("raised as `Finder` (a.md)")),
            "{fast:#?}"
        );
        // The entry itself, changed: its saved tags no longer count.
        let current = text(1, &["moble"], &[("f", Some("Finder"))]);
        let (fast, slow) = both_ways(&saved, "a.md", &current);
        assert_eq!(fast, slow);
    }

    #[test]
    fn spans() {
        let text = "---\nkind: frontlien\ntags: [moble, 'a b', x] # c\n---\n";
        let at = |range: Range<usize>| &text[range];
        assert_eq!(at(span(text, 2, 1)), "kind: frontlien");
        assert_eq!(at(span(text, 3, 8)), "moble");
        assert_eq!(at(span(text, 3, 15)), "'a b'");
        assert_eq!(at(span(text, 3, 22)), "x");
        assert_eq!(at(span(text, 9, 1)), "");
    }

    proptest::proptest! {
        /// On random journals of look-alike tags and ideas named by id,
        /// with or without a title, the fast way gives what `check` gives,
        /// for a new entry and for a saved entry as it is being changed.
        #[test]
        fn fast_as_slow(
            saved in proptest::collection::vec(
                (1u8..28, proptest::collection::vec(0usize..8, 0..4),
                 proptest::collection::vec((0usize..3, 0usize..4), 0..3)),
                0..12,
            ),
            current in (1u8..28, proptest::collection::vec(0usize..8, 0..4),
                 proptest::collection::vec((0usize..3, 0usize..4), 0..3)),
            replaces in proptest::option::of(0usize..12),
        ) {
            const TAGS: [&str; 8] = ["mobile", "moble", "Mobile", "mobiles", "pricing", "prcing", "self-service", "selfservice"];
            const IDS: [&str; 3] = ["f", "g", "finder"];
            const TITLES: [Option<&str>; 4] = [None, Some("Finder"), Some("Store finder app"), Some("Split billing")];
            let make = |(day, tags, ideas): &(u8, Vec<usize>, Vec<(usize, usize)>)| {
                let tags: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
                let ideas: Vec<(&str, Option<&str>)> = ideas.iter().map(|&(i, t)| (IDS[i], TITLES[t])).collect();
                text(*day, &tags, &ideas)
            };
            let files: Vec<(String, String)> = saved
                .iter()
                .enumerate()
                .map(|(i, e)| (format!("{i}.md"), make(e)))
                .collect();
            let path = match replaces {
                Some(i) if i < files.len() => files[i].0.clone(),
                _ => "new.md".to_string(),
            };
            let (fast, slow) = both_ways(&files, &path, &make(&current));
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
