//! Lenient conversions from YAML nodes to the journal's field types. A journal is
//! typed by hand, so a single string stands for a one-item list, and numbers or
//! booleans stand for their text where text is expected.

use crate::parse::yaml::Node;

/// Text: a string, or a number or boolean taken as written.
pub fn text<'n>(node: &'n Node) -> Result<&'n str, String> {
    node.scalar_text()
        .ok_or_else(|| format!("expected text, found {}", node.type_name()))
}

/// Optional text, trimmed: missing or null is `None`; an empty string is `None` too.
pub fn optional_text<'n>(node: Option<&'n Node>) -> Result<Option<&'n str>, String> {
    match node {
        None | Some(Node::Null) => Ok(None),
        Some(node) => text(node).map(|s| {
            let s = s.trim();
            (!s.is_empty()).then_some(s)
        }),
    }
}

/// [`optional_text`], as a `String` to keep.
pub fn optional_string(node: Option<&Node>) -> Result<Option<String>, String> {
    Ok(optional_text(node)?.map(str::to_string))
}

/// [`text_list`], as `String`s to keep.
pub fn string_list(node: Option<&Node>) -> Result<Vec<String>, String> {
    Ok(text_list(node)?.into_iter().map(str::to_string).collect())
}

/// A list of text, or one text standing for a list of one. Null is empty.
pub fn text_list<'n>(node: Option<&'n Node>) -> Result<Vec<&'n str>, String> {
    match node {
        None | Some(Node::Null) => Ok(Vec::new()),
        Some(Node::Seq(items)) => items
            .iter()
            .filter(|item| **item != Node::Null)
            .map(|item| {
                text(item).map_err(|_| {
                    format!("expected a list of text, found {} in it", item.type_name())
                })
            })
            .collect(),
        Some(node) => text(node)
            .map(|s| vec![s])
            .map_err(|_| format!("expected a list of text, found {}", node.type_name())),
    }
}

/// `true` or `false` (in any case), as YAML writes a yes or no; missing or
/// null is `false`.
pub fn flag(node: Option<&Node>) -> Result<bool, String> {
    match node {
        None | Some(Node::Null) => Ok(false),
        Some(Node::Str(s)) if s.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(Node::Str(s)) if s.trim().eq_ignore_ascii_case("false") => Ok(false),
        Some(other) => Err(format!(
            "expected true or false, found {}",
            match other {
                Node::Str(s) => format!("`{s}`"),
                other => other.type_name().to_string(),
            }
        )),
    }
}

/// A number that is not negative.
pub fn non_negative(node: &Node) -> Result<f64, String> {
    let text = match node {
        Node::Str(s) => s.trim(),
        other => return Err(format!("expected a number, found {}", other.type_name())),
    };
    let value = decimal(text).ok_or_else(|| {
        if text.contains(|c: char| c.is_ascii_digit()) {
            format!(
                "expected a number, found `{text}`: write numbers in plain decimal digits, such as 1000 or 7.5"
            )
        } else {
            format!("expected a number, found text `{text}`")
        }
    })?;
    if value >= 0.0 {
        Ok(value)
    } else {
        Err(format!("expected a number of 0 or more, found {text}"))
    }
}

/// The one rule for numbers in a journal: decimal digits with an optional
/// sign and an optional point, such as `12`, `-3`, `7.5` or `.5`. Not YAML
/// 1.1's `1_000` or `0b101`, not hexadecimal or octal, not `1e3`: a count
/// typed by hand is written the way people write counts.
pub fn decimal(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let plain =
        !(whole.is_empty() && fraction.is_empty()) && all_digits(whole) && all_digits(fraction);
    if !plain {
        return None;
    }
    // Most numbers in a journal are small counts: whole numbers of up to 15
    // digits are exact as f64, and summing their digits is much cheaper
    // than parsing a float.
    if text.len() <= 15 && fraction.is_empty() && whole.len() == text.len() {
        let value = whole
            .bytes()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        return Some(value as f64);
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whole numbers take a shortcut; it gives what parsing gives.
        #[test]
        fn whole_numbers_are_what_parsing_gives(text in "[+-]?[0-9]{0,17}(\\.[0-9]{0,3})?") {
            let parsed = text.parse::<f64>().ok().filter(|v| v.is_finite());
            proptest::prop_assert_eq!(decimal(&text), parsed, "{}", text);
        }
    }

    #[test]
    fn one_string_is_a_list_of_one() {
        assert_eq!(text_list(Some(&Node::Str("a".into()))), Ok(vec!["a"]));
        assert_eq!(text_list(None), Ok(vec![]));
    }

    #[test]
    fn lists_of_mappings_are_rejected() {
        let node = Node::Seq(vec![Node::Map(vec![])]);
        assert_eq!(
            text_list(Some(&node)),
            Err("expected a list of text, found a mapping in it".into())
        );
    }

    #[test]
    fn numbers_must_be_non_negative() {
        let number = |text: &str| non_negative(&Node::Str(text.into()));
        assert_eq!(number("3"), Ok(3.0));
        assert_eq!(number("1.5"), Ok(1.5));
        assert_eq!(number(".5"), Ok(0.5));
        assert_eq!(number("7."), Ok(7.0));
        assert_eq!(
            number("-1"),
            Err("expected a number of 0 or more, found -1".into())
        );
        assert_eq!(
            number("lots"),
            Err("expected a number, found text `lots`".into())
        );
        for not_decimal in [
            "1_000", "0b101", "0x10", "0o7", "1e3", "1,000", "NaN", "inf", ".", "",
        ] {
            assert!(number(not_decimal).is_err(), "{not_decimal}");
        }
        assert_eq!(
            number("1_000"),
            Err("expected a number, found `1_000`: write numbers in plain decimal digits, such as 1000 or 7.5".into())
        );
    }
}
