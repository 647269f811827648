//! `insight tags`: how many entries carry each tag.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{Context, TableFormat};
use crate::aggregate::{self, TagCount};
use crate::edit::rename::{self, Outcome};
use crate::edit::write;
use crate::error::{Error, Result};
use crate::query::{self, Order};
use crate::render::{Column, Table};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Rename a tag (and the tags below it) in every entry, changing only the tag
    Rename(RenameArgs),
}

#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// The tag to rename (any case); `mobile` also renames `mobile/app`
    pub old: String,
    /// Its new name
    pub new: String,
    /// List what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    if let Some(Action::Rename(rename)) = args.action {
        return rename_tag(context, rename, out);
    }
    let location = context.locate()?;
    let mut filter = args.filters.filter(context, &location)?;
    let journal = context.load_filtered(location, &mut filter);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let counts = aggregate::tag_counts(&selected);
    let text = context.tabular(
        args.format,
        &table(&counts),
        &counts,
        "no tags in the entries that match",
    );
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(counts: &[TagCount]) -> Table {
    let mut table = Table::new(vec![
        Column::left("tag", "Tag"),
        Column::right("entries", "Entries"),
    ]);
    for count in counts {
        table.push(vec![count.tag.clone(), count.entries.to_string()]);
    }
    table
}

/// An entry the rename changes, ready to be written.
struct Edit {
    /// The file itself: through a symbolic link, the file it points to.
    real: PathBuf,
    was: String,
    text: String,
}

fn rename_tag(context: &Context, args: RenameArgs, out: &mut impl Write) -> Result<ExitCode> {
    let tidy = |name: &str| name.trim().trim_end_matches('/').trim().to_string();
    let (old, new) = (tidy(&args.old), tidy(&args.new));
    let (old, new) = (old.as_str(), new.as_str());
    if old.is_empty() || new.is_empty() || new.contains(['\n', '\r']) {
        return Err(Error::new("both names must be one line of text, not empty"));
    }
    if old == new {
        return Err(Error::new(format!("`{old}` is already called `{new}`")));
    }
    // A union's other journals are not edited: renames happen in the first.
    let location = context.locate()?.first();
    let (files, walk_problems) = location.entry_files();
    for problem in &walk_problems {
        crate::warn(&format!(
            "{}: not searched: {}",
            problem.path, problem.message
        ));
    }
    // Every entry is read and renamed in memory first; files are written only
    // when all of them are ready, all or none.
    let (mut edits, mut report) = (Vec::new(), Vec::new());
    let mut written: HashSet<PathBuf> = HashSet::new();
    let (mut places, mut refused, mut already) = (0, 0, 0);
    for path in &files {
        let (rel, text) = match location.read_entry(path) {
            (rel, Ok(text)) => (rel, text),
            (rel, Err(problem)) => {
                crate::warn(&format!("{rel}: not searched: {}", problem.message));
                continue;
            }
        };
        match rename::rename(&rel, &text, old, new, &location.config) {
            Outcome::Unchanged => {}
            Outcome::AlreadyNamed => already += 1,
            Outcome::Refused(why) => {
                crate::warn(&format!("{rel}: left unchanged: {why}"));
                refused += 1;
            }
            Outcome::Renamed {
                text: renamed,
                changes,
            } => {
                let real = path.canonicalize().unwrap_or_else(|_| path.clone());
                // Two links to one file: it is one entry, changed once.
                if !written.insert(real.clone()) {
                    continue;
                }
                for change in &changes {
                    let removed = if change.removed {
                        " (the entry has it already: taken out)"
                    } else {
                        ""
                    };
                    report.push(format!(
                        "{rel}:{}: {} -> {}{removed}",
                        change.line, change.from, change.to
                    ));
                }
                places += changes.len();
                edits.push(Edit {
                    real,
                    was: text,
                    text: renamed,
                });
            }
        }
    }
    let entries = edits.len();
    if entries == 0 && refused == 0 {
        if already > 0 {
            let noun = if already == 1 {
                "entry spells"
            } else {
                "entries spell"
            };
            writeln!(
                out,
                "nothing to rename: {already} {noun} it `{new}` already"
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        return Err(Error::new(format!("no entry has the tag `{old}`"))
            .hint("`insight tags` lists the tags in use"));
    }
    if !args.dry_run {
        let replacements: Vec<write::Replacement> = edits
            .iter()
            .map(|edit| write::Replacement {
                path: &edit.real,
                was: edit.was.as_bytes(),
                contents: edit.text.as_bytes(),
            })
            .collect();
        write::replace_all(&replacements)?;
    }
    for line in &report {
        writeln!(out, "{}", crate::render::escape_controls(line, false))?;
    }
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let done = if args.dry_run {
        "would rename"
    } else {
        "renamed"
    };
    let mut summary = format!(
        "{done} `{old}` to `{new}` in {} ({})",
        noun(entries, "entry", "entries"),
        noun(places, "place", "places")
    );
    if args.dry_run {
        summary.push_str("; nothing was written");
    }
    if refused > 0 {
        summary.push_str(&format!(
            "; {} left unchanged (see above)",
            noun(refused, "entry", "entries")
        ));
    }
    writeln!(out, "{summary}")?;
    if location
        .config
        .tags
        .iter()
        .any(|t| crate::model::tags::is_under(t, old) && !crate::model::tags::is_under(t, new))
    {
        crate::warn(&format!(
            "`{old}` is in the `tags:` list of insight.yaml; put `{new}` there instead, or check will warn"
        ));
    }
    Ok(ExitCode::SUCCESS)
}
