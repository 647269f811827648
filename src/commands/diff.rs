//! `insight diff`: what a branch or a commit changes in the journal, for the
//! person reviewing it. Both sides are read from git's objects (or the
//! working tree), never by checking anything out.

use clap::ValueEnum;
use std::collections::BTreeMap;
use std::process::ExitCode;

use super::context::Context;
use super::output::Done;
use crate::aggregate::diff::{self, Version};
use crate::check::Checked;
use crate::check::sources;
use crate::error::Result;
use crate::model::config::Config;
use crate::model::diagnostic::Severity;
use crate::model::entry::Entry;
use crate::read::git::{self, Repo};
use crate::render::{self, document};

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

pub fn run(context: &Context, args: Args) -> Result<Done> {
    // git holds the first journal; a union's others are not compared.
    let location = context.locate()?.first();
    let repo = Repo::open(&location.root)?;
    let (from, to) = git::parse_range(args.range.as_deref());
    let old = sources::side(&repo, &location, &from, context.today)?;
    let new = sources::side(&repo, &location, &to, context.today)?;
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
    let errors = result
        .problems
        .iter()
        .any(|d| d.severity == Severity::Error);
    let code = if args.check && errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    Ok(Done::text(text).exit(code))
}

fn version<'a>(
    entries: &'a [Entry],
    broken: &'a BTreeMap<String, String>,
    config: &'a Option<Config>,
) -> Version<'a> {
    Version {
        entries,
        broken,
        default_status: config.as_ref().map_or("new", |c| c.default_status()),
    }
}

/// The readable entries, sorted, and the unreadable ones, each with why:
/// the message of its first error.
fn readable(checked: &[Checked]) -> (Vec<Entry>, BTreeMap<String, String>) {
    let mut entries: Vec<Entry> = checked.iter().filter_map(|c| c.entry.clone()).collect();
    entries.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    let broken = checked
        .iter()
        .filter(|c| c.entry.is_none())
        .map(|c| {
            let first = c.diagnostics.iter().find(|d| d.severity == Severity::Error);
            let why = first.map_or("it cannot be read", |d| d.message.as_str());
            (c.path.clone(), why.to_string())
        })
        .collect();
    (entries, broken)
}
