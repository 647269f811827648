//! An edit of many files as a transaction, the way a database makes one
//! safe: the journal is all old or all new after the next command, however
//! the edit ended, and no temporary file is left in the user's folders.
//!
//! In `.insight/edit-…/`, a folder of its own that it holds locked:
//! 1. each new file is written (`new-N`), with its file's permissions;
//! 2. the plan is written (`plan`: each file, its old and new length and
//!    checksum), after everything before it is on the disk: from here on the
//!    edit is done, even if the process is killed;
//! 3. each file is replaced by its new text, one rename each, its old text
//!    kept under a second name (`old-N`, a hard link) until the end;
//! 4. the folder is removed.
//!
//! [`recover`], which every command runs before it reads the journal, finds
//! the folder of an edit that was killed (its lock is free): without a plan
//! nothing was replaced, and the folder goes; with one, the files not yet
//! replaced are, and the folder goes. A rename that fails part-way (a full
//! disk, a file made read-only meanwhile) puts back the files already
//! replaced, and leaves a `rollback` mark first, so that a kill in the
//! middle of that is undone in turn.

use rayon::prelude::*;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::read::progress::Progress;

use crate::error::{Error, Result};
use crate::model::paths::{file_path, relative};
use crate::read::cache::bytes::checksum;
use crate::read::cache::folder::{self, Folder};

/// A file to replace, and what it must still hold when it is replaced.
pub struct Replacement<'a> {
    /// The file itself (through a symbolic link, the file it leads to).
    pub path: &'a Path,
    /// The bytes the file held when it was read: if it has changed since, it
    /// is not replaced (someone else edited it meanwhile).
    pub was: &'a [u8],
    pub contents: &'a [u8],
}

const EDIT: &str = "edit-";
const LOCK: &str = "lock";
const PLAN: &str = "plan";
const ROLLBACK: &str = "rollback";
const PLAN_HEADER: &str = "insight edit 1";

/// Replaces every file of `files` or none, in the journal at `root`, safe
/// against a kill at any moment (see the module's comment).
pub fn replace_all(root: &Path, files: &[Replacement], progress: &dyn Progress) -> Result<()> {
    let folder = Folder::open_or_make(root).ok_or_else(|| no_folder(root))?;
    for file in files {
        check(file)?;
    }
    let edit = Edit::begin(&folder)?;
    if let Err(error) = edit.stage(files, progress) {
        edit.remove();
        return Err(error);
    }
    if let Err(error) = edit.commit(files) {
        edit.remove();
        return Err(error);
    }
    edit.apply(files, progress)?;
    edit.remove();
    Ok(())
}

/// Completes or undoes every edit of the journal at `root` that was left
/// unfinished, and removes its folder; says what it did, for the user.
pub fn recover(root: &Path) -> Vec<String> {
    let Some(folder) = Folder::open(root) else {
        return Vec::new();
    };
    let mut told = Vec::new();
    for name in folder.names_starting(EDIT) {
        let dir = folder.path().join(&name);
        // A live edit holds its lock; a killed one's lock is free.
        let Some(_lock) = lock(&dir) else {
            continue;
        };
        told.extend(finish_killed(&dir));
        remove(&dir);
    }
    told
}

/// One edit under way: its folder, held locked until it is removed.
struct Edit {
    dir: PathBuf,
    _lock: File,
}

impl Edit {
    fn begin(folder: &Folder) -> Result<Edit> {
        let name = format!("{EDIT}{}-{}", std::process::id(), unique());
        let dir = folder
            .make_folder(&name)
            .ok_or_else(|| no_folder(folder.path()))?;
        let lock = File::create(dir.join(LOCK))
            .and_then(|file| file.lock().map(|()| file))
            .map_err(|e| Error::io("write", &dir.join(LOCK), &e))?;
        Ok(Edit { dir, _lock: lock })
    }

