//! What a change does to a journal: two versions of it in, the differences a
//! reviewer cares about out. Pure: the versions come from the working tree,
//! a commit or the staging area, read by the one loader.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::aggregate::history::History;
use crate::aggregate::history::Story;
use crate::aggregate::record::whole_or_fraction_f64;
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::Entry;
use crate::model::idea::IdeaKey;
use crate::model::text::Texts;
use crate::parse::markdown;

/// One side of the comparison.
pub struct Version<'a> {
    /// Readable entries, sorted by date, then path.
    pub entries: &'a [Entry],
    /// Entry files that could not be read as entries.
    pub unreadable: &'a BTreeSet<String>,
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
    /// For a changed or renamed entry, the fields that differ: `date`,
    /// `kind`, `site`, `role`, `title`, `people`, `customers`, `hours`,
    /// `tags`, `ideas`, `text`, `other keys`, or `readable` when it became
    /// readable or unreadable.
    pub fields: Vec<&'static str>,
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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaChange {
    pub change: IdeaChangeKind,
    pub id: Option<String>,
    pub title: String,
    /// The status or owner before; null for a raised idea or a first owner.
    pub from: Option<String>,
    /// The status or owner after.
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
    pub customers: u64,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
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

fn entry_changes(old: &Version, new: &Version) -> Vec<EntryChange> {
    let (before, after) = (by_path(old), by_path(new));
    let exists = |v: &Version, map: &BTreeMap<&str, &Entry>, path: &str| {
        map.contains_key(path) || v.unreadable.contains(path)
    };
    let mut changes = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    let mut removed: Vec<&str> = Vec::new();
    let paths: BTreeSet<&str> = before
        .keys()
        .chain(after.keys())
        .copied()
        .chain(old.unreadable.iter().map(String::as_str))
        .chain(new.unreadable.iter().map(String::as_str))
        .collect();
    for path in paths {
        match (exists(old, &before, path), exists(new, &after, path)) {
            (false, true) => added.push(path),
            (true, false) => removed.push(path),
            (true, true) => {
                let fields = differences(before.get(path).copied(), after.get(path).copied());
                if !fields.is_empty() {
                    changes.push(row(Change::Changed, path, None, after.get(path), fields));
                }
            }
            (false, false) => {}
        }
    }
    // A removed entry that comes back under another name, with the same date,
    // kind, site and title, was renamed.
    let mut renamed_from: HashMap<(Date, &str, String, &str), Vec<&str>> = HashMap::new();
    for path in &removed {
        if let Some(e) = before.get(path) {
            renamed_from.entry(rename_key(e)).or_default().push(path);
        }
    }
    let mut gone: BTreeSet<&str> = removed.iter().copied().collect();
    for path in added {
        let entry = after.get(path).copied();
        let origin = entry
            .and_then(|e| renamed_from.get_mut(&rename_key(e)))
            .and_then(|paths| paths.pop());
        match origin {
            Some(from) => {
                gone.remove(from);
                let fields = differences(before.get(from).copied(), entry);
                changes.push(row(
                    Change::Renamed,
                    path,
                    Some(from),
                    entry.as_ref(),
                    fields,
                ));
            }
            None => changes.push(row(Change::Added, path, None, entry.as_ref(), Vec::new())),
        }
    }
    for path in gone {
        changes.push(row(
            Change::Removed,
            path,
            None,
            before.get(path),
            Vec::new(),
        ));
    }
    changes.sort_by(|a, b| (a.change, a.date, &a.path).cmp(&(b.change, b.date, &b.path)));
    changes
}

fn rename_key(e: &Entry) -> (Date, &str, String, &str) {
    (e.date, e.kind.as_str(), e.site.to_lowercase(), &e.title)
}

fn row(
    change: Change,
    path: &str,
    from_path: Option<&str>,
    entry: Option<&&Entry>,
    fields: Vec<&'static str>,
) -> EntryChange {
    EntryChange {
        change,
        path: path.to_string(),
        from_path: from_path.map(String::from),
        date: entry.map(|e| e.date),
        kind: entry.map(|e| e.kind.to_string()),
        site: entry.map(|e| e.site.to_string()),
        people: entry.map(|e| e.people.clone()).unwrap_or_default(),
        fields,
    }
}

/// The fields in which two versions of an entry differ.
fn differences(before: Option<&Entry>, after: Option<&Entry>) -> Vec<&'static str> {
    let (a, b) = match (before, after) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => return Vec::new(),
        // Readable on one side only: the file changed, and how is in its problems.
        _ => return vec!["readable"],
    };
    let mut fields = Vec::new();
    let mut differ = |name: &'static str, different: bool| {
        if different {
            fields.push(name);
        }
    };
    differ("date", a.date != b.date);
    differ("kind", a.kind != b.kind);
    differ("site", a.site != b.site);
    differ("role", a.role != b.role);
    differ("title", a.title != b.title);
    differ("people", a.people != b.people);
    differ("customers", a.customers != b.customers);
    differ("hours", a.hours != b.hours);
    differ("tags", a.tags != b.tags);
    differ("ideas", a.ideas != b.ideas);
    differ("text", a.body != b.body);
    differ("other keys", a.unknown_keys != b.unknown_keys);
    fields
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
        hours: entries.iter().filter_map(|e| e.hours).sum(),
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
        let moved = entry("old-name.md", date(2026, 1, 2), "B", &[]);
        let dropped = entry("dropped.md", date(2026, 1, 3), "C", &[]);
        let old = vec![kept.clone(), moved.clone(), dropped];
        let mut kept2 = kept.clone();
        kept2.ideas = vec![idea("planned")].into();
        kept2.body = "> one\n\n> two\n".into();
        kept2.customers = Some(4);
        let mut moved2 = moved.clone();
        moved2.path = "new-name.md".into();
        let mut added = entry("added.md", date(2026, 1, 4), "D", &[]);
        added.people = vec!["Ann"].into();
        let new = vec![kept2, moved2, added];
        let none = BTreeSet::new();
        let broken: BTreeSet<String> = ["broken.md".to_string()].into();
        let version = |entries, unreadable| Version {
            entries,
            unreadable,
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
                    e.fields.clone(),
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
                    vec!["customers", "ideas", "text"]
                ),
                (Change::Renamed, "new-name.md", Some("old-name.md"), vec![]),
                (Change::Removed, "dropped.md", None, vec![]),
            ]
        );
        assert_eq!(diff.entries[0].date, None);
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
