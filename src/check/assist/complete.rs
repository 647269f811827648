//! What may be typed at a position of an entry's front matter: its keys,
//! and the values the journal already uses (kinds, statuses, tags, people,
//! sites, idea ids); in a template, its placeholders too.

use std::ops::Range;

use super::front::{Slot, line_around, placeholder_at, slot_at, top_keys};
use super::known::{Known, Place, What};
use crate::model::entry::{IDEA_KEYS, KNOWN_KEYS};
use crate::model::placeholders::PLACEHOLDERS;
use crate::parse::yaml::scalars::typed_by_some_reader;

/// One thing that may be typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What the list shows, and what typing filters on.
    pub label: String,
    /// Beside it: a count, a title and status.
    pub detail: Option<String>,
    /// The text that replaces `replace`.
    pub insert: String,
    pub replace: Range<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Key,
    Value,
    Placeholder,
}

/// What may be typed at byte `at` of `text`, the file at `place`, in the
/// order to offer it.
pub fn complete(known: &Known, place: &Place, text: &str, at: usize) -> Vec<Item> {
    if place.what == What::Template
        && let Some(start) = placeholder_at(text, at)
    {
        return PLACEHOLDERS
            .iter()
            .map(|(placeholder, detail)| Item {
                label: placeholder.to_string(),
                detail: Some(detail.to_string()),
                insert: placeholder.to_string(),
                replace: start..at,
                kind: Kind::Placeholder,
            })
            .collect();
    }
    if place.what == What::Settings {
        return Vec::new();
    }
    match slot_at(text, at) {
        Some(Slot::Key { idea, word }) => keys(text, idea, word.start..at),
        Some(Slot::Value {
            key,
            word,
            flow,
            needs_space,
            ..
        }) => {
            let replace = word.start.min(at)..at;
            values(known, place, &key)
                .into_iter()
                .map(|(value, detail)| {
                    let written = scalar(&value, flow);
                    Item {
                        label: value,
                        detail,
                        insert: if needs_space {
                            format!(" {written}")
                        } else {
                            written
                        },
                        replace: replace.clone(),
                        kind: Kind::Value,
                    }
                })
                .collect()
        }
        None => Vec::new(),
    }
}

/// The keys of an entry, or of an idea; an entry's keys written on other
/// lines are left out.
fn keys(text: &str, idea: bool, replace: Range<usize>) -> Vec<Item> {
    let here = line_around(text, replace.start);
    let written: Vec<String> = match idea {
        true => Vec::new(),
        false => top_keys(text)
            .into_iter()
            .filter(|(_, line)| *line != here)
            .map(|(key, _)| key)
            .collect(),
    };
    let (keys, what): (&[&str], &str) = match idea {
        true => (&IDEA_KEYS, "a key of an idea"),
        false => (&KNOWN_KEYS, "a key of the entry"),
    };
    keys.iter()
        .filter(|key| !written.iter().any(|w| w == *key))
        .map(|key| Item {
            label: key.to_string(),
            detail: Some(what.to_string()),
            insert: format!("{key}: "),
            replace: replace.clone(),
            kind: Kind::Key,
        })
        .collect()
}

/// The values the journal offers for `key`, each with what to show beside it.
fn values(known: &Known, place: &Place, key: &str) -> Vec<(String, Option<String>)> {
    let config = known.config(place.member);
    let counted = |list: &[(String, usize)]| -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(name, n)| (name.clone(), Some(entries(*n))))
            .collect()
    };
    match key {
        "kind" => config.kinds.iter().map(|k| (k.clone(), None)).collect(),
        "status" => config.statuses.iter().map(|s| (s.clone(), None)).collect(),
        "tags" => known
            .tags
            .iter()
            .map(|t| (t.tag.clone(), Some(entries(t.entries))))
            .collect(),
        "people" | "owner" => counted(&known.people),
        "site" => counted(&known.sites),
        "id" => known
            .ideas
            .iter()
            .filter_map(|idea| {
                let id = known.written_id(place, &idea.id)?;
                Some((
                    id.to_string(),
                    Some(format!("{} ({})", idea.title, idea.status)),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn entries(n: usize) -> String {
    format!("{n} {}", if n == 1 { "entry" } else { "entries" })
}

/// `value` as a YAML scalar that reads back as itself: plain when that is
/// safe (in a flow list, `,` `[` `]` `{` `}` are not), else single-quoted.
pub fn scalar(value: &str, flow: bool) -> String {
    let ordinary = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                '/' | '-' | '_' | '.' | ' ' | '(' | ')' | '\'' | '&' | '+'
            )
            || (!flow && c == ',')
    };
    let plain = !value.is_empty()
        && value.chars().all(ordinary)
        && !value.starts_with(['-', ' ', '.', '\'', '&'])
        && !value.ends_with(' ')
        && !typed_by_some_reader(value);
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        assert_eq!(scalar("mobile/app", true), "mobile/app");
        assert_eq!(
            scalar("Cub Foods, Minneapolis", false),
            "Cub Foods, Minneapolis"
        );
        assert_eq!(
            scalar("Cub Foods, Minneapolis", true),
            "'Cub Foods, Minneapolis'"
        );
        assert_eq!(scalar("Sam O'Neil", false), "Sam O'Neil");
        assert_eq!(scalar("yes", false), "'yes'");
        assert_eq!(
            scalar("Tower One: floor 12", false),
            "'Tower One: floor 12'"
        );
        assert_eq!(scalar("#1 Store", false), "'#1 Store'");
    }
}
