//! The one module that speaks YAML. Everything else sees [`Node`], a plain tree,
//! so replacing the YAML library touches this folder only.

pub mod scalars;

use std::fmt;

/// A parsed YAML value, reduced to what the journal format needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order. Non-string keys are turned into their text form.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The name of this value's type, for error messages ("expected a list, found a number").
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool(_) => "true/false",
            Node::Int(_) | Node::Float(_) => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }

    /// A scalar as text: strings as they are, numbers and booleans as written.
    /// `None` for null, lists and mappings.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Node::Str(s) => Some(s.clone()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            Node::Null | Node::Seq(_) | Node::Map(_) => None,
        }
    }

    /// Looks a key up in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
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

/// Parses one YAML document. An empty document is `Node::Null`.
///
/// The library bounds recursion depth and alias expansion, so nesting bombs and
/// "billion laughs" documents come back as errors rather than hangs.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(value) => Ok(to_node(value)),
        Err(err) => Err(to_yaml_error(text, &err)),
    }
}

fn to_yaml_error(text: &str, err: &serde_yaml::Error) -> YamlError {
    let (line, column) = err
        .location()
        .map(|loc| (loc.line(), loc.column()))
        .unwrap_or((1, 1));
    let mut error = YamlError {
        line: line.max(1),
        column: column.max(1),
        message: strip_location(&err.to_string()),
        hint: "fix the YAML syntax; quote values that contain `: ` or start with `#`",
    };
    explain(text, &mut error);
    error
}

/// Rewords the library's terse messages, gives each a hint, and moves a duplicate key's error from
/// the start of the mapping to the line where the key is repeated.
fn explain(text: &str, error: &mut YamlError) {
    if let Some(key) = error
        .message
        .strip_prefix("duplicate entry with key ")
        .map(|k| k.trim_matches('"').to_string())
    {
        if let Some(line) = key_lines(text, &key).nth(1) {
            (error.line, error.column) = (line, 1);
        }
        error.message = format!("`{key}` is given twice");
        error.hint = "keep one of them; a key may appear once";
    } else if let Some(number) = too_large_number(&error.message) {
        error.message = format!("the number {number} is too large");
        error.hint = "check the number; counts and hours are far smaller";
    } else if error.message.contains("unexpected end of stream") {
        error.message = "a quote or bracket opened here is never closed".into();
        error.hint = "close it on the same line, e.g. `site: 'Tower One: floor 12'`";
    } else if error.message == "repetition limit exceeded" {
        error.message = "too many aliases expand here (a YAML \"billion laughs\" document?); \
                         the front matter was not read"
            .into();
    } else if error.message == "recursion limit exceeded" {
        error.message = "lists or mappings are nested too deeply here to be front matter".into();
    }
}

/// The library reads integers too large for 64 bits as 128-bit ones, which no
/// YAML value can hold: "invalid type: integer `N` as u128, …".
fn too_large_number(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once("invalid type: integer `")?;
    let (number, tail) = rest.split_once('`')?;
    tail.contains("128").then_some(number)
}

/// The library appends " at line L column C" (sometimes more); we report the
/// position ourselves, in file coordinates, so the suffix would only mislead.
fn strip_location(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    let short = message[..cut].trim_end_matches(',');
    short.strip_prefix("did not find expected ").map_or_else(
        || short.to_string(),
        |rest| format!("expected {rest} (check indentation and quoting)"),
    )
}

fn to_node(value: serde_yaml::Value) -> Node {
    use serde_yaml::Value;
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Node::Int(i),
            None => Node::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Node::Str(s),
        Value::Sequence(items) => Node::Seq(items.into_iter().map(to_node).collect()),
        Value::Mapping(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| (key_text(k), to_node(v)))
                .collect(),
        ),
        // A tag such as `!date 2026-01-01` does not change what the value means to us.
        Value::Tagged(tagged) => to_node(tagged.value),
    }
}

fn key_text(key: serde_yaml::Value) -> String {
    match to_node(key) {
        Node::Null => "null".to_string(),
        node => node
            .scalar_text()
            .unwrap_or_else(|| format!("<{}>", node.type_name())),
    }
}

/// Where a top-level key is written in a block mapping: its 1-based line in
/// `text` and column 1. Used to point diagnostics at the offending key, since
/// the parsed tree does not keep positions. Falls back to line 1.
pub fn key_line(text: &str, key: &str) -> usize {
    key_lines(text, key).next().unwrap_or(1)
}

/// The 1-based line of every top-level key, found in one pass: for a front
/// matter with many keys, asking [`key_line`] for each would be quadratic.
pub fn first_key_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    let mut lines = std::collections::HashMap::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(key) = top_level_key(line) {
            lines.entry(key).or_insert(index + 1);
        }
    }
    lines
}

/// Every 1-based line on which `key` starts a top-level entry.
fn key_lines<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.lines()
        .enumerate()
        .filter(move |(_, line)| top_level_key(line) == Some(key))
        .map(|(index, _)| index + 1)
}

