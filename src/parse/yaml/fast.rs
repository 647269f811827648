//! A fast path for front matter as people and `insight new` write it: `key:
//! value` lines, lists of plain items in `[a, b]` or `- a` form, and a list
//! of ideas whose items are plain text or `key: value` lines; and for
//! `insight.yaml` as organisations write it: settings one level in, and a
//! list of people as `{ name: …, group: … }` (a thousand of them took the
//! full reader 2 ms on every command). Anything else
//! (quotes, comments after a value, anchors, tabs, several lines to one
//! value, a repeated key) makes it give up, and the full reader takes over:
//! it never guesses. A property test holds it to giving exactly what the
//! reader gives.

use std::borrow::Cow;

use super::tree::Node;

/// Characters the line-by-line reading here would take differently from
/// YAML: a NUL or a byte-order mark inside the text (which YAML refuses), a
/// carriage return alone (which ends a line in YAML, not here), and white
/// space that Rust trims but YAML keeps as text (a form feed, a vertical
/// tab, a no-break space: YAML's white space is the space and the tab).
fn read_otherwise_by_yaml(text: &str) -> bool {
    let bytes = text.as_bytes();
    let lone_return = |at: usize| bytes.get(at + 1) != Some(&b'\n');
    // The ASCII white space that YAML keeps is the vertical tab and the form feed.
    bytes
        .iter()
        .enumerate()
        .any(|(at, &byte)| matches!(byte, 0 | 0x0b | 0x0c) || (byte == b'\r' && lone_return(at)))
        || text.contains('\u{feff}')
        || (!text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
}

/// The tree of `text`, when it is simple enough to read here; `None` means
/// "ask the full reader". Its text is borrowed from `text`.
pub fn parse(text: &str) -> Option<Node<'_>> {
    if read_otherwise_by_yaml(text) {
        return None;
    }
    // Room for the lines of most front matter in one allocation.
    let mut lines = Vec::with_capacity(32);
    lines.extend(crate::parse::lines::of(text));
    let mut pairs: Vec<(Cow<str>, Node)> = Vec::with_capacity(16);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if skippable(line) {
            i += 1;
            continue;
        }
        let (key, value) = key_value(line)?;
        if pairs.iter().any(|(k, _)| k == key) {
            return None;
        }
        i += 1;
        let node = match value {
            Some(value) => scalar_or_flow(value)?,
            None => {
                let (node, next) = block_value(&lines, i)?;
                i = next;
                node
            }
        };
        pairs.push((Cow::Borrowed(key), node));
    }
    Some(if pairs.is_empty() {
        Node::Null
    } else {
        Node::Map(pairs)
    })
}

/// Blank lines and whole-line comments.
fn skippable(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// `key: value` or `key:` at the start of a line; the value, if any, trimmed.
fn key_value(line: &str) -> Option<(&str, Option<&str>)> {
    // The key's characters run up to the first `:`; anything else first
    // (or no `:` at all) is not a simple key.
    let colon = line.bytes().position(|b| !KEY_BYTES[usize::from(b)])?;
    if colon == 0 || line.as_bytes()[colon] != b':' || line.starts_with('-') {
        return None;
    }
    let (key, rest) = (&line[..colon], &line[colon + 1..]);
    // `Null:` is a key that is nothing, which the reader names `null`.
    if matches!(key, "Null" | "NULL") {
        return None;
    }
    if rest.is_empty() {
        return Some((key, None));
    }
    let value = rest.strip_prefix(' ')?.trim_matches(' ');
    Some((key, (!value.is_empty()).then_some(value)))
}

/// The bytes a simple key is made of: ASCII letters and digits, `_`, `-`.
static KEY_BYTES: [bool; 256] = {
    let mut simple = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        simple[byte] =
            (byte as u8).is_ascii_alphanumeric() || byte == b'_' as usize || byte == b'-' as usize;
        byte += 1;
    }
    simple
};

/// A plain scalar, nothing, a flow list of plain scalars, or a flow
/// mapping of plain scalars.
fn scalar_or_flow(value: &str) -> Option<Node<'_>> {
    if let Some(inner) = value.strip_prefix('{') {
        return flow_mapping(inner.strip_suffix('}')?);
    }
    if let Some(inner) = value.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        if inner.trim().is_empty() {
            return Some(Node::Seq(Vec::new()));
        }
        let items: Option<Vec<Node>> = inner
            .split(',')
            .map(|item| {
                // The reader refuses ` -` right before `,` or `]`: it reads
                // the `-` as starting a scalar, which a flow indicator ends.
                if item.ends_with(" -") {
                    return None;
                }
                let item = item.trim_matches(' ');
                (!item.is_empty() && plain(item, true)).then(|| scalar(item))
            })
            .collect();
        return items.map(Node::Seq);
    }
    plain(value, false).then(|| scalar(value))
}

