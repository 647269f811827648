//! The one module that speaks YAML. Everything else sees [`Node`], a plain tree,
//! so replacing the YAML library touches this folder only.

mod fast;
mod reader;
pub mod scalars;
mod tree;

pub use tree::{Node, YamlError};

/// Parses one YAML document. An empty document is `Node::Null`.
///
/// Nesting depth and alias expansion are bounded, so nesting bombs and
/// "billion laughs" documents come back as errors rather than hangs.
pub fn parse(text: &str) -> Result<Node<'_>, YamlError> {
    // The common flat front matter is read directly; anything the fast path
    // is unsure of, and every error, comes from the full reader.
    match fast::parse(text) {
        Some(node) => Ok(node),
        None => reader::parse(text),
    }
}

/// The fast path alone: `None` when it leaves the text to the full reader.
/// Public for the fuzz target that holds the two to agreeing.
#[doc(hidden)]
pub fn parse_fast(text: &str) -> Option<Node<'_>> {
    fast::parse(text)
}

/// The full reader alone. Public for the fuzz target that holds the two to
/// agreeing.
#[doc(hidden)]
pub fn parse_full(text: &str) -> Result<Node<'static>, YamlError> {
    reader::parse(text)
}

/// Where a top-level key is written in a block mapping: its 1-based line in
/// `text` and column 1. Used to point diagnostics at the offending key, since
/// the parsed tree does not keep positions. Falls back to line 1.
pub fn key_line(text: &str, key: &str) -> usize {
    key_lines(text, key).next().unwrap_or(1)
}

/// The 1-based lines where the items of a block sequence start, for the
/// top-level key on line `key_line` (`ideas:` followed by `- …` lines). Empty
/// when the value is not a block sequence (`ideas: [a, b]`).
pub fn block_items_after(text: &str, key_line: usize) -> Vec<usize> {
    let mut items = Vec::new();
    let mut indent = None;
    for (index, line) in crate::parse::lines::of(text).enumerate().skip(key_line) {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = line.len() - trimmed.len();
        let is_item = trimmed == "-" || trimmed.starts_with("- ") || trimmed.starts_with("-\t");
        if depth == 0 && !is_item {
            break;
        }
        match indent {
            None if is_item => indent = Some(depth),
            None => break,
            Some(item_depth) if is_item && depth == item_depth => {}
            Some(item_depth) if depth > item_depth => continue,
            Some(_) => break,
        }
        items.push(index + 1);
    }
    items
}

/// The 1-based line of every top-level key, found in one pass: for a front
/// matter with many keys, asking [`key_line`] for each would be quadratic.
/// The caller picks the map's hasher.
pub fn first_key_lines<S: std::hash::BuildHasher + Default>(
    text: &str,
) -> std::collections::HashMap<&str, usize, S> {
    let mut lines = std::collections::HashMap::default();
    for (key, line) in key_lines_in_order(text) {
        lines.entry(key).or_insert(line);
    }
    lines
}

/// Each top-level key with its 1-based line, in the order written (a
/// repeated key each time).
pub fn key_lines_in_order(text: &str) -> impl Iterator<Item = (&str, usize)> {
    crate::parse::lines::of(text)
        .enumerate()
        .filter_map(|(index, line)| Some((top_level_key(line)?, index + 1)))
}

/// Every 1-based line on which `key` starts a top-level entry.
fn key_lines<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    crate::parse::lines::of(text)
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
    let colon = memchr::memchr(b':', line.as_bytes())?;
    Some(line[..colon].trim().trim_matches(['"', '\'']))
}

/// A value to write into front matter. Only what `insight new` produces.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(u64),
    Float(f64),
    List(Vec<String>),
    /// A list whose items may be mappings, such as ideas with an id.
    Items(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    fn to_yaml(&self) -> serde_yaml::Value {
        let string = |s: &String| serde_yaml::Value::String(s.clone());
        match self {
            Value::Str(s) => string(s),
            Value::Int(i) => serde_yaml::Value::Number((*i).into()),
            Value::Float(f) => serde_yaml::Value::Number((*f).into()),
            Value::List(items) => serde_yaml::Value::Sequence(items.iter().map(string).collect()),
            Value::Items(items) => {
                serde_yaml::Value::Sequence(items.iter().map(Value::to_yaml).collect())
            }
            Value::Map(pairs) => serde_yaml::Value::Mapping(
                pairs
                    .iter()
                    .map(|(key, value)| (string(key), value.to_yaml()))
                    .collect(),
            ),
        }
    }
}

