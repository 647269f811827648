//! The language a customer's words were written in, when it is evident, so
//! that the page can mark them with `lang`: a browser then picks the right
//! quotation marks and glyph forms (Chinese rather than Japanese characters),
//! and a screen reader the right voice.
//!
//! Evident means: a script that belongs to one language (kana, hangul, or Han
//! characters without kana), or, for Latin letters, several of one language's
//! commonest short words and clearly fewer of any other's. Anything less is
//! left unmarked and reads as the page's own language.

/// The page's language; text in it needs no mark.
pub const PAGE: &str = "en";

/// Short, frequent words that are rare in the other languages listed.
const WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "is", "are", "was", "were", "of", "to", "you", "it", "that", "this",
            "with", "have", "what", "they", "my", "but", "can", "there", "when", "would", "could",
            "our", "your", "we", "not", "never", "anything",
        ],
    ),
    (
        "de",
        &[
            "der", "das", "und", "ist", "nicht", "ich", "ein", "eine", "einen", "mit", "auf",
            "auch", "habe", "haben", "wir", "sie", "im", "zu", "dem", "mein", "meine", "immer",
            "aber", "wie", "noch", "nur", "für", "schon", "wenn", "kann", "wird", "sind", "dass",
            "bei",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "niet", "ik", "van", "wij", "zijn", "maar", "ook", "voor", "op", "naar",
            "geen", "heb", "hebben", "kunnen", "moet", "deze", "wordt", "omdat",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "är", "jag", "inte", "för", "på", "av", "till", "här", "skulle", "som",
            "samma", "låt", "kunde", "också", "vad", "så", "när", "hon", "varför", "eller", "bara",
            "vill", "inne", "går",
        ],
    ),
    (
        "da",
        &[
            "og", "ikke", "jeg", "af", "også", "hvad", "hvor", "være", "når", "til", "er", "vil",
            "skal", "hvis", "kun", "meget",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "et", "est", "je", "ne", "pas", "une", "des", "du", "qui", "dans", "avec",
            "sur", "nous", "vous", "mais", "ce", "elle", "très", "ça", "sont", "être", "au", "aux",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "es", "por", "para", "muy", "pero", "está", "estoy", "yo",
            "del", "lo", "más", "también", "cuando", "porque", "hay",
        ],
    ),
    (
        "it",
        &[
            "il", "gli", "di", "che", "è", "sono", "anche", "io", "questo", "questa", "molto",
            "perché", "ho", "della", "nel", "alla", "essere", "ci",
        ],
    ),
    (
        "pt",
        &[
            "os", "não", "um", "uma", "do", "da", "em", "com", "mas", "eu", "muito", "você",
            "isso", "são", "ao", "minha", "meu", "já", "nós",
        ],
    ),
];

/// The language of `text` when it is evident and differs from the page's.
pub fn marked(text: &str) -> Option<&'static str> {
    language_of(text).filter(|lang| *lang != PAGE)
}

/// The language of `text` when it is evident (see the module's comment).
pub fn language_of(text: &str) -> Option<&'static str> {
    by_script(text).or_else(|| by_words(text))
}

fn by_script(text: &str) -> Option<&'static str> {
    let (mut letters, mut kana, mut hangul, mut han) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF | 0x31F0..=0x31FF => kana += 1,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => hangul += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => han += 1,
            _ => {}
        }
    }
    // A Latin sentence naming one Chinese place is still that sentence's language.
    let most = |count: usize| count > 0 && count * 2 >= letters;
    if kana > 0 && most(kana + han) {
        Some("ja")
    } else if most(hangul + han) && hangul > 0 {
        Some("ko")
    } else if most(han) {
        Some("zh")
    } else {
        None
    }
}

fn by_words(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let mut counts: Vec<(usize, &'static str)> = WORDS
        .iter()
        .map(|(lang, list)| (words.iter().filter(|w| list.contains(w)).count(), *lang))
        .collect();
    counts.sort_by_key(|(count, _)| std::cmp::Reverse(*count));
    let (best, lang) = counts[0];
    let runner_up = counts[1].0;
    (best >= 2 && best >= 2 * runner_up).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_name_their_language() {
        assert_eq!(
            language_of("我们要向监管部门解释这些趋势,可是一半的数据在你们那里。"),
            Some("zh")
        );
        assert_eq!(language_of("店内で迷ってしまいます。"), Some("ja"));
        assert_eq!(language_of("매장에서 길을 잃어요"), Some("ko"));
    }

    #[test]
    fn common_words_name_a_latin_language() {
        assert_eq!(
            language_of(
                "Kartan på hemsidan är jättebra för att hitta hit, men här inne går jag vilse."
            ),
            Some("sv")
        );
        assert_eq!(
            language_of("Einen Computer habe ich im Laden nicht. Mein Handy habe ich immer dabei."),
            Some("de")
        );
        assert_eq!(
            language_of(
                "I love the store locator on the web, but in here I can never find anything."
            ),
            Some("en")
        );
        assert_eq!(
            language_of("Je ne trouve jamais les promotions dans le magasin."),
            Some("fr")
        );
        assert_eq!(
            language_of("Jeg kan ikke finde varerne, og personalet ved det ikke."),
            Some("da")
        );
    }

    #[test]
    fn little_evidence_marks_nothing() {
        assert_eq!(language_of("Great!"), None);
        assert_eq!(language_of("Sandvik Coromant, Göteborg"), None);
        assert_eq!(language_of(""), None);
        // One Chinese name in an English sentence leaves it English.
        assert_eq!(
            language_of("We met the team from 深圳 at the fair and they were keen."),
            Some("en")
        );
    }

    #[test]
    fn the_page_language_needs_no_mark() {
        assert_eq!(
            marked("The app said one price and the sign says another."),
            None
        );
        assert_eq!(
            marked("Mein Handy habe ich immer dabei, auch in der Pause."),
            Some("de")
        );
    }
}
