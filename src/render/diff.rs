//! Draws a [`JournalDiff`] for a terminal or as Markdown to paste into a pull
//! request: what changed in the entries, the ideas, the quotes and the totals,
//! and what `check` finds in the changed entries.

use super::document::{Block, Document, Quoted, Section};
use super::escape_controls;
use super::table::{Column, Table, number, signed};
use crate::aggregate::diff::{
    Change, EntryChange, FieldChange, IdeaChange, IdeaChangeKind, JournalDiff, Side, Totals, Value,
    Values,
};
use crate::model::diagnostic::Severity;

pub fn page(diff: &JournalDiff) -> Document {
    let mut sections = vec![Section::new("Entries", entries(&diff.entries))];
    // A list, not a column of the table: an entry's changes can run to a
    // paragraph, which a list item wraps well (in a pull request too) and a
    // table cell does not.
    sections.extend(what_changed(&diff.entries));
    sections.extend([
        Section::new("Ideas", ideas(&diff.ideas)),
        Section::new("New quotes", quotes(diff)),
        Section::new("Totals", totals_and_unknowns(diff)),
        Section::new("Problems in the changed entries", problems(diff)),
    ]);
    Document {
        title: format!("Journal changes: {} → {}", side(&diff.from), side(&diff.to)),
        intro: vec![Block::Note(summary(diff))],
        sections,
    }
}

fn side(side: &Side) -> String {
    match &side.commit {
        Some(commit) => format!("{} ({commit})", side.label),
        None => side.label.clone(),
    }
}

/// `Entries: 2 added, 1 changed. Ideas: 1 raised, 1 moved. 2 new quotes. Problems: 1 error.`
fn summary(diff: &JournalDiff) -> String {
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let counts = |pairs: Vec<(usize, &str)>| -> Vec<String> {
        pairs
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, word)| format!("{n} {word}"))
            .collect()
    };
    let entries = |change: Change| diff.entries.iter().filter(|e| e.change == change).count();
    let ideas = |kind: IdeaChangeKind| diff.ideas.iter().filter(|i| i.change == kind).count();
    let entry_counts = counts(vec![
        (entries(Change::Added), "added"),
        (entries(Change::Changed), "changed"),
        (entries(Change::Renamed), "renamed"),
        (entries(Change::Removed), "removed"),
    ]);
    let idea_counts = counts(vec![
        (ideas(IdeaChangeKind::Raised), "raised"),
        (ideas(IdeaChangeKind::Moved), "moved"),
        (ideas(IdeaChangeKind::Owner), "with a new owner"),
        (ideas(IdeaChangeKind::Title), "retitled"),
    ]);
    let mut sentences = vec![match entry_counts.is_empty() {
        true => "No entry changed.".to_string(),
        false => format!("Entries: {}.", entry_counts.join(", ")),
    }];
    if !idea_counts.is_empty() {
        sentences.push(format!("Ideas: {}.", idea_counts.join(", ")));
    }
    if !diff.quotes.is_empty() {
        sentences.push(format!("{}.", plural(diff.quotes.len(), "new quote")));
    }
    let errors = diff
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let problems = counts(vec![
        (errors, if errors == 1 { "error" } else { "errors" }),
        (
            diff.problems.len() - errors,
            if diff.problems.len() - errors == 1 {
                "warning"
            } else {
                "warnings"
            },
        ),
    ]);
    sentences.push(match problems.is_empty() {
        true => "No problems.".to_string(),
        false => format!("Problems: {}.", problems.join(", ")),
    });
    sentences.join(" ")
}

