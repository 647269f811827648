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

use std::borrow::Cow;
use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::model::idea::IdeaKey;
use crate::model::slug::slug;

/// One thing that needs a page: its key, and the slug its name starts from.
pub struct Wanted<'k> {
    pub key: Cow<'k, str>,
    pub slug: String,
}

impl<'k> Wanted<'k> {
    pub fn new(key: impl Into<Cow<'k, str>>, slug: String) -> Wanted<'k> {
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

/// The file stem (the name without `.html`) of each page of one folder, in
/// the order they were wanted in. A list, not a map by key: a journal of
/// 100,000 entries would hold every key twice.
#[derive(Debug, Default)]
pub struct Names {
    stems: Vec<String>,
}

impl Names {
    /// Names for `wanted`, none of them one of `reserved` (the folder's own
    /// pages, such as `index`).
    pub fn assign(wanted: Vec<Wanted>, reserved: &[&str]) -> Names {
        // The places of the wanted by slug: those that give one slug side by side.
        let mut by_slug: Vec<usize> = (0..wanted.len()).collect();
        by_slug.sort_by(|&a, &b| wanted[a].slug.cmp(&wanted[b].slug));
        let mut plain = vec![false; wanted.len()];
        let mut checked: Vec<(usize, String)> = Vec::new();
        for group in by_slug.chunk_by(|&a, &b| wanted[a].slug == wanted[b].slug) {
            let slug = &wanted[group[0]].slug;
            let keeper = plain_owner(group, &wanted, reserved.contains(&slug.as_str()));
            for (n, &place) in group.iter().enumerate() {
                match keeper == Some(n) {
                    true => plain[place] = true,
                    false => {
                        checked.push((place, format!("{slug}-{}", short_sum(&wanted[place].key))))
                    }
                }
            }
        }
        let is_plain_name = |name: &str| {
            let first = by_slug.partition_point(|&n| wanted[n].slug.as_str() < name);
            by_slug[first..]
                .iter()
                .take_while(|&&n| wanted[n].slug == name)
                .any(|&n| plain[n])
        };
        // A checksum that happens to give a name already taken is numbered
        // on, in the order of the keys: the two would have to clash first.
        checked.sort_by(|(a, a_name), (b, b_name)| {
            (&wanted[*a].key, a_name).cmp(&(&wanted[*b].key, b_name))
        });
        let mut taken: BTreeSet<String> = reserved.iter().map(|r| r.to_string()).collect();
        let mut resolved: Vec<(usize, String)> = Vec::with_capacity(checked.len());
        for (place, name) in checked {
            let mut candidate = name.clone();
            let mut n = 2;
            while taken.contains(&candidate) || is_plain_name(&candidate) {
                candidate = format!("{name}-{n}");
                n += 1;
            }
            taken.insert(candidate.clone());
            resolved.push((place, candidate));
        }
        // Every place starts with its slug; those not plain get their name.
        let mut stems: Vec<String> = wanted.into_iter().map(|item| item.slug).collect();
        for (place, name) in resolved {
            stems[place] = name;
        }
        Names { stems }
    }

    /// The file stem of the `n`th thing wanted.
    pub fn get(&self, n: usize) -> Option<&str> {
        self.stems.get(n).map(String::as_str)
    }
}

/// Which of the things that give one slug (their places in `wanted`) keeps
/// it plain: the only one, or the only one whose key is the slug; none when
/// the slug is reserved.
fn plain_owner(group: &[usize], wanted: &[Wanted], reserved: bool) -> Option<usize> {
    if reserved {
        return None;
    }
    if group.len() == 1 {
        return Some(0);
    }
    let mut owners = group
        .iter()
        .enumerate()
        .filter(|(_, n)| wanted[**n].is_plain());
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
            .enumerate()
            .map(|(n, (key, _))| (key.to_string(), names.get(n).unwrap().to_string()))
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
