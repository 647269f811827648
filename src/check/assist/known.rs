//! What the rest of the journal offers an editor: the entries as the index
//! holds them, read once, and what completion, hover and the journal-wide
//! checks ask of them, prepared once, so that each answer costs the entry
//! being edited and a few look-ups, not a pass over the journal.

use jiff::civil::Date;
use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use crate::aggregate::TagCount;
use crate::aggregate::history::History;
use crate::check::journal::tag_uses;
use crate::check::look_alike::MAX_TYPO_CHARS;
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::entry::{self, Entry};
use crate::model::idea::IdeaKeys;
use crate::model::journal::Bodies;
use crate::model::paths::{file_path, relative};
use crate::model::text::Text;
use crate::read::find::Location;
use crate::read::union::relabel_entry;
use crate::read::worktree::Cache;

/// The rest of the journal, as an editor's questions need it.
pub struct Known {
    pub location: Location,
    pub today: Date,
    /// Each journal's root, as the disk names it (links resolved).
    roots: Vec<PathBuf>,
    /// Sorted by date, then path.
    pub(super) entries: Vec<Entry>,
    /// How many entries carry each tag, normalized (the entry's tags and
    /// its ideas'), as the look-alike check counts them.
    pub(super) tag_uses: HashMap<String, usize>,
    /// Those tags, indexed to find the ones that look like a tag.
    pub(super) words: Words,
    /// For each idea id, the first two entries (by date, then path) that
    /// give it a title: the one that names it, and the next in case the
    /// first is the entry being edited.
    pub(super) titled: HashMap<Text, Vec<usize>>,
    /// What a title-only mention of an idea joins.
    pub(super) keys: IdeaKeys,
    /// As `insight tags` counts them: most used first.
    pub tags: Vec<TagCount>,
    /// Names and the number of entries that give them, most used first.
    pub people: Vec<(String, usize)>,
    pub sites: Vec<(String, usize)>,
    /// Every idea with an id, by id.
    pub ideas: Vec<IdeaChoice>,
}

/// An idea as completion offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaChoice {
    pub id: String,
    pub title: String,
    pub status: String,
}

/// A file of the journal, as the journal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its journal path: what `check` prints (under the journal's label in
    /// a union).
    pub path: String,
    /// Its path in its own journal.
    pub rel: String,
    /// Which journal of a union holds it (0 on its own).
    pub member: usize,
    pub what: What,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Entry,
    Template,
    Settings,
}

impl Known {
    /// Reads the journals at `location` (from the index in `.insight/`
    /// where it holds, unless `cache` says not to).
    pub fn load(location: Location, today: Date, cache: Cache) -> Known {
        let journal = location.clone().load(Bodies::Drop, cache);
        Known::new(location, journal.entries, today)
    }

