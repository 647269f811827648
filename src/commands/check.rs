//! `insight check`: is the journal sound? For a pre-commit hook or a journal's CI.

use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use crate::check::{self, Checked};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::git;
use crate::journal::{self, Location, relative};
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

/// What the user named: the settings file, and entry files or folders.
struct Selection {
    settings: bool,
    /// Journal-relative paths; an entry is selected when it is one of them or below one.
    prefixes: Vec<String>,
}

impl Selection {
    fn includes(&self, path: &str) -> bool {
        if path == CONFIG_FILE {
            return self.settings;
        }
        self.prefixes
            .iter()
            .any(|p| p.is_empty() || path == p || path.starts_with(&format!("{p}/")))
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
        staged(context, &location)?
    } else {
        working_tree(context, &location, &args.paths)?
    };
    if args.strict {
        for d in &mut found {
            d.severity = Severity::Error;
        }
    }
    // Settings first, then entries by path; within a file, by line.
    found.sort_by(|a, b| {
        (a.path != CONFIG_FILE, &a.path, a.line).cmp(&(b.path != CONFIG_FILE, &b.path, b.line))
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

/// The journal as it is on disk, or the entries and folders named.
fn working_tree(context: &Context, location: &Location, paths: &[PathBuf]) -> Result<Findings> {
    let selection = select(context, location, paths)?;
    let (checked, walk_problems) = check_working_tree(location, context.today);
    let config = &location.config;
    let settings_path = location.root.join(CONFIG_FILE);
    let settings_text = std::fs::read_to_string(&settings_path)
        .map_err(|e| Error::io("read", &settings_path, &e))?;
    let mut found = check::config_warnings(CONFIG_FILE, &settings_text, config);
    found.extend(walk_problems);
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
    let staged_settings = journal::snapshot_settings(&repo, &index)?;
    let config = staged_settings
        .clone()
        .unwrap_or_else(|| location.config.clone());
    if changed.contains(CONFIG_FILE) {
        let text = repo
            .read(&index, CONFIG_FILE)
            .and_then(journal::decode)
            .map_err(|(_, _, _, why)| {
                Error::new(format!("cannot read the staged {CONFIG_FILE}: {why}"))
            })?;
        found.extend(check::config_warnings(CONFIG_FILE, &text, &config));
    }
    let checked = check_snapshot(&repo, &index, &config, context.today);
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

/// Every entry file on disk checked, with the journal-wide warnings, and the
/// problems met while looking for the files.
pub(super) fn check_working_tree(
    location: &Location,
    today: Date,
) -> (Vec<Checked>, Vec<Diagnostic>) {
    let (paths, walk_problems) = location.entry_files();
    let files = paths
        .into_iter()
        .map(|path| (relative(&location.root, &path), path))
        .collect();
    let config = &location.config;
    let mut checked = journal::each_file(
        files,
        |path| journal::read_bytes(&path),
        |rel, text| check::check_text(rel, text, config, today),
    );
    check::journal_warnings(&mut checked);
    (checked, walk_problems)
}

/// Every entry file of a git snapshot checked, with the journal-wide warnings.
pub(super) fn check_snapshot(
    repo: &git::Repo,
    snapshot: &git::Snapshot,
    config: &Config,
    today: Date,
) -> Vec<Checked> {
    let files = journal::snapshot_entries(repo, snapshot, config);
    let mut checked = journal::each_file(
        files,
        |bytes| bytes,
        |rel, text| check::check_text(rel, text, config, today),
    );
    check::journal_warnings(&mut checked);
    checked
}

/// The problems of the chosen files, and how many entries were chosen.
fn gather(
    mut found: Vec<Diagnostic>,
    checked: Vec<Checked>,
    chosen: impl Fn(&str) -> bool,
    what: &'static str,
) -> Findings {
    let entries = checked.iter().filter(|c| chosen(&c.path)).count();
    found.extend(checked.into_iter().flat_map(|c| c.diagnostics));
    found.retain(|d| chosen(&d.path));
    Findings {
        diagnostics: found,
        entries,
        what,
    }
}

/// What `insight check` finds in the entry at `rel` (journal-relative), for
/// `insight new` to show once the entry is written.
pub(super) fn entry_problems(location: &Location, rel: &str, today: Date) -> Vec<Diagnostic> {
    let (checked, _) = check_working_tree(location, today);
    checked
        .into_iter()
        .filter(|c| c.path == rel)
        .flat_map(|c| c.diagnostics)
        .collect()
}

/// Each problem as `path:line:column: severity: message`, with its hint below.
pub(super) fn write_diagnostics(out: &mut impl Write, found: &[Diagnostic]) -> std::io::Result<()> {
    for d in found {
        writeln!(out, "{d}")?;
        if let Some(hint) = &d.hint {
            writeln!(out, "  hint: {hint}")?;
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
    if paths.is_empty() {
        return Ok(Selection {
            settings: true,
            prefixes: vec![String::new()],
        });
    }
    let root = canonical(&location.root);
    let entries = relative(&root, &canonical(&location.entries_dir()));
    let mut selection = Selection {
        settings: false,
        prefixes: Vec::new(),
    };
    for typed in paths {
        let path = context.cwd.join(typed);
        if !path.exists() {
            return Err(Error::new(format!("{} does not exist", typed.display()))
                .hint("name entries that exist; in a pre-commit hook, leave out deleted files (--diff-filter=d)"));
        }
        let rel = relative(&root, &canonical(&path));
        if rel == CONFIG_FILE {
            selection.settings = true;
        } else if rel == entries || rel.starts_with(&format!("{entries}/")) || rel.is_empty() {
            selection.settings |= rel.is_empty();
            selection
                .prefixes
                .push(if rel.is_empty() { entries.clone() } else { rel });
        } else {
            eprintln!(
                "skipping {}: not in the entries folder {entries}/",
                typed.display()
            );
        }
    }
    Ok(selection)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