/// The inside of `{ key: value, … }`: simple keys, each once, and plain
/// values. A value with a `:` in it, or an item with no `: `, is left to the
/// reader (YAML's rules for a colon in a flow mapping are subtle).
fn flow_mapping(inner: &str) -> Option<Node<'_>> {
    if inner.trim_matches(' ').is_empty() {
        return Some(Node::Map(Vec::new()));
    }
    let mut pairs: Vec<(Cow<str>, Node)> = Vec::with_capacity(4);
    for item in inner.split(',') {
        // As in a flow list, ` -` right before `,` or `}` is refused.
        if item.ends_with(" -") {
            return None;
        }
        let (key, value) = key_value(item.trim_matches(' '))?;
        let value = value?;
        if value.contains(':') || !plain(value, true) || pairs.iter().any(|(k, _)| k == key) {
            return None;
        }
        pairs.push((Cow::Borrowed(key), scalar(value)));
    }
    Some(Node::Map(pairs))
}

fn scalar(text: &str) -> Node<'_> {
    match text {
        "~" | "null" | "Null" | "NULL" => Node::Null,
        _ => Node::Str(Cow::Borrowed(text)),
    }
}

/// Whether `text` reads as a plain scalar with exactly this text: it starts
/// with no indicator, holds no `: ` or ` #`, does not end in `:`, and in a
/// flow list holds none of `,[]{}`.
fn plain(text: &str, in_flow: bool) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    if INDICATORS.contains(&first) || text.ends_with(':') {
        return false;
    }
    // One pass over the bytes, one table lookup each: this runs for every
    // value of every entry, and most bytes mean nothing here.
    let mut previous = 0u8;
    for &byte in text.as_bytes() {
        let refused = match BYTE_ROLES[usize::from(byte)] {
            Role::Ordinary => false,
            Role::Control => true,
            // U+0080 to U+009F, the other control characters, are 0xC2 0x80-0x9F.
            Role::ControlAfterC2 => previous == 0xc2,
            // `: ` and ` #`.
            Role::Space => previous == b':',
            Role::Hash => previous == b' ',
            Role::FlowIndicator => in_flow,
        };
        if refused {
            return false;
        }
        previous = byte;
    }
    true
}

/// What a byte may mean inside a plain scalar.
#[derive(Clone, Copy)]
enum Role {
    Ordinary,
    Control,
    ControlAfterC2,
    Space,
    Hash,
    FlowIndicator,
}

static BYTE_ROLES: [Role; 256] = {
    let mut roles = [Role::Ordinary; 256];
    let mut byte = 0;
    while byte < 256 {
        roles[byte] = match byte as u8 {
            0..=0x1f | 0x7f => Role::Control,
            0x80..=0x9f => Role::ControlAfterC2,
            b' ' => Role::Space,
            b'#' => Role::Hash,
            b',' | b'[' | b']' | b'{' | b'}' => Role::FlowIndicator,
            _ => Role::Ordinary,
        };
        byte += 1;
    }
    roles
};

