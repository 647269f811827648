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
/// met while looking for the files. Without bodies and with the index
/// (`cache`), an entry the last check found nothing wrong with is not read
/// again while its file is unchanged.
pub fn working_tree(
    location: &Location,
    today: Date,
    bodies: Bodies,
    cache: Cache,
) -> (Vec<Checked>, Vec<Diagnostic>) {
    let parts = location.read_each(|one| {
        let checker = Checker::new(&one.config, today).bodies(bodies);
        if bodies == Bodies::Drop && cache == Cache::Use {
            return one.clone().check_each(&checker, cache);
        }
        let Walked {
            files, problems, ..
        } = one.walk(Fingerprints::Skip, None);
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
    let (mut all, mut problems, mut member_of) = (Vec::new(), Vec::new(), Vec::new());
    for (member, (mut checked, mut more)) in parts.into_iter().enumerate() {
        member_of.resize(member_of.len() + checked.len(), member);
        all.append(&mut checked);
        problems.append(&mut more);
    }
    warnings_with_places(location, today, &mut all, &member_of);
    (all, problems)
}

/// The journal-wide warnings, each pointing at its place in the file: an
/// entry known only from the last check (whose places were not looked
/// for) that gets one is read and checked again, and the warnings made
/// again. `member_of` says which journal of a union each entry is in.
fn warnings_with_places(
    location: &Location,
    today: Date,
    all: &mut [Checked],
    member_of: &[usize],
) {
    let mut own: Vec<usize> = all.iter().map(|c| c.diagnostics.len()).collect();
    journal_warnings(all);
    let unplaced: Vec<usize> = (0..all.len())
        .filter(|&i| !all[i].places_known() && all[i].diagnostics.len() > own[i])
        .collect();
    if unplaced.is_empty() {
        return;
    }
    let journals = location.each();
    let checkers: Vec<Checker> = journals
        .iter()
        .map(|one| Checker::new(&one.config, today).bodies(Bodies::Drop))
        .collect();
    for i in unplaced {
        let (member, one) = (&location.members[member_of[i]], &journals[member_of[i]]);
        let path = all[i].path.as_str();
        let rel = match location.is_union() {
            true => path
                .strip_prefix(&format!("{}/", member.label))
                .unwrap_or(path),
            false => path,
        };
        let (rel, text) = one.read_entry(&file_path(&one.root, rel));
        let checker = &checkers[member_of[i]];
        let mut again = checker.check_text(&rel, text.as_deref().map_err(Clone::clone));
        if location.is_union() {
            again.relabel(&member.label, &location.config.shared_ids);
        }
        own[i] = again.diagnostics.len();
        all[i] = again;
    }
    for (c, &count) in all.iter_mut().zip(&own) {
        c.diagnostics.truncate(count);
    }
    journal_warnings(all);
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
                checked: working_tree(location, today, Bodies::Keep, Cache::Bypass).0,
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
