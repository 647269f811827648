//! File-name slugs: lowercase ASCII letters and digits joined by `-`.

const MAX_LEN: usize = 60;

/// `Cub Foods, Minneapolis` → `cub-foods-minneapolis`; `Åhléns City` → `ahlens-city`;
/// `東京` → `dong-jing`. Every script is transliterated to ASCII (by `deunicode`),
/// so that a file name says where the visit was; an empty result is `entry`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let ascii = deunicode::deunicode_with_tofu(text, " ");
    for c in ascii.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut slug = out.trim_end_matches('-').to_string();
    if slug.len() > MAX_LEN {
        slug.truncate(MAX_LEN);
        // Cut at a word boundary when there is one.
        if let Some(cut) = slug.rfind('-') {
            slug.truncate(cut);
        }
    }
    if slug.is_empty() {
        "entry".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Cub Foods, Minneapolis"), "cub-foods-minneapolis");
        assert_eq!(slug("Tower One: floor 12"), "tower-one-floor-12");
        assert_eq!(slug("#1 Store"), "1-store");
        assert_eq!(slug("Åhléns City, Göteborg"), "ahlens-city-goteborg");
        assert_eq!(slug("Straße"), "strasse");
        assert_eq!(slug("東京"), "dong-jing");
        assert_eq!(slug("Москва, ГУМ"), "moskva-gum");
        assert_eq!(slug("Αθήνα"), "athena");
        assert_eq!(slug("\u{E000}"), "entry");
        assert_eq!(slug("--"), "entry");
    }

    #[test]
    fn long_sites_are_cut_at_a_word() {
        let s = slug(&"word ".repeat(30));
        assert!(s.len() <= MAX_LEN && s.ends_with("word"), "{s}");
    }
}
