//! Finding the entry files: a walk of the entries folder in name order,
//! looking at each file's metadata on the way (from its folder, without
//! resolving its whole path again), so that the index can tell which files
//! changed without reading them.

use rayon::prelude::*;
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::fs::{DirEntry, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::io_reason;
use crate::model::diagnostic::Diagnostic;
use crate::model::paths::{relative, relative_in};
use crate::read::cache::fingerprint::Fingerprint;
use crate::read::cache::listings::{Listing, Listings};

/// Folders nested deeper than this below the entries folder are not read.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// Whether the walk looks up each entry file's metadata for its
/// fingerprint, which the index needs to tell changed files from unchanged
/// ones, and nothing else does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fingerprints {
    Take,
    /// Only the kind of each name, which the folder listing gives.
    Skip,
}

/// A folder of files only (no folders or links in it), which
/// `.insight/folders` keeps: listed this time, or as remembered from there.
#[derive(Debug)]
pub enum Listed {
    Fresh(Listing),
    Remembered(String),
}

/// What the walk found: the entry files, problems, and the folders of files
/// only.
pub struct Walked {
    pub files: Vec<EntryFile>,
    pub problems: Vec<Diagnostic>,
    pub listed: Vec<Listed>,
}

/// An entry file: its journal path and what the file system said about it.
#[derive(Debug)]
pub struct EntryFile {
    pub rel: String,
    pub fingerprint: Option<Fingerprint>,
    /// Its folder's open handle, when the walk kept one and the file's name
    /// is the end of `rel` as it stands: see [`open_in`].
    pub folder: Option<Arc<File>>,
}

/// How many folders' handles a walk keeps open for reading their files,
/// well below the usual limit of 1,024 open files; the files of others are
/// opened by their whole path.
const KEPT_HANDLES: usize = 256;

/// The `.md` files under the entries folder `dir`, in the order of their
/// paths' bytes folder by folder, skipping hidden names and the templates
/// folder. Unreadable folders, links that loop or lead out of bounds (see
/// `Bounds`) and folders nested too deep become diagnostics, each once.
/// With fingerprints, a folder of files only is not listed again when
/// `remembered` has its listing and it has not changed since.
pub fn entry_files(
    dir: &Path,
    root: &Path,
    templates: &Path,
    fingerprints: Fingerprints,
    remembered: Option<&Listings>,
) -> Walked {
    let mut walk = Walk {
        root,
        templates,
        fingerprints,
        remembered: remembered.filter(|_| fingerprints == Fingerprints::Take),
        bounds: Bounds::new(root, dir),
        handles: AtomicUsize::new(0),
        found: Walked {
            files: Vec::new(),
            problems: Vec::new(),
            listed: Vec::new(),
        },
        too_deep_reported: false,
    };
    if std::fs::metadata(dir).is_ok() {
        let found = walk.look_into(dir, 0, &[]);
        walk.enter(dir, found, 0, &mut Vec::new());
    }
    walk.found
}

struct Walk<'a> {
    root: &'a Path,
    templates: &'a Path,
    fingerprints: Fingerprints,
    remembered: Option<&'a Listings>,
    bounds: Bounds,
    /// How many folder handles the entry files hold.
    handles: AtomicUsize,
    found: Walked,
    too_deep_reported: bool,
}

/// What a name in a folder turned out to be.
enum Item {
    File(EntryFile),
    Folder(PathBuf),
    Problem(PathBuf, String),
    /// Another git repository inside the entries folder (a submodule):
    /// passed over, with a warning, as a revision of the journal passes
    /// over what git holds of it.
    Repository(PathBuf),
    Nothing,
}

/// A folder being looked at: its path, its journal path, and its open
/// handle if the walk keeps one.
struct Folder<'a> {
    path: &'a Path,
    rel: String,
    handle: Option<Arc<File>>,
}

/// What was found in a folder the bounds let in: its real path, its items
/// in name order or why it could not be read, and its listing if it holds
/// files only.
type Found = Result<(PathBuf, io::Result<Vec<Item>>, Option<Listed>), Refusal>;

