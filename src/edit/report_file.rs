//! Where a report may be written with `-o`: over an earlier report of the
//! same journal, never over the journal itself (its settings, entries or
//! templates), and over another file only when `--force` says so.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::journal::Journal;
use crate::render;

/// A report may replace an earlier report, never the journal itself nor a
/// file that does not look like a report (unless `--force`).
pub fn may_replace(
    path: &Path,
    journal: &Journal,
    cwd: &Path,
    name: &str,
    force: bool,
) -> Result<()> {
    let target = resolved(path);
    let protected: Vec<PathBuf> = journal
        .members
        .iter()
        .flat_map(|member| {
            let root = cwd.join(&member.root);
            [
                resolved(&root.join(crate::model::config::CONFIG_FILE)),
                resolved(&root.join(&member.config.entries)),
                resolved(&root.join(&member.config.templates)),
            ]
        })
        .collect();
    if protected.iter().any(|p| target.starts_with(p)) {
        return Err(Error::new(format!(
            "not writing the report to {}: it belongs to the journal (its settings, entries or templates)",
            path.display()
        ))
        .hint("write reports to a folder of their own, e.g. -o reports/2026Q3.md"));
    }
    if force || !target.exists() {
        return Ok(());
    }
    let mut head = Vec::new();
    let _ = std::fs::File::open(&target).and_then(|f| f.take(1 << 20).read_to_end(&mut head));
    if looks_like_report(&head, name) {
        return Ok(());
    }
    Err(Error::new(format!(
        "{} exists and does not look like an insight report",
        path.display()
    ))
    .hint("choose another file, or add --force to replace it"))
}

/// `path` made absolute with `.` and `..` resolved and symbolic links followed
/// as far as the path exists, so that two names for one file compare equal.
fn resolved(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let existing = normal
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("/"));
    let real = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    match normal.strip_prefix(existing) {
        // Joining an empty path would add a trailing `/`, and `file/` does not exist.
        Ok(rest) if !rest.as_os_str().is_empty() => real.join(rest),
        _ => real,
    }
}

/// Whether `head` (the start of a file) is something `insight report` wrote:
/// a page or JSON report of this journal, or a `--by` table.
fn looks_like_report(head: &[u8], name: &str) -> bool {
    let text = String::from_utf8_lossy(head);
    if text.trim_start().starts_with("<!DOCTYPE html>") {
        return render::html::signature(name).is_some_and(|mark| text.contains(&mark));
    }
    if let Ok(serde_json::Value::Object(json)) = serde_json::from_slice::<serde_json::Value>(head) {
        return json.get("journal").and_then(|j| j.as_str()) == Some(name)
            && json.contains_key("period");
    }
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}');
    let words: Vec<&str> = first
        .split([' ', '|', ','])
        .filter(|w| !w.is_empty())
        .collect();
    let by_table = matches!(
        words.as_slice(),
        [_, "Entries", "Customers", "Hours", "Ideas"]
            | ["group", "entries", "customers", "hours", "ideas"]
    );
    first.starts_with(&format!("# {name}: ")) || first.starts_with(&format!("{name}: ")) || by_table
}
