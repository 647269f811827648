//! Edits that fix what `check` found, offered beside its diagnostics: a
//! did-you-mean applied (a kind, a status, a tag, a key, an idea id), a
//! list written as one text made a list; and a title-only idea given the
//! id of the idea of the same title.

use std::ops::Range;

use super::complete::scalar;
use super::front::{Front, front, idea_lines, line_range};
use super::known::{Known, Place, What};
use crate::model::diagnostic::Diagnostic;
use crate::model::idea::IdeaKey;
use crate::model::suggest::did_you_mean;

/// One fix: what the editor offers, and the edits it makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    /// Byte ranges of the text, and what replaces each.
    pub edits: Vec<(Range<usize>, String)>,
    /// The problem it fixes, if it fixes one.
    pub fixes: Option<Diagnostic>,
}

/// The fixes for `found` (the diagnostics of `text` that concern the
/// selection), and for the ideas of `text` that `lines` (1-based, first
/// and last) touch.
pub fn fixes(
    known: &Known,
    place: &Place,
    text: &str,
    found: &[Diagnostic],
    lines: (usize, usize),
) -> Vec<Fix> {
    if place.what != What::Entry {
        return Vec::new();
    }
    let Some(front) = front(text) else {
        return Vec::new();
    };
    let mut all: Vec<Fix> = Vec::new();
    for d in found {
        let Some((title, edit)) = fix(known, text, &front, d) else {
            continue;
        };
        // A tag both outside the journal's list and like a common tag
        // has one fix for two diagnostics: offered once.
        if all.iter().any(|f| f.edits == [edit.clone()]) {
            continue;
        }
        all.push(Fix {
            title,
            edits: vec![edit],
            fixes: Some(d.clone()),
        });
    }
    all.extend(ids_for_titles(known, place, text, lines));
    all
}

/// The fix of one diagnostic: its title and its edit.
fn fix(
    known: &Known,
    text: &str,
    front: &Front,
    d: &Diagnostic,
) -> Option<(String, (Range<usize>, String))> {
    let meant = || quoted_after(d.hint.as_deref()?, "did you mean `");
    let change = |range: Range<usize>, to: String| {
        let title = format!("Change `{}` to `{to}`", &text[range.clone()]);
        Some((title, (range, scalar(&to, true))))
    };
    match d.code {
        "kind" => change(value_of(text, front, d.line, "kind", None)?, meant()?),
        "status" => {
            let wrong = quoted_after(&d.message, "status `")?;
            change(
                value_of(text, front, d.line, "status", Some(&wrong))?,
                meant()?,
            )
        }
        "unknown-tag" => change(super::diagnose::span(text, d.line, d.column), meant()?),
        "look-alike-tag" => {
            let common = quoted_after(&d.message, "looks like `")?;
            change(super::diagnose::span(text, d.line, d.column), common)
        }
        "unknown-key" => {
            let key = quoted_after(&d.message, "unknown key `")?;
            let range = key_of(text, front, d.line, &key)?;
            let to = meant()?;
            Some((format!("Change `{key}` to `{to}`"), (range, to)))
        }
        "idea-without-title" => {
            let id = quoted_after(&d.message, "idea `")?;
            let titled: Vec<&str> = known.titled.keys().map(|id| id.as_str()).collect();
            let near = did_you_mean(&id, &titled)?.to_string();
            change(value_of(text, front, d.line, "id", Some(&id))?, near)
        }
        "comma-in-text" => {
            let one = quoted_after(&d.message, "`")?;
            let list = quoted_after(d.hint.as_deref()?, "write a list: `")?;
            let (key, list) = list.split_once(": ")?;
            let range = value_of(text, front, d.line, key, Some(&one))?;
            Some((
                format!("Write `{key}` as a list"),
                (range, list.to_string()),
            ))
        }
        _ => None,
    }
}

