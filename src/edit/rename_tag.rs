//! Renaming a tag across a journal: every entry is read and renamed in
//! memory first ([`plan`]), and the files are written only when all of
//! them are ready, all or none ([`Plan::write`]).

use std::collections::HashSet;
use std::path::PathBuf;

use crate::edit::rename::{self, Outcome};
use crate::edit::write;
use crate::error::Result;
use crate::read::find::Location;

/// An entry the rename changes, ready to be written.
pub struct Edit {
    /// The file itself: through a symbolic link, the file it points to.
    pub real: PathBuf,
    pub was: String,
    pub text: String,
}

/// What renaming a tag would do to a journal.
#[derive(Default)]
pub struct Plan {
    pub edits: Vec<Edit>,
    /// One line for each place changed: `path:line: old -> new`.
    pub changes: Vec<String>,
    /// How many places change, in all the entries.
    pub places: usize,
    /// Entries left alone because they cannot be edited safely.
    pub refused: usize,
    /// Entries that already spell the tag the new way.
    pub already: usize,
    /// What the user should know: files not searched, entries left unchanged.
    pub warnings: Vec<String>,
}

/// Plans renaming the tag `old` to `new` (and the tags below it) in every
/// entry of the journal at `location`; nothing is written.
pub fn plan(location: &Location, old: &str, new: &str) -> Plan {
    let mut plan = Plan::default();
    let (files, walk_problems) = location.entry_files();
    for problem in &walk_problems {
        let warning = format!("{}: not searched: {}", problem.path, problem.message);
        plan.warnings.push(warning);
    }
    let mut written: HashSet<PathBuf> = HashSet::new();
    for path in &files {
        let (rel, text) = match location.read_entry(path) {
            (rel, Ok(text)) => (rel, text),
            (rel, Err(problem)) => {
                let warning = format!("{rel}: not searched: {}", problem.message);
                plan.warnings.push(warning);
                continue;
            }
        };
        match rename::rename(&rel, &text, old, new, &location.config) {
            Outcome::Unchanged => {}
            Outcome::AlreadyNamed => plan.already += 1,
            Outcome::Refused(why) => {
                plan.warnings.push(format!("{rel}: left unchanged: {why}"));
                plan.refused += 1;
            }
            Outcome::Renamed {
                text: renamed,
                changes,
            } => {
                let real = path.canonicalize().unwrap_or_else(|_| path.clone());
                // Two links to one file: it is one entry, changed once.
                if !written.insert(real.clone()) {
                    continue;
                }
                for change in &changes {
                    let removed = if change.removed {
                        " (the entry has it already: taken out)"
                    } else {
                        ""
                    };
                    plan.changes.push(format!(
                        "{rel}:{}: {} -> {}{removed}",
                        change.line, change.from, change.to
                    ));
                }
                plan.places += changes.len();
                plan.edits.push(Edit {
                    real,
                    was: text,
                    text: renamed,
                });
            }
        }
    }
    plan
}

impl Plan {
    /// Replaces every file the plan changes, all or none.
    pub fn write(&self) -> Result<()> {
        let replacements: Vec<write::Replacement> = self
            .edits
            .iter()
            .map(|edit| write::Replacement {
                path: &edit.real,
                was: edit.was.as_bytes(),
                contents: edit.text.as_bytes(),
            })
            .collect();
        write::replace_all(&replacements)
    }
}
