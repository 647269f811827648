//! The folder `.insight` under a journal's root, used only when it is a real
//! folder: a symbolic link named `.insight` (which a commit can carry) or a
//! file of that name is refused, so that insight never reads or writes
//! through a link it did not make. On Linux the folder is opened once
//! without following links, and every file in it is opened, written and
//! renamed from that handle, so that nothing can be swapped in between the
//! look and the write.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder's name under the journal's root.
pub const NAME: &str = ".insight";

/// Why `.insight` is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A symbolic link: what it points to is not insight's to write.
    Link,
    /// A file, or anything else that is not a folder.
    NotFolder,
}

impl Refused {
    /// The warning, and what to do, to show once.
    pub fn warning(self) -> (String, String) {
        let (why, what) = match self {
            Refused::Link => ("a symbolic link, not a folder insight made", "the link"),
            Refused::NotFolder => ("not a folder", "the file"),
        };
        (
            format!("{NAME} is {why}: the index is not used, and nothing is written through it"),
            format!("remove {what} (`rm {NAME}`); insight makes its own folder"),
        )
    }
}

/// An open `.insight` folder.
pub struct Folder {
    path: PathBuf,
    #[cfg(target_os = "linux")]
    handle: rustix::fd::OwnedFd,
}

/// What `.insight` is, without following a link.
pub fn check(root: &Path) -> Result<(), Refused> {
    match std::fs::symlink_metadata(root.join(NAME)) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Refused::Link),
        Ok(meta) if !meta.is_dir() => Err(Refused::NotFolder),
        _ => Ok(()),
    }
}

impl Folder {
    /// The journal's `.insight` folder, if it is there and a real folder.
    pub fn open(root: &Path) -> Option<Folder> {
        let path = root.join(NAME);
        check(root).ok()?;
        Folder::open_path(path)
    }

    /// Like [`Folder::open`], making the folder when there is none.
    pub fn open_or_make(root: &Path) -> Option<Folder> {
        let path = root.join(NAME);
        check(root).ok()?;
        // Making the folder never follows a link: an existing name fails it.
        if let Err(e) = std::fs::create_dir(&path)
            && e.kind() != std::io::ErrorKind::AlreadyExists
        {
            return None;
        }
        Folder::open_path(path)
    }

    #[cfg(target_os = "linux")]
    fn open_path(path: PathBuf) -> Option<Folder> {
        use rustix::fs::{CWD, Mode, OFlags, openat};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let handle = openat(CWD, &path, flags, Mode::empty()).ok()?;
        Some(Folder { path, handle })
    }

    #[cfg(not(target_os = "linux"))]
    fn open_path(path: PathBuf) -> Option<Folder> {
        let meta = std::fs::symlink_metadata(&path).ok()?;
        meta.is_dir().then_some(Folder { path })
    }

    /// Where the folder is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the folder `name` in this one; `None` when it is there already
    /// or cannot be made. Never follows a link of that name.
    pub fn make_folder(&self, name: &str) -> Option<PathBuf> {
        #[cfg(target_os = "linux")]
        {
            rustix::fs::mkdirat(&self.handle, name, rustix::fs::Mode::from_raw_mode(0o755)).ok()?;
        }
        #[cfg(not(target_os = "linux"))]
        {
            std::fs::create_dir(self.path.join(name)).ok()?;
        }
        Some(self.path.join(name))
    }

    /// The names in the folder that start with `prefix`, in name order.
    pub fn names_starting(&self, prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.path)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| name.starts_with(prefix))
            .collect();
        names.sort();
        names
    }

    /// The file `name` in the folder, opened for reading; a link is not followed.
    pub fn open_file(&self, name: &str) -> Option<File> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags, openat};
            let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let fd = openat(&self.handle, name, flags, Mode::empty()).ok()?;
            Some(File::from(fd))
        }
        #[cfg(not(target_os = "linux"))]
        {
            let path = self.path.join(name);
            let meta = std::fs::symlink_metadata(&path).ok()?;
            meta.is_file().then(|| File::open(path).ok()).flatten()
        }
    }

    /// The bytes of the file `name` in the folder.
    pub fn read(&self, name: &str) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::new();
        self.open_file(name)?.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    /// A new file `name`, which must not exist yet (a link of that name is
    /// not followed: the call fails).
    pub fn create_new(&self, name: &str) -> Option<File> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags, openat};
            let flags =
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            let fd = openat(&self.handle, name, flags, Mode::from_raw_mode(0o644)).ok()?;
            Some(File::from(fd))
        }
        #[cfg(not(target_os = "linux"))]
        {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(self.path.join(name))
                .ok()
        }
    }

    /// Renames `from` to `to`, both in the folder; `to` is replaced whole
    /// (a link of that name is replaced, not followed).
    pub fn rename(&self, from: &str, to: &str) -> bool {
        #[cfg(target_os = "linux")]
        {
            rustix::fs::renameat(&self.handle, from, &self.handle, to).is_ok()
        }
        #[cfg(not(target_os = "linux"))]
        {
            std::fs::rename(self.path.join(from), self.path.join(to)).is_ok()
        }
    }

    /// Removes the file `name` from the folder, if it is there.
    pub fn remove(&self, name: &str) {
        #[cfg(target_os = "linux")]
        {
            let _ = rustix::fs::unlinkat(&self.handle, name, rustix::fs::AtFlags::empty());
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = std::fs::remove_file(self.path.join(name));
        }
    }

    /// Puts `bytes` in the file `name`. Another command may be writing the
    /// same file: each writes its own temporary file and renames it into
    /// place, so a reader sees one whole file or the other, never a mix.
    /// Quietly does nothing when the folder cannot be written to.
    pub fn replace(&self, name: &str, bytes: &[u8]) -> bool {
        let temporary = format!("{name}.{}.{}.tmp", std::process::id(), unique());
        let Some(mut file) = self.create_new(&temporary) else {
            return false;
        };
        let done = file.write_all(bytes).is_ok() && self.rename(&temporary, name);
        if !done {
            self.remove(&temporary);
        }
        done
    }
}

/// A number no other temporary file of this process has.
fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_or_a_file_is_refused_and_a_folder_is_made() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        assert_eq!(check(root), Ok(()));
        let folder = Folder::open_or_make(root).expect("made");
        assert!(folder.replace("index", b"one"));
        assert_eq!(folder.read("index").as_deref(), Some(&b"one"[..]));
        std::fs::remove_dir_all(root.join(NAME)).unwrap();
        std::fs::create_dir(root.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink("elsewhere", root.join(NAME)).unwrap();
        assert_eq!(check(root), Err(Refused::Link));
        assert!(Folder::open_or_make(root).is_none());
        std::fs::remove_file(root.join(NAME)).unwrap();
        std::fs::write(root.join(NAME), "").unwrap();
        assert_eq!(check(root), Err(Refused::NotFolder));
        assert!(Folder::open(root).is_none());
    }

    #[test]
    fn a_link_inside_the_folder_is_not_read_through() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        let folder = Folder::open_or_make(root).unwrap();
        std::fs::write(root.join("secret"), "secret").unwrap();
        std::os::unix::fs::symlink("../secret", root.join(NAME).join("index")).unwrap();
        assert_eq!(folder.read("index"), None);
        // Replacing the name replaces the link, not what it points to.
        assert!(folder.replace("index", b"mine"));
        assert_eq!(std::fs::read(root.join("secret")).unwrap(), b"secret");
        assert_eq!(folder.read("index").as_deref(), Some(&b"mine"[..]));
    }
}
