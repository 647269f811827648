//! `insight check`: is the journal sound? For a pre-commit hook or a journal's CI.

use clap::ValueEnum;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use crate::check::{self, Checked};
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::journal::{Location, relative};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Check only these entries, folders or insight.yaml (default: the whole journal)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let selection = select(context, &location, &args.paths)?;
    let (files, walk_problems) = location.entry_files();
    let checker = check::Checker::new(&location.config, context.today);
    let mut checked: Vec<Checked> = files
        .par_iter()
        .map(|path| {
            location.with_entry(path, |rel, text| match text {
                Ok(text) => checker.check_entry(&rel, &text),
                Err(problem) => Checked::unreadable(&rel, problem),
            })
        })
        .collect();
    check::journal_warnings(&mut checked);
    let entries_checked = checked
        .iter()
        .filter(|c| selection.includes(&c.path))
        .count();
    let settings_path = location.root.join(CONFIG_FILE);
    let settings_text = std::fs::read_to_string(&settings_path)
        .map_err(|e| Error::io("read", &settings_path, &e))?;
    let mut found: Vec<Diagnostic> =
        check::config_warnings(CONFIG_FILE, &settings_text, &location.config);
    found.extend(walk_problems);
    found.extend(checked.into_iter().flat_map(|c| c.diagnostics));
    found.retain(|d| selection.includes(&d.path));
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
            // Control characters from a file name or a value are shown as escapes.
            let shown = |text: &str| crate::render::escape_controls(text, false).into_owned();
            for d in &found {
                writeln!(out, "{}", shown(&d.to_string()))?;
                if let Some(hint) = &d.hint {
                    writeln!(out, "  hint: {}", shown(hint))?;
                }
            }
            writeln!(
                out,
                "{}",
                summary(entries_checked, errors, found.len() - errors)
            )?;
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(entries: usize, errors: usize, warnings: usize) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let problems = match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => count(e, "error"),
        (0, w) => count(w, "warning"),
        (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
    };
    format!(
        "checked {}: {problems}",
        count(entries, "entry").replace("entrys", "entries")
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
