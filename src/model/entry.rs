//! One journal entry: a visit, parsed from its front matter and body.
//! Pure: takes text, returns an [`Entry`] or the diagnostics that explain why not.

use jiff::civil::Date;

use crate::model::config::Config;
use crate::model::diagnostic::Diagnostic;
use crate::model::merge;
use crate::model::period;
use crate::model::suggest::did_you_mean;
use crate::model::text::{Text, Texts};
use crate::model::values;
use crate::parse::frontmatter::{self, Split};
use crate::parse::markdown;
use crate::parse::yaml::{self, Node};

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Relative to the journal root, `/`-separated.
    pub path: String,
    pub date: Date,
    pub kind: Text,
    pub site: Text,
    pub role: Option<Text>,
    pub title: Box<str>,
    pub people: Texts,
    /// `None` when the entry does not say: unknown, not zero.
    pub customers: Option<u64>,
    pub hours: Option<f64>,
    /// As written; matching is case-insensitive.
    pub tags: Texts,
    pub ideas: Box<[Idea]>,
    pub body: String,
    /// Keys the format does not define, in the order written: kept in the file,
    /// ignored here, warned about by `check`.
    pub unknown_keys: Texts,
    /// `private: true`: never in the site, an export or a shared report.
    pub private: bool,
}

/// Upper bounds that no real visit reaches: they keep a typo from swamping a
/// report, and sums over any journal far from overflowing.
pub const MAX_CUSTOMERS: u64 = 1_000_000_000;
pub const MAX_HOURS: f64 = 100_000.0;

/// The front-matter keys of format v1.
pub const KNOWN_KEYS: [&str; 11] = [
    "date",
    "kind",
    "site",
    "role",
    "people",
    "customers",
    "hours",
    "tags",
    "ideas",
    "title",
    "private",
];

/// The keys an idea written as a mapping may have.
pub const IDEA_KEYS: [&str; 5] = ["title", "id", "status", "tags", "owner"];

#[derive(Debug, Clone, PartialEq)]
pub struct Idea {
    pub id: Option<Text>,
    /// `None` for a follow-up that names the idea by its `id` only; the idea's
    /// title then comes from another mention (see `aggregate::ideas`).
    pub title: Option<Text>,
    /// As written in this entry; `None` when the entry does not say.
    pub status: Option<Text>,
    pub tags: Texts,
    pub owner: Option<Text>,
    /// Keys other than [`IDEA_KEYS`].
    pub unknown_keys: Texts,
}

impl Idea {
    /// How a message names this mention: its title, else its id.
    pub fn label(&self) -> &str {
        self.title
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or_default()
    }
}

/// Parses an entry's text. `path` is only used to name the file in diagnostics
/// and as the title of last resort.
pub fn parse(path: &str, text: &str, config: &Config) -> Result<Entry, Vec<Diagnostic>> {
    let (mut entry, _, split) = parse_with_tree(path, text, config)?;
    entry.body = split.body.to_string();
    Ok(entry)
}

/// Like [`parse`], but the entry's `body` is left empty and the body is
/// given as a slice of `text`: most commands never keep it.
pub fn parse_leaving_body<'t>(
    path: &str,
    text: &'t str,
    config: &Config,
) -> Result<(Entry, &'t str), Vec<Diagnostic>> {
    parse_with_tree(path, text, config).map(|(entry, _, split)| (entry, split.body))
}

/// Like [`parse_leaving_body`], with the front matter's YAML tree for checks
/// that need to know how a value was written, and where the front matter
/// and the body are in the text without its byte-order mark.
pub fn parse_with_tree<'t>(
    path: &str,
    text: &'t str,
    config: &Config,
) -> Result<(Entry, Node<'t>, Split<'t>), Vec<Diagnostic>> {
    let text = frontmatter::strip_bom(text);
    // Conflict markers come first: everything after them reads as nonsense.
    let conflicts = merge::conflict_errors(path, text);
    if !conflicts.is_empty() {
        return Err(conflicts);
    }
    let split = frontmatter::split(text).map_err(|err| {
        let line = match err {
            frontmatter::SplitError::Unclosed { opened_line } => opened_line,
            _ => 1,
        };
        vec![Diagnostic::error(path, line, 1, "front-matter", err.message()).with_hint(err.hint())]
    })?;
    let root = yaml::parse(split.yaml).map_err(|err| {
        // An error found at the end of the YAML (an unclosed bracket or quote)
        // belongs to its last line, not to the closing `---`.
        let last_line = split.yaml.lines().count().max(1);
        let (line, column) = if err.line > last_line {
            (last_line, 1)
        } else {
            (err.line, err.column)
        };
        vec![
            Diagnostic::error(
                path,
                split.yaml_line + line - 1,
                column,
                "yaml",
                err.message,
            )
            .with_hint(err.hint),
        ]
    })?;
    if !matches!(root, Node::Map(_)) {
        let message = match root {
            Node::Null => "the front matter is empty".to_string(),
            other => format!(
                "the front matter is {}, not `key: value` lines",
                other.type_name()
            ),
        };
        return Err(vec![
            Diagnostic::error(path, split.yaml_line, 1, "not-a-mapping", message).with_hint(
                "write one `key: value` per line, starting with `date:`, `kind:` and `site:`",
            ),
        ]);
    }
    let entry = Fields {
        path,
        split: &split,
        root: &root,
        config,
        errors: Vec::new(),
    }
    .into_entry()?;
    Ok((entry, root, split))
}

