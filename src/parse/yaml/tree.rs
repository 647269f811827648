//! The tree every reader of YAML gives, and its error.

use std::borrow::Cow;
use std::fmt;

/// A parsed YAML value, reduced to what the journal format needs. Scalars
/// keep the text they were written with: whether `12` is a number is for the
/// field that reads it to say. Text that the YAML holds as written is
/// borrowed from it (the fast path's scalars); the full reader's is owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// Nothing: an empty value, `~` or `null` (unquoted).
    Null,
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// Keys in document order, merge keys applied. Non-text keys are named by their type.
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The name of this value's type, for error messages ("expected a list, found text").
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }

    /// A scalar's text, as written. `None` for null, lists and mappings.
    pub fn scalar_text(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            Node::Null | Node::Seq(_) | Node::Map(_) => None,
        }
    }

    /// Looks a key up in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// How many nodes this one is made of, itself included.
    pub fn size(&self) -> usize {
        1 + match self {
            Node::Null | Node::Str(_) => 0,
            Node::Seq(items) => items.iter().map(Node::size).sum(),
            Node::Map(pairs) => pairs.iter().map(|(_, v)| v.size()).sum(),
        }
    }
}

/// A YAML syntax or structure error, located in the YAML text (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What to do about it.
    pub hint: &'static str,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Rewords the parser's terse messages and gives each a hint.
pub fn explain(error: &mut YamlError) {
    let message = error.message.as_str();
    let (message, hint) = if message.contains("expected ',' or ']'") {
        (
            "expected ',' or ']' (check indentation and quoting)".to_string(),
            "close the list with `]`, and quote items that contain `,` or `: `",
        )
    } else if message.contains("expected ',' or '}'") {
        (
            "expected ',' or '}' (check indentation and quoting)".to_string(),
            "close the mapping with `}`, and quote values that contain `,` or `: `",
        )
    } else if message.contains("end of stream") || message == "unexpected eof" {
        (
            "a quote or bracket opened here is never closed".to_string(),
            "close it on the same line, e.g. `site: 'Tower One: floor 12'`",
        )
    } else if message.contains("unprintable character") {
        (
            "a control character (such as NUL) that YAML does not allow".to_string(),
            "remove it; an editor may show it as `^@` or not at all",
        )
    } else if message
        .split(' ')
        .any(|word| word == "tab" || word == "tabs")
    {
        (
            "a tab where YAML allows only spaces".to_string(),
            "indent with spaces, and quote a value that starts with a tab",
        )
    } else if message.contains("mapping values are not allowed") {
        (
            "a `: ` inside a value makes it look like another key".to_string(),
            "quote the value, e.g. `site: 'Tower One: floor 12'`",
        )
    } else if message == "repetition limit exceeded" {
        (
            "too many aliases expand here (a YAML \"billion laughs\" document?); \
             the front matter was not read"
                .to_string(),
            error.hint,
        )
    } else if message == "recursion limit exceeded" {
        (
            "lists or mappings are nested too deeply here to be front matter".to_string(),
            error.hint,
        )
    } else {
        let plain = message
            .trim_start_matches("while parsing ")
            .trim_start_matches("while scanning ");
        (plain.to_string(), error.hint)
    };
    error.message = message;
    error.hint = hint;
}
