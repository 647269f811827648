//! Lenient conversions from YAML nodes to the journal's field types. A journal is
//! typed by hand, so a single string stands for a one-item list, and numbers or
//! booleans stand for their text where text is expected.

use crate::yaml::Node;

/// Text: a string, or a number or boolean taken as written.
pub fn text(node: &Node) -> Result<String, String> {
    node.scalar_text()
        .ok_or_else(|| format!("expected text, found {}", node.type_name()))
}

/// Optional text: missing or null is `None`; an empty string is `None` too.
pub fn optional_text(node: Option<&Node>) -> Result<Option<String>, String> {
    match node {
        None | Some(Node::Null) => Ok(None),
        Some(node) => text(node).map(|s| {
            let s = s.trim().to_string();
            (!s.is_empty()).then_some(s)
        }),
    }
}

/// A list of text, or one text standing for a list of one. Null is empty.
pub fn text_list(node: Option<&Node>) -> Result<Vec<String>, String> {
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

/// A number that is not negative.
pub fn non_negative(node: &Node) -> Result<f64, String> {
    let value = match node {
        Node::Int(i) => *i as f64,
        Node::Float(f) => *f,
        Node::Str(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("expected a number, found text `{s}`"))?,
        other => return Err(format!("expected a number, found {}", other.type_name())),
    };
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(format!("expected a number of 0 or more, found {value}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_string_is_a_list_of_one() {
        assert_eq!(
            text_list(Some(&Node::Str("a".into()))),
            Ok(vec!["a".into()])
        );
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
        assert_eq!(non_negative(&Node::Int(3)), Ok(3.0));
        assert_eq!(non_negative(&Node::Str("1.5".into())), Ok(1.5));
        assert!(non_negative(&Node::Int(-1)).is_err());
        assert!(non_negative(&Node::Float(f64::NAN)).is_err());
        assert!(non_negative(&Node::Str("lots".into())).is_err());
    }
}