/// Reads the fields of one front matter, collecting every error rather than
/// stopping at the first, so `check` can list them all at once.
struct Fields<'a> {
    path: &'a str,
    split: &'a Split<'a>,
    root: &'a Node<'a>,
    config: &'a Config,
    errors: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    fn into_entry(mut self) -> Result<Entry, Vec<Diagnostic>> {
        let date = self.date();
        let kind = self.kind();
        let site = self.required_text("site", || {
            "where the visit happened, e.g. `site: Cub Foods, Minneapolis`".into()
        });
        let role = self.field("role", values::optional_text);
        let people = self.field("people", values::text_list).unwrap_or_default();
        let customers = self.customers();
        let hours = self.hours();
        let tags = self.field("tags", tag_list).unwrap_or_default();
        let ideas = self.ideas();
        let idea_tags = ideas.iter().flatten().flat_map(|i| i.tags.iter());
        self.tag_parts(tags.iter().copied().chain(idea_tags.map(Text::as_str)));
        let title = self.field("title", values::optional_text);
        let private = self.field("private", values::flag);
        let (
            Some(date),
            Some(kind),
            Some(site),
            Some(role),
            Some(customers),
            Some(hours),
            Some(ideas),
            Some(title),
            Some(private),
        ) = (
            date, kind, site, role, customers, hours, ideas, title, private,
        )
        else {
            return Err(self.errors);
        };
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let body = self.split.body;
        let title: Box<str> = match title {
            Some(title) => title.into(),
            None => markdown::first_heading(body)
                .map(String::into_boxed_str)
                .unwrap_or_else(|| file_stem(self.path).into()),
        };
        Ok(Entry {
            path: self.path.to_string(),
            date,
            kind: Text::new(kind),
            site: Text::new(site),
            role: role.map(Text::new),
            title,
            people: Texts::of_strs(&people),
            customers,
            hours,
            tags: Texts::of_strs(&tags),
            ideas: ideas.into(),
            body: String::new(),
            unknown_keys: unknown_keys(self.root, &KNOWN_KEYS),
            private,
        })
    }

    fn error(&mut self, key: &str, code: &'static str, message: String, hint: Option<String>) {
        let line = self.split.yaml_line + yaml::key_line(self.split.yaml, key) - 1;
        let mut diagnostic = Diagnostic::error(self.path, line, 1, code, message);
        diagnostic.hint = hint;
        self.errors.push(diagnostic);
    }

    /// Converts one optional field, recording an error if it has the wrong shape.
    fn field<T>(
        &mut self,
        key: &str,
        convert: impl Fn(Option<&'a Node<'a>>) -> Result<T, String>,
    ) -> Option<T> {
        match convert(self.root.get(key)) {
            Ok(value) => Some(value),
            Err(message) => {
                self.error(key, "type", format!("`{key}`: {message}"), None);
                None
            }
        }
    }

    /// `what` says what the key is for, in the hint when it is missing.
    fn required_text(&mut self, key: &str, what: impl FnOnce() -> String) -> Option<&'a str> {
        match self.field(key, values::optional_text)? {
            Some(text) => Some(text),
            None => {
                let written = self.written_otherwise(key);
                let hint = match &written {
                    Some(other) => {
                        format!("keys are written in lower case: write `{key}:` for `{other}:`")
                    }
                    None => format!("add `{key}:` to the front matter: {}", what()),
                };
                self.error(
                    written.as_deref().unwrap_or(key),
                    "missing",
                    format!("missing `{key}`"),
                    Some(hint),
                );
                None
            }
        }
    }

    /// A key of the front matter that is `key` in another case (`Date`).
    fn written_otherwise(&self, key: &str) -> Option<String> {
        match self.root {
            Node::Map(pairs) => pairs
                .iter()
                .map(|(k, _)| k)
                .find(|k| *k != key && k.eq_ignore_ascii_case(key))
                .map(|k| k.to_string()),
            _ => None,
        }
    }

    /// Tags are names joined by `/`; an empty name (`/app`, `mobile/`,
    /// `mobile//app`) is an error, at the tag itself.
    fn tag_parts<'t>(&mut self, tags: impl Iterator<Item = &'t str>) {
        for tag in tags {
            let Err(meant) = crate::model::tags::well_made(tag) else {
                continue;
            };
            let (line, column) = self.tag_position(tag);
            let message = format!("tag `{tag}` has an empty name between its `/`s");
            let mut diagnostic = Diagnostic::error(self.path, line, column, "empty-tag", message);
            diagnostic.hint = Some(format!(
                "write the names it is made of, such as `mobile/app`; here perhaps `{meant}`"
            ));
            self.errors.push(diagnostic);
        }
    }

    /// The file line and column of a tag, else of the `tags:` key.
    fn tag_position(&self, tag: &str) -> (usize, usize) {
        let found = yaml::scalars::tag_scalars(self.split.yaml)
            .into_iter()
            .find(|s| s.value.trim() == tag);
        match found {
            Some(scalar) => {
                let before = &self.split.yaml[..scalar.span.start];
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                (
                    self.split.yaml_line + before.matches('\n').count(),
                    before[line_start..].chars().count() + 1,
                )
            }
            None => (
                self.split.yaml_line + yaml::key_line(self.split.yaml, "tags") - 1,
                1,
            ),
        }
    }

    fn date(&mut self) -> Option<Date> {
        let text = self.required_text("date", || {
            "when the visit happened, as `date: 2026-11-20`".into()
        })?;
        match period::parse_entry_date(text) {
            Some(date) => Some(date),
            None => {
                self.error(
                    "date",
                    "date",
                    format!("`date`: `{text}` is not a valid date"),
                    Some("write the date as YYYY-MM-DD, e.g. `date: 2026-11-20`".into()),
                );
                None
            }
        }
    }

    fn kind(&mut self) -> Option<&'a str> {
        let kinds = &self.config.kinds;
        let text = self.required_text("kind", || format!("one of {}", kinds.join(", ")))?;
        if let Some(known) = kinds.iter().find(|k| k.eq_ignore_ascii_case(text)) {
            return Some(known);
        }
        let hint = match did_you_mean(text, kinds) {
            Some(near) => format!("did you mean `{near}`? The kinds are {}", kinds.join(", ")),
            None => format!(
                "the kinds are {} (set `kinds:` in insight.yaml)",
                kinds.join(", ")
            ),
        };
        self.error(
            "kind",
            "kind",
            format!("`kind`: `{text}` is not a kind of this journal"),
            Some(hint),
        );
        None
    }

    fn customers(&mut self) -> Option<Option<u64>> {
        self.field("customers", |node| match node {
            None | Some(Node::Null) => Ok(None),
            // A list of who they were counts as its length.
            Some(Node::Seq(items)) => Ok(Some(items.len() as u64)),
            Some(node) => {
                let n = values::non_negative(node)
                    .map_err(|m| m.replace("a number", "a whole number"))?;
                if n.fract() != 0.0 {
                    return Err(format!("expected a whole number, found {n}"));
                }
                if n > MAX_CUSTOMERS as f64 {
                    return Err(format!(
                        "{n} is more than one visit can speak to (at most {MAX_CUSTOMERS}); a typo?"
                    ));
                }
                Ok(Some(n as u64))
            }
        })
    }

    fn hours(&mut self) -> Option<Option<f64>> {
        self.field("hours", |node| match node {
            None | Some(Node::Null) => Ok(None),
            Some(node) => match values::non_negative(node)? {
                h if h > MAX_HOURS => Err(format!(
                    "{h} is more hours than one visit can take (at most {MAX_HOURS}); a typo?"
                )),
                h => Ok(Some(h)),
            },
        })
    }

    fn ideas(&mut self) -> Option<Vec<Idea>> {
        let ideas = self.field("ideas", ideas_list)?;
        let statuses = &self.config.statuses;
        let mut valid = true;
        for idea in &ideas {
            let Some(status) = &idea.status else { continue };
            if statuses.iter().any(|s| s == status) {
                continue;
            }
            let hint = match did_you_mean(status, statuses) {
                Some(near) => format!(
                    "did you mean `{near}`? The statuses are {}",
                    statuses.join(", ")
                ),
                None => format!("the statuses are {}", statuses.join(", ")),
            };
            let message = format!(
                "idea `{}`: status `{status}` is not one of this journal's statuses",
                idea.label()
            );
            self.error("ideas", "status", message, Some(hint));
            valid = false;
        }
        valid.then_some(ideas)
    }
}

