//! Finding the entry files: a walk of the entries folder in name order,
//! looking at each file's metadata on the way (from its folder, without
//! resolving its whole path again), so that the index can tell which files
//! changed without reading them.

use rayon::prelude::*;
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs::{DirEntry, Metadata};
use std::io;
use std::path::{Path, PathBuf};

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
        let found = walk.look_into(dir, 0, &[]);
        walk.enter(dir, found, 0, &mut Vec::new());
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
    /// An entry file of the folder, by journal path.
    File(String, Option<Fingerprint>),
    Folder(PathBuf),
    Problem(PathBuf, String),
    Nothing,
}

/// A folder being looked at: its path, and its journal path.
struct Folder<'a> {
    path: &'a Path,
    rel: String,
}

/// What was found in a folder the bounds let in: its real path, and its
/// items in name order or why it could not be read.
type Found = Result<(PathBuf, io::Result<Vec<Item>>), Refusal>;

impl Walk<'_> {
    /// Lists and looks at the folder at `path`, `depth` below the entries
    /// folder and inside the folders `inside` (links resolved), if the
    /// bounds let it in. Whether it was read already is left to
    /// [`Walk::enter`], which goes in order.
    fn look_into(&self, path: &Path, depth: usize, inside: &[PathBuf]) -> Found {
        let real = self.bounds.check(path, depth, inside)?;
        let items = read_folder(path).map(|mut names| {
            names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let folder = Folder {
                path,
                rel: relative(self.root, path),
            };
            // Looked at by reference: the names and the folder's handle
            // are then let go by the thread that made them, not by both.
            names
                .par_iter()
                .map(|(name, entry)| self.look_at(&folder, name, entry))
                .collect()
        });
        Ok((real, items))
    }

    /// Takes in what was found in the folder at `path` (see
    /// [`Walk::look_into`]): its entry files, then its folders one by one,
    /// in name order, so that which of two links to one folder is read is
    /// the same on every run. The folders in it are listed in parallel
    /// first: the listing of one overlaps the metadata of another.
    fn enter(&mut self, path: &Path, found: Found, depth: usize, inside: &mut Vec<PathBuf>) {
        let (real, items) = match found {
            Ok(found) => found,
            Err(Refusal::TooDeep) if self.too_deep_reported => return,
            Err(refusal) => {
                self.too_deep_reported |= matches!(refusal, Refusal::TooDeep);
                let (reason, hint) = refusal.words();
                let problem = Diagnostic::error(&relative(self.root, path), 1, 1, "io", reason);
                self.problems.push(problem.with_hint(hint));
                return;
            }
        };
        if !self.bounds.first_visit(&real) {
            return;
        }
        let items = match items {
            Ok(items) => items,
            Err(e) => {
                let reason = format!("cannot read this folder: {}", io_reason(&e));
                let rel = relative(self.root, path);
                self.problems
                    .push(Diagnostic::error(&rel, 1, 1, "io", reason));
                return;
            }
        };
        inside.push(real);
        let folders: Vec<&PathBuf> = items
            .iter()
            .filter_map(|item| match item {
                Item::Folder(folder) => Some(folder),
                _ => None,
            })
            .collect();
        let mut found_in_folders: Vec<Found> = folders
            .into_par_iter()
            .map(|folder| self.look_into(folder, depth + 1, inside))
            .collect();
        found_in_folders.reverse();
        for item in items {
            match item {
                Item::File(rel, fingerprint) => self.files.push(EntryFile { rel, fingerprint }),
                Item::Folder(folder) => {
                    if let Some(found) = found_in_folders.pop() {
                        self.enter(&folder, found, depth + 1, inside);
                    }
                }
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

    fn look_at(&self, folder: &Folder, name: &OsStr, entry: &DirEntry) -> Item {
        if is_hidden(name) {
            return Item::Nothing;
        }
        let Ok(kind) = entry.file_type() else {
            return Item::Nothing;
        };
        // The whole path is made only when needed: not for the many files.
        let metadata = if kind.is_symlink() {
            let path = folder.path.join(name);
            match std::fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(e) => return Item::Problem(path.clone(), link_problem(&path, &e)),
            }
        } else if kind.is_dir() {
            return self.folder_item(folder.path.join(name));
        } else if is_entry_name(name) && self.fingerprints == Fingerprints::Skip {
            // Only a regular file is an entry: opening a FIFO would wait
            // for a writer forever.
            return match kind.is_file() {
                true => Item::File(self.file_rel(folder, name), None),
                false => Item::Nothing,
            };
        } else if is_entry_name(name) {
            match entry.metadata() {
                Ok(metadata) => metadata,
                Err(_) => return Item::Nothing,
            }
        } else {
            return Item::Nothing;
        };
        match metadata {
            m if m.is_dir() => self.folder_item(folder.path.join(name)),
            m if m.is_file() && is_entry_name(name) => {
                let fingerprint =
                    (self.fingerprints == Fingerprints::Take).then(|| Fingerprint::of(&m));
                Item::File(self.file_rel(folder, name), fingerprint)
            }
            _ => Item::Nothing,
        }
    }

    /// The journal path of the file `name` in `folder`.
    fn file_rel(&self, folder: &Folder, name: &OsStr) -> String {
        relative_in(self.root, folder.path, &folder.rel, name)
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
    seen: HashSet<PathBuf>,
}

impl Bounds {
    fn new(root: &Path, entries: &Path) -> Bounds {
        let resolved = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        Bounds {
            root: resolved(root),
            entries: resolved(entries),
            device: device(root),
            seen: HashSet::new(),
        }
    }

    /// Whether the walk may go into the folder at `path`, `depth` below the
    /// entries folder and inside the folders `inside`: its real path, or why
    /// it is refused. Whether it was read already is [`Bounds::first_visit`].
    fn check(&self, path: &Path, depth: usize, inside: &[PathBuf]) -> Result<PathBuf, Refusal> {
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
        Ok(real)
    }

    /// Whether the folder whose real path is `real` is read for the first
    /// time; a second link to it is passed over silently.
    fn first_visit(&mut self, real: &Path) -> bool {
        self.seen.insert(real.to_path_buf())
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
