//! An entry left with git's conflict markers by an unfinished merge, named
//! as what it is, with what each side says: not as a YAML error about a
//! `<<<<<<<` line.

use crate::model::diagnostic::Diagnostic;
use crate::parse::conflict::{Conflict, conflicts};
use crate::parse::yaml::{self, Node};

/// An error for each unresolved conflict in `text`, the text of the file
/// at journal path `path`; none when it has none.
pub fn conflict_errors(path: &str, text: &str) -> Vec<Diagnostic> {
    conflicts(text)
        .iter()
        .map(|conflict| error(path, conflict))
        .collect()
}

fn error(path: &str, conflict: &Conflict) -> Diagnostic {
    let (ours, theirs) = (name(conflict.ours, "ours"), name(conflict.theirs, "theirs"));
    let differences = differences(&conflict.our_lines, &conflict.their_lines);
    let said: Vec<String> = differences
        .iter()
        .take(3)
        .map(|d| match (&d.ours, &d.theirs) {
            (Some(a), Some(b)) => format!("{}: {a} on {ours}, {b} on {theirs}", d.key),
            (Some(a), None) => format!("{}: {a} on {ours} only", d.key),
            (None, Some(b)) => format!("{}: {b} on {theirs} only", d.key),
            (None, None) => String::new(),
        })
        .collect();
    let said = match said.as_slice() {
        [] => format!("the two sides, {ours} and {theirs}, differ"),
        _ => said.join("; "),
    };
    let message = format!(
        "an unresolved merge conflict (lines {}-{}): {said}: keep one",
        conflict.first_line, conflict.last_line
    );
    Diagnostic::error(path, conflict.first_line, 1, "merge-conflict", message).with_hint(
        "keep what is meant between `<<<<<<<` and `>>>>>>>`, and remove the three marker lines",
    )
}

/// How a side is named: its label, else which side it is.
fn name<'a>(label: &'a str, side: &'a str) -> &'a str {
    if label.is_empty() { side } else { label }
}

/// A value one side gives and the other gives otherwise, or not at all.
struct Difference {
    key: String,
    ours: Option<String>,
    theirs: Option<String>,
}

/// What the two sides say differently, key by key where both read as YAML,
/// else line by line.
fn differences(ours: &[&str], theirs: &[&str]) -> Vec<Difference> {
    let (Some(a), Some(b)) = (leaves(ours), leaves(theirs)) else {
        return line_differences(ours, theirs);
    };
    let mut found = Vec::new();
    for (path, key, value) in &a {
        match b.iter().find(|(other, ..)| other == path) {
            Some((_, _, other)) if other == value => {}
            other => found.push(Difference {
                key: key.clone(),
                ours: Some(value.clone()),
                theirs: other.map(|(_, _, v)| v.clone()),
            }),
        }
    }
    for (path, key, value) in &b {
        if !a.iter().any(|(other, ..)| other == path) {
            found.push(Difference {
                key: key.clone(),
                ours: None,
                theirs: Some(value.clone()),
            });
        }
    }
    found
}

/// The first lines that differ, when the sides are not YAML on their own.
fn line_differences(ours: &[&str], theirs: &[&str]) -> Vec<Difference> {
    let (a, b) = (ours.first(), theirs.first());
    vec![Difference {
        key: "the lines".to_string(),
        ours: a.map(|l| format!("`{}`", l.trim())),
        theirs: b.map(|l| format!("`{}`", l.trim())),
    }]
}

/// Each value a side gives: its path in the tree, its key, and its text;
/// `None` when the side does not read as YAML.
fn leaves(lines: &[&str]) -> Option<Vec<(String, String, String)>> {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    let text = text.join("\n");
    let tree = yaml::parse(&text).ok()?;
    // Prose reads as one YAML text: it is told line by line instead.
    if !matches!(tree, Node::Map(_) | Node::Seq(_)) {
        return None;
    }
    let mut found = Vec::new();
    flatten(&tree, "", "value", &mut found);
    Some(found)
}

fn flatten(node: &Node, path: &str, key: &str, found: &mut Vec<(String, String, String)>) {
    match node {
        Node::Map(pairs) => {
            for (name, value) in pairs {
                flatten(value, &format!("{path}.{name}"), name, found);
            }
        }
        Node::Seq(items) => {
            for (n, item) in items.iter().enumerate() {
                flatten(item, &format!("{path}[{n}]"), key, found);
            }
        }
        Node::Str(text) => found.push((path.to_string(), key.to_string(), text.to_string())),
        Node::Null => found.push((path.to_string(), key.to_string(), "nothing".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_says_what_each_side_says() {
        let text = "---\ndate: 2026-03-01\nideas:\n<<<<<<< HEAD\n  - {id: a, title: A, status: dropped}\n=======\n  - {id: a, title: A, status: planned}\n>>>>>>> ann\n---\n";
        let found = conflict_errors("visits/x.md", text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 4);
        assert_eq!(
            found[0].message,
            "an unresolved merge conflict (lines 4-8): status: dropped on HEAD, planned on ann: keep one"
        );
    }

    #[test]
    fn sides_that_are_not_yaml_are_told_by_their_lines() {
        let text = "<<<<<<< HEAD\nWe [met\n=======\nThey met\n>>>>>>> theirs\n";
        let found = conflict_errors("x.md", text);
        assert_eq!(
            found[0].message,
            "an unresolved merge conflict (lines 1-5): the lines: `We [met` on HEAD, `They met` on theirs: keep one"
        );
    }
}
