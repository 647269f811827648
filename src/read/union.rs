//! Several journals read as one: the journals named with `--journal`, and
//! those their `insight.yaml` lists under `include:`. Each keeps its own
//! settings for reading its entries; the union's paths carry the journal's
//! label (`team-a/visits/…`), and an idea id belongs to its journal
//! (`team-a:scan-and-go`) unless it starts with a prefix in `shared_ids`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::config::{self, CONFIG_FILE, Config};
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::Entry;
use crate::model::journal::{Member, Notice};

/// Every journal to read, starting from `roots`: each root, then what it
/// includes (depth first), each journal once. A circle of includes is an
/// error that names it, never a hang.
pub fn gather(roots: &[PathBuf], read: impl Fn(&Path) -> Result<Config>) -> Result<Vec<Member>> {
    let mut members = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for root in roots {
        visit(root, &mut Vec::new(), &mut seen, &mut members, &read)?;
    }
    unique_labels(&members)?;
    Ok(members)
}

fn visit(
    root: &Path,
    chain: &mut Vec<PathBuf>,
    seen: &mut Vec<PathBuf>,
    members: &mut Vec<Member>,
    read: &impl Fn(&Path) -> Result<Config>,
) -> Result<()> {
    let real = root
        .canonicalize()
        .map_err(|e| Error::io("read", root, &e))?;
    if let Some(start) = chain.iter().position(|p| *p == real) {
        let circle: Vec<String> = chain[start..]
            .iter()
            .chain(std::iter::once(&real))
            .map(|p| p.display().to_string())
            .collect();
        return Err(Error::new(format!(
            "journals include each other in a circle: {}",
            circle.join(" includes ")
        ))
        .hint("remove one of the `include:` lines that close the circle"));
    }
    if seen.contains(&real) {
        return Ok(());
    }
    seen.push(real.clone());
    let config = read(root)?;
    let includes = config.include.clone();
    members.push(Member {
        label: config.label.clone().unwrap_or_else(|| folder_name(&real)),
        root: root.to_path_buf(),
        config,
    });
    chain.push(real);
    for include in includes {
        let dir = tidy(&root.join(&include));
        if !dir.join(CONFIG_FILE).is_file() {
            return Err(not_a_journal(root, &include));
        }
        visit(&dir, chain, seen, members, read)?;
    }
    chain.pop();
    Ok(())
}

/// The error of an `include:` in `root`'s settings, written `include`, that
/// names no journal: the include as written, and the folder it names in full.
fn not_a_journal(root: &Path, include: &str) -> Error {
    let written = root.join(include);
    let named = std::path::absolute(&written)
        .map(|path| tidy(&path))
        .unwrap_or(written);
    let what = if named.exists() {
        format!("which is not a journal (it has no {CONFIG_FILE})")
    } else {
        "which does not exist".to_string()
    };
    Error::new(format!(
        "{}: `include: {include}` names {}, {what}",
        root.join(CONFIG_FILE).display(),
        named.display()
    ))
    .hint("give the path of a journal's folder, relative to this insight.yaml")
}

/// `team/cio/../team-a` as `team/team-a`: the path people expect to see,
/// without asking the file system (links are followed elsewhere, for identity).
fn tidy(path: &Path) -> PathBuf {
    let mut tidy = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(
                    tidy.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                tidy.pop();
            }
            other => tidy.push(other),
        }
    }
    tidy
}

/// The name of a journal's folder, followed to where it really is.
pub fn folder_name(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.file_name()
        .map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned())
}

fn unique_labels(members: &[Member]) -> Result<()> {
    for (i, a) in members.iter().enumerate() {
        if let Some(b) = members[i + 1..].iter().find(|b| b.label == a.label) {
            return Err(Error::new(format!(
                "two journals are both called `{}`: {} and {}",
                a.label,
                a.root.display(),
                b.root.display()
            ))
            .hint("give one of them another name with `label:` in its insight.yaml"));
        }
    }
    Ok(())
}

