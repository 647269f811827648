//! Where a position stands in an entry's front matter, read from the text
//! as it is being typed: half-written YAML that no parser would accept
//! yet. Line by line, as a person reads it: the key a value belongs to, the
//! list an item is in, whether the line is inside `ideas:`.

use std::ops::Range;

use crate::parse::frontmatter;
use crate::parse::yaml;

/// The front matter's YAML in a text: from the line after the opening
/// `---` to the closing `---` or `...` line, or to the end of the text
/// while nothing closes it (the entry is being written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    pub yaml: Range<usize>,
    pub closed: bool,
}

impl Front {
    /// Whether byte `at` is inside the front matter's YAML.
    pub fn holds(&self, at: usize) -> bool {
        self.yaml.start <= at && (at < self.yaml.end || (!self.closed && at == self.yaml.end))
    }
}

/// The front matter of `text`, if its first line opens one.
pub fn front(text: &str) -> Option<Front> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = line_around(text, bom).end;
    if trim_end(&text[bom..first_end]) != "---" {
        return None;
    }
    let start = next_line_start(text, first_end);
    for line in lines_from(text, start) {
        let content = trim_end(&text[line.clone()]);
        if content == "---" || content == "..." {
            return Some(Front {
                yaml: start..line.start.max(start),
                closed: true,
            });
        }
    }
    Some(Front {
        yaml: start..text.len(),
        closed: false,
    })
}

/// What is written at a position of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A key is being written: at the top level, or in an idea's mapping.
    Key { idea: bool, word: Range<usize> },
    /// A value of `key`, or an item of its list (`tags: [a, b]`, `- a`).
    Value {
        key: String,
        idea: bool,
        /// The scalar under the position, quotes included.
        word: Range<usize>,
        /// Inside `[ … ]` or `{ … }`, where `,` ends a plain scalar.
        flow: bool,
        /// Right after the key's colon: a value typed there needs a space first.
        needs_space: bool,
    },
}

impl Slot {
    pub fn word(&self) -> Range<usize> {
        match self {
            Slot::Key { word, .. } | Slot::Value { word, .. } => word.clone(),
        }
    }
}

/// What the front matter holds at byte `at` of `text`; `None` outside it,
/// in a comment, or where nothing is typed by name (an idea's title).
pub fn slot_at(text: &str, at: usize) -> Option<Slot> {
    let front = front(text)?;
    if !front.holds(at) || !text.is_char_boundary(at) {
        return None;
    }
    let line = line_around(text, at);
    let before = &text[line.start..at];
    if comment_starts(before) {
        return None;
    }
    let content = before.trim_start_matches(' ');
    let indent = before.len() - content.len();
    if content.starts_with('#') {
        return None;
    }
    let idea_block = in_ideas(text, &front, line.start);
    if let Some(slot) = in_flow(text, line.clone(), at, idea_block) {
        return slot;
    }
    let after_dashes = strip_dashes(content);
    let item_start = line.start + indent + (content.len() - after_dashes.len());
    if let Some((key, value_start)) = key_before(after_dashes) {
        let value_at = item_start + value_start;
        let word = value_at + spaces(&text[value_at..at])..block_value_end(text, &line, at);
        let word = word.start.min(at)..word.end.max(at);
        return Some(Slot::Value {
            key: key.to_string(),
            idea: idea_block || top_level_key(text, &line) == Some("ideas"),
            word,
            flow: false,
            needs_space: value_at == at && !before.ends_with(' '),
        });
    }
    let word_end = |from: usize| {
        let rest = &text[from..line.end];
        from + rest.find(':').unwrap_or(trim_end(rest).len())
    };
    if after_dashes.len() < content.len() {
        // A list item: of the list whose key is above it.
        let (owner, owner_in_ideas) = list_owner(text, &front, line.start, indent)?;
        if owner == "ideas" {
            return Some(Slot::Key {
                idea: true,
                word: item_start..word_end(at).max(at),
            });
        }
        return Some(Slot::Value {
            key: owner,
            idea: owner_in_ideas,
            word: item_start..block_value_end(text, &line, at).max(at),
            flow: false,
            needs_space: false,
        });
    }
    // At the left margin, a key is a top-level one whatever came before.
    Some(Slot::Key {
        idea: idea_block && indent > 0,
        word: line.start + indent..word_end(at).max(at),
    })
}

/// The scalar of a slot as it stands for a value: its quotes taken off.
pub fn unquoted(token: &str) -> &str {
    let token = token.trim();
    for quote in ['\'', '"'] {
        if let Some(inner) = token.strip_prefix(quote) {
            return inner.strip_suffix(quote).unwrap_or(inner);
        }
    }
    token
}

