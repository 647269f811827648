//! Writing files: creating them without ever replacing one (`init`, `new`),
//! and replacing one whole or not at all (`report -o`, `export`). Replacing
//! several all or none (`tags rename`) is [`super::transaction`]'s.

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
