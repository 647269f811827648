//! `insight diff`: what a branch or a commit changes in the journal, for the
//! person reviewing it. Both sides are read from git's objects (or the
//! working tree), never by checking anything out.

use clap::ValueEnum;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::ExitCode;

use super::Context;
use super::check::{check_snapshot, check_working_tree};
use crate::aggregate::diff::{self, Side, Version};
use crate::check::Checked;
use crate::error::{Error, Result};
use crate::model::config::Config;
use crate::model::diagnostic::Severity;
use crate::model::entry::Entry;
use crate::model::journal::Bodies;
use crate::read::find::Location;
use crate::read::git::{self, Repo};
use crate::render::{self, document};
use jiff::civil::Date;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to compare: REV (with the working tree), REV..REV, or REV...REV (from where they part); default HEAD against the working tree
    #[arg(value_name = "REVISIONS")]
    pub range: Option<String>,
    /// Output format; markdown is ready to paste as a pull-request comment
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit with 1 when `check` finds errors in the added or changed entries
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
}

/// One end of the comparison, as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    Commit(String),
    /// Where two revisions part: `A...B`'s left side.
    MergeBase(String, String),
    WorkingTree,
}

/// `REV`, `A..B` or `A...B` as two ends, the way `git diff` reads them; an
/// empty left side is `HEAD` and an empty right side the working tree.
pub fn parse_range(range: Option<&str>) -> (End, End) {
    let or_head = |rev: &str| {
        if rev.is_empty() {
            "HEAD".to_string()
        } else {
            rev.to_string()
        }
    };
    let right = |rev: &str| {
        if rev.is_empty() {
            End::WorkingTree
        } else {
            End::Commit(rev.to_string())
        }
    };
    match range {
        None => (End::Commit("HEAD".into()), End::WorkingTree),
        Some(text) => {
            if let Some((a, b)) = text.split_once("...") {
                (End::MergeBase(or_head(a), or_head(b)), right(b))
            } else if let Some((a, b)) = text.split_once("..") {
                (End::Commit(or_head(a)), right(b))
            } else {
                (End::Commit(text.to_string()), End::WorkingTree)
            }
        }
    }
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    // git holds the first journal; a union's others are not compared.
    let location = context.locate()?.first();
    let repo = Repo::open(&location.root)?;
    let (from, to) = parse_range(args.range.as_deref());
    let old = read(&repo, &location, &from, context.today)?;
    let new = read(&repo, &location, &to, context.today)?;
    let (old_entries, old_broken) = readable(&old.checked);
    let (new_entries, new_broken) = readable(&new.checked);
    let old_version = version(&old_entries, &old_broken, &old.config);
    let new_version = version(&new_entries, &new_broken, &new.config);
    let mut result = diff::compare(
        (old.side, &old_version),
        (new.side, &new_version),
        context.today,
        Vec::new(),
    );
    let touched = diff::touched(&result.entries);
    result.problems = new
        .checked
        .into_iter()
        .flat_map(|c| c.diagnostics)
        .filter(|d| touched.contains(&d.path))
        .collect();
    let text = match args.format {
        Format::Json => render::json(&result),
        Format::Markdown => document::markdown(&render::diff::page(&result)),
        Format::Table => document::text(&render::diff::page(&result), context.width, context.color),
    };
    out.write_all(text.as_bytes())?;
    let errors = result
        .problems
        .iter()
        .any(|d| d.severity == Severity::Error);
    Ok(if args.check && errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One side, read and checked the way `insight check` would.
struct Read {
    side: Side,
    /// `None` when there was no journal there (no `insight.yaml`).
    config: Option<Config>,
    checked: Vec<Checked>,
}

fn read(repo: &Repo, location: &Location, end: &End, today: Date) -> Result<Read> {
    let snapshot = match end {
        End::WorkingTree => {
            return Ok(Read {
                side: Side {
                    label: "the working tree".into(),
                    commit: None,
                },
                config: Some(location.config.clone()),
                checked: check_working_tree(location, today, Bodies::Keep).0,
            });
        }
        // `HEAD` of a repository with no commit yet is an empty journal.
        End::Commit(rev) => repo.at_commit(rev, repo.commit(rev)?)?,
        End::MergeBase(a, b) => {
            let range = format!("{a}...{b}");
            let base = repo.merge_base(commit(repo, a)?, commit(repo, b)?, &range)?;
            repo.at_commit(&format!("the merge base of {a} and {b}"), Some(base))?
        }
    };
    let side = Side {
        label: snapshot.label.clone(),
        commit: snapshot.commit.clone(),
    };
    let config = crate::read::snapshot::snapshot_settings(repo, &snapshot)?;
    let checked = match &config {
        Some(config) => check_snapshot(repo, &snapshot, config, today, Bodies::Keep),
        None => Vec::new(),
    };
    Ok(Read {
        side,
        config,
        checked,
    })
}

/// The commit a revision names; a branch with no commit yet has no history
/// to part from.
fn commit(repo: &Repo, rev: &str) -> Result<git::CommitId> {
    repo.commit(rev)?.ok_or_else(|| {
        Error::new(format!(
            "`{rev}` has no commit yet, so it parts from nothing"
        ))
        .hint("commit the journal first, or compare with `insight diff REV`")
    })
}

fn version<'a>(
    entries: &'a [Entry],
    unreadable: &'a BTreeSet<String>,
    config: &'a Option<Config>,
) -> Version<'a> {
    Version {
        entries,
        unreadable,
        default_status: config.as_ref().map_or("new", |c| c.default_status()),
    }
}

/// The readable entries, sorted, and the paths of the unreadable ones.
fn readable(checked: &[Checked]) -> (Vec<Entry>, BTreeSet<String>) {
    let mut entries: Vec<Entry> = checked.iter().filter_map(|c| c.entry.clone()).collect();
    entries.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let broken = checked
        .iter()
        .filter(|c| c.entry.is_none())
        .map(|c| c.path.clone())
        .collect();
    (entries, broken)
}
