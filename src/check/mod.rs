//! `insight check`'s findings: errors that make an entry unreadable, and
//! warnings about what is probably a mistake. Pure: texts in, diagnostics out.

pub mod look_alike;

use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::model::config::Config;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::entry::{self, Entry, IDEA_KEYS, KNOWN_KEYS};
use crate::model::idea::normalize;
use crate::model::journal::Bodies;
use crate::model::suggest::{did_you_mean, edit_distance};
use crate::model::tags::TagNumbers;
use crate::model::text::{AddressHasher, ByCopy, Seeded, Shared, Text};
use crate::parse::frontmatter;
use crate::parse::lines::LineIndex;
use crate::parse::yaml::{self, Node, scalars};
use crate::read::reader::Contents;
use look_alike::look_alike;

/// One file after checking: its entry if it is readable, and what was found.
pub struct Checked {
    pub path: String,
    pub entry: Option<Entry>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where each tag value first stands in the file: (line, column).
    tag_positions: HashMap<Text, (usize, usize), Seeded>,
    /// File lines of the front matter's top-level keys, which are the
    /// same few in every entry: shared texts, not a string each.
    key_lines: HashMap<Text, usize, Seeded>,
    /// The file line where each idea of `ideas:` starts, when written one per line.
    idea_lines: Vec<usize>,
}

impl Checked {
    /// A file that could not be read as text.
    pub fn unreadable(path: &str, problem: Diagnostic) -> Checked {
        Checked {
            path: path.to_string(),
            entry: None,
            diagnostics: vec![problem],
            tag_positions: HashMap::default(),
            key_lines: HashMap::default(),
            idea_lines: Vec::new(),
        }
    }

    /// An entry read without problems, as another entry's checks see it:
    /// its tags and ideas, without their places in its file.
    pub fn parsed(entry: Entry) -> Checked {
        Checked {
            path: entry.path.clone(),
            entry: Some(entry),
            diagnostics: Vec::new(),
            tag_positions: HashMap::default(),
            key_lines: HashMap::default(),
            idea_lines: Vec::new(),
        }
    }

    /// Names the file as a union of journals names it (see [`crate::read::union`]).
    pub fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        self.path = format!("{label}/{}", self.path);
        for d in &mut self.diagnostics {
            crate::read::union::relabel_diagnostic(d, label);
        }
        if let Some(entry) = &mut self.entry {
            crate::read::union::relabel_entry(entry, label, shared_ids);
        }
    }

    /// The line of the entry's idea at `position`, else of the `ideas:` key.
    fn idea_line(&self, position: usize) -> usize {
        self.idea_lines
            .get(position)
            .copied()
            .unwrap_or_else(|| self.key_line("ideas"))
    }

    fn key_line(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }

    fn warn(
        &mut self,
        line: usize,
        column: usize,
        code: &'static str,
        message: String,
        hint: Option<String>,
    ) {
        self.diagnostics
            .push(warning(&self.path, line, column, code, message, hint));
    }

    /// The position of tag `value`, else of the `tags:` key.
    fn tag_position(&self, value: &str) -> (usize, usize) {
        self.tag_positions
            .get(value)
            .copied()
            .unwrap_or((self.key_line("tags"), 1))
    }
}

fn warning(
    path: &str,
    line: usize,
    column: usize,
    code: &'static str,
    message: String,
    hint: Option<String>,
) -> Diagnostic {
    Diagnostic {
        path: path.to_string(),
        line,
        column,
        severity: Severity::Warning,
        code,
        message,
        hint,
    }
}

/// Checks one entry on its own. To check many, make one [`Checker`].
pub fn check_entry(path: &str, text: &str, config: &Config, today: Date) -> Checked {
    Checker::new(config, today).check_entry(path, text)
}

/// What checking entries needs from the settings, prepared once per journal.
pub struct Checker<'a> {
    config: &'a Config,
    today: Date,
    /// Whether a checked entry keeps its body: `diff` compares bodies,
    /// `check` does not need them.
    bodies: Bodies,
    /// The `tags:` vocabulary, when there is one.
    vocabulary: Option<Vocabulary>,
}

/// The journal's tag list, ready to tell whether a tag is in it and, if not,
/// which listed tag it looks like.
struct Vocabulary {
    /// Normalized (`tags::normalize`).
    known: HashSet<String>,
    look_alikes: look_alike::Index,
}

