//! One entry checked: the errors that make it unreadable, and the warnings
//! about what is probably a mistake in it alone.

use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

use super::look_alike::{self, look_alike};
use crate::model::config::Config;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::entry::{self, Entry, IDEA_KEYS, KNOWN_KEYS};
use crate::model::journal::Bodies;
use crate::model::privacy;
use crate::model::suggest::did_you_mean;
use crate::model::text::{Seeded, Text};
use crate::parse::frontmatter;
use crate::parse::lines::LineIndex;
use crate::parse::yaml::{self, Node, scalars};
use crate::read::reader::Contents;

/// One file after checking: its entry if it is readable, and what was found.
pub struct Checked {
    pub path: String,
    pub entry: Option<Entry>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where its keys, tags and ideas stand in the file, when looked for:
    /// not for an entry known clean (a check of 100,000 such entries held
    /// 16 MB of empty tables).
    places: Option<Box<Places>>,
    /// The file line of `date:`.
    date_line: usize,
    /// Whether the places above were found in the file; not for an entry
    /// the last check found nothing wrong with (see [`Checked::clean`]).
    places_known: bool,
}

/// Where a file's keys, tags and ideas stand.
#[derive(Default)]
struct Places {
    /// Where each tag value first stands in the file: (line, column).
    tag_positions: HashMap<Text, (usize, usize), Seeded>,
    /// File lines of the front matter's top-level keys, which are the
    /// same few in every entry: shared texts, not a string each.
    key_lines: HashMap<Text, usize, Seeded>,
    /// The file line where each idea of `ideas:` starts, when written one per line.
    idea_lines: Vec<usize>,
}

/// The one warning about an entry that depends on the day of the check.
pub const FUTURE_DATE: &str = "future-date";

impl Checked {
    /// A file that could not be read as text.
    pub fn unreadable(path: &str, problem: Diagnostic) -> Checked {
        Checked {
            diagnostics: vec![problem],
            ..Checked::empty(path)
        }
    }

    /// An entry the last check found nothing wrong with, its `date:` on
    /// `date_line`: known from the index, its file unread. Where its tags
    /// and ideas stand is not known; see [`Checked::places_known`].
    pub fn clean(path: &str, date_line: usize) -> Checked {
        Checked {
            date_line,
            places_known: false,
            ..Checked::empty(path)
        }
    }

    fn empty(path: &str) -> Checked {
        Checked {
            path: path.to_string(),
            entry: None,
            diagnostics: Vec::new(),
            places: None,
            date_line: 1,
            places_known: true,
        }
    }

    /// Whether the places of its keys, tags and ideas were found in its
    /// file, for the warnings that need the whole journal to point at.
    pub fn places_known(&self) -> bool {
        self.places_known
    }

    /// The line of `date:`, when nothing is wrong with the entry but,
    /// perhaps, a date after today: what the next check needs to know
    /// of it (see [`crate::read::cache::checks`]).
    pub fn clean_date_line(&self) -> Option<usize> {
        let only_the_date = self.diagnostics.iter().all(|d| d.code == FUTURE_DATE);
        only_the_date.then_some(self.date_line)
    }

