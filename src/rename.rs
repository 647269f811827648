//! Renaming a tag inside an entry's text, changing only that tag's characters.
//! Pure: text in, text out. Every edit is proven by parsing the result again.

use crate::config::Config;
use crate::entry::{self, Entry};
use crate::frontmatter;
use crate::tags::renamed;
use crate::text::{Text, Texts};
use crate::yaml::scalars::{self, Scalar};
use crate::yaml::{self, Node};

/// One tag changed, for the user to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// 1-based line in the file.
    pub line: usize,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The entry does not carry the tag.
    Unchanged,
    /// The entry carries the tag, already spelled as the new name.
    AlreadyNamed,
    /// The new text of the file and what changed in it.
    Renamed { text: String, changes: Vec<Change> },
    /// The entry carries the tag, but not in a form that can be edited safely.
    Refused(String),
}

/// Renames `old` to `new` in the tags of one entry (top level and in ideas).
pub fn rename(path: &str, text: &str, old: &str, new: &str, config: &Config) -> Outcome {
    let Ok(before) = entry::parse(path, text, config) else {
        return if carries(text, old) {
            Outcome::Refused("the entry has errors; fix them first (`insight check`)".into())
        } else {
            Outcome::Unchanged
        };
    };
    let expected = with_renamed_tags(&before, old, new);
    if expected == before {
        let carried = before
            .tags
            .iter()
            .chain(before.ideas.iter().flat_map(|i| &i.tags));
        let has_it = carried.clone().any(|t| crate::tags::is_under(t, old));
        return if has_it {
            Outcome::AlreadyNamed
        } else {
            Outcome::Unchanged
        };
    }
    let body_start = text.len() - frontmatter::strip_bom(text).len();
    let Ok(split) = frontmatter::split(&text[body_start..]) else {
        return Outcome::Refused("the front matter could not be found again".into());
    };
    let mut new_text = text.to_string();
    let mut changes = Vec::new();
    // From the end, so earlier byte offsets stay valid.
    for scalar in scalars::tag_scalars(split.yaml).iter().rev() {
        let Some(value) = renamed(&scalar.value, old, new).filter(|v| *v != scalar.value) else {
            continue;
        };
        let at = body_start + split.yaml_offset;
        let span = at + scalar.span.start..at + scalar.span.end;
        new_text.replace_range(span.clone(), &scalars::write_like(&value, scalar));
        changes.push(change(text, span.start, scalar, value));
    }
    changes.reverse();
    // The proof: the new front matter, parsed, is the old one with only the
    // tags renamed (unknown keys included), and so is the entry.
    let same_tree = match (yaml::parse(split.yaml), new_yaml(&new_text)) {
        (Ok(before_tree), Some(Ok(after_tree))) => {
            after_tree == tree_with_renamed_tags(before_tree, old, new)
        }
        _ => false,
    };
    match entry::parse(path, &new_text, config) {
        Ok(after) if same_tree && after == expected => Outcome::Renamed {
            text: new_text,
            changes,
        },
        _ => Outcome::Refused(
            "the tags are written in a form insight cannot edit safely; edit them by hand".into(),
        ),
    }
}

fn new_yaml(text: &str) -> Option<Result<Node, yaml::YamlError>> {
    let split = frontmatter::split(frontmatter::strip_bom(text)).ok()?;
    Some(yaml::parse(split.yaml))
}

/// The front-matter tree with `tags` renamed at the top level and in each idea.
fn tree_with_renamed_tags(tree: Node, old: &str, new: &str) -> Node {
    let rename_tags = |node: Node| match node {
        Node::Seq(items) => Node::Seq(
            items
                .into_iter()
                .map(|item| rename_scalar(item, old, new))
                .collect(),
        ),
        other => rename_scalar(other, old, new),
    };
    let Node::Map(pairs) = tree else { return tree };
    Node::Map(
        pairs
            .into_iter()
            .map(|(key, value)| {
                let value = match (key.as_str(), value) {
                    ("tags", value) => rename_tags(value),
                    ("ideas", Node::Seq(ideas)) => Node::Seq(
                        ideas
                            .into_iter()
                            .map(|idea| match idea {
                                Node::Map(fields) => Node::Map(
                                    fields
                                        .into_iter()
                                        .map(|(k, v)| {
                                            if k == "tags" {
                                                (k, rename_tags(v))
                                            } else {
                                                (k, v)
                                            }
                                        })
                                        .collect(),
                                ),
                                other => other,
                            })
                            .collect(),
                    ),
                    (_, value) => value,
                };
                (key, value)
            })
            .collect(),
    )
}