impl<'a> Checker<'a> {
    pub fn new(config: &'a Config, today: Date) -> Checker<'a> {
        let vocabulary = (!config.tags.is_empty()).then(|| {
            let normalized: Vec<String> = config
                .tags
                .iter()
                .map(|t| crate::model::tags::normalize(t))
                .collect();
            let words: Vec<&str> = normalized.iter().map(String::as_str).collect();
            Vocabulary {
                look_alikes: look_alike::Index::new(&words),
                known: normalized.iter().cloned().collect(),
            }
        });
        Checker {
            config,
            today,
            bodies: Bodies::Keep,
            vocabulary,
        }
    }

    /// A checker whose checked entries keep their bodies or not (they do
    /// unless told otherwise).
    pub fn bodies(self, bodies: Bodies) -> Checker<'a> {
        Checker { bodies, ..self }
    }

    /// Checks one entry from its text, or reports why it has none.
    pub fn check_text(&self, path: &str, text: Contents) -> Checked {
        match text {
            Ok(text) => self.check_entry(path, text),
            Err(problem) => Checked::unreadable(path, problem),
        }
    }

    /// Checks one entry on its own; the warnings that need the whole journal
    /// come from [`journal_warnings`].
    pub fn check_entry(&self, path: &str, text: &str) -> Checked {
        let mut checked = Checked {
            path: path.to_string(),
            entry: None,
            diagnostics: Vec::new(),
            tag_positions: HashMap::default(),
            key_lines: HashMap::default(),
            idea_lines: Vec::new(),
        };
        match entry::parse_with_tree(path, text, self.config) {
            Ok((mut entry, root, split)) => {
                if self.bodies == Bodies::Keep {
                    entry.body = split.body.to_string();
                }
                // The split is of the text without its byte-order mark.
                locate(&mut checked, &entry, frontmatter::strip_bom(text), &split);
                self.entry_warnings(&mut checked, &entry);
                list_warnings(&mut checked, &root);
                checked.entry = Some(entry);
            }
            Err(errors) => checked.diagnostics = errors,
        }
        checked
    }

    fn entry_warnings(&self, checked: &mut Checked, entry: &Entry) {
        let declared = |key: &Text| self.config.extra_keys.iter().any(|k| *k == **key);
        for key in entry.unknown_keys.iter().filter(|k| !declared(k)) {
            let hint = did_you_mean(key, &KNOWN_KEYS).map(|k| format!("did you mean `{k}`?"));
            let line = checked.key_line(key);
            checked.warn(
                line,
                1,
                "unknown-key",
                format!("unknown key `{key}`; insight ignores it"),
                hint,
            );
        }
        for idea in &entry.ideas {
            for key in idea.unknown_keys.iter().filter(|k| !declared(k)) {
                let hint = did_you_mean(key, &IDEA_KEYS).map(|k| format!("did you mean `{k}`?"));
                let line = checked.key_line("ideas");
                let message = format!(
                    "idea `{}`: unknown key `{key}`; insight ignores it",
                    idea.label()
                );
                checked.warn(line, 1, "unknown-key", message, hint);
            }
        }
        if let Some(vocabulary) = &self.vocabulary {
            self.outside_vocabulary(vocabulary, checked, entry);
        }
        let date_line = checked.key_line("date");
        if let Some(named) = date_in_file_name(&entry.path).filter(|d| *d != entry.date) {
            let message = format!("the file name says {named} but `date` is {}", entry.date);
            let hint = Some("rename the file or correct the date".to_string());
            checked.warn(date_line, 1, "file-name-date", message, hint);
        }
        if entry.date > self.today {
            let message = format!("`date` {} is after today ({})", entry.date, self.today);
            checked.warn(
                date_line,
                1,
                "future-date",
                message,
                Some("is the year right?".into()),
            );
        }
    }