    /// Writes each new file, with its file's permissions.
    fn stage(&self, files: &[Replacement], progress: &dyn Progress) -> Result<()> {
        let done = std::sync::atomic::AtomicUsize::new(0);
        files.par_iter().enumerate().try_for_each(|(n, file)| {
            let staged = self.dir.join(format!("new-{n}"));
            write_new(&staged, file.contents, file.path).map_err(|e| {
                Error::new(format!(
                    "cannot write the new text of {}: {}; nothing was changed",
                    file.path.display(),
                    crate::error::io_reason(&e)
                ))
                .hint("make room on the disk, then run the command again")
            })?;
            let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress.step("writing files", done, files.len());
            Ok(())
        })
    }

    /// Puts what was written on the disk, then the plan: from here on the
    /// edit is done, whatever happens to this process.
    fn commit(&self, files: &[Replacement]) -> Result<()> {
        sync_folder_files(&self.dir);
        let mut plan = String::from(PLAN_HEADER);
        plan.push('\n');
        for (n, file) in files.iter().enumerate() {
            plan.push_str(&format!(
                "{n}\t{}\t{}\t{}\n",
                fingerprint(file.was),
                fingerprint(file.contents),
                relative(
                    Path::new("/"),
                    &std::path::absolute(file.path).unwrap_or_default()
                ),
            ));
        }
        let written = self.dir.join("plan.tmp");
        File::create(&written)
            .and_then(|mut f| f.write_all(plan.as_bytes()).and_then(|()| f.sync_all()))
            .and_then(|()| fs::rename(&written, self.dir.join(PLAN)))
            .and_then(|()| File::open(&self.dir).and_then(|d| d.sync_all()))
            .map_err(|e| Error::io("write", &self.dir.join(PLAN), &e))
    }

    /// Replaces each file by its new text; on a failure, puts back those
    /// already replaced.
    fn apply(&self, files: &[Replacement], progress: &dyn Progress) -> Result<()> {
        for (n, file) in files.iter().enumerate() {
            if let Err(e) = self.replace(n, file.path) {
                let error = Error::io("replace", file.path, &e);
                return Err(self.roll_back(files, n, error));
            }
            progress.step("replacing files", n + 1, files.len());
        }
        Ok(())
    }

    /// Keeps the file's old text under a second name, then renames its new
    /// text over it.
    fn replace(&self, n: usize, path: &Path) -> io::Result<()> {
        let old = self.dir.join(format!("old-{n}"));
        if fs::hard_link(path, &old).is_err() {
            fs::copy(path, &old)?;
        }
        fs::rename(self.dir.join(format!("new-{n}")), path)
    }

    /// Puts back the first `replaced` files, after marking the edit as
    /// undone so that a kill now is undone too.
    fn roll_back(&self, files: &[Replacement], replaced: usize, error: Error) -> Error {
        let marked = File::create(self.dir.join(ROLLBACK)).and_then(|f| f.sync_all());
        let mut not_restored = Vec::new();
        for (n, file) in files[..replaced].iter().enumerate().rev() {
            if fs::rename(self.dir.join(format!("old-{n}")), file.path).is_err() {
                not_restored.push(file.path.display().to_string());
            }
        }
        if not_restored.is_empty() && marked.is_ok() {
            self.remove();
            return error.hint("every file was put back as it was");
        }
        // Kept, for the next command to try again.
        error.hint(format!(
            "these files could not be put back yet: {}; the next insight command tries again",
            not_restored.join(", ")
        ))
    }

    fn remove(&self) {
        remove(&self.dir);
    }
}

/// Removes an edit's folder in an order that a kill cannot make harmful:
/// the plan first (so that nothing is replayed), its lock last (so that
/// while files are left, the lock says whether their edit is alive).
fn remove(dir: &Path) {
    let _ = fs::remove_file(dir.join(PLAN));
    let _ = fs::remove_file(dir.join(ROLLBACK));
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name() != LOCK {
            let _ = fs::remove_file(entry.path());
        }
    }
    let _ = fs::remove_file(dir.join(LOCK));
    let _ = fs::remove_dir(dir);
}