    /// The journal of `entries` (any order) at `location`.
    pub fn new(location: Location, mut entries: Vec<Entry>, today: Date) -> Known {
        entries.sort_unstable_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        let roots = location
            .members
            .iter()
            .map(|m| m.root.canonicalize().unwrap_or_else(|_| m.root.clone()))
            .collect();
        let tag_uses: HashMap<String, usize> = tag_uses(entries.iter()).into_iter().collect();
        let words = Words::new(tag_uses.keys().map(String::as_str));
        let mut titled: HashMap<Text, Vec<usize>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            for idea in entry.ideas.iter().filter(|i| i.title.is_some()) {
                let Some(id) = &idea.id else { continue };
                let first = titled.entry(id.clone()).or_default();
                if first.len() < 2 && first.last() != Some(&index) {
                    first.push(index);
                }
            }
        }
        let refs: Vec<&Entry> = entries.iter().collect();
        let tags = crate::aggregate::tag_counts(&refs);
        let people = by_use(
            entries
                .iter()
                .flat_map(|e| e.people.iter().map(|p| p.as_str()))
                .chain(location.config.people.iter().map(|p| p.name.as_str())),
        );
        let sites = by_use(entries.iter().map(|e| e.site.as_str()));
        let ideas = idea_choices(&entries, &location.config, today);
        let keys = IdeaKeys::new(&entries);
        Known {
            location,
            today,
            roots,
            entries,
            tag_uses,
            words,
            titled,
            keys,
            tags,
            people,
            sites,
            ideas,
        }
    }

    /// How many entries the journal holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The settings of journal `member`.
    pub fn config(&self, member: usize) -> &Config {
        match self.location.members.get(member) {
            Some(m) if self.location.is_union() => &m.config,
            _ => &self.location.config,
        }
    }

    /// The journal's name for `file`, and what it is to the journal;
    /// `None` for a file that is neither an entry, a template nor the
    /// settings. The file need not exist yet.
    pub fn place(&self, file: &Path) -> Option<Place> {
        let file = on_disk(file);
        let (member, root) = self
            .roots
            .iter()
            .enumerate()
            .find(|(_, root)| file.starts_with(root))?;
        let config = &self.location.members[member].config;
        let rel = relative(root, &file);
        let under = |folder: &str| {
            let folder = folder.trim_end_matches('/');
            folder.is_empty() || folder == "." || rel.starts_with(&format!("{folder}/"))
        };
        let what = if rel == CONFIG_FILE {
            What::Settings
        } else if !rel.ends_with(".md") {
            return None;
        } else if under(&config.templates) {
            What::Template
        } else if under(&config.entries) {
            What::Entry
        } else {
            return None;
        };
        let path = match self.location.is_union() {
            true => format!("{}/{rel}", self.location.members[member].label),
            false => rel.clone(),
        };
        Some(Place {
            path,
            rel,
            member,
            what,
        })
    }

    /// The file behind a journal path.
    pub fn file(&self, path: &str) -> PathBuf {
        if self.location.is_union()
            && let Some((label, rest)) = path.split_once('/')
            && let Some(member) = self.location.members.iter().find(|m| m.label == label)
        {
            return file_path(&member.root, rest);
        }
        file_path(&self.location.root, path)
    }

    /// An idea id as the journal names it, from the id written in the
    /// entry at `place`: under its journal's label in a union, unless shared.
    pub fn journal_id(&self, place: &Place, id: &str) -> String {
        if !self.location.is_union() || self.shared(id) {
            return id.to_string();
        }
        format!("{}:{id}", self.location.members[place.member].label)
    }

    /// An id of the journal as the entry at `place` writes it; `None` for
    /// another journal's own id, which it cannot name.
    pub fn written_id<'a>(&self, place: &Place, id: &'a str) -> Option<&'a str> {
        if !self.location.is_union() || self.shared(id) {
            return Some(id);
        }
        let label = &self.location.members[place.member].label;
        id.strip_prefix(label.as_str())?.strip_prefix(':')
    }

    fn shared(&self, id: &str) -> bool {
        let shared = &self.location.config.shared_ids;
        shared.iter().any(|prefix| id.starts_with(prefix.as_str()))
    }

    /// Runs `f` on the journal's entries with `current` in place of the
    /// saved entry at `path` (or beside them, for a new file); with the
    /// saved one when `current` is `None`. The entries are put back after.
    pub(super) fn with_current<T>(
        &mut self,
        path: &str,
        current: Option<Entry>,
        f: impl FnOnce(&[Entry]) -> T,
    ) -> T {
        let Some(current) = current else {
            return f(&self.entries);
        };
        let saved = self
            .entries
            .iter()
            .position(|e| e.path == path)
            .map(|at| (at, self.entries.remove(at)));
        let at = self
            .entries
            .partition_point(|e| (e.date, e.path.as_str()) < (current.date, current.path.as_str()));
        self.entries.insert(at, current);
        let answer = f(&self.entries);
        self.entries.remove(at);
        if let Some((at, entry)) = saved {
            self.entries.insert(at, entry);
        }
        answer
    }

    /// The entry of `text`, the file at `place`, as the journal names it;
    /// `None` when it has errors.
    pub(super) fn entry_of(&self, place: &Place, text: &str) -> Option<Entry> {
        let config = self.config(place.member);
        let (mut entry, _) = entry::parse_leaving_body(&place.rel, text, config).ok()?;
        if self.location.is_union() {
            let label = &self.location.members[place.member].label;
            relabel_entry(&mut entry, label, &self.location.config.shared_ids);
        }
        Some(entry)
    }

    /// The saved entry at `path`, if the journal holds one.
    pub(super) fn saved(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }
}

/// A file's path with its folder's links resolved, for comparing with the
/// journals' roots; a file not yet saved has a folder that exists.
fn on_disk(file: &Path) -> PathBuf {
    if let Ok(resolved) = file.canonicalize() {
        return resolved;
    }
    match (file.parent(), file.file_name()) {
        (Some(folder), Some(name)) => folder
            .canonicalize()
            .map_or_else(|_| file.to_path_buf(), |f| f.join(name)),
        _ => file.to_path_buf(),
    }
}

