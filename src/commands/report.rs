//! `insight report`: the page a CIO brings to the quarterly review.

use clap::ValueEnum;
use serde::Serialize;
use std::path::{Path, PathBuf};

use super::context::{Context, View, for_the_process, journal_name};
use super::filters::FilterArgs;
use super::output::{Done, Output};
use crate::aggregate::groups::{self, GroupBy, GroupRow, Grouping};
use crate::aggregate::report::{self, PeriodRecord, ReportInput};
use crate::edit::report_file;
use crate::error::{Error, Result};
use crate::model::idea::IdeaKeys;
use crate::model::journal::Journal;
use crate::model::period::{self, Period};
use crate::query::{self, Filter, Order};
use crate::render::{self, Column, Table, report::Page};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Instead of the sections, one table of entries, customers, hours and ideas per group
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<GroupBy>,
    /// How many customer quotes to show
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub quotes: usize,
    /// Output format (default: table, or the one FILE's extension names)
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE (atomically) instead of the terminal
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o, replace FILE even if it does not look like an earlier report
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Only what may be shared: no private entries or keys, contacts masked
    #[arg(long)]
    pub shared: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    /// Only with --by: one JSON object per group, a line each
    Jsonl,
    /// Only with --by
    Csv,
    /// One self-contained page with charts, for a browser, an email or print
    Html,
}

/// What the report is and how it is drawn, decided once from `--by`,
/// `--format` and the output file's extension: only the forms that exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The report's sections.
    Sections(SectionsFormat),
    /// `--by`: one table of groups.
    Groups(GroupBy, GroupsFormat),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionsFormat {
    Table,
    Markdown,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupsFormat {
    Table,
    Markdown,
    Json,
    Jsonl,
    Csv,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let shape = shape(&args)?;
    let location = context.locate()?;
    let calendar = context.calendar(&location);
    let this_quarter = calendar.quarter_containing(context.today).ok_or_else(|| {
        Error::internal(format!("{} has no quarter in the calendar", context.today))
    })?;
    let period = args
        .filters
        .summary_period(context, &location, this_quarter)?;
    let mut filter = args.filters.filter_without_period(context, &location)?;
    let scope = args.filters.describe();
    let view = match args.shared {
        true => View::Shared,
        false => View::Whole,
    };
    let journal = context.load_filtered_as(location, &mut filter, view);
    let name = journal_name(journal);
    let to_terminal = args.output.is_none();
    let output = match shape {
        Shape::Groups(by, format) => {
            let report = GroupsReport {
                journal,
                name: &name,
                filter: &filter,
                period: &period,
                by,
            };
            grouped(&report, format, context, to_terminal)
        }
        Shape::Sections(format) => {
            let body: &report::Bodies = &|entry| journal.body(entry);
            let (report, history) = report::build(&ReportInput {
                name: name.clone(),
                config: &journal.config,
                entries: &journal.entries,
                filter: &filter,
                period: &period,
                today: context.today,
                quotes: args.quotes,
                body,
                history: None,
            });
            // Kept until the process ends, like the journal: freeing the
            // history of a large journal one story at a time takes longer
            // than the process has left to live.
            std::mem::forget(history);
            let report = for_the_process(report);
            let page = Page {
                bars: to_terminal && context.width.is_some(),
                scope: scope.as_deref(),
            };
            Output::Text(match format {
                SectionsFormat::Table if to_terminal => {
                    render::report::text(report, &page, context.width, context.color)
                }
                SectionsFormat::Table => render::report::text(report, &page, None, false),
                SectionsFormat::Markdown => render::report::markdown(report, &page),
                SectionsFormat::Json => render::json(report),
                SectionsFormat::Html => render::html::report(report, &page)?,
            })
        }
    };
    let done = Done::print(output);
    match &args.output {
        Some(path) => {
            let path = context.cwd.join(path);
            report_file::may_replace(&path, journal, &context.cwd, &name, args.force)?;
            Ok(done.into_file(path))
        }
        None => Ok(done),
    }
}

/// `--format`, else the output file's extension, else a table; with
/// `--by`, for one table of groups.
fn shape(args: &Args) -> Result<Shape> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => format_of(path)?,
        (None, None) => Format::Table,
    };
    match (args.by, format) {
        (Some(_), Format::Html) => Err(Error::new(
            "--by gives one table, and the HTML page is the whole report",
        )
        .hint("leave out --by for the page, or use --format table, markdown, json or csv with --by")),
        (None, Format::Jsonl) => Err(Error::new("a report is one document, not a list of lines")
            .hint("add --by kind|tag|site|person|month|quarter|journal for one line per group, or use --format json")),
        (None, Format::Csv) => Err(Error::new("a report has several tables, which CSV cannot hold")
            .hint("add --by kind|tag|site|person|month|quarter|journal for one table, or use --format markdown or json")),
        (Some(by), Format::Table) => Ok(Shape::Groups(by, GroupsFormat::Table)),
        (Some(by), Format::Markdown) => Ok(Shape::Groups(by, GroupsFormat::Markdown)),
        (Some(by), Format::Json) => Ok(Shape::Groups(by, GroupsFormat::Json)),
        (Some(by), Format::Csv) => Ok(Shape::Groups(by, GroupsFormat::Csv)),
        (Some(by), Format::Jsonl) => Ok(Shape::Groups(by, GroupsFormat::Jsonl)),
        (None, Format::Table) => Ok(Shape::Sections(SectionsFormat::Table)),
        (None, Format::Markdown) => Ok(Shape::Sections(SectionsFormat::Markdown)),
        (None, Format::Json) => Ok(Shape::Sections(SectionsFormat::Json)),
        (None, Format::Html) => Ok(Shape::Sections(SectionsFormat::Html)),
    }
}