    /// An entry read without problems, as another entry's checks see it:
    /// its tags and ideas, without their places in its file.
    pub fn parsed(entry: Entry) -> Checked {
        let path = entry.path.clone();
        Checked {
            entry: Some(entry),
            ..Checked::empty(&path)
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
    pub(super) fn idea_line(&self, position: usize) -> usize {
        let places = self.places.as_deref();
        places
            .and_then(|p| p.idea_lines.get(position).copied())
            .unwrap_or_else(|| self.key_line("ideas"))
    }

    pub(super) fn key_line(&self, key: &str) -> usize {
        let places = self.places.as_deref();
        places
            .and_then(|p| p.key_lines.get(key).copied())
            .unwrap_or(1)
    }

    pub(super) fn warn(
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
    pub(super) fn tag_position(&self, value: &str) -> (usize, usize) {
        let places = self.places.as_deref();
        places
            .and_then(|p| p.tag_positions.get(value).copied())
            .unwrap_or((self.key_line("tags"), 1))
    }
}

pub fn warning(
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

/// Loading the working tree checks each file with a [`Checker`].
impl crate::read::worktree::CheckFiles for Checker<'_> {
    type Checked = Checked;

    fn check(&self, rel: &str, text: Contents) -> Checked {
        self.check_text(rel, text)
    }

    fn clean(&self, entry: &Entry, date_line: usize) -> Checked {
        let mut checked = Checked::clean(&entry.path, date_line);
        self.date_after_today(&mut checked, entry);
        checked
    }

    fn clean_date_line(checked: &Checked) -> Option<usize> {
        checked.clean_date_line()
    }

    fn take_entry(checked: &mut Checked) -> Option<Entry> {
        checked.entry.take()
    }

    fn put_entry(checked: &mut Checked, entry: Entry) {
        checked.entry = Some(entry);
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
    /// come from [`super::journal::journal_warnings`].
    pub fn check_entry(&self, path: &str, text: &str) -> Checked {
        let mut checked = Checked::empty(path);
        match entry::parse_with_tree(path, text, self.config) {
            Ok((mut entry, root, split)) => {
                if self.bodies == Bodies::Keep {
                    entry.body = split.body.to_string();
                }
                // The split is of the text without its byte-order mark.
                locate(&mut checked, &entry, frontmatter::strip_bom(text), &split);
                self.entry_warnings(&mut checked, &entry);
                contacts_in_quotes(&mut checked, split.body, split.body_line);
                list_warnings(&mut checked, &root);
                checked.entry = Some(entry);
            }
            Err(errors) => {
                checked.diagnostics = errors;
                self.warnings_beside_errors(&mut checked, text);
            }
        }
        checked
    }

    /// The warnings of an entry that has errors, as far as its front matter
    /// reads as YAML: so that one round of fixing mends everything.
    fn warnings_beside_errors(&self, checked: &mut Checked, text: &str) {
        let text = frontmatter::strip_bom(text);
        let Ok(split) = frontmatter::split(text) else {
            return;
        };
        let Ok(root @ Node::Map(_)) = yaml::parse(split.yaml) else {
            return;
        };
        let places = checked.places.get_or_insert_default();
        for (key, line) in yaml::key_lines_in_order(split.yaml) {
            places
                .key_lines
                .entry(Text::new(key))
                .or_insert(split.yaml_line + line - 1);
        }
        if let Node::Map(pairs) = &root {
            // `Date:` for `date:` is named by the error about `date` already.
            let known = |key: &str| KNOWN_KEYS.contains(&key.to_lowercase().as_str());
            let unknown: Vec<Text> = pairs
                .iter()
                .filter(|(key, _)| !known(key))
                .map(|(key, _)| Text::new(key))
                .collect();
            self.unknown_keys(checked, &unknown);
        }
        list_warnings(checked, &root);
    }

    /// A warning for each key insight does not know, unless the journal
    /// declares it, with the known key it looks like.
    fn unknown_keys(&self, checked: &mut Checked, keys: &[Text]) {
        let declared = |key: &Text| self.config.extra_keys.iter().any(|k| *k == **key);
        for key in keys.iter().filter(|k| !declared(k)) {
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
    }

    fn entry_warnings(&self, checked: &mut Checked, entry: &Entry) {
        let declared = |key: &Text| self.config.extra_keys.iter().any(|k| *k == **key);
        self.unknown_keys(checked, &entry.unknown_keys);
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
        let date_line = checked.date_line;
        if let Some(named) = date_in_file_name(&entry.path).filter(|d| *d != entry.date) {
            let message = format!("the file name says {named} but `date` is {}", entry.date);
            let hint = Some("rename the file or correct the date".to_string());
            checked.warn(date_line, 1, "file-name-date", message, hint);
        }
        // An immersion week may well give 40 hours; no visit gives more
        // than a week has.
        if let Some(hours) = entry.hours.filter(|h| *h > 7.0 * 24.0) {
            let message = format!("`hours: {hours}` is more than a week has (168)");
            let hint = "give the hours spent with customers; is it a typo?";
            let line = checked.key_line("hours");
            checked.warn(line, 1, "hours-over-a-week", message, Some(hint.into()));
        }
        self.date_after_today(checked, entry);
    }

    /// The warning about a date after today, the day of this check.
    fn date_after_today(&self, checked: &mut Checked, entry: &Entry) {
        if entry.date > self.today {
            let message = format!("`date` {} is after today ({})", entry.date, self.today);
            let hint = Some("is the year right?".into());
            checked.warn(checked.date_line, 1, FUTURE_DATE, message, hint);
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
    let places = checked.places.get_or_insert_default();
    // The first line of each key, straight into the table the checks ask.
    for (key, line) in yaml::key_lines_in_order(split.yaml) {
        places
            .key_lines
            .entry(Text::new(key))
            .or_insert(split.yaml_line + line - 1);
    }
    if let Some(&ideas) = places.key_lines.get("ideas") {
        let items = yaml::block_items_after(split.yaml, ideas + 1 - split.yaml_line);
        if items.len() == entry.ideas.len() {
            places.idea_lines = items.iter().map(|l| split.yaml_line + l - 1).collect();
        }
    }
    // Tags are in the front matter: lines past it are never asked for.
    let mut lines = LineIndex::new(&text[..split.yaml_offset + split.yaml.len()]);
    for scalar in scalars::tag_scalars(split.yaml) {
        let position = lines.line_column(split.yaml_offset + scalar.span.start);
        places
            .tag_positions
            .entry(Text::new(&scalar.value))
            .or_insert(position);
    }
    checked.date_line = checked.key_line("date");
}

/// `people: Mei Chen, Sam O'Neil` is one person and `tags: mobile, pricing`
/// one tag: a single text stands for a list of one. When that text holds a
/// comma, it was probably meant as a list.
/// A warning for each e-mail address or phone number in a quote: quotes
/// are what a report, the site and an export carry furthest.
fn contacts_in_quotes(checked: &mut Checked, body: &str, body_line: usize) {
    // Most bodies have no contact at all: one look at the whole first.
    if privacy::contacts(body).is_empty() {
        return;
    }
    for (n, line) in body.lines().enumerate() {
        if !line.trim_start().starts_with('>') {
            continue;
        }
        for contact in privacy::contacts(line) {
            let column = line[..contact.start].chars().count() + 1;
            let message = format!(
                "this quote holds {}: `{}`",
                contact.kind.described(),
                &line[contact.start..contact.end]
            );
            let hint = "what is shared (the site, `export`, `report --shared`) masks it; \
                        take it out of the quote if it should not be in the journal at all";
            checked.warn(
                body_line + n,
                column,
                "contact-in-quote",
                message,
                Some(hint.into()),
            );
        }
    }
}

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
    // `~` or `null` in a list is nothing, and left out: say so, since it
    // was probably meant as something.
    for key in ["people", "tags"] {
        if let Some(Node::Seq(items)) = root.get(key)
            && items.contains(&Node::Null)
        {
            let message = format!("`{key}` has an empty item (`~` or `null`), which is left out");
            let hint = Some("remove it, or write the name it stands for".to_string());
            checked.warn(checked.key_line(key), 1, "empty-item", message, hint);
        }
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

pub fn tags_of(entry: &Entry) -> impl Iterator<Item = &Text> {
    entry
        .tags
        .iter()
        .chain(entry.ideas.iter().flat_map(|i| &i.tags))
}
