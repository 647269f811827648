//! Text folded for matching what people type against what they wrote: case
//! and the accents of Latin letters do not count, so `--person tomas` finds
//! Tomás and `--site zurich` finds Zürich.

use std::borrow::Cow;

/// `Tomás` → `tomas`, `ZÜRICH` → `zurich`, `Straße` → `strasse`, `Łódź` → `lodz`.
/// Letters of other scripts are only lowercased: transliterating them (as file
/// names do) would have `京` match the `jing` of English text.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase() {
            if is_combining_accent(c) {
                // Text typed as a letter followed by its accent (decomposed): drop the accent.
                continue;
            }
            match is_latin_letter(c)
                .then(|| deunicode::deunicode_char(c))
                .flatten()
            {
                Some(ascii) => folded.extend(ascii.chars().map(|a| a.to_ascii_lowercase())),
                None => folded.push(c),
            }
        }
    }
    Cow::Owned(folded)
}

/// Whether `haystack` contains `needle`, both folded.
pub fn contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(fold(needle).as_ref())
}

/// Latin letters beyond ASCII: Latin-1, Latin Extended-A and -B, Latin Extended Additional.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

fn is_combining_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_do_not_count() {
        assert_eq!(fold("Tomás Šimek"), "tomas simek");
        assert_eq!(fold("ZÜRICH"), "zurich");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Ærøskøbing"), "aeroskobing");
        assert_eq!(fold("Crème brûlée"), "creme brulee");
        // A decomposed é (e + combining acute) folds the same as the composed one.
        assert_eq!(fold("Jose\u{301}"), "jose");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn other_scripts_are_only_lowercased() {
        assert_eq!(fold("東京 Store"), "東京 store");
        assert_eq!(fold("МОСКВА"), "москва");
        assert!(!contains("Beijing office", "京"));
    }

    #[test]
    fn matching_works_both_ways() {
        assert!(contains("Zürich HB", "zurich"));
        assert!(contains("Zurich HB", "Zürich"));
        assert!(contains("Tomás Šimek", "tomas"));
        assert!(contains("東京 Store", "東京"));
        assert!(!contains("Tomás", "thomas"));
    }
}