    fn outside_vocabulary(&self, vocabulary: &Vocabulary, checked: &mut Checked, entry: &Entry) {
        for tag in tags_of(entry) {
            // `mobile/app` is fine when `mobile/app` or `mobile` is in the list.
            let parents = crate::model::tags::with_parents(tag);
            if parents.iter().any(|p| vocabulary.known.contains(p)) {
                continue;
            }
            let tag_key = crate::model::tags::normalize(tag);
            let listed = &self.config.tags;
            let near = vocabulary
                .look_alikes
                .candidates(&tag_key)
                .into_iter()
                .filter(|&i| look_alike(&crate::model::tags::normalize(&listed[i]), &tag_key))
                .min();
            let hint = match near {
                Some(i) => format!("did you mean `{}`?", listed[i]),
                None => "add it to `tags:` in insight.yaml if it is meant".into(),
            };
            let (line, column) = checked.tag_position(tag);
            let message = format!("tag `{tag}` is not in the journal's tag list");
            checked.warn(line, column, "unknown-tag", message, Some(hint));
        }
    }
}

/// Finds where the keys, ideas and tags of the front matter are written, in
/// one pass over the text.
fn locate(checked: &mut Checked, entry: &Entry, text: &str, split: &frontmatter::Split) {
    // The first line of each key, straight into the table the checks ask.
    for (key, line) in yaml::key_lines_in_order(split.yaml) {
        checked
            .key_lines
            .entry(Text::new(key))
            .or_insert(split.yaml_line + line - 1);
    }
    if let Some(&ideas) = checked.key_lines.get("ideas") {
        let items = yaml::block_items_after(split.yaml, ideas + 1 - split.yaml_line);
        if items.len() == entry.ideas.len() {
            checked.idea_lines = items.iter().map(|l| split.yaml_line + l - 1).collect();
        }
    }
    // Tags are in the front matter: lines past it are never asked for.
    let mut lines = LineIndex::new(&text[..split.yaml_offset + split.yaml.len()]);
    for scalar in scalars::tag_scalars(split.yaml) {
        let position = lines.line_column(split.yaml_offset + scalar.span.start);
        checked
            .tag_positions
            .entry(Text::new(&scalar.value))
            .or_insert(position);
    }
}

/// `people: Mei Chen, Sam O'Neil` is one person and `tags: mobile, pricing`
/// one tag: a single text stands for a list of one. When that text holds a
/// comma, it was probably meant as a list.
fn list_warnings(checked: &mut Checked, root: &Node) {
    // (key, line, text) of every list written as one text.
    let mut lists: Vec<(&str, usize, &str)> = Vec::new();
    for key in ["people", "tags"] {
        if let Some(Node::Str(text)) = root.get(key) {
            lists.push((key, checked.key_line(key), text));
        }
    }
    if let Some(Node::Seq(ideas)) = root.get("ideas") {
        for (position, idea) in ideas.iter().enumerate() {
            if let Some(Node::Str(text)) = idea.get("tags") {
                lists.push(("tags", checked.idea_line(position), text));
            }
        }
    }
    for (key, line, text) in lists.into_iter().filter(|(_, _, text)| text.contains(',')) {
        let items: Vec<String> = text
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(flow_item)
            .collect();
        let one = if key == "people" { "person" } else { "tag" };
        let message = format!("`{text}` is one {one}, not a list");
        let hint = Some(format!(
            "for several, write a list: `{key}: [{}]`",
            items.join(", ")
        ));
        checked.warn(line, 1, "comma-in-text", message, hint);
    }
}

/// An item of a `[ … ]` list as YAML reads it back: plain when that is safe.
fn flow_item(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '/' | '.' | '\''))
        && !text.starts_with(['\'', '-', '.']);
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "''"))
    }
}

fn date_in_file_name(path: &str) -> Option<Date> {
    let name = path.rsplit('/').next()?;
    crate::model::period::parse_date(name.get(..10)?)
}

/// Warnings that need the whole journal: tags that look alike, and one idea
/// `id` under several titles. Added to the entries they concern.
pub fn journal_warnings(checked: &mut [Checked]) {
    look_alike_tags(checked);
    idea_titles(checked);
}

fn tags_of(entry: &Entry) -> impl Iterator<Item = &Text> {
    entry
        .tags
        .iter()
        .chain(entry.ideas.iter().flat_map(|i| &i.tags))
}

