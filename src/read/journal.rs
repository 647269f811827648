//! Finding a journal on disk and loading it: the input edge of the pipeline.
//! Loading never fails because of one bad entry: each becomes a diagnostic.

use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use crate::error::{Error, Result, io_reason};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::{self, Entry};
use crate::read::cache;
use crate::read::git;
use crate::read::union::{self, Member};
pub use crate::read::walk::Walked;
use crate::read::walk::{self, Fingerprints};

/// Entries larger than this are not read: a visit note is a few kilobytes, and a
/// stray data dump must not cost the user gigabytes of memory.
pub const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024;

/// At most this many bytes of entries are read and parsed at once, however
/// many threads there are: parsing takes several times a file's size, and
/// sixteen threads each on an 8 MiB file would take gigabytes. Real entries
/// are a few kilobytes, so the limit never slows a real journal.
pub const MAX_BYTES_IN_FLIGHT: u64 = MAX_ENTRY_BYTES;

/// Files of at most this many bytes are read without asking the budget: each
/// thread holds one text at a time (see [`with_read_buffer`]), so small ones
/// hold at most this much per thread, and taking a lock for each of a
/// hundred thousand small files made threads queue on it.
const SMALL_FILE_BYTES: u64 = 64 * 1024;

/// Folders nested deeper than this below the entries folder are not read.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// A journal's root folder and settings, before any entry is read; or
/// several journals read as one (see [`crate::read::union`]).
#[derive(Debug, Clone)]
pub struct Location {
    /// The first journal's folder: where `new` writes and git is read.
    pub root: PathBuf,
    /// The settings: the first journal's, merged with the others'.
    pub config: Config,
    /// Every journal read, the first first; one for a journal on its own.
    pub members: Vec<Member>,
}

/// Everything read from a journal, or from several read as one.
#[derive(Debug)]
pub struct Journal {
    pub root: PathBuf,
    pub config: Config,
    /// Sorted by date, then path.
    pub entries: Vec<Entry>,
    /// Problems with individual files, sorted by path then line.
    pub diagnostics: Vec<Diagnostic>,
    /// Each journal read, with its label, folder and settings; the paths of
    /// a union start with the label.
    pub members: Vec<Member>,
    /// Whether the entries hold their bodies; else [`Journal::body`] reads
    /// them from disk when asked, so that a journal of 100,000 entries does
    /// not keep 150 MB of text it will not show.
    pub bodies: Bodies,
    /// For `--text`, the paths of the entries whose title or body holds the
    /// text (see [`Location::load_searching`]).
    pub text_hits: Option<HashSet<String>>,
}

/// Whether loading keeps each entry's body in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Keep,
    Drop,
}

impl Journal {
    /// Whether several journals were read as one.
    pub fn is_union(&self) -> bool {
        self.members.len() > 1
    }

    /// The file behind a journal path (`team-a/visits/…` in a union).
    pub fn file(&self, path: &str) -> PathBuf {
        if self.is_union()
            && let Some((label, rest)) = path.split_once('/')
            && let Some(member) = self.members.iter().find(|m| m.label == label)
        {
            return file_path(&member.root, rest);
        }
        file_path(&self.root, path)
    }

    /// The journal path of a file on disk, if it is inside a journal read.
    pub fn path_of(&self, file: &Path) -> Option<String> {
        let file = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
        self.members.iter().find_map(|member| {
            let root = member
                .root
                .canonicalize()
                .unwrap_or_else(|_| member.root.clone());
            let rel = relative(&root, &file);
            match file.starts_with(&root) {
                false => None,
                true if self.is_union() => Some(format!("{}/{rel}", member.label)),
                true => Some(rel),
            }
        })
    }

    /// An entry's body: from memory when the bodies were kept, else read
    /// again from its file (empty if it can no longer be read).
    pub fn body<'a>(&self, entry: &'a Entry) -> Cow<'a, str> {
        if self.bodies == Bodies::Keep {
            return Cow::Borrowed(&entry.body);
        }
        let text = read_bytes(&self.file(&entry.path)).and_then(decode);
        Cow::Owned(text.map(|text| body_of(&text)).unwrap_or_default())
    }

    /// The label of the journal an entry comes from.
    pub fn label_of<'a>(&'a self, path: &'a str) -> &'a str {
        match self.members.as_slice() {
            [only] => &only.label,
            _ => path.split_once('/').map_or(path, |(label, _)| label),
        }
    }
}

impl Location {
    /// Finds the journals: `explicit` (from `--journal`, or `INSIGHT_JOURNAL`),
    /// else the nearest folder upwards from `cwd` that holds `insight.yaml`;
    /// then every journal their settings include.
    pub fn find(explicit: &[PathBuf], cwd: &Path) -> Result<Location> {
        let roots = if explicit.is_empty() {
            vec![search_upwards(cwd)?]
        } else {
            for dir in explicit {
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
            }
            explicit.to_vec()
        };
        let members = union::gather(&roots, read_config)?;
        let config = match members.as_slice() {
            [only] => only.config.clone(),
            all => union::merged_config(all)?,
        };
        Ok(Location {
            root: roots[0].clone(),
            config,
            members,
        })
    }

    /// The first journal alone: what commands that write, or read git, work on.
    pub fn first(&self) -> Location {
        Location {
            root: self.root.clone(),
            config: self.members[0].config.clone(),
            members: vec![self.members[0].clone()],
        }
    }