fn format_of(path: &Path) -> Result<Format> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some("json") => Ok(Format::Json),
        Some("jsonl") => Ok(Format::Jsonl),
        Some("csv") => Ok(Format::Csv),
        Some("txt") => Ok(Format::Table),
        Some("html" | "htm") => Ok(Format::Html),
        _ => Err(Error::new(format!(
            "cannot tell a format from the name {}",
            path.display()
        ))
        .hint("end the name in .md, .html, .json, .csv or .txt, or add --format")),
    }
}

#[derive(Serialize)]
struct Grouped<'a> {
    journal: &'a str,
    period: PeriodRecord,
    groups: Vec<GroupRow>,
}

/// A `--by` report: the entries the filters keep in the period, grouped.
struct GroupsReport<'a> {
    journal: &'a Journal,
    name: &'a str,
    filter: &'a Filter,
    period: &'a Period,
    by: GroupBy,
}

fn grouped(
    report: &GroupsReport,
    format: GroupsFormat,
    context: &Context,
    to_terminal: bool,
) -> Output {
    let GroupsReport {
        journal,
        name,
        filter,
        period,
        by,
    } = *report;
    // Like the sections, the groups count entries up to today at the latest.
    let filter = Filter {
        period: Some(period.clone()),
        until: Some(context.today),
        ..filter.clone()
    };
    let selected = query::select(&journal.entries, &filter, Order::default());
    // Months and quarters of an open or very long period run from the first entry to the last.
    let first = selected.first().map(|e| e.date);
    let last = selected.last().map(|e| e.date);
    let span = period.span_for(first, last);
    let keys = IdeaKeys::new(&journal.entries);
    let journals: Vec<String> = journal.members.iter().map(|m| m.label.clone()).collect();
    let rows = groups::group(
        &selected,
        &Grouping {
            by,
            keys: &keys,
            config: &journal.config,
            calendar: period::Calendar::new(journal.config.fiscal_year_start),
            span: span.as_ref(),
            journals: &journals,
        },
    );
    let mut table = Table::new(vec![
        Column::left("group", by.title()),
        Column::right("entries", "Entries"),
        Column::right("customers", "Customers"),
        Column::right("hours", "Hours"),
        Column::right("ideas", "Ideas"),
    ]);
    for row in &rows {
        table.push(vec![
            row.group.clone(),
            row.entries.to_string(),
            row.customers.to_string(),
            render::number(row.hours),
            row.ideas.to_string(),
        ]);
    }
    Output::Text(match format {
        GroupsFormat::Table if rows.is_empty() => return Output::Nothing("no entries match"),
        GroupsFormat::Table if to_terminal => {
            render::text_table(&table, context.width, context.color)
        }
        GroupsFormat::Table => render::text_table(&table, None, false),
        GroupsFormat::Markdown => render::markdown_table(&table),
        GroupsFormat::Csv => render::csv_table(&table),
        GroupsFormat::Jsonl => render::json_lines(&rows),
        GroupsFormat::Json => render::json(&Grouped {
            journal: name,
            period: period.into(),
            groups: rows,
        }),
    })
}