fn look_alike_tags(checked: &mut [Checked]) {
    // Each copy of a tag (see `ByCopy`) is normalized once, not at each use.
    let mut normalized: ByCopy<Text, Text> = ByCopy::default();
    let mut normalize = |tag: &Text| {
        normalized
            .get_or_insert_with(tag, |tag| Text::new(&crate::model::tags::normalize(tag)))
            .clone()
    };
    let uses = tag_uses(checked.iter().filter_map(|c| c.entry.as_ref()));
    // Most used first; among equals, A to Z. A rarer tag probably meant the
    // best-ranked tag that looks like it.
    let mut ranked: Vec<(&str, usize)> = uses.iter().map(|(t, n)| (t.as_str(), *n)).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<&str> = ranked.iter().map(|(tag, _)| *tag).collect();
    let meant: HashMap<&str, (&str, usize)> = look_alike::better_look_alikes(&words)
        .into_iter()
        .zip(&ranked)
        .filter_map(|(better, (tag, _))| better.map(|b| (*tag, ranked[b])))
        .collect();
    if meant.is_empty() {
        return;
    }
    for c in checked.iter_mut() {
        let Some(entry) = &c.entry else {
            continue;
        };
        let mut warned = HashSet::new();
        let mut found = Vec::new();
        for tag in tags_of(entry) {
            let lower = normalize(tag);
            let Some((common, common_uses)) = meant.get(lower.as_str()) else {
                continue;
            };
            if !warned.insert(lower) {
                continue;
            }
            let (line, column) = c.tag_position(tag);
            let entries = if *common_uses == 1 {
                "entry"
            } else {
                "entries"
            };
            let message = format!("tag `{tag}` looks like `{common}` (in {common_uses} {entries})");
            let hint = Some(format!(
                "if they are the same, run `insight tags rename {} {}`",
                shell_word(tag),
                shell_word(common)
            ));
            found.push(warning(
                &c.path,
                line,
                column,
                "look-alike-tag",
                message,
                hint,
            ));
        }
        c.diagnostics.extend(found);
    }
}

/// How many of `entries` carry each tag, normalized, with the tag.
fn tag_uses<'e>(entries: impl Iterator<Item = &'e Entry>) -> Vec<(String, usize)> {
    let mut numbers = TagNumbers::new(|tag| vec![crate::model::tags::normalize(tag)]);
    let mut counts: Vec<usize> = Vec::new();
    let mut in_entry: Vec<usize> = Vec::new();
    for entry in entries {
        in_entry.clear();
        for tag in tags_of(entry) {
            in_entry.extend_from_slice(numbers.of(tag));
        }
        in_entry.sort_unstable();
        in_entry.dedup();
        counts.resize(numbers.count(), 0);
        for &number in &in_entry {
            counts[number] += 1;
        }
    }
    numbers.into_names().into_iter().zip(counts).collect()
}

/// A word as a shell reads it: quoted unless it is plainly safe.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.');
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// An idea `id` is named by the first title it was given. A mention by `id`
/// alone is fine when some mention of that id has a title (an error when
/// none has); a mention whose title reads like another idea is a warning.
fn idea_titles(checked: &mut [Checked]) {
    // In date order (then by path), compared in place: a key made for each
    // comparison would copy a path each time.
    fn date_and_path(c: &Checked) -> Option<(Date, &str)> {
        c.entry.as_ref().map(|e| (e.date, e.path.as_str()))
    }
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by(|&a, &b| date_and_path(&checked[a]).cmp(&date_and_path(&checked[b])));
    // The first title each id was given, and where.
    let mut first: HashMap<Text, (Text, String), Seeded> = HashMap::default();
    for &i in &order {
        let Some(entry) = &checked[i].entry else {
            continue;
        };
        for idea in &entry.ideas {
            if let (Some(id), Some(title)) = (&idea.id, &idea.title) {
                first
                    .entry(id.clone())
                    .or_insert_with(|| (title.clone(), entry.path.clone()));
            }
        }
    }
    // Titles repeat: each pair of copies of a first title and a title is
    // compared once, not at every mention (a comparison splits both titles
    // into words).
    let mut compared: HashMap<(usize, usize), bool, BuildHasherDefault<AddressHasher>> =
        HashMap::default();
    let mut read_differently = |canonical: &Text, title: &Text| {
        *compared
            .entry((canonical.address(), title.address()))
            .or_insert_with(|| looks_like_another_idea(canonical, title))
    };
    for &i in &order {
        let c = &mut checked[i];
        let Some(entry) = &c.entry else {
            continue;
        };
        let mut found = Vec::new();
        let mut untitled_reported = Vec::new();
        for (position, idea) in entry.ideas.iter().enumerate() {
            let Some(id) = &idea.id else { continue };
            let line = c.idea_line(position);
            match (first.get(id.as_str()), &idea.title) {
                (None, _) if !untitled_reported.contains(&id) => {
                    untitled_reported.push(id);
                    let mut d = Diagnostic::error(
                        &c.path,
                        line,
                        1,
                        "idea-without-title",
                        format!("idea `{id}` has no title here or in any other entry"),
                    );
                    d.hint = Some(format!(
                        "add `title:` to this mention (or to the one that raised `{id}`), or check the id's spelling"
                    ));
                    found.push(d);
                }
                (Some((canonical, path)), Some(title)) if read_differently(canonical, title) => {
                    let message = format!(
                        "idea `{id}` is called `{title}` here but was raised as `{canonical}` ({path}); they read like different ideas"
                    );
                    let hint = Some(
                        "give a different idea an id of its own; if it is the same idea, word the titles alike".into(),
                    );
                    found.push(warning(&c.path, line, 1, "idea-title", message, hint));
                }
                _ => {}
            }
        }
        c.diagnostics.extend(found);
    }
}

