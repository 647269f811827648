//! Finding the tag values in front-matter text, byte for byte, so that a tag can
//! be pointed at (by `check`) or replaced (by `tags rename`) without touching
//! anything else. The parsed tree cannot do this: it keeps no positions.
//!
//! This is a scanner for the shapes front matter takes, not a YAML parser:
//! `tags: x`, `tags: [a, 'b']`, a block list under `tags:`, and the same inside
//! ideas, in block or flow mappings. Whatever it changes is parsed again and
//! compared by the caller, so a shape it misreads is refused, never written.

use std::ops::Range;

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Single,
    Double,
}

/// Where a tag value stands in its `tags:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The only value: `tags: mobile`.
    Alone,
    /// An item of a one-line flow list: `tags: [mobile, pricing]`.
    FlowItem,
    /// An item of a block list, alone on `line` (its bytes, line end included).
    BlockItem { line: Range<usize> },
}

/// One tag value in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The bytes of the whole token, quotes included.
    pub span: Range<usize>,
    /// The text the token stands for.
    pub value: String,
    pub style: Style,
    /// Inside `[ … ]` or `{ … }`, where `,` ends a plain scalar.
    pub in_flow: bool,
    /// Which `tags:` key it belongs to, counting from 0 in text order: the
    /// values of one list share it.
    pub list: usize,
    pub place: Place,
}

/// The values of the entry's `tags` and of its ideas' `tags`, in text order:
/// a top-level `tags:` key, and `tags:` keys inside the top-level `ideas:`.
/// Text inside block scalars (`notes: |`) is never taken for a key.
pub fn tag_scalars(yaml: &str) -> Vec<Scalar> {
    scalars_of_tags(yaml, Skip::LinesWithout)
}

/// Whether [`scalars_of_tags`] skips the lines that hold no `tags:` and no
/// `|` or `>`: always, but for the test that holds it to reading them all.
#[derive(Clone, Copy, PartialEq)]
enum Skip {
    LinesWithout,
    #[cfg(test)]
    Nothing,
}

fn scalars_of_tags(yaml: &str, skip: Skip) -> Vec<Scalar> {
    let mut found = Vec::new();
    // Set after a `tags:` with nothing after it: the indentation of that key,
    // and of the list's items once the first is seen (the rest must match
    // it), and the list's number.
    let mut block_list_under: Option<(usize, Option<usize>, usize)> = None;
    // Set after a line that opens a block scalar: lines indented deeper are its text.
    let mut block_text_under: Option<usize> = None;
    let mut in_ideas = false;
    let mut offset = 0;
    // The number of `tags:` keys seen so far.
    let mut lists = 0;
    // Most lines hold neither a `tags:` nor a block scalar's `|` or `>`:
    // both are found in one pass over the whole text, not line by line.
    let bytes = yaml.as_bytes();
    let mut tag_keys = Ahead(memchr::memmem::find_iter(bytes, b"tags:").peekable());
    let mut indicators = Ahead(memchr::memchr2_iter(b'|', b'>', bytes).peekable());
    for line in crate::parse::lines::inclusive(yaml) {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        let line_start = offset;
        offset += line.len();
        if let Some(text_indent) = block_text_under {
            if rest.is_empty() || indent > text_indent {
                continue;
            }
            block_text_under = None;
        }
        if let Some((key_indent, item_indent, list)) = block_list_under {
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            let is_item = indent >= key_indent && item_indent.is_none_or(|i| i == indent);
            if let Some(item) = rest.strip_prefix("- ").filter(|_| is_item) {
                block_list_under = Some((key_indent, Some(indent), list));
                let at = line_start + indent + 2;
                let item_start = item.len() - item.trim_start().len();
                let place = Place::BlockItem {
                    line: line_start..offset,
                };
                found.extend(scalar_at(yaml, at + item_start, false, list, place));
                continue;
            }
            block_list_under = None;
        }
        let top_level_key = indent == 0 && !rest.is_empty() && !rest.starts_with(['-', '#']);
        if top_level_key {
            in_ideas = rest.starts_with("ideas:");
        }
        let content_end = line_start + content.len();
        let read_all = skip != Skip::LinesWithout;
        let key_ends = match tag_keys.any_in(line_start..content_end) || read_all {
            true => tags_keys(content),
            false => Vec::new(),
        };
        for (key_end, in_flow) in key_ends {
            let entry_tags = key_end == "tags:".len();
            if !(entry_tags || in_ideas) {
                continue;
            }
            let value_start =
                key_end + content[key_end..].len() - content[key_end..].trim_start().len();
            let list = lists;
            lists += 1;
            let at = line_start + value_start;
            match content[value_start..].chars().next() {
                None | Some('#') => block_list_under = Some((indent, None, list)),
                Some('[') => found.extend(flow_list(yaml, at, list)),
                Some(_) => found.extend(scalar_at(yaml, at, in_flow, list, Place::Alone)),
            }
        }
        if (indicators.any_in(line_start..content_end) || read_all) && opens_block_scalar(rest) {
            // Block text is indented deeper than the key it belongs to, which in
            // `- notes: |` stands after the dash.
            let after_dashes = rest.trim_start_matches("- ");
            let is_key = !after_dashes.starts_with(['|', '>']);
            block_text_under = Some(if is_key {
                indent + rest.len() - after_dashes.len()
            } else {
                indent
            });
        }
    }
    found
}

