//! Writing the site's pages into a folder (`insight site DIR`), touching only
//! what an earlier build wrote there. A manifest, `insight-site.json`, lists
//! the files the site has; a folder without one is taken only when empty.
//!
//! - A page whose bytes are already on disk is left alone, so that a second
//!   build rewrites only what changed (and a web server's caches, rsync and
//!   `git diff` of a published site see only that).
//! - Each page is written whole or not at all: to a hidden temporary file
//!   beside it, renamed over it. The manifest names every file the build may
//!   write before the first one is written, so that after a kill the next
//!   build knows all of them as its own; it also removes the temporary files
//!   a killed build left (by their name, of a process no longer running).
//! - Nothing is written through a symbolic link: a folder or page of the
//!   site that is a link (insight never makes one) stops the build before it
//!   writes anything.
//! - Pages are not flushed to the disk one by one: a site is made again from
//!   the journal at any time, and a flush of each of thousands of pages
//!   would cost more than the build.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::rewrite::{Outcome, Rewrite, temporary_of};
use crate::error::{Error, Result};

pub const MANIFEST: &str = "insight-site.json";

#[derive(Deserialize)]
struct Manifest {
    /// Not read, but required: a file that only lists files is not a
    /// manifest of insight's, and the files it names are not removed.
    #[allow(dead_code)]
    generator: String,
    files: Vec<String>,
}