/// Each text with the number of times it is given, most given first, then
/// A to Z; texts that differ only in case are one, as first written.
fn by_use<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, (String, usize)> = HashMap::new();
    for text in texts.filter(|t| !t.trim().is_empty()) {
        counts
            .entry(text.to_lowercase())
            .or_insert_with(|| (text.to_string(), 0))
            .1 += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_values().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// Every idea with an id, its title and its status on `today`.
fn idea_choices(entries: &[Entry], config: &Config, today: Date) -> Vec<IdeaChoice> {
    let history = History::new(entries, config.default_status());
    let mut ideas: Vec<IdeaChoice> = history
        .stories()
        .filter_map(|story| {
            let id = story.id()?;
            let status = story
                .status_on(today)
                .unwrap_or_else(|| config.default_status());
            Some(IdeaChoice {
                id: id.to_string(),
                title: story.title.to_string(),
                status: status.to_string(),
            })
        })
        .collect();
    ideas.sort_by(|a, b| a.id.cmp(&b.id));
    ideas
}

/// Words (normalized tags) indexed by keys that two look-alikes always
/// share (see [`crate::check::look_alike`]): the word's letters and digits;
/// the word with one character taken out, with where; and the word with
/// one character taken out, for the words one character shorter. Keys are
/// hashes: a collision only offers a word that the caller then compares.
pub(super) struct Words {
    words: Vec<String>,
    keys: HashMap<u64, Vec<u32>>,
    hasher: RandomState,
}

#[derive(Hash)]
enum Key<'a> {
    Squashed(&'a str),
    Changed(usize, &'a str),
    Shortened(&'a str),
    Whole(&'a str),
}

impl Words {
    pub(super) fn new<'a>(words: impl Iterator<Item = &'a str>) -> Words {
        let mut index = Words {
            words: words.map(str::to_string).collect(),
            keys: HashMap::new(),
            hasher: RandomState::new(),
        };
        for number in 0..index.words.len() {
            let word = index.words[number].clone();
            for key in index.keys_of(&word, true) {
                index.keys.entry(key).or_default().push(number as u32);
            }
        }
        index
    }

    /// The hashes of the keys of `word`: as it is stored (`stored`), or as
    /// it is looked for.
    fn keys_of(&self, word: &str, stored: bool) -> Vec<u64> {
        let squashed: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
        let mut keys = vec![self.hasher.hash_one(Key::Squashed(&squashed))];
        let chars = word.chars().count();
        if !(5..=MAX_TYPO_CHARS).contains(&chars) {
            return keys;
        }
        // Stored, a word is found from one a character shorter (`Whole`);
        // looked for, from the shorter words (`Whole` of each shortening).
        if stored {
            keys.push(self.hasher.hash_one(Key::Whole(word)));
        }
        for (at, (byte, c)) in word.char_indices().enumerate() {
            let without = format!("{}{}", &word[..byte], &word[byte + c.len_utf8()..]);
            keys.push(self.hasher.hash_one(Key::Changed(at, &without)));
            match stored {
                true => keys.push(self.hasher.hash_one(Key::Shortened(&without))),
                false => keys.push(self.hasher.hash_one(Key::Whole(&without))),
            }
        }
        if !stored {
            keys.push(self.hasher.hash_one(Key::Shortened(word)));
        }
        keys
    }

    /// The words that may look like `word` (compare them before use).
    pub(super) fn near(&self, word: &str) -> impl Iterator<Item = &str> {
        let mut found: Vec<u32> = self
            .keys_of(word, false)
            .iter()
            .filter_map(|key| self.keys.get(key))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|n| self.words[n as usize].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_find_every_look_alike() {
        let words = [
            "mobile",
            "moble",
            "mobiles",
            "mobjle",
            "self-service",
            "tv",
            "pricing",
        ];
        let index = Words::new(words.iter().copied());
        let near = |w: &str| {
            let mut found: Vec<&str> = index
                .near(w)
                .filter(|o| crate::check::look_alike::look_alike(o, w))
                .collect();
            found.sort();
            found
        };
        assert_eq!(near("mobile"), ["mobile", "mobiles", "mobjle", "moble"]);
        assert_eq!(near("selfservice"), ["self-service"]);
        assert_eq!(near("tc"), Vec::<&str>::new());
    }

    #[test]
    fn people_and_sites_by_use() {
        let list = by_use(["Ann", "Bo", "ann", "Cy", "Bo", "Bo"].into_iter());
        assert_eq!(
            list,
            [("Bo".into(), 3), ("Ann".into(), 2), ("Cy".into(), 1)]
        );
    }
}
