//! `insight ideas`: the idea pipeline — what was heard, how often, how far it got.

use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{Context, TableFormat};
use crate::aggregate::ideas::{self, IdeaKeys, IdeaSummary};
use crate::error::{Error, Result};
use crate::query::{self, Order};
use crate::render::{Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only ideas whose current status is S (repeat for any of several)
    #[arg(long, value_name = "S")]
    pub status: Vec<String>,
    /// Order by reach (customers, then mentions), date (latest mention first) or status (pipeline order)
    #[arg(long, value_enum, default_value_t = Sort::Reach)]
    pub sort: Sort,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Reach,
    Date,
    Status,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let statuses = location.config.statuses.clone();
    for wanted in &args.status {
        if !statuses.contains(wanted) {
            return Err(
                Error::new(format!("`--status {wanted}`: not a status of this journal"))
                    .hint(format!("the statuses are {}", statuses.join(", "))),
            );
        }
    }
    let journal = context.load_located(location);
    let keys = IdeaKeys::new(&journal.entries);
    // Status comes from the whole journal: a filter must not hide where an idea went.
    let current = ideas::current_statuses(&journal.entries, &keys);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let mut list = ideas::summarize(&selected, &keys, &current, journal.config.default_status());
    list.retain(|idea| args.status.is_empty() || args.status.contains(&idea.status));
    let pipeline = |status: &str| {
        statuses
            .iter()
            .position(|s| s == status)
            .unwrap_or(usize::MAX)
    };
    match args.sort {
        Sort::Reach => {}
        // Stable sorts: ties keep the order of reach.
        Sort::Date => list.sort_by_key(|idea| std::cmp::Reverse(idea.last_date)),
        Sort::Status => list.sort_by_key(|idea| pipeline(&idea.status)),
    }
    let text = context.tabular(
        args.format,
        &table(&list),
        &list,
        "no ideas in the entries that match",
    );
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(list: &[IdeaSummary]) -> Table {
    let mut table = Table::new(vec![
        Column::left("id", "Id"),
        Column::left("title", "Idea"),
        Column::left("status", "Status"),
        Column::right("mentions", "Mentions"),
        Column::right("sites", "Sites"),
        Column::right("customers", "Customers"),
        Column::left("first_date", "First"),
        Column::left("last_date", "Last"),
        Column::left("entries", "Entries"),
    ]);
    for idea in list {
        let entries: Vec<&str> = idea
            .entries
            .iter()
            .map(|p| crate::entry::file_stem(p))
            .collect();
        table.push(vec![
            idea.id.clone().unwrap_or_default(),
            idea.title.clone(),
            idea.status.clone(),
            idea.mentions.to_string(),
            idea.sites.to_string(),
            idea.customers.to_string(),
            idea.first_date.to_string(),
            idea.last_date.to_string(),
            entries.join(", "),
        ]);
    }
    table
}
