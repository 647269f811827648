//! `insight quotes`: what customers said, newest first.

use clap::ValueEnum;

use super::context::Context;
use super::filters::FilterArgs;
use super::output::{Done, Output};
use crate::aggregate::quotes::{self, Quote};
use crate::error::Result;
use crate::query::{self, Order};
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show at most N quotes
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Jsonl,
    Csv,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let journal = context.load_located(location, crate::model::journal::Bodies::Keep);
    context.check_typed(&filter, journal);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let list = quotes::quotes(&selected, args.limit.unwrap_or(usize::MAX), |e| {
        journal.body(e)
    });
    let text = match args.format {
        Format::Table if list.is_empty() => {
            return Ok(Done::print(
                Output::Nothing("no quotes in the entries that match").limited(args.limit),
            ));
        }
        Format::Table => plain(&list, context.width),
        Format::Markdown => markdown(&list),
        Format::Json => render::json(&list),
        Format::Jsonl => render::json_lines(&list),
        Format::Csv => render::csv_table(&table(&list)),
    };
    Ok(Done::text(text))
}

/// Quotes are prose, not rows: each on its own, with who heard it where.
fn plain(list: &[Quote], width: Option<u16>) -> String {
    let blocks: Vec<String> = list
        .iter()
        .map(|q| {
            format!(
                "{}\n    {}\n",
                render::wrap(&format!("“{}”", one_line(&q.text)), width),
                one_line(&attribution(q))
            )
        })
        .collect();
    blocks.join("\n")
}

fn markdown(list: &[Quote]) -> String {
    let blocks: Vec<String> = list
        .iter()
        .map(|q| {
            format!(
                "> {}\n>\n> — {}\n",
                one_line(&q.text),
                one_line(&attribution(q))
            )
        })
        .collect();
    blocks.join("\n")
}

/// Text from the journal on one line, control characters shown as escapes.
fn one_line(text: &str) -> String {
    render::escape_controls(text, false).into_owned()
}

fn attribution(q: &Quote) -> String {
    let mut parts = vec![q.date.to_string(), q.site.to_string()];
    if !q.people.is_empty() {
        parts.push(q.people.join(", "));
    }
    parts.push(q.path.clone());
    parts.join(" · ")
}

fn table(list: &[Quote]) -> Table {
    let mut table = Table::new(vec![
        Column::left("date", "Date"),
        Column::left("site", "Site"),
        Column::left("people", "People"),
        Column::left("text", "Quote"),
        Column::left("path", "Path"),
    ]);
    for q in list {
        table.push(vec![
            q.date.to_string(),
            q.site.to_string(),
            q.people.join(", "),
            q.text.clone(),
            q.path.clone(),
        ]);
    }
    table
}