/// Serializes an ordered mapping as block YAML. Strings are quoted by the
/// library whenever they would otherwise read back as something else, so a
/// site such as `Tower One: floor 12` or `#1 Store` survives a round trip.
pub fn to_front_matter(pairs: &[(&str, Value)]) -> String {
    let mut mapping = serde_yaml::Mapping::new();
    for (key, value) in pairs {
        mapping.insert(
            serde_yaml::Value::String((*key).to_string()),
            value.to_yaml(),
        );
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
    // The line is indentation, an optional `- `, an optional `key: `, then the value.
    let indented = line.trim_start_matches(' ');
    let item = indented.strip_prefix("- ").unwrap_or(indented);
    let value = match item.split_once(": ") {
        // A quoted scalar may hold `: `; the keys written here are plain words.
        Some((_, value)) if !item.starts_with(['\'', '"']) => value,
        _ => item,
    };
    if WORDS.iter().any(|w| w.eq_ignore_ascii_case(value)) {
        let prefix = &line[..line.len() - value.len()];
        format!("{prefix}'{value}'\n")
    } else {
        format!("{line}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_where_each_block_item_starts() {
        let text = "site: x\nideas:\n  - Aisle finder\n  - id: a\n    status: new\n    tags:\n      - t\n  # a comment\n  - { title: B }\ntags: [x]\n";
        assert_eq!(block_items_after(text, 2), [3, 4, 9]);
        assert_eq!(block_items_after("ideas:\n- a\n- b\nsite: x\n", 1), [2, 3]);
        assert!(block_items_after("ideas: [a, b]\nsite: x\n", 1).is_empty());
    }

    #[test]
    fn parses_a_mapping_in_order() {
        let node = parse("b: 1\na: [x, y]\n").unwrap();
        assert_eq!(
            node,
            Node::Map(vec![
                ("b".into(), Node::Str("1".into())),
                (
                    "a".into(),
                    Node::Seq(vec![Node::Str("x".into()), Node::Str("y".into())])
                ),
            ])
        );
    }

    #[test]
    fn scalars_keep_the_text_they_were_written_with() {
        let node = parse(
            "title: 2.0\ntags: [1.10, 1.1, yes, 0b101, 1_000, '~', \"null\"]\nempty:\ntilde: ~\nnull: null\n",
        )
        .unwrap();
        assert_eq!(node.get("title"), Some(&Node::Str("2.0".into())));
        let tags: Vec<&str> = match node.get("tags") {
            Some(Node::Seq(items)) => items.iter().filter_map(Node::scalar_text).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(tags, ["1.10", "1.1", "yes", "0b101", "1_000", "~", "null"]);
        assert_eq!(node.get("empty"), Some(&Node::Null));
        assert_eq!(node.get("tilde"), Some(&Node::Null));
        assert_eq!(node.get("null"), Some(&Node::Null));
    }

    #[test]
    fn merge_keys_fill_in_what_a_mapping_does_not_say() {
        let text = "defaults: &d { status: planned, tags: [mobile] }\n\
                    ideas:\n  - <<: *d\n    id: a\n    status: new\n\
                    base: &b { kind: peer, site: HQ }\n<<: [*b, { kind: sales, role: x }]\n";
        let node = parse(text).unwrap();
        let idea = match node.get("ideas") {
            Some(Node::Seq(items)) => items[0].clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            idea,
            Node::Map(vec![
                ("id".into(), Node::Str("a".into())),
                ("status".into(), Node::Str("new".into())),
                ("tags".into(), Node::Seq(vec![Node::Str("mobile".into())])),
            ])
        );
        // At the root too; the first merged mapping wins over a later one.
        assert_eq!(node.get("kind"), Some(&Node::Str("peer".into())));
        assert_eq!(node.get("role"), Some(&Node::Str("x".into())));
        assert_eq!(node.get("<<"), None);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        let err = parse(&deep).unwrap_err();
        assert_eq!(
            err.message,
            "lists or mappings are nested too deeply here to be front matter"
        );
        let mut block = String::new();
        for depth in 0..100 {
            block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
        }
        assert!(parse(&block).is_err());
    }

    #[test]
    fn finds_the_line_of_a_top_level_key() {
        let text = "date: 2026-01-01\nideas:\n  - kind: x\n\"kind\": frontline\n";
        assert_eq!(key_line(text, "kind"), 4);
        assert_eq!(key_line(text, "date"), 1);
        assert_eq!(key_line(text, "missing"), 1);
        let all: std::collections::HashMap<&str, usize> = first_key_lines(text);
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
            (
                "ideas",
                Value::Items(vec![
                    Value::Str("no".into()),
                    Value::Map(vec![
                        ("id".into(), Value::Str("on".into())),
                        ("title".into(), Value::Str("Yes: no".into())),
                        ("status".into(), Value::Str("n".into())),
                    ]),
                ]),
            ),
        ]);
        assert_eq!(
            text,
            "role: 'yes'\ntags:\n- 'Off'\n- mobile\ncustomers: 3\n\
             ideas:\n- 'no'\n- id: 'on'\n  title: 'Yes: no'\n  status: 'n'\n"
        );
    }

    #[test]
    fn a_nul_is_named_as_a_control_character_and_a_tab_as_a_tab() {
        let nul = parse("kinds: [frontline]\n# a\0b\n").unwrap_err();
        assert_eq!(
            nul.message,
            "a control character (such as NUL) that YAML does not allow"
        );
        let tab = parse("site: x\n\tkind: peer\n").unwrap_err();
        assert_eq!(tab.message, "a tab where YAML allows only spaces");
        assert_eq!((tab.line, tab.column), (2, 1));
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
