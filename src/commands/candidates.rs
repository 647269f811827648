//! The journal's own values, offered by the shell's completion: `--tag
//! <TAB>` its tags (most used first), `--person` its people, `--site` its
//! sites, `--kind` and `--status` the configured ones, `ideas <TAB>` its
//! idea ids with their titles. The shell asks `insight` itself (clap's
//! dynamic completion, `COMPLETE=bash insight …`), which finds the journal
//! as every command does (`INSIGHT_JOURNAL`, else upwards from the current
//! folder) and reads it through the index.

use clap_complete::CompletionCandidate;
use std::sync::OnceLock;

use crate::aggregate::history::History;
use crate::aggregate::tag_counts;
use crate::model::entry::Entry;
use crate::model::journal::{Bodies, Journal};
use crate::read::find::Location;
use crate::read::worktree::Cache;

/// The journal the completion is typed in, read once; `None` outside one.
fn journal() -> Option<&'static Journal> {
    static JOURNAL: OnceLock<Option<Journal>> = OnceLock::new();
    JOURNAL
        .get_or_init(|| {
            let cwd = std::env::current_dir().ok()?;
            let named: Vec<std::path::PathBuf> = std::env::var_os("INSIGHT_JOURNAL")
                .filter(|v| !v.is_empty())
                .map(Into::into)
                .into_iter()
                .collect();
            let location = Location::find(&named, &cwd).ok()?;
            Some(location.load(Bodies::Drop, Cache::Use))
        })
        .as_ref()
}

fn candidate(value: &str, help: String) -> CompletionCandidate {
    CompletionCandidate::new(value).help(Some(help.into()))
}

/// The tags in use, most used first, each with how many entries carry it.
pub fn tags() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let entries: Vec<&Entry> = journal.entries.iter().collect();
    tag_counts(&entries)
        .iter()
        .enumerate()
        .map(|(order, count)| {
            let noun = if count.entries == 1 {
                "entry"
            } else {
                "entries"
            };
            candidate(&count.tag, format!("{} {noun}", count.entries)).display_order(Some(order))
        })
        .collect()
}

/// The people who went out, each once.
pub fn people() -> Vec<CompletionCandidate> {
    distinct(|entry| entry.people.iter().map(|p| p.to_string()).collect())
}

/// The sites visited, each once.
pub fn sites() -> Vec<CompletionCandidate> {
    distinct(|entry| vec![entry.site.to_string()])
}

/// The journal's kinds, from its settings.
pub fn kinds() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    journal
        .config
        .kinds
        .iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The journal's statuses, in pipeline order.
pub fn statuses() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    journal
        .config
        .statuses
        .iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The ideas' ids, each with its title and where it stands now.
pub fn ideas() -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let history = History::new(&journal.entries, journal.config.default_status());
    let last = journal.entries.last().map(|e| e.date);
    history
        .stories()
        .filter_map(|story| {
            let id = story.id()?;
            let status = last
                .and_then(|day| story.status_on(day))
                .unwrap_or_default();
            Some(candidate(id, format!("{} ({status})", story.title)))
        })
        .collect()
}

/// The values `of` each entry gives, each once, in name order.
fn distinct(of: impl Fn(&Entry) -> Vec<String>) -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let mut values: Vec<String> = journal.entries.iter().flat_map(of).collect();
    values.sort();
    values.dedup();
    values.iter().map(CompletionCandidate::new).collect()
}
