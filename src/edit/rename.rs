//! Renaming a tag inside an entry's text, changing only that tag's characters.
//! Pure: text in, text out. Every edit is proven by parsing the result again.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::config::Config;
use crate::model::entry::{self, Entry};
use crate::model::tags::{normalize, renamed};
use crate::model::text::{Text, Texts};
use crate::parse::frontmatter;
use crate::parse::lines::LineIndex;
use crate::parse::yaml::scalars::{self, Place, Scalar};
use crate::parse::yaml::{self, Node};

/// One tag changed, for the user to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// 1-based line in the file.
    pub line: usize,
    pub from: String,
    pub to: String,
    /// The list already held `to`, so `from` was taken out rather than renamed.
    pub removed: bool,
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

/// What the rename does to one tag of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fate {
    Keep,
    Rename(String),
    /// Renamed into a tag the list already has: taken out, so the list holds
    /// the new name once.
    Drop(String),
}

/// The fate of each tag of one list (`None` for an item that is not a tag).
/// A renamed tag is dropped when the list already holds its new name, as a
/// tag that stays or as one renamed before it.
fn fates<'a>(tags: impl IntoIterator<Item = Option<&'a str>>, old: &str, new: &str) -> Vec<Fate> {
    let renames: Vec<(Option<&str>, Option<String>)> = tags
        .into_iter()
        .map(|tag| {
            let to = tag.and_then(|t| renamed(t, old, new).filter(|to| to != t));
            (tag, to)
        })
        .collect();
    let mut present: HashSet<String> = renames
        .iter()
        .filter(|(_, to)| to.is_none())
        .filter_map(|(tag, _)| tag.map(normalize))
        .collect();
    renames
        .into_iter()
        .map(|(_, to)| match to {
            None => Fate::Keep,
            Some(to) if present.insert(normalize(&to)) => Fate::Rename(to),
            Some(to) => Fate::Drop(to),
        })
        .collect()
}