/// In a template, `{{` or `{{ti` just before `at`: where a placeholder
/// being typed starts.
pub fn placeholder_at(text: &str, at: usize) -> Option<usize> {
    if !text.is_char_boundary(at) {
        return None;
    }
    let line = line_around(text, at);
    let before = &text[line.start..at];
    let open = before.rfind('{')?;
    let open = before[..open].strip_suffix('{').map_or(open, |_| open - 1);
    let typed = before[open..].trim_start_matches('{');
    typed
        .chars()
        .all(|c| c.is_ascii_lowercase())
        .then_some(line.start + open)
}

/// The 1-based file lines at which the ideas of `text`'s `ideas:` start,
/// when it is a block list of `count` items; else the `ideas:` key's line
/// for each, or line 1 without one.
pub fn idea_lines(text: &str, count: usize) -> Vec<usize> {
    let stripped = frontmatter::strip_bom(text);
    let Ok(split) = frontmatter::split(stripped) else {
        return vec![1; count];
    };
    let Some(key) = yaml::key_lines_in_order(split.yaml)
        .find(|(key, _)| *key == "ideas")
        .map(|(_, line)| line)
    else {
        return vec![1; count];
    };
    let items = yaml::block_items_after(split.yaml, key);
    if items.len() == count {
        return items.iter().map(|l| split.yaml_line + l - 1).collect();
    }
    vec![split.yaml_line + key - 1; count]
}

/// The top-level keys of the front matter, each with its line.
pub fn top_keys(text: &str) -> Vec<(String, Range<usize>)> {
    let Some(front) = front(text) else {
        return Vec::new();
    };
    lines_from(text, front.yaml.start)
        .take_while(|line| line.start < front.yaml.end)
        .filter_map(|line| Some((top_level_key(text, &line)?.to_string(), line)))
        .collect()
}

/// The byte range of 1-based `line` of `text`, without its line end;
/// the end of the text for a line past it.
pub fn line_range(text: &str, line: usize) -> Range<usize> {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(end) => start += end + 1,
            None => return text.len()..text.len(),
        }
    }
    line_around(text, start)
}

/// The line that holds byte `at`, without its line end.
pub fn line_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// The byte at which the line after the one ending at `end` starts.
fn next_line_start(text: &str, end: usize) -> usize {
    match text[end..].find('\n') {
        Some(i) => end + i + 1,
        None => text.len(),
    }
}

/// The lines of `text` from byte `from`, as byte ranges without line ends.
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let line = line_around(text, at);
        at = next_line_start(text, line.end);
        Some(line)
    })
}

fn trim_end(line: &str) -> &str {
    line.trim_end_matches([' ', '\t', '\r', '\n'])
}

fn spaces(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// `- - x` → `x`: the item markers at the start of a line.
fn strip_dashes(content: &str) -> &str {
    let mut rest = content;
    while let Some(after) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        rest = after.trim_start_matches(' ');
    }
    rest
}

/// `key: …` at the start of `text`: the key and where its value starts.
fn key_before(text: &str) -> Option<(&str, usize)> {
    let name_end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    let rest = text[name_end..].strip_prefix(':')?;
    if name_end == 0 || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((&text[..name_end], name_end + 1))
}

/// Whether `before` (the line up to a position) has opened a comment.
fn comment_starts(before: &str) -> bool {
    let mut quote = None;
    let mut previous = ' ';
    for c in before.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous == ' ' || previous == '\t' => return true,
            _ => {}
        }
        previous = c;
    }
    false
}

/// The end of a block value on `line` whose part before `at` is typed: the
/// line's end, before a comment and trailing spaces.
fn block_value_end(text: &str, line: &Range<usize>, at: usize) -> usize {
    let rest = &text[at..line.end];
    let cut = rest.find(" #").unwrap_or(rest.len());
    at + trim_end(&rest[..cut]).len()
}

/// The top-level key the line starting at `line_start` belongs to: the
/// nearest line at or above it written at the left margin.
fn owning_top_key(text: &str, front: &Front, line_start: usize) -> Option<(usize, String)> {
    let mut at = line_start;
    loop {
        let line = line_around(text, at);
        let content = &text[line.clone()];
        if !content.is_empty() && !content.starts_with([' ', '\t', '-', '#']) {
            // A key, or one being typed.
            let key = key_before(content).map_or("", |(key, _)| key);
            return Some((line.start, key.to_string()));
        }
        if line.start <= front.yaml.start {
            return None;
        }
        at = line.start - 1;
    }
}

