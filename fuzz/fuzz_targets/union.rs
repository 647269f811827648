//! Any bytes as several journals that `include:` each other, found and read
//! the way the CLI finds and reads them (`Location::find`, then `load`):
//! never a panic or a hang (a circle of includes is an error), and when they
//! are read, their labels are unique, every entry of a union is named under
//! its journal's label, no two entries share a path, each path names its
//! file, and the union holds as many entries as its journals read one by one.
//!
//! In a fresh folder `j/` four journals may live: `j` itself, `j/a`, `j/b`
//! and `j/a/visits/c` (inside `a`'s entries); `j/link` is a link to `a`.
//! The input starts with two bytes per journal: which of eight places its
//! `include:` names (`j`, `a`, `b`, `c`, `link`, a missing folder, `a/../b`,
//! itself), then how (block or flow list, relative or absolute, a trailing
//! `/`), its `label:`, and whether `j` is a journal at all; then a byte that
//! picks the journals named (`--journal`), or the folder to look upwards
//! from. The rest, split at NUL bytes, is more of each `insight.yaml` (`j`,
//! `a`, `b`, `c`) and an entry of `a`, `b` and `c`.
#![no_main]

use insight::model::journal::Bodies;
use insight::read::find::Location;
use insight::read::worktree::Cache;
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The journals' folders under `j`, and how deep each is.
const JOURNALS: [(&str, usize); 4] = [("", 0), ("a", 1), ("b", 1), ("a/visits/c", 3)];

/// What an `include:` may name, from `j`.
const PLACES: [&str; 8] = [
    "",
    "a",
    "b",
    "a/visits/c",
    "link",
    "missing",
    "a/../b",
    "SELF",
];

const LABELS: [&str; 4] = ["team", "a", "b", "j"];

/// The `insight.yaml` of journal `which` as its two recipe bytes say, then `more`.
fn settings(which: usize, [places, how]: [u8; 2], j: &Path, more: &[u8]) -> Vec<u8> {
    let (folder, depth) = JOURNALS[which];
    let mut names = Vec::new();
    for (bit, place) in PLACES.iter().enumerate() {
        if places & (1 << bit) == 0 {
            continue;
        }
        let place = if *place == "SELF" { folder } else { place };
        let mut name = match how >> 4 & 3 {
            // Absolute.
            1 => j.join(place).display().to_string(),
            _ => format!("{}{place}", "../".repeat(depth)),
        };
        if name.is_empty() {
            name.push('.');
        }
        if how >> 4 & 3 == 2 {
            name.push('/');
        }
        names.push(name);
    }
    let mut text = String::new();
    if !names.is_empty() {
        if how & 8 == 0 {
            text.push_str("include:\n");
            for name in &names {
                text.push_str(&format!("  - {name}\n"));
            }
        } else {
            text.push_str(&format!("include: [{}]\n", names.join(", ")));
        }
    }
    if how & 4 != 0 {
        text.push_str(&format!("label: {}\n", LABELS[usize::from(how & 3)]));
    }
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(more);
    bytes
}

const ENTRY: &str = "---\ndate: 2026-03-01\nkind: frontline\nsite: Cub Foods\nideas:\n  - id: scan\n    title: Scan\n---\n";

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A folder of its own for one input: on tmpfs where there is one (unless
/// TMPDIR says where), as creating and deleting each input's files on a disk
/// costs ten times what reading them does.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none()
        && shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

fuzz_target!(|bytes: &[u8]| {
    let Some((recipe, rest)) = bytes.split_first_chunk::<9>() else {
        return;
    };
    let mut parts = rest.split(|b| *b == 0);
    let mut next = || parts.next().unwrap_or_default();

    let temp = scratch();
    let j = temp.path().join("j");
    std::fs::create_dir(&j).unwrap();
    for (which, (folder, _)) in JOURNALS.iter().enumerate() {
        let more = next();
        let how = [recipe[which * 2], recipe[which * 2 + 1]];
        // `j` is a journal only when its recipe says so.
        if which == 0 && how[1] & 64 == 0 {
            continue;
        }
        write(
            &j.join(folder).join("insight.yaml"),
            &settings(which, how, &j, more),
        );
    }
    for (which, (folder, _)) in JOURNALS.iter().enumerate().skip(1) {
        let visits = j.join(folder).join("visits");
        write(&visits.join(format!("v{which}.md")), ENTRY.as_bytes());
        let entry = next();
        if !entry.is_empty() {
            write(&visits.join("f.md"), entry);
        }
    }
    std::os::unix::fs::symlink("a", j.join("link")).unwrap();

    let pick = recipe[8];
    let named = |names: &[&str]| -> Vec<PathBuf> { names.iter().map(|n| j.join(n)).collect() };
    let (explicit, cwd) = match pick & 7 {
        0 => (vec![], j.join("a/visits")),
        1 => (named(&["a"]), j.clone()),
        2 => (named(&["a", "b"]), j.clone()),
        3 => (named(&["b", "a", "a/visits/c"]), j.clone()),
        4 => (named(&[""]), j.clone()),
        5 => (named(&["a", "a"]), j.clone()),
        6 => (named(&["link", "a"]), j.clone()),
        _ => (vec![], j.join("a/visits/c/visits")),
    };
    let Ok(location) = Location::find(&explicit, &cwd) else {
        return;
    };

    let labels: HashSet<&str> = location.members.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(
        labels.len(),
        location.members.len(),
        "labels repeat: {:?}",
        location.members
    );
    if let Some(first) = explicit.first() {
        assert_eq!(&location.root, first);
    }
    for member in &location.members {
        assert!(
            member.root.join("insight.yaml").is_file(),
            "{} is no journal",
            member.root.display()
        );
    }
    // The index is written only inside this run's folder.
    let real_temp = temp.path().canonicalize().unwrap();
    let inside = location.members.iter().all(|m| {
        m.root
            .canonicalize()
            .is_ok_and(|root| root.starts_with(&real_temp))
    });
    let cache = if pick & 8 != 0 && inside {
        Cache::Use
    } else {
        Cache::Bypass
    };
    let search = (pick & 16 != 0).then_some("scan");
    let journal = location.clone().load_searching(Bodies::Drop, cache, search);

    let mut paths = HashSet::new();
    for entry in &journal.entries {
        if location.is_union() {
            let label = entry.path.split_once('/').map(|(label, _)| label);
            assert!(
                label.is_some_and(|l| labels.contains(l)),
                "{} has no journal's label",
                entry.path
            );
        }
        assert!(
            paths.insert(entry.path.as_str()),
            "two entries are {}",
            entry.path
        );
        assert!(
            journal.file(&entry.path).is_file(),
            "{} names no file",
            entry.path
        );
    }
    if location.is_union() {
        for diagnostic in &journal.diagnostics {
            let label = diagnostic.path.split_once('/').map(|(label, _)| label);
            assert!(
                label.is_some_and(|l| labels.contains(l)),
                "{} has no journal's label",
                diagnostic.path
            );
        }
    }
    if let Some(hits) = &journal.text_hits {
        assert!(
            hits.iter().all(|hit| paths.contains(hit.as_str())),
            "a hit that is no entry: {hits:?}"
        );
    }
    let one_by_one: usize = location
        .each()
        .into_iter()
        .map(|one| one.load(Bodies::Drop, Cache::Bypass).entries.len())
        .sum();
    assert_eq!(
        journal.entries.len(),
        one_by_one,
        "the union lost or added entries"
    );
});