/// Positions found in one pass over a text, asked about range by range in
/// the order of the text.
struct Ahead<I: Iterator<Item = usize>>(std::iter::Peekable<I>);

impl<I: Iterator<Item = usize>> Ahead<I> {
    /// Whether a position falls in `range`, which starts no earlier than
    /// the ranges asked about before.
    fn any_in(&mut self, range: std::ops::Range<usize>) -> bool {
        while self.0.next_if(|&at| at < range.start).is_some() {}
        self.0.peek().is_some_and(|&at| at < range.end)
    }
}

/// `notes: |`, `- >-`, `text: |2 # comment`: the lines below are text.
fn opens_block_scalar(rest: &str) -> bool {
    // Most lines have neither indicator: no need to take them apart.
    if memchr::memchr2(b'|', b'>', rest.as_bytes()).is_none() {
        return false;
    }
    let code = rest.split(" #").next().unwrap_or(rest).trim_end();
    let Some(indicator) = code.rsplit([' ', '\t']).next() else {
        return false;
    };
    let before = &code[..code.len() - indicator.len()];
    (before.ends_with(": ")
        || before.ends_with("- ")
        || before.is_empty() && code.starts_with(['|', '>']))
        && indicator.starts_with(['|', '>'])
        && indicator[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+' | '1'..='9'))
}

/// Byte offsets just past each `tags:` key on a line: at its start (after
/// indentation and `- `), or after `{` or `,` in a flow mapping; each with
/// whether it stands inside brackets. One pass over the line, however many
/// keys it holds.
fn tags_keys(line: &str) -> Vec<(usize, bool)> {
    let mut ends = Vec::new();
    // Most lines hold no `tags:` at all.
    if memchr::memmem::find(line.as_bytes(), b"tags:").is_none() {
        return ends;
    }
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut key_may_start = true;
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) => {
                if b == q {
                    quote = None;
                }
                continue;
            }
            None if b == b'\'' || b == b'"' => {
                quote = Some(b);
                key_may_start = false;
                continue;
            }
            None if b == b'#' && (i == 0 || bytes[i - 1] == b' ') => break,
            None => {}
        }
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth -= 1,
            _ => {}
        }
        if key_may_start && line[i..].starts_with("tags:") {
            let after = i + "tags:".len();
            if bytes.get(after).is_none_or(|c| *c == b' ' || *c == b'\t') {
                ends.push((after, depth > 0));
            }
        }
        key_may_start = match b {
            b' ' | b'\t' => key_may_start,
            b'{' | b',' => true,
            b'-' => bytes.get(i + 1) == Some(&b' ') && line[..i].trim().is_empty(),
            _ => false,
        };
    }
    ends
}

