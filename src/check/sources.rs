//! The journal checked where it is read from: every entry file on disk (of
//! every journal of a union, each with its own settings), every entry file
//! of a git snapshot, or one new entry among the others; each with the
//! journal-wide warnings.

use jiff::civil::Date;

use super::entry::{Checked, Checker};
use super::journal::journal_warnings;
use crate::aggregate::diff::Side;
use crate::error::{Error, Result};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::diagnostic::Diagnostic;
use crate::model::journal::Bodies;
use crate::model::paths::file_path;
use crate::read::files::read_entry;
use crate::read::find::Location;
use crate::read::git::{self, End, Repo};
use crate::read::reader::each_file;
use crate::read::snapshot::{snapshot_entries, take_bytes};
use crate::read::union::Relabel;
use crate::read::walk::{Fingerprints, Walked};
use crate::read::worktree::Cache;

impl Relabel for Checked {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        self.path.relabel(label, shared_ids);
        self.diagnostics.relabel(label, shared_ids);
        self.entry.relabel(label, shared_ids);
    }
}

/// Every entry file on disk checked (of every journal of a union, each
/// with its own settings), with the journal-wide warnings, and the problems
/// met while looking for the files.
pub fn working_tree(
    location: &Location,
    today: Date,
    bodies: Bodies,
) -> (Vec<Checked>, Vec<Diagnostic>) {
    let parts = location.read_each(|one| {
        let Walked {
            files, problems, ..
        } = one.walk(Fingerprints::Skip, None);
        let checker = Checker::new(&one.config, today).bodies(bodies);
        let files = files
            .into_iter()
            .map(|file| (file.rel, file.folder))
            .collect();
        let checked = each_file(
            files,
            |rel, folder: Option<std::sync::Arc<std::fs::File>>, buffer: &mut Vec<u8>| {
                read_entry(&one.root, rel, folder.as_deref(), 0, buffer)
            },
            |rel, text| checker.check_text(rel, text),
        );
        (checked, problems)
    });
    let (mut all, mut problems) = (Vec::new(), Vec::new());
    for (mut checked, mut more) in parts {
        all.append(&mut checked);
        problems.append(&mut more);
    }
    journal_warnings(&mut all);
    (all, problems)
}

/// The warnings about each journal's `insight.yaml` on disk, named as a
/// union names them.
pub fn settings_on_disk(location: &Location) -> crate::error::Result<Vec<Diagnostic>> {
    let parts = location.read_each(|one| {
        let path = one.root.join(CONFIG_FILE);
        std::fs::read_to_string(&path)
            .map(|text| super::settings::config_warnings(CONFIG_FILE, &text, &one.config))
            .map_err(|e| crate::error::Error::io("read", &path, &e))
    });
    let mut found = Vec::new();
    for part in parts {
        found.extend(part?);
    }
    Ok(found)
}

/// Every entry file of a git snapshot checked, with the journal-wide warnings.
pub fn snapshot(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    config: &Config,
    today: Date,
    bodies: Bodies,
) -> Vec<Checked> {
    let files = snapshot_entries(repo, snapshot, config);
    let checker = Checker::new(config, today).bodies(bodies);
    let mut checked = each_file(files, take_bytes, |rel, text| checker.check_text(rel, text));
    journal_warnings(&mut checked);
    checked
}

/// What `insight check` finds in the entry at `rel` (journal-relative), for
/// `insight new` to show once the entry is written. Only that file is
/// checked; the other entries, which the warnings that need the whole
/// journal compare it with, come from the index when it holds them.
pub fn one_entry(location: &Location, rel: &str, today: Date, cache: Cache) -> Vec<Diagnostic> {
    let checker = Checker::new(&location.config, today);
    let (_, text) = location.read_entry(&file_path(&location.root, rel));
    let others = location.clone().load(Bodies::Drop, cache).entries;
    let mut all: Vec<Checked> = others
        .into_iter()
        .filter(|entry| entry.path != rel)
        .map(Checked::parsed)
        .collect();
    all.push(checker.check_text(rel, text.as_deref().map_err(Clone::clone)));
    journal_warnings(&mut all);
    all.pop().map(|c| c.diagnostics).unwrap_or_default()
}

/// One side of a comparison (`insight diff`), read and checked the way
/// `insight check` would.
pub struct Read {
    pub side: Side,
    /// `None` when there was no journal there (no `insight.yaml`).
    pub config: Option<Config>,
    pub checked: Vec<Checked>,
}

pub fn side(repo: &Repo, location: &Location, end: &End, today: Date) -> Result<Read> {
    let at = match end {
        End::WorkingTree => {
            return Ok(Read {
                side: Side {
                    label: "the working tree".into(),
                    commit: None,
                },
                config: Some(location.config.clone()),
                checked: working_tree(location, today, Bodies::Keep).0,
            });
        }
        // `HEAD` of a repository with no commit yet is an empty journal.
        End::Commit(rev) => repo.at_commit(rev, repo.commit(rev)?)?,
        End::MergeBase(a, b) => {
            let range = format!("{a}...{b}");
            let base = repo.merge_base(commit(repo, a)?, commit(repo, b)?, &range)?;
            repo.at_commit(&format!("the merge base of {a} and {b}"), Some(base))?
        }
    };
    let side = Side {
        label: at.label.clone(),
        commit: at.commit.clone(),
    };
    let config = crate::read::snapshot::snapshot_settings(repo, &at)?;
    let checked = match &config {
        Some(config) => snapshot(repo, &at, config, today, Bodies::Keep),
        None => Vec::new(),
    };
    Ok(Read {
        side,
        config,
        checked,
    })
}

/// The commit a revision names; a branch with no commit yet has no history
/// to part from.
fn commit(repo: &Repo, rev: &str) -> Result<git::CommitId> {
    repo.commit(rev)?.ok_or_else(|| {
        Error::new(format!(
            "`{rev}` has no commit yet, so it parts from nothing"
        ))
        .hint("commit the journal first, or compare with `insight diff REV`")
    })
}