/// Refuses a file that is read-only, or that changed since it was read.
fn check(file: &Replacement) -> Result<()> {
    let path = file.path;
    let failed = |e: io::Error| Error::io("replace", path, &e);
    let metadata = fs::metadata(path).map_err(failed)?;
    if metadata.permissions().readonly() {
        return Err(Error::new(format!(
            "{} is read-only; nothing was changed",
            path.display()
        ))
        .hint("make it writable (`chmod u+w`) and run the command again, or leave it as it is by moving it out of the journal"));
    }
    if fs::read(path).map_err(failed)? != file.was {
        return Err(Error::new(format!(
            "{} changed while insight was working; nothing was changed",
            path.display()
        ))
        .hint("run the command again"));
    }
    Ok(())
}

/// Writes `contents` to the new file `staged`, with the permissions of the
/// file it will replace.
fn write_new(staged: &Path, contents: &[u8], replaces: &Path) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(staged)?;
    file.write_all(contents)?;
    file.set_permissions(fs::metadata(replaces)?.permissions())
}

/// Puts every file written in `dir` on the disk: on Linux one `syncfs` of
/// its file system, far cheaper than one `fsync` a file.
fn sync_folder_files(dir: &Path) {
    #[cfg(target_os = "linux")]
    {
        if let Ok(folder) = File::open(dir) {
            let _ = rustix::fs::syncfs(&folder);
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let _ = File::open(entry.path()).and_then(|f| f.sync_all());
        }
    }
}

/// A text's length and checksum, as the plan records it.
fn fingerprint(bytes: &[u8]) -> String {
    format!("{}:{:016x}", bytes.len(), checksum(bytes))
}

/// The lock of the edit in `dir`, if no live process holds it. A folder
/// without a lock holds nothing to finish: its edit had not staged a file
/// yet, or was removing its folder when it was killed (the lock goes last).
fn lock(dir: &Path) -> Option<File> {
    match File::open(dir.join(LOCK)) {
        Ok(file) => file.try_lock().ok().map(|()| file),
        Err(_) => File::open(dir).ok(),
    }
}

/// One file of a killed edit's plan.
struct Planned {
    n: usize,
    old: String,
    new: String,
    path: PathBuf,
}

/// Finishes the killed edit in `dir` the way it was going: forward when it
/// had its plan, back when it was being undone; says what it did.
fn finish_killed(dir: &Path) -> Vec<String> {
    let Some(plan) = read_plan(dir) else {
        return Vec::new();
    };
    let undo = dir.join(ROLLBACK).exists();
    let mut changed_meanwhile = Vec::new();
    for file in &plan {
        let now = fs::read(&file.path).map(|b| fingerprint(&b)).ok();
        let (kept, wanted, from) = if undo {
            (&file.new, &file.old, format!("old-{}", file.n))
        } else {
            (&file.old, &file.new, format!("new-{}", file.n))
        };
        let from = dir.join(from);
        if !from.exists() || now.as_ref() == Some(wanted) {
            continue;
        }
        if now.as_ref() == Some(kept) {
            let _ = fs::rename(&from, &file.path);
        } else {
            changed_meanwhile.push(file.path.display().to_string());
        }
    }
    let done = if undo { "undone" } else { "completed" };
    let mut told = vec![format!(
        "an edit of {} files was left unfinished (the command was stopped); it is {done} now",
        plan.len()
    )];
    if !changed_meanwhile.is_empty() {
        told.push(format!(
            "these files changed since, and were left as they are: {}",
            changed_meanwhile.join(", ")
        ));
    }
    told
}

