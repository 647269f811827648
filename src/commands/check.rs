//! `insight check`: is the journal sound? For a pre-commit hook or a journal's CI.

use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::BTreeSet;

use super::context::{Context, for_the_process};
use super::output::{self, Done};
use crate::check::{self, Checked, sources};
use crate::error::{Error, Result};
use crate::model::config::CONFIG_FILE;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::journal::Bodies;
use crate::model::paths::relative;
use crate::read::files::decode;
use crate::read::find::Location;
use crate::read::git;
use crate::read::snapshot::snapshot_settings;
use crate::render::diagnostics::diagnostics;

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

pub fn run(context: &Context, args: Args) -> Result<Done> {
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
    let text = match args.format {
        Format::Json => crate::render::json(&found),
        Format::Text => {
            let mut text = diagnostics(&found, context.color);
            text.push_str(&summary(entries, what, errors, found.len() - errors));
            text.push('\n');
            text
        }
    };
    let code = if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    Ok(Done::text(text).exit(code))
}

/// The journal as it is on disk (every journal of a union), or the
/// entries and folders named.
fn working_tree(context: &Context, location: &Location, paths: &[PathBuf]) -> Result<Findings> {
    let selection = select(context, location, paths)?;
    let (checked, walk_problems) =
        sources::working_tree(location, context.today, Bodies::Drop, context.cache);
    let mut found = walk_problems;
    found.extend(sources::settings_on_disk(location)?);
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
    let staged_settings = snapshot_settings(&repo, &index)?;
    let config = staged_settings
        .clone()
        .unwrap_or_else(|| location.config.clone());
    if changed.contains(CONFIG_FILE) {
        let text = repo
            .read(&index, CONFIG_FILE)
            .and_then(decode)
            .map_err(|problem| {
                Error::new(format!(
                    "cannot read the staged {CONFIG_FILE}: {}",
                    problem.message
                ))
            })?;
        found.extend(check::config_warnings(CONFIG_FILE, &text, &config));
    }
    let checked = sources::snapshot(&repo, &index, &config, context.today, Bodies::Drop);
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
    for_the_process(checked);
    Findings {
        diagnostics: found,
        entries,
        what,
    }
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
            output::note(&format!("skipping {}: not in the journal", typed.display()));
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
            output::note(&format!(
                "skipping {}: not in the entries folder {entries}/",
                typed.display()
            ));
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