/// The key of a line such as `site: x`, `"site": x` or `site:`, if the line
/// starts a top-level entry (no indentation).
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// A value to write into front matter. Only what `insight new` produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(u64),
    Float(f64),
    List(Vec<String>),
}

/// Serializes an ordered mapping as block YAML. Strings are quoted by the
/// library whenever they would otherwise read back as something else, so a
/// site such as `Tower One: floor 12` or `#1 Store` survives a round trip.
pub fn to_front_matter(pairs: &[(&str, Value)]) -> String {
    let mut mapping = serde_yaml::Mapping::new();
    for (key, value) in pairs {
        let value = match value {
            Value::Str(s) => serde_yaml::Value::String(s.clone()),
            Value::Int(i) => serde_yaml::Value::Number((*i).into()),
            Value::Float(f) => serde_yaml::Value::Number((*f).into()),
            Value::List(items) => serde_yaml::Value::Sequence(
                items
                    .iter()
                    .map(|s| serde_yaml::Value::String(s.clone()))
                    .collect(),
            ),
        };
        mapping.insert(serde_yaml::Value::String((*key).to_string()), value);
    }
    // Serializing a mapping of strings, numbers and lists cannot fail; if the
    // library ever disagrees, an empty front matter is caught by validation.
    let text = serde_yaml::to_string(&serde_yaml::Value::Mapping(mapping)).unwrap_or_default();
    text.lines().map(quote_yaml11_word).collect()
}

/// YAML 1.2 reads `yes`, `no`, `on` and `off` as text, so the library leaves them
/// bare; YAML 1.1 readers (PyYAML, many site generators) read them as booleans.
/// Quoting them keeps a journal's meaning the same in every tool.
fn quote_yaml11_word(line: &str) -> String {
    const WORDS: [&str; 8] = ["y", "n", "yes", "no", "on", "off", "true", "false"];
    let (prefix, value) = match line.split_once(": ") {
        Some((key, value)) if !line.starts_with(['-', ' ']) => (format!("{key}: "), value),
        _ => match line.strip_prefix("- ") {
            Some(value) => ("- ".to_string(), value),
            None => return format!("{line}\n"),
        },
    };
    if WORDS.iter().any(|w| w.eq_ignore_ascii_case(value)) {
        format!("{prefix}'{value}'\n")
    } else {
        format!("{line}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_mapping_in_order() {
        let node = parse("b: 1\na: [x, y]\n").unwrap();
        assert_eq!(
            node,
            Node::Map(vec![
                ("b".into(), Node::Int(1)),
                (
                    "a".into(),
                    Node::Seq(vec![Node::Str("x".into()), Node::Str("y".into())])
                ),
            ])
        );
    }

    #[test]
    fn finds_the_line_of_a_top_level_key() {
        let text = "date: 2026-01-01\nideas:\n  - kind: x\n\"kind\": frontline\n";
        assert_eq!(key_line(text, "kind"), 4);
        assert_eq!(key_line(text, "date"), 1);
        assert_eq!(key_line(text, "missing"), 1);
        let all = first_key_lines(text);
        assert_eq!((all["kind"], all["date"], all.len()), (4, 1, 3));
    }

    #[test]
    fn dates_stay_text() {
        assert_eq!(
            parse("date: 2026-11-20").unwrap().get("date"),
            Some(&Node::Str("2026-11-20".into()))
        );
    }

    #[test]
    fn syntax_errors_carry_a_position_and_a_short_message() {
        let err = parse("a: 1\nb: [unclosed\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse("date: 2026-01-01\nsite: a\nsite: b\n").unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (3, "`site` is given twice")
        );
    }

    #[test]
    fn alias_bombs_fail_fast() {
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..20 {
            let p = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&doc).is_err());
    }

    #[test]
    fn deep_nesting_fails_fast() {
        let doc = format!("a: {}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&doc).is_err());
    }

    #[test]
    fn yaml11_booleans_are_quoted() {
        let text = to_front_matter(&[
            ("role", Value::Str("yes".into())),
            ("tags", Value::List(vec!["Off".into(), "mobile".into()])),
            ("customers", Value::Int(3)),
        ]);
        assert_eq!(
            text,
            "role: 'yes'\ntags:\n- 'Off'\n- mobile\ncustomers: 3\n"
        );
    }

    #[test]
    fn awkward_strings_round_trip() {
        for site in [
            "Tower One: floor 12",
            "#1 Store",
            "2026-11-20",
            "yes",
            "No",
            "on",
            "null",
            "- dash",
            "'quoted'",
            "\"double\"",
            "a\nb",
            " padded ",
            "[x]",
            "{y}",
            "@home",
            "*star",
            "&amp",
            "!bang",
            "% pct",
            "|pipe",
            ">gt",
            "12",
            "1e3",
            "~",
            "中文",
        ] {
            let text = to_front_matter(&[("site", Value::Str(site.into()))]);
            let back = parse(&text).unwrap();
            assert_eq!(back.get("site"), Some(&Node::Str(site.into())), "{text}");
        }
    }
}
