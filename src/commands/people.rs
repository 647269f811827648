//! `insight people`: who has been out, against their group's target.

use super::context::{Context, TableFormat};
use super::filters::FilterArgs;
use super::output::Done;
use crate::aggregate::people::{self, PersonSummary, YearToDate};
use crate::error::{Error, Result};
use crate::model::period::Period;
use crate::query::{self, Filter, Order};
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only people behind their group's target: short of the share of it that the part of the fiscal year gone by calls for
    #[arg(long)]
    pub behind: bool,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Show at most N people
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let calendar = context.calendar(&location);
    // Targets are yearly, so the default is the fiscal year so far.
    let year = calendar
        .year(calendar.fiscal_year_of(context.today))
        .ok_or_else(|| Error::new("today is outside the calendar"))?;
    let year_to_date = year
        .narrowed(None, Some(context.today))
        .unwrap_or_else(Period::all);
    let period = args
        .filters
        .summary_period(context, &location, year_to_date)?;
    // "Now" is today: entries dated later do not count yet.
    let day = period.end.min(context.today);
    let counted_period = period.narrowed(None, Some(day));
    let mut filter = Filter {
        period: counted_period.clone(),
        ..args.filters.filter_without_period(context, &location)?
    };
    let journal = context.load_filtered(location, &mut filter);
    let counted = match counted_period {
        Some(_) => query::select(&journal.entries, &filter, Order::default()),
        None => Vec::new(),
    };
    // Whether a target is met is judged on all of a person's entries of the
    // fiscal year up to the period's end, whatever the filters.
    let judged_on = YearToDate::on(day, calendar);
    let whole_year = Filter {
        period: Some(judged_on.period.clone()),
        ..Filter::default()
    };
    let year_entries = query::select(&journal.entries, &whole_year, Order::default());
    let mut list = people::people(&counted, &year_entries, &judged_on, &journal.config);
    list.retain(|p| filter.person_matches(&p.person));
    if args.behind {
        list.retain(|p| p.on_track == Some(false));
    }
    let empty = if args.behind {
        "nobody is behind their target"
    } else {
        "nobody went out"
    };
    list.truncate(args.limit.unwrap_or(usize::MAX));
    Ok(Done::print(
        context
            .tabular(args.format, &table(&list), &list, empty)
            .limited(args.limit),
    ))
}

fn table(list: &[PersonSummary]) -> Table {
    let mut table = Table::new(vec![
        Column::left("person", "Person"),
        Column::left("group", "Group"),
        Column::right("entries", "Entries"),
        Column::right("hours", "Hours"),
        Column::right("customers", "Customers"),
        Column::left("target", "Toward target"),
        Column::left("standing", "Status"),
    ]);
    for p in list {
        table.push(vec![
            p.person.clone(),
            p.group.clone().unwrap_or_default(),
            p.entries.to_string(),
            render::number(p.hours),
            p.customers.to_string(),
            render::progress(
                p.year_entries,
                p.year_hours,
                p.target_entries,
                p.target_hours,
            ),
            p.standing().to_string(),
        ]);
    }
    table
}
