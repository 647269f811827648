//! Finding a journal: the folder named or the nearest one upwards that holds
//! `insight.yaml`, its settings, and the journals it includes.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::diagnostic::Diagnostic;
use crate::model::journal::Member;
use crate::model::paths::{file_path, relative};
use crate::read::cache;
use crate::read::files::{decode, read_bytes};
use crate::read::union;
use crate::read::walk::{self, Fingerprints};

/// A journal's root folder and settings, before any entry is read; or
/// several journals read as one (see [`crate::read::union`]).
#[derive(Debug, Clone)]
pub struct Location {
    /// The first journal's folder: where `new` writes and git is read.
    pub root: PathBuf,
    /// The settings: the first journal's, merged with the others'.
    pub config: Config,
    /// Every journal read, the first first; one for a journal on its own.
    pub members: Vec<Member>,
}

impl Location {
    /// Finds the journals: `explicit` (from `--journal`, or `INSIGHT_JOURNAL`),
    /// else the nearest folder upwards from `cwd` that holds `insight.yaml`;
    /// then every journal their settings include.
    pub fn find(explicit: &[PathBuf], cwd: &Path) -> Result<Location> {
        let roots = if explicit.is_empty() {
            vec![search_upwards(cwd)?]
        } else {
            for dir in explicit {
                if !dir.join(CONFIG_FILE).is_file() {
                    return Err(Error::new(format!(
                        "{} is not a journal: it has no {CONFIG_FILE}",
                        dir.display()
                    ))
                    .hint(format!(
                        "create one there with `insight init {}`",
                        dir.display()
                    )));
                }
            }
            explicit.to_vec()
        };
        let members = union::gather(&roots, read_config)?;
        let config = match members.as_slice() {
            [only] => only.config.clone(),
            all => union::merged_config(all)?,
        };
        Ok(Location {
            root: roots[0].clone(),
            config,
            members,
        })
    }

    /// The first journal alone: what commands that write, or read git, work on.
    pub fn first(&self) -> Location {
        Location {
            root: self.root.clone(),
            config: self.members[0].config.clone(),
            members: vec![self.members[0].clone()],
        }
    }

    /// Each journal read, as a location of its own.
    pub fn each(&self) -> Vec<Location> {
        self.members
            .iter()
            .map(|m| Location {
                root: m.root.clone(),
                config: m.config.clone(),
                members: vec![m.clone()],
            })
            .collect()
    }

    /// What `read` gives for each journal read on its own; of several read
    /// as one, named as the union names it (see [`union::Relabel`]).
    pub fn read_each<T: union::Relabel>(&self, mut read: impl FnMut(Location) -> T) -> Vec<T> {
        let members = self.members.iter().zip(self.each());
        let read_one = |(member, one): (&Member, Location)| {
            let mut part = read(one);
            if self.is_union() {
                part.relabel(&member.label, &self.config.shared_ids);
            }
            part
        };
        members.map(read_one).collect()
    }

    /// Whether several journals are read as one.
    pub fn is_union(&self) -> bool {
        self.members.len() > 1
    }

    pub fn entries_dir(&self) -> PathBuf {
        self.root.join(&self.config.entries)
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join(&self.config.templates)
    }

    /// The entry files, and problems met while looking for them (unreadable
    /// folders, symbolic-link loops).
    pub fn entry_files(&self) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let walk::Walked {
            files, problems, ..
        } = self.walk(Fingerprints::Skip, None);
        let paths = files
            .iter()
            .map(|f| file_path(&self.root, &f.rel))
            .collect();
        (paths, problems)
    }

    /// The entry files as journal paths, each with its fingerprint if asked
    /// for, and the problems met while looking for them; folders that have
    /// not changed since they were listed in `remembered` are not listed.
    pub fn walk(
        &self,
        fingerprints: Fingerprints,
        remembered: Option<&cache::listings::Listings>,
    ) -> walk::Walked {
        let (entries, templates) = (self.entries_dir(), self.templates_dir());
        walk::entry_files(&entries, &self.root, &templates, fingerprints, remembered)
    }

    /// An entry file's path relative to the root, and its text or why it has none.
    pub fn read_entry(&self, path: &Path) -> (String, std::result::Result<String, Diagnostic>) {
        let rel = relative(&self.root, path);
        let text = read_bytes(path)
            .and_then(decode)
            .map_err(|problem| problem.diagnostic(&rel));
        (rel, text)
    }
}

fn search_upwards(cwd: &Path) -> Result<PathBuf> {
    let mut looked = Vec::new();
    for dir in cwd.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        looked.push(dir.display().to_string());
    }
    Err(Error::new(format!(
        "no journal found: there is no {CONFIG_FILE} in {}",
        looked.join(", ")
    ))
    .hint("create a journal with `insight init DIR`, or point to one with --journal DIR or INSIGHT_JOURNAL"))
}

fn read_config(root: &Path) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, &e))?;
    settings(&path.display().to_string(), &text)
}

/// A journal's settings from the text of its `insight.yaml`; `label` names
/// the file in an error (a path, or `main:insight.yaml` for a revision's).
pub fn settings(label: &str, text: &str) -> Result<Config> {
    Config::parse(text).map_err(|e| {
        Error::new(format!("{label}:{}:{}: {}", e.line, e.column, e.message)).hint(format!(
            "fix {CONFIG_FILE}; every setting in it is optional"
        ))
    })
}
