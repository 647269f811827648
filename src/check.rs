//! `insight check`'s findings: errors that make an entry unreadable, and
//! warnings about what is probably a mistake. Pure: texts in, diagnostics out.

use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

use crate::aggregate::ideas::normalize;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::entry::{self, Entry, IDEA_KEYS, KNOWN_KEYS};
use crate::frontmatter;
use crate::lines::LineIndex;
use crate::look_alike::{self, look_alike};
use crate::suggest::did_you_mean;
use crate::yaml::{self, scalars};

/// One file after checking: its entry if it is readable, and what was found.
pub struct Checked {
    pub path: String,
    pub entry: Option<Entry>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where each tag value first stands in the file: (line, column).
    tag_positions: HashMap<String, (usize, usize)>,
    /// File lines of the front matter's top-level keys.
    key_lines: HashMap<String, usize>,
}

impl Checked {
    /// A file that could not be read as text.
    pub fn unreadable(path: &str, problem: Diagnostic) -> Checked {
        Checked {
            path: path.to_string(),
            entry: None,
            diagnostics: vec![problem],
            tag_positions: HashMap::new(),
            key_lines: HashMap::new(),
        }
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
                .map(|t| crate::tags::normalize(t))
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
            vocabulary,
        }
    }

    /// Checks one entry on its own; the warnings that need the whole journal
    /// come from [`journal_warnings`].
    pub fn check_entry(&self, path: &str, text: &str) -> Checked {
        let mut checked = Checked {
            path: path.to_string(),
            entry: None,
            diagnostics: Vec::new(),
            tag_positions: HashMap::new(),
            key_lines: HashMap::new(),
        };
        match entry::parse(path, text, self.config) {
            Ok(entry) => {
                let text = frontmatter::strip_bom(text);
                if let Ok(split) = frontmatter::split(text) {
                    locate(&mut checked, text, &split);
                    self.entry_warnings(&mut checked, &entry);
                }
                checked.entry = Some(entry);
            }
            Err(errors) => checked.diagnostics = errors,
        }
        checked
    }

    fn entry_warnings(&self, checked: &mut Checked, entry: &Entry) {
        let known: Vec<String> = KNOWN_KEYS.map(String::from).to_vec();
        for key in &entry.unknown_keys {
            let hint = did_you_mean(key, &known).map(|k| format!("did you mean `{k}`?"));
            let line = checked.key_line(key);
            checked.warn(
                line,
                1,
                "unknown-key",
                format!("unknown key `{key}`; insight ignores it"),
                hint,
            );
        }
        let idea_keys: Vec<String> = IDEA_KEYS.map(String::from).to_vec();
        for idea in &entry.ideas {
            for key in &idea.unknown_keys {
                let hint = did_you_mean(key, &idea_keys).map(|k| format!("did you mean `{k}`?"));
                let line = checked.key_line("ideas");
                let message = format!(
                    "idea `{}`: unknown key `{key}`; insight ignores it",
                    idea.title
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
            let parents = crate::tags::with_parents(tag);
            if parents.iter().any(|p| vocabulary.known.contains(p)) {
                continue;
            }
            let tag_key = crate::tags::normalize(tag);
            let listed = &self.config.tags;
            let near = vocabulary
                .look_alikes
                .candidates(&tag_key)
                .into_iter()
                .filter(|&i| look_alike(&crate::tags::normalize(&listed[i]), &tag_key))
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

/// Finds where the keys and tags of the front matter are written, in one pass
/// over the text.
fn locate(checked: &mut Checked, text: &str, split: &frontmatter::Split) {
    for (key, line) in yaml::first_key_lines(split.yaml) {
        checked
            .key_lines
            .insert(key.to_string(), split.yaml_line + line - 1);
    }
    let mut lines = LineIndex::new(text);
    for scalar in scalars::tag_scalars(split.yaml) {
        let position = lines.line_column(split.yaml_offset + scalar.span.start);
        checked
            .tag_positions
            .entry(scalar.value)
            .or_insert(position);
    }
}

fn date_in_file_name(path: &str) -> Option<Date> {
    let name = path.rsplit('/').next()?;
    crate::period::parse_date(name.get(..10)?)
}

/// Warnings that need the whole journal: tags that look alike, and one idea
/// `id` under several titles. Added to the entries they concern.
pub fn journal_warnings(checked: &mut [Checked]) {
    look_alike_tags(checked);
    idea_titles(checked);
}

fn tags_of(entry: &Entry) -> impl Iterator<Item = &String> {
    entry
        .tags
        .iter()
        .chain(entry.ideas.iter().flat_map(|i| &i.tags))
}

fn look_alike_tags(checked: &mut [Checked]) {
    // How many entries carry each tag.
    let mut uses: HashMap<String, usize> = HashMap::new();
    for entry in checked.iter().filter_map(|c| c.entry.as_ref()) {
        let seen: HashSet<String> = tags_of(entry).map(|t| crate::tags::normalize(t)).collect();
        for tag in seen {
            *uses.entry(tag).or_default() += 1;
        }
    }
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
            let lower = crate::tags::normalize(tag);
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

/// A word as a shell reads it: quoted unless it is plainly safe.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.');
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn idea_titles(checked: &mut [Checked]) {
    // The first title each id was given, and where.
    let mut first: HashMap<String, (String, String)> = HashMap::new();
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by_key(|&i| checked[i].entry.as_ref().map(|e| (e.date, e.path.clone())));
    for i in order {
        let c = &mut checked[i];
        let Some(entry) = &c.entry else {
            continue;
        };
        let mut found = Vec::new();
        for idea in &entry.ideas {
            let Some(id) = &idea.id else { continue };
            match first.get(id) {
                None => {
                    first.insert(id.clone(), (idea.title.clone(), entry.path.clone()));
                }
                Some((title, path)) if normalize(title) != normalize(&idea.title) => {
                    let message = format!(
                        "idea `{id}` is called `{}` here but `{title}` in {path}",
                        idea.title
                    );
                    let hint =
                        Some("keep one title per id, or give a different idea its own id".into());
                    found.push(warning(
                        &c.path,
                        c.key_line("ideas"),
                        1,
                        "idea-title",
                        message,
                        hint,
                    ));
                }
                Some(_) => {}
            }
        }
        c.diagnostics.extend(found);
    }
}

/// Problems in `insight.yaml` that parse fine but are probably mistakes.
pub fn config_warnings(path: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    const SETTINGS: [&str; 9] = [
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
    let key_lines = yaml::first_key_lines(text);
    let line = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    if let Ok(yaml::Node::Map(pairs)) = yaml::parse(text) {
        let known: Vec<String> = SETTINGS.map(String::from).to_vec();
        for (key, _) in pairs
            .iter()
            .filter(|(k, _)| !SETTINGS.contains(&k.as_str()))
        {
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
    use jiff::civil::date;

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
            [
                "c.md:5:8: warning: tag `moble` looks like `mobile` (in 2 entries)",
                "c.md:6:1: warning: idea `f` is called `Store finder` here but `Finder` in a.md",
            ]
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
}