/// A build of the site under way in its folder.
pub struct SiteWriter {
    dir: PathBuf,
    /// The earlier site's files that this one does not have.
    stale: Vec<String>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

/// What a build did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl SiteWriter {
    /// Gets `dir` ready for the site's `files` (paths relative to it,
    /// `/`-separated): new, empty, or an earlier site's folder; refuses any
    /// other, a file in the way that the site did not write, and links.
    pub fn begin(dir: &Path, files: impl IntoIterator<Item = String>) -> Result<SiteWriter> {
        let earlier = earlier_site(dir)?;
        let files = sorted(files);
        let ours = |file: &String| files.binary_search(file).is_ok();
        for file in files.iter().chain(&earlier) {
            no_link_on_the_way(dir, file)?;
        }
        for file in files.iter().filter(|&f| earlier.binary_search(f).is_err()) {
            let path = dir.join(file);
            if fs::symlink_metadata(&path).is_ok() {
                return Err(Error::new(format!(
                    "{} exists and was not written by insight site; not replacing it",
                    path.display()
                ))
                .hint("build the site into a new or empty folder, or move the file away"));
            }
        }
        fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, &e))?;
        let stale: Vec<String> = earlier.into_iter().filter(|f| !ours(f)).collect();
        let writer = SiteWriter {
            dir: dir.to_path_buf(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            stale,
        };
        writer.remove_temporaries(&files);
        // From here on, every file the build may write is the site's.
        let mut all: Vec<&String> = files.iter().chain(&writer.stale).collect();
        all.sort_unstable();
        writer.write_manifest(all.into_iter())?;
        // The list of files is not held while the pages are drawn: on a
        // large journal it is tens of megabytes, and `finish` is given it again.
        Ok(writer)
    }

    /// Draws the page `file` with `draw`, writing it only if its bytes
    /// differ from those on disk (see [`Rewrite`]).
    pub fn put(
        &self,
        file: &str,
        draw: impl FnOnce(&mut dyn fmt::Write) -> Result<()>,
    ) -> Result<()> {
        match rewrite(&self.dir.join(file), draw)? {
            Outcome::Unchanged => self.unchanged.fetch_add(1, Ordering::Relaxed),
            Outcome::Written => self.written.fetch_add(1, Ordering::Relaxed),
        };
        Ok(())
    }

    /// Removes the pages of the earlier site that this one does not have,
    /// and leaves the manifest listing this site's `files` (the ones that
    /// `begin` was given).
    pub fn finish(self, files: impl IntoIterator<Item = String>) -> Result<Written> {
        let mut removed = 0;
        for stale in &self.stale {
            let path = self.dir.join(stale);
            if fs::remove_file(&path).is_ok() {
                removed += 1;
            }
            // A folder left empty was the site's too.
            if let Some(parent) = path.parent().filter(|p| *p != self.dir) {
                let _ = fs::remove_dir(parent);
            }
        }
        self.write_manifest(sorted(files).iter())?;
        Ok(Written {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
            removed,
        })
    }

    /// Writes the manifest as `serde_json::to_string_pretty` would, one
    /// name at a time: a large site's list of files is megabytes.
    fn write_manifest<'f>(&self, files: impl Iterator<Item = &'f String>) -> Result<()> {
        let generator = format!("insight {}", env!("CARGO_PKG_VERSION"));
        let json = |text: &str| serde_json::to_string(text).unwrap_or_default();
        let cannot = |_| Error::new("cannot write the manifest");
        // Unchanged, it is left alone, as the pages are.
        rewrite(&self.dir.join(MANIFEST), |out| {
            write!(
                out,
                "{{\n  \"generator\": {},\n  \"files\": [",
                json(&generator)
            )
            .map_err(cannot)?;
            let mut any = false;
            for file in files {
                let comma = if any { "," } else { "" };
                write!(out, "{comma}\n    {}", json(file)).map_err(cannot)?;
                any = true;
            }
            let close = if any { "\n  ]" } else { "]" };
            write!(out, "{close}\n}}\n").map_err(cannot)
        })
        .map(|_| ())
    }

    /// Removes what builds that were killed left: temporary files, in the
    /// site's folders, of processes no longer running.
    fn remove_temporaries(&self, files: &[String]) {
        let folders: BTreeSet<PathBuf> = files
            .iter()
            .chain(&self.stale)
            .filter_map(|file| self.dir.join(file).parent().map(Path::to_path_buf))
            .collect();
        for folder in folders {
            for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
                let name = entry.file_name();
                if let Some(pid) = temporary_of(&name.to_string_lossy())
                    && !running(pid)
                {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// `files` in order, each once.
fn sorted(files: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut files: Vec<String> = files.into_iter().collect();
    files.sort_unstable();
    files.dedup();
    files
}

/// The files an earlier site wrote into `dir`, from its manifest; none for
/// a new or empty folder; an error for a folder holding anything else.
fn earlier_site(dir: &Path) -> Result<Vec<String>> {
    let Ok(mut listing) = fs::read_dir(dir) else {
        if fs::symlink_metadata(dir).is_ok() {
            return Err(Error::new(format!("{} is not a folder", dir.display()))
                .hint("name a new or empty folder for the site"));
        }
        return Ok(Vec::new());
    };
    // Read as it is parsed: the manifest of a large site is megabytes.
    let manifest = fs::File::open(dir.join(MANIFEST))
        .ok()
        .and_then(|file| serde_json::from_reader::<_, Manifest>(io::BufReader::new(file)).ok());
    match manifest {
        Some(m) => Ok(sorted(m.files.into_iter().filter(|f| plain_path(f)))),
        None if listing.next().is_none() => Ok(Vec::new()),
        None => Err(Error::new(format!(
            "{} is not empty and holds no earlier site",
            dir.display()
        ))
        .hint("build the site into a new or empty folder, or into one an earlier `insight site` wrote")),
    }
}

/// Whether a manifest's `file` stays inside the site's folder: plain names
/// joined by `/`, so that a manifest can never point anywhere else.
fn plain_path(file: &str) -> bool {
    !file.is_empty()
        && file != MANIFEST
        && !file.contains('\\')
        && file
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Refuses a symbolic link at `file` or at a folder on its way from `dir`.
fn no_link_on_the_way(dir: &Path, file: &str) -> Result<()> {
    let mut path = dir.to_path_buf();
    for part in file.split('/') {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Error::new(format!(
                    "{} is a symbolic link, which insight site did not make; not writing through it",
                    path.display()
                ))
                .hint("remove the link, or build the site into another folder"));
            }
            Ok(_) => {}
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// Draws `path` with `draw`, in its folder (made if need be), writing it
/// only if its bytes change.
fn rewrite(path: &Path, draw: impl FnOnce(&mut dyn fmt::Write) -> Result<()>) -> Result<Outcome> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(|e| Error::io("create", folder, &e))?;
    let mut page = Rewrite::new(path);
    if let Err(drawing) = draw(&mut page) {
        // Nothing is saved of a page that could not be drawn whole: the old
        // one stays, and dropping `page` removes its temporary file. A failed
        // write is told as such, not as the drawing it stopped.
        return Err(match page.abandon() {
            Some(e) => Error::io("write", path, &e),
            None => drawing,
        });
    }
    page.finish().map_err(|e| Error::io("write", path, &e))
}

/// Whether process `pid` is running (this one is); on a system without
/// `/proc`, taken as not, so that its files are removed.
fn running(pid: u32) -> bool {
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::super::rewrite::TEMPORARY;
    use super::*;

    fn text(text: &'static str) -> impl FnOnce(&mut dyn fmt::Write) -> Result<()> {
        move |out| out.write_str(text).map_err(|_| Error::new("cannot write"))
    }

    fn files(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_manifest_is_written_as_serde_json_pretty_prints_it() {
        let temp = tempfile::tempdir().unwrap();
        let generator = format!("insight {}", env!("CARGO_PKG_VERSION"));
        for names in [
            &[][..],
            &["index.html"][..],
            &["a \"quoted\"\\name.html", "b/c.html"][..],
        ] {
            let dir = temp.path().join(format!("site-{}", names.len()));
            SiteWriter::begin(&dir, files(names))
                .unwrap()
                .finish(files(names))
                .unwrap();
            #[derive(serde::Serialize)]
            struct Expected<'a> {
                generator: &'a str,
                files: &'a [&'a str],
            }
            let expected = Expected {
                generator: &generator,
                files: names,
            };
            assert_eq!(
                fs::read_to_string(dir.join(MANIFEST)).unwrap(),
                serde_json::to_string_pretty(&expected).unwrap() + "\n"
            );
        }
    }

    #[test]
    fn a_second_build_writes_only_what_changed_and_removes_what_went() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("site");
        let first = SiteWriter::begin(&dir, files(&["index.html", "ideas/a.html"])).unwrap();
        first.put("index.html", text("home")).unwrap();
        first.put("ideas/a.html", text("a")).unwrap();
        assert_eq!(
            first
                .finish(files(&["index.html", "ideas/a.html"]))
                .unwrap(),
            Written {
                written: 2,
                unchanged: 0,
                removed: 0
            }
        );

        let second = SiteWriter::begin(&dir, files(&["index.html", "ideas/b.html"])).unwrap();
        second.put("index.html", text("home")).unwrap();
        second.put("ideas/b.html", text("b")).unwrap();
        assert_eq!(
            second
                .finish(files(&["index.html", "ideas/b.html"]))
                .unwrap(),
            Written {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!dir.join("ideas/a.html").exists());
        let manifest = fs::read_to_string(dir.join(MANIFEST)).unwrap();
        assert!(
            manifest.contains("\"ideas/b.html\",\n    \"index.html\""),
            "{manifest}"
        );
    }

    #[test]
    fn a_page_that_fails_to_draw_leaves_the_old_one_and_no_temporary() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("site");
        let first = SiteWriter::begin(&dir, files(&["index.html"])).unwrap();
        first.put("index.html", text("home")).unwrap();
        first.finish(files(&["index.html"])).unwrap();
        let second = SiteWriter::begin(&dir, files(&["index.html"])).unwrap();
        let failed = second.put("index.html", |out| {
            out.write_str("half a ").unwrap();
            Err(Error::new("the drawing failed"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the drawing failed");
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "home");
        let left: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.starts_with(TEMPORARY))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_list_of_files_without_a_generator_is_not_an_earlier_site() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("site");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        fs::write(dir.join(MANIFEST), r#"{"files": ["notes.txt"]}"#).unwrap();
        let refused = SiteWriter::begin(&dir, files(&["index.html"]));
        assert!(refused.is_err());
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn a_manifest_never_leads_out_of_its_folder() {
        for bad in ["../x", "/etc/passwd", "a//b", "a\\b", "./a", MANIFEST, ""] {
            assert!(!plain_path(bad), "{bad}");
        }
        assert!(plain_path("ideas/a.html"));
    }

    #[test]
    fn temporary_files_of_processes_gone_are_removed() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("site");
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(MANIFEST),
            "{\"generator\":\"insight\",\"files\":[\"index.html\"]}",
        )
        .unwrap();
        // No process has a number this high (Linux's limit is 2^22).
        let left = dir.join(format!("{TEMPORARY}99999999-0.tmp"));
        fs::write(&left, "half a page").unwrap();
        SiteWriter::begin(&dir, files(&["index.html"]))
            .unwrap()
            .finish(files(&["index.html"]))
            .unwrap();
        assert!(!left.exists());
    }
}
