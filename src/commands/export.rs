//! `insight export DIR`: the journal as tidy tables, one file each, for
//! DuckDB, a spreadsheet or a BI warehouse.

use clap::ValueEnum;
use std::path::PathBuf;

use super::context::Context;
use super::filters::FilterArgs;
use super::output::{self, Done};
use crate::error::Result;
use crate::query::{self, Order};
use crate::read::progress::Progress;
use crate::render::export::{self, Source};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write the tables into: new, empty, or an earlier export
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// One file per table, as RFC 4180 CSV with a header row, or JSON Lines
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

/// The file that marks a folder as an export, and lists what it wrote.
pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let dir = context.cwd.join(&args.dir);
    // What leaves the journal is only what may be shared.
    let journal = context.load_shared(location, crate::model::journal::Bodies::Keep);
    context.check_typed(&filter, journal);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let tables = export::tables(&Source {
        journal,
        selected: &selected,
        day: filter.last_day().min(context.today),
    });
    let meter = output::meter();
    let files: Vec<(String, String)> = tables
        .iter()
        .enumerate()
        .map(|(n, table)| {
            let file = match args.format {
                Format::Csv => (format!("{}.csv", table.name), export::csv(table)),
                Format::Jsonl => (format!("{}.jsonl", table.name), export::jsonl(table)),
            };
            meter.step("building tables", n + 1, tables.len());
            file
        })
        .collect();
    crate::edit::export::write_tables(&dir, &files)?;
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    Ok(Done::text(format!(
        "wrote {} tables, {rows} rows, to {}\n",
        tables.len(),
        context.display_path(&dir)
    )))
}
