//! `insight tags`: how many entries carry each tag.

use std::io::Write;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{Context, TableFormat};
use crate::aggregate::{self, TagCount};
use crate::error::Result;
use crate::query::{self, Order};
use crate::render::{Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let journal = context.load_located(location);
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
