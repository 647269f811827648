//! `insight tags`: how many entries carry each tag.

use std::io::Write;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{Context, TableFormat};
use crate::aggregate::{self, TagCount};
use crate::error::{Error, Result};
use crate::query::{self, Order};
use crate::rename::{self, Outcome};
use crate::render::{Column, Table};
use crate::write;

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
    let filter = args.filters.filter(context, &location)?;
    let journal = context.load_located(location, super::bodies_for(&filter));
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
    let location = context.locate()?.first();
    let (files, _) = location.entry_files();
    let (mut entries, mut places, mut refused, mut already) = (0, 0, 0, 0);
    for path in &files {
        let (rel, Ok(text)) = location.read_entry(path) else {
            continue;
        };
        match rename::rename(&rel, &text, old, new, &location.config) {
            Outcome::Unchanged => {}
            Outcome::AlreadyNamed => already += 1,
            Outcome::Refused(why) => {
                crate::warn(&format!("{rel}: left unchanged: {why}"));
                refused += 1;
            }
            Outcome::Renamed { text, changes } => {
                if !args.dry_run {
                    // Through a symbolic link, the file it points to is the entry.
                    let real = path.canonicalize().unwrap_or_else(|_| path.clone());
                    write::replace(&real, text.as_bytes())?;
                }
                for change in &changes {
                    writeln!(
                        out,
                        "{rel}:{}: {} -> {}",
                        change.line, change.from, change.to
                    )?;
                }
                entries += 1;
                places += changes.len();
            }
        }
    }
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
        .any(|t| crate::tags::is_under(t, old) && !crate::tags::is_under(t, new))
    {
        crate::warn(&format!(
            "`{old}` is in the `tags:` list of insight.yaml; put `{new}` there instead, or check will warn"
        ));
    }
    Ok(ExitCode::SUCCESS)
}
