//! [`Text`]: a string that many entries share. A journal says `frontline`,
//! `Cub Foods` or a person's name thousands of times; each entry holds a
//! reference-counted pointer to one copy instead of its own, which is what
//! keeps a journal of 100,000 entries in a few tens of megabytes.

use serde::Serialize;
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A thin pointer (one word, where `Arc<str>` takes two): entries hold
/// hundreds of thousands of these, and the distinct texts are few.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<Box<str>>);

impl Default for Text {
    fn default() -> Text {
        Text::new("")
    }
}

thread_local! {
    /// The texts this thread has made, so that equal ones share one copy.
    /// Each thread of the parallel loader keeps its own: two threads may
    /// each hold a copy, which costs little and needs no lock.
    static SEEN: RefCell<HashSet<Text, Seeded>> = RefCell::default();
}

/// The hash of the sets of texts seen, and of other tables keyed by text
/// from the journal: foldhash with a random seed for each run. It is several times faster than the standard SipHash on short texts,
/// and the seed keeps a crafted journal from making every text collide: a
/// short-lived command gives an attacker no way to learn it.
pub type Seeded = foldhash::fast::RandomState;

/// How many distinct texts, and how many distinct lists, a thread
/// remembers; past that, new ones are not shared (a hostile journal of a
/// million distinct tags must not grow the sets without end).
const REMEMBERED: usize = 1 << 20;

