//! Finding the entry files: a walk of the entries folder in name order,
//! looking at each file's metadata on the way (from its folder, without
//! resolving its whole path again), so that the index can tell which files
//! changed without reading them.

use rayon::prelude::*;
use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{DirEntry, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::cache::Fingerprint;
use crate::diagnostic::Diagnostic;
use crate::error::io_reason;
use crate::journal::{MAX_FOLDER_DEPTH, relative, relative_in};

/// Whether the walk looks up each entry file's metadata for its
/// fingerprint, which the index needs to tell changed files from unchanged
/// ones, and nothing else does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fingerprints {
    Take,
    /// Only the kind of each name, which the folder listing gives.
    Skip,
}

/// An entry file: its journal path and what the file system said about it.
#[derive(Debug)]
pub struct EntryFile {
    pub rel: String,
    pub fingerprint: Option<Fingerprint>,
}

/// The `.md` files under the entries folder `dir`, in the order of their
/// paths' bytes folder by folder, skipping hidden names and the templates
/// folder. Unreadable folders, links that loop or lead out of bounds (see
/// [`Bounds`]) and folders nested too deep become diagnostics, each once.
pub fn entry_files(
    dir: &Path,
    root: &Path,
    templates: &Path,
    fingerprints: Fingerprints,
) -> (Vec<EntryFile>, Vec<Diagnostic>) {
    let mut walk = Walk {
        root,
        templates,
        fingerprints,
        bounds: Bounds::new(root, dir),
        files: Vec::new(),
        problems: Vec::new(),
        too_deep_reported: false,
    };
    if std::fs::metadata(dir).is_ok() {
        walk.enter(dir.to_path_buf(), 0, &mut Vec::new());
    }
    (walk.files, walk.problems)
}

struct Walk<'a> {
    root: &'a Path,
    templates: &'a Path,
    fingerprints: Fingerprints,
    bounds: Bounds,
    files: Vec<EntryFile>,
    problems: Vec<Diagnostic>,
    too_deep_reported: bool,
}

/// What a name in a folder turned out to be.
enum Item {
    /// An entry file of the folder, by name.
    File(OsString, Option<Fingerprint>),
    Folder(PathBuf),
    Problem(PathBuf, String),
    Nothing,
}

impl Walk<'_> {
    /// Walks the folder at `path`, `depth` below the entries folder, if the
    /// bounds let it in; `inside` holds the folders it is in, links resolved.
    fn enter(&mut self, path: PathBuf, depth: usize, inside: &mut Vec<PathBuf>) {
        let real = match self.bounds.admit(&path, depth, inside) {
            Ok(Some(real)) => real,
            Ok(None) => return,
            Err(Refusal::TooDeep) if self.too_deep_reported => return,
            Err(refusal) => {
                self.too_deep_reported |= matches!(refusal, Refusal::TooDeep);
                let (reason, hint) = refusal.words();
                let problem = Diagnostic::error(&relative(self.root, &path), 1, 1, "io", reason);
                self.problems.push(problem.with_hint(hint));
                return;
            }
        };
        let mut names = match read_folder(&path) {
            Ok(names) => names,
            Err(e) => {
                let reason = format!("cannot read this folder: {}", io_reason(&e));
                let rel = relative(self.root, &path);
                self.problems
                    .push(Diagnostic::error(&rel, 1, 1, "io", reason));
                return;
            }
        };
        names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // The metadata of each name is looked up in parallel; folders are
        // then walked one by one, in order, so that which of two links to
        // one folder is read is the same on every run.
        let items: Vec<Item> = names
            .into_par_iter()
            .map(|(name, entry)| self.look_at(&path, name, entry))
            .collect();
        inside.push(real);
        let folder_rel = relative(self.root, &path);
        for item in items {
            match item {
                Item::File(name, fingerprint) => self.files.push(EntryFile {
                    rel: relative_in(self.root, &path, &folder_rel, &name),
                    fingerprint,
                }),
                Item::Folder(folder) => self.enter(folder, depth + 1, inside),
                Item::Problem(at, reason) => {
                    let rel = relative(self.root, &at);
                    self.problems
                        .push(Diagnostic::error(&rel, 1, 1, "io", reason));
                }
                Item::Nothing => {}
            }
        }
        inside.pop();
    }

    fn look_at(&self, folder: &Path, name: OsString, entry: DirEntry) -> Item {
        if is_hidden(&name) {
            return Item::Nothing;
        }
        let Ok(kind) = entry.file_type() else {
            return Item::Nothing;
        };
        // The whole path is made only when needed: not for the many files.
        let metadata = if kind.is_symlink() {
            let path = folder.join(&name);
            match std::fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(e) => return Item::Problem(path.clone(), link_problem(&path, &e)),
            }
        } else if kind.is_dir() {
            return self.folder_item(folder.join(&name));
        } else if is_entry_name(&name) && self.fingerprints == Fingerprints::Skip {
            // Only a regular file is an entry: opening a FIFO would wait
            // for a writer forever.
            return match kind.is_file() {
                true => Item::File(name, None),
                false => Item::Nothing,
            };
        } else if is_entry_name(&name) {
            match entry.metadata() {
                Ok(metadata) => metadata,
                Err(_) => return Item::Nothing,
            }
        } else {
            return Item::Nothing;
        };
        match metadata {
            m if m.is_dir() => self.folder_item(folder.join(&name)),
            m if m.is_file() && is_entry_name(&name) => {
                let fingerprint =
                    (self.fingerprints == Fingerprints::Take).then(|| Fingerprint::of(&m));
                Item::File(name, fingerprint)
            }
            _ => Item::Nothing,
        }
    }

    fn folder_item(&self, path: PathBuf) -> Item {
        if path == self.templates {
            Item::Nothing
        } else {
            Item::Folder(path)
        }
    }
}