/// The block list, or the block mapping, that starts at `lines[start]` as
/// the value of a top-level key; where it ends.
fn block_value<'a>(lines: &[&'a str], start: usize) -> Option<(Node<'a>, usize)> {
    let mut items = Vec::new();
    let mut i = start;
    let mut dash_indent = None;
    while i < lines.len() {
        let line = lines[i];
        if skippable(line) {
            i += 1;
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let item = match rest.strip_prefix("- ") {
            Some(item) => item,
            None if indent == 0 => break,
            None if dash_indent.is_none() => return mapping(lines, i, indent, Vec::new()),
            None => return None,
        };
        match dash_indent {
            None => dash_indent = Some(indent),
            Some(d) if d != indent => return None,
            Some(_) => {}
        }
        i += 1;
        // `-  id: x` puts the mapping one column further in than the lines
        // under it expect: leave it to the reader.
        if item.starts_with(' ') {
            return None;
        }
        let item = item.trim_matches(' ');
        if item.starts_with('{') {
            items.push(scalar_or_flow(item)?);
            continue;
        }
        match key_value(item) {
            Some((key, value)) => {
                let (mapping, next) = idea_mapping(lines, i, indent + 2, key, value)?;
                items.push(mapping);
                i = next;
            }
            None => {
                if !plain(item, false) {
                    return None;
                }
                items.push(scalar(item));
            }
        }
    }
    // `key:` with nothing below it is nothing.
    if dash_indent.is_none() {
        return Some((Node::Null, i));
    }
    Some((Node::Seq(items), i))
}

/// A list item written as `key: value` lines: its first pair is on the dash
/// line, the others below at `indent`.
fn idea_mapping<'a>(
    lines: &[&'a str],
    start: usize,
    indent: usize,
    key: &'a str,
    value: Option<&'a str>,
) -> Option<(Node<'a>, usize)> {
    let first = (Cow::Borrowed(key), scalar_or_flow(value?)?);
    mapping(lines, start, indent, vec![first])
}

/// `key: value` lines at `indent` from `lines[start]`, after the `pairs`
/// read already: an idea's, or settings one level in such as `targets:`
/// in `insight.yaml`. Where they end: at a line further out.
fn mapping<'a>(
    lines: &[&'a str],
    start: usize,
    indent: usize,
    mut pairs: Vec<(Cow<'a, str>, Node<'a>)>,
) -> Option<(Node<'a>, usize)> {
    let mut i = start;
    while i < lines.len() {
        let line = lines[i];
        if skippable(line) {
            i += 1;
            continue;
        }
        let own = line.len() - line.trim_start_matches(' ').len();
        if own < indent {
            break;
        }
        if own > indent {
            return None;
        }
        let (key, value) = key_value(&line[own..])?;
        if pairs.iter().any(|(k, _)| k == key) {
            return None;
        }
        pairs.push((Cow::Borrowed(key), scalar_or_flow(value?)?));
        i += 1;
    }
    Some((Node::Map(pairs), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_reader(text: &str) {
        if let Some(fast) = parse(text) {
            assert_eq!(
                Ok(fast),
                super::super::reader::parse(text),
                "the fast path and the reader disagree on:\n{text}"
            );
        }
    }

    #[test]
    fn gives_up_where_yaml_reads_otherwise() {
        // A lone carriage return ends a line, and the comment with it.
        same_as_reader("date: 2026-01-01\n# note\rsite: Cub Foods\n");
        same_as_reader("#\rx");
        // The reader refuses a NUL or a byte-order mark inside the text.
        same_as_reader("k: v\n# a\0b\n");
        same_as_reader("# a\u{feff}b\n");
        same_as_reader("k: 0b101,\u{feff}");
        // Two spaces after the dash put the mapping a column further in.
        same_as_reader("a:\n-  id: x\n  t: y\n");
        // `~` and `null` in a flow list are nothing, not the text `~`.
        same_as_reader("k: [a, ~]\n");
        same_as_reader("k: [null]\n");
        // A key that is nothing is named `null`, however it is written.
        same_as_reader("Null: x\nNULL: y\n");
        // ` -` ends a flow item only with a space after it.
        same_as_reader("k: [a -, b]\n");
        same_as_reader("k: [a -]\n");
        same_as_reader("k: [a  -  , b -x]\n");
        same_as_reader("ideas:\n- id: a\n  NULL: y\n");
        // A form feed, a vertical tab or a no-break space is text to YAML.
        same_as_reader("a: [\x0c\x0c]\nb: y\n");
        same_as_reader("a: \x0bx\x0b\n");
        same_as_reader("a: [\u{a0}b, c\u{a0}]\n");
        same_as_reader("k: v\u{2028}\n");
        assert_eq!(parse("date: 2026-01-01\n# note\rsite: Cub Foods\n"), None);
    }

    #[test]
    fn reads_what_insight_new_writes() {
        let text = "date: 2026-11-20\nkind: frontline\nsite: Cub Foods, Minneapolis\npeople:\n- Wayne Shurts\n\
                    customers: 12\ntags:\n- mobile/app\n- pricing\nideas:\n- id: aisle\n  title: Aisle finder\n  \
                    status: new\n- Route through the store\n";
        let node = parse(text).expect("the common form");
        assert_eq!(
            node.get("ideas"),
            Some(&Node::Seq(vec![
                Node::Map(vec![
                    ("id".into(), Node::Str("aisle".into())),
                    ("title".into(), Node::Str("Aisle finder".into())),
                    ("status".into(), Node::Str("new".into())),
                ]),
                Node::Str("Route through the store".into()),
            ]))
        );
        same_as_reader(text);
    }

    #[test]
    fn reads_an_organisations_settings() {
        let text = concat!(
            "name: The journal\n",
            "people:\n",
            "  - { name: Ada Okafor, group: executives }\n",
            "  - {name: Ben Ito,group: it-staff}\n",
            "  - Cy\n",
            "targets:\n",
            "  executives: { entries_per_year: 2 }\n",
            "\n",
            "  # staff\n",
            "  it-staff: { hours_per_year: 8 }\n",
            "statuses: [new, done]\n",
            "empty: {}\n",
        );
        let node = parse(text).expect("the common form of insight.yaml");
        let pair = |key: &'static str, value: &'static str| (key.into(), Node::Str(value.into()));
        assert_eq!(
            node.get("people"),
            Some(&Node::Seq(vec![
                Node::Map(vec![
                    pair("name", "Ada Okafor"),
                    pair("group", "executives")
                ]),
                Node::Map(vec![pair("name", "Ben Ito"), pair("group", "it-staff")]),
                Node::Str("Cy".into()),
            ]))
        );
        assert_eq!(
            node.get("targets"),
            Some(&Node::Map(vec![
                (
                    "executives".into(),
                    Node::Map(vec![pair("entries_per_year", "2")])
                ),
                (
                    "it-staff".into(),
                    Node::Map(vec![pair("hours_per_year", "8")])
                ),
            ]))
        );
        same_as_reader(text);
    }

    #[test]
    fn agrees_with_the_reader_on_every_journal_in_the_repository() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read_fast = 0;
        for dir in ["examples", "tests/fixtures", "journal-template"] {
            for file in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let Ok(text) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let yaml = match file.path().extension().and_then(|e| e.to_str()) {
                    Some("md") => {
                        match crate::parse::frontmatter::split(
                            crate::parse::frontmatter::strip_bom(&text),
                        ) {
                            Ok(split) => split.yaml.to_string(),
                            Err(_) => continue,
                        }
                    }
                    Some("yaml") => text.clone(),
                    _ => continue,
                };
                same_as_reader(&yaml);
                read_fast += usize::from(parse(&yaml).is_some());
            }
        }
        assert!(read_fast > 20, "only {read_fast} files took the fast path");
    }

    #[test]
    fn gives_up_rather_than_guess() {
        for text in [
            "site: 'Tower One: floor 12'\n",
            "site: Tower # 1\n",
            "a: b: c\n",
            "tags: [a, [b]]\n",
            "x: &a 1\ny: *a\n",
            "<<: {a: 1}\n",
            "site: a\nsite: b\n",
            "site:\n  continued\n",
            "title: |\n  text\n",
            "tags:\n\t- a\n",
            "\"date\": 2026-01-01\n",
            "ideas:\n- id: a\n  tags:\n  - x\n",
            "tags:\n  -  ,E\n",
            // A colon in a flow mapping's value, or an item that is not
            // `key: value`, is for the reader; so is one written over lines.
            "a: {b: c: d}\n",
            "a: {b: c:d}\n",
            "a: {b:c}\n",
            "a: {b}\n",
            "a: {b: c,}\n",
            "a: {b: c, b: d}\n",
            "a: {b: [c]}\n",
            "a: {b: {c: d}}\n",
            "a: {b: 'c'}\n",
            "a: {b: c -}\n",
            "a:\n- {b: c,\n  d: e}\n",
            // Settings more than one level in, or out of line.
            "a:\n  b:\n    c: d\n",
            "a:\n  b: c\n   d: e\n",
            "a:\n   b: c\n  d: e\n",
            "a:\n  b: c\n  - d\n",
            "a:\n  b: c\n  b: d\n",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    /// Front matter in the form the fast path is for, put together at random.
    fn common_form() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = "[A-Za-zéü東0-9][A-Za-z0-9 ./éü東-]{0,10}[A-Za-z0-9]";
        let value = prop_oneof![
            proptest::string::string_regex(word).unwrap(),
            proptest::collection::vec(proptest::string::string_regex(word).unwrap(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(", "))),
        ];
        let idea = prop_oneof![
            proptest::string::string_regex(word)
                .unwrap()
                .prop_map(|t| format!("- {t}\n")),
            (
                proptest::string::string_regex(word).unwrap(),
                proptest::string::string_regex(word).unwrap()
            )
                .prop_map(|(id, title)| format!("- id: {id}\n  title: {title}\n  status: new\n")),
        ];
        (
            proptest::collection::vec(value, 1..6),
            proptest::collection::vec(idea, 0..3),
        )
            .prop_map(|(values, ideas)| {
                let keys = ["date", "kind", "site", "people", "tags", "title"];
                let mut text: String = keys
                    .iter()
                    .zip(values)
                    .map(|(k, v)| format!("{k}: {v}\n"))
                    .collect();
                if !ideas.is_empty() {
                    text.push_str("ideas:\n");
                    text.push_str(&ideas.concat());
                }
                text
            })
    }

    /// `insight.yaml` in the form organisations write, put together at random.
    fn settings_form() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = "[A-Za-zéü東0-9][A-Za-z0-9 ./éü東-]{0,10}[A-Za-z0-9]";
        let person = (
            proptest::string::string_regex(word).unwrap(),
            proptest::string::string_regex(word).unwrap(),
        )
            .prop_map(|(name, group)| format!("  - {{ name: {name}, group: {group} }}\n"));
        let target = (
            "[a-z][a-z-]{0,8}[a-z]",
            "(entries|hours)_per_year",
            0u32..100,
        )
            .prop_map(|(group, what, n)| (group, format!("  {{ {what}: {n} }}")));
        (
            proptest::collection::vec(person, 0..5),
            proptest::collection::btree_map("[a-z][a-z-]{0,8}[a-z]", target, 1..4),
        )
            .prop_map(|(people, targets)| {
                let targets: String = targets
                    .into_iter()
                    .map(|(group, (_, value))| format!("  {group}:{value}\n"))
                    .collect();
                format!(
                    "name: A journal\npeople:\n{}targets:\n{targets}",
                    people.concat()
                )
            })
    }

    /// `plain` as first written: one search per rule.
    fn plain_by_searches(text: &str, in_flow: bool) -> bool {
        let Some(first) = text.chars().next() else {
            return false;
        };
        let flow_safe = !in_flow || !text.contains([',', '[', ']', '{', '}']);
        !"-?:,[]{}#&*!|>'\"%@`".contains(first)
            && !text.contains(": ")
            && !text.contains(" #")
            && !text.ends_with(':')
            && !text.chars().any(|c| c.is_control())
            && flow_safe
    }

    #[test]
    fn control_characters_are_not_plain() {
        for text in ["a\u{85}b", "a\u{9f}", "a\u{7f}", "a\tb", "a\rb", "a\u{0}"] {
            assert!(!plain(text, false), "{text:?}");
        }
        for text in ["a\u{a0}b", "caf\u{e9}", "\u{100}", "a:b", "a#b", "a- b"] {
            assert!(plain(text, false), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The one-pass test of a plain scalar says what the searches say.
        #[test]
        fn plain_in_one_pass_is_plain_by_searches(
            text in "[a-z :#,\\[\\]{}\t\u{0}-\u{1f}\u{7f}-\u{a0}é-]{0,8}",
            in_flow: bool,
        ) {
            proptest::prop_assert_eq!(plain(&text, in_flow), plain_by_searches(&text, in_flow));
        }

        /// Front matter of the common form is read here, exactly as the full
        /// reader reads it.
        #[test]
        fn reads_the_common_form_as_the_reader_does(text in common_form()) {
            let fast = parse(&text);
            proptest::prop_assert!(fast.is_some(), "gave up on:\n{}", text);
            proptest::prop_assert_eq!(fast, super::super::reader::parse(&text).ok());
        }

        /// `insight.yaml` of the common form is read here, exactly as the
        /// full reader reads it.
        #[test]
        fn reads_the_common_settings_as_the_reader_does(text in settings_form()) {
            let fast = parse(&text);
            proptest::prop_assert!(fast.is_some(), "gave up on:\n{}", text);
            proptest::prop_assert_eq!(fast, super::super::reader::parse(&text).ok());
        }

        /// On front matter made of the pieces people type, and of pieces that
        /// YAML reads in surprising ways, the fast path either gives up or
        /// gives exactly the tree the full reader gives.
        #[test]
        fn agrees_with_the_reader(
            lines in proptest::collection::vec(
                "(date|kind|site|tags|people|ideas|title|x-y|n_1)(: ?)([a-zA-Z0-9 ./,:#&*!'\"~éü東-]{0,12}|\\[[a-z, :#?-]{0,10}\\]|\\{[a-z, :#?~-]{0,12}\\}|)|(  |)- [a-zA-Z0-9 :#'\\[\\]{},-]{0,12}|(  |   )[a-z]{1,6}: ([a-z0-9 ]{0,8}|\\{[a-z0-9 ,:-]{0,10}\\})|# [a-z]{0,5}|",
                0..10,
            )
        ) {
            same_as_reader(&lines.join("\n"));
        }
    }
}