impl Walk<'_> {
    /// Lists and looks at the folder at `path`, `depth` below the entries
    /// folder and inside the folders `inside` (links resolved), if the
    /// bounds let it in. Whether it was read already is left to
    /// [`Walk::enter`], which goes in order.
    fn look_into(&self, path: &Path, depth: usize, inside: &[PathBuf]) -> Found {
        let real = self.bounds.check(path, depth, inside)?;
        let folder = Folder {
            path,
            rel: relative(self.root, path),
            handle: self.folder_handle(path),
        };
        // Taken before the listing (a name added while it is read changes
        // the folder after this), and from the handle that the remembered
        // names are looked at from, when there is one.
        let now = match (self.fingerprints, &folder.handle) {
            (Fingerprints::Take, Some(handle)) => handle.metadata().ok(),
            (Fingerprints::Take, None) => std::fs::metadata(path).ok(),
            (Fingerprints::Skip, _) => None,
        };
        let now = now.map(|metadata| Fingerprint::of(&metadata));
        if let Some(items) = now.and_then(|now| self.remembered_items(&folder, &now)) {
            return Ok((real, Ok(items), Some(Listed::Remembered(folder.rel))));
        }
        let mut listed = None;
        let items = read_folder(path).map(|mut names| {
            names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            // Looked at by reference: the names and the folder's handle
            // are then let go by the thread that made them, not by both.
            let items: Vec<Item> = names
                .par_iter()
                .map(|(name, entry)| self.look_at(&folder, name, entry))
                .collect();
            if let Some(fingerprint) = now.filter(|_| files_only(&folder, &names, &items)) {
                let names = items.iter().filter_map(Item::file_name).map(String::from);
                listed = Some(Listed::Fresh(Listing {
                    rel: folder.rel.clone(),
                    fingerprint,
                    names: names.collect(),
                }));
            }
            items
        });
        Ok((real, items, listed))
    }

    /// The items of `folder` from its remembered listing, each entry file's
    /// metadata looked at again, if the folder is as it was when listed.
    /// Any name that is no longer a plain file (which the folder's times
    /// would have shown) has the folder listed again.
    #[cfg(target_os = "linux")]
    fn remembered_items(&self, folder: &Folder, now: &Fingerprint) -> Option<Vec<Item>> {
        use rustix::fs::{AtFlags, FileType, StatxFlags, statx};
        let names = self.remembered?.names(&folder.rel, now)?;
        // As a listing gives them: a damaged file whose checksum still holds
        // must not lead out of the folder, or out of order.
        let listable = |name: &&str| {
            is_entry_name(OsStr::new(name))
                && !is_hidden(OsStr::new(name))
                && !name.contains(['/', '\\', '\0'])
        };
        if !names.iter().all(listable) || !names.is_sorted_by(|a, b| a < b) {
            return None;
        }
        let opened;
        let handle = match &folder.handle {
            Some(kept) => kept.as_ref(),
            None => {
                opened = File::open(folder.path).ok()?;
                &opened
            }
        };
        names
            .par_iter()
            .map(|name| {
                let stat = statx(
                    handle,
                    *name,
                    AtFlags::SYMLINK_NOFOLLOW,
                    StatxFlags::BASIC_STATS,
                )
                .ok()?;
                let kind = FileType::from_raw_mode(stat.stx_mode.into());
                let fingerprint = Some(Fingerprint::of_statx(&stat));
                (kind == FileType::RegularFile)
                    .then(|| self.entry_file(folder, OsStr::new(name), fingerprint))
            })
            .collect()
    }

    /// Without `statx` by folder and name, every folder is listed.
    #[cfg(not(target_os = "linux"))]
    fn remembered_items(&self, _folder: &Folder, _now: &Fingerprint) -> Option<Vec<Item>> {
        None
    }

    /// Takes in what was found in the folder at `path` (see
    /// [`Walk::look_into`]): its entry files, then its folders one by one,
    /// in name order, so that which of two links to one folder is read is
    /// the same on every run. The folders in it are listed in parallel
    /// first: the listing of one overlaps the metadata of another.
    fn enter(&mut self, path: &Path, found: Found, depth: usize, inside: &mut Vec<PathBuf>) {
        let (real, items, listed) = match found {
            Ok(found) => found,
            Err(Refusal::TooDeep) if self.too_deep_reported => return,
            Err(refusal) => {
                self.too_deep_reported |= matches!(refusal, Refusal::TooDeep);
                let (reason, hint) = refusal.words();
                let problem = Diagnostic::error(&relative(self.root, path), 1, 1, "io", reason);
                self.found.problems.push(problem.with_hint(hint));
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
                self.found
                    .problems
                    .push(Diagnostic::error(&rel, 1, 1, "io", reason));
                return;
            }
        };
        self.found.listed.extend(listed);
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
                Item::File(file) => self.found.files.push(file),
                Item::Folder(folder) => {
                    if let Some(found) = found_in_folders.pop() {
                        self.enter(&folder, found, depth + 1, inside);
                    }
                }
                Item::Problem(at, reason) => {
                    let rel = relative(self.root, &at);
                    self.found
                        .problems
                        .push(Diagnostic::error(&rel, 1, 1, "io", reason));
                }
                Item::Repository(at) => {
                    let rel = relative(self.root, &at);
                    self.found.problems.push(other_repository(&rel));
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
                // A broken link that would not be an entry is nothing.
                Err(_) if !is_entry_name(name) => return Item::Nothing,
                Err(e) => return Item::Problem(path.clone(), link_problem(&path, &e)),
            }
        } else if kind.is_dir() {
            return self.folder_item(folder.path.join(name));
        } else if is_entry_name(name) && self.fingerprints == Fingerprints::Skip {
            // Only a regular file is an entry: opening a FIFO would wait
            // for a writer forever.
            return match kind.is_file() {
                true => self.entry_file(folder, name, None),
                false => Item::Nothing,
            };
        } else if is_entry_name(name) {
            match entry.metadata() {
                Ok(metadata) => metadata,
                // Read without a fingerprint, as without the index: the
                // reading says why it fails, or the file is an entry.
                Err(_) if kind.is_file() => return self.entry_file(folder, name, None),
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
                self.entry_file(folder, name, fingerprint)
            }
            _ => Item::Nothing,
        }
    }

    /// The entry file `name` in `folder`, with the folder's handle when
    /// its journal path ends with its name as it is.
    fn entry_file(&self, folder: &Folder, name: &OsStr, fingerprint: Option<Fingerprint>) -> Item {
        let rel = relative_in(self.root, folder.path, &folder.rel, name);
        let plain = name.to_str().is_some_and(|name| {
            rel.ends_with(name) && rel[..rel.len() - name.len()].ends_with('/')
        });
        Item::File(EntryFile {
            folder: folder.handle.clone().filter(|_| plain),
            rel,
            fingerprint,
        })
    }

    /// An open handle of the folder at `path`, to open its files from, while
    /// fewer than [`KEPT_HANDLES`] are kept.
    fn folder_handle(&self, path: &Path) -> Option<Arc<File>> {
        if !cfg!(target_os = "linux")
            || self.handles.fetch_add(1, Ordering::Relaxed) >= KEPT_HANDLES
        {
            return None;
        }
        File::open(path).ok().map(Arc::new)
    }

    fn folder_item(&self, path: PathBuf) -> Item {
        if path == self.templates {
            Item::Nothing
        } else if std::fs::symlink_metadata(path.join(".git")).is_ok() {
            Item::Repository(path)
        } else {
            Item::Folder(path)
        }
    }
}

