//! Renaming a tag across a journal: every entry is read and renamed in
//! memory first ([`plan`]), and the files are written only when all of
//! them are ready, all or none ([`Plan::write`]).

use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::edit::rename::{self, Outcome};
use crate::edit::transaction::{self, Replacement};
use crate::error::Result;
use crate::read::find::Location;
use crate::read::progress::Progress;

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

/// An entry's text and what the rename makes of it, or why it was not read.
type Read = Result<(String, Outcome), String>;

/// Plans renaming the tag `old` to `new` (and the tags below it) in every
/// entry of the journal at `location`, reading the entries in parallel;
/// nothing is written.
pub fn plan(location: &Location, old: &str, new: &str, progress: &dyn Progress) -> Plan {
    let mut plan = Plan::default();
    let (files, walk_problems) = location.entry_files();
    for problem in &walk_problems {
        let warning = format!("{}: not searched: {}", problem.path, problem.message);
        plan.warnings.push(warning);
    }
    let read = AtomicUsize::new(0);
    let renamed: Vec<(String, Read)> = files
        .par_iter()
        .map(|path| {
            let (rel, text) = location.read_entry(path);
            let outcome = text
                .map(|text| {
                    let outcome = rename::rename(&rel, &text, old, new, &location.config);
                    (text, outcome)
                })
                .map_err(|problem| problem.message);
            progress.step(
                "reading files",
                read.fetch_add(1, Ordering::Relaxed) + 1,
                files.len(),
            );
            (rel, outcome)
        })
        .collect();
    let mut written: HashSet<PathBuf> = HashSet::new();
    let mut real_folders = RealFolders::default();
    for (path, (rel, outcome)) in files.iter().zip(renamed) {
        let (text, outcome) = match outcome {
            Ok(read) => read,
            Err(problem) => {
                plan.warnings
                    .push(format!("{rel}: not searched: {problem}"));
                continue;
            }
        };
        match outcome {
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
                let real = real_folders.real(path);
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

/// The real path of files, their folders' looked up once each: finding a
/// file's real path asks about every folder above it.
#[derive(Default)]
struct RealFolders {
    seen: std::collections::HashMap<PathBuf, PathBuf>,
}

impl RealFolders {
    /// The file itself: through a symbolic link, the file it leads to.
    fn real(&mut self, path: &Path) -> PathBuf {
        let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let (Some(folder), Some(name), false) = (path.parent(), path.file_name(), linked) else {
            return path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        };
        let real_folder = self.seen.entry(folder.to_path_buf()).or_insert_with(|| {
            folder
                .canonicalize()
                .unwrap_or_else(|_| folder.to_path_buf())
        });
        real_folder.join(name)
    }
}

impl Plan {
    /// Replaces every file the plan changes in the journal at `root`, all or
    /// none, even if the process is killed part-way.
    pub fn write(&self, root: &Path, progress: &dyn Progress) -> Result<()> {
        let replacements: Vec<Replacement> = self
            .edits
            .iter()
            .map(|edit| Replacement {
                path: &edit.real,
                was: edit.was.as_bytes(),
                contents: edit.text.as_bytes(),
            })
            .collect();
        transaction::replace_all(root, &replacements, progress)
    }
}
