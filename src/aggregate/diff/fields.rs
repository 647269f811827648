//! How two versions of one entry differ, field by field, with the values
//! before and after: what a reviewer would otherwise open both files for.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;

use crate::aggregate::record::whole_or_fraction_f64;
use crate::model::entry::{Entry, Idea};
use crate::model::idea::normalize;
use crate::model::text::Text;

/// One field that differs between two versions of an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// For a change inside one of the entry's ideas: that idea, by its id,
    /// else its title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idea: Option<String>,
    /// `date`, `kind`, `site`, `role`, `title`, `people`, `customers`,
    /// `hours`, `tags`, `ideas`, `private`, `text`, `other keys`, or
    /// `problem` when the entry became unreadable or readable again; inside
    /// an idea `id`, `title`, `status`, `owner` or `tags`.
    pub field: &'static str,
    #[serde(flatten)]
    pub values: Values,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Values {
    /// The value before and after; null where the entry does not give it.
    Value { from: Value, to: Value },
    /// What a list gained and lost: people, tags, ideas, other keys.
    Items {
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// How many lines of the text were added and removed; both 0 when
    /// lines only moved.
    Lines {
        lines_added: usize,
        lines_removed: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    None,
    Text(String),
    Date(Date),
    Number(#[serde(serialize_with = "whole_or_fraction_f64")] f64),
    Flag(bool),
}

impl FieldChange {
    pub fn value(field: &'static str, from: Value, to: Value) -> FieldChange {
        FieldChange {
            idea: None,
            field,
            values: Values::Value { from, to },
        }
    }
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::None, |v| Value::Text(v.to_string()))
}

/// The fields in which two readable versions of an entry differ, in the
/// order of the format's table; an empty list when they say the same.
pub fn differences(a: &Entry, b: &Entry) -> Vec<FieldChange> {
    let number = |n: Option<f64>| n.map_or(Value::None, Value::Number);
    let mut found: Vec<FieldChange> = changed([
        ("date", Value::Date(a.date), Value::Date(b.date)),
        ("kind", text(Some(&a.kind)), text(Some(&b.kind))),
        ("site", text(Some(&a.site)), text(Some(&b.site))),
        ("role", text(a.role.as_deref()), text(b.role.as_deref())),
        ("title", text(Some(&a.title)), text(Some(&b.title))),
    ]);
    found.extend(listed(None, "people", items(&a.people, &b.people)));
    found.extend(changed([
        (
            "customers",
            number(a.customers.map(|n| n as f64)),
            number(b.customers.map(|n| n as f64)),
        ),
        ("hours", number(a.hours), number(b.hours)),
    ]));
    found.extend(listed(None, "tags", items(&a.tags, &b.tags)));
    found.extend(idea_changes(&a.ideas, &b.ideas));
    found.extend(changed([(
        "private",
        Value::Flag(a.private),
        Value::Flag(b.private),
    )]));
    if a.body != b.body {
        let (added, removed) = lines(&a.body, &b.body);
        found.push(FieldChange {
            idea: None,
            field: "text",
            values: Values::Lines {
                lines_added: added,
                lines_removed: removed,
            },
        });
    }
    found.extend(listed(
        None,
        "other keys",
        items(&a.unknown_keys, &b.unknown_keys),
    ));
    found
}

/// The fields whose values differ.
fn changed<const N: usize>(values: [(&'static str, Value, Value); N]) -> Vec<FieldChange> {
    values
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(field, from, to)| FieldChange::value(field, from, to))
        .collect()
}

/// A list's change as a field change, when it gained or lost something.
fn listed(
    idea: Option<&str>,
    field: &'static str,
    (added, removed): (Vec<String>, Vec<String>),
) -> Option<FieldChange> {
    (!added.is_empty() || !removed.is_empty()).then(|| FieldChange {
        idea: idea.map(String::from),
        field,
        values: Values::Items { added, removed },
    })
}

/// What `after` has that `before` has not, and the other way round, in
/// each list's own order; a list only reordered has neither.
fn items(before: &[Text], after: &[Text]) -> (Vec<String>, Vec<String>) {
    let only = |these: &[Text], those: &[Text]| -> Vec<String> {
        these
            .iter()
            .filter(|t| !those.contains(t))
            .map(|t| t.to_string())
            .collect()
    };
    (only(after, before), only(before, after))
}

/// How many lines of `after` are not in `before`, and the other way round,
/// counting each line as often as it occurs (as `git diff --stat` counts a
/// change that does not move lines about).
fn lines(before: &str, after: &str) -> (usize, usize) {
    let mut count: HashMap<&str, isize> = HashMap::new();
    for line in before.lines() {
        *count.entry(line).or_default() -= 1;
    }
    for line in after.lines() {
        *count.entry(line).or_default() += 1;
    }
    let added = count.values().filter(|n| **n > 0).sum::<isize>();
    let removed = -count.values().filter(|n| **n < 0).sum::<isize>();
    (added as usize, removed as usize)
}

/// The ideas an entry gained and lost (by id, else title), then what
/// changed in each idea it kept. An idea is the same one in both versions
/// when it has the same id, or else the same title.
fn idea_changes(before: &[Idea], after: &[Idea]) -> Vec<FieldChange> {
    let mut unmatched: Vec<Option<&Idea>> = before.iter().map(Some).collect();
    let mut take = |same: &dyn Fn(&Idea) -> bool| {
        let at = unmatched.iter().position(|i| i.is_some_and(same))?;
        unmatched[at].take()
    };
    let mut kept = Vec::new();
    let mut added = Vec::new();
    for idea in after {
        let earlier = match &idea.id {
            Some(id) => take(&|i: &Idea| i.id.as_ref() == Some(id)),
            None => None,
        }
        .or_else(|| take(&|i: &Idea| i.id.is_none() && same_title(i, idea)))
        .or_else(|| take(&|i: &Idea| same_title(i, idea)));
        match earlier {
            Some(earlier) => kept.push((earlier, idea)),
            None => added.push(name(idea)),
        }
    }
    let removed = unmatched.into_iter().flatten().map(name).collect();
    let mut found: Vec<FieldChange> = listed(None, "ideas", (added, removed))
        .into_iter()
        .collect();
    for (a, b) in kept {
        found.extend(one_idea(a, b));
    }
    found
}

fn same_title(a: &Idea, b: &Idea) -> bool {
    match (&a.title, &b.title) {
        (Some(x), Some(y)) => normalize(x) == normalize(y),
        _ => false,
    }
}

/// How a change names an idea: its id, else its title.
fn name(idea: &Idea) -> String {
    idea.id.as_deref().unwrap_or(idea.label()).to_string()
}

fn one_idea(a: &Idea, b: &Idea) -> Vec<FieldChange> {
    let label = name(b);
    let mut found = changed([
        ("id", text(a.id.as_deref()), text(b.id.as_deref())),
        ("title", text(a.title.as_deref()), text(b.title.as_deref())),
        (
            "status",
            text(a.status.as_deref()),
            text(b.status.as_deref()),
        ),
        ("owner", text(a.owner.as_deref()), text(b.owner.as_deref())),
    ]);
    for change in &mut found {
        change.idea = Some(label.clone());
    }
    found.extend(listed(Some(&label), "tags", items(&a.tags, &b.tags)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::Texts;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn idea(id: Option<&str>, title: &str, status: Option<&str>) -> Idea {
        Idea {
            id: id.map(Text::new),
            title: Some(Text::new(title)),
            status: status.map(Text::new),
            tags: Texts::default(),
            owner: None,
            unknown_keys: Texts::default(),
        }
    }

    #[test]
    fn each_field_with_its_values_before_and_after() {
        let mut a = entry("a.md", date(2026, 3, 1), "Store A", &["coupons", "mobile"]);
        a.customers = Some(23);
        a.hours = Some(4.0);
        a.people = Texts::of_strs(&["Ann", "Bo"]);
        a.body = "one\ntwo\nthree\n".into();
        a.ideas = vec![
            idea(Some("aisle-finder"), "Aisle finder", Some("exploring")),
            idea(None, "Queue board", None),
        ]
        .into();
        let mut b = a.clone();
        b.date = date(2026, 3, 2);
        b.site = Text::new("Store B");
        b.customers = Some(25);
        b.hours = None;
        b.people = Texts::of_strs(&["Ann", "Cy"]);
        b.tags = Texts::of_strs(&["mobile", "pricing"]);
        b.body = "one\nthree\nfour\nfive\n".into();
        b.ideas = vec![
            idea(None, "Queue board", None),
            idea(Some("aisle-finder"), "Aisle finder app", Some("planned")),
            idea(Some("shelf-feed"), "Shelf feed", None),
        ]
        .into();
        b.private = true;
        let json = serde_json::to_value(differences(&a, &b)).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {"field": "date", "from": "2026-03-01", "to": "2026-03-02"},
                {"field": "site", "from": "Store A", "to": "Store B"},
                {"field": "people", "added": ["Cy"], "removed": ["Bo"]},
                {"field": "customers", "from": 23, "to": 25},
                {"field": "hours", "from": 4, "to": null},
                {"field": "tags", "added": ["pricing"], "removed": ["coupons"]},
                {"field": "ideas", "added": ["shelf-feed"], "removed": []},
                {"idea": "aisle-finder", "field": "title", "from": "Aisle finder", "to": "Aisle finder app"},
                {"idea": "aisle-finder", "field": "status", "from": "exploring", "to": "planned"},
                {"field": "private", "from": false, "to": true},
                {"field": "text", "lines_added": 2, "lines_removed": 1},
            ])
        );
    }

    #[test]
    fn the_same_entry_reordered_has_no_differences_but_its_text() {
        let mut a = entry("a.md", date(2026, 3, 1), "Store A", &["coupons", "mobile"]);
        a.body = "one\ntwo\n".into();
        let mut b = a.clone();
        b.tags = Texts::of_strs(&["mobile", "coupons"]);
        assert_eq!(differences(&a, &b), []);
        b.body = "two\none\n".into();
        assert_eq!(
            differences(&a, &b),
            [FieldChange {
                idea: None,
                field: "text",
                values: Values::Lines {
                    lines_added: 0,
                    lines_removed: 0
                }
            }]
        );
    }

    #[test]
    fn an_idea_that_gains_an_id_is_the_same_idea() {
        let before = [idea(None, "Queue board", None)];
        let after = [idea(Some("queue-board"), "Queue Board", Some("planned"))];
        let json = serde_json::to_value(idea_changes(&before, &after)).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {"idea": "queue-board", "field": "id", "from": null, "to": "queue-board"},
                {"idea": "queue-board", "field": "title", "from": "Queue board", "to": "Queue Board"},
                {"idea": "queue-board", "field": "status", "from": null, "to": "planned"},
            ])
        );
    }
}
