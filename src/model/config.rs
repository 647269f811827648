//! `insight.yaml`: the journal's settings. Every key is optional.

use crate::model::values;
use crate::parse::yaml::{self, Node};

pub const CONFIG_FILE: &str = "insight.yaml";

pub const DEFAULT_KINDS: [&str; 5] = ["frontline", "peer", "immersion", "research", "sales"];
pub const DEFAULT_STATUSES: [&str; 6] = [
    "new",
    "exploring",
    "planned",
    "building",
    "shipped",
    "dropped",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub name: Option<String>,
    /// Folder of entries, relative to the journal root.
    pub entries: String,
    /// Folder of templates, relative to the journal root.
    pub templates: String,
    pub kinds: Vec<String>,
    pub statuses: Vec<String>,
    /// Month (1-12) in which the fiscal year starts.
    pub fiscal_year_start: i8,
    /// Optional tag vocabulary.
    pub tags: Vec<String>,
    /// Front-matter keys a team adds on purpose (`notes`, `description`):
    /// kept and ignored like any other, but `check` does not warn about them.
    pub extra_keys: Vec<String>,
    pub people: Vec<Person>,
    pub targets: Vec<Target>,
    /// Who "I" am: the person `insight new` records when no `--person` is given.
    pub me: Option<String>,
    /// Other journals to read with this one, relative to this file's folder.
    pub include: Vec<String>,
    /// The name this journal goes by among several (default: its folder's name).
    pub label: Option<String>,
    /// Idea id prefixes shared by journals read together: an id starting with
    /// one is one idea in all of them; any other id belongs to its journal.
    pub shared_ids: Vec<String>,
    /// Front-matter keys whose values stay in the journal: hidden from the
    /// site, an export and a shared report (see [`PRIVATE_KEYS_ALLOWED`]).
    pub private_keys: Vec<String>,
}

/// The keys that may be private. The others are what reports count and
/// filter by (a private `tags` would leave a report of nothing); an entry
/// that should not be counted at all is marked `private: true`.
pub const PRIVATE_KEYS_ALLOWED: [&str; 4] = ["site", "role", "people", "title"];

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    pub group: Option<String>,
}

/// The key two spellings of one person share.
pub fn person_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// What a group of people is expected to do each year.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub group: String,
    pub entries_per_year: Option<f64>,
    pub hours_per_year: Option<f64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            name: None,
            entries: "visits".into(),
            templates: "templates".into(),
            kinds: DEFAULT_KINDS.map(String::from).to_vec(),
            statuses: DEFAULT_STATUSES.map(String::from).to_vec(),
            fiscal_year_start: 1,
            tags: Vec::new(),
            extra_keys: Vec::new(),
            people: Vec::new(),
            targets: Vec::new(),
            me: None,
            include: Vec::new(),
            label: None,
            shared_ids: Vec::new(),
            private_keys: Vec::new(),
        }
    }
}

/// One journal's settings and the file they came from, for merging.
pub struct Source<'a> {
    /// The settings file, as messages should name it.
    pub file: String,
    pub config: &'a Config,
}

/// The settings of several journals read together. The first journal names
/// the whole and keeps its folders; kinds, statuses, tag vocabularies, extra
/// keys, people, targets and shared id prefixes are merged, in order. What
/// must agree (the fiscal year, a person's group, a group's target) is an
/// error naming both files when it does not.
pub fn merge(sources: &[Source]) -> Result<Config, String> {
    let Some((first, rest)) = sources.split_first() else {
        return Ok(Config::default());
    };
    let mut merged = first.config.clone();
    // Where each person's group and each group's target was first set.
    let mut person_from: Vec<&str> = vec![first.file.as_str(); merged.people.len()];
    let mut target_from: Vec<&str> = vec![first.file.as_str(); merged.targets.len()];
    for source in rest {
        let config = source.config;
        if config.fiscal_year_start != merged.fiscal_year_start {
            return Err(format!(
                "{} starts the fiscal year in month {}, but {} in month {}; journals read together must agree",
                first.file, merged.fiscal_year_start, source.file, config.fiscal_year_start
            ));
        }
        for list in [
            (&mut merged.kinds, &config.kinds),
            (&mut merged.statuses, &config.statuses),
            (&mut merged.tags, &config.tags),
            (&mut merged.extra_keys, &config.extra_keys),
            (&mut merged.shared_ids, &config.shared_ids),
            (&mut merged.private_keys, &config.private_keys),
        ] {
            for item in list.1 {
                if !list.0.contains(item) {
                    list.0.push(item.clone());
                }
            }
        }
        for person in &config.people {
            let same = |p: &Person| p.name.trim().eq_ignore_ascii_case(person.name.trim());
            match merged.people.iter().position(same) {
                None => {
                    merged.people.push(person.clone());
                    person_from.push(&source.file);
                }
                Some(i) if merged.people[i].group != person.group => {
                    let group = |g: &Option<String>| g.clone().unwrap_or_else(|| "no group".into());
                    return Err(format!(
                        "{} is in {} in {}, but in {} in {}; a person has one group in journals read together",
                        person.name,
                        group(&merged.people[i].group),
                        person_from[i],
                        group(&person.group),
                        source.file
                    ));
                }
                Some(_) => {}
            }
        }
        for target in &config.targets {
            match merged.targets.iter().position(|t| t.group == target.group) {
                None => {
                    merged.targets.push(target.clone());
                    target_from.push(&source.file);
                }
                Some(i) if merged.targets[i] != *target => {
                    return Err(format!(
                        "the group {} has one target in {} and another in {}; journals read together must agree",
                        target.group, target_from[i], source.file
                    ));
                }
                Some(_) => {}
            }
        }
    }
    Ok(merged)
}

