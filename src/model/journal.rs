//! A journal once read: its entries, the problems met reading them, and the
//! journals it was read from. Plain data; reading it from disk is `read`'s job.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::model::config::Config;
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::Entry;
use crate::model::paths::file_path;

/// Everything read from a journal, or from several read as one.
#[derive(Debug)]
pub struct Journal {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by date, then path.
    pub entries: Vec<Entry>,
    /// Problems with individual files, sorted by path then line.
    pub diagnostics: Vec<Diagnostic>,
    /// Each journal read, with its label, folder and settings; the paths of
    /// a union start with the label.
    pub members: Vec<Member>,
    /// Whether the entries hold their bodies; else [`Journal::body`] reads
    /// them from disk when asked, so that a journal of 100,000 entries does
    /// not keep 150 MB of text it will not show.
    pub bodies: Bodies,
    /// For `--text`, the paths of the entries whose title or body holds the
    /// text (see [`crate::read::find::Location::load_searching`]).
    pub text_hits: Option<HashSet<String>>,
    /// What the user should know about how the journal was read, once
    /// (`.insight` refused, say), rather than about one of its files.
    pub notices: Vec<Notice>,
    /// Set when this is the journal as it may be shared (see
    /// [`crate::query::shared`]).
    pub sharing: Option<Sharing>,
}

/// How a shared journal differs from the one on disk.
#[derive(Debug, Default)]
pub struct Sharing {
    /// The real path of each entry whose file name was hidden, by the path
    /// it is shown under: its body is still read from its file.
    pub real_paths: HashMap<String, String>,
}

/// Something to tell the user about the journal as a whole, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    pub hint: String,
}

/// Whether loading keeps each entry's body in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Keep,
    Drop,
}

/// One journal of those read as one: its label, folder and settings.
#[derive(Debug, Clone)]
pub struct Member {
    /// The folder's name, or `label:` in its settings; the first part of
    /// its entries' paths in a union.
    pub label: String,
    pub root: PathBuf,
    pub config: Config,
}

impl Journal {
    /// Whether several journals were read as one.
    pub fn is_union(&self) -> bool {
        self.members.len() > 1
    }

    /// The file behind a journal path (`team-a/visits/…` in a union).
    pub fn file(&self, path: &str) -> PathBuf {
        let path = self
            .sharing
            .as_ref()
            .and_then(|s| s.real_paths.get(path))
            .map_or(path, String::as_str);
        if self.is_union()
            && let Some((label, rest)) = path.split_once('/')
            && let Some(member) = self.members.iter().find(|m| m.label == label)
        {
            return file_path(&member.root, rest);
        }
        file_path(&self.root, path)
    }

    /// The label of the journal an entry comes from.
    pub fn label_of<'a>(&'a self, path: &'a str) -> &'a str {
        match self.members.as_slice() {
            [only] => &only.label,
            _ => path.split_once('/').map_or(path, |(label, _)| label),
        }
    }
}

impl Journal {
    /// The journal of these entries and these problems with its files.
    pub fn assemble(
        root: PathBuf,
        config: Config,
        mut entries: Vec<Entry>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Journal {
        // Paths are unique, so an unstable sort gives one order, without the
        // scratch copy of every entry that a stable sort makes.
        entries.sort_unstable_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Journal {
            members: vec![Member {
                // The folder's name as written; the reader, which may look at the
                // disk, names the journal where it is really kept.
                label: root
                    .file_name()
                    .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned()),
                root: root.clone(),
                config: config.clone(),
            }],
            bodies: Bodies::Keep,
            text_hits: None,
            notices: Vec::new(),
            sharing: None,
            root,
            config,
            entries,
            diagnostics,
        }
    }
}
