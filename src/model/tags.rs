//! What a tag is: case-insensitive text whose `/` makes a hierarchy, so that
//! `Mobile/App` is also `mobile`. Every command matches tags through here.

use std::collections::HashMap;

use crate::model::text::{ByCopy, Text};

/// The canonical form of a tag as typed: trimmed, lowercase, no trailing `/`.
/// Whether `tag` is well made: names joined by `/`, none of them empty
/// (`/app`, `mobile/` and `mobile//app` are not). Else, what it was most
/// likely meant as: its names joined again (`mobile`, `mobile/app`).
pub fn well_made(tag: &str) -> Result<(), String> {
    if !tag.split('/').any(|part| part.trim().is_empty()) {
        return Ok(());
    }
    let names: Vec<&str> = tag.split('/').filter(|p| !p.trim().is_empty()).collect();
    Err(names.join("/"))
}

pub fn normalize(tag: &str) -> String {
    tag.trim().trim_end_matches('/').to_lowercase()
}

/// Whether `tag` is `wanted` or below it (`mobile/app` is under `mobile`),
/// comparing each `/`-separated part without regard to case.
pub fn is_under(tag: &str, wanted: &str) -> bool {
    let wanted = wanted.trim_end_matches('/');
    if tag.is_ascii() && wanted.is_ascii() {
        // Then `/` matches only `/`: part by part is a prefix that ends
        // where a part of the tag ends. Every command filters with this, on
        // each tag of each entry.
        let (tag, wanted) = (tag.as_bytes(), wanted.as_bytes());
        return tag.len() >= wanted.len()
            && tag[..wanted.len()].eq_ignore_ascii_case(wanted)
            && tag.get(wanted.len()).is_none_or(|&next| next == b'/');
    }
    is_under_part_by_part(tag, wanted)
}

fn is_under_part_by_part(tag: &str, wanted: &str) -> bool {
    let mut parts = tag.split('/');
    wanted
        .split('/')
        .all(|w| parts.next().is_some_and(|t| same_ignoring_case(t, w)))
}

/// Whether two texts are equal once lowercased; without making the
/// lowercase copies when both are ASCII, as tags nearly always are. (Only
/// then: the Kelvin sign lowercases to an ASCII `k`.)
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// A tag and every tag above it, lowercased: `Mobile/App` → `mobile`, `mobile/app`.
pub fn with_parents(tag: &str) -> Vec<String> {
    let tag = normalize(tag);
    let mut all: Vec<String> = tag
        .match_indices('/')
        .map(|(i, _)| tag[..i].to_string())
        .collect();
    all.push(tag);
    all
}

/// `tag` with `old` (or the part of it that is `old`) renamed to `new`; the
/// parts below keep their spelling. `None` when `tag` is not under `old`.
pub fn renamed(tag: &str, old: &str, new: &str) -> Option<String> {
    // `Mobile/` is the tag `Mobile`.
    let tag = tag.trim_end_matches('/');
    if !is_under(tag, old) {
        return None;
    }
    // Renaming into a child (`mobile` to `mobile/app`) moves only `mobile`
    // itself: the tags already below it stay where they are.
    if is_under(new, old) && normalize(tag) != normalize(old) {
        return None;
    }
    let depth = old.trim_end_matches('/').split('/').count();
    let below: Vec<&str> = tag.split('/').skip(depth).collect();
    let new = new.trim_end_matches('/');
    Some(if below.is_empty() {
        new.to_string()
    } else {
        format!("{new}/{}", below.join("/"))
    })
}

/// Numbers for tags by the names `names_of` gives each (its normalized
/// form, or that and its parents), worked out once per copy of a tag (see
/// [`ByCopy`]): an entry is then counted by numbers, without hashing a tag.
pub struct TagNumbers {
    names_of: fn(&str) -> Vec<String>,
    of_text: ByCopy<Text, Vec<usize>>,
    number_of_name: HashMap<String, usize>,
    names: Vec<String>,
}

impl TagNumbers {
    pub fn new(names_of: fn(&str) -> Vec<String>) -> TagNumbers {
        TagNumbers {
            names_of,
            of_text: ByCopy::default(),
            number_of_name: HashMap::new(),
            names: Vec::new(),
        }
    }

    /// The numbers of the names of `tag`.
    pub fn of(&mut self, tag: &Text) -> &[usize] {
        let (number_of_name, names) = (&mut self.number_of_name, &mut self.names);
        let names_of = self.names_of;
        self.of_text.get_or_insert_with(tag, |tag| {
            let number = |name: String| {
                *number_of_name.entry(name).or_insert_with_key(|name| {
                    names.push(name.clone());
                    names.len() - 1
                })
            };
            names_of(tag).into_iter().map(number).collect()
        })
    }

    /// How many names have a number.
    pub fn count(&self) -> usize {
        self.names.len()
    }

    /// The names, by number.
    pub fn into_names(self) -> Vec<String> {
        self.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under() {
        assert!(is_under("Mobile/App", "mobile"));
        assert!(is_under("mobile", "MOBILE/"));
        assert!(is_under("mobile/app", "mobile/app"));
        assert!(!is_under("mobilepay", "mobile"));
        assert!(!is_under("mobile", "mobile/app"));
        assert!(is_under("İstanbul", "i̇stanbul"));
        assert!(is_under("\u{212A}iosk", "kiosk"));
        assert!(!is_under("kiosk", "kiosks"));
    }

    proptest::proptest! {
        #[test]
        fn ascii_tags_match_as_they_do_part_by_part(
            tag in "[aAbB/é-]{0,8}",
            wanted in "[aAbB/é-]{0,6}",
        ) {
            let wanted_trimmed = wanted.trim_end_matches('/');
            proptest::prop_assert_eq!(
                is_under(&tag, &wanted),
                is_under_part_by_part(&tag, wanted_trimmed)
            );
        }
    }

    #[test]
    fn parents() {
        assert_eq!(
            with_parents("Mobile/App/iOS"),
            ["mobile", "mobile/app", "mobile/app/ios"]
        );
        assert_eq!(with_parents("pricing"), ["pricing"]);
    }

    #[test]
    fn renaming_keeps_the_parts_below() {
        assert_eq!(
            renamed("Mobile", "mobile", "handheld").as_deref(),
            Some("handheld")
        );
        assert_eq!(
            renamed("mobile/App", "mobile", "handheld/").as_deref(),
            Some("handheld/App")
        );
        assert_eq!(
            renamed("mobile/app/x", "mobile/app", "apps").as_deref(),
            Some("apps/x")
        );
        assert_eq!(renamed("mobiles", "mobile", "handheld"), None);
        assert_eq!(
            renamed("İstanbul", "i̇stanbul", "ist").as_deref(),
            Some("ist")
        );
        assert_eq!(renamed("åäö", "å", "a"), None);
        assert_eq!(
            renamed("Mobile/", "mobile", "handheld").as_deref(),
            Some("handheld")
        );
        assert_eq!(
            renamed("mobile", "mobile", "mobile/app").as_deref(),
            Some("mobile/app")
        );
        assert_eq!(renamed("mobile/app", "mobile", "mobile/app"), None);
    }
}