/// An error in `insight.yaml`, at a 1-based line of that file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Config {
    /// The status an idea has when nobody has said otherwise.
    pub fn default_status(&self) -> &str {
        self.statuses.first().map_or("new", String::as_str)
    }

    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let text = crate::parse::frontmatter::strip_bom(text);
        let root = yaml::parse(text).map_err(|e| ConfigError {
            line: e.line,
            column: e.column,
            message: e.message,
        })?;
        let at_key = |key: &str, message: String| ConfigError {
            line: yaml::key_line(text, key),
            column: 1,
            message: format!("`{key}`: {message}"),
        };
        let mut config = Config::default();
        match &root {
            Node::Null => return Ok(config),
            Node::Map(_) => {}
            other => {
                return Err(ConfigError {
                    line: 1,
                    column: 1,
                    message: format!(
                        "expected settings as `key: value` lines, found {}",
                        other.type_name()
                    ),
                });
            }
        }
        let get = |key| root.get(key);
        config.name = values::optional_string(get("name")).map_err(|m| at_key("name", m))?;
        if let Some(dir) =
            values::optional_string(get("entries")).map_err(|m| at_key("entries", m))?
        {
            config.entries = inside_the_journal(dir).map_err(|m| at_key("entries", m))?;
        }
        if let Some(dir) =
            values::optional_string(get("templates")).map_err(|m| at_key("templates", m))?
        {
            config.templates = inside_the_journal(dir).map_err(|m| at_key("templates", m))?;
        }
        if get("kinds").is_some() {
            config.kinds = non_empty_list(get("kinds")).map_err(|m| at_key("kinds", m))?;
        }
        if get("statuses").is_some() {
            config.statuses = non_empty_list(get("statuses")).map_err(|m| at_key("statuses", m))?;
        }
        if let Some(node) = get("fiscal_year_start") {
            config.fiscal_year_start = month(node).map_err(|m| at_key("fiscal_year_start", m))?;
        }
        config.tags = values::string_list(get("tags")).map_err(|m| at_key("tags", m))?;
        config.extra_keys =
            values::string_list(get("extra_keys")).map_err(|m| at_key("extra_keys", m))?;
        config.people = people(get("people")).map_err(|m| at_key("people", m))?;
        config.targets = targets(get("targets")).map_err(|m| at_key("targets", m))?;
        config.me = values::optional_string(get("me")).map_err(|m| at_key("me", m))?;
        config.include = values::string_list(get("include")).map_err(|m| at_key("include", m))?;
        config.label = values::optional_string(get("label")).map_err(|m| at_key("label", m))?;
        if let Some(label) = &config.label
            && label.contains(['/', '\\', ':'])
        {
            return Err(at_key(
                "label",
                format!("`{label}` has a `/`, `\\` or `:`; a label is one word such as `team-a`"),
            ));
        }
        config.shared_ids =
            values::string_list(get("shared_ids")).map_err(|m| at_key("shared_ids", m))?;
        config.private_keys =
            private_keys(get("private_keys")).map_err(|m| at_key("private_keys", m))?;
        Ok(config)
    }
}

/// The keys to keep private: those in [`PRIVATE_KEYS_ALLOWED`], and keys
/// insight does not read (which it never shows anyway).
fn private_keys(node: Option<&Node>) -> Result<Vec<String>, String> {
    /// What reports count and filter by, and `private` itself.
    const COUNTED: [&str; 7] = [
        "date",
        "kind",
        "customers",
        "hours",
        "tags",
        "ideas",
        "private",
    ];
    let keys = values::string_list(node)?;
    match keys.iter().find(|key| COUNTED.contains(&key.as_str())) {
        Some(key) => Err(format!(
            "`{key}` cannot be private: reports count and filter by it; the keys that can be are {}, and an entry can be left out whole with `private: true`",
            PRIVATE_KEYS_ALLOWED.join(", ")
        )),
        None => Ok(keys),
    }
}