    /// Each journal read, as a location of its own.
    pub fn each(&self) -> Vec<Location> {
        self.members
            .iter()
            .map(|m| Location {
                root: m.root.clone(),
                config: m.config.clone(),
                members: vec![m.clone()],
            })
            .collect()
    }

    /// Whether several journals are read as one.
    pub fn is_union(&self) -> bool {
        self.members.len() > 1
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
        let walk::Walked {
            files, problems, ..
        } = self.walk(Fingerprints::Skip, None);
        let paths = files
            .iter()
            .map(|f| file_path(&self.root, &f.rel))
            .collect();
        (paths, problems)
    }

    /// The entry files as journal paths, each with its fingerprint if asked
    /// for, and the problems met while looking for them; folders that have
    /// not changed since they were listed in `remembered` are not listed.
    pub fn walk(
        &self,
        fingerprints: Fingerprints,
        remembered: Option<&cache::listings::Listings>,
    ) -> walk::Walked {
        let (entries, templates) = (self.entries_dir(), self.templates_dir());
        walk::entry_files(&entries, &self.root, &templates, fingerprints, remembered)
    }

    /// An entry file's path relative to the root, and its text or why it has none.
    pub fn read_entry(&self, path: &Path) -> (String, std::result::Result<String, Diagnostic>) {
        let rel = relative(&self.root, path);
        let text = read_bytes(path)
            .and_then(decode)
            .map_err(|(line, column, code, message)| {
                Diagnostic::error(&rel, line, column, code, message)
            });
        (rel, text)
    }

    /// Reads every entry of the working tree, in parallel; of every journal
    /// read, for a union. Bodies are kept only when asked for; the index in
    /// `.insight/` is used and kept up to date unless `cache` says not to.
    pub fn load(self, bodies: Bodies, cache: Cache) -> Journal {
        self.load_searching(bodies, cache, None)
    }

    /// Like [`Location::load`], also answering `--text`: `search` is the
    /// folded text looked for, and the journal's `text_hits` the entries
    /// whose title or body holds it, found in `.insight/text` where it can.
    pub fn load_searching(self, bodies: Bodies, cache: Cache, search: Option<&str>) -> Journal {
        if !self.is_union() {
            return self.load_one(bodies, cache, search);
        }
        let members = self.members.clone();
        let (mut entries, mut diagnostics) = (Vec::new(), Vec::new());
        let mut hits = None;
        for (member, location) in self.members.iter().zip(self.each()) {
            let mut journal = location.load_one(bodies, cache, search);
            for entry in &mut journal.entries {
                union::relabel_entry(entry, &member.label, &self.config.shared_ids);
            }
            if let Some(found) = journal.text_hits.take() {
                let labelled = found.into_iter().map(|p| format!("{}/{p}", member.label));
                hits.get_or_insert_with(HashSet::new).extend(labelled);
            }
            for diagnostic in &mut journal.diagnostics {
                union::relabel_diagnostic(diagnostic, &member.label);
            }
            entries.append(&mut journal.entries);
            diagnostics.append(&mut journal.diagnostics);
        }
        let mut journal = Journal::assemble(self.root, self.config, entries, diagnostics);
        journal.members = members;
        journal.bodies = bodies;
        journal.text_hits = hits;
        journal
    }

    fn load_one(self, bodies: Bodies, cache: Cache, search: Option<&str>) -> Journal {
        let made_ns = cache::now_ns();
        let settings = cache::settings_hash(&self.root);
        let needle = search.map(memchr::memmem::Finder::new);
        // The index is read, and the search texts kept beside it searched,
        // while the folders are walked.
        let ((index, found), walked) = rayon::join(
            || match cache {
                Cache::Use => rayon::join(
                    || cache::Index::read(&self.root, settings),
                    || {
                        let needle = needle.as_ref()?;
                        cache::StoredHits::search(&self.root, needle)
                    },
                ),
                Cache::Bypass => (None, None),
            },
            // Without the index, nothing needs a file's metadata.
            || match cache {
                Cache::Use => {
                    let remembered = cache::listings::Listings::read(&self.root);
                    let mut walked = self.walk(Fingerprints::Take, remembered.as_ref());
                    let listed = std::mem::take(&mut walked.listed);
                    keep_listings(&self.root, made_ns, remembered.as_ref(), listed);
                    walked
                }
                Cache::Bypass => self.walk(Fingerprints::Skip, None),
            },
        );
        let walk::Walked {
            files,
            problems: mut diagnostics,
            ..
        } = walked;
        let found = match (found, &index) {
            (Some(found), Some(index)) => found.of_index(index.id()),
            _ => None,
        };
        let searcher = needle.map(|needle| Searcher {
            needle,
            found: found.as_ref(),
        });
        // Sized once: grown by doubling, the entries of a large journal
        // would be held twice while they move.
        let mut loaded = Loaded {
            entries: Vec::with_capacity(files.len()),
            read_fingerprints: Vec::new(),
            sources: Vec::with_capacity(files.len()),
            searched: Vec::new(),
            searching: search.is_some(),
        };
        each_working_file(
            &self,
            files,
            index.as_ref(),
            bodies,
            searcher.as_ref(),
            |found| loaded.keep(found, &mut diagnostics),
        );
        if cache == Cache::Use {
            let has_texts = found.is_some();
            loaded.save(&self.root, settings, made_ns, index.as_ref(), has_texts);
        }
        let text_hits = search.map(|_| loaded.hits());
        drop((index, found));
        let member = self.members[0].clone();
        let entries = loaded.entries;
        let mut journal = Journal::assemble(self.root, self.config, entries, diagnostics);
        journal.members = vec![member];
        journal.bodies = bodies;
        journal.text_hits = text_hits;
        journal
    }
}