/// The settings of the union, or an error naming the two files that disagree.
pub fn merged_config(members: &[Member]) -> Result<Config> {
    let sources: Vec<config::Source> = members
        .iter()
        .map(|m| config::Source {
            file: m.root.join(CONFIG_FILE).display().to_string(),
            config: &m.config,
        })
        .collect();
    config::merge(&sources).map_err(|message| {
        Error::new(message).hint("make the settings agree, or read the journals one at a time")
    })
}

/// Names an entry of `label`'s journal as the union names it: its path
/// under the label, and its idea ids under the label unless shared.
pub fn relabel_entry(entry: &mut Entry, label: &str, shared_ids: &[String]) {
    entry.path = format!("{label}/{}", entry.path);
    for idea in &mut entry.ideas {
        if let Some(id) = &mut idea.id
            && !shared_ids
                .iter()
                .any(|prefix| id.starts_with(prefix.as_str()))
        {
            *id = format!("{label}:{id}").into();
        }
    }
}

pub fn relabel_diagnostic(diagnostic: &mut Diagnostic, label: &str) {
    diagnostic.path = format!("{label}/{}", diagnostic.path);
}

/// What is read from one journal of several read as one, named as the
/// union names it: each path under the journal's label, and each idea id
/// under it too unless the id starts with one of `shared_ids`.
pub trait Relabel {
    fn relabel(&mut self, label: &str, shared_ids: &[String]);
}

impl Relabel for Entry {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        relabel_entry(self, label, shared_ids);
    }
}

impl Relabel for Diagnostic {
    fn relabel(&mut self, label: &str, _: &[String]) {
        relabel_diagnostic(self, label);
    }
}

/// A notice about one journal of several: it says which.
impl Relabel for Notice {
    fn relabel(&mut self, label: &str, _: &[String]) {
        self.message = format!("{label}/{}", self.message);
    }
}

/// A journal path.
impl Relabel for String {
    fn relabel(&mut self, label: &str, _: &[String]) {
        *self = format!("{label}/{self}");
    }
}

impl<T: Relabel> Relabel for Vec<T> {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        for item in self {
            item.relabel(label, shared_ids);
        }
    }
}

impl<T: Relabel> Relabel for Option<T> {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        if let Some(item) = self {
            item.relabel(label, shared_ids);
        }
    }
}

impl Relabel for HashSet<String> {
    fn relabel(&mut self, label: &str, _: &[String]) {
        *self = self.drain().map(|path| format!("{label}/{path}")).collect();
    }
}

impl<T: Relabel, E> Relabel for Result<T, E> {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        if let Ok(item) = self {
            item.relabel(label, shared_ids);
        }
    }
}

impl<A: Relabel, B: Relabel> Relabel for (A, B) {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        self.0.relabel(label, shared_ids);
        self.1.relabel(label, shared_ids);
    }
}

impl<A: Relabel, B: Relabel, C: Relabel> Relabel for (A, B, C) {
    fn relabel(&mut self, label: &str, shared_ids: &[String]) {
        self.0.relabel(label, shared_ids);
        self.1.relabel(label, shared_ids);
        self.2.relabel(label, shared_ids);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_belong_to_their_journal_unless_shared() {
        let mut entry =
            crate::query::tests::entry("visits/a.md", jiff::civil::date(2026, 1, 1), "S", &[]);
        let idea = |id: &str| crate::model::entry::Idea {
            id: Some(id.into()),
            title: Some("T".into()),
            status: None,
            tags: Default::default(),
            owner: None,
            unknown_keys: Default::default(),
        };
        entry.ideas = vec![idea("scan"), idea("org/loyalty")].into();
        relabel_entry(&mut entry, "team-a", &["org/".into()]);
        assert_eq!(entry.path, "team-a/visits/a.md");
        let ids: Vec<&str> = entry.ideas.iter().filter_map(|i| i.id.as_deref()).collect();
        assert_eq!(ids, ["team-a:scan", "org/loyalty"]);
    }
}
