//! `insight tags`: how many entries carry each tag.

use std::fmt::Write;

use super::context::{Context, TableFormat};
use super::filters::FilterArgs;
use super::output::{self, Done};
use crate::aggregate::{self, TagCount};
use crate::edit::rename_tag;
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
    /// Show at most N tags (the most used first)
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
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
    #[arg(add = clap_complete::ArgValueCandidates::new(super::candidates::tags))]
    pub old: String,
    /// Its new name
    pub new: String,
    /// List what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    if let Some(Action::Rename(rename)) = args.action {
        return rename_tag(context, rename);
    }
    let location = context.locate()?;
    let mut filter = args.filters.filter(context, &location)?;
    let journal = context.load_filtered(location, &mut filter);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let mut counts = aggregate::tag_counts(&selected);
    counts.truncate(args.limit.unwrap_or(usize::MAX));
    Ok(Done::print(
        context
            .tabular(
                args.format,
                &table(&counts),
                &counts,
                "no tags in the entries that match",
            )
            .limited(args.limit),
    ))
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

fn rename_tag(context: &Context, args: RenameArgs) -> Result<Done> {
    let (old, new) = (args.old.trim(), args.new.trim());
    // The old name is what entries may hold; `mobile/` finds `mobile`.
    let old = old.trim_end_matches('/').trim();
    if old.is_empty() || new.is_empty() || new.contains(['\n', '\r']) {
        return Err(Error::new("both names must be one line of text, not empty"));
    }
    if let Err(meant) = crate::model::tags::well_made(new) {
        let error = Error::new(format!(
            "`{new}` is not a tag: a tag is names joined by `/`, and one of its names is empty"
        ));
        return Err(match meant.is_empty() {
            true => error.hint("give the tag a name, such as `mobile/app`"),
            false => error.hint(format!("did you mean `{meant}`?")),
        });
    }
    if new.contains(',') {
        output::warn_with_hint(
            &format!("`{new}` is one tag, not a list"),
            "a tag with a comma in it is allowed, but it is probably a mistake",
        );
    }
    if old == new {
        return Err(Error::new(format!("`{old}` is already called `{new}`")));
    }
    // A union's other journals are not edited: renames happen in the first.
    let location = context.locate()?.first();
    let meter = output::meter();
    let plan = rename_tag::plan(&location, old, new, meter);
    meter.clear();
    for warning in &plan.warnings {
        output::warn(warning);
    }
    let entries = plan.edits.len();
    if entries == 0 && plan.refused == 0 {
        if plan.already > 0 {
            let noun = if plan.already == 1 {
                "entry spells"
            } else {
                "entries spell"
            };
            return Ok(Done::text(format!(
                "nothing to rename: {} {noun} it `{new}` already\n",
                plan.already
            )));
        }
        return Err(Error::new(format!("no entry has the tag `{old}`"))
            .hint("`insight tags` lists the tags in use"));
    }
    let written = match args.dry_run {
        true => Ok(()),
        false => plan.write(&location.root, meter),
    };
    meter.clear();
    written?;
    let mut out = String::new();
    for line in &plan.changes {
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
        noun(plan.places, "place", "places")
    );
    if args.dry_run {
        summary.push_str("; nothing was written");
    }
    if plan.refused > 0 {
        summary.push_str(&format!(
            "; {} left unchanged (see above)",
            noun(plan.refused, "entry", "entries")
        ));
    }
    writeln!(out, "{summary}")?;
    if location
        .config
        .tags
        .iter()
        .any(|t| crate::model::tags::is_under(t, old) && !crate::model::tags::is_under(t, new))
    {
        output::warn(&format!(
            "`{old}` is in the `tags:` list of insight.yaml; put `{new}` there instead, or check will warn"
        ));
    }
    Ok(Done::text(out))
}
