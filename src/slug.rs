//! File-name slugs: lowercase ASCII letters and digits joined by `-`.

const MAX_LEN: usize = 60;

/// `Cub Foods, Minneapolis` → `cub-foods-minneapolis`; `Åhléns City` → `ahlens-city`.
/// Letters with no ASCII form (such as Chinese) are dropped; an empty result is `entry`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(fold).chain(std::iter::once(' ')) {
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

/// The ASCII spelling of common accented Latin letters.
fn fold(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            "a"
        }
        'æ' | 'Æ' => "ae",
        'ç' | 'č' | 'ć' | 'Ç' | 'Č' | 'Ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'ń' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'š' | 'ś' | 'Š' => "s",
        'ž' | 'ź' | 'ż' | 'Ž' => "z",
        'ł' | 'Ł' => "l",
        _ => "",
    };
    let keep = folded.is_empty().then_some(c);
    folded.chars().chain(keep)
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
        assert_eq!(slug("呼叫中心"), "entry");
        assert_eq!(slug("--"), "entry");
    }

    #[test]
    fn long_sites_are_cut_at_a_word() {
        let s = slug(&"word ".repeat(30));
        assert!(s.len() <= MAX_LEN && s.ends_with("word"), "{s}");
    }
}