/// A folder setting must name a folder inside the journal: `entries: /` would
/// have every command walk the whole disk.
fn inside_the_journal(dir: String) -> Result<String, String> {
    let path = std::path::Path::new(&dir);
    let escapes = path.components().any(|c| {
        matches!(
            c,
            std::path::Component::ParentDir
                | std::path::Component::RootDir
                | std::path::Component::Prefix(_)
        )
    });
    if escapes {
        return Err(format!(
            "`{dir}` is outside the journal; give a folder inside it, such as `visits`"
        ));
    }
    Ok(dir)
}

fn non_empty_list(node: Option<&Node>) -> Result<Vec<String>, String> {
    let list = values::string_list(node)?;
    if list.is_empty() {
        return Err("the list is empty; remove the key to use the defaults".into());
    }
    Ok(list)
}

fn month(node: &Node) -> Result<i8, String> {
    // `7`, `"7"` and `7.0` all mean July.
    let number = match node {
        Node::Str(s) => crate::model::values::decimal(s.trim()),
        _ => None,
    };
    match number {
        Some(m) if (1.0..=12.0).contains(&m) && m.fract() == 0.0 => Ok(m as i8),
        _ => Err(format!(
            "expected a month from 1 to 12, found {}",
            node.scalar_text().unwrap_or_else(|| node.type_name())
        )),
    }
}

fn people(node: Option<&Node>) -> Result<Vec<Person>, String> {
    let items = match node {
        None | Some(Node::Null) => return Ok(Vec::new()),
        Some(Node::Seq(items)) => items,
        Some(other) => {
            return Err(format!(
                "expected a list of people, found {}",
                other.type_name()
            ));
        }
    };
    items
        .iter()
        .map(|item| match item {
            Node::Map(_) => {
                let name =
                    values::optional_text(item.get("name"))?.ok_or("each person needs a `name`")?;
                let group = values::optional_string(item.get("group"))?;
                Ok(Person {
                    name: name.to_string(),
                    group,
                })
            }
            other => Ok(Person {
                name: values::text(other)?.to_string(),
                group: None,
            }),
        })
        .collect()
}

fn targets(node: Option<&Node>) -> Result<Vec<Target>, String> {
    let pairs = match node {
        None | Some(Node::Null) => return Ok(Vec::new()),
        Some(Node::Map(pairs)) => pairs,
        Some(other) => {
            return Err(format!(
                "expected `group: {{ entries_per_year: N }}` lines, found {}",
                other.type_name()
            ));
        }
    };
    pairs
        .iter()
        .map(|(group, spec)| {
            let number = |key: &str| -> Result<Option<f64>, String> {
                spec.get(key)
                    .map(|n| values::non_negative(n).map_err(|m| format!("{group}.{key}: {m}")))
                    .transpose()
            };
            Ok(Target {
                group: group.to_string(),
                entries_per_year: number("entries_per_year")?,
                hours_per_year: number("hours_per_year")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_means_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(
            Config::parse("# only a comment\n").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn reads_every_setting() {
        let config = Config::parse(
            "name: J\nentries: notes\nkinds: [a, b]\nfiscal_year_start: 7\ntags: mobile\n\
             people:\n  - { name: Wayne Shurts, group: executives }\n  - Ann\n\
             targets:\n  executives: { entries_per_year: 2 }\nme: Ann\n",
        )
        .unwrap();
        assert_eq!(config.me.as_deref(), Some("Ann"));
        assert_eq!(config.name.as_deref(), Some("J"));
        assert_eq!(config.entries, "notes");
        assert_eq!(config.kinds, ["a", "b"]);
        assert_eq!(config.fiscal_year_start, 7);
        assert_eq!(config.tags, ["mobile"]);
        assert_eq!(
            config.people[1],
            Person {
                name: "Ann".into(),
                group: None
            }
        );
        assert_eq!(config.targets[0].entries_per_year, Some(2.0));
    }

    #[test]
    fn months_may_be_written_as_text_or_decimals() {
        assert_eq!(
            Config::parse("fiscal_year_start: '7'\n")
                .unwrap()
                .fiscal_year_start,
            7
        );
        assert_eq!(
            Config::parse("fiscal_year_start: 7.0\n")
                .unwrap()
                .fiscal_year_start,
            7
        );
        assert!(Config::parse("fiscal_year_start: 7.5\n").is_err());
    }

    #[test]
    fn folders_stay_inside_the_journal() {
        assert!(Config::parse("entries: /\n").is_err());
        assert!(Config::parse("templates: ../elsewhere\n").is_err());
        assert_eq!(
            Config::parse("entries: notes/visits\n").unwrap().entries,
            "notes/visits"
        );
    }

    #[test]
    fn errors_point_at_the_key() {
        let err = Config::parse("name: J\nfiscal_year_start: 13\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(
            err.message,
            "`fiscal_year_start`: expected a month from 1 to 12, found 13"
        );
    }

    #[test]
    fn syntax_errors_keep_their_line() {
        let err = Config::parse("name: J\nkinds: [a\n").unwrap_err();
        assert_eq!(err.line, 3);
    }
}