/// The text in backticks after `before` in `text`: to `` `? `` after a
/// did-you-mean, to the last backtick of a list, else to the next one.
fn quoted_after(text: &str, before: &str) -> Option<String> {
    let start = text.find(before)? + before.len();
    let rest = &text[start..];
    let end = match before {
        "did you mean `" => rest.find("`?")?,
        "write a list: `" => rest.rfind('`')?,
        _ => rest.find('`')?,
    };
    Some(rest[..end].to_string())
}

/// The value of `key:` on `line` or a line after it in the front matter
/// (the first whose value is `value`, when given): its bytes, quotes
/// included, without a comment.
fn value_of(
    text: &str,
    front: &Front,
    line: usize,
    key: &str,
    value: Option<&str>,
) -> Option<Range<usize>> {
    let (_, found) = find_key(text, front, line, key, |written| {
        !written.is_empty() && value.is_none_or(|v| v == written)
    })?;
    Some(found)
}

/// The key `key` written on `line` or after it in the front matter.
fn key_of(text: &str, front: &Front, line: usize, key: &str) -> Option<Range<usize>> {
    Some(find_key(text, front, line, key, |_| true)?.0)
}

/// The first `key:` on `line` or after it in the front matter whose value
/// (unquoted) is `wanted`: where the key and the value are.
fn find_key(
    text: &str,
    front: &Front,
    line: usize,
    key: &str,
    wanted: impl Fn(&str) -> bool,
) -> Option<(Range<usize>, Range<usize>)> {
    let key_colon = format!("{key}:");
    for number in line.. {
        let range = line_range(text, number);
        if range.start >= front.yaml.end {
            return None;
        }
        let content = &text[range.clone()];
        let mut from = 0;
        while let Some(found) = content[from..].find(&key_colon) {
            let at = from + found;
            from = at + key_colon.len();
            let boundary = content[..at]
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, ' ' | '-' | '{' | ','));
            let after = &content[from..];
            if !boundary || !(after.is_empty() || after.starts_with([' ', '\t'])) {
                continue;
            }
            let start = from + (after.len() - after.trim_start().len());
            let flow = content[..at].contains(['{', '[']);
            let end = value_end(content, start, flow);
            if wanted(super::front::unquoted(&content[start..end])) {
                let key = range.start + at..range.start + at + key.len();
                return Some((key, range.start + start..range.start + end));
            }
        }
    }
    None
}

/// Where a value starting at `start` of `line` ends: at a comment, at the
/// end of its quotes, or (in a flow mapping) at the next `,` or `}`.
fn value_end(line: &str, start: usize, flow: bool) -> usize {
    let rest = &line[start..];
    if let Some(quote @ ('\'' | '"')) = rest.chars().next() {
        return start + rest[1..].find(quote).map_or(rest.len(), |end| end + 2);
    }
    let mut end = rest.find(" #").unwrap_or(rest.len());
    if flow {
        end = end.min(rest.find([',', '}', ']']).unwrap_or(rest.len()));
    }
    start + rest[..end].trim_end().len()
}

/// For each idea of the entry written as a title alone, on the lines
/// asked about, whose title is the title of an idea with an id: that id.
fn ids_for_titles(known: &Known, place: &Place, text: &str, lines: (usize, usize)) -> Vec<Fix> {
    let Some(entry) = known.entry_of(place, text) else {
        return Vec::new();
    };
    let starts = idea_lines(text, entry.ideas.len());
    let mut fixes = Vec::new();
    for (position, idea) in entry.ideas.iter().enumerate() {
        if idea.id.is_some() || idea.title.is_none() {
            continue;
        }
        let IdeaKey::Id(id) = known.keys.key(idea) else {
            continue;
        };
        let Some(id) = known.written_id(place, &id) else {
            continue;
        };
        let first = starts[position];
        let last = starts
            .get(position + 1)
            .map_or(first, |next| next - 1)
            .max(first);
        let ideas_line = starts.iter().all(|&l| l == first);
        if ideas_line || last < lines.0 || first > lines.1 {
            continue;
        }
        let Some(edit) = add_id(text, first, id) else {
            continue;
        };
        fixes.push(Fix {
            title: format!("Give this idea the id `{id}`, of the idea with the same title"),
            edits: vec![edit],
            fixes: None,
        });
    }
    fixes
}

