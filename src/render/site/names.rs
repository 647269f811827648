//! The file names of the site's pages: from slugs of what each page is about
//! (an idea's id, a tag, a person's name, an entry's file name), never from
//! a label meant for reading, so that a link to a page keeps working from
//! one build to the next.
//!
//! Two things can give one slug (`Café` and `cafe`, an entry's file name in
//! two folders): then each of them gets a short checksum of its own key after
//! the slug (`cafe-3f09a1`), except the one whose key is its slug already,
//! which keeps the plain name. A name depends only on its own key and on
//! whether another key gives the same slug, never on the order things come in.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use crate::model::idea::IdeaKey;
use crate::model::slug::slug;

/// One thing that needs a page: its key, and the slug its name starts from.
pub struct Wanted {
    pub key: String,
    pub slug: String,
}

impl Wanted {
    pub fn new(key: impl Into<String>, slug: String) -> Wanted {
        Wanted {
            key: key.into(),
            slug,
        }
    }

    /// Whether the key is its own slug: it keeps the plain name in a clash.
    fn is_plain(&self) -> bool {
        self.key == self.slug
    }
}

/// The file stem (the name without `.html`) of each key of one folder.
#[derive(Debug, Default)]
pub struct Names {
    by_key: HashMap<String, String>,
}

impl Names {
    /// Names for `wanted`, none of them one of `reserved` (the folder's own
    /// pages, such as `index`).
    pub fn assign(wanted: Vec<Wanted>, reserved: &[&str]) -> Names {
        let mut by_slug: BTreeMap<&str, Vec<&Wanted>> = BTreeMap::new();
        for item in &wanted {
            by_slug.entry(&item.slug).or_default().push(item);
        }
        let mut taken: BTreeSet<String> = reserved.iter().map(|r| r.to_string()).collect();
        let mut plain = Vec::new();
        let mut checked = Vec::new();
        for (slug, items) in &by_slug {
            let keeper = plain_owner(items, taken.contains(*slug));
            for (n, item) in items.iter().enumerate() {
                let name = match keeper == Some(n) {
                    true => slug.to_string(),
                    false => format!("{slug}-{}", short_sum(&item.key)),
                };
                match keeper == Some(n) {
                    true => plain.push((item.key.clone(), name)),
                    false => checked.push((item.key.clone(), name)),
                }
            }
        }
        taken.extend(plain.iter().map(|(_, name)| name.clone()));
        // A checksum that happens to give a name already taken is numbered
        // on, in the order of the keys: the two would have to clash first.
        checked.sort();
        for (_, name) in &mut checked {
            let mut candidate = name.clone();
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{name}-{n}");
                n += 1;
            }
            taken.insert(candidate.clone());
            *name = candidate;
        }
        Names {
            by_key: plain.into_iter().chain(checked).collect(),
        }
    }

    /// The file stem of `key`, if it has a page.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(String::as_str)
    }
}

/// Which of the things that give one slug keeps it plain: the only one, or
/// the only one whose key is the slug; none when the slug is reserved.
fn plain_owner(items: &[&Wanted], reserved: bool) -> Option<usize> {
    if reserved {
        return None;
    }
    if items.len() == 1 {
        return Some(0);
    }
    let mut owners = items.iter().enumerate().filter(|(_, i)| i.is_plain());
    match (owners.next(), owners.next()) {
        (Some((n, _)), None) => Some(n),
        _ => None,
    }
}

/// A tag's slug: each part of `mobile/app` slugged and joined by `--`,
/// which no slug holds, so that `mobile/app` and `mobile-app` differ.
pub fn tag_slug(tag: &str) -> String {
    tag.split('/').map(slug).collect::<Vec<_>>().join("--")
}

/// The first six hexadecimal digits of a 64-bit FNV-1a sum of `key`: the
/// same on every machine and every run, as a file name must be.
fn short_sum(key: &str) -> String {
    let mut sum: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        sum ^= u64::from(byte);
        sum = sum.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:06x}", sum >> 40)
}

/// An entry's slug: its file's name, dated when the name is not.
pub fn entry_slug(stem: &str, date: Date) -> String {
    let stem_slug = slug(stem);
    let day = date.to_string();
    match stem_slug.starts_with(&day) {
        true => stem_slug,
        false => format!("{day}-{stem_slug}"),
    }
}

/// What tells an idea from the others: its id, or its title in lowercase words.
pub fn idea_key_text(key: &IdeaKey) -> String {
    match key {
        IdeaKey::Id(id) => id.to_string(),
        // Kept apart from the ids, which are typed freely.
        IdeaKey::Title(title) => format!("\u{0}{title}"),
    }
}

pub fn idea_slug(key: &IdeaKey) -> String {
    match key {
        IdeaKey::Id(id) => slug(id),
        IdeaKey::Title(title) => slug(title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn names(keys: &[(&str, &str)], reserved: &[&str]) -> Vec<(String, String)> {
        let wanted = keys
            .iter()
            .map(|(key, slug)| Wanted::new(*key, slug.to_string()))
            .collect();
        let names = Names::assign(wanted, reserved);
        keys.iter()
            .map(|(key, _)| (key.to_string(), names.get(key).unwrap().to_string()))
            .collect()
    }

    #[test]
    fn a_slug_of_its_own_is_the_name() {
        assert_eq!(
            names(&[("Wayne Shurts", "wayne-shurts"), ("ann", "ann")], &[]),
            [
                ("Wayne Shurts".into(), "wayne-shurts".into()),
                ("ann".into(), "ann".into())
            ]
        );
    }

    #[test]
    fn a_clash_gives_checksums_but_to_the_key_that_is_its_slug() {
        let found = names(
            &[("café", "cafe"), ("cafe", "cafe"), ("Café!", "cafe")],
            &[],
        );
        assert_eq!(found[1].1, "cafe");
        assert!(
            found[0].1.starts_with("cafe-") && found[0].1.len() == 11,
            "{found:?}"
        );
        assert_ne!(found[0].1, found[2].1);
        // The same keys in another order get the same names.
        let again = names(
            &[("Café!", "cafe"), ("cafe", "cafe"), ("café", "cafe")],
            &[],
        );
        assert_eq!(again[2], found[0]);
    }

    #[test]
    fn reserved_names_are_never_given() {
        let found = names(&[("index", "index"), ("2026", "2026")], &["index", "2026"]);
        assert!(
            found
                .iter()
                .all(|(key, name)| name.starts_with(&format!("{key}-"))
                    && name.len() == key.len() + 7),
            "{found:?}"
        );
    }

    #[test]
    fn tags_keep_their_parts_apart() {
        assert_eq!(tag_slug("mobile/app"), "mobile--app");
        assert_eq!(tag_slug("mobile-app"), "mobile-app");
        assert_eq!(tag_slug("Kundtjänst/Väntetid"), "kundtjanst--vantetid");
    }

    #[test]
    fn an_entry_page_is_named_by_its_file_and_dated() {
        let day = date(2026, 11, 17);
        assert_eq!(
            entry_slug("2026-11-17-jewel-osco-chicago", day),
            "2026-11-17-jewel-osco-chicago"
        );
        assert_eq!(entry_slug("Visit notes", day), "2026-11-17-visit-notes");
    }
}