impl Item {
    /// The name of an entry file in its folder.
    fn file_name(&self) -> Option<&str> {
        match self {
            Item::File(file) => file.rel.rsplit('/').next(),
            _ => None,
        }
    }
}

/// Whether `folder`, whose `names` were looked at as `items`, holds files
/// only, each named plainly and looked at: then its listing can be
/// remembered. A folder or link in it can change without the folder
/// changing; a name that is not UTF-8, or has a `\`, is written escaped in
/// its journal path.
fn files_only(folder: &Folder, names: &[(OsString, DirEntry)], items: &[Item]) -> bool {
    let plain_file = |(name, entry): &(OsString, DirEntry)| {
        is_hidden(name)
            || entry
                .file_type()
                .is_ok_and(|kind| !kind.is_dir() && !kind.is_symlink())
                && name.to_str().is_some_and(|name| !name.contains('\\'))
    };
    // A file whose metadata could not be looked at is read every time.
    let unlooked = |item: &Item| matches!(item, Item::File(file) if file.fingerprint.is_none());
    !folder.rel.contains('\\') && names.iter().all(plain_file) && !items.iter().any(unlooked)
}

/// The entry file whose journal path is `rel` opened from its folder's
/// `handle` (see [`EntryFile::folder`]): its path is not looked up again
/// from the root, a fifth of the time of opening and reading a file. `None`
/// when that fails, for the caller to open it by its path and report why.
#[cfg(target_os = "linux")]
pub fn open_in(handle: &File, rel: &str) -> Option<File> {
    use rustix::fs::{Mode, OFlags, openat};
    let name = rel.rsplit('/').next()?;
    let opened = openat(
        handle,
        name,
        OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    );
    opened.ok().map(File::from)
}

