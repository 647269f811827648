//! Loading the working tree: every entry file, from the index in `.insight/`
//! where its record still holds, else read and parsed, in parallel; and the
//! index kept up to date.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use crate::model::diagnostic::Diagnostic;
use crate::model::entry::{self, Entry};
use crate::model::journal::{Bodies, Journal, Notice};
use crate::model::paths::{file_path, relative};
use crate::model::privacy::mask_contacts;
use crate::parse::frontmatter;
use crate::read::cache;
use crate::read::files::{decode, read_bytes, read_entry};
use crate::read::find::Location;
use crate::read::reader::{Contents, in_batches, with_text};
use crate::read::search::{Folded, Searched, Searcher};
pub use crate::read::sieve::Sieve;
use crate::read::walk::{self, Fingerprints};

impl Location {
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
        self.load_with(bodies, cache, search, None)
    }

    /// Like [`Location::load`], keeping only the entries `sieve` lets
    /// through, with their bodies dropped: the others are decoded and let
    /// go at once, so that memory follows what a command shows, not the
    /// journal. The index is kept up to date all the same.
    pub fn load_sieved(self, cache: Cache, sieve: &Sieve) -> Journal {
        self.load_with(Bodies::Drop, cache, None, Some(sieve))
    }

    fn load_with(
        self,
        bodies: Bodies,
        cache: Cache,
        search: Option<&str>,
        sieve: Option<&Sieve>,
    ) -> Journal {
        if !self.is_union() {
            return self.load_one(bodies, cache, search, sieve);
        }
        let parts = self.read_each(|one| {
            let journal = one.load_one(bodies, cache, search, sieve);
            let read = (journal.entries, journal.diagnostics);
            (read, (journal.text_hits, journal.notices))
        });
        let (mut entries, mut diagnostics, mut hits) = (Vec::new(), Vec::new(), None);
        let mut notices = Vec::new();
        for ((mut more, mut problems), (found, mut told)) in parts {
            entries.append(&mut more);
            diagnostics.append(&mut problems);
            if let Some(found) = found {
                hits.get_or_insert_with(HashSet::new).extend(found);
            }
            notices.append(&mut told);
        }
        let members = self.members.clone();
        let mut journal = Journal::assemble(self.root, self.config, entries, diagnostics);
        journal.members = members;
        journal.bodies = bodies;
        journal.text_hits = hits;
        journal.notices = notices;
        journal
    }

    fn load_one(
        self,
        bodies: Bodies,
        cache: Cache,
        search: Option<&str>,
        sieve: Option<&Sieve>,
    ) -> Journal {
        let read = self.read_tree(bodies, cache, search, sieve, None::<&NoChecks>);
        let text_hits = search.map(|_| read.loaded.hits());
        let member = self.members[0].clone();
        let entries = read.loaded.entries;
        let mut journal = Journal::assemble(self.root, self.config, entries, read.diagnostics);
        journal.members = vec![member];
        journal.bodies = bodies;
        journal.text_hits = text_hits;
        journal.notices = read.refused.into_iter().map(notice).collect();
        journal
    }

    /// Every entry file of this journal (not a union) checked as `insight
    /// check` checks it (without the warnings that weigh the whole journal),
    /// with the problems met while looking for the files. An entry the
    /// last check found nothing wrong with comes from the index, unread,
    /// when its file is as it was (see [`cache::checks`]); the index and the
    /// check results kept beside it are kept up to date.
    pub fn check_each<C: CheckFiles>(
        self,
        checker: &C,
        cache: Cache,
    ) -> (Vec<C::Checked>, Vec<Diagnostic>) {
        let read = self.read_tree(Bodies::Drop, cache, None, None, Some(checker));
        let Loaded {
            entries,
            mut checks,
            mut broken,
            ..
        } = read.loaded;
        for (entry, checked) in entries.into_iter().zip(&mut checks) {
            C::put_entry(checked, entry);
        }
        checks.append(&mut broken);
        (checks, read.diagnostics)
    }

    /// Reads this journal (not a union), checking each entry with
    /// `checker` when there is one, keeping only what `sieve` lets through
    /// when there is one (never both, nor a sieve and a search: see
    /// [`Loaded::passed_over`]).
    fn read_tree<C: CheckFiles>(
        &self,
        bodies: Bodies,
        cache: Cache,
        search: Option<&str>,
        sieve: Option<&Sieve>,
        checker: Option<&C>,
    ) -> ReadTree<C::Checked> {
        // A `.insight` that is a link or a file is not insight's to use.
        let refused = match cache {
            Cache::Use => cache::folder::check(&self.root).err(),
            Cache::Bypass => None,
        };
        let cache = if refused.is_some() {
            Cache::Bypass
        } else {
            cache
        };
        let made_ns = cache::fingerprint::now_ns();
        let settings = cache::index::settings_hash(&self.root);
        let needle = search.map(memchr::memmem::Finder::new);
        // The index is read, and the search texts kept beside it searched,
        // while the folders are walked.
        let ((index, found), walked) = rayon::join(
            || match cache {
                Cache::Use => rayon::join(
                    || cache::index::Index::read(&self.root, settings),
                    || {
                        let needle = needle.as_ref()?;
                        cache::texts::StoredHits::search(&self.root, needle)
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
        // A sieve and a search or a check would each need what the other
        // let go.
        let sieve = sieve.filter(|_| search.is_none() && checker.is_none());
        // Sized once: grown by doubling, the entries of a large journal
        // would be held twice while they move. A sieve keeps few.
        let expected = if sieve.is_some() { 0 } else { files.len() };
        let mut loaded = Loaded {
            entries: Vec::with_capacity(expected),
            read_fingerprints: Vec::new(),
            sources: Vec::with_capacity(expected),
            searched: Vec::new(),
            searching: search.is_some(),
            checks: match checker {
                Some(_) => Vec::with_capacity(files.len()),
                None => Vec::new(),
            },
            broken: Vec::new(),
            passed_over: Vec::new(),
        };
        let clean = match (checker, &index) {
            (Some(_), Some(index)) => cache::checks::Clean::read(&self.root, index.id()),
            _ => None,
        };
        let tree = WorkingTree {
            location: self,
            index: index.as_ref(),
            bodies,
            searcher: searcher.as_ref(),
            checker,
            clean: clean.as_ref(),
            sieve,
            // Without the index, no index is written either: what the
            // sieve lets go is not needed for one.
            sieve_files: cache == Cache::Bypass,
        };
        in_batches(
            files,
            |place, file| tree.load(file, place),
            |found| loaded.keep(found, &mut diagnostics),
        );
        if cache == Cache::Use {
            let has_texts = found.is_some();
            let written = loaded.save(&self.root, settings, made_ns, index.as_ref(), has_texts);
            if checker.is_some() {
                loaded.save_checks::<C>(&self.root, index.as_ref(), clean, written);
            }
        }
        ReadTree {
            loaded,
            diagnostics,
            refused,
        }
    }
}

/// What reading one journal's working tree gave.
struct ReadTree<R> {
    loaded: Loaded<R>,
    /// The problems met looking for the files and reading them.
    diagnostics: Vec<Diagnostic>,
    /// Why `.insight` was not used, if it was not.
    refused: Option<cache::folder::Refused>,
}

/// What the user is told of a refused `.insight`.
fn notice(refused: cache::folder::Refused) -> Notice {
    let (message, hint) = refused.warning();
    Notice { message, hint }
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
struct Loaded<R> {
    entries: Vec<Entry>,
    /// For each entry: where it came from,
    sources: Vec<Source>,
    /// the metadata of the files read (those the index gave have theirs in
    /// the index),
    read_fingerprints: Vec<Option<cache::fingerprint::Fingerprint>>,
    /// and, for `--text`, its folded text and whether the text was found;
    searched: Vec<Searched>,
    searching: bool,
    /// when checking, what the check found (its entry is in `entries`).
    checks: Vec<R>,
    /// Files checked that gave no entry, with what is wrong with them.
    broken: Vec<R>,
    /// The index positions of the entries a sieve let go. Decoded again
    /// from the index should it be written again; so there is no sieve
    /// when searching (the texts kept beside the index would need theirs)
    /// or checking (the check results would).
    passed_over: Vec<u32>,
}

/// The index written again: its id, and the place in `Loaded::entries` of
/// the entry at each of its positions.
struct Rewritten {
    id: u64,
    order: Vec<usize>,
}

impl<R> Loaded<R> {
    fn keep(&mut self, found: Found<R>, diagnostics: &mut Vec<Diagnostic>) {
        match found {
            Found::Entry {
                entry,
                fingerprint,
                source,
                searched,
                checked,
            } => {
                self.entries.push(entry);
                self.checks.extend(checked);
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
            Found::Broken(checked) => self.broken.push(checked),
            Found::PassedOver(Some(position)) => self.passed_over.push(position),
            Found::PassedOver(None) => {}
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
    /// (`has_texts`: the index has its search texts); says how, when the
    /// index was written again.
    fn save(
        &self,
        root: &Path,
        settings: u64,
        made_ns: i64,
        index: Option<&cache::index::Index>,
        has_texts: bool,
    ) -> Option<Rewritten> {
        // The texts kept already are read again only when written again.
        let kept_texts = std::cell::OnceCell::new();
        let store = || {
            kept_texts
                .get_or_init(|| {
                    let index = index?;
                    cache::texts::SearchTexts::of(
                        cache::texts::SearchTexts::read(root)?,
                        index.id(),
                    )
                })
                .as_ref()
        };
        let parsed_again = self.read_fingerprints.len();
        let from_index = self.entries.len() - parsed_again + self.passed_over.len();
        let gone = index.map_or(0, |i| i.len().saturating_sub(from_index));
        // A few changed files are cheaper to parse again on each run than
        // the whole index is to write: it is rewritten once they are more
        // than one in 64.
        let stale = parsed_again + gone;
        let searched = self.searching;
        let total = self.entries.len() + self.passed_over.len();
        if let (Some(index), false, true) = (index, self.passed_over.is_empty(), stale * 64 > total)
        {
            return self.write_with_passed_over(root, settings, made_ns, index);
        }
        if index.is_none() || stale * 64 > total {
            let mut kept: Vec<(usize, cache::fingerprint::Fingerprint)> = (0..self.entries.len())
                .filter_map(|i| Some((i, self.fingerprint(i, index)?)))
                .collect();
            kept.sort_unstable_by(|a, b| self.entries[a.0].path.cmp(&self.entries[b.0].path));
            let pairs: Vec<(&Entry, cache::fingerprint::Fingerprint)> =
                kept.iter().map(|&(i, f)| (&self.entries[i], f)).collect();
            let id = cache::index::write(root, settings, made_ns, &pairs)?;
            if searched {
                let texts: Vec<Option<&[u8]>> =
                    kept.iter().map(|&(i, _)| self.text_of(i, store)).collect();
                cache::texts::write_search_texts(root, id, &texts);
            }
            let order = kept.iter().map(|&(i, _)| i).collect();
            return Some(Rewritten { id, order });
        } else if let (Some(index), true) = (index, searched && self.texts_are_short(has_texts)) {
            // The index stays: texts go at its positions.
            let mut texts = vec![None; index.len()];
            for (i, source) in self.sources.iter().enumerate() {
                if let &Source::Index(position) = source {
                    texts[position as usize] = self.text_of(i, store);
                }
            }
            cache::texts::write_search_texts(root, index.id(), &texts);
        }
        None
    }

    /// Writes the index again from the entries kept and those a sieve let
    /// go, decoded again from `index`. No search or check ran beside a
    /// sieve, so there are no texts or check results to keep with it, and
    /// the order of its entries is not needed.
    fn write_with_passed_over(
        &self,
        root: &Path,
        settings: u64,
        made_ns: i64,
        index: &cache::index::Index,
    ) -> Option<Rewritten> {
        let again: Vec<(Entry, cache::fingerprint::Fingerprint)> = self
            .passed_over
            .iter()
            .filter_map(|&position| index.entry_and_fingerprint_at(position as usize))
            .collect();
        let mut pairs: Vec<(&Entry, cache::fingerprint::Fingerprint)> = (0..self.entries.len())
            .filter_map(|i| Some((&self.entries[i], self.fingerprint(i, Some(index))?)))
            .collect();
        pairs.extend(
            again
                .iter()
                .map(|(entry, fingerprint)| (entry, *fingerprint)),
        );
        let id = cache::index::write(root, settings, made_ns, &pairs)?;
        Some(Rewritten {
            id,
            order: Vec::new(),
        })
    }

    /// Keeps, beside the index, which entries this check found nothing
    /// wrong with: for the index written again, or at the places of the
    /// index read, when that tells the next check more than `stored` does.
    fn save_checks<C: CheckFiles<Checked = R>>(
        &self,
        root: &Path,
        index: Option<&cache::index::Index>,
        stored: Option<cache::checks::Clean>,
        written: Option<Rewritten>,
    ) {
        let date_line = |i: usize| self.checks.get(i).and_then(C::clean_date_line);
        if let Some(Rewritten { id, order }) = written {
            let mut clean = cache::checks::Clean::none(order.len());
            for (position, &i) in order.iter().enumerate() {
                clean.set(position, date_line(i));
            }
            clean.write(root, id);
            return;
        }
        let Some(index) = index else { return };
        let mut clean = stored
            .clone()
            .unwrap_or_else(|| cache::checks::Clean::none(index.len()));
        for (i, source) in self.sources.iter().enumerate() {
            if let &Source::Index(position) = source {
                clean.set(position as usize, date_line(i));
            }
        }
        if stored.as_ref() != Some(&clean) {
            clean.write(root, index.id());
        }
    }

    /// The metadata the file of the entry at `i` had before it was read.
    fn fingerprint(
        &self,
        i: usize,
        index: Option<&cache::index::Index>,
    ) -> Option<cache::fingerprint::Fingerprint> {
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
        store: impl FnOnce() -> Option<&'a cache::texts::SearchTexts>,
    ) -> Option<&'a [u8]> {
        match &self.searched.get(i)?.folded {
            Folded::Own(text) => Some(text.as_bytes()),
            Folded::Stored(position) => store()?.get(*position),
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
enum Found<R> {
    Entry {
        entry: Entry,
        /// The file's metadata from before it was read.
        fingerprint: Option<cache::fingerprint::Fingerprint>,
        source: Source,
        /// What `--text` found in it.
        searched: Option<Searched>,
        /// When checking, what the check found (without the entry).
        checked: Option<R>,
    },
    Problems(Vec<Diagnostic>),
    /// A file checked that gives no entry.
    Broken(R),
    /// An entry a sieve let go, and its position in the index if it came
    /// from there.
    PassedOver(Option<u32>),
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

/// What loading one file of the working tree needs besides the file.
struct WorkingTree<'a, C> {
    location: &'a Location,
    index: Option<&'a cache::index::Index>,
    bodies: Bodies,
    searcher: Option<&'a Searcher<'a>>,
    /// When checking: the checker, and what the last check found clean.
    checker: Option<&'a C>,
    clean: Option<&'a cache::checks::Clean>,
    /// Which entries to keep, when not all; and whether it sieves the
    /// entries of files read as well as those of the index.
    sieve: Option<&'a Sieve<'a>>,
    sieve_files: bool,
}

impl<C: CheckFiles> WorkingTree<'_, C> {
    /// The entry of one file, from the index when its record still holds,
    /// else read and parsed; `place` is the file's place in the walk, where
    /// the index most likely has it.
    fn load(&self, file: walk::EntryFile, place: usize) -> Found<C::Checked> {
        let walk::EntryFile {
            rel,
            fingerprint,
            folder,
        } = file;
        // Made only when the file is read: most entries of a warm index are not.
        let path_of = |rel: &str| file_path(&self.location.root, rel);
        let rel = match (self.index, fingerprint) {
            (Some(index), Some(now)) => match self.index_entry(index, rel, &now, place) {
                Ok((None, position)) => return Found::PassedOver(Some(position as u32)),
                Ok((Some(mut entry), position)) => {
                    if let Some(checker) = self.checker {
                        return self.checked_from_index(
                            checker,
                            entry,
                            position,
                            fingerprint,
                            folder,
                        );
                    }
                    if self.sieve.is_some_and(|sieve| !sieve.keeps(&entry)) {
                        return Found::PassedOver(Some(position as u32));
                    }
                    let searched = self
                        .searcher
                        .map(|s| s.indexed(&entry, position, || path_of(&entry.path)));
                    if self.bodies == Bodies::Keep {
                        entry.body = read_bytes(&path_of(&entry.path))
                            .and_then(decode)
                            .map(|text| frontmatter::body(&text).to_string())
                            .unwrap_or_default();
                    }
                    let source = Source::Index(position as u32);
                    return Found::Entry {
                        entry,
                        fingerprint,
                        source,
                        searched,
                        checked: None,
                    };
                }
                Err(rel) => rel,
            },
            _ => rel,
        };
        self.with_file(&rel, fingerprint, folder.as_deref(), |text| {
            match (text, self.checker) {
                (text, Some(checker)) => {
                    let checked = checker.check(&rel, text);
                    found_checked::<C>(checked, fingerprint, Source::File(0))
                }
                (Ok(text), None) => self.parse(&rel, text, fingerprint),
                (Err(problem), None) => Found::Problems(vec![problem]),
            }
        })
    }

    /// The entry the index holds for `rel` (see [`cache::index::Index::entry`]);
    /// `None` when a sieve that looks at an entry's head lets it go.
    fn index_entry(
        &self,
        index: &cache::index::Index,
        rel: String,
        now: &cache::fingerprint::Fingerprint,
        place: usize,
    ) -> Result<(Option<Entry>, usize), String> {
        match self.sieve {
            Some(sieve) if !sieve.looks_at_all() => {
                index.entry_if_kept(rel, now, place, &|entry| sieve.keeps(entry))
            }
            _ => index
                .entry(rel, now, place)
                .map(|(entry, position)| (Some(entry), position)),
        }
    }

    /// An entry the index holds, checked: from what the last check found
    /// when it found nothing wrong, else its file read and checked again.
    fn checked_from_index(
        &self,
        checker: &C,
        entry: Entry,
        position: usize,
        fingerprint: Option<cache::fingerprint::Fingerprint>,
        folder: Option<std::sync::Arc<std::fs::File>>,
    ) -> Found<C::Checked> {
        let source = Source::Index(position as u32);
        if let Some(line) = self.clean.and_then(|clean| clean.date_line(position)) {
            return Found::Entry {
                checked: Some(checker.clean(&entry, line)),
                entry,
                fingerprint,
                source,
                searched: None,
            };
        }
        let rel = entry.path.as_str();
        let checked = self.with_file(rel, fingerprint, folder.as_deref(), |text| {
            checker.check(rel, text)
        });
        found_checked::<C>(checked, fingerprint, source)
    }

    /// Hands `use_text` the text of the entry file at `rel`, opened from
    /// its folder's handle when there is one.
    fn with_file<T>(
        &self,
        rel: &str,
        fingerprint: Option<cache::fingerprint::Fingerprint>,
        folder: Option<&std::fs::File>,
        use_text: impl FnOnce(Contents) -> T,
    ) -> T {
        let size = fingerprint.map_or(0, |f| f.size());
        let root = &self.location.root;
        let read = |buffer: &mut Vec<u8>| read_entry(root, rel, folder, size, buffer);
        with_text(rel, read, use_text)
    }

    /// The entry of a file's text, or its problems.
    fn parse(
        &self,
        rel: &str,
        text: &str,
        fingerprint: Option<cache::fingerprint::Fingerprint>,
    ) -> Found<C::Checked> {
        match entry::parse_leaving_body(rel, text, &self.location.config) {
            Ok((entry, _)) if self.sieve_files && self.sieve.is_some_and(|s| !s.keeps(&entry)) => {
                Found::PassedOver(None)
            }
            Ok((mut entry, body)) => {
                let searched = self.searcher.map(|s| s.made(&entry.title, body));
                if self.bodies == Bodies::Keep {
                    entry.body = body.to_string();
                }
                Found::Entry {
                    entry,
                    fingerprint,
                    source: Source::File(0),
                    searched,
                    checked: None,
                }
            }
            Err(problems) => Found::Problems(problems),
        }
    }
}

/// A checked file as loading keeps it: its entry apart from what the check
/// found, or, when it gave none, as broken.
fn found_checked<C: CheckFiles>(
    mut checked: C::Checked,
    fingerprint: Option<cache::fingerprint::Fingerprint>,
    source: Source,
) -> Found<C::Checked> {
    match C::take_entry(&mut checked) {
        Some(entry) => Found::Entry {
            entry,
            fingerprint,
            source,
            searched: None,
            checked: Some(checked),
        },
        None => Found::Broken(checked),
    }
}

/// How `check` checks each entry file as the working tree is loaded (see
/// [`Location::check_each`]): all that reading knows of checking.
pub trait CheckFiles: Sync {
    /// What checking one file found, and its entry if it gave one.
    type Checked: Send;
    /// Checks one file from its text, or from why it has none.
    fn check(&self, rel: &str, text: Contents) -> Self::Checked;
    /// An entry the last check found nothing wrong with but, perhaps, its
    /// date after today, its `date:` on `date_line`, known from the index.
    fn clean(&self, entry: &Entry, date_line: usize) -> Self::Checked;
    /// The line of `date:`, when what was found makes the entry clean as
    /// [`CheckFiles::clean`] means it.
    fn clean_date_line(checked: &Self::Checked) -> Option<usize>;
    fn take_entry(checked: &mut Self::Checked) -> Option<Entry>;
    fn put_entry(checked: &mut Self::Checked, entry: Entry);
}

/// What loading that checks nothing checks with.
enum NoChecks {}

impl CheckFiles for NoChecks {
    type Checked = ();
    fn check(&self, _: &str, _: Contents) {}
    fn clean(&self, _: &Entry, _: usize) {}
    fn clean_date_line(_: &()) -> Option<usize> {
        None
    }
    fn take_entry(_: &mut ()) -> Option<Entry> {
        None
    }
    fn put_entry(_: &mut (), _: Entry) {}
}

impl Journal {
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
    /// again from its file (empty if it can no longer be read), masked when
    /// the journal is shared.
    pub fn body<'a>(&self, entry: &'a Entry) -> Cow<'a, str> {
        if self.bodies == Bodies::Keep {
            return Cow::Borrowed(&entry.body);
        }
        let text = read_bytes(&self.file(&entry.path)).and_then(decode);
        let body = text.map(|text| frontmatter::body(&text).to_string());
        let body = body.unwrap_or_default();
        // What is shared never shows an e-mail address or phone number.
        if self.sharing.is_some()
            && let Cow::Owned(masked) = mask_contacts(&body)
        {
            return Cow::Owned(masked);
        }
        Cow::Owned(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sieved load keeps only the entries it lets through, those of the
    /// index included, and leaves the index as it was.
    #[test]
    fn a_sieve_keeps_only_what_it_lets_through() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        std::fs::create_dir_all(root.join("visits")).unwrap();
        std::fs::write(root.join("insight.yaml"), "name: Sieve\n").unwrap();
        for (name, kind) in [("a", "frontline"), ("b", "research"), ("c", "research")] {
            let text = format!("---\ndate: 2026-03-01\nkind: {kind}\nsite: Cub Foods\n---\n");
            std::fs::write(root.join(format!("visits/{name}.md")), text).unwrap();
        }
        let load = |sieve: Option<&Sieve>| {
            let location = Location::find(std::slice::from_ref(&root), &root).unwrap();
            match sieve {
                Some(sieve) => location.load_sieved(Cache::Use, sieve),
                None => location.load(Bodies::Drop, Cache::Use),
            }
        };
        // Files are trusted two seconds after they changed: the index made
        // then holds all three.
        load(None);
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        assert_eq!(load(None).entries.len(), 3);
        let index = std::fs::read(root.join(".insight/index")).unwrap();
        let research = |entry: &Entry| entry.kind == "research";
        let kept = load(Some(&Sieve::by_head(&research)));
        let paths: Vec<&str> = kept.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["visits/b.md", "visits/c.md"]);
        assert_eq!(std::fs::read(root.join(".insight/index")).unwrap(), index);
    }

    /// Rewriting `.insight/folders` for one folder listed again keeps the
    /// listings remembered of the folders that were not: losing them would
    /// list every folder again on the next run.
    #[test]
    fn a_new_listing_keeps_the_remembered_listings_of_other_folders() {
        use cache::listings::{Listing, Listings};
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().to_path_buf();
        let listing = |rel: &str, names: &[&str]| {
            std::fs::create_dir_all(root.join(rel)).unwrap();
            let metadata = std::fs::metadata(root.join(rel)).unwrap();
            Listing {
                rel: rel.into(),
                fingerprint: cache::fingerprint::Fingerprint::of(&metadata),
                names: names.iter().map(|n| n.to_string()).collect(),
            }
        };
        let old = listing("visits/2025", &["a.md", "b.md"]);
        let new = listing("visits/2026", &["c.md"]);
        // Made long after both folders settled.
        let made_ns = cache::fingerprint::now_ns() + 60_000_000_000;
        let before = Listings::of(made_ns, std::slice::from_ref(&old));
        let listed = vec![
            walk::Listed::Remembered("visits/2025".into()),
            walk::Listed::Fresh(new.clone()),
        ];
        keep_listings(&root, made_ns, Some(&before), listed);
        let after = Listings::read(&root).expect("the listings were written");
        assert_eq!(after.listing("visits/2025"), Some(old));
        assert_eq!(after.listing("visits/2026"), Some(new));
    }
}