/// The items of a one-line flow list starting at `at` (on its `[`).
fn flow_list(yaml: &str, at: usize, list: usize) -> Vec<Scalar> {
    let mut items = Vec::new();
    let mut pos = at + 1;
    loop {
        let rest = &yaml[pos..];
        let skip = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        pos += skip;
        match yaml[pos..].chars().next() {
            None | Some(']' | '\n' | '\r' | '#') => return items,
            Some(',') => pos += 1,
            Some(_) => match scalar_at(yaml, pos, true, list, Place::FlowItem) {
                Some(scalar) => {
                    pos = scalar.span.end;
                    items.push(scalar);
                }
                None => return items,
            },
        }
    }
}

/// The scalar that starts at byte `at`, if one does. Reads only as far as
/// the scalar goes, so a line of thousands of items is read once.
fn scalar_at(yaml: &str, at: usize, in_flow: bool, list: usize, place: Place) -> Option<Scalar> {
    let rest = &yaml[at..];
    let (span, value, style) = match rest.chars().next()? {
        quote @ ('\'' | '"') => {
            // The closing quote, on the same line.
            let close = rest[1..].find([quote, '\n', '\r'])? + 1;
            let inner = &rest[1..close];
            // Escapes and doubled quotes are rare in tags; leave them alone.
            let doubled = quote == '\'' && rest[close + 1..].starts_with('\'');
            if rest[close..].starts_with(['\n', '\r']) || inner.contains('\\') || doubled {
                return None;
            }
            let style = if quote == '\'' {
                Style::Single
            } else {
                Style::Double
            };
            (at..at + close + 1, inner.to_string(), style)
        }
        '[' | '{' | '&' | '*' | '!' | '|' | '>' | '\n' | '\r' => return None,
        _ => {
            let value = rest[..plain_end(rest, in_flow)].trim_end();
            if value.is_empty() {
                return None;
            }
            (at..at + value.len(), value.to_string(), Style::Plain)
        }
    };
    Some(Scalar {
        span,
        value,
        style,
        in_flow,
        list,
        place,
    })
}

/// Where a plain scalar at the start of `rest` ends: at the line's end, at a
/// comment (` #`), and in a flow at `,`, `]` or `}`.
fn plain_end(rest: &str, in_flow: bool) -> usize {
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = match b {
            b'\n' | b'\r' => true,
            b'#' => i > 0 && bytes[i - 1] == b' ',
            b',' | b']' | b'}' => in_flow,
            _ => false,
        };
        if ends {
            // A comment's space is not part of the value.
            return if b == b'#' { i - 1 } else { i };
        }
    }
    bytes.len()
}

/// `value` written as a scalar that reads back as itself where `like` stood:
/// in the same quotes, or plain when plain is safe, else single-quoted.
pub fn write_like(value: &str, like: &Scalar) -> String {
    match like.style {
        Style::Single => format!("'{}'", value.replace('\'', "''")),
        Style::Double => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        Style::Plain if plain_is_safe(value) => value.to_string(),
        Style::Plain => format!("'{}'", value.replace('\'', "''")),
    }
}

/// Plain is safe for letters, digits and `/-_. ` (no YAML indicator can then
/// appear, in a flow list or out of one) unless some YAML reader would take
/// it for something other than text: a number, a boolean or nothing.
fn plain_is_safe(value: &str) -> bool {
    let ordinary = |c: char| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | ' ');
    !value.is_empty()
        && value.chars().all(ordinary)
        && !value.starts_with(['-', ' ', '.'])
        && !value.ends_with(' ')
        && !typed_by_some_reader(value)
}

