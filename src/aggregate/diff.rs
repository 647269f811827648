//! What a change does to a journal: two versions of it in, the differences a
//! reviewer cares about out. Pure: the versions come from the working tree,
//! a commit or the staging area, read by the one loader.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use crate::aggregate::history::History;
use crate::aggregate::history::Story;
use crate::aggregate::record::whole_or_fraction_f64;
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::Entry;
use crate::model::idea::IdeaKey;
use crate::model::text::Texts;
use crate::parse::markdown;

mod fields;
mod renames;

pub use fields::{FieldChange, Value, Values};

/// One side of the comparison.
pub struct Version<'a> {
    /// Readable entries, sorted by date, then path.
    pub entries: &'a [Entry],
    /// Entry files that could not be read as entries, each with why: the
    /// message of its first error.
    pub broken: &'a BTreeMap<String, String>,
    pub default_status: &'a str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// `HEAD`, `main`, `the merge base of main and HEAD`, `the working tree`.
    pub label: String,
    /// The commit, abbreviated; null for the working tree or the staging area.
    pub commit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalDiff {
    pub from: Side,
    pub to: Side,
    pub entries: Vec<EntryChange>,
    pub ideas: Vec<IdeaChange>,
    /// Block quotes that the change adds.
    pub quotes: Vec<NewQuote>,
    pub totals: TotalsChange,
    /// What `check` finds in the added, changed and renamed entries.
    pub problems: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Changed,
    Renamed,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryChange {
    pub change: Change,
    pub path: String,
    /// Where a renamed entry was.
    pub from_path: Option<String>,
    /// Null when the entry cannot be read (its problems say why).
    pub date: Option<Date>,
    pub kind: Option<String>,
    pub site: Option<String>,
    pub people: Texts,
    /// Why the entry cannot be read (a removed one: could not), in one
    /// phrase: the message of its first error. Null when it can.
    pub problem: Option<String>,
    /// For a changed or renamed entry, each field that differs, with its
    /// values before and after.
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdeaChangeKind {
    /// Mentioned for the first time.
    Raised,
    /// Its status moved.
    Moved,
    /// Its owner changed.
    Owner,
    /// The title it was first given changed.
    Title,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaChange {
    pub change: IdeaChangeKind,
    pub id: Option<String>,
    pub title: String,
    /// The status, owner or title before; null for a raised idea or a first owner.
    pub from: Option<String>,
    /// The status, owner or title after.
    pub to: Option<String>,
    /// The entry that says so.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewQuote {
    pub text: String,
    pub date: Date,
    pub site: String,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsChange {
    pub before: Totals,
    pub after: Totals,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub entries: usize,
    /// Of the entries that give a count.
    pub customers: u64,
    /// Entries without `customers:`: unknown, so not in the sum.
    pub entries_without_customers: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
    /// Entries without `hours:`.
    pub entries_without_hours: usize,
    /// Distinct people who went out.
    pub people: usize,
}

/// Compares two versions of a journal. Ideas are compared as they stand on
/// `today`, as everywhere else: mentions dated later do not count yet.
/// `problems` are passed through.
pub fn compare(
    from: (Side, &Version),
    to: (Side, &Version),
    today: Date,
    problems: Vec<Diagnostic>,
) -> JournalDiff {
    let (old, new) = (from.1, to.1);
    let entries = entry_changes(old, new);
    let ideas = idea_changes(old, new, today);
    let quotes = new_quotes(old, new, &entries);
    JournalDiff {
        from: from.0,
        to: to.0,
        entries,
        ideas,
        quotes,
        totals: TotalsChange {
            before: totals(old.entries),
            after: totals(new.entries),
        },
        problems,
    }
}

/// The entry paths the change adds, changes or renames: where its problems matter.
pub fn touched(diff: &[EntryChange]) -> BTreeSet<String> {
    diff.iter()
        .filter(|e| e.change != Change::Removed)
        .map(|e| e.path.clone())
        .collect()
}

fn by_path<'a>(version: &Version<'a>) -> BTreeMap<&'a str, &'a Entry> {
    version
        .entries
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect()
}

/// An entry file on one side: an entry, or why it is not one.
#[derive(Clone, Copy)]
enum Found<'a> {
    Entry(&'a Entry),
    Broken(&'a str),
}

impl<'a> Found<'a> {
    fn at(version: &Version<'a>, entries: &BTreeMap<&str, &'a Entry>, path: &str) -> Option<Self> {
        match entries.get(path) {
            Some(entry) => Some(Found::Entry(entry)),
            None => version.broken.get(path).map(|why| Found::Broken(why)),
        }
    }

    fn entry(self) -> Option<&'a Entry> {
        match self {
            Found::Entry(entry) => Some(entry),
            Found::Broken(_) => None,
        }
    }
}

fn entry_changes(old: &Version, new: &Version) -> Vec<EntryChange> {
    let (before, after) = (by_path(old), by_path(new));
    let paths: BTreeSet<&str> = before
        .keys()
        .chain(after.keys())
        .copied()
        .chain(old.broken.keys().map(String::as_str))
        .chain(new.broken.keys().map(String::as_str))
        .collect();
    let mut changes = Vec::new();
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for path in paths {
        match (Found::at(old, &before, path), Found::at(new, &after, path)) {
            (None, Some(is)) => added.push((path, is)),
            (Some(was), None) => removed.push((path, was)),
            (Some(was), Some(is)) => {
                let fields = differences(was, is);
                if !fields.is_empty() {
                    changes.push(row(Change::Changed, path, None, is, fields));
                }
            }
            (None, None) => {}
        }
    }
    changes.extend(renamed_added_and_removed(added, removed));
    changes.sort_by(|a, b| (a.change, a.date, &a.path).cmp(&(b.change, b.date, &b.path)));
    changes
}

/// The entries only one side has: a removed entry and an added one that
/// share most of their content are one entry renamed (see [`renames`]).
fn renamed_added_and_removed<'a>(
    added: Vec<(&str, Found<'a>)>,
    removed: Vec<(&str, Found<'a>)>,
) -> Vec<EntryChange> {
    // Only entries can be compared: an unreadable file stays added or removed.
    let readable = |files: &[(&str, Found<'a>)]| -> (Vec<usize>, Vec<&'a Entry>) {
        (0..files.len())
            .filter_map(|i| Some((i, files[i].1.entry()?)))
            .unzip()
    };
    let ((from, from_entries), (to, to_entries)) = (readable(&removed), readable(&added));
    let mut paired_from = vec![false; removed.len()];
    let mut paired_to = vec![false; added.len()];
    let mut changes = Vec::new();
    for (i, j) in renames::pairs(&from_entries, &to_entries) {
        let ((old_path, was), (path, is)) = (removed[from[i]], added[to[j]]);
        (paired_from[from[i]], paired_to[to[j]]) = (true, true);
        let fields = differences(was, is);
        changes.push(row(Change::Renamed, path, Some(old_path), is, fields));
    }
    for (i, (path, is)) in added.into_iter().enumerate() {
        if !paired_to[i] {
            changes.push(row(Change::Added, path, None, is, Vec::new()));
        }
    }
    for (i, (path, was)) in removed.into_iter().enumerate() {
        if !paired_from[i] {
            changes.push(row(Change::Removed, path, None, was, Vec::new()));
        }
    }
    changes
}

fn row(
    change: Change,
    path: &str,
    from_path: Option<&str>,
    found: Found,
    fields: Vec<FieldChange>,
) -> EntryChange {
    let (entry, problem) = match found {
        Found::Entry(e) => (Some(e), None),
        Found::Broken(why) => (None, Some(why.to_string())),
    };
    EntryChange {
        change,
        path: path.to_string(),
        from_path: from_path.map(String::from),
        date: entry.map(|e| e.date),
        kind: entry.map(|e| e.kind.to_string()),
        site: entry.map(|e| e.site.to_string()),
        people: entry.map(|e| e.people.clone()).unwrap_or_default(),
        problem,
        fields,
    }
}

/// How two versions of an entry file differ: field by field when both are
/// entries, else in what makes one of them unreadable.
fn differences(before: Found, after: Found) -> Vec<FieldChange> {
    let why = |found: Found| match found {
        Found::Entry(_) => Value::None,
        Found::Broken(why) => Value::Text(why.to_string()),
    };
    match (before, after) {
        (Found::Entry(a), Found::Entry(b)) => fields::differences(a, b),
        (a, b) if why(a) == why(b) => Vec::new(),
        (a, b) => vec![FieldChange::value("problem", why(a), why(b))],
    }
}

fn idea_changes(old: &Version, new: &Version, today: Date) -> Vec<IdeaChange> {
    let before = History::new(old.entries, old.default_status);
    let after = History::new(new.entries, new.default_status);
    let mut changes = Vec::new();
    for story in after.stories().filter(|s| s.raised() <= today) {
        let key = &story.key;
        let Some(earlier) = before.story(key).filter(|s| s.raised() <= today) else {
            changes.push(change(
                IdeaChangeKind::Raised,
                story,
                story.status_on(today).map(String::from),
                latest(story, today, |_| true),
            ));
            continue;
        };
        let status = |s: &Story| s.status_on(today).map(String::from);
        if status(earlier) != status(story) {
            changes.push(IdeaChange {
                from: status(earlier),
                ..change(
                    IdeaChangeKind::Moved,
                    story,
                    status(story),
                    latest(story, today, |m| m.idea.status.is_some()),
                )
            });
        }
        let owner = |s: &Story| s.owner_on(today).map(|o| o.to_string());
        if owner(earlier) != owner(story) && owner(story).is_some() {
            changes.push(IdeaChange {
                from: owner(earlier),
                ..change(
                    IdeaChangeKind::Owner,
                    story,
                    owner(story),
                    latest(story, today, |m| m.idea.owner.is_some()),
                )
            });
        }
        if earlier.title != story.title {
            let named = story.mentions.iter().find(|m| m.idea.title.is_some());
            changes.push(IdeaChange {
                from: Some(earlier.title.to_string()),
                ..change(
                    IdeaChangeKind::Title,
                    story,
                    Some(story.title.to_string()),
                    named.map(|m| m.entry.path.clone()).unwrap_or_default(),
                )
            });
        }
    }
    changes.sort_by(|a, b| (a.change, &a.title).cmp(&(b.change, &b.title)));
    changes
}

fn change(kind: IdeaChangeKind, story: &Story, to: Option<String>, path: String) -> IdeaChange {
    IdeaChange {
        change: kind,
        id: match &story.key {
            IdeaKey::Id(id) => Some(id.to_string()),
            IdeaKey::Title(_) => None,
        },
        title: story.title.to_string(),
        from: None,
        to,
        path,
    }
}

/// The path of the latest mention up to `today` for which `says` holds.
fn latest(
    story: &Story,
    today: Date,
    says: impl Fn(&crate::aggregate::history::Mention) -> bool,
) -> String {
    story.mentions[..story.count_until(today)]
        .iter()
        .rev()
        .find(|m| says(m))
        .or(story.mentions.last())
        .map(|m| m.entry.path.clone())
        .unwrap_or_default()
}

/// The block quotes in added, changed and renamed entries that their earlier
/// version did not have.
fn new_quotes(old: &Version, new: &Version, changes: &[EntryChange]) -> Vec<NewQuote> {
    let (before, after) = (by_path(old), by_path(new));
    let mut quotes = Vec::new();
    for change in changes.iter().filter(|c| c.change != Change::Removed) {
        let Some(entry) = after.get(change.path.as_str()) else {
            continue;
        };
        let earlier = change.from_path.as_deref().unwrap_or(&change.path);
        let mut had: Vec<String> = before
            .get(earlier)
            .map(|e| markdown::block_quotes(&e.body))
            .unwrap_or_default();
        for text in markdown::block_quotes(&entry.body) {
            match had.iter().position(|t| *t == text) {
                Some(i) => {
                    had.swap_remove(i);
                }
                None => quotes.push(NewQuote {
                    text,
                    date: entry.date,
                    site: entry.site.to_string(),
                    path: entry.path.clone(),
                }),
            }
        }
    }
    quotes.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    quotes
}

fn totals(entries: &[Entry]) -> Totals {
    let people: BTreeSet<String> = entries
        .iter()
        .flat_map(|e| &e.people)
        .map(|p| p.trim().to_lowercase())
        .collect();
    Totals {
        entries: entries.len(),
        customers: entries.iter().filter_map(|e| e.customers).sum(),
        entries_without_customers: entries.iter().filter(|e| e.customers.is_none()).count(),
        hours: entries.iter().filter_map(|e| e.hours).sum(),
        entries_without_hours: entries.iter().filter(|e| e.hours.is_none()).count(),
        people: people.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::Idea;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn side(label: &str) -> Side {
        Side {
            label: label.into(),
            commit: None,
        }
    }

    fn idea(status: &str) -> Idea {
        Idea {
            id: Some("f".into()),
            title: Some("Finder".into()),
            status: Some(status.into()),
            tags: Default::default(),
            owner: None,
            unknown_keys: Default::default(),
        }
    }

    #[test]
    fn entries_added_changed_renamed_and_removed() {
        let mut kept = entry("kept.md", date(2026, 1, 1), "A", &[]);
        kept.ideas = vec![idea("new")].into();
        kept.body = "> one\n".into();
        let mut moved = entry("old-name.md", date(2026, 1, 2), "B", &[]);
        moved.body = "> what they said\n\nWhat we saw.\n".into();
        let dropped = entry("dropped.md", date(2026, 1, 3), "C", &[]);
        let old = vec![kept.clone(), moved.clone(), dropped];
        let mut kept2 = kept.clone();
        kept2.ideas = vec![idea("planned")].into();
        kept2.body = "> one\n\n> two\n".into();
        kept2.customers = Some(4);
        let mut moved2 = moved.clone();
        moved2.path = "new-name.md".into();
        moved2.hours = Some(2.0);
        let mut added = entry("added.md", date(2026, 1, 4), "D", &[]);
        added.people = vec!["Ann"].into();
        let new = vec![kept2, moved2, added];
        let none = BTreeMap::new();
        let broken: BTreeMap<String, String> =
            [("broken.md".to_string(), "`date`: is missing".to_string())].into();
        let version = |entries, broken| Version {
            entries,
            broken,
            default_status: "new",
        };
        let diff = compare(
            (side("HEAD"), &version(&old, &none)),
            (side("work"), &version(&new, &broken)),
            date(2026, 12, 31),
            vec![],
        );
        let rows: Vec<(Change, &str, Option<&str>, Vec<&str>)> = diff
            .entries
            .iter()
            .map(|e| {
                (
                    e.change,
                    e.path.as_str(),
                    e.from_path.as_deref(),
                    e.fields.iter().map(|f| f.field).collect(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (Change::Added, "broken.md", None, vec![]),
                (Change::Added, "added.md", None, vec![]),
                (
                    Change::Changed,
                    "kept.md",
                    None,
                    vec!["customers", "status", "text"]
                ),
                (
                    Change::Renamed,
                    "new-name.md",
                    Some("old-name.md"),
                    vec!["hours"]
                ),
                (Change::Removed, "dropped.md", None, vec![]),
            ]
        );
        assert_eq!(diff.entries[0].date, None);
        assert_eq!(
            diff.entries[0].problem.as_deref(),
            Some("`date`: is missing")
        );
        assert_eq!(
            diff.ideas,
            [IdeaChange {
                change: IdeaChangeKind::Moved,
                id: Some("f".into()),
                title: "Finder".into(),
                from: Some("new".into()),
                to: Some("planned".into()),
                path: "kept.md".into()
            }]
        );
        assert_eq!(diff.quotes.len(), 1);
        assert_eq!(diff.quotes[0].text, "two");
        assert_eq!(
            (
                diff.totals.before.entries,
                diff.totals.after.entries,
                diff.totals.after.people
            ),
            // Wayne Shurts in every entry, and Ann in the added one.
            (3, 3, 2)
        );
        assert_eq!(
            touched(&diff.entries).into_iter().collect::<Vec<_>>(),
            ["added.md", "broken.md", "kept.md", "new-name.md"]
        );
    }
}
