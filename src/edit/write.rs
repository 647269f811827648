//! Writing files: creating them without ever replacing one (`init`, `new`),
//! replacing one whole or not at all (`report -o`), and replacing several all
//! or none (`tags rename`).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Creates `path` with `contents`; fails if it exists. Parent folders are made.
pub fn create_new(path: &Path, contents: &[u8]) -> Result<()> {
    make_parent(path)?;
    match try_create(path, contents) {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::new(format!(
            "{} already exists; not replacing it",
            path.display()
        ))),
        Err(e) => Err(Error::io("write", path, &e)),
    }
}

/// Creates the first free path among `candidates` and returns it. Safe when
/// several processes race for the same names: each gets a different file.
pub fn create_first_free(
    candidates: impl IntoIterator<Item = PathBuf>,
    contents: &[u8],
) -> Result<PathBuf> {
    for path in candidates {
        make_parent(&path)?;
        match try_create(&path, contents) {
            Ok(true) => return Ok(path),
            Ok(false) => continue,
            Err(e) => return Err(Error::io("write", &path, &e)),
        }
    }
    Err(Error::new("every candidate file name is taken"))
}

/// Writes `path` whole or not at all: a temporary file beside it is renamed
/// over it, so a reader never sees half a file. For generated files, and for
/// edits that have been proven to change only what they must.
pub fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    make_parent(path)?;
    let temp = temp_path(path);
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| file.write_all(contents).and_then(|_| file.sync_all()))
        // A replaced file keeps its permissions.
        .and_then(|_| match fs::metadata(path) {
            Ok(old) => fs::set_permissions(&temp, old.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|_| fs::rename(&temp, path));
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io("write", path, &e)
    })
}

/// A file to replace, and what it must still hold when it is replaced.
pub struct Replacement<'a> {
    pub path: &'a Path,
    /// The bytes the file held when it was read: if it has changed since, it
    /// is not replaced (someone else edited it meanwhile).
    pub was: &'a [u8],
    pub contents: &'a [u8],
}

/// One replacement made ready: the new contents written and checked beside
/// the file, and a second name for the file as it is, to put it back.
struct Staged<'a> {
    path: &'a Path,
    temp: PathBuf,
    backup: PathBuf,
}

/// Replaces every file or none. First each new file is written beside the
/// one it replaces, read back and compared, with the file's permissions, and
/// each file is checked to be writable and unchanged since it was read; a
/// problem with any of them leaves every file as it was. Only then are the
/// files replaced, one rename each; if a rename fails part-way, the files
/// already replaced are put back. Temporary names are short, so a file whose
/// name has the longest length the file system allows can be replaced too.
pub fn replace_all(files: &[Replacement]) -> Result<()> {
    commit(&stage_all(files)?)
}

/// Every replacement made ready, or none (and nothing left behind).
fn stage_all<'a>(files: &[Replacement<'a>]) -> Result<Vec<Staged<'a>>> {
    let mut staged: Vec<Staged> = Vec::with_capacity(files.len());
    for file in files {
        match stage(file) {
            Ok(ready) => staged.push(ready),
            Err(error) => {
                discard(&staged);
                return Err(error);
            }
        }
    }
    Ok(staged)
}

/// Replaces each file by its staged text; on a failure, puts back those done.
fn commit(staged: &[Staged]) -> Result<()> {
    for (done, ready) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(&ready.temp, ready.path) {
            let error = Error::io("replace", ready.path, &e);
            let not_restored = put_back(&staged[..done]);
            discard(&staged[done..]);
            return Err(if not_restored.is_empty() {
                error.hint("every file was put back as it was")
            } else {
                error.hint(format!(
                    "these files could not be put back; their earlier text is in the file named beside each: {}",
                    not_restored.join(", ")
                ))
            });
        }
    }
    for ready in staged {
        let _ = fs::remove_file(&ready.backup);
    }
    Ok(())
}

