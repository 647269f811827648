//! `insight tags`: how many entries carry each tag.

use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;

use super::Context;
use super::filters::FilterArgs;
use crate::aggregate::{self, TagCount};
use crate::error::Result;
use crate::query::{self, Order};
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let journal = context.load_located(location);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let counts = aggregate::tag_counts(&selected);
    let text = match args.format {
        Format::Table if counts.is_empty() => {
            eprintln!("no tags in the entries that match");
            String::new()
        }
        Format::Table => render::text_table(&table(&counts), context.width, context.color),
        Format::Markdown => render::markdown_table(&table(&counts)),
        Format::Csv => render::csv_table(&table(&counts)),
        Format::Json => render::json(&counts),
    };
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