/// The tags of one list after the rename.
fn renamed_tags(tags: &[Text], old: &str, new: &str) -> Texts {
    tags.iter()
        .zip(fates(tags.iter().map(|t| Some(t.as_str())), old, new))
        .filter_map(|(tag, fate)| match fate {
            Fate::Keep => Some(tag.clone()),
            Fate::Rename(to) => Some(Text::from(to)),
            Fate::Drop(_) => None,
        })
        .collect()
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
        let has_it = carried
            .clone()
            .any(|t| crate::model::tags::is_under(t, old));
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
    let yaml_start = body_start + split.yaml_offset;
    let (edits, changes) = edits(
        text,
        yaml_start,
        &scalars::tag_scalars(split.yaml),
        old,
        new,
    );
    let new_text = apply(text, &edits);
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

/// The byte ranges of `text` to replace, in order, and the changes they make.
/// `scalars` are in the front matter, which starts at byte `yaml_start`.
fn edits(
    text: &str,
    yaml_start: usize,
    scalars: &[Scalar],
    old: &str,
    new: &str,
) -> (Vec<(Range<usize>, String)>, Vec<Change>) {
    let lines = LineIndex::new(text);
    let mut edits = Vec::new();
    let mut changes = Vec::new();
    for list in scalars.chunk_by(|a, b| a.list == b.list) {
        let fates = fates(list.iter().map(|s| Some(s.value.as_str())), old, new);
        for (i, (scalar, fate)) in list.iter().zip(&fates).enumerate() {
            let (edit, to, removed) = match fate {
                Fate::Keep => continue,
                Fate::Rename(to) => (
                    (scalar.span.clone(), scalars::write_like(to, scalar)),
                    to,
                    false,
                ),
                Fate::Drop(to) => ((removal(list, &fates, i), String::new()), to, true),
            };
            changes.push(Change {
                line: lines.line(yaml_start + scalar.span.start),
                from: scalar.value.clone(),
                to: to.clone(),
                removed,
            });
            let (range, with) = edit;
            edits.push((yaml_start + range.start..yaml_start + range.end, with));
        }
    }
    (merged(edits), changes)
}

/// The bytes (of the front matter) that take item `i` of a list out, with
/// its separator. Neighbouring items taken out together share one range: the
/// run of them up to the next item that stays, or, at the end of a flow list,
/// from the item before the run.
fn removal(list: &[Scalar], fates: &[Fate], i: usize) -> Range<usize> {
    let dropped = |k: usize| matches!(fates[k], Fate::Drop(_));
    match &list[i].place {
        Place::BlockItem { line } => line.clone(),
        // A list of one is never left empty: what the tag became is in it.
        Place::Alone => list[i].span.clone(),
        Place::FlowItem => {
            let end = (i..list.len()).find(|&k| !dropped(k));
            match end {
                Some(next) => list[i].span.start..list[next].span.start,
                None => {
                    let first = (0..=i).rev().find(|&k| !dropped(k)).map_or(i, |k| k + 1);
                    let from = first
                        .checked_sub(1)
                        .map_or(list[i].span.start, |k| list[k].span.end);
                    from..list[i].span.end
                }
            }
        }
    }
}

/// Edits in order, with the ones that overlap (items of one run) made one.
fn merged(mut edits: Vec<(Range<usize>, String)>) -> Vec<(Range<usize>, String)> {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out: Vec<(Range<usize>, String)> = Vec::with_capacity(edits.len());
    for (range, with) in edits {
        match out.last_mut() {
            Some((last, last_with)) if range.start < last.end => {
                // Only removals overlap; the run's range covers them all.
                debug_assert!(with.is_empty() && last_with.is_empty());
                last.end = last.end.max(range.end);
            }
            _ => out.push((range, with)),
        }
    }
    out
}

/// `text` with each range replaced, in one pass.
fn apply(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (range, with) in edits {
        out.push_str(&text[copied..range.start]);
        out.push_str(with);
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    out
}

fn new_yaml(text: &str) -> Option<Result<Node<'_>, yaml::YamlError>> {
    let split = frontmatter::split(frontmatter::strip_bom(text)).ok()?;
    Some(yaml::parse(split.yaml))
}

/// The front-matter tree with `tags` renamed at the top level and in each idea.
fn tree_with_renamed_tags<'a>(tree: Node<'a>, old: &str, new: &str) -> Node<'a> {
    let rename_tags = |node: Node<'a>| match node {
        Node::Seq(items) => {
            let fates = fates(items.iter().map(Node::scalar_text), old, new);
            Node::Seq(
                items
                    .into_iter()
                    .zip(fates)
                    .filter_map(|(item, fate)| match fate {
                        Fate::Keep => Some(item),
                        Fate::Rename(to) => Some(Node::Str(to.into())),
                        Fate::Drop(_) => None,
                    })
                    .collect(),
            )
        }
        other => rename_scalar(other, old, new),
    };
    let Node::Map(pairs) = tree else { return tree };
    Node::Map(
        pairs
            .into_iter()
            .map(|(key, value)| {
                let value = match (&*key, value) {
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

fn rename_scalar<'a>(node: Node<'a>, old: &str, new: &str) -> Node<'a> {
    match node.scalar_text().and_then(|text| renamed(text, old, new)) {
        Some(value) => Node::Str(value.into()),
        None => node,
    }
}

fn with_renamed_tags(entry: &Entry, old: &str, new: &str) -> Entry {
    let mut expected = entry.clone();
    expected.tags = renamed_tags(&entry.tags, old, new);
    for idea in &mut expected.ideas {
        idea.tags = renamed_tags(&idea.tags, old, new);
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
    fn a_tag_renamed_into_one_the_list_has_is_taken_out() {
        let head = "---\ndate: 2026-01-02\nkind: peer\nsite: S\n";
        let cases = [
            ("tags: [check, checkout]\n", "tags: [checkout]\n"),
            ("tags: [checkout, check] # c\n", "tags: [checkout] # c\n"),
            (
                "tags: [a, check ,Checkout, b]\n",
                "tags: [a, Checkout, b]\n",
            ),
            ("tags: [checkout, check, Check]\n", "tags: [checkout]\n"),
            (
                "tags: [check, Check, x, checkout]\n",
                "tags: [x, checkout]\n",
            ),
            ("tags: [check, check]\n", "tags: [checkout]\n"),
            (
                "tags:\n  - check  # old\n  - checkout\nideas:\n  - { title: T, tags: [checkout, check] }\n",
                "tags:\n  - checkout\nideas:\n  - { title: T, tags: [checkout] }\n",
            ),
            (
                "tags: check\nideas: [{ title: T, tags: [checkout] }]\n",
                "tags: checkout\nideas: [{ title: T, tags: [checkout] }]\n",
            ),
        ];
        for (tags, expected) in cases {
            let text = format!("{head}{tags}---\nbody\n");
            assert_eq!(
                renamed_text(&text, "check", "checkout"),
                format!("{head}{expected}---\nbody\n"),
                "{tags}"
            );
        }
        let crlf = "---\r\ndate: 2026-01-02\r\nkind: peer\r\nsite: S\r\ntags:\r\n  - checkout\r\n  - check\r\n---\r\n";
        let Outcome::Renamed { text, changes } = run(crlf, "check", "checkout") else {
            unreachable!()
        };
        assert_eq!(
            text,
            "---\r\ndate: 2026-01-02\r\nkind: peer\r\nsite: S\r\ntags:\r\n  - checkout\r\n---\r\n"
        );
        assert_eq!(
            changes,
            [Change {
                line: 7,
                from: "check".into(),
                to: "checkout".into(),
                removed: true
            }]
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
                    // Renamed tags, each once: a renamed tag the list holds
                    // already (unrenamed, or renamed before it) is taken out.
                    let stays = |t: &String| renamed(t, "mobile", &new).is_none_or(|r| r == *t);
                    let mut held: Vec<String> = tags.iter().filter(|t| stays(t)).map(|t| normalize(t)).collect();
                    let expect_tags: Vec<String> = tags.iter().filter_map(|t| {
                        if stays(t) {
                            return Some(t.clone());
                        }
                        let to = renamed(t, "mobile", &new).unwrap();
                        (!held.contains(&normalize(&to))).then(|| {
                            held.push(normalize(&to));
                            to
                        })
                    }).collect();
                    let entry = entry::parse("x.md", &out, &Config::default()).unwrap();
                    prop_assert_eq!(&entry.tags, &expect_tags);
                    // Outside the tags, the files agree line for line; a
                    // block list loses the lines of the tags taken out.
                    let taken_out = tags.len() - expect_tags.len();
                    let lines_out = if flow || items.is_empty() { 0 } else { taken_out };
                    prop_assert_eq!(out.lines().count() + lines_out, text.lines().count());
                    let tail = if crlf { "---\r\nbody mobile\r\n" } else { "---\nbody mobile\n" };
                    prop_assert!(out.ends_with(tail));
                    let untouched = |l: &&str| !(l.contains("tags") || l.trim_start().starts_with("- "));
                    let before: Vec<&str> = text.lines().filter(untouched).collect();
                    let after: Vec<&str> = out.lines().filter(untouched).collect();
                    prop_assert_eq!(before, after);
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