/// Whether two titles given to one id share so few words that they probably
/// name different ideas. `Finder` and `Store finder app` are one idea;
/// `Aisle finder` and `Split billing` are two. Words a letter apart count as
/// shared, and scripts written without spaces compare character by character.
pub fn looks_like_another_idea(a: &str, b: &str) -> bool {
    let (a, b) = (title_words(a), title_words(b));
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return false;
    }
    let shared = a
        .iter()
        .filter(|x| b.iter().any(|y| same_word(x, y)))
        .count()
        .min(smaller);
    shared * 2 < smaller
}

/// The words of a title that carry meaning: no filler, and one "word" per
/// character in scripts written without spaces.
fn title_words(title: &str) -> Vec<String> {
    const FILLER: [&str; 8] = ["the", "and", "for", "with", "from", "into", "our", "their"];
    let mut words = Vec::new();
    for word in normalize(title).split(' ').filter(|w| !w.is_empty()) {
        if word.chars().any(is_unspaced_script) {
            words.extend(word.chars().map(String::from));
        } else if word.chars().count() > 2 && !FILLER.contains(&word) {
            words.push(word.to_string());
        }
    }
    words
}

/// Han, kana and Hangul: written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

fn same_word(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count().min(b.chars().count()) >= 4
            && (a.starts_with(b) || b.starts_with(a) || edit_distance(a, b) == 1))
}