/// The top-level key written on `line`, if one is.
fn top_level_key<'t>(text: &'t str, line: &Range<usize>) -> Option<&'t str> {
    let content = &text[line.clone()];
    if content.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    key_before(content).map(|(key, _)| key)
}

/// Whether the line starting at `line_start` is inside the top-level
/// `ideas:` (and is not that key's own line).
fn in_ideas(text: &str, front: &Front, line_start: usize) -> bool {
    owning_top_key(text, front, line_start)
        .is_some_and(|(start, key)| key == "ideas" && start != line_start)
}

/// The key of the block list whose item is the line at `line_start`,
/// indented `indent`, and whether that key is inside `ideas:`.
fn list_owner(
    text: &str,
    front: &Front,
    line_start: usize,
    indent: usize,
) -> Option<(String, bool)> {
    let mut at = line_start;
    while at > front.yaml.start {
        let line = line_around(text, at - 1);
        at = line.start;
        let full = &text[line.clone()];
        let content = full.trim_start_matches(' ');
        let depth = full.len() - content.len();
        if content.is_empty() || content.starts_with('#') || depth > indent {
            continue;
        }
        if depth == indent && (content.starts_with("- ") || content == "-") {
            continue;
        }
        let inner = strip_dashes(content);
        let (key, value_start) = key_before(inner)?;
        if !trim_end(&inner[value_start..]).is_empty() {
            return None;
        }
        let idea = in_ideas(text, front, line.start);
        return Some((key.to_string(), idea));
    }
    None
}