/// The edit that adds `id: ID` to the idea whose item starts on `line`:
/// `- Title` becomes `- id: ID` and `title: Title` below it; `- title: T`
/// gets an `id:` line before; `- { title: T }` gets `id: ID, ` inside.
fn add_id(text: &str, line: usize, id: &str) -> Option<(Range<usize>, String)> {
    let range = line_range(text, line);
    let content = &text[range.clone()];
    let dash = content.find("- ")?;
    let item = dash + 2 + (content[dash + 2..].len() - content[dash + 2..].trim_start().len());
    let at = range.start + item;
    let id = scalar(id, true);
    let rest = &content[item..];
    let align = " ".repeat(item);
    if let Some(inside) = rest.strip_prefix('{') {
        let spaces = inside.len() - inside.trim_start().len();
        let at = at + 1 + spaces;
        return Some((at..at, format!("id: {id}, ")));
    }
    let mapping = rest.split_once(':').is_some_and(|(key, after)| {
        !key.contains(' ') && (after.is_empty() || after.starts_with(' '))
    });
    match mapping {
        true => Some((at..at, format!("id: {id}\n{align}"))),
        false => Some((at..at, format!("id: {id}\n{align}title: "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        let hint = "did you mean `frontline`? The kinds are frontline, peer";
        assert_eq!(
            quoted_after(hint, "did you mean `").as_deref(),
            Some("frontline")
        );
        let msg = "idea `X`: status `shiped` is not one of this journal's statuses";
        assert_eq!(quoted_after(msg, "status `").as_deref(), Some("shiped"));
        let hint = "for several, write a list: `people: [Mei Chen, Sam O'Neil]`";
        assert_eq!(
            quoted_after(hint, "write a list: `").as_deref(),
            Some("people: [Mei Chen, Sam O'Neil]")
        );
        let msg = "tag `moble` looks like `mobile` (in 2 entries)";
        assert_eq!(quoted_after(msg, "looks like `").as_deref(), Some("mobile"));
    }

    fn applied(text: &str, edit: (Range<usize>, String)) -> String {
        let mut out = text.to_string();
        out.replace_range(edit.0, &edit.1);
        out
    }

    #[test]
    fn values_and_keys_found_below_a_line() {
        let text =
            "---\nideas:\n  - { title: X, status: shiped }\n  - title: Y\n    staus: new\n---\n";
        let front = front(text).unwrap();
        let status = value_of(text, &front, 2, "status", Some("shiped")).unwrap();
        assert_eq!(&text[status], "shiped");
        let key = key_of(text, &front, 2, "staus").unwrap();
        assert_eq!(&text[key], "staus");
        assert_eq!(value_of(text, &front, 2, "status", Some("new")), None);
    }

    #[test]
    fn ids_added_to_each_form_of_idea() {
        let text = "---\nideas:\n  - Aisle finder\n  - title: Aisle finder\n    status: new\n  - { title: Aisle finder }\n---\n";
        assert_eq!(
            applied(text, add_id(text, 3, "f").unwrap()),
            text.replace("  - Aisle finder\n", "  - id: f\n    title: Aisle finder\n")
        );
        assert_eq!(
            applied(text, add_id(text, 4, "f").unwrap()),
            text.replace(
                "  - title: Aisle finder\n",
                "  - id: f\n    title: Aisle finder\n"
            )
        );
        assert_eq!(
            applied(text, add_id(text, 6, "f").unwrap()),
            text.replace("{ title", "{ id: f, title")
        );
    }
}