/// Writes `.insight/folders` again when the walk listed a folder of files
/// only that had settled (see [`cache::listings`]); the folders it did not
/// list again keep their listings from `remembered`.
fn keep_listings(
    root: &Path,
    made_ns: i64,
    remembered: Option<&cache::listings::Listings>,
    listed: Vec<walk::Listed>,
) {
    let settled_fresh = |listed: &walk::Listed| match listed {
        walk::Listed::Fresh(listing) => listing.fingerprint.settled_before(made_ns),
        walk::Listed::Remembered(_) => false,
    };
    if !listed.iter().any(settled_fresh) {
        return;
    }
    let listings: Vec<cache::listings::Listing> = listed
        .into_iter()
        .filter_map(|listed| match listed {
            walk::Listed::Fresh(listing) => Some(listing),
            walk::Listed::Remembered(rel) => remembered?.listing(&rel),
        })
        .collect();
    cache::listings::write(root, made_ns, listings);
}

/// The entries loaded from the working tree, with what the index needs.
struct Loaded {
    entries: Vec<Entry>,
    /// For each entry: where it came from,
    sources: Vec<Source>,
    /// the metadata of the files read (those the index gave have theirs in
    /// the index),
    read_fingerprints: Vec<Option<cache::Fingerprint>>,
    /// and, for `--text`, its folded text and whether the text was found.
    searched: Vec<Searched>,
    searching: bool,
}

impl Loaded {
    fn keep(&mut self, found: Found, diagnostics: &mut Vec<Diagnostic>) {
        match found {
            Found::Entry(entry, fingerprint, source, searched) => {
                self.entries.push(entry);
                self.sources.push(match source {
                    Source::File(_) => {
                        self.read_fingerprints.push(fingerprint);
                        Source::File((self.read_fingerprints.len() - 1) as u32)
                    }
                    from_index => from_index,
                });
                self.searched.extend(searched);
            }
            Found::Problems(problems) => diagnostics.extend(problems),
        }
    }

    /// The paths of the entries whose text holds what `--text` looks for.
    fn hits(&self) -> HashSet<String> {
        self.entries
            .iter()
            .zip(&self.searched)
            .filter(|(_, searched)| searched.hit)
            .map(|(entry, _)| entry.path.clone())
            .collect()
    }

    /// Writes the index again when enough has changed, and the search
    /// texts when a search made them and they are not kept already
    /// (`has_texts`: the index has its search texts).
    fn save(
        &self,
        root: &Path,
        settings: u64,
        made_ns: i64,
        index: Option<&cache::Index>,
        has_texts: bool,
    ) {
        // The texts kept already are read again only when written again.
        let kept_texts = std::cell::OnceCell::new();
        let store = || {
            kept_texts
                .get_or_init(|| {
                    let index = index?;
                    cache::SearchTexts::of(cache::SearchTexts::read(root)?, index.id())
                })
                .as_ref()
        };
        let from_index = self.entries.len() - self.read_fingerprints.len();
        let parsed_again = self.entries.len() - from_index;
        let gone = index.map_or(0, |i| i.len().saturating_sub(from_index));
        // A few changed files are cheaper to parse again on each run than
        // the whole index is to write: it is rewritten once they are more
        // than one in 64.
        let stale = parsed_again + gone;
        let searched = self.searching;
        if index.is_none() || stale * 64 > self.entries.len() {
            let mut kept: Vec<(usize, cache::Fingerprint)> = (0..self.entries.len())
                .filter_map(|i| Some((i, self.fingerprint(i, index)?)))
                .collect();
            kept.sort_unstable_by(|a, b| self.entries[a.0].path.cmp(&self.entries[b.0].path));
            let pairs: Vec<(&Entry, cache::Fingerprint)> =
                kept.iter().map(|&(i, f)| (&self.entries[i], f)).collect();
            let written = cache::write(root, settings, made_ns, &pairs);
            if let (Some(id), true) = (written, searched) {
                let texts: Vec<Option<&[u8]>> =
                    kept.iter().map(|&(i, _)| self.text_of(i, store)).collect();
                cache::write_search_texts(root, id, &texts);
            }
        } else if let (Some(index), true) = (index, searched && self.texts_are_short(has_texts)) {
            // The index stays: texts go at its positions.
            let mut texts = vec![None; index.len()];
            for (i, source) in self.sources.iter().enumerate() {
                if let &Source::Index(position) = source {
                    texts[position as usize] = self.text_of(i, store);
                }
            }
            cache::write_search_texts(root, index.id(), &texts);
        }
    }

    /// The metadata the file of the entry at `i` had before it was read.
    fn fingerprint(&self, i: usize, index: Option<&cache::Index>) -> Option<cache::Fingerprint> {
        match self.sources[i] {
            Source::Index(position) => index?.fingerprint_at(position as usize),
            Source::File(slot) => self.read_fingerprints[slot as usize],
        }
    }