/// The plan of the edit in `dir`, if it got that far.
fn read_plan(dir: &Path) -> Option<Vec<Planned>> {
    let text = fs::read_to_string(dir.join(PLAN)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(PLAN_HEADER) {
        return None;
    }
    lines
        .map(|line| {
            let mut fields = line.splitn(4, '\t');
            let n = fields.next()?.parse().ok()?;
            let old = fields.next()?.to_string();
            let new = fields.next()?.to_string();
            let path = file_path(Path::new("/"), fields.next()?);
            Some(Planned { n, old, new, path })
        })
        .collect()
}

fn no_folder(root: &Path) -> Error {
    let name = root.join(folder::NAME);
    Error::new(format!(
        "cannot keep the edit's files in {}: it is not a folder insight can write",
        name.display()
    ))
    .hint("insight needs its own folder to change several files safely; remove what is in the way (`rm .insight`), or make the journal writable")
}

/// A number no other edit of this process has.
fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::progress::Unwatched;

    /// A journal's root with three entries in `visits/`, and what each holds
    /// before and after.
    struct Journal {
        _temp: tempfile::TempDir,
        root: PathBuf,
        files: Vec<(PathBuf, &'static str, &'static str)>,
    }

    fn journal() -> Journal {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        let visits = root.join("visits");
        fs::create_dir_all(&visits).unwrap();
        let long_name = format!("{}.md", "n".repeat(252));
        let files = vec![
            (visits.join("a.md"), "a old\n", "a new\n"),
            (visits.join(long_name), "long old\n", "long new\n"),
            (visits.join("c.md"), "c old\n", "c new\n"),
        ];
        for (path, before, _) in &files {
            fs::write(path, before).unwrap();
        }
        Journal {
            _temp: temp,
            root,
            files,
        }
    }

    impl Journal {
        fn replacements(&self) -> Vec<Replacement<'_>> {
            self.files
                .iter()
                .map(|(path, was, now)| Replacement {
                    path,
                    was: was.as_bytes(),
                    contents: now.as_bytes(),
                })
                .collect()
        }

        fn contents(&self) -> Vec<String> {
            let read = |(path, ..): &(PathBuf, &str, &str)| fs::read_to_string(path).unwrap();
            self.files.iter().map(read).collect()
        }

        /// Every name in the journal's folders, `.insight` included.
        fn names(&self) -> Vec<String> {
            let mut names: Vec<String> = walkdir::WalkDir::new(&self.root)
                .min_depth(1)
                .into_iter()
                .map(|e| {
                    let e = e.unwrap();
                    e.path()
                        .strip_prefix(&self.root)
                        .unwrap()
                        .display()
                        .to_string()
                })
                .collect();
            names.sort();
            names
        }

        /// An edit of the journal begun, staged and, if `planned`, committed,
        /// then left as a kill leaves it: its lock let go.
        fn killed_edit(&self, planned: bool) -> PathBuf {
            let folder = Folder::open_or_make(&self.root).unwrap();
            let edit = Edit::begin(&folder).unwrap();
            let replacements = self.replacements();
            edit.stage(&replacements, &Unwatched).unwrap();
            if planned {
                edit.commit(&replacements).unwrap();
            }
            let dir = edit.dir.clone();
            // Closing the lock's file lets the lock go, as a kill does.
            drop(edit);
            dir
        }
    }

    const ONLY_ENTRIES: [&str; 5] = [
        ".insight",
        "visits",
        "visits/a.md",
        "visits/c.md",
        "visits/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn.md",
    ];

    #[test]
    fn every_file_is_replaced_with_its_permissions_and_nothing_is_left_behind() {
        use std::os::unix::fs::PermissionsExt;
        let j = journal();
        fs::set_permissions(&j.files[2].0, fs::Permissions::from_mode(0o640)).unwrap();
        replace_all(&j.root, &j.replacements(), &Unwatched).unwrap();
        assert_eq!(j.contents(), ["a new\n", "long new\n", "c new\n"]);
        assert_eq!(j.names(), ONLY_ENTRIES, "no temporary file left");
        let mode = fs::metadata(&j.files[2].0).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_read_only_or_changed_file_stops_them_all() {
        let j = journal();
        let mut read_only = fs::metadata(&j.files[2].0).unwrap().permissions();
        read_only.set_readonly(true);
        fs::set_permissions(&j.files[2].0, read_only).unwrap();
        let error = replace_all(&j.root, &j.replacements(), &Unwatched).unwrap_err();
        assert!(
            error
                .message
                .ends_with("c.md is read-only; nothing was changed"),
            "{}",
            error.message
        );
        assert_eq!(j.contents(), ["a old\n", "long old\n", "c old\n"]);

        fs::write(&j.files[1].0, "edited meanwhile\n").unwrap();
        let mut writable = fs::metadata(&j.files[2].0).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        fs::set_permissions(&j.files[2].0, writable).unwrap();
        let error = replace_all(&j.root, &j.replacements(), &Unwatched).unwrap_err();
        assert!(error.message.contains("changed while insight was working"));
        assert_eq!(j.contents(), ["a old\n", "edited meanwhile\n", "c old\n"]);
        assert!(
            !j.names().iter().any(|n| n.contains("edit-")),
            "{:?}",
            j.names()
        );
    }

    #[test]
    fn a_failure_part_way_puts_back_what_was_replaced() {
        let j = journal();
        let folder = Folder::open_or_make(&j.root).unwrap();
        let edit = Edit::begin(&folder).unwrap();
        let replacements = j.replacements();
        edit.stage(&replacements, &Unwatched).unwrap();
        edit.commit(&replacements).unwrap();
        // The second file's new text vanishes: its rename fails after the
        // first file was replaced.
        fs::remove_file(edit.dir.join("new-1")).unwrap();
        let error = edit.apply(&replacements, &Unwatched).unwrap_err();
        assert_eq!(error.hints, ["every file was put back as it was"]);
        assert_eq!(j.contents(), ["a old\n", "long old\n", "c old\n"]);
        assert_eq!(j.names(), ONLY_ENTRIES, "no temporary file left");
    }

    #[test]
    fn an_edit_killed_before_its_plan_is_undone() {
        let j = journal();
        j.killed_edit(false);
        assert_eq!(recover(&j.root), Vec::<String>::new());
        assert_eq!(j.contents(), ["a old\n", "long old\n", "c old\n"]);
        assert_eq!(j.names(), ONLY_ENTRIES);
    }

    #[test]
    fn an_edit_killed_after_its_plan_is_completed() {
        let j = journal();
        let dir = j.killed_edit(true);
        // Killed after the first file was replaced.
        fs::hard_link(&j.files[0].0, dir.join("old-0")).unwrap();
        fs::rename(dir.join("new-0"), &j.files[0].0).unwrap();
        assert_eq!(
            recover(&j.root),
            [
                "an edit of 3 files was left unfinished (the command was stopped); it is completed now"
            ]
        );
        assert_eq!(j.contents(), ["a new\n", "long new\n", "c new\n"]);
        assert_eq!(j.names(), ONLY_ENTRIES);
    }

    #[test]
    fn an_edit_killed_while_it_was_undone_is_undone() {
        let j = journal();
        let dir = j.killed_edit(true);
        for n in 0..2 {
            fs::hard_link(&j.files[n].0, dir.join(format!("old-{n}"))).unwrap();
            fs::rename(dir.join(format!("new-{n}")), &j.files[n].0).unwrap();
        }
        File::create(dir.join(ROLLBACK)).unwrap();
        // The second file was put back before the kill; the first was not.
        fs::rename(dir.join("old-1"), &j.files[1].0).unwrap();
        recover(&j.root);
        assert_eq!(j.contents(), ["a old\n", "long old\n", "c old\n"]);
        assert_eq!(j.names(), ONLY_ENTRIES);
    }

    #[test]
    fn a_file_changed_after_the_kill_is_left_as_it_is() {
        let j = journal();
        j.killed_edit(true);
        fs::write(&j.files[2].0, "mine now\n").unwrap();
        let told = recover(&j.root);
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(told[1].ends_with("c.md"), "{told:?}");
        assert_eq!(j.contents(), ["a new\n", "long new\n", "mine now\n"]);
    }

    #[test]
    fn a_live_edit_is_left_alone() {
        let j = journal();
        let folder = Folder::open_or_make(&j.root).unwrap();
        let edit = Edit::begin(&folder).unwrap();
        let replacements = j.replacements();
        edit.stage(&replacements, &Unwatched).unwrap();
        edit.commit(&replacements).unwrap();
        assert_eq!(recover(&j.root), Vec::<String>::new());
        assert!(edit.dir.join(PLAN).exists(), "its folder is still there");
        assert_eq!(j.contents(), ["a old\n", "long old\n", "c old\n"]);
    }
}