/// Tags, trimmed, without empty ones.
fn tag_list<'n>(node: Option<&'n Node>) -> Result<Vec<&'n str>, String> {
    let mut tags = values::text_list(node)?;
    for tag in &mut tags {
        *tag = tag.trim();
    }
    tags.retain(|tag| !tag.is_empty());
    Ok(tags)
}

fn optional_text(node: Option<&Node>) -> Result<Option<Text>, String> {
    Ok(values::optional_text(node)?.map(Text::new))
}

fn ideas_list(node: Option<&Node>) -> Result<Vec<Idea>, String> {
    let items = match node {
        None | Some(Node::Null) => return Ok(Vec::new()),
        Some(Node::Seq(items)) => items.as_slice(),
        Some(single) => std::slice::from_ref(single),
    };
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| **item != Node::Null)
        .map(|(index, item)| idea(item).map_err(|m| format!("idea {}: {m}", index + 1)))
        .collect()
}

fn idea(node: &Node) -> Result<Idea, String> {
    if !matches!(node, Node::Map(_)) {
        return Ok(Idea {
            id: None,
            title: Some(Text::new(values::text(node)?)),
            status: None,
            tags: Texts::default(),
            owner: None,
            unknown_keys: Texts::default(),
        });
    }
    let title = optional_text(node.get("title"))?;
    let id = optional_text(node.get("id"))?;
    if title.is_none() && id.is_none() {
        return Err(
            "needs a `title`, or the `id` of an idea raised elsewhere (write `- title: …`, `- id: …` or just `- the idea`)"
                .into(),
        );
    }
    Ok(Idea {
        id,
        title,
        status: optional_text(node.get("status"))?,
        tags: Texts::of_strs(&tag_list(node.get("tags"))?),
        owner: optional_text(node.get("owner"))?,
        unknown_keys: unknown_keys(node, &IDEA_KEYS),
    })
}

