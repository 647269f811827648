//! Tags that look alike: one typo apart (`mobile`, `moble`) or only punctuation
//! apart (`self-service`, `selfservice`). Found without comparing every pair,
//! so a journal with ten thousand tags is checked as fast as one with ten:
//! words are grouped on keys that two look-alikes always share (the word with
//! its punctuation dropped, or with one character taken out), and only words
//! that share a key are compared.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

/// Words shorter than this are never one typo from another: `tv` and `tc`
/// are different tags.
const MIN_TYPO_CHARS: usize = 5;

/// Words longer than this are compared only with their punctuation dropped:
/// a typo in a tag of a hundred characters is not worth the time it takes to
/// look for, and the bound keeps every word's cost small.
pub const MAX_TYPO_CHARS: usize = 64;

/// `mobile` and `moble`, `self-service` and `selfservice`: one typo or only
/// punctuation apart. Short words are left alone: `tv` and `tc` are different.
pub fn look_alike(a: &str, b: &str) -> bool {
    same_letters(a, b) || one_typo(a, b)
}

/// The same letters and digits, whatever the punctuation.
fn same_letters(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| c.is_alphanumeric())
        .eq(b.chars().filter(|c| c.is_alphanumeric()))
}

/// A word's letters and digits.
fn squash(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// One character changed, added or left out (edit distance 1), in words long
/// enough for that to be a typo rather than another word.
fn one_typo(a: &str, b: &str) -> bool {
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    if !(typos_looked_for(a_len) && typos_looked_for(b_len)) {
        return false;
    }
    match a_len.cmp(&b_len) {
        std::cmp::Ordering::Equal => one_changed(a, b),
        std::cmp::Ordering::Less => one_longer(a, b),
        std::cmp::Ordering::Greater => one_longer(b, a),
    }
}

/// Two words of one length that differ in exactly one character.
fn one_changed(a: &str, b: &str) -> bool {
    a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1
}

/// For each word, the best-ranked other word that looks like it and ranks
/// above it. `words` is in rank order, best first; the answer gives, for each
/// word, the index of that look-alike if there is one.
///
/// Every word gives a few keys (below); the keys of all words are sorted, and
/// words are compared only with the best-ranked word that shares a key. A
/// sort keeps the work in order in memory, which matters more than the count
/// of steps once there are tens of thousands of words.
pub fn better_look_alikes(words: &[&str]) -> Vec<Option<usize>> {
    let hasher = RandomState::new();
    let mut keys: Vec<Key> = Vec::new();
    for (rank, word) in words.iter().enumerate() {
        let rank = rank as u32;
        let squashed = hasher.hash_one((Family::Squashed, squash(word)));
        keys.push((squashed, Role::Member, rank));
        if typos_looked_for(word.chars().count()) {
            keys.push((hasher.hash_one((Family::Length, *word)), Role::Whole, rank));
        }
        for (at, without) in one_character_less(word) {
            let changed = hasher.hash_one((Family::Changed, at, without.as_str()));
            keys.push((changed, Role::Member, rank));
            let shorter = hasher.hash_one((Family::Length, without.as_str()));
            keys.push((shorter, Role::Longer, rank));
        }
    }
    keys.sort_unstable();
    let mut best: Vec<Option<usize>> = vec![None; words.len()];
    // `other` is offered to `word` as the look-alike it may have meant; the
    // two are compared (the hashes may collide) only if `other` would be the
    // best so far.
    let mut offer = |word: u32, other: u32, same: fn(&str, &str) -> bool| {
        let (word, other) = (word as usize, other as usize);
        if other < word && best[word].is_none_or(|b| other < b) && same(words[other], words[word]) {
            best[word] = Some(other);
        }
    };
    for group in keys.chunk_by(|a, b| a.0 == b.0) {
        // Sorted by role, then rank: the best-ranked member comes first, and
        // a whole word before the longer words it is a part of.
        let (_, first_role, first) = group[0];
        for &(_, role, rank) in &group[1..] {
            match (first_role, role) {
                (Role::Member, Role::Member) => offer(rank, first, look_alike),
                (Role::Whole, Role::Longer) => {
                    offer(rank, first, one_longer);
                    offer(first, rank, |a, b| one_longer(b, a));
                }
                _ => {}
            }
        }
    }
    best
}

/// Whether `long` is `short` with one character more.
fn one_longer(short: &str, long: &str) -> bool {
    let (mut short, mut long) = (short.chars(), long.chars());
    let mut skipped = false;
    loop {
        match (short.next(), long.next()) {
            (None, None) => return skipped,
            (None, Some(_)) => return !skipped && long.next().is_none(),
            (Some(_), None) => return false,
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(_)) if !skipped => {
                skipped = true;
                // `b` is the extra character; `a` must come next in `long`.
                if long.next() != Some(a) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// A word's key: a hash, what the word is to the others sharing it, and the
/// word's rank.
type Key = (u64, Role, u32);

/// Keeps keys of different kinds apart, so a hash of one kind never meets
/// the same text hashed as another kind.
#[derive(Hash)]
enum Family {
    /// The word's letters and digits.
    Squashed,
    /// The word with the character at one position left out.
    Changed,
    /// A whole word, and the words one character longer with a character
    /// left out: the two meet when the shorter is the longer less one.
    Length,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Member,
    Whole,
    Longer,
}

/// A set of words, indexed to find the ones that look like a given word.
pub struct Index {
    /// Each word, to find the words one character shorter than another.
    exact: HashMap<String, usize>,
    /// Words by their letters and digits.
    squashed: HashMap<String, usize>,
    /// Words by the hash of (position, the word without the character there):
    /// two words of one length that share such a key differ only there.
    substituted: HashMap<u64, usize>,
    /// Words by the hash of the word without one of its characters: the words
    /// one character longer than a given word.
    shortened: HashMap<u64, usize>,
    hasher: RandomState,
}

impl Index {
    /// Indexes `words`, best-ranked first. Each key keeps only its best-ranked
    /// word, which is all a caller needs. A hash collision can at worst hide a
    /// look-alike, never invent one: callers compare every candidate.
    pub fn new(words: &[&str]) -> Index {
        let mut index = Index {
            exact: HashMap::with_capacity(words.len()),
            squashed: HashMap::with_capacity(words.len()),
            substituted: HashMap::new(),
            shortened: HashMap::new(),
            hasher: RandomState::new(),
        };
        for (rank, word) in words.iter().enumerate() {
            index.exact.entry(word.to_string()).or_insert(rank);
            index.squashed.entry(squash(word)).or_insert(rank);
            for (at, without) in one_character_less(word) {
                let substituted = index.hasher.hash_one((at, without.as_str()));
                index.substituted.entry(substituted).or_insert(rank);
                let shortened = index.hasher.hash_one(without.as_str());
                index.shortened.entry(shortened).or_insert(rank);
            }
        }
        index
    }

    /// Indices of words that may look like `word` (compare before use): the
    /// best-ranked word with the same letters and digits, with one character
    /// changed, and with one more; and every word with one character less.
    pub fn candidates(&self, word: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .squashed
            .get(&squash(word))
            .copied()
            .into_iter()
            .collect();
        if typos_looked_for(word.chars().count() + 1) {
            found.extend(self.shortened.get(&self.hasher.hash_one(word)));
        }
        for (at, without) in one_character_less(word) {
            found.extend(
                self.substituted
                    .get(&self.hasher.hash_one((at, without.as_str()))),
            );
            found.extend(self.exact.get(without.as_str()));
        }
        found
    }
}

/// Whether a word of `chars` characters may be one typo from another.
fn typos_looked_for(chars: usize) -> bool {
    (MIN_TYPO_CHARS..=MAX_TYPO_CHARS).contains(&chars)
}

/// `word` with each of its characters taken out in turn, with the byte at
/// which it stood; nothing for words too short or too long for typos.
fn one_character_less(word: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let searched = typos_looked_for(word.chars().count());
    word.char_indices()
        .filter(move |_| searched)
        .map(move |(at, c)| (at, format!("{}{}", &word[..at], &word[at + c.len_utf8()..])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes() {
        assert!(look_alike("mobile", "moble"));
        assert!(look_alike("self-service", "selfservice"));
        assert!(!look_alike("tv", "tc"));
        assert!(!look_alike("mobile", "mobile/app"));
        assert!(!look_alike("pricing", "billing"));
    }

    fn better<'a>(words: &[&'a str]) -> Vec<Option<&'a str>> {
        better_look_alikes(words)
            .into_iter()
            .map(|best| best.map(|i| words[i]))
            .collect()
    }

    #[test]
    fn finds_the_best_ranked_look_alike_of_each_word() {
        let words = [
            "mobile",
            "pricing",
            "moble",
            "mobiles",
            "selfservice",
            "self-service",
            "mobble",
            "prcing",
            "tv",
            "tc",
        ];
        assert_eq!(
            better(&words),
            [
                None,
                None,
                Some("mobile"),
                Some("mobile"),
                None,
                Some("selfservice"),
                Some("mobile"),
                Some("pricing"),
                None,
                None
            ]
        );
    }

    proptest::proptest! {
        /// The definition: the same letters and digits, or (for words of 5
        /// to 64 characters) an edit distance of one.
        #[test]
        fn one_typo_is_an_edit_distance_of_one(a in "[abé-]{0,8}", b in "[abé-]{0,8}") {
            let (a_len, b_len) = (a.chars().count(), b.chars().count());
            let typo = a_len.min(b_len) >= MIN_TYPO_CHARS
                && crate::model::suggest::edit_distance(&a, &b) == 1;
            proptest::prop_assert_eq!(look_alike(&a, &b), squash(&a) == squash(&b) || typo);
        }

        /// Words from a small alphabet, so that many look alike.
        #[test]
        fn agrees_with_comparing_every_pair_of_random_words(
            words in proptest::collection::btree_set("[abé-]{3,7}", 0..40)
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let found = better_look_alikes(&words);
            for (i, best) in found.iter().enumerate() {
                let expected = (0..i).find(|&j| look_alike(words[j], words[i]));
                proptest::prop_assert_eq!(*best, expected, "{}", words[i]);
            }
        }
    }

    #[test]
    fn agrees_with_comparing_every_pair() {
        let words = [
            "mobile",
            "moble",
            "mobil",
            "mobiles",
            "nobile",
            "mobile-app",
            "mobileapp",
            "abcde",
            "abcdf",
            "abcd",
            "bcdef",
            "xabcde",
            "café",
            "cafe",
            "cafés",
            "tv",
            "t-v",
            "ünïcode",
            "unïcode",
            "ünïcodé",
        ];
        let found = better_look_alikes(&words);
        for (i, best) in found.iter().enumerate() {
            let expected = (0..i).find(|&j| look_alike(words[j], words[i]));
            assert_eq!(*best, expected, "{}", words[i]);
        }
    }
}
