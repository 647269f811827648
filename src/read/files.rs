//! One file's bytes, and the text they hold: the limits an entry file must
//! keep, and the problem that says why a file gives no text.

use std::io::{self, Read};
use std::path::Path;

use crate::error::io_reason;
use crate::model::diagnostic::Diagnostic;
use crate::model::paths::file_path;
use crate::read::walk;

/// Entries larger than this are not read: a visit note is a few kilobytes, and a
/// stray data dump must not cost the user gigabytes of memory.
pub const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file gives no text, and where in the file it stopped being text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadProblem {
    pub line: usize,
    pub column: usize,
    /// The diagnostic's code: `io`, `too-large`, `binary` or `encoding`.
    pub code: &'static str,
    pub message: String,
}

impl ReadProblem {
    /// A problem with the file as a whole, reported at its start.
    pub fn whole_file(code: &'static str, message: String) -> ReadProblem {
        ReadProblem {
            line: 1,
            column: 1,
            code,
            message,
        }
    }

    /// The problem as an error about the file at journal path `path`.
    pub fn diagnostic(self, path: &str) -> Diagnostic {
        Diagnostic::error(path, self.line, self.column, self.code, self.message)
    }
}

/// Reads a file's bytes, refusing files too large to be an entry without
/// reading more than the limit.
pub fn read_bytes(path: &Path) -> std::result::Result<Vec<u8>, ReadProblem> {
    let mut bytes = Vec::new();
    read_into(path, 0, &mut bytes)?;
    Ok(bytes)
}

/// Reads a file into `bytes`, replacing what it held; `size` is what the
/// walk saw, so that the buffer grows once, and a byte more to see the end.
pub fn read_into(
    path: &Path,
    size: u64,
    bytes: &mut Vec<u8>,
) -> std::result::Result<(), ReadProblem> {
    bytes.clear();
    let file = std::fs::File::open(path).map_err(io_problem)?;
    // Unknown, the size is asked of the open file: one look, where reading
    // into a buffer that grows takes several reads.
    let size = match size {
        0 => file.metadata().map_or(0, |m| m.len()),
        known => known,
    };
    read_opened(file, size, bytes)
}

/// Reads the entry file at the journal path `rel` like [`read_into`],
/// opened from its `folder`'s handle when the walk kept one.
pub fn read_entry(
    root: &Path,
    rel: &str,
    folder: Option<&std::fs::File>,
    size: u64,
    bytes: &mut Vec<u8>,
) -> std::result::Result<(), ReadProblem> {
    match folder.and_then(|folder| walk::open_in(folder, rel)) {
        Some(file) => {
            bytes.clear();
            read_opened(file, size, bytes)
        }
        None => read_into(&file_path(root, rel), size, bytes),
    }
}

/// What keeps a file from being read, in words.
fn io_problem(e: io::Error) -> ReadProblem {
    let reason = if e.kind() == io::ErrorKind::NotFound {
        "the file disappeared while the journal was read".to_string()
    } else {
        format!("cannot read the file: {}", io_reason(&e))
    };
    ReadProblem::whole_file("io", reason)
}

/// Reads the open `file` into `bytes`, which is empty.
fn read_opened(
    file: std::fs::File,
    size: u64,
    bytes: &mut Vec<u8>,
) -> std::result::Result<(), ReadProblem> {
    let expected = usize::try_from(size.min(MAX_ENTRY_BYTES)).unwrap_or(0);
    bytes.reserve(expected + usize::from(expected > 0));
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_end(bytes)
        .map_err(io_problem)?;
    too_large(bytes.len() as u64)
}

/// Refuses a file of `size` bytes when that is more than an entry may have.
pub fn too_large(size: u64) -> std::result::Result<(), ReadProblem> {
    if size > MAX_ENTRY_BYTES {
        return Err(ReadProblem::whole_file(
            "too-large",
            format!(
                "the file is larger than {} MiB, too large for a journal entry; move data files out of the entries folder",
                MAX_ENTRY_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(())
}

/// UTF-8 text, or where it stops being text.
pub fn decode(bytes: Vec<u8>) -> std::result::Result<String, ReadProblem> {
    binary(&bytes)?;
    String::from_utf8(bytes).map_err(|err| not_utf8(err.as_bytes(), err.utf8_error()))
}

/// Like [`decode`], borrowing the bytes.
pub fn decode_slice(bytes: &[u8]) -> std::result::Result<&str, ReadProblem> {
    binary(bytes)?;
    std::str::from_utf8(bytes).map_err(|err| not_utf8(bytes, err))
}

/// Refuses bytes with a NUL, which no text file has.
fn binary(bytes: &[u8]) -> std::result::Result<(), ReadProblem> {
    match memchr::memchr(0, bytes) {
        None => Ok(()),
        Some(nul) => {
            let (line, column) = line_column(bytes, nul);
            Err(ReadProblem {
                line,
                column,
                code: "binary",
                message: "the file is binary, not text (it contains a NUL byte)".into(),
            })
        }
    }
}

fn not_utf8(bytes: &[u8], err: std::str::Utf8Error) -> ReadProblem {
    let (line, column) = line_column(bytes, err.valid_up_to());
    ReadProblem {
        line,
        column,
        code: "encoding",
        message: "the file is not UTF-8 text; save it as UTF-8 in your editor".into(),
    }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_locates_bad_bytes() {
        assert_eq!(decode(b"ok".to_vec()), Ok("ok".to_string()));
        let err = decode(b"---\nsite: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column, err.code), (2, 10, "encoding"));
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err();
        assert_eq!(err.code, "binary");
    }
}
