//! `insight list`: the entries that match, as a table or for scripts.

use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{Context, bodies_for};
use crate::aggregate::ideas::History;
use crate::entry::Entry;
use crate::error::Result;
use crate::query::{self, Order, SortKey};
use crate::record::EntryRecord;
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Order by date (oldest first), site (A to Z) or customers (most first)
    #[arg(long, value_enum, default_value_t = Sort::Date)]
    pub sort: Sort,
    /// Reverse the order
    #[arg(long, short = 'r')]
    pub reverse: bool,
    /// Show at most N entries (after sorting)
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    /// Output format; `paths` prints one file path per line, for other tools
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Date,
    Site,
    Customers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Jsonl,
    Csv,
    Paths,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let journal = context.load_located(location, bodies_for(&filter));
    let order = Order {
        key: match args.sort {
            Sort::Date => SortKey::Date,
            Sort::Site => SortKey::Site,
            Sort::Customers => SortKey::Customers,
        },
        reverse: args.reverse,
        limit: args.limit,
    };
    let selected = query::select(&journal.entries, &filter, order);
    // Only JSON shows ideas, whose status may come from other entries.
    let history = || History::new(&journal.entries, journal.config.default_status());
    let records = |history: &History| -> String {
        let records: Vec<EntryRecord> = selected
            .iter()
            .map(|e| EntryRecord::new(e, history))
            .collect();
        match args.format {
            Format::Jsonl => render::json_lines(&records),
            _ => render::json(&records),
        }
    };
    let text = match args.format {
        Format::Table if selected.is_empty() => {
            eprintln!("no entries match");
            String::new()
        }
        Format::Table => render::text_table(&table(&selected), context.width, context.color),
        Format::Markdown => render::markdown_table(&table(&selected)),
        Format::Csv => render::csv_table(&table(&selected)),
        Format::Json | Format::Jsonl => records(&history()),
        Format::Paths => selected
            .iter()
            .map(|e| context.display_path(&journal.file(&e.path)) + "\n")
            .collect(),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(entries: &[&Entry]) -> Table {
    let mut table = Table::new(vec![
        Column::left("date", "Date"),
        Column::left("kind", "Kind"),
        Column::left("site", "Site"),
        Column::left("title", "Title"),
        Column::right("customers", "Customers"),
        Column::left("tags", "Tags"),
    ]);
    for e in entries {
        table.push(vec![
            e.date.to_string(),
            e.kind.to_string(),
            e.site.to_string(),
            e.title.clone(),
            e.customers.to_string(),
            e.tags.join(", "),
        ]);
    }
    table
}