/// Without `openat`, every file is opened by its path.
#[cfg(not(target_os = "linux"))]
pub fn open_in(_handle: &File, _rel: &str) -> Option<File> {
    None
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

/// The warning about another git repository (a submodule, say) at the
/// journal path `rel` inside the entries folder; a revision read from git
/// says the same of a submodule.
pub fn other_repository(rel: &str) -> Diagnostic {
    Diagnostic {
        path: rel.to_string(),
        line: 1,
        column: 1,
        severity: crate::model::diagnostic::Severity::Warning,
        code: "repository",
        message: "another git repository (a submodule?): its files are not read as entries"
            .to_string(),
        hint: Some(
            "to read another team's journal with this one, name its folder under `include:` in insight.yaml"
                .to_string(),
        ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::cache::fingerprint::now_ns;

    /// A journal whose entries folder holds `visits/2026/{a,b}.md`.
    fn journal() -> tempfile::TempDir {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        std::fs::create_dir_all(root.join("visits/2026")).unwrap();
        for file in ["a.md", "b.md"] {
            std::fs::write(root.join("visits/2026").join(file), "x").unwrap();
        }
        temp
    }

    fn walk(root: &Path, remembered: Option<&Listings>) -> Walked {
        let visits = root.join("visits");
        entry_files(
            &visits,
            root,
            &root.join("templates"),
            Fingerprints::Take,
            remembered,
        )
    }

    fn paths(walked: &Walked) -> Vec<&str> {
        walked.files.iter().map(|f| f.rel.as_str()).collect()
    }

    /// The folder `visits/2026` of `root` as listed with `names`, remembered
    /// by listings made long after it settled.
    fn remembered_as(root: &Path, names: &[&str]) -> Listings {
        let metadata = std::fs::metadata(root.join("visits/2026")).unwrap();
        let listing = Listing {
            rel: "visits/2026".into(),
            fingerprint: Fingerprint::of(&metadata),
            names: names.iter().map(|n| n.to_string()).collect(),
        };
        Listings::of(now_ns() + 60_000_000_000, &[listing])
    }

    #[test]
    fn a_folder_of_files_is_listed_once_and_then_remembered() {
        let temp = journal();
        let root = temp.path().to_path_buf();
        let walked = walk(&root, None);
        assert_eq!(paths(&walked), ["visits/2026/a.md", "visits/2026/b.md"]);
        // The entries folder holds a folder: only the folder of files is kept.
        match walked.listed.as_slice() {
            [Listed::Fresh(listing)] => {
                assert_eq!(listing.rel, "visits/2026");
                assert_eq!(listing.names, ["a.md", "b.md"]);
            }
            other => panic!("{other:?}"),
        }
        // A listing that leaves out `b.md` shows it was used, not the folder.
        let remembered = remembered_as(&root, &["a.md"]);
        let walked = walk(&root, Some(&remembered));
        if cfg!(target_os = "linux") {
            assert_eq!(paths(&walked), ["visits/2026/a.md"]);
            assert!(
                matches!(walked.listed.as_slice(), [Listed::Remembered(rel)] if rel == "visits/2026")
            );
            let fingerprint = walked.files[0].fingerprint.unwrap();
            let metadata = std::fs::metadata(root.join("visits/2026/a.md")).unwrap();
            assert_eq!(fingerprint, Fingerprint::of(&metadata));
        }
    }

    /// A file is opened from its folder's handle only when its journal
    /// path ends with its name as it is; an escaped name is opened by path.
    #[test]
    fn files_are_opened_from_their_folder_when_their_name_is_plain() {
        let temp = journal();
        let root = temp.path().to_path_buf();
        std::fs::write(root.join("visits/2026/back\\slash.md"), "y").unwrap();
        let walked = walk(&root, None);
        let held: Vec<(&str, bool)> = walked
            .files
            .iter()
            .map(|f| (f.rel.as_str(), f.folder.is_some()))
            .collect();
        let linux = cfg!(target_os = "linux");
        assert_eq!(
            held,
            [
                ("visits/2026/a.md", linux),
                ("visits/2026/b.md", linux),
                ("visits/2026/back\\\\slash.md", false),
            ]
        );
        for file in &walked.files {
            let mut bytes = Vec::new();
            let folder = file.folder.as_deref();
            crate::read::files::read_entry(&root, &file.rel, folder, 0, &mut bytes).unwrap();
            let want: &[u8] = if file.rel.contains("slash") {
                b"y"
            } else {
                b"x"
            };
            assert_eq!(bytes, want, "{}", file.rel);
        }
    }

    #[test]
    fn a_folder_that_changed_or_holds_more_than_files_is_listed_again() {
        let temp = journal();
        let root = temp.path().to_path_buf();
        let remembered = remembered_as(&root, &["a.md"]);
        // Past the file system's clock tick, so that the folder's times move
        // (the listings of a real run must be older than two seconds).
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::fs::write(root.join("visits/2026/c.md"), "x").unwrap();
        let all = ["visits/2026/a.md", "visits/2026/b.md", "visits/2026/c.md"];
        assert_eq!(paths(&walk(&root, Some(&remembered))), all);

        // A name that is no longer a file has the folder listed again, and
        // so do names no listing gives: out of the folder, or out of order.
        std::fs::write(root.join("visits/outside.md"), "x").unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("visits/2026/fifo.md"))
            .status();
        assert!(fifo.is_ok_and(|s| s.success()));
        std::fs::create_dir(root.join("visits/2026/folder.md")).unwrap();
        for names in [
            &["a.md", "gone.md"][..],
            &["a.md", "fifo.md"],
            &["a.md", "folder.md"],
            &["../outside.md"],
            &["b.md", "a.md"],
            &[".hidden.md"],
        ] {
            let remembered = remembered_as(&root, names);
            assert_eq!(
                paths(&walk(&root, Some(&remembered)))[..3],
                all,
                "{names:?}"
            );
        }
        std::fs::remove_file(root.join("visits/outside.md")).unwrap();
        std::fs::remove_file(root.join("visits/2026/fifo.md")).unwrap();
        std::fs::remove_dir(root.join("visits/2026/folder.md")).unwrap();

        // A link or a folder in it: not kept, as they change on their own.
        std::os::unix::fs::symlink(root.join("visits/2026/a.md"), root.join("visits/2026/l.md"))
            .unwrap();
        assert!(walk(&root, None).listed.is_empty());
        std::fs::remove_file(root.join("visits/2026/l.md")).unwrap();
        std::fs::create_dir(root.join("visits/2026/sub")).unwrap();
        let walked = walk(&root, None);
        assert!(
            matches!(walked.listed.as_slice(), [Listed::Fresh(l)] if l.rel == "visits/2026/sub")
        );
        // Without fingerprints (no index), nothing is listed for keeping.
        let visits = root.join("visits");
        let templates = root.join("templates");
        let plain = entry_files(&visits, &root, &templates, Fingerprints::Skip, None);
        assert!(plain.listed.is_empty());
    }
}
