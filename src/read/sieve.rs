//! [`Sieve`]: which entries a load keeps, for a command that shows few of
//! a large journal's entries and should hold no more than it shows.

use crate::model::entry::Entry;

/// Which entries a command keeps: see [`Location::load_sieved`](crate::read::find::Location::load_sieved).
pub struct Sieve<'a> {
    keeps: &'a (dyn Fn(&Entry) -> bool + Sync),
    /// Whether `keeps` looks at an entry's title, ideas or unknown keys.
    /// When it does not, an entry of the index is shown to it before those
    /// are decoded, and most of those it lets go never are.
    looks_at_all: bool,
}

impl<'a> Sieve<'a> {
    /// A sieve that looks only at an entry's date, kind, site, role,
    /// people, customers, hours and tags.
    pub fn by_head(keeps: &'a (dyn Fn(&Entry) -> bool + Sync)) -> Sieve<'a> {
        Sieve {
            keeps,
            looks_at_all: false,
        }
    }

    /// A sieve that looks at the whole entry.
    pub fn by_whole(keeps: &'a (dyn Fn(&Entry) -> bool + Sync)) -> Sieve<'a> {
        Sieve {
            keeps,
            looks_at_all: true,
        }
    }

    pub fn keeps(&self, entry: &Entry) -> bool {
        (self.keeps)(entry)
    }

    /// Whether it must be shown whole entries (see [`Sieve::by_whole`]).
    pub fn looks_at_all(&self) -> bool {
        self.looks_at_all
    }
}