fn stage<'a>(file: &Replacement<'a>) -> Result<Staged<'a>> {
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
    let temp = write_temp(path, file.contents, metadata.permissions()).map_err(failed)?;
    let backup = match second_name(path) {
        Ok(backup) => backup,
        Err(e) => {
            let _ = fs::remove_file(&temp);
            return Err(failed(e));
        }
    };
    Ok(Staged { path, temp, backup })
}

/// Writes `contents` to a new temporary file beside `path`, reads it back to
/// be sure the disk holds it, and gives it `permissions`.
fn write_temp(path: &Path, contents: &[u8], permissions: fs::Permissions) -> io::Result<PathBuf> {
    let temp = temp_path(path);
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| file.write_all(contents).and_then(|_| file.sync_all()))
        .and_then(|_| fs::read(&temp))
        .and_then(|back| {
            if back == contents {
                Ok(())
            } else {
                Err(io::Error::other(
                    "the new file did not read back as written",
                ))
            }
        })
        .and_then(|_| fs::set_permissions(&temp, permissions));
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// A second name for the file at `path` as it is now, to put it back if need
/// be: a hard link, which costs no space, else a copy.
fn second_name(path: &Path) -> io::Result<PathBuf> {
    let backup = temp_path(path).with_extension("bak");
    match fs::hard_link(path, &backup) {
        Ok(()) => Ok(backup),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let copied = fs::read(path).and_then(|bytes| {
                let mut file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&backup)?;
                file.write_all(&bytes).and_then(|_| file.sync_all())
            });
            match copied {
                Ok(()) => Ok(backup),
                Err(e) => {
                    let _ = fs::remove_file(&backup);
                    Err(e)
                }
            }
        }
    }
}

/// Puts back the files already replaced, last first (the second name becomes
/// the file's name again); returns those that could not be, each with the
/// name that still holds its earlier text.
fn put_back(replaced: &[Staged]) -> Vec<String> {
    let mut not_restored = Vec::new();
    for ready in replaced.iter().rev() {
        if fs::rename(&ready.backup, ready.path).is_err() {
            not_restored.push(format!(
                "{} ({})",
                ready.path.display(),
                ready.backup.display()
            ));
        }
    }
    not_restored
}

/// Removes the temporary files and second names of files not replaced.
fn discard(staged: &[Staged]) {
    for ready in staged {
        let _ = fs::remove_file(&ready.temp);
        let _ = fs::remove_file(&ready.backup);
    }
}

fn make_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, &e))
        }
        _ => Ok(()),
    }
}

