//! `insight check`: is the journal sound? For a pre-commit hook or a journal's CI.

use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use crate::check::{self, Checked};
use crate::error::{Error, Result};
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::journal::Bodies;
use crate::model::paths::relative;
use crate::read::find::Location;
use crate::read::git;
use crate::read::union;
use crate::read::walk::Fingerprints;
use jiff::civil::Date;
use std::collections::BTreeSet;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Check only these entries, folders or insight.yaml (default: the whole journal)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Check what is staged for the next commit (git's index) instead of the files on disk: the staged entries and insight.yaml
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:column: severity: message`, a hint line, then a summary
    Text,
    /// An array of objects: path, line, column, severity, code, message, hint
    Json,
}

/// What the user named: settings files, and entry files or folders.
struct Selection {
    /// Journal paths (with the journal's label in a union); a file is
    /// selected when it is one of them or below one. Empty: everything.
    prefixes: Vec<String>,
}

impl Selection {
    fn includes(&self, path: &str) -> bool {
        self.prefixes.is_empty()
            || self
                .prefixes
                .iter()
                .any(|p| path == p || path.starts_with(&format!("{p}/")))
    }
}

/// What a check found, before `--strict` and printing.
struct Findings {
    diagnostics: Vec<Diagnostic>,
    /// How many entries were checked, and what they were (`entries`, `staged entries`).
    entries: usize,
    what: &'static str,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let Findings {
        diagnostics: mut found,
        entries,
        what,
    } = if args.staged {
        // git holds the first journal; the others are read from disk only.
        staged(context, &location.first())?
    } else {
        working_tree(context, &location, &args.paths)?
    };
    if args.strict {
        for d in &mut found {
            d.severity = Severity::Error;
        }
    }
    // Settings first, then entries by path; within a file, by line.
    let settings = |path: &str| path == CONFIG_FILE || path.ends_with(&format!("/{CONFIG_FILE}"));
    found.sort_by(|a, b| {
        (!settings(&a.path), &a.path, a.line).cmp(&(!settings(&b.path), &b.path, b.line))
    });
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match args.format {
        Format::Json => out.write_all(crate::render::json(&found).as_bytes())?,
        Format::Text => {
            write_diagnostics(out, &found)?;
            writeln!(
                out,
                "{}",
                summary(entries, what, errors, found.len() - errors)
            )?;
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The journal as it is on disk (every journal of a union), or the
/// entries and folders named.
fn working_tree(context: &Context, location: &Location, paths: &[PathBuf]) -> Result<Findings> {
    let selection = select(context, location, paths)?;
    let (checked, walk_problems) = check_working_tree(location, context.today, Bodies::Drop);
    let mut found = walk_problems;
    for (member, one) in location.members.iter().zip(location.each()) {
        let settings_path = one.root.join(CONFIG_FILE);
        let settings_text = std::fs::read_to_string(&settings_path)
            .map_err(|e| Error::io("read", &settings_path, &e))?;
        let mut warnings = check::config_warnings(CONFIG_FILE, &settings_text, &one.config);
        if location.is_union() {
            for d in &mut warnings {
                union::relabel_diagnostic(d, &member.label);
            }
        }
        found.extend(warnings);
    }
    Ok(gather(
        found,
        checked,
        |path| selection.includes(path),
        "entry",
    ))
}

/// What the next commit will contain: the staged entries and `insight.yaml`,
/// read from git's index, whatever the files on disk say now.
fn staged(context: &Context, location: &Location) -> Result<Findings> {
    let repo = git::Repo::open(&location.root)?;
    let head = repo.at_commit("HEAD", repo.commit("HEAD")?)?;
    let index = repo.staged()?;
    let changed: BTreeSet<String> = index.changed_since(&head).into_iter().collect();
    let mut found = Vec::new();
    let staged_settings = crate::read::snapshot::snapshot_settings(&repo, &index)?;
    let config = staged_settings
        .clone()
        .unwrap_or_else(|| location.config.clone());
    if changed.contains(CONFIG_FILE) {
        let text = repo
            .read(&index, CONFIG_FILE)
            .and_then(crate::read::files::decode)
            .map_err(|problem| {
                Error::new(format!(
                    "cannot read the staged {CONFIG_FILE}: {}",
                    problem.message
                ))
            })?;
        found.extend(check::config_warnings(CONFIG_FILE, &text, &config));
    }
    let checked = check_snapshot(&repo, &index, &config, context.today, Bodies::Drop);
    // Journal-wide warnings saw every staged entry, but speak of the changed ones.
    let mut findings = gather(
        found,
        checked,
        |path| changed.contains(path),
        "staged entry",
    );
    if staged_settings.is_none() && findings.entries > 0 {
        findings.diagnostics.push(Diagnostic {
            path: CONFIG_FILE.into(),
            line: 1,
            column: 1,
            severity: Severity::Warning,
            code: "settings-not-staged",
            message: format!(
                "{CONFIG_FILE} is not in the staging area, so the entries were checked with the one on disk"
            ),
            hint: Some(format!("`git add {CONFIG_FILE}` to commit the journal's settings")),
        });
    }
    Ok(findings)
}

/// Every entry file on disk checked (of every journal of a union, each
/// with its own settings), with the journal-wide warnings, and the problems
/// met while looking for the files.
pub(super) fn check_working_tree(
    location: &Location,
    today: Date,
    bodies: Bodies,
) -> (Vec<Checked>, Vec<Diagnostic>) {
    let (mut all, mut problems) = (Vec::new(), Vec::new());
    for (member, one) in location.members.iter().zip(location.each()) {
        let crate::read::walk::Walked {
            files,
            problems: mut walk_problems,
            ..
        } = one.walk(Fingerprints::Skip, None);
        let checker = check::Checker::new(&one.config, today).bodies(bodies);
        let files = files
            .into_iter()
            .map(|file| (file.rel, file.folder))
            .collect();
        let mut checked = crate::read::reader::each_file(
            files,
            |rel, folder: Option<std::sync::Arc<std::fs::File>>, buffer: &mut Vec<u8>| {
                crate::read::files::read_entry(&one.root, rel, folder.as_deref(), 0, buffer)
            },
            |rel, text| checker.check_text(rel, text),
        );
        if location.is_union() {
            for c in &mut checked {
                c.relabel(&member.label, &location.config.shared_ids);
            }
            for d in &mut walk_problems {
                union::relabel_diagnostic(d, &member.label);
            }
        }
        all.append(&mut checked);
        problems.append(&mut walk_problems);
    }
    check::journal_warnings(&mut all);
    (all, problems)
}

/// Every entry file of a git snapshot checked, with the journal-wide warnings.
pub(super) fn check_snapshot(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    config: &Config,
    today: Date,
    bodies: Bodies,
) -> Vec<Checked> {
    let files = crate::read::snapshot::snapshot_entries(repo, snapshot, config);
    let checker = check::Checker::new(config, today).bodies(bodies);
    let mut checked =
        crate::read::reader::each_file(files, crate::read::snapshot::take_bytes, |rel, text| {
            checker.check_text(rel, text)
        });
    check::journal_warnings(&mut checked);
    checked
}

/// The problems of the chosen files, and how many entries were chosen.
fn gather(
    mut found: Vec<Diagnostic>,
    mut checked: Vec<Checked>,
    chosen: impl Fn(&str) -> bool,
    what: &'static str,
) -> Findings {
    let entries = checked.iter().filter(|c| chosen(&c.path)).count();
    found.extend(
        checked
            .iter_mut()
            .flat_map(|c| std::mem::take(&mut c.diagnostics)),
    );
    found.retain(|d| chosen(&d.path));
    // Freed one by one, the checked entries of 100,000 entries took 40-80
    // ms of the 0.9 s of `check`; the process ends soon after.
    super::for_the_process(checked);
    Findings {
        diagnostics: found,
        entries,
        what,
    }
}

/// What `insight check` finds in the entry at `rel` (journal-relative), for
/// `insight new` to show once the entry is written. Only that file is
/// checked; the other entries, which the warnings that need the whole
/// journal compare it with, come from the index when it holds them.
pub(super) fn entry_problems(
    location: &Location,
    rel: &str,
    today: Date,
    cache: crate::read::worktree::Cache,
) -> Vec<Diagnostic> {
    let checker = check::Checker::new(&location.config, today);
    let (_, text) = location.read_entry(&crate::model::paths::file_path(&location.root, rel));
    let others = location
        .clone()
        .load(crate::model::journal::Bodies::Drop, cache)
        .entries;
    let mut all: Vec<check::Checked> = others
        .into_iter()
        .filter(|entry| entry.path != rel)
        .map(check::Checked::parsed)
        .collect();
    all.push(checker.check_text(rel, text.as_deref().map_err(Clone::clone)));
    check::journal_warnings(&mut all);
    all.pop().map(|c| c.diagnostics).unwrap_or_default()
}

/// Each problem as `path:line:column: severity: message`, with its hint below.
pub(super) fn write_diagnostics(out: &mut impl Write, found: &[Diagnostic]) -> std::io::Result<()> {
    // Control characters from a file name or a value are shown as escapes.
    let shown = |text: &str| crate::render::escape_controls(text, false).into_owned();
    for d in found {
        writeln!(out, "{}", shown(&d.to_string()))?;
        if let Some(hint) = &d.hint {
            writeln!(out, "  hint: {}", shown(hint))?;
        }
    }
    Ok(())
}

fn summary(entries: usize, what: &str, errors: usize, warnings: usize) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let problems = match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => count(e, "error"),
        (0, w) => count(w, "warning"),
        (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
    };
    format!(
        "checked {}: {problems}",
        count(entries, what).replace("entrys", "entries")
    )
}

fn select(context: &Context, location: &Location, paths: &[PathBuf]) -> Result<Selection> {
    let mut selection = Selection {
        prefixes: Vec::new(),
    };
    for typed in paths {
        let path = context.cwd.join(typed);
        if !path.exists() {
            return Err(Error::new(format!("{} does not exist", typed.display()))
                .hint("name entries that exist; in a pre-commit hook, leave out deleted files (--diff-filter=d)"));
        }
        let path = canonical(&path);
        let owner = location
            .members
            .iter()
            .zip(location.each())
            .find(|(_, one)| path.starts_with(canonical(&one.root)));
        let Some((member, one)) = owner else {
            eprintln!("skipping {}: not in the journal", typed.display());
            continue;
        };
        let root = canonical(&one.root);
        let entries = relative(&root, &canonical(&one.entries_dir()));
        let rel = relative(&root, &path);
        let named = if rel == CONFIG_FILE {
            vec![rel]
        } else if rel.is_empty() {
            vec![CONFIG_FILE.to_string(), entries]
        } else if rel == entries || rel.starts_with(&format!("{entries}/")) {
            vec![rel]
        } else {
            eprintln!(
                "skipping {}: not in the entries folder {entries}/",
                typed.display()
            );
            continue;
        };
        let label = |p: String| {
            if location.is_union() {
                format!("{}/{p}", member.label)
            } else {
                p
            }
        };
        selection.prefixes.extend(named.into_iter().map(label));
    }
    if !paths.is_empty() && selection.prefixes.is_empty() {
        // Only files outside the entries were named: nothing to check.
        selection.prefixes.push("\0".into());
    }
    Ok(selection)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