    /// Whether the search texts are missing, or miss the texts of more than
    /// one in 64 entries that the index gave.
    fn texts_are_short(&self, has_texts: bool) -> bool {
        let read_again = self
            .searched
            .iter()
            .zip(&self.sources)
            .filter(|(s, source)| {
                matches!(source, Source::Index(_)) && matches!(s.folded, Folded::Own(_))
            })
            .count();
        !has_texts || read_again * 64 > self.entries.len()
    }

    /// The folded text of the entry at `i`, from the search it was in;
    /// `store` gives the texts kept already.
    fn text_of<'a>(
        &'a self,
        i: usize,
        store: impl FnOnce() -> Option<&'a cache::SearchTexts>,
    ) -> Option<&'a [u8]> {
        match &self.searched.get(i)?.folded {
            Folded::Own(text) => Some(text.as_bytes()),
            Folded::Stored(position) => store()?.get(*position),
        }
    }
}

/// What `--text` looks for, and what it found in the texts kept beside the
/// index, if any.
struct Searcher<'a> {
    needle: memchr::memmem::Finder<'a>,
    found: Option<&'a cache::StoredHits>,
}

/// An entry's text as `--text` sees it, and whether it holds the needle.
struct Searched {
    hit: bool,
    folded: Folded,
}

enum Folded {
    /// In the search texts kept beside the index, at this position.
    Stored(usize),
    /// Made now from the entry's title and body.
    Own(Box<str>),
}

impl Searcher<'_> {
    /// Looks in the entry the index gave at `position`: in the kept text if
    /// there is one, else in its file's body.
    fn indexed(&self, entry: &Entry, position: usize, file: impl FnOnce() -> PathBuf) -> Searched {
        if let Some(hit) = self.found.and_then(|found| found.get(position)) {
            return Searched {
                hit,
                folded: Folded::Stored(position),
            };
        }
        let body = read_bytes(&file())
            .and_then(decode)
            .map(|text| body_of(&text))
            .unwrap_or_default();
        self.made(&entry.title, &body)
    }

    /// Looks in a title and body: the same test as `Filter::matches`.
    fn made(&self, title: &str, body: &str) -> Searched {
        use crate::model::fold::fold;
        // No NUL is in an entry's text or in a needle from the command line,
        // so none is found across the two.
        let text = format!("{}\0{}", fold(title), fold(body)).into_boxed_str();
        Searched {
            hit: self.needle.find(text.as_bytes()).is_some(),
            folded: Folded::Own(text),
        }
    }
}

/// Whether a command reads and keeps the index in `.insight/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cache {
    Use,
    /// `--no-cache`: every file is read, and the index is left as it is.
    Bypass,
}

/// What one entry file gave, and whether the index gave it. Handed on one
/// at a time, so the size of the larger variant costs nothing.
#[allow(clippy::large_enum_variant)]
enum Found {
    /// The entry, with the file's metadata from before it was read, and
    /// what `--text` found in it.
    Entry(Entry, Option<cache::Fingerprint>, Source, Option<Searched>),
    Problems(Vec<Diagnostic>),
}

/// Four bytes a number, kept for each entry: an index holds fewer than
/// 2³² records (it is smaller than 4 GiB), and no journal as many files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The index, at this position.
    Index(u32),
    /// The file, read again; once kept, the place of its metadata in
    /// `Loaded::read_fingerprints`.
    File(u32),
}

/// Loads each of `files` (journal paths) of the working tree in parallel,
/// batch by batch: from `index` when its record still holds, else from the
/// file, handing each to `keep` in order.
fn each_working_file(
    location: &Location,
    files: Vec<walk::EntryFile>,
    index: Option<&cache::Index>,
    bodies: Bodies,
    searcher: Option<&Searcher>,
    keep: impl FnMut(Found),
) {
    let mut keep = keep;
    // Batches are taken off the end of the list, first to last, and the list
    // is shrunk as it empties: the walk's list is not held to the end.
    let mut files = files;
    files.reverse();
    let mut done = 0;
    while !files.is_empty() {
        let mut batch = files.split_off(files.len().saturating_sub(BATCH));
        batch.reverse();
        if files.capacity() > 2 * files.len() + 4 * BATCH {
            files.shrink_to_fit();
        }
        let first = done;
        done += batch.len();
        // A file's place in the walk is where the index most likely has it.
        let results: Vec<Found> = batch
            .into_par_iter()
            .enumerate()
            .map(|(n, file)| load_working_file(location, file, first + n, index, bodies, searcher))
            .collect();
        results.into_iter().for_each(&mut keep);
    }
}

fn load_working_file(
    location: &Location,
    file: walk::EntryFile,
    place: usize,
    index: Option<&cache::Index>,
    bodies: Bodies,
    searcher: Option<&Searcher>,
) -> Found {
    let walk::EntryFile {
        rel,
        fingerprint,
        folder,
    } = file;
    // Made only when the file is read: most entries of a warm index are not.
    let path_of = |rel: &str| file_path(&location.root, rel);
    let rel = match (index, fingerprint) {
        (Some(index), Some(now)) => match index.entry(rel, &now, place) {
            Ok((mut entry, position)) => {
                let searched =
                    searcher.map(|s| s.indexed(&entry, position, || path_of(&entry.path)));
                if bodies == Bodies::Keep {
                    entry.body = read_bytes(&path_of(&entry.path))
                        .and_then(decode)
                        .map(|text| body_of(&text))
                        .unwrap_or_default();
                }
                let source = Source::Index(position as u32);
                return Found::Entry(entry, fingerprint, source, searched);
            }
            Err(rel) => rel,
        },
        _ => rel,
    };
    let size = fingerprint.map_or(0, |f| f.size());
    let read =
        |buffer: &mut Vec<u8>| read_entry(&location.root, &rel, folder.as_deref(), size, buffer);
    with_text(&rel, read, |text| match text {
        Ok(text) => parse_found(&rel, text, fingerprint, bodies, searcher, &location.config),
        Err(problem) => Found::Problems(vec![problem]),
    })
}