fn entries(changes: &[EntryChange]) -> Vec<Block> {
    if changes.is_empty() {
        return vec![Block::Note(
            "No entry was added, changed or removed.".into(),
        )];
    }
    let mut table = Table::new(vec![
        Column::left("change", "Change"),
        Column::left("date", "Date"),
        Column::left("kind", "Kind"),
        Column::left("site", "Site"),
        Column::left("people", "People"),
        Column::left("path", "Entry"),
    ]);
    for e in changes {
        table.push(vec![
            format!("{:?}", e.change).to_lowercase(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.kind.clone().unwrap_or_default(),
            e.site.clone().unwrap_or_default(),
            e.people.join(", "),
            e.path.clone(),
        ]);
    }
    vec![Block::Table(table)]
}

/// What changed in each changed or renamed entry, and what is wrong with
/// each one that cannot be read; nothing when no entry has anything to say.
fn what_changed(changes: &[EntryChange]) -> Option<Section> {
    let said: Vec<(String, String)> = changes
        .iter()
        .map(|e| (escape_controls(&e.path, false).into_owned(), changes_in(e)))
        .filter(|(_, what)| !what.is_empty())
        .collect();
    (!said.is_empty()).then(|| Section::new("What changed", vec![Block::Fields(said)]))
}

/// `renamed from …; customers: 23 → 25; tags: +pricing −coupons;
/// aisle-finder: status exploring → planned, owner none → Ann Berg`, or
/// what makes the entry unreadable.
fn changes_in(e: &EntryChange) -> String {
    let mut what: Vec<String> = e
        .from_path
        .iter()
        .map(|p| format!("renamed from {p}"))
        .collect();
    // What was wrong with a file now removed is no longer anyone's concern.
    let said = e.change == Change::Removed || e.fields.iter().any(|f| f.field == "problem");
    what.extend(e.problem.clone().filter(|_| !said));
    // The changes of one idea read as one.
    for group in e
        .fields
        .chunk_by(|a, b| a.idea.is_some() && a.idea == b.idea)
    {
        match &group[0].idea {
            Some(idea) => {
                let each: Vec<String> = group.iter().map(|f| field(f, " ")).collect();
                what.push(format!("{idea}: {}", each.join(", ")));
            }
            None => what.extend(group.iter().map(|f| field(f, ": "))),
        }
    }
    what.join("; ")
}

/// One field's change: `customers: 23 → 25`, `tags: +pricing −coupons`,
/// `text: +2 −1 lines`; `between` goes after the field's name.
fn field(f: &FieldChange, between: &str) -> String {
    let name = f.field;
    match &f.values {
        // Only what is wrong now, or what was wrong and is mended.
        Values::Value { from, to } if name == "problem" => match to {
            Value::None => format!("fixed: {}", value(from)),
            _ => value(to),
        },
        Values::Value { from, to } => {
            let shown = |v: &Value| match v {
                // A count not given is unknown, not zero and not nothing.
                Value::None if matches!(name, "customers" | "hours") => "unknown".to_string(),
                v => value(v),
            };
            format!("{name}{between}{} → {}", shown(from), shown(to))
        }
        Values::Items { added, removed } => {
            let signed: Vec<String> = (added.iter().map(|a| format!("+{a}")))
                .chain(removed.iter().map(|r| format!("−{r}")))
                .collect();
            format!("{name}{between}{}", signed.join(" "))
        }
        Values::Lines {
            lines_added: 0,
            lines_removed: 0,
        } => format!("{name}{between}lines moved"),
        Values::Lines {
            lines_added,
            lines_removed,
        } => {
            let mut counts = Vec::new();
            if *lines_added > 0 {
                counts.push(format!("+{lines_added}"));
            }
            if *lines_removed > 0 {
                counts.push(format!("−{lines_removed}"));
            }
            let lines = if lines_added + lines_removed == 1 {
                "line"
            } else {
                "lines"
            };
            format!("{name}{between}{} {lines}", counts.join(" "))
        }
    }
}

fn value(v: &Value) -> String {
    match v {
        Value::None => "none".into(),
        Value::Text(text) => text.clone(),
        Value::Date(date) => date.to_string(),
        Value::Number(n) => number(*n),
        Value::Flag(flag) => flag.to_string(),
    }
}

fn ideas(changes: &[IdeaChange]) -> Vec<Block> {
    if changes.is_empty() {
        return vec![Block::Note(
            "No idea was raised, moved, retitled or given a new owner.".into(),
        )];
    }
    let mut table = Table::new(vec![
        Column::left("id", "Id"),
        Column::left("title", "Idea"),
        Column::left("change", "Change"),
        Column::left("path", "Entry"),
    ]);
    for i in changes {
        let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
        let change = match i.change {
            IdeaChangeKind::Raised => format!("raised: {}", or_none(&i.to)),
            IdeaChangeKind::Moved => format!("{} → {}", or_none(&i.from), or_none(&i.to)),
            IdeaChangeKind::Owner => format!("owner: {} → {}", or_none(&i.from), or_none(&i.to)),
            IdeaChangeKind::Title => format!("title: {} → {}", or_none(&i.from), or_none(&i.to)),
        };
        table.push(vec![
            i.id.clone().unwrap_or_default(),
            i.title.clone(),
            change,
            i.path.clone(),
        ]);
    }
    vec![Block::Table(table)]
}

fn quotes(diff: &JournalDiff) -> Vec<Block> {
    if diff.quotes.is_empty() {
        return vec![Block::Note("No new block quotes.".into())];
    }
    vec![Block::Quotes(
        diff.quotes
            .iter()
            .map(|q| Quoted {
                text: q.text.clone(),
                source: format!("{}, {}", q.date, q.site),
            })
            .collect(),
    )]
}

/// The totals, and how many entries each side's sums leave out because
/// they do not say: unknown is not zero.
fn totals_and_unknowns(diff: &JournalDiff) -> Vec<Block> {
    let mut blocks = vec![Block::Table(totals(diff))];
    let (before, after) = (&diff.totals.before, &diff.totals.after);
    let entries = |n: usize| match n {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    };
    let mut unknown = Vec::new();
    for (what, b, a) in [
        (
            "a count of customers",
            before.entries_without_customers,
            after.entries_without_customers,
        ),
        (
            "hours",
            before.entries_without_hours,
            after.entries_without_hours,
        ),
    ] {
        if a + b > 0 {
            unknown.push(format!(
                "{} without {what} before, {} after",
                entries(b),
                entries(a)
            ));
        }
    }
    if !unknown.is_empty() {
        blocks.push(Block::Note(format!(
            "Not in the sums: {}.",
            unknown.join("; ")
        )));
    }
    blocks
}

fn totals(diff: &JournalDiff) -> Table {
    let mut table = Table::new(vec![
        Column::left("measure", ""),
        Column::right("before", "Before"),
        Column::right("after", "After"),
        Column::right("change", "Change"),
    ]);
    let figures = |t: &Totals| {
        [
            t.entries as f64,
            t.customers as f64,
            t.hours,
            t.people as f64,
        ]
    };
    let (before, after) = (figures(&diff.totals.before), figures(&diff.totals.after));
    for (i, name) in [
        "Entries",
        "Customers spoken to",
        "Hours",
        "People who went out",
    ]
    .iter()
    .enumerate()
    {
        table.push(vec![
            name.to_string(),
            number(before[i]),
            number(after[i]),
            signed(after[i] - before[i]),
        ]);
    }
    table
}

fn problems(diff: &JournalDiff) -> Vec<Block> {
    if diff.problems.is_empty() {
        return vec![Block::Note(
            "`insight check` finds no problems in them.".into(),
        )];
    }
    let mut lines = Vec::new();
    for d in &diff.problems {
        lines.push(d.to_string());
        if let Some(hint) = &d.hint {
            lines.push(format!("  hint: {hint}"));
        }
    }
    vec![Block::Code(lines)]
}