fn rename_scalar(node: Node, old: &str, new: &str) -> Node {
    match node.scalar_text().and_then(|text| renamed(&text, old, new)) {
        Some(value) => Node::Str(value),
        None => node,
    }
}

fn change(text: &str, at: usize, scalar: &Scalar, to: String) -> Change {
    Change {
        line: text[..at].matches('\n').count() + 1,
        from: scalar.value.clone(),
        to,
    }
}

fn with_renamed_tags(entry: &Entry, old: &str, new: &str) -> Entry {
    let rename_all = |tags: &[Text]| -> Texts {
        tags.iter()
            .map(|t| renamed(t, old, new).map_or_else(|| t.clone(), Text::from))
            .collect()
    };
    let mut expected = entry.clone();
    expected.tags = rename_all(&entry.tags);
    for idea in &mut expected.ideas {
        idea.tags = rename_all(&idea.tags);
    }
    expected
}

/// Whether a broken entry seems to carry the tag, so that it is reported
/// rather than silently passed over.
fn carries(text: &str, old: &str) -> bool {
    let text = frontmatter::strip_bom(text);
    frontmatter::split(text)
        .map(|split| {
            scalars::tag_scalars(split.yaml)
                .iter()
                .any(|s| renamed(&s.value, old, old).is_some())
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(text: &str, old: &str, new: &str) -> Outcome {
        rename("x.md", text, old, new, &Config::default())
    }

    fn renamed_text(text: &str, old: &str, new: &str) -> String {
        match run(text, old, new) {
            Outcome::Renamed { text, .. } => text,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn changes_only_the_tag() {
        let text = "\u{feff}---\r\n# a comment\r\ndate: 2026-01-02 # when\r\nsite:  'Moble: store'\r\nkind: peer\r\n\
                    tags: [moble, 'moble/app', pricing]   # tags\r\nideas:\r\n  - { title: T, tags: moble }\r\n\
                    zeta: moble\r\n---\r\nmoble in the body\r\n";
        let out = renamed_text(text, "moble", "mobile");
        assert_eq!(
            out,
            "\u{feff}---\r\n# a comment\r\ndate: 2026-01-02 # when\r\nsite:  'Moble: store'\r\nkind: peer\r\n\
             tags: [mobile, 'mobile/app', pricing]   # tags\r\nideas:\r\n  - { title: T, tags: mobile }\r\n\
             zeta: moble\r\n---\r\nmoble in the body\r\n"
        );
        let Outcome::Renamed { changes, .. } = run(text, "moble", "mobile") else {
            unreachable!()
        };
        assert_eq!(
            changes.iter().map(|c| c.line).collect::<Vec<_>>(),
            [6, 6, 8]
        );
    }

    #[test]
    fn never_touches_text_outside_the_tags() {
        let text = "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags: [mobile]\nnotes: |\n  tags: mobile\n\
                    meta:\n  tags: [mobile]\n---\n";
        assert_eq!(
            renamed_text(text, "mobile", "handheld"),
            "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags: [handheld]\nnotes: |\n  tags: mobile\n\
             meta:\n  tags: [mobile]\n---\n"
        );
    }

    #[test]
    fn only_real_changes_are_listed() {
        let text = "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags: [Mobile, mobile/app]\n---\n";
        let Outcome::Renamed { changes, text: out } = run(text, "mobile", "mobile") else {
            unreachable!()
        };
        assert_eq!(changes.len(), 1);
        assert_eq!(
            out,
            "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags: [mobile, mobile/app]\n---\n"
        );
    }

    #[test]
    fn quotes_a_new_name_that_needs_it() {
        let text = "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags:\n  - old\n  - other\n---\n";
        assert_eq!(
            renamed_text(text, "old", "#1: new"),
            "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags:\n  - '#1: new'\n  - other\n---\n"
        );
    }

    #[test]
    fn leaves_other_entries_alone_and_refuses_what_it_cannot_prove() {
        let text = "---\ndate: 2026-01-02\nkind: peer\nsite: S\ntags: [pricing]\n---\n";
        assert_eq!(run(text, "mobile", "handheld"), Outcome::Unchanged);
        let anchored =
            "---\ndate: 2026-01-02\nkind: peer\nsite: S\nx: &t [mobile]\ntags: *t\n---\n";
        assert!(matches!(
            run(anchored, "mobile", "handheld"),
            Outcome::Refused(_)
        ));
        let broken = "---\ndate: 2026-13-02\nkind: peer\nsite: S\ntags: [mobile]\n---\n";
        assert!(matches!(
            run(broken, "mobile", "handheld"),
            Outcome::Refused(_)
        ));
    }

    fn tag() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("mobile".to_string()),
            Just("Mobile/App".to_string()),
            "[a-z]{1,8}(/[a-z]{1,5})?"
        ]
    }

    proptest! {
        /// Whatever the shape of the tags, the rename changes nothing but tag
        /// characters: the rest of the file is the same, byte for byte.
        #[test]
        fn changes_nothing_but_the_tag(
            tags in prop::collection::vec(tag(), 0..5),
            idea_tags in prop::collection::vec(tag(), 0..3),
            flow in any::<bool>(),
            crlf in any::<bool>(),
            quote in 0usize..3,
            new in "[a-z]{1,8}( [a-z]{1,4})?",
        ) {
            let q = ["", "'", "\""][quote];
            let items: Vec<String> = tags.iter().map(|t| format!("{q}{t}{q}")).collect();
            let tags_yaml = if flow || items.is_empty() {
                format!("tags: [{}]\n", items.join(", "))
            } else {
                format!("tags:\n{}", items.iter().map(|i| format!("  - {i}\n")).collect::<String>())
            };
            let idea = format!("ideas:\n  - {{ title: T, tags: [{}] }}\n", idea_tags.join(", "));
            let text = format!("---\ndate: 2026-01-02 # c\nkind: peer\nsite: S\n{tags_yaml}{idea}---\nbody mobile\n");
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            match run(&text, "mobile", &new) {
                Outcome::Renamed { text: out, .. } => {
                    let expect_tags: Vec<String> = tags.iter().map(|t| renamed(t, "mobile", &new).unwrap_or_else(|| t.clone())).collect();
                    let entry = entry::parse("x.md", &out, &Config::default()).unwrap();
                    prop_assert_eq!(entry.tags, expect_tags);
                    // Outside the tags, the files agree once the new name is put back.
                    prop_assert_eq!(out.lines().count(), text.lines().count());
                    let tail = if crlf { "---\r\nbody mobile\r\n" } else { "---\nbody mobile\n" };
                    prop_assert!(out.ends_with(tail));
                    for (a, b) in text.lines().zip(out.lines()) {
                        if !(a.contains("tags") || a.trim_start().starts_with("- ")) {
                            prop_assert_eq!(a, b);
                        }
                    }
                }
                Outcome::Unchanged => {
                    prop_assert!(!tags.iter().chain(&idea_tags).any(|t| renamed(t, "mobile", "x").is_some()));
                }
                Outcome::AlreadyNamed => {
                    let all = tags.iter().chain(&idea_tags);
                    prop_assert!(all.clone().all(|t| renamed(t, "mobile", &new).is_none_or(|r| r == *t)));
                }
                Outcome::Refused(why) => prop_assert!(false, "refused: {why}\n{text}"),
            }
        }
    }
}