/// Writes the contents to a temporary file, then links it into place. Linking
/// fails if the target exists, so nothing is ever replaced, and no reader can
/// see a half-written file. `Ok(false)` means the target was taken.
fn try_create(path: &Path, contents: &[u8]) -> io::Result<bool> {
    let temp = temp_path(path);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = file.write_all(contents).and_then(|_| file.sync_all());
    drop(file);
    let linked = written.and_then(|_| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        // Some file systems have no hard links: fall back to an exclusive create.
        Err(e) if e.kind() == io::ErrorKind::Unsupported || e.raw_os_error() == Some(1) => {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut file) => file.write_all(contents).map(|_| true),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// A new name beside `path`, hidden (so no command reads it as an entry) and
/// short: a name built from the file's own would be too long when the file's
/// name already has the most bytes the file system allows.
fn temp_path(path: &Path) -> PathBuf {
    let unique = format!(".insight-{}-{}.tmp", std::process::id(), unique_suffix());
    path.with_file_name(unique)
}

fn unique_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder, removed when the guard is dropped, and a path inside
    /// it that does not exist yet.
    fn temp_dir() -> (tempfile::TempDir, PathBuf) {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("work");
        (temp, dir)
    }

    #[test]
    fn never_replaces_a_file() {
        let (_temp, dir) = temp_dir();
        let path = dir.join("a/b.md");
        create_new(&path, b"first").unwrap();
        assert!(create_new(&path, b"second").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(
            fs::read_dir(dir.join("a")).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn replace_swaps_the_whole_file() {
        let (_temp, dir) = temp_dir();
        let path = dir.join("reports/2026Q3.md");
        replace(&path, b"one").unwrap();
        replace(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            fs::read_dir(dir.join("reports")).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    /// Three entries and what each holds before and after.
    fn three_files(dir: &Path) -> Vec<(PathBuf, &'static str, &'static str)> {
        fs::create_dir_all(dir).unwrap();
        let long_name = format!("{}.md", "n".repeat(252));
        let files = vec![
            (dir.join("a.md"), "a old\n", "a new\n"),
            (dir.join(long_name), "long old\n", "long new\n"),
            (dir.join("c.md"), "c old\n", "c new\n"),
        ];
        for (path, before, _) in &files {
            fs::write(path, before).unwrap();
        }
        files
    }

    fn replacements<'a>(files: &'a [(PathBuf, &str, &str)]) -> Vec<Replacement<'a>> {
        files
            .iter()
            .map(|(path, was, now)| Replacement {
                path,
                was: was.as_bytes(),
                contents: now.as_bytes(),
            })
            .collect()
    }

    fn contents(files: &[(PathBuf, &str, &str)]) -> Vec<String> {
        files
            .iter()
            .map(|(path, ..)| fs::read_to_string(path).unwrap())
            .collect()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replace_all_replaces_every_file_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (_temp, dir) = temp_dir();
        let files = three_files(&dir);
        fs::set_permissions(&files[2].0, fs::Permissions::from_mode(0o640)).unwrap();
        let before = names(&dir);
        replace_all(&replacements(&files)).unwrap();
        assert_eq!(contents(&files), ["a new\n", "long new\n", "c new\n"]);
        assert_eq!(names(&dir), before, "no temporary file left");
        let mode = fs::metadata(&files[2].0).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_read_only_or_changed_file_stops_them_all() {
        let (_temp, dir) = temp_dir();
        let files = three_files(&dir);
        let before = names(&dir);
        let mut read_only = fs::metadata(&files[2].0).unwrap().permissions();
        read_only.set_readonly(true);
        fs::set_permissions(&files[2].0, read_only).unwrap();
        let error = replace_all(&replacements(&files)).unwrap_err();
        assert!(
            error
                .message
                .ends_with("c.md is read-only; nothing was changed"),
            "{}",
            error.message
        );
        assert_eq!(contents(&files), ["a old\n", "long old\n", "c old\n"]);
        assert_eq!(names(&dir), before, "no temporary file left");

        fs::write(&files[1].0, "edited meanwhile\n").unwrap();
        let mut writable = fs::metadata(&files[2].0).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        fs::set_permissions(&files[2].0, writable).unwrap();
        let error = replace_all(&replacements(&files)).unwrap_err();
        assert!(
            error.message.contains("changed while insight was working"),
            "{}",
            error.message
        );
        assert_eq!(
            contents(&files),
            ["a old\n", "edited meanwhile\n", "c old\n"]
        );
        assert_eq!(names(&dir), before, "no temporary file left");
    }

    #[test]
    fn a_failure_part_way_puts_back_what_was_replaced() {
        let (_temp, dir) = temp_dir();
        let files = three_files(&dir);
        let before = names(&dir);
        let replacements = replacements(&files);
        let staged = stage_all(&replacements).unwrap();
        // The second replacement's new file vanishes: its rename fails after
        // the first file was replaced.
        fs::remove_file(&staged[1].temp).unwrap();
        let error = commit(&staged).unwrap_err();
        assert_eq!(error.hints, ["every file was put back as it was"]);
        assert_eq!(contents(&files), ["a old\n", "long old\n", "c old\n"]);
        assert_eq!(names(&dir), before, "no temporary file left");
    }

    #[test]
    fn takes_the_next_free_name() {
        let (_temp, dir) = temp_dir();
        let names = || ["x.md", "x-2.md", "x-3.md"].map(|n| dir.join(n));
        assert_eq!(create_first_free(names(), b"1").unwrap(), dir.join("x.md"));
        assert_eq!(
            create_first_free(names(), b"2").unwrap(),
            dir.join("x-2.md")
        );
    }
}
