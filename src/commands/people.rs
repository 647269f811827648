//! `insight people`: who has been out, against their group's target.

use std::io::Write;
use std::process::ExitCode;

use super::filters::FilterArgs;
use super::{Context, TableFormat};
use crate::aggregate::people::{self, PersonSummary};
use crate::error::{Error, Result};
use crate::query::{self, Filter, Order};
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only people short of their group's target
    #[arg(long)]
    pub behind: bool,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let calendar = context.calendar(&location);
    // Targets are yearly, so the default is the fiscal year so far.
    let year = calendar
        .year(calendar.fiscal_year_of(context.today))
        .ok_or_else(|| Error::new("today is outside the calendar"))?;
    let year_to_date = year
        .narrowed(None, Some(context.today))
        .unwrap_or_else(crate::period::Period::all);
    let period = args
        .filters
        .summary_period(context, &location, year_to_date)?;
    let filter = Filter {
        period: Some(period),
        ..args.filters.filter_without_period(context, &location)?
    };
    let journal = context.load_located(location);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let mut list = people::people(&selected, &journal.config);
    if args.behind {
        list.retain(|p| p.met == Some(false));
    }
    let empty = if args.behind {
        "nobody is behind their target"
    } else {
        "nobody went out"
    };
    let text = context.tabular(args.format, &table(&list), &list, empty);
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn table(list: &[PersonSummary]) -> Table {
    let mut table = Table::new(vec![
        Column::left("person", "Person"),
        Column::left("group", "Group"),
        Column::right("entries", "Entries"),
        Column::right("hours", "Hours"),
        Column::right("customers", "Customers"),
        Column::left("target", "Target"),
        Column::left("met", "Met"),
    ]);
    for p in list {
        table.push(vec![
            p.person.clone(),
            p.group.clone().unwrap_or_default(),
            p.entries.to_string(),
            render::number(p.hours),
            p.customers.to_string(),
            render::target(p.target_entries, p.target_hours),
            render::yes_no(p.met),
        ]);
    }
    table
}
