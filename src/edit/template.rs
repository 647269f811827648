//! The files `insight init` lays down, embedded in the binary so that an
//! installed `insight` works anywhere.

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
