//! Templates: the files `insight init` lays down, embedded in the binary so
//! that an installed `insight` works anywhere; a template read from a
//! journal's templates folder; and its placeholders filled.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::config::Config;
use crate::model::placeholders;
use crate::model::values;
use crate::parse::frontmatter;
use crate::parse::yaml::{self, Node};

/// (path in the new journal, contents)
pub const JOURNAL_FILES: [(&str, &str); 8] = [
    (
        "insight.yaml",
        include_str!("../../journal-template/insight.yaml"),
    ),
    (
        "README.md",
        include_str!("../../journal-template/README.md"),
    ),
    (
        ".gitignore",
        include_str!("../../journal-template/gitignore"),
    ),
    (
        "templates/visit.md",
        include_str!("../../journal-template/templates/visit.md"),
    ),
    (
        "templates/peer.md",
        include_str!("../../journal-template/templates/peer.md"),
    ),
    (
        "templates/immersion.md",
        include_str!("../../journal-template/templates/immersion.md"),
    ),
    (
        "templates/research.md",
        include_str!("../../journal-template/templates/research.md"),
    ),
    (
        "templates/sales.md",
        include_str!("../../journal-template/templates/sales.md"),
    ),
];

/// The names `insight new` knows without a templates folder.
pub const BUILT_IN_NAMES: [&str; 5] = ["visit", "peer", "immersion", "research", "sales"];

/// The standard template `file` (such as `visit.md`), if there is one.
pub fn built_in(file: &str) -> Option<&'static str> {
    let wanted = format!("templates/{file}");
    JOURNAL_FILES
        .iter()
        .find(|(path, _)| *path == wanted)
        .map(|(_, text)| *text)
}

/// The `{{…}}` in a template's body that are not placeholders: they are
/// written into the entry as they are, and are probably misspelt.
pub fn unknown_placeholders(body: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("{{") {
        let Some(end) = rest[at..].find("}}") else {
            break;
        };
        let written = &rest[at..at + end + 2];
        let name = &written[2..written.len() - 2];
        let plausible = !name.is_empty() && name.len() <= 30 && !name.contains(['{', '\n']);
        if plausible && !placeholders::is_placeholder(written) && !found.contains(&written) {
            found.push(written);
        }
        rest = &rest[at + 2..];
    }
    found
}

/// What `insight new` fills a template's placeholders with.
pub struct Fill<'a> {
    pub title: &'a str,
    pub site: &'a str,
    pub date: &'a str,
    /// Block quotes (`> …` lines), or empty.
    pub quotes: &'a str,
}