/// A position inside `[ … ]` or `{ … }` on its line: what is typed there,
/// or `None` when the position is not inside brackets.
fn in_flow(text: &str, line: Range<usize>, at: usize, idea_block: bool) -> Option<Option<Slot>> {
    let before = &text[line.start..at];
    // Each open bracket and where its current item starts.
    let mut open: Vec<(char, usize, usize)> = Vec::new();
    let mut quote = None;
    for (i, c) in before.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '{') => open.push((c, i, i + 1)),
            (None, ']' | '}') => {
                open.pop();
            }
            (None, ',') => {
                if let Some(last) = open.last_mut() {
                    last.2 = i + 1;
                }
            }
            _ => {}
        }
    }
    let &(bracket, opened, item) = open.last()?;
    let idea = idea_block || top_level_key(text, &line) == Some("ideas");
    let item_text = &before[item..];
    let item_start = line.start + item + spaces(item_text);
    let rest = &text[at..line.end];
    let end = at + trim_end(&rest[..rest.find([',', ']', '}']).unwrap_or(rest.len())]).len();
    if bracket == '{' {
        let slot = match key_before(item_text.trim_start_matches(' ')) {
            Some((key, value_start)) => {
                let value_at = item_start + value_start;
                Slot::Value {
                    key: key.to_string(),
                    idea,
                    word: (value_at + spaces(&text[value_at..at])).min(at)..end.max(at),
                    flow: true,
                    needs_space: value_at == at && !before.ends_with(' '),
                }
            }
            None if idea => Slot::Key {
                idea,
                word: item_start.min(at)..at + rest.find(':').unwrap_or(end - at),
            },
            None => return Some(None),
        };
        return Some(Some(slot));
    }
    // A flow list: of the key just before its `[`.
    let head = before[..opened].trim_end_matches(' ');
    let head = head.strip_suffix(':')?;
    let key_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    let key = &head[key_start..];
    if key.is_empty() || key == "ideas" {
        return Some(None);
    }
    Some(Some(Slot::Value {
        key: key.to_string(),
        idea,
        word: item_start.min(at)..end.max(at),
        flow: true,
        needs_space: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slot at the `|` of `text` (which is taken out), with its word.
    fn slot(marked: &str) -> (Option<Slot>, String) {
        let at = marked.find('|').unwrap();
        let text = marked.replacen('|', "", 1);
        let slot = slot_at(&text, at);
        let word = slot
            .as_ref()
            .map(|s| text[s.word()].to_string())
            .unwrap_or_default();
        (slot, word)
    }

    fn value(marked: &str) -> (String, bool, String) {
        match slot(marked) {
            (Some(Slot::Value { key, idea, .. }), word) => (key, idea, word),
            other => panic!("{marked}: {other:?}"),
        }
    }

    fn key(marked: &str) -> (bool, String) {
        match slot(marked) {
            (Some(Slot::Key { idea, .. }), word) => (idea, word),
            other => panic!("{marked}: {other:?}"),
        }
    }

    const HEAD: &str = "---\ndate: 2026-01-01\n";

    #[test]
    fn values_of_keys() {
        let v = |s: &str| value(&format!("{HEAD}{s}\n---\nbody\n"));
        assert_eq!(v("kind: fro|"), ("kind".into(), false, "fro".into()));
        assert_eq!(
            v("kind: fr|ontlien"),
            ("kind".into(), false, "frontlien".into())
        );
        assert_eq!(
            v("site: Cub Foods, Min|"),
            ("site".into(), false, "Cub Foods, Min".into())
        );
        assert_eq!(
            v("tags: [mobile, pri|]"),
            ("tags".into(), false, "pri".into())
        );
        assert_eq!(
            v("tags: [mob|ile, x]"),
            ("tags".into(), false, "mobile".into())
        );
        assert_eq!(
            v("tags:\n  - mobile\n  - pr|"),
            ("tags".into(), false, "pr".into())
        );
        assert_eq!(v("tags:\n- pr|"), ("tags".into(), false, "pr".into()));
        assert_eq!(v("people: [Ann, |]"), ("people".into(), false, "".into()));
        assert_eq!(v("ideas:\n  - id: ais|"), ("id".into(), true, "ais".into()));
        assert_eq!(
            v("ideas:\n  - title: T\n    status: pl|"),
            ("status".into(), true, "pl".into())
        );
        assert_eq!(
            v("ideas:\n  - title: T\n    tags: [a, |b]"),
            ("tags".into(), true, "b".into())
        );
        assert_eq!(
            v("ideas:\n  - title: T\n    tags:\n      - mo|"),
            ("tags".into(), true, "mo".into())
        );
        assert_eq!(
            v("ideas: [{ title: T, status: ne| }]"),
            ("status".into(), true, "ne".into())
        );
        assert_eq!(
            v("ideas:\n- { id: f|, x: y }"),
            ("id".into(), true, "f".into())
        );
        assert_eq!(v("kind: 'peer|'"), ("kind".into(), false, "'peer'".into()));
    }

    #[test]
    fn keys() {
        let k = |s: &str| key(&format!("{HEAD}{s}\n---\n"));
        assert_eq!(k("ki|"), (false, "ki".into()));
        assert_eq!(k("|"), (false, "".into()));
        assert_eq!(k("ideas:\n  - sta|"), (true, "sta".into()));
        assert_eq!(k("ideas:\n  - title: T\n    ow|"), (true, "ow".into()));
        assert_eq!(k("ideas:\n  - { title: T, st| }"), (true, "st".into()));
        assert_eq!(k("ideas:\n  - title: T\nta|"), (false, "ta".into()));
        assert_eq!(k("si|te: X"), (false, "site".into()));
    }

    #[test]
    fn nothing_outside_the_front_matter_or_in_comments() {
        assert_eq!(slot("---\nkind: peer\n---\nki|").0, None);
        assert_eq!(slot("kind: pe|").0, None);
        assert_eq!(slot("---\nkind: peer # a com|").0, None);
        assert_eq!(slot("---\n# ki|\n---\n").0, None);
        assert_eq!(slot("---\nideas: [A tit|le]\n---\n").0, None);
        // Unclosed while it is typed: the end of the text is inside.
        assert_eq!(slot("---\nki|").1, "ki");
    }

    #[test]
    fn right_after_a_colon_a_value_needs_a_space() {
        let at = "---\nkind:".len();
        match slot_at("---\nkind:\n---\n", at) {
            Some(Slot::Value { needs_space, .. }) => assert!(needs_space),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn placeholders() {
        let p = |marked: &str| {
            let at = marked.find('|').unwrap();
            placeholder_at(&marked.replacen('|', "", 1), at)
        };
        assert_eq!(p("# {{ti|"), Some(2));
        assert_eq!(p("# {|"), Some(2));
        assert_eq!(p("# {{title}} |"), None);
        assert_eq!(p("# no|"), None);
    }

    #[test]
    fn lines_of_ideas() {
        let text = "---\ndate: 2026-01-01\nideas:\n  - A\n  - id: b\n    title: B\n---\n";
        assert_eq!(idea_lines(text, 2), [4, 5]);
        assert_eq!(idea_lines(text, 3), [3, 3, 3]);
        assert_eq!(idea_lines("---\nideas: [A]\n---\n", 1), [2]);
        assert_eq!(idea_lines("no front matter", 1), [1]);
    }

    #[test]
    fn fronts() {
        assert_eq!(
            front("---\na: b\n---\nbody"),
            Some(Front {
                yaml: 4..9,
                closed: true
            })
        );
        assert_eq!(
            front("\u{feff}---\r\na: b\r\n...\r\n").map(|f| f.yaml),
            Some(8..14)
        );
        assert_eq!(front("# title"), None);
    }
}