impl Text {
    /// The shared copy of `text`, made on first use.
    pub fn new(text: &str) -> Text {
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            if let Some(shared) = seen.get(text) {
                return shared.clone();
            }
            let shared = Text(Arc::new(Box::from(text)));
            if seen.len() < REMEMBERED {
                seen.insert(shared.clone());
            }
            shared
        })
    }

    /// A copy of `text` of its own, not looked up among the texts seen:
    /// for texts known to be distinct already, as an index's table is,
    /// where the lookup would cost a hash and an insert each for nothing.
    pub fn distinct(text: &str) -> Text {
        Text(Arc::new(Box::from(text)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A value whose equal copies are usually one copy in memory, as [`Text`]s
/// and [`Texts`] are: a table keyed by where that copy lives does the work
/// of a text once per copy instead of once per use, without hashing it.
pub trait Shared: Clone {
    fn address(&self) -> usize;
}

impl Shared for Text {
    fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl Shared for Texts {
    fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

/// Something worked out once for each copy of a [`Shared`] value. It holds
/// a clone of each, so no address is freed and reused while it is a key.
/// Equal values in two copies (made by two threads) are worked out twice,
/// which is why the value must depend on the text only.
pub struct ByCopy<K, V> {
    map: HashMap<usize, (K, V), BuildHasherDefault<AddressHasher>>,
}

impl<K: Shared, V> Default for ByCopy<K, V> {
    fn default() -> Self {
        ByCopy {
            map: HashMap::default(),
        }
    }
}

impl<K: Shared, V> ByCopy<K, V> {
    /// What `make` gives for `key`, made on the first call for its copy.
    pub fn get_or_insert_with(&mut self, key: &K, make: impl FnOnce(&K) -> V) -> &mut V {
        &mut self
            .map
            .entry(key.address())
            .or_insert_with(|| (key.clone(), make(key)))
            .1
    }

    /// Whether `key`'s copy is new here; it is remembered either way.
    pub fn insert(&mut self, key: &K) -> bool
    where
        V: Default,
    {
        let before = self.map.len();
        self.get_or_insert_with(key, |_| V::default());
        self.map.len() > before
    }

    /// Each copy and what was worked out for it, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.map.values().map(|(key, value)| (key, value))
    }
}

/// Hashes an address: a multiply that spreads its aligned low bits and its
/// high bits over the whole word. Only for tables keyed by address (as
/// [`ByCopy`] is), whose keys come from the allocator, not from input.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_usize(&mut self, address: usize) {
        self.write_u64(address as u64);
    }

    fn write_u64(&mut self, word: u64) {
        let mixed = (self.0 ^ word ^ (word >> 17)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = mixed ^ (mixed >> 31);
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::new(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::new(&text)
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Text {
        Text::new(text)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.as_str().to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A list of texts that many entries share: the same two people, the same
/// tags. Equal lists made on one thread share one copy, as [`Text`]s do.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Texts(Arc<Box<[Text]>>);

thread_local! {
    static SEEN_LISTS: RefCell<Lists> = RefCell::default();
    /// The empty list, which most ideas' tags and most entries' unknown
    /// keys are: one per thread, not one per use.
    static EMPTY_LIST: Texts = Texts(Arc::new(Box::default()));
}

impl Default for Texts {
    fn default() -> Texts {
        EMPTY_LIST.with(Texts::clone)
    }
}

impl Borrow<[Text]> for Texts {
    fn borrow(&self) -> &[Text] {
        &self.0
    }
}

impl Texts {
    /// The shared copy of the list of `items`.
    pub fn new(items: Vec<Text>) -> Texts {
        if items.is_empty() {
            return Texts::default();
        }
        SEEN_LISTS.with_borrow_mut(|lists| {
            lists.spell(items.iter().map(Text::as_str));
            lists.find_or_remember(|| Texts(Arc::new(items.into_boxed_slice())))
        })
    }

    /// A list of `items` of its own, not looked up among the lists seen:
    /// for lists known to be distinct already (see [`Text::distinct`]).
    pub fn distinct(items: Vec<Text>) -> Texts {
        if items.is_empty() {
            return Texts::default();
        }
        Texts(Arc::new(items.into_boxed_slice()))
    }

    /// The shared copy of the list of these texts. A list seen before on
    /// this thread (the same people, the same tags, entry after entry) is
    /// found from the texts themselves, without making a [`Text`] of each.
    pub fn of_strs(items: &[&str]) -> Texts {
        if items.is_empty() {
            return Texts::default();
        }
        SEEN_LISTS.with_borrow_mut(|lists| {
            lists.spell(items.iter().copied());
            lists.find_or_remember(|| {
                Texts(Arc::new(items.iter().map(|item| Text::new(item)).collect()))
            })
        })
    }
}

/// The lists of texts a thread has made, by their spelling: their texts
/// one after another, each ended by a byte that UTF-8 never holds, so that
/// two lists are equal exactly when their spellings are. A list is found by
/// comparing one run of bytes, where comparing it text by text followed a
/// pointer for the list, its items and each text (6% of the CPU samples of
/// `list --no-cache` on 100,000 entries, mostly waiting for memory).
/// The key is a byte copy of the list's texts, kept for each list
/// remembered: at most about the size of the lists read, and shared lists
/// are few.
#[derive(Default)]
struct Lists {
    by_spelling: HashMap<Box<[u8]>, Texts, Seeded>,
    /// The spelling of the list being looked up, kept to be used again.
    spelling: Vec<u8>,
}

/// What ends each text in a list's spelling.
const END_OF_TEXT: u8 = 0xff;

impl Lists {
    fn spell<'s>(&mut self, items: impl Iterator<Item = &'s str>) {
        self.spelling.clear();
        for item in items {
            self.spelling.extend_from_slice(item.as_bytes());
            self.spelling.push(END_OF_TEXT);
        }
    }

    /// The list spelled last, made by `make` if it is new. Past
    /// [`REMEMBERED`] lists, new ones are not shared.
    fn find_or_remember(&mut self, make: impl FnOnce() -> Texts) -> Texts {
        if let Some(shared) = self.by_spelling.get(self.spelling.as_slice()) {
            return shared.clone();
        }
        let list = make();
        if self.by_spelling.len() < REMEMBERED {
            let spelling = self.spelling.as_slice().into();
            self.by_spelling.insert(spelling, list.clone());
        }
        list
    }
}

impl Deref for Texts {
    type Target = [Text];

    fn deref(&self) -> &[Text] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Texts {
    type Item = &'a Text;
    type IntoIter = std::slice::Iter<'a, Text>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromIterator<Text> for Texts {
    fn from_iter<I: IntoIterator<Item = Text>>(items: I) -> Texts {
        Texts::new(items.into_iter().collect())
    }
}

impl<T: Into<Text>> From<Vec<T>> for Texts {
    fn from(items: Vec<T>) -> Texts {
        Texts::new(items.into_iter().map(Into::into).collect())
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Texts {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.0.len() == N && self.0.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl PartialEq<Vec<String>> for Texts {
    fn eq(&self, other: &Vec<String>) -> bool {
        self.0.len() == other.len() && self.0.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl Serialize for Texts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

/// A copy of `list` of its own, made on another thread as a second
/// loading thread would: the texts are equal, the copies are not.
#[cfg(test)]
pub(crate) fn copy_made_elsewhere(list: &Texts) -> Texts {
    let texts: Vec<String> = list.iter().map(ToString::to_string).collect();
    let copy = std::thread::spawn(move || Texts::from(texts))
        .join()
        .unwrap();
    assert!(list.is_empty() || copy.address() != list.address());
    copy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_copy() {
        let a = Text::new("frontline");
        let b = Text::from(String::from("frontline"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "frontline");
        assert_eq!(format!("{a} {b:?}"), "frontline \"frontline\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"frontline\"");
    }

    #[test]
    fn equal_lists_share_one_copy_however_they_are_made() {
        let made = Texts::new(vec![Text::new("mobile"), Text::new("tv")]);
        let found = Texts::of_strs(&["mobile", "tv"]);
        assert!(Arc::ptr_eq(&made.0, &found.0));
        let first = Texts::of_strs(&["pricing", "tv"]);
        assert!(Arc::ptr_eq(&first.0, &Texts::from(vec!["pricing", "tv"]).0));
        // Order, length and the split between texts all matter.
        assert!(!Arc::ptr_eq(&made.0, &Texts::of_strs(&["tv", "mobile"]).0));
        assert_eq!(Texts::of_strs(&["mobile"]), ["mobile"]);
        assert_eq!(Texts::of_strs(&["mob", "iletv"]), ["mob", "iletv"]);
        assert_eq!(Texts::of_strs(&["mobiletv"]), ["mobiletv"]);
        assert!(Arc::ptr_eq(&Texts::of_strs(&[]).0, &Texts::default().0));
    }

    #[test]
    fn work_by_copy_is_done_once_per_copy() {
        let mut calls = 0;
        let mut upper: ByCopy<Text, String> = ByCopy::default();
        for word in ["tv", "mobile", "tv", "tv", "mobile"] {
            upper.get_or_insert_with(&Text::new(word), |t| {
                calls += 1;
                t.to_uppercase()
            });
        }
        assert_eq!(calls, 2);
        let mut found: Vec<String> = upper.iter().map(|(_, v)| v.clone()).collect();
        found.sort();
        assert_eq!(found, ["MOBILE", "TV"]);
        // A copy made elsewhere (another thread) is another key, worked out again.
        let other = Text(Arc::new(Box::from("tv")));
        assert!(upper.insert(&other));
        assert!(!upper.insert(&other));
    }
}
