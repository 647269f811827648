//! The journal as a git snapshot holds it (a commit, the staging area), read
//! with the same reader and parser as the working tree.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::journal::{Journal, Member};
use crate::read::files::{ReadProblem, decode};
use crate::read::find::settings;
use crate::read::git;
use crate::read::reader::{each_file_into, parse_text};
use crate::read::union;

/// The journal as a git snapshot holds it (a commit, the staging area), read
/// with the same parser as the working tree. `None` when the snapshot has no
/// `insight.yaml` at the journal's place: there was no journal there yet.
pub fn from_snapshot(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    root: PathBuf,
) -> Result<Option<Journal>> {
    let Some(config) = snapshot_settings(repo, snapshot)? else {
        return Ok(None);
    };
    let files = snapshot_entries(repo, snapshot, &config);
    let (mut entries, mut diagnostics) = (Vec::new(), Vec::new());
    each_file_into(
        files,
        take_bytes,
        |rel, text| parse_text(rel, text, &config),
        |parsed| match parsed {
            Ok(entry) => entries.push(entry),
            Err(problems) => diagnostics.extend(problems),
        },
    );
    let mut journal = Journal::assemble(root.clone(), config.clone(), entries, diagnostics);
    journal.members = vec![Member {
        label: union::folder_name(&root),
        root,
        config,
    }];
    Ok(Some(journal))
}

/// The [`crate::read::reader::ReadFile`] of files whose bytes are already in memory (a snapshot's).
pub fn take_bytes(
    _: &str,
    bytes: std::result::Result<Vec<u8>, ReadProblem>,
    buffer: &mut Vec<u8>,
) -> std::result::Result<(), ReadProblem> {
    *buffer = bytes?;
    Ok(())
}

/// The settings a snapshot holds, if it holds any.
pub fn snapshot_settings(repo: &git::Repo, snapshot: &git::Snapshot) -> Result<Option<Config>> {
    if !snapshot.contains(CONFIG_FILE) {
        return Ok(None);
    }
    let label = format!("{CONFIG_FILE} in {}", snapshot.label);
    let text = repo
        .read(snapshot, CONFIG_FILE)
        .and_then(decode)
        .map_err(|problem| Error::new(format!("cannot read {label}: {}", problem.message)))?;
    settings(&label, &text).map(Some)
}

/// The entry files of a snapshot with their bytes (or why they have none).
pub fn snapshot_entries(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    config: &Config,
) -> Vec<(String, std::result::Result<Vec<u8>, ReadProblem>)> {
    snapshot
        .paths()
        .filter(|path| is_entry_path(path, config))
        .map(|path| (path.to_string(), repo.read(snapshot, path)))
        .collect()
}

/// Whether a journal-relative path is an entry by the walker's rules: a `.md`
/// file in the entries folder or below it, neither hidden nor in a hidden
/// folder, and not in the templates folder.
pub fn is_entry_path(path: &str, config: &Config) -> bool {
    let folder = |dir: &str| -> Vec<String> {
        Path::new(dir)
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let parts: Vec<&str> = path.split('/').collect();
    let entries = folder(&config.entries);
    let templates = folder(&config.templates);
    let Some((name, folders)) = parts.split_last() else {
        return false;
    };
    let under =
        |dir: &[String]| folders.len() >= dir.len() && folders.iter().zip(dir).all(|(a, b)| a == b);
    name.ends_with(".md")
        && under(&entries)
        && !(under(&templates) && templates.len() > entries.len())
        && !parts[entries.len()..]
            .iter()
            .any(|part| part.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_paths_follow_the_walkers_rules() {
        let config = Config::parse("entries: ./visits/\ntemplates: visits/templates\n").unwrap();
        let is = |path| is_entry_path(path, &config);
        assert!(is("visits/2026/a.md"));
        assert!(is("visits/a.md"));
        assert!(!is("visits/a.txt"));
        assert!(!is("notes/a.md"));
        assert!(!is("visits/.drafts/a.md"));
        assert!(!is("visits/.a.md"));
        assert!(!is("visits/templates/visit.md"));
        let whole = Config::parse("entries: .\n").unwrap();
        assert!(is_entry_path("README.md", &whole));
        assert!(!is_entry_path("templates/visit.md", &whole));
        assert!(!is_entry_path(".github/a.md", &whole));
    }
}
