//! Writing a generated file only when its bytes change, as they are drawn:
//! the new text is compared with the file on disk piece by piece, and only
//! from the first piece that differs is it written, to a hidden temporary
//! file beside it that is renamed over it at the end. A file of any size is
//! drawn, compared and written in a buffer's worth of memory, and a file
//! that did not change is not touched (its modification time stays).
//!
//! The caller sees to it that `path` is not a symbolic link it did not make.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What the temporary files start with, to be told from every other file.
pub const TEMPORARY: &str = ".insight-site-";

/// Whether drawing `path` again wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unchanged,
    Written,
}

/// A file being drawn again: a `fmt::Write` that compares, then writes.
pub struct Rewrite<'p> {
    path: &'p Path,
    /// The file on disk, while every byte drawn so far is the same.
    old: Option<BufReader<File>>,
    /// How many bytes were the same before the first that differed.
    same: u64,
    /// The temporary file, from the first byte that differs.
    new: Option<(PathBuf, BufWriter<File>)>,
    /// The first error met while drawing (`fmt::Write` cannot carry it).
    error: Option<io::Error>,
    piece: Vec<u8>,
}

impl<'p> Rewrite<'p> {
    pub fn new(path: &'p Path) -> Rewrite<'p> {
        Rewrite {
            path,
            old: File::open(path).ok().map(BufReader::new),
            same: 0,
            new: None,
            error: None,
            piece: Vec::new(),
        }
    }

    /// Ends the drawing: renames the new file over the old one if a byte
    /// differed (or the old one was longer); removes it on any error.
    pub fn finish(mut self) -> io::Result<Outcome> {
        let finished = self.finish_inner();
        if finished.is_err()
            && let Some((temporary, _)) = self.new.take()
        {
            let _ = fs::remove_file(temporary);
        }
        finished
    }

    /// Gives the drawing up, saving nothing; the error a write met, if any.
    pub fn abandon(mut self) -> Option<io::Error> {
        self.error.take()
    }

    fn finish_inner(&mut self) -> io::Result<Outcome> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        if let Some(old) = &mut self.old {
            // All the same so far: unchanged if the old file ends here too.
            let mut byte = [0u8];
            if read_fully(old, &mut byte)? == 0 {
                return Ok(Outcome::Unchanged);
            }
            self.differ()?;
        }
        let Some((temporary, writer)) = self.new.take() else {
            // No old file and nothing drawn: an empty file.
            self.differ()?;
            return self.finish_inner();
        };
        let renamed = writer
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|_| fs::rename(&temporary, self.path));
        if renamed.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        renamed.map(|()| Outcome::Written)
    }

    /// From here on the text differs: the bytes that were the same are
    /// copied from the old file into a new temporary file.
    fn differ(&mut self) -> io::Result<()> {
        self.old = None;
        let folder = self.path.parent().unwrap_or(Path::new("."));
        let temporary = folder.join(format!(
            "{TEMPORARY}{}-{}.tmp",
            std::process::id(),
            unique()
        ));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        let mut writer = BufWriter::with_capacity(64 * 1024, file);
        let copied = match self.same {
            0 => Ok(0),
            same => {
                File::open(self.path).and_then(|old| io::copy(&mut old.take(same), &mut writer))
            }
        };
        self.new = Some((temporary, writer));
        match copied {
            Ok(n) if n == self.same => Ok(()),
            Ok(_) => Err(io::Error::other("the file changed while it was drawn")),
            Err(e) => Err(e),
        }
    }

    fn write_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(old) = &mut self.old {
            self.piece.resize(bytes.len(), 0);
            let read = read_fully(old, &mut self.piece)?;
            if read == bytes.len() && self.piece == bytes {
                self.same += bytes.len() as u64;
                return Ok(());
            }
            self.differ()?;
        } else if self.new.is_none() {
            self.differ()?;
        }
        match &mut self.new {
            Some((_, writer)) => writer.write_all(bytes),
            None => Ok(()),
        }
    }
}

impl fmt::Write for Rewrite<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.error.is_some() {
            return Err(fmt::Error);
        }
        self.write_bytes(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

impl Drop for Rewrite<'_> {
    /// A drawing abandoned (an error in the caller) leaves no file behind.
    fn drop(&mut self) {
        if let Some((temporary, _)) = self.new.take() {
            let _ = fs::remove_file(temporary);
        }
    }
}

/// Reads until `buffer` is full or the file ends; how many bytes it read.
fn read_fully(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The process that made the temporary file `name`, if it is one.
pub fn temporary_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMPORARY)?.strip_suffix(".tmp")?;
    rest.split_once('-')?.0.parse().ok()
}

/// A number no other temporary file of this process has.
fn unique() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// Draws `pieces` over `path`.
    fn draw(path: &Path, pieces: &[&str]) -> Outcome {
        let mut rewrite = Rewrite::new(path);
        for piece in pieces {
            rewrite.write_str(piece).unwrap();
        }
        rewrite.finish().unwrap()
    }

    fn no_temporaries(dir: &Path) -> bool {
        fs::read_dir(dir)
            .unwrap()
            .all(|e| temporary_of(&e.unwrap().file_name().to_string_lossy()).is_none())
    }

    #[test]
    fn only_a_file_that_differs_is_written() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("page.html");
        assert_eq!(draw(&path, &["<p>", "one</p>"]), Outcome::Written);
        assert_eq!(fs::read_to_string(&path).unwrap(), "<p>one</p>");
        let written = fs::metadata(&path).unwrap().modified().unwrap();
        // The same bytes in other pieces: not touched.
        assert_eq!(draw(&path, &["<p>o", "ne</p>"]), Outcome::Unchanged);
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), written);
        // A byte in the middle, a longer file, a shorter one, an empty one.
        for text in ["<p>on!</p>", "<p>one</p>\n", "<p>one", ""] {
            assert_eq!(draw(&path, &[text]), Outcome::Written, "{text:?}");
            assert_eq!(fs::read_to_string(&path).unwrap(), text);
        }
        assert!(no_temporaries(temp.path()));
    }

    #[test]
    fn a_large_file_is_compared_piece_by_piece() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("big.html");
        let line = "<tr><td>a row of a long table</td></tr>\n";
        let pieces = vec![line; 20_000];
        assert_eq!(draw(&path, &pieces), Outcome::Written);
        assert_eq!(draw(&path, &pieces), Outcome::Unchanged);
        let mut changed = pieces.clone();
        changed[15_000] = "<tr><td>a row that changed</td></tr>\n";
        assert_eq!(draw(&path, &changed), Outcome::Written);
        assert_eq!(fs::read_to_string(&path).unwrap(), changed.concat());
    }

    #[test]
    fn an_abandoned_drawing_leaves_the_old_file_and_no_temporary() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("page.html");
        fs::write(&path, "old").unwrap();
        let mut rewrite = Rewrite::new(&path);
        rewrite.write_str("new and half").unwrap();
        drop(rewrite);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert!(no_temporaries(temp.path()));
        assert_eq!(temporary_of(".insight-site-12-3.tmp"), Some(12));
        assert_eq!(temporary_of("insight-site-12-3.tmp"), None);
    }
}
