//! Finding a journal on disk and loading it: the input edge of the pipeline.
//! Loading never fails because of one bad entry: each becomes a diagnostic.

use rayon::prelude::*;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::entry::{self, Entry};
use crate::error::{Error, Result, io_reason};

/// Entries larger than this are not read: a visit note is a few kilobytes, and a
/// stray data dump must not cost the user gigabytes of memory.
pub const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024;

/// A journal's root folder and settings, before any entry is read.
#[derive(Debug, Clone)]
pub struct Location {
    pub root: PathBuf,
    pub config: Config,
}

/// Everything read from a journal.
#[derive(Debug)]
pub struct Journal {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by date, then path.
    pub entries: Vec<Entry>,
    /// Problems with individual files, sorted by path then line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Location {
    /// Finds the journal: `explicit` (from `--journal` or `INSIGHT_JOURNAL`),
    /// else the nearest folder upwards from `cwd` that holds `insight.yaml`.
    pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<Location> {
        let root = match explicit {
            Some(dir) => {
                if !dir.join(CONFIG_FILE).is_file() {
                    return Err(Error::new(format!(
                        "{} is not a journal: it has no {CONFIG_FILE}",
                        dir.display()
                    ))
                    .hint(format!(
                        "create one there with `insight init {}`",
                        dir.display()
                    )));
                }
                dir.to_path_buf()
            }
            None => search_upwards(cwd)?,
        };
        let config = read_config(&root)?;
        Ok(Location { root, config })
    }

    pub fn entries_dir(&self) -> PathBuf {
        self.root.join(&self.config.entries)
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join(&self.config.templates)
    }

    /// The entry files, and problems met while looking for them (unreadable
    /// folders, symbolic-link loops).
    pub fn entry_files(&self) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        entry_paths(&self.entries_dir(), &self.root, &self.templates_dir())
    }

    /// An entry file's path relative to the root, and its text or why it has none.
    pub fn read_entry(&self, path: &Path) -> (String, std::result::Result<String, Diagnostic>) {
        let rel = relative(&self.root, path);
        let text = read_text(path).map_err(|(line, column, code, message)| {
            Diagnostic::error(&rel, line, column, code, message)
        });
        (rel, text)
    }

    /// Reads every entry, in parallel.
    pub fn load(self) -> Journal {
        let (paths, mut diagnostics) = self.entry_files();
        let results: Vec<std::result::Result<Entry, Vec<Diagnostic>>> = paths
            .par_iter()
            .map(|path| match self.read_entry(path) {
                (rel, Ok(text)) => entry::parse(&rel, &text, &self.config),
                (_, Err(problem)) => Err(vec![problem]),
            })
            .collect();
        let mut entries = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(entry) => entries.push(entry),
                Err(problems) => diagnostics.extend(problems),
            }
        }
        entries.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Journal {
            root: self.root,
            config: self.config,
            entries,
            diagnostics,
        }
    }
}

fn search_upwards(cwd: &Path) -> Result<PathBuf> {
    let mut looked = Vec::new();
    for dir in cwd.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
        looked.push(dir.display().to_string());
    }
    Err(Error::new(format!(
        "no journal found: there is no {CONFIG_FILE} in {}",
        looked.join(", ")
    ))
    .hint("create a journal with `insight init DIR`, or point to one with --journal DIR or INSIGHT_JOURNAL"))
}

fn read_config(root: &Path) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, &e))?;
    Config::parse(&text).map_err(|e| {
        Error::new(format!(
            "{}:{}:{}: {}",
            path.display(),
            e.line,
            e.column,
            e.message
        ))
        .hint(format!(
            "fix {CONFIG_FILE}; every setting in it is optional"
        ))
    })
}

/// The `.md` files under the entries folder, skipping hidden folders and the
/// templates folder. Unreadable folders and symlink loops become diagnostics.
fn entry_paths(dir: &Path, root: &Path, templates: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    if !dir.exists() {
        return (paths, problems);
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !(is_hidden(e.file_name()) || e.path() == templates));
    for item in walker {
        match item {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                paths.push(e.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let reason = walk_problem(&err, &path);
                problems.push(Diagnostic::error(
                    &relative(root, &path),
                    1,
                    1,
                    "io",
                    reason,
                ));
            }
        }
    }
    (paths, problems)
}

/// Why a folder or link could not be followed, in words that say what to do.
fn walk_problem(err: &walkdir::Error, path: &Path) -> String {
    if err.loop_ancestor().is_some() {
        return "a symbolic link here loops back to a folder above it; it was not followed".into();
    }
    if let Ok(target) = std::fs::read_link(path)
        && !path.exists()
    {
        return format!(
            "a symbolic link to {}, which does not exist; remove the link or restore its target",
            target.display()
        );
    }
    match err.io_error() {
        Some(e) if path.is_dir() => format!("cannot read this folder: {}", io_reason(e)),
        Some(e) => format!("cannot read this: {}", io_reason(e)),
        None => err.to_string(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// A path relative to the journal root, `/`-separated, for output and diagnostics.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

type ReadProblem = (usize, usize, &'static str, String);

/// Reads a file as UTF-8 text, refusing binary files, invalid UTF-8 and files
/// too large to be an entry, without reading more than the limit.
fn read_text(path: &Path) -> std::result::Result<String, ReadProblem> {
    let io_problem = |e: io::Error| {
        let reason = if e.kind() == io::ErrorKind::NotFound {
            "the file disappeared while the journal was read".to_string()
        } else {
            format!("cannot read the file: {}", io_reason(&e))
        };
        (1, 1, "io", reason)
    };
    let file = std::fs::File::open(path).map_err(io_problem)?;
    let mut bytes = Vec::new();
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_problem)?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err((
            1,
            1,
            "too-large",
            format!(
                "the file is larger than {} MiB, too large for a journal entry; move data files out of the entries folder",
                MAX_ENTRY_BYTES / 1024 / 1024
            ),
        ));
    }
    decode(bytes)
}

/// UTF-8 text, or where it stops being text.
pub fn decode(bytes: Vec<u8>) -> std::result::Result<String, ReadProblem> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_column(&bytes, nul);
        return Err((
            line,
            column,
            "binary",
            "the file is binary, not text (it contains a NUL byte)".into(),
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let (line, column) = line_column(err.as_bytes(), at);
        (
            line,
            column,
            "encoding",
            "the file is not UTF-8 text; save it as UTF-8 in your editor".into(),
        )
    })
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
        assert_eq!((err.0, err.1, err.2), (2, 10, "encoding"));
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err();
        assert_eq!(err.2, "binary");
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative(Path::new("/j"), Path::new("/j/visits/2026/a.md")),
            "visits/2026/a.md"
        );
    }
}
