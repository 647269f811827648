//! [`Text`]: a string that many entries share. A journal says `frontline`,
//! `Cub Foods` or a person's name thousands of times; each entry holds a
//! reference-counted pointer to one copy instead of its own, which is what
//! keeps a journal of 100,000 entries in a few tens of megabytes.

use serde::Serialize;
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
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
    static SEEN: RefCell<HashSet<Text>> = RefCell::new(HashSet::new());
}

/// How many distinct texts a thread remembers; past that, new ones are not
/// shared (a hostile journal of a million distinct tags must not grow the set
/// without end).
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

    pub fn as_str(&self) -> &str {
        &self.0
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
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Texts(Arc<Box<[Text]>>);

thread_local! {
    static SEEN_LISTS: RefCell<HashSet<Texts>> = RefCell::new(HashSet::new());
}

impl Borrow<[Text]> for Texts {
    fn borrow(&self) -> &[Text] {
        &self.0
    }
}

impl Texts {
    pub fn new(items: Vec<Text>) -> Texts {
        if items.is_empty() {
            return Texts::default();
        }
        SEEN_LISTS.with(|seen| {
            let mut seen = seen.borrow_mut();
            if let Some(shared) = seen.get(items.as_slice()) {
                return shared.clone();
            }
            let shared = Texts(Arc::new(items.into_boxed_slice()));
            if seen.len() < REMEMBERED {
                seen.insert(shared.clone());
            }
            shared
        })
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
}
