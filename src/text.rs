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

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Default for Text {
    fn default() -> Text {
        Text::new("")
    }
}

thread_local! {
    /// The texts this thread has made, so that equal ones share one copy.
    /// Each thread of the parallel loader keeps its own: two threads may
    /// each hold a copy, which costs little and needs no lock.
    static SEEN: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
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
                return Text(Arc::clone(shared));
            }
            let shared: Arc<str> = Arc::from(text);
            if seen.len() < REMEMBERED {
                seen.insert(Arc::clone(&shared));
            }
            Text(shared)
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
        text.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
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