fn unknown_keys(node: &Node, known: &[&str]) -> Texts {
    let Node::Map(pairs) = node else {
        return Texts::default();
    };
    // Usually none: collecting nothing allocates nothing.
    let keys: Vec<&str> = pairs
        .iter()
        .map(|(key, _)| key.as_ref())
        .filter(|key| !known.contains(key))
        .collect();
    Texts::of_strs(&keys)
}

/// `visits/2026/2026-01-15-cub-foods.md` → `2026-01-15-cub-foods`.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Entry {
        parse("visits/x.md", text, &Config::default()).unwrap()
    }

    fn parse_err(text: &str) -> Vec<String> {
        parse("visits/x.md", text, &Config::default())
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_a_full_entry() {
        let e = parse_ok(
            "---\ndate: 2026-11-20\nkind: frontline\nsite: Cub Foods\nrole: bakery\n\
             people: [Wayne Shurts]\ncustomers: 12\nhours: 7.5\ntags: [mobile/app, Pricing]\n\
             ideas:\n  - Aisle finder\n  - { id: route, title: Store route, status: exploring, tags: mobile }\n\
             ---\n# Bakery shift\n\nText\n",
        );
        assert_eq!(e.date, jiff::civil::date(2026, 11, 20));
        assert_eq!(&*e.title, "Bakery shift");
        assert_eq!(e.customers, Some(12));
        assert_eq!(e.hours, Some(7.5));
        assert_eq!(e.tags, ["mobile/app", "Pricing"]);
        assert_eq!(e.ideas[0].title.as_deref(), Some("Aisle finder"));
        assert_eq!(e.ideas[1].id.as_deref(), Some("route"));
        assert_eq!(e.ideas[1].tags, ["mobile"]);
        assert_eq!(e.body, "# Bakery shift\n\nText\n");
    }

    #[test]
    fn lenient_forms() {
        let e = parse_ok(
            "---\ndate: '2026-11-20T09:30:00'\nkind: Peer\nsite: HQ\npeople: Ann\n\
             customers: [a CIO, another CIO]\ntags: mobile\ntitle: Lunch\n---\n",
        );
        assert_eq!(e.date, jiff::civil::date(2026, 11, 20));
        assert_eq!(e.kind, "peer");
        assert_eq!(e.people, ["Ann"]);
        assert_eq!(e.customers, Some(2));
        assert_eq!(e.tags, ["mobile"]);
        assert_eq!(&*e.title, "Lunch");
    }

    #[test]
    fn title_falls_back_to_the_file_name() {
        let e = parse_ok("---\ndate: 2026-01-01\nkind: research\nsite: HQ\n---\nno heading\n");
        assert_eq!(&*e.title, "x");
    }

    #[test]
    fn errors_name_the_file_line() {
        assert_eq!(
            parse_err("---\nkind: frontline\nsite: X\ndate: 2026-02-30\n---\n"),
            ["visits/x.md:4:1: error: `date`: `2026-02-30` is not a valid date"]
        );
        assert_eq!(
            parse_err("---\ndate: 2026-01-01\nkind: frontlin\n---\n"),
            [
                "visits/x.md:3:1: error: `kind`: `frontlin` is not a kind of this journal",
                "visits/x.md:2:1: error: missing `site`",
            ]
        );
    }

    #[test]
    fn yaml_errors_use_file_lines() {
        assert_eq!(
            parse_err("---\ndate: 2026-01-01\nsite: [oops\n---\n"),
            ["visits/x.md:3:1: error: expected ',' or ']' (check indentation and quoting)"]
        );
    }

    proptest::proptest! {
        /// The stable stand-in for `fuzz/`: text shaped like an entry, with
        /// arbitrary values, is read or diagnosed, never a panic.
        #[test]
        fn never_panics(
            lines in proptest::collection::vec("[a-z]{1,9}: ?[^\n]{0,30}|  - [^\n]{0,20}|[^\n]{0,40}", 0..12),
            body in "(.|\n){0,80}",
            closed in proptest::bool::ANY,
        ) {
            let close = if closed { "---\n" } else { "" };
            let text = format!("---\n{}\n{close}{body}", lines.join("\n"));
            let _ = parse("visits/x.md", &text, &Config::default());
        }
    }

    #[test]
    fn a_mention_may_be_an_id_alone_but_not_nothing() {
        let e = parse_ok(
            "---\ndate: 2026-01-01\nkind: sales\nsite: X\nideas:\n  - id: finder\n    status: planned\n---\n",
        );
        assert_eq!(
            (
                e.ideas[0].id.as_deref(),
                e.ideas[0].title.as_deref(),
                e.ideas[0].label()
            ),
            (Some("finder"), None, "finder")
        );
        let errors = parse_err(
            "---\ndate: 2026-01-01\nkind: sales\nsite: X\nideas:\n  - status: planned\n---\n",
        );
        assert_eq!(
            errors,
            [
                "visits/x.md:5:1: error: `ideas`: idea 1: needs a `title`, or the `id` of an idea raised elsewhere (write `- title: …`, `- id: …` or just `- the idea`)"
            ]
        );
    }

    #[test]
    fn absurd_numbers_are_errors_not_overflows() {
        let errors = parse_err(
            "---\ndate: 2026-01-01\nkind: sales\nsite: X\ncustomers: 99999999999999999999\nhours: 1000001\n---\n",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("at most 1000000000"), "{}", errors[0]);
        assert!(errors[1].contains("at most 100000"), "{}", errors[1]);
        // Not decimal digits: not a number, whatever YAML 1.1 says.
        let errors = parse_err(
            "---\ndate: 2026-01-01\nkind: sales\nsite: X\ncustomers: 1e300\nhours: 0b101\n---\n",
        );
        assert_eq!(
            errors,
            [
                "visits/x.md:5:1: error: `customers`: expected a whole number, found `1e300`: write numbers in plain decimal digits, such as 1000 or 7.5",
                "visits/x.md:6:1: error: `hours`: expected a number, found `0b101`: write numbers in plain decimal digits, such as 1000 or 7.5"
            ]
        );
    }

    #[test]
    fn bad_numbers_and_statuses() {
        let errors = parse_err(
            "---\ndate: 2026-01-01\nkind: sales\nsite: X\ncustomers: -3\nhours: lots\n\
             ideas:\n  - { title: T, status: shiped }\n---\n",
        );
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with(
            "visits/x.md:5:1: error: `customers`: expected a whole number of 0 or more"
        ));
        assert!(errors[1].starts_with("visits/x.md:6:1: error: `hours`: expected a number"));
        assert!(errors[2].starts_with("visits/x.md:7:1: error: idea `T`: status `shiped`"));
    }
}