thread_local! {
    static READ_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The largest read buffer a thread keeps between files; an entry larger
/// than this is rare and gets its own.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

/// Runs `work` with this thread's read buffer. Each thread reads every file
/// into one buffer that it keeps: a new buffer per file would be an
/// allocation too large for the allocator's thread cache, and threads would
/// wait on each other's locks. The buffer is taken out while in use, so that
/// work nested on the same thread would get a buffer of its own.
fn with_read_buffer<T>(work: impl FnOnce(&mut Vec<u8>) -> T) -> T {
    let mut buffer = READ_BUFFER.take();
    let result = work(&mut buffer);
    if buffer.capacity() <= KEPT_BUFFER_BYTES {
        READ_BUFFER.set(buffer);
    }
    result
}

/// Reads the file at journal path `rel` into this thread's buffer with
/// `read`, and hands `parse` its text, or the diagnostic that says why it
/// has none. The bytes count against the budget until `parse` is done.
fn with_text<T>(
    rel: &str,
    read: impl FnOnce(&mut Vec<u8>) -> std::result::Result<(), ReadProblem>,
    parse: impl FnOnce(Contents) -> T,
) -> T {
    with_read_buffer(|buffer| {
        buffer.clear();
        let read = read(buffer);
        let _held = IN_FLIGHT.hold_large(buffer.len() as u64);
        let text =
            read.and_then(|()| decode_slice(buffer))
                .map_err(|(line, column, code, message)| {
                    Diagnostic::error(rel, line, column, code, message)
                });
        parse(text)
    })
}

/// The entry of a file's text, or its problems.
fn parse_found(
    rel: &str,
    text: &str,
    fingerprint: Option<crate::read::cache::Fingerprint>,
    bodies: Bodies,
    searcher: Option<&Searcher>,
    config: &Config,
) -> Found {
    match entry::parse_leaving_body(rel, text, config) {
        Ok((mut entry, body)) => {
            let searched = searcher.map(|s| s.made(&entry.title, body));
            if bodies == Bodies::Keep {
                entry.body = body.to_string();
            }
            Found::Entry(entry, fingerprint, Source::File(0), searched)
        }
        Err(problems) => Found::Problems(problems),
    }
}

/// The body of an entry's text: all after the front matter.
fn body_of(text: &str) -> String {
    crate::parse::frontmatter::split(crate::parse::frontmatter::strip_bom(text))
        .map(|split| split.body.to_string())
        .unwrap_or_default()
}

impl Journal {
    /// The journal of these entries and these problems with its files.
    pub fn assemble(
        root: PathBuf,
        config: Config,
        mut entries: Vec<Entry>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Journal {
        // Paths are unique, so an unstable sort gives one order, without the
        // scratch copy of every entry that a stable sort makes.
        entries.sort_unstable_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Journal {
            members: vec![Member {
                label: union::folder_name(&root),
                root: root.clone(),
                config: config.clone(),
            }],
            bodies: Bodies::Keep,
            text_hits: None,
            root,
            config,
            entries,
            diagnostics,
        }
    }
}

/// The journal as a git snapshot holds it (a commit, the staging area), read
/// with the same parser as the working tree. `None` when the snapshot has no
/// `insight.yaml` at the journal's place: there was no journal there yet.
pub fn from_snapshot(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    root: PathBuf,
) -> Result<Option<Journal>> {
    let Some(config) = snapshot_settings(repo, snapshot)? else {
        return Ok(None);
    };
    let files = snapshot_entries(repo, snapshot, &config);
    let (mut entries, mut diagnostics) = (Vec::new(), Vec::new());
    each_file_into(
        files,
        take_bytes,
        |rel, text| parse_text(rel, text, &config),
        |parsed| match parsed {
            Ok(entry) => entries.push(entry),
            Err(problems) => diagnostics.extend(problems),
        },
    );
    Ok(Some(Journal::assemble(root, config, entries, diagnostics)))
}

/// The [`ReadFile`] of files whose bytes are already in memory (a snapshot's).
pub fn take_bytes(
    _: &str,
    bytes: std::result::Result<Vec<u8>, ReadProblem>,
    buffer: &mut Vec<u8>,
) -> std::result::Result<(), ReadProblem> {
    *buffer = bytes?;
    Ok(())
}

/// The settings a snapshot holds, if it holds any.
pub fn snapshot_settings(repo: &git::Repo, snapshot: &git::Snapshot) -> Result<Option<Config>> {
    if !snapshot.contains(CONFIG_FILE) {
        return Ok(None);
    }
    let label = format!("{CONFIG_FILE} in {}", snapshot.label);
    let text = repo
        .read(snapshot, CONFIG_FILE)
        .and_then(decode)
        .map_err(|(_, _, _, why)| Error::new(format!("cannot read {label}: {why}")))?;
    settings(&label, &text).map(Some)
}

/// The entry files of a snapshot with their bytes (or why they have none).
pub fn snapshot_entries(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    config: &Config,
) -> Vec<(String, std::result::Result<Vec<u8>, ReadProblem>)> {
    snapshot
        .paths()
        .filter(|path| is_entry_path(path, config))
        .map(|path| (path.to_string(), repo.read(snapshot, path)))
        .collect()
}

/// Whether a journal-relative path is an entry by the walker's rules: a `.md`
/// file in the entries folder or below it, neither hidden nor in a hidden
/// folder, and not in the templates folder.
pub fn is_entry_path(path: &str, config: &Config) -> bool {
    let folder = |dir: &str| -> Vec<String> {
        Path::new(dir)
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let parts: Vec<&str> = path.split('/').collect();
    let entries = folder(&config.entries);
    let templates = folder(&config.templates);
    let Some((name, folders)) = parts.split_last() else {
        return false;
    };
    let under =
        |dir: &[String]| folders.len() >= dir.len() && folders.iter().zip(dir).all(|(a, b)| a == b);
    name.ends_with(".md")
        && under(&entries)
        && !(under(&templates) && templates.len() > entries.len())
        && !parts[entries.len()..]
            .iter()
            .any(|part| part.starts_with('.'))
}

/// An entry's text, or the diagnostic that says why it has none.
pub type Contents<'a> = std::result::Result<&'a str, Diagnostic>;

/// What [`each_file`] reads with: it puts the bytes of one file, named by
/// its journal path and what else `X` says, into the buffer it is given.
pub trait ReadFile<X>:
    Fn(&str, X, &mut Vec<u8>) -> std::result::Result<(), ReadProblem> + Sync
{
}

impl<X, F> ReadFile<X> for F where
    F: Fn(&str, X, &mut Vec<u8>) -> std::result::Result<(), ReadProblem> + Sync
{
}

/// Reads each file with `read`, decodes it as an entry's text, and hands it to
/// `parse`, in parallel. The one way into the journal from every source (the
/// disk, a commit, the staging area): `files` pairs each journal-relative path
/// with whatever else `read` needs to get its bytes.
pub fn each_file<X: Send, T: Send>(
    files: Vec<(String, X)>,
    read: impl ReadFile<X>,
    parse: impl Fn(&str, Contents) -> T + Sync,
) -> Vec<T> {
    let mut all = Vec::with_capacity(files.len());
    each_file_into(files, read, parse, |result| all.push(result));
    all
}

/// How many files are read and parsed at once. A batch is worked in parallel,
/// and its results handed on before the next begins, so that the loader
/// holds a batch of results besides what it keeps, never the whole
/// journal's twice. Each batch costs a fork and a join of the threads: at
/// 256, an indexed journal of 100,000 entries spent a tenth of its time
/// waking threads for batches that take a tenth of a millisecond.
const BATCH: usize = 2048;

/// Like [`each_file`], handing each result to `keep` as soon as its batch is done.
pub fn each_file_into<X: Send, T: Send>(
    files: Vec<(String, X)>,
    read: impl ReadFile<X>,
    parse: impl Fn(&str, Contents) -> T + Sync,
    mut keep: impl FnMut(T),
) {
    let mut files = files.into_iter();
    loop {
        let batch: Vec<(String, X)> = files.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<T> = batch
            .into_par_iter()
            .map(|(rel, source)| {
                let read = |buffer: &mut Vec<u8>| read(&rel, source, buffer);
                with_text(&rel, read, |text| parse(&rel, text))
            })
            .collect();
        results.into_iter().for_each(&mut keep);
    }
}

/// An entry from its text, or every error that keeps it from being one.
pub fn parse_text(
    rel: &str,
    text: Contents,
    config: &Config,
) -> std::result::Result<Entry, Vec<Diagnostic>> {
    entry::parse(rel, text.map_err(|problem| vec![problem])?, config)
}

/// The bytes of entries being read and parsed now, by all threads.
static IN_FLIGHT: Budget = Budget {
    bytes: Mutex::new(0),
    freed: Condvar::new(),
};

/// A number of bytes that threads take from and give back, waiting when it
/// would run over [`MAX_BYTES_IN_FLIGHT`].
struct Budget {
    bytes: Mutex<u64>,
    freed: Condvar,
}

/// Bytes taken from a [`Budget`], given back when dropped.
struct Held {
    budget: &'static Budget,
    bytes: u64,
}

impl Budget {
    /// Takes `bytes` if they are more than a small file's, first waiting
    /// until they fit; a file alone may take the whole budget.
    fn hold_large(&'static self, bytes: u64) -> Option<Held> {
        (bytes > SMALL_FILE_BYTES).then(|| self.hold(bytes))
    }

    /// Takes `bytes`, first waiting until they fit; a file alone may take
    /// the whole budget.
    fn hold(&'static self, bytes: u64) -> Held {
        let bytes = bytes.min(MAX_BYTES_IN_FLIGHT);
        // A poisoned lock means another thread panicked; its count is still right.
        let mut in_flight = self.bytes.lock().unwrap_or_else(|p| p.into_inner());
        while *in_flight > 0 && *in_flight + bytes > MAX_BYTES_IN_FLIGHT {
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|p| p.into_inner());
        }
        *in_flight += bytes;
        Held {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut in_flight = self.budget.bytes.lock().unwrap_or_else(|p| p.into_inner());
        *in_flight -= self.bytes;
        self.budget.freed.notify_all();
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
    settings(&path.display().to_string(), &text)
}

/// A journal's settings from the text of its `insight.yaml`; `label` names
/// the file in an error (a path, or `main:insight.yaml` for a revision's).
pub fn settings(label: &str, text: &str) -> Result<Config> {
    Config::parse(text).map_err(|e| {
        Error::new(format!("{label}:{}:{}: {}", e.line, e.column, e.message)).hint(format!(
            "fix {CONFIG_FILE}; every setting in it is optional"
        ))
    })
}

/// A path relative to the journal root, `/`-separated, for output and
/// diagnostics. Lossless: a path whose file names are not all UTF-8, or that
/// holds a backslash, is written with each backslash doubled (`\\`) and each
/// byte that is not UTF-8 as `\xHH`; a path without a backslash is the names
/// as they are. [`file_path`] turns either back into the file's path.
pub fn relative(root: &Path, path: &Path) -> String {
    if let Some(plain) = plain_relative(root, path) {
        return plain.to_string();
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<&std::ffi::OsStr> = rel.components().map(|c| c.as_os_str()).collect();
    let plain: Option<Vec<&str>> = parts.iter().map(|p| p.to_str()).collect();
    match plain {
        Some(names) if !names.iter().any(|n| n.contains('\\')) => names.join("/"),
        _ => {
            let escaped: Vec<String> = parts.iter().map(|p| escape_name(p)).collect();
            escaped.join("/")
        }
    }
}

/// The journal path of the file `name` in `folder`, whose journal path is
/// `folder_rel`: what [`relative`] gives for the file's whole path, without
/// joining and taking it apart again. Plain
/// names (UTF-8, no backslash) are joined with a `/`; any other is escaped
/// by `relative` itself.
pub fn relative_in(root: &Path, folder: &Path, folder_rel: &str, name: &std::ffi::OsStr) -> String {
    match name.to_str() {
        Some(name) if !name.contains('\\') && !folder_rel.contains('\\') => {
            if folder_rel.is_empty() {
                return name.to_string();
            }
            let mut rel = String::with_capacity(folder_rel.len() + 1 + name.len());
            rel.push_str(folder_rel);
            rel.push('/');
            rel.push_str(name);
            rel
        }
        _ => relative(root, &folder.join(name)),
    }
}

/// The common case of [`relative`] without taking the path apart: `path` is
/// `root`, a `/`, then UTF-8 names without a backslash or an empty or dot name.
fn plain_relative<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    let rest = path.to_str()?.strip_prefix(root.to_str()?)?;
    let rest = rest
        .strip_prefix('/')
        .unwrap_or(if root.as_os_str().is_empty() {
            rest
        } else {
            ""
        });
    let plain = !rest.is_empty()
        && std::path::MAIN_SEPARATOR == '/'
        && !rest.contains('\\')
        && rest
            .split('/')
            .all(|name| !name.is_empty() && name != "." && name != "..");
    plain.then_some(rest)
}

/// The file at `relative` (as [`relative`] writes it) under `root`.
pub fn file_path(root: &Path, relative: &str) -> PathBuf {
    if memchr::memchr(b'\\', relative.as_bytes()).is_none() {
        // Sized once: `root.join` copies the root, then grows to add the rest.
        let mut path = PathBuf::with_capacity(root.as_os_str().len() + 1 + relative.len());
        path.push(root);
        path.push(relative);
        return path;
    }
    let mut bytes = Vec::with_capacity(relative.len());
    let mut rest = relative.as_bytes();
    while let Some((&b, after)) = rest.split_first() {
        rest = after;
        match (b, rest) {
            (b'\\', [b'\\', tail @ ..]) => {
                bytes.push(b'\\');
                rest = tail;
            }
            (b'\\', [b'x', h, l, tail @ ..]) if hex(*h).is_some() && hex(*l).is_some() => {
                bytes.push(hex(*h).unwrap_or(0) * 16 + hex(*l).unwrap_or(0));
                rest = tail;
            }
            _ => bytes.push(b),
        }
    }
    root.join(path_from_bytes(bytes))
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// A file name with backslashes doubled and bytes that are not UTF-8 as `\xHH`.
fn escape_name(name: &std::ffi::OsStr) -> String {
    let bytes = name_bytes(name);
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// Why a file gives no text: line, column, code and message.
pub type ReadProblem = (usize, usize, &'static str, String);

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
    (1, 1, "io", reason)
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
            Err((
                line,
                column,
                "binary",
                "the file is binary, not text (it contains a NUL byte)".into(),
            ))
        }
    }
}

fn not_utf8(bytes: &[u8], err: std::str::Utf8Error) -> ReadProblem {
    let (line, column) = line_column(bytes, err.valid_up_to());
    (
        line,
        column,
        "encoding",
        "the file is not UTF-8 text; save it as UTF-8 in your editor".into(),
    )
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

    /// Rewriting `.insight/folders` for one folder listed again keeps the
    /// listings remembered of the folders that were not: losing them would
    /// list every folder again on the next run.
    #[test]
    fn a_new_listing_keeps_the_remembered_listings_of_other_folders() {
        use cache::listings::{Listing, Listings};
        let root = std::env::temp_dir().join(format!("insight-keep-others-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let listing = |rel: &str, names: &[&str]| {
            std::fs::create_dir_all(root.join(rel)).unwrap();
            let metadata = std::fs::metadata(root.join(rel)).unwrap();
            Listing {
                rel: rel.into(),
                fingerprint: cache::Fingerprint::of(&metadata),
                names: names.iter().map(|n| n.to_string()).collect(),
            }
        };
        let old = listing("visits/2025", &["a.md", "b.md"]);
        let new = listing("visits/2026", &["c.md"]);
        // Made long after both folders settled.
        let made_ns = cache::now_ns() + 60_000_000_000;
        let before = Listings::of(made_ns, std::slice::from_ref(&old));
        let listed = vec![
            walk::Listed::Remembered("visits/2025".into()),
            walk::Listed::Fresh(new.clone()),
        ];
        keep_listings(&root, made_ns, Some(&before), listed);
        let after = Listings::read(&root).expect("the listings were written");
        assert_eq!(after.listing("visits/2025"), Some(old));
        assert_eq!(after.listing("visits/2026"), Some(new));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn decode_locates_bad_bytes() {
        assert_eq!(decode(b"ok".to_vec()), Ok("ok".to_string()));
        let err = decode(b"---\nsite: caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!((err.0, err.1, err.2), (2, 10, "encoding"));
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err();
        assert_eq!(err.2, "binary");
    }

    #[test]
    fn entry_paths_follow_the_walkers_rules() {
        let config = Config::parse("entries: ./visits/\ntemplates: visits/templates\n").unwrap();
        let is = |path| is_entry_path(path, &config);
        assert!(is("visits/2026/a.md"));
        assert!(is("visits/a.md"));
        assert!(!is("visits/a.txt"));
        assert!(!is("notes/a.md"));
        assert!(!is("visits/.drafts/a.md"));
        assert!(!is("visits/.a.md"));
        assert!(!is("visits/templates/visit.md"));
        let whole = Config::parse("entries: .\n").unwrap();
        assert!(is_entry_path("README.md", &whole));
        assert!(!is_entry_path("templates/visit.md", &whole));
        assert!(!is_entry_path(".github/a.md", &whole));
    }

    #[test]
    fn threads_never_hold_more_than_the_budget() {
        static TEST_BUDGET: Budget = Budget {
            bytes: Mutex::new(0),
            freed: Condvar::new(),
        };
        let most = std::sync::atomic::AtomicU64::new(0);
        // Sixteen threads each reading a 5 MiB file: at most one at a time fits.
        std::thread::scope(|scope| {
            for _ in 0..16 {
                scope.spawn(|| {
                    let _held = TEST_BUDGET.hold(5 * 1024 * 1024);
                    let now = *TEST_BUDGET.bytes.lock().unwrap();
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(2));
                });
            }
        });
        assert_eq!(most.into_inner(), 5 * 1024 * 1024);
        assert_eq!(*TEST_BUDGET.bytes.lock().unwrap(), 0);
        // A file larger than the budget still goes, alone.
        drop(TEST_BUDGET.hold(MAX_ENTRY_BYTES + 1));
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative(Path::new("/j"), Path::new("/j/visits/2026/a.md")),
            "visits/2026/a.md"
        );
    }

    #[test]
    #[cfg(unix)]
    fn relative_paths_keep_every_byte() {
        use std::os::unix::ffi::OsStrExt;
        let root = Path::new("/j");
        let names: [&[u8]; 6] = [
            b"visits/caf\xe9.md",
            b"visits/a\\b.md",
            b"visits/a\\xe9.md",
            b"visits/\xff\\x\xfe/new\nline\x1b.md",
            b"visits/plain caf\xc3\xa9.md",
            b"visits/\\",
        ];
        let written: Vec<String> = names
            .iter()
            .map(|name| relative(root, &root.join(std::ffi::OsStr::from_bytes(name))))
            .collect();
        assert_eq!(
            written,
            [
                "visits/caf\\xe9.md",
                "visits/a\\\\b.md",
                "visits/a\\\\xe9.md",
                "visits/\\xff\\\\x\\xfe/new\nline\x1b.md",
                "visits/plain café.md",
                "visits/\\\\",
            ]
        );
        for (name, rel) in names.iter().zip(&written) {
            assert_eq!(
                file_path(root, rel).as_os_str().as_bytes(),
                root.join(std::ffi::OsStr::from_bytes(name))
                    .as_os_str()
                    .as_bytes()
            );
        }
    }

    #[test]
    fn a_files_journal_path_is_the_one_its_whole_path_gives() {
        #[cfg(unix)]
        let odd = {
            use std::os::unix::ffi::OsStrExt;
            std::ffi::OsStr::from_bytes(b"caf\xE9.md").to_os_string()
        };
        #[cfg(not(unix))]
        let odd = std::ffi::OsString::from("odd.md");
        let names = [
            std::ffi::OsString::from("v1.md"),
            std::ffi::OsString::from("a\\b.md"),
            std::ffi::OsString::from("é.md"),
            odd,
        ];
        for root in ["/j", "/j/", "", "rel/j"] {
            let root = Path::new(root);
            for folder in ["", "visits", "visits/2026", "we\\ird"] {
                let folder = root.join(folder);
                let folder_rel = relative(root, &folder);
                for name in &names {
                    assert_eq!(
                        relative_in(root, &folder, &folder_rel, name),
                        relative(root, &folder.join(name)),
                        "{root:?} {folder:?} {name:?}"
                    );
                }
            }
        }
    }
}