/// Fills `{{title}}`, `{{site}}`, `{{date}}` and `{{quotes}}` in a template's
/// body. The body is Markdown, not YAML, so the user's text cannot break the
/// front matter. Quotes go where `{{quotes}}` stands, else at the end; an empty
/// value alone on its line takes the line with it.
pub fn fill(body: &str, values: &Fill) -> String {
    let placeholders = [
        ("{{title}}", values.title),
        ("{{site}}", values.site),
        ("{{date}}", values.date),
        ("{{quotes}}", values.quotes),
    ];
    // One pass, so that a title such as `{{site}}` is written as typed.
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut quotes_placed = false;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let found = placeholders
            .into_iter()
            .find(|(placeholder, _)| rest[at..].starts_with(placeholder));
        match found {
            Some((placeholder, value)) => {
                if placeholder == "{{quotes}}" && !value.is_empty() {
                    // A blank line sets the quotes apart from what comes before.
                    quotes_placed = true;
                    out.push('\n');
                }
                out.push_str(value);
                rest = &rest[at + placeholder.len()..];
                let alone = out.is_empty() || out.ends_with('\n');
                if value.is_empty() && alone {
                    rest = rest
                        .strip_prefix("\r\n")
                        .or(rest.strip_prefix('\n'))
                        .unwrap_or(rest);
                }
            }
            None => {
                out.push_str("{{");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    if !quotes_placed && !values.quotes.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        out.push_str(values.quotes);
        out.push('\n');
    }
    out
}

/// Each text as a Markdown block quote, a blank line between them.
pub fn block_quotes(texts: &[String]) -> String {
    texts
        .iter()
        .map(|text| {
            text.trim()
                .lines()
                .map(|line| match line.trim_end() {
                    "" => ">".to_string(),
                    line => format!("> {line}"),
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|quote| !quote.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What a template contributes: its kind, defaults for some fields, and a body.
pub struct Template {
    pub kind: Option<String>,
    pub role: Option<String>,
    pub people: Vec<String>,
    pub tags: Vec<String>,
    pub body: String,
}

/// The template whose kind is `kind`: `KIND.md` in `dir` first, then the
/// others by name (so `frontline` finds `visit.md`); a kind without one
/// starts from a bare heading.
pub fn for_kind(dir: &Path, kind: &str) -> Result<(String, Template)> {
    let mut names = names(dir);
    names.sort_by_key(|name| !name.eq_ignore_ascii_case(kind));
    for name in names {
        let template = read(dir, &name)?;
        if template
            .kind
            .as_deref()
            .unwrap_or(&name)
            .eq_ignore_ascii_case(kind)
        {
            return Ok((name, template));
        }
    }
    let bare = Template {
        kind: Some(kind.to_string()),
        role: None,
        people: vec![],
        tags: Default::default(),
        body: "# {{title}}\n".to_string(),
    };
    Ok((kind.to_string(), bare))
}

/// The template `name` (`visit`, `visit.md`) of the templates folder `dir`,
/// else the standard one of that name.
pub fn read(dir: &Path, name: &str) -> Result<Template> {
    let file = if name.ends_with(".md") {
        name.to_string()
    } else {
        format!("{name}.md")
    };
    let path = dir.join(&file);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        // A journal that has no copy of a standard template still gets it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match built_in(&file) {
            Some(text) => text.to_string(),
            None => {
                return Err(Error::new(format!(
                    "no template `{name}`: {} does not exist",
                    path.display()
                ))
                .hint(available(dir)));
            }
        },
        Err(e) => return Err(Error::io("read", &path, &e)),
    };
    let text = frontmatter::strip_bom(&text);
    let Ok(split) = frontmatter::split(text) else {
        // A template without front matter is all body.
        return Ok(Template {
            kind: None,
            role: None,
            people: vec![],
            tags: Default::default(),
            body: text.to_string(),
        });
    };
    let root = yaml::parse(split.yaml).map_err(|e| {
        Error::new(format!(
            "{}:{}:{}: {}",
            path.display(),
            split.yaml_line + e.line - 1,
            e.column,
            e.message
        ))
        .hint("fix the template's front matter")
    })?;
    let bad =
        |key: &str, message: String| Error::new(format!("{}: `{key}`: {message}", path.display()));
    let get = |key| root.get(key).filter(|n| **n != Node::Null);
    Ok(Template {
        kind: values::optional_string(get("kind")).map_err(|m| bad("kind", m))?,
        role: values::optional_string(get("role")).map_err(|m| bad("role", m))?,
        people: values::string_list(get("people")).map_err(|m| bad("people", m))?,
        tags: values::string_list(get("tags")).map_err(|m| bad("tags", m))?,
        body: split.body.to_string(),
    })
}

/// The templates in `dir` and the standard ones, by name.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".md")
                .map(String::from)
        })
        .collect();
    names.extend(BUILT_IN_NAMES.map(String::from));
    names.sort();
    names.dedup();
    names
}

/// Which templates there are, as a hint.
pub fn available(dir: &Path) -> String {
    format!(
        "the templates are {} (add your own as {}/NAME.md)",
        names(dir).join(", "),
        dir.display()
    )
}

/// The kind of the entries a template makes, as the journal spells it.
pub fn kind_of(template: &Template, name: &str, config: &Config) -> Result<String> {
    let name = name.trim_end_matches(".md");
    let kind = template.kind.clone().unwrap_or_else(|| name.to_string());
    config
        .kinds
        .iter()
        .find(|k| k.eq_ignore_ascii_case(&kind))
        .cloned()
        .ok_or_else(|| {
            Error::new(format!(
                "template `{name}` is for kind `{kind}`, which is not a kind of this journal"
            ))
            .hint(format!(
                "set `kind:` in the template to one of {}",
                config.kinds.join(", ")
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;

    #[test]
    fn the_embedded_settings_are_the_defaults() {
        let config = Config::parse(JOURNAL_FILES[0].1).unwrap();
        assert_eq!(
            config,
            Config {
                name: Some("Frontline insight journal".into()),
                ..Config::default()
            }
        );
    }

    #[test]
    fn there_is_a_template_per_default_kind() {
        for name in BUILT_IN_NAMES {
            let text = built_in(&format!("{name}.md")).unwrap();
            assert!(text.starts_with("---\nkind: "), "{name}");
        }
    }

    fn values<'a>(title: &'a str, quotes: &'a str) -> Fill<'a> {
        Fill {
            title,
            site: "S",
            date: "D",
            quotes,
        }
    }

    #[test]
    fn finds_what_is_not_a_placeholder() {
        assert_eq!(
            unknown_placeholders("# {{titel}} at {{site}}\n{{quotes}} {{titel}} {{ date }}"),
            ["{{titel}}", "{{ date }}"]
        );
        assert_eq!(unknown_placeholders("{{title}} {{"), Vec::<&str>::new());
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("# {{title}} at {{site}}", &values("T", "")),
            "# T at S"
        );
        assert_eq!(
            fill("# {{title}} {{other}}", &values("{{site}} {{date}}", "")),
            "# {{site}} {{date}} {{other}}"
        );
    }

    #[test]
    fn quotes_go_to_their_place_or_the_end() {
        let template = "# {{title}}\n\n## Said\n{{quotes}}\n\n## Next\n";
        assert_eq!(
            fill(template, &values("T", "> Hi")),
            "# T\n\n## Said\n\n> Hi\n\n## Next\n"
        );
        assert_eq!(
            fill(template, &values("T", "")),
            "# T\n\n## Said\n\n## Next\n"
        );
        assert_eq!(fill("# {{title}}", &values("T", "> Hi")), "# T\n\n> Hi\n");
        assert_eq!(
            fill("# {{title}}\n", &values("{{quotes}}", "> Hi")),
            "# {{quotes}}\n\n> Hi\n"
        );
    }

    #[test]
    fn block_quotes_mark_every_line() {
        let quotes = [
            "I can never\n\nfind it ".to_string(),
            "  ".to_string(),
            "Where?".into(),
        ];
        assert_eq!(
            block_quotes(&quotes),
            "> I can never\n>\n> find it\n\n> Where?"
        );
    }

    #[test]
    fn every_standard_template_has_a_place_for_quotes() {
        for name in BUILT_IN_NAMES {
            let text = built_in(&format!("{name}.md")).unwrap();
            assert!(text.contains("-->\n{{quotes}}\n\n## "), "{name}");
        }
    }
}