/// Whether a YAML 1.1 or 1.2 reader (PyYAML, ruamel.yaml, libyaml-based
/// tools) would read the plain `value` as a null, a boolean or a number.
pub fn typed_by_some_reader(value: &str) -> bool {
    const WORDS: [&str; 13] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ".inf", ".nan", "nan",
    ];
    let lower = value.to_ascii_lowercase();
    let digits = lower.trim_start_matches(['+', '-']);
    let numeric = !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits.chars().all(|c| {
            c.is_ascii_hexdigit()
                || matches!(c, '.' | '_' | ':' | 'x' | 'o' | 'b' | 'e' | '+' | '-')
        });
    WORDS.contains(&lower.as_str()) || numeric
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(yaml: &str) -> Vec<(String, &str)> {
        tag_scalars(yaml)
            .into_iter()
            .map(|s| (s.value.clone(), &yaml[s.span.start..s.span.end]))
            .collect()
    }

    fn v(value: &str, raw: &'static str) -> (String, &'static str) {
        (value.to_string(), raw)
    }

    #[test]
    fn finds_tags_in_every_shape() {
        assert_eq!(values("tags: mobile\n"), [v("mobile", "mobile")]);
        assert_eq!(values("tags: mobile # the app\n"), [v("mobile", "mobile")]);
        assert_eq!(
            values("tags: [mobile/app, 'self service', \"x\"]\n"),
            [
                v("mobile/app", "mobile/app"),
                v("self service", "'self service'"),
                v("x", "\"x\"")
            ]
        );
        assert_eq!(
            values("tags:\n  - mobile\n  - 'pricing' # yes\n\n- outside\n"),
            [v("mobile", "mobile"), v("pricing", "'pricing'")]
        );
        assert_eq!(
            values("tags:\n- a\n- b\nsite: x\n"),
            [v("a", "a"), v("b", "b")]
        );
    }

    #[test]
    fn finds_tags_inside_ideas() {
        let yaml = "site: x\nideas:\n  - id: a\n    tags: [mobile]\n  - { title: T, tags: pricing, status: new }\n  - { title: U, tags: [a, b] }\n  - title: V\n    tags:\n      - deep\n";
        assert_eq!(
            values(yaml),
            [
                v("mobile", "mobile"),
                v("pricing", "pricing"),
                v("a", "a"),
                v("b", "b"),
                v("deep", "deep")
            ]
        );
    }

    #[test]
    fn only_the_entry_and_its_ideas_have_tags() {
        let yaml = "notes: |\n  tags: mobile\n  more text\nmeta:\n  tags: [mobile]\ntags: [a]\n\
                    ideas:\n  - text: >-\n      tags: b\n    tags: [c]\nafter:\n  tags: d\n";
        assert_eq!(values(yaml), [v("a", "a"), v("c", "c")]);
    }

    proptest::proptest! {
        /// Skipping the lines without `tags:`, `|` or `>` finds what
        /// reading every line finds.
        #[test]
        fn skipping_lines_finds_the_same_tags(
            lines in proptest::collection::vec(
                "( {0,4}|- |  - )(tags|ideas|notes|x)?(: ?)(\\[[a-z, ]{0,6}\\]|[a-z |>#:-]{0,8})|",
                0..12,
            )
        ) {
            let yaml = lines.join("\n");
            let found = |skip| -> Vec<(String, std::ops::Range<usize>)> {
                scalars_of_tags(&yaml, skip).into_iter().map(|s| (s.value, s.span)).collect()
            };
            proptest::prop_assert_eq!(found(Skip::LinesWithout), found(Skip::Nothing), "{}", yaml);
        }
    }

    #[test]
    fn block_scalar_openers() {
        assert!(opens_block_scalar("notes: |"));
        assert!(opens_block_scalar("- >-"));
        assert!(opens_block_scalar("text: |2 # a comment"));
        assert!(!opens_block_scalar("site: a | b"));
        assert!(!opens_block_scalar("tags: [x]"));
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(
            values("title: 'tags: mobile'\nsite: tags: x\nmytags: [a]\n# tags: [b]\n").is_empty()
        );
    }

    #[test]
    fn writes_values_that_read_back() {
        let plain = Scalar {
            span: 0..1,
            value: "x".into(),
            style: Style::Plain,
            in_flow: true,
            list: 0,
            place: Place::FlowItem,
        };
        assert_eq!(write_like("mobile/app", &plain), "mobile/app");
        assert_eq!(write_like("a, b", &plain), "'a, b'");
        assert_eq!(write_like("#1", &plain), "'#1'");
        // Quoted for every reader: YAML 1.1 tools read `yes` as true.
        assert_eq!(write_like("yes", &plain), "'yes'");
        assert_eq!(write_like("1.10", &plain), "'1.10'");
        assert_eq!(write_like("v1.10", &plain), "v1.10");
        assert_eq!(write_like("true", &plain), "'true'");
        assert_eq!(write_like("12", &plain), "'12'");
        assert_eq!(
            write_like(
                "it's",
                &Scalar {
                    style: Style::Single,
                    ..plain.clone()
                }
            ),
            "'it''s'"
        );
    }
}
