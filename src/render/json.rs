//! JSON and JSON Lines, with every control character escaped.

use serde::Serialize;

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Our records hold only strings, numbers, lists and maps with string keys,
    // which serde_json always serializes.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    escape_json_controls(text)
}

/// One compact JSON object per line.
pub fn json_lines<T: Serialize>(values: &[T]) -> String {
    let mut out = String::new();
    for value in values {
        out.push_str(&serde_json::to_string(value).unwrap_or_default());
        out.push('\n');
    }
    escape_json_controls(out)
}

/// JSON with DEL, the C1 control characters and the direction marks
/// written as `\u007f` … `\u009f`, `\u202e`, as serde_json already writes
/// the other controls: the same JSON, and safe on a terminal. Outside strings JSON has only ASCII punctuation, so
/// every such character is in a string.
fn escape_json_controls(json: String) -> String {
    if !json.chars().any(left_raw_by_json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if left_raw_by_json(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// DEL and the C1 control characters, the controls JSON leaves unescaped,
/// and the marks that turn text around.
fn left_raw_by_json(c: char) -> bool {
    (c.is_control() && c as u32 >= 0x7f) || super::escape::is_bidi_control(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            json(&["\x1b\u{9b}\x7f é"]),
            "[\n  \"\\u001b\\u009b\\u007f é\"\n]\n"
        );
    }
}
