//! The files `insight init` lays down, embedded in the binary so that an
//! installed `insight` works anywhere.

/// (path in the new journal, contents)
pub const JOURNAL_FILES: [(&str, &str); 8] = [
    (
        "insight.yaml",
        include_str!("../journal-template/insight.yaml"),
    ),
    ("README.md", include_str!("../journal-template/README.md")),
    (".gitignore", include_str!("../journal-template/gitignore")),
    (
        "templates/visit.md",
        include_str!("../journal-template/templates/visit.md"),
    ),
    (
        "templates/peer.md",
        include_str!("../journal-template/templates/peer.md"),
    ),
    (
        "templates/immersion.md",
        include_str!("../journal-template/templates/immersion.md"),
    ),
    (
        "templates/research.md",
        include_str!("../journal-template/templates/research.md"),
    ),
    (
        "templates/sales.md",
        include_str!("../journal-template/templates/sales.md"),
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

/// Fills `{{title}}`, `{{site}}` and `{{date}}` in a template's body. The body
/// is Markdown, not YAML, so the user's text cannot break the front matter.
pub fn fill(body: &str, title: &str, site: &str, date: &str) -> String {
    // One pass, so that a title such as `{{site}}` is written as typed.
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let value = [("{{title}}", title), ("{{site}}", site), ("{{date}}", date)]
            .into_iter()
            .find(|(placeholder, _)| rest[at..].starts_with(placeholder));
        match value {
            Some((placeholder, value)) => {
                out.push_str(value);
                rest = &rest[at + placeholder.len()..];
            }
            None => {
                out.push_str("{{");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

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

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("# {{title}} at {{site}}", "T", "S", "D"), "# T at S");
        assert_eq!(
            fill("# {{title}} {{other}}", "{{site}} {{date}}", "S", "D"),
            "# {{site}} {{date}} {{other}}"
        );
    }
}