/// Problems in `insight.yaml` that parse fine but are probably mistakes.
pub fn config_warnings(path: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    const SETTINGS: [&str; 14] = [
        "include",
        "label",
        "shared_ids",
        "extra_keys",
        "me",
        "name",
        "entries",
        "templates",
        "kinds",
        "statuses",
        "fiscal_year_start",
        "tags",
        "people",
        "targets",
    ];
    let text = frontmatter::strip_bom(text);
    let mut found = Vec::new();
    let key_lines: HashMap<&str, usize, Seeded> = yaml::first_key_lines(text);
    let line = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    if let Ok(yaml::Node::Map(pairs)) = yaml::parse(text) {
        let known: Vec<String> = SETTINGS.map(String::from).to_vec();
        for (key, _) in pairs.iter().filter(|(k, _)| !SETTINGS.contains(&&**k)) {
            let hint = did_you_mean(key, &known).map(|k| format!("did you mean `{k}`?"));
            found.push(warning(
                path,
                line(key),
                1,
                "unknown-setting",
                format!("unknown setting `{key}`"),
                hint,
            ));
        }
    }
    for (key, list) in [("kinds", &config.kinds), ("statuses", &config.statuses)] {
        let mut seen = HashSet::new();
        for item in list {
            if !seen.insert(item.to_lowercase()) {
                let message = format!("`{item}` is listed twice in `{key}`");
                found.push(warning(
                    path,
                    line(key),
                    1,
                    "duplicate-setting",
                    message,
                    Some("remove one".into()),
                ));
            }
        }
    }
    let groups: HashSet<&str> = config
        .people
        .iter()
        .filter_map(|p| p.group.as_deref())
        .collect();
    for target in config
        .targets
        .iter()
        .filter(|t| !groups.contains(t.group.as_str()))
    {
        let message = format!(
            "there is a target for group `{}`, but nobody in `people` is in it",
            target.group
        );
        let hint = Some(format!(
            "give someone `group: {}`, or check the group's spelling",
            target.group
        ));
        found.push(warning(
            path,
            line("targets"),
            1,
            "empty-group",
            message,
            hint,
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::Idea;
    use crate::model::text::Texts;
    use jiff::civil::date;
    use std::collections::{BTreeMap, BTreeSet};

    const TODAY: Date = date(2026, 11, 22);

    fn messages(checked: &Checked) -> Vec<String> {
        checked
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn warns_about_probable_mistakes() {
        let config = Config::parse("tags: [mobile, pricing]\n").unwrap();
        let text = "---\ndate: 2027-01-02\nkind: frontline\nsite: X\ntag: oops\ntags: [mobile/app, prcing]\n\
                    ideas:\n  - { title: T, staus: new }\n---\n";
        let checked = check_entry("visits/2026-01-02-x.md", text, &config, TODAY);
        assert_eq!(
            messages(&checked),
            [
                "visits/2026-01-02-x.md:5:1: warning: unknown key `tag`; insight ignores it",
                "visits/2026-01-02-x.md:7:1: warning: idea `T`: unknown key `staus`; insight ignores it",
                "visits/2026-01-02-x.md:6:20: warning: tag `prcing` is not in the journal's tag list",
                "visits/2026-01-02-x.md:2:1: warning: the file name says 2026-01-02 but `date` is 2027-01-02",
                "visits/2026-01-02-x.md:2:1: warning: `date` 2027-01-02 is after today (2026-11-22)",
            ]
        );
        let hints: Vec<Option<&str>> = checked
            .diagnostics
            .iter()
            .map(|d| d.hint.as_deref())
            .collect();
        assert_eq!(hints[0], Some("did you mean `tags`?"));
        assert_eq!(hints[1], Some("did you mean `status`?"));
        assert_eq!(hints[2], Some("did you mean `pricing`?"));
    }

    #[test]
    fn hints_quote_what_a_shell_would_split() {
        assert_eq!(shell_word("self-service"), "self-service");
        assert_eq!(shell_word("self service"), "'self service'");
        assert_eq!(shell_word("#1 it's"), "'#1 it'\\''s'");
    }

    #[test]
    fn journal_wide_warnings_land_on_the_rarer_tag_and_the_later_title() {
        let config = Config::default();
        let entry = |name: &str, day: &str, tags: &str, ideas: &str| {
            let text = format!(
                "---\ndate: {day}\nkind: peer\nsite: S\ntags: {tags}\nideas: {ideas}\n---\n"
            );
            check_entry(name, &text, &config, TODAY)
        };
        let mut checked = vec![
            entry(
                "a.md",
                "2026-01-01",
                "[mobile]",
                "[{ id: f, title: Finder }]",
            ),
            entry(
                "b.md",
                "2026-02-01",
                "[mobile]",
                "[{ id: f, title: finder! }]",
            ),
            entry(
                "c.md",
                "2026-03-01",
                "[moble]",
                "[{ id: f, title: Store finder }]",
            ),
        ];
        journal_warnings(&mut checked);
        assert!(messages(&checked[0]).is_empty());
        assert!(
            messages(&checked[1]).is_empty(),
            "{:?}",
            messages(&checked[1])
        );
        assert_eq!(
            messages(&checked[2]),
            ["c.md:5:8: warning: tag `moble` looks like `mobile` (in 2 entries)"]
        );
    }

    #[test]
    fn titles_that_read_like_another_idea() {
        for (a, b) in [
            ("Finder", "Store finder app"),
            ("Aisle finder in the mobile app", "Aisle-finder app"),
            ("Aisle finder", "Aisle fnder"),
            ("Scan and go in the mobile app", "Scan-and-go in the app"),
            ("为外包客户提供自助数据提取接口", "自助数据提取接口"),
        ] {
            assert!(!looks_like_another_idea(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Aisle finder", "Split billing for two payers"),
            (
                "Aisle finder in the mobile app",
                "Split the bill in the app",
            ),
            ("为外包客户提供自助数据提取接口", "制定收费原则"),
        ] {
            assert!(looks_like_another_idea(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_mention_by_id_needs_a_title_somewhere() {
        let config = Config::default();
        let entry = |name: &str, day: &str, ideas: &str| {
            let text = format!("---\ndate: {day}\nkind: peer\nsite: S\nideas:\n{ideas}---\n");
            check_entry(name, &text, &config, TODAY)
        };
        let mut checked = vec![
            entry("a.md", "2026-01-01", "  - id: f\n    status: new\n"),
            entry(
                "b.md",
                "2026-02-01",
                "  - Other\n  - { id: f, title: Finder }\n",
            ),
            entry("c.md", "2026-03-01", "  - id: g\n  - id: g\n"),
        ];
        journal_warnings(&mut checked);
        assert!(
            messages(&checked[0]).is_empty(),
            "{:?}",
            messages(&checked[0])
        );
        assert!(messages(&checked[1]).is_empty());
        assert_eq!(
            messages(&checked[2]),
            ["c.md:6:1: error: idea `g` has no title here or in any other entry"]
        );
    }

    #[test]
    fn settings_warnings() {
        let text = "kinds: [frontline, peer, Peer]\nfiscal_yaer_start: 7\npeople:\n  - { name: A, group: execs }\ntargets:\n  executives: { entries_per_year: 2 }\n";
        let config = Config::parse(text).unwrap();
        let found: Vec<String> = config_warnings("insight.yaml", text, &config)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "insight.yaml:2:1: warning: unknown setting `fiscal_yaer_start`",
                "insight.yaml:1:1: warning: `Peer` is listed twice in `kinds`",
                "insight.yaml:5:1: warning: there is a target for group `executives`, but nobody in `people` is in it",
            ]
        );
    }

    /// Each entry's tags and its ideas' tags, normalized, once per entry.
    fn uses_entry_by_entry(entries: &[Entry]) -> BTreeMap<String, usize> {
        let mut uses = BTreeMap::new();
        for entry in entries {
            let seen: BTreeSet<String> = tags_of(entry)
                .map(|tag| crate::model::tags::normalize(tag))
                .collect();
            for tag in seen {
                *uses.entry(tag).or_default() += 1;
            }
        }
        uses
    }

    proptest::proptest! {
        /// Numbering each copy of a tag once gives what counting entry by
        /// entry gives: tags in either case, nested, with spaces around or a
        /// trailing `/`, repeated, in lists shared between entries or made
        /// on another thread (a copy of its own, as two loading threads
        /// make), and in none to three ideas as well as the entry.
        #[test]
        fn tag_uses_count_as_entry_by_entry(
            lists in proptest::collection::vec(
                proptest::collection::vec(" ?(Mobile|mobile|tv|TV)(/(App|app))?/? ?", 0..4),
                1..6,
            ),
            picks in proptest::collection::vec(
                (0usize..6, 0u8..3, proptest::collection::vec(0usize..6, 0..4)),
                0..30,
            ),
        ) {
            let made: Vec<Texts> = lists
                .iter()
                .map(|tags| tags.iter().map(|t| Text::from(t.as_str())).collect())
                .collect();
            let idea = |tags: &Texts| Idea {
                id: None,
                title: Some("Aisle finder".into()),
                status: None,
                tags: tags.clone(),
                owner: None,
                unknown_keys: Texts::default(),
            };
            let entries: Vec<Entry> = picks
                .iter()
                .map(|(pick, sharing, idea_picks)| {
                    let from = &made[pick % made.len()];
                    let mut entry = crate::query::tests::entry("a.md", date(2026, 1, 1), "A", &[]);
                    entry.tags = match sharing {
                        0 => from.clone(),
                        1 => from.iter().cloned().collect(),
                        _ => crate::model::text::copy_made_elsewhere(from),
                    };
                    let ideas: Vec<Idea> =
                        idea_picks.iter().map(|&i| idea(&made[i % made.len()])).collect();
                    entry.ideas = ideas.into();
                    entry
                })
                .collect();
            let counted: BTreeMap<String, usize> = tag_uses(entries.iter()).into_iter().collect();
            proptest::prop_assert_eq!(counted, uses_entry_by_entry(&entries));
        }
    }
}