/// Each name in a folder, with what `readdir` says of it.
fn read_folder(path: &Path) -> io::Result<Vec<(OsString, DirEntry)>> {
    std::fs::read_dir(path)?
        .map(|entry| entry.map(|e| (e.file_name(), e)))
        .collect()
}

/// A name of an entry file: `something.md`.
fn is_entry_name(name: &std::ffi::OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    bytes.len() > 3 && bytes.ends_with(b".md")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Why a symbolic link could not be followed, in words that say what to do.
fn link_problem(path: &Path, error: &io::Error) -> String {
    match std::fs::read_link(path) {
        Ok(target) if error.kind() == io::ErrorKind::NotFound => format!(
            "a symbolic link to {}, which does not exist; remove the link or restore its target",
            target.display()
        ),
        _ => format!("cannot read this: {}", io_reason(error)),
    }
}

/// Why the walk does not go into a folder.
enum Refusal {
    TooDeep,
    Loop,
    HoldsEntries(PathBuf),
    HoldsJournal(PathBuf),
    OtherFileSystem(PathBuf),
}

impl Refusal {
    fn words(&self) -> (String, &'static str) {
        let outside = "link only to a folder of entries on the same disk, or move the entries into the journal";
        match self {
            Refusal::TooDeep => (
                format!(
                    "folders more than {MAX_FOLDER_DEPTH} levels below the entries folder are not read"
                ),
                "keep entries in fewer levels of folders, such as visits/2026/",
            ),
            Refusal::Loop => (
                "a symbolic link here loops back to a folder above it; it was not followed".into(),
                "remove the link: every entry is already read where it is",
            ),
            Refusal::HoldsEntries(real) => (
                format!(
                    "a symbolic link to {}, which holds the entries folder; it was not followed",
                    real.display()
                ),
                "remove the link: every entry is already read where it is",
            ),
            Refusal::HoldsJournal(real) => (
                format!(
                    "leads outside the journal to {}, a folder that holds the journal itself; it was not read",
                    real.display()
                ),
                outside,
            ),
            Refusal::OtherFileSystem(real) => (
                format!(
                    "leads outside the journal to {}, which is on another file system; it was not read",
                    real.display()
                ),
                outside,
            ),
        }
    }
}

/// Where the walk of the entries folder may go. Inside the journal, any
/// folder; through a symbolic link to outside it, only a folder on the same
/// file system as the journal that does not hold the journal (a link to `/`
/// or to the home folder would have every command read the whole disk). No
/// folder is read twice (two links to one folder), none that holds the
/// entries folder (that would read every entry twice), and none deeper than
/// [`MAX_FOLDER_DEPTH`] below the entries folder.
struct Bounds {
    /// The journal's root and entries folder, links resolved.
    root: PathBuf,
    entries: PathBuf,
    device: Option<u64>,
    /// Folders read so far, links resolved.
    seen: Mutex<HashSet<PathBuf>>,
}

impl Bounds {
    fn new(root: &Path, entries: &Path) -> Bounds {
        let resolved = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        Bounds {
            root: resolved(root),
            entries: resolved(entries),
            device: device(root),
            seen: Mutex::new(HashSet::new()),
        }
    }

    /// Whether the walk goes into the folder at `path`, `depth` below the
    /// entries folder and inside the folders `inside`: its real path, `None`
    /// to pass over it silently, or why it is refused.
    fn admit(
        &self,
        path: &Path,
        depth: usize,
        inside: &[PathBuf],
    ) -> Result<Option<PathBuf>, Refusal> {
        if depth > MAX_FOLDER_DEPTH {
            return Err(Refusal::TooDeep);
        }
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if inside.contains(&real) {
            return Err(Refusal::Loop);
        }
        if depth > 0 && self.entries.starts_with(&real) {
            return Err(Refusal::HoldsEntries(real));
        }
        if !real.starts_with(&self.root) {
            if self.root.starts_with(&real) {
                return Err(Refusal::HoldsJournal(real));
            }
            if self.device.is_some() && device(&real) != self.device {
                return Err(Refusal::OtherFileSystem(real));
            }
        }
        // A poisoned lock means a thread panicked; the set is still right.
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        Ok(seen.insert(real.clone()).then_some(real))
    }
}

/// The file system a path is on, where the platform tells.
fn device(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m: Metadata| m.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
