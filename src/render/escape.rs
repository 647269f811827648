//! The one rule for what insight prints to a terminal: text from the journal
//! never reaches it raw.

use std::borrow::Cow;

/// `text` safe to show on a terminal: control characters from the journal
/// (an escape byte, a carriage return, a tab, C1 codes) are shown as escapes
/// such as `\x1b`, `\r`, `\t` and `\u{9b}`, so no file can move the cursor,
/// change colours or retitle a terminal; so are the marks that turn the
/// direction of the text after them around (see [`is_bidi_control`]), so no
/// file can make a line read other than it is. Line breaks are kept when
/// `keep_lines`, else shown as `\n`.
pub fn escape_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let escaped = |c: char| (c.is_control() && !(keep_lines && c == '\n')) || is_bidi_control(c);
    // A control character is a byte below 0x20, 0x7f, or 0xc2 then a byte
    // (C1); a direction mark starts with 0xd8 or 0xe2. Text with none of
    // these bytes needs no look at its characters.
    let may_begin_one = |byte: &u8| *byte < 0x20 || matches!(*byte, 0x7f | 0xc2 | 0xd8 | 0xe2);
    if !text.as_bytes().iter().any(may_begin_one) || !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !escaped(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// The marks that change the direction of the text after them: Arabic's
/// letter mark, the left-to-right and right-to-left marks, embeddings,
/// overrides and isolates (as rustc's lint `text_direction_codepoint_in_literal`
/// lists them). Invisible, they can make a line read as other than it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Texts of controls (C0, DEL, C1), line breaks and characters whose
        /// first byte is 0xc2 but are not controls (`£`, no-break space) are
        /// escaped exactly where a character-by-character look says.
        #[test]
        fn escapes_exactly_the_control_characters(
            text in "[a\n\t\r\x1b\x7f\u{85}\u{9b}\u{9f}\u{a0}£é漢“\u{202e}\u{2066}\u{200f}\u{61c}\u{2028}]{0,12}",
            keep_lines in proptest::bool::ANY,
        ) {
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '\n' if keep_lines => "\n".to_string(),
                    '\n' => "\\n".to_string(),
                    '\r' => "\\r".to_string(),
                    '\t' => "\\t".to_string(),
                    c if c.is_control() && (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
                    c if c.is_control() || is_bidi_control(c) => format!("\\u{{{:x}}}", c as u32),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape_controls(&text, keep_lines), expected);
        }
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(escape_controls("plain\ntext", true), "plain\ntext");
        assert_eq!(
            escape_controls("\x1b[31mred\r\t\u{9b}2J\x7f\nnext", true),
            "\\x1b[31mred\\r\\t\\u{9b}2J\\x7f\nnext"
        );
        assert_eq!(escape_controls("a\nb", false), "a\\nb");
    }
}
