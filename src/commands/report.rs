//! `insight report`: the page a CIO brings to the quarterly review.

use clap::ValueEnum;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use super::filters::FilterArgs;
use crate::aggregate::groups::{self, GroupBy, GroupRow};
use crate::aggregate::report::{self, PeriodRecord, ReportInput};
use crate::edit::write;
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
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    /// Only with --by
    Csv,
    /// One self-contained page with charts, for a browser, an email or print
    Html,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let format = output_format(&args)?;
    let location = context.locate()?;
    let calendar = context.calendar(&location);
    let this_quarter = calendar
        .quarter_containing(context.today)
        .ok_or_else(|| Error::new(format!("{} has no quarter in the calendar", context.today)))?;
    let period = args
        .filters
        .summary_period(context, &location, this_quarter)?;
    let mut filter = args.filters.filter_without_period(context, &location)?;
    let scope = args.filters.describe();
    let journal = context.load_filtered(location, &mut filter);
    let name = journal_name(journal);
    let to_terminal = args.output.is_none();
    let text = match args.by {
        Some(by) => grouped(
            journal,
            &name,
            &filter,
            &period,
            by,
            format,
            context,
            to_terminal,
        )?,
        None => {
            // Kept until the process ends, like the journal.
            let report = super::for_the_process(report::build(&ReportInput {
                name: name.clone(),
                config: &journal.config,
                entries: &journal.entries,
                filter: &filter,
                period: &period,
                today: context.today,
                quotes: args.quotes,
                body: &|entry| journal.body(entry),
            }));
            let page = Page {
                bars: to_terminal && context.width.is_some(),
                scope: scope.as_deref(),
            };
            match format {
                Format::Table if to_terminal => {
                    render::report::text(report, &page, context.width, context.color)
                }
                Format::Table => render::report::text(report, &page, None, false),
                Format::Markdown => render::report::markdown(report, &page),
                Format::Json => render::json(report),
                Format::Html => render::html::report(report, &page)?,
                Format::Csv => unreachable!("output_format rejects csv without --by"),
            }
        }
    };
    match &args.output {
        Some(path) => {
            let path = context.cwd.join(path);
            safe_to_write(&path, journal, &context.cwd, &name, args.force)?;
            write::replace(&path, text.as_bytes())?;
            eprintln!("wrote {}", context.display_path(&path));
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A report may replace an earlier report, never the journal itself nor a
/// file that does not look like a report (unless `--force`).
fn safe_to_write(
    path: &Path,
    journal: &Journal,
    cwd: &Path,
    name: &str,
    force: bool,
) -> Result<()> {
    let target = resolved(path);
    let protected: Vec<PathBuf> = journal
        .members
        .iter()
        .flat_map(|member| {
            let root = cwd.join(&member.root);
            [
                resolved(&root.join(crate::model::config::CONFIG_FILE)),
                resolved(&root.join(&member.config.entries)),
                resolved(&root.join(&member.config.templates)),
            ]
        })
        .collect();
    if protected.iter().any(|p| target.starts_with(p)) {
        return Err(Error::new(format!(
            "not writing the report to {}: it belongs to the journal (its settings, entries or templates)",
            path.display()
        ))
        .hint("write reports to a folder of their own, e.g. -o reports/2026Q3.md"));
    }
    if force || !target.exists() {
        return Ok(());
    }
    let mut head = Vec::new();
    let _ = std::fs::File::open(&target).and_then(|f| f.take(1 << 20).read_to_end(&mut head));
    if looks_like_report(&head, name) {
        return Ok(());
    }
    Err(Error::new(format!(
        "{} exists and does not look like an insight report",
        path.display()
    ))
    .hint("choose another file, or add --force to replace it"))
}

/// `path` made absolute with `.` and `..` resolved and symbolic links followed
/// as far as the path exists, so that two names for one file compare equal.
fn resolved(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    let existing = normal
        .ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("/"));
    let real = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    match normal.strip_prefix(existing) {
        // Joining an empty path would add a trailing `/`, and `file/` does not exist.
        Ok(rest) if !rest.as_os_str().is_empty() => real.join(rest),
        _ => real,
    }
}

/// Whether `head` (the start of a file) is something `insight report` wrote:
/// a page or JSON report of this journal, or a `--by` table.
fn looks_like_report(head: &[u8], name: &str) -> bool {
    let text = String::from_utf8_lossy(head);
    if text.trim_start().starts_with("<!DOCTYPE html>") {
        return render::html::signature(name).is_some_and(|mark| text.contains(&mark));
    }
    if let Ok(serde_json::Value::Object(json)) = serde_json::from_slice::<serde_json::Value>(head) {
        return json.get("journal").and_then(|j| j.as_str()) == Some(name)
            && json.contains_key("period");
    }
    let first = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}');
    let words: Vec<&str> = first
        .split([' ', '|', ','])
        .filter(|w| !w.is_empty())
        .collect();
    let by_table = matches!(
        words.as_slice(),
        [_, "Entries", "Customers", "Hours", "Ideas"]
            | ["group", "entries", "customers", "hours", "ideas"]
    );
    first.starts_with(&format!("# {name}: ")) || first.starts_with(&format!("{name}: ")) || by_table
}

/// `--format`, else the output file's extension, else a table.
fn output_format(args: &Args) -> Result<Format> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => format_of(path)?,
        (None, None) => Format::Table,
    };
    if format == Format::Html && args.by.is_some() {
        return Err(
            Error::new("--by gives one table, and the HTML page is the whole report")
                .hint("leave out --by for the page, or use --format table, markdown, json or csv with --by"),
        );
    }
    if format == Format::Csv && args.by.is_none() {
        return Err(Error::new("a report has several tables, which CSV cannot hold")
            .hint("add --by kind|tag|site|person|month|quarter|journal for one table, or use --format markdown or json"));
    }
    Ok(format)
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

fn journal_name(journal: &Journal) -> String {
    journal.config.name.clone().unwrap_or_else(|| {
        let root = journal
            .root
            .canonicalize()
            .unwrap_or_else(|_| journal.root.clone());
        root.file_name()
            .map_or_else(|| "Journal".into(), |n| n.to_string_lossy().into_owned())
    })
}

#[derive(Serialize)]
struct Grouped<'a> {
    journal: &'a str,
    period: PeriodRecord,
    groups: Vec<GroupRow>,
}

#[allow(clippy::too_many_arguments)]
fn grouped(
    journal: &Journal,
    name: &str,
    filter: &Filter,
    period: &Period,
    by: GroupBy,
    format: Format,
    context: &Context,
    to_terminal: bool,
) -> Result<String> {
    // Like the sections, the groups count entries up to today at the latest.
    let filter = Filter {
        period: Some(period.clone()),
        until: Some(context.today),
        ..filter.clone()
    };
    let selected = query::select(&journal.entries, &filter, Order::default());
    // Months and quarters of an open or very long period run from the first entry to the last.
    let dates = (
        selected.first().map(|e| e.date),
        selected.last().map(|e| e.date),
    );
    let span = period.span_for(dates.0, dates.1);
    let keys = IdeaKeys::new(&journal.entries);
    let calendar = period::Calendar::new(journal.config.fiscal_year_start);
    let rows = groups::group(
        &selected,
        by,
        &keys,
        &journal.config,
        calendar,
        span.as_ref(),
        &journal
            .members
            .iter()
            .map(|m| m.label.clone())
            .collect::<Vec<_>>(),
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
    Ok(match format {
        Format::Table if rows.is_empty() => {
            eprintln!("no entries match");
            String::new()
        }
        Format::Table if to_terminal => render::text_table(&table, context.width, context.color),
        Format::Table => render::text_table(&table, None, false),
        Format::Markdown => render::markdown_table(&table),
        Format::Csv => render::csv_table(&table),
        Format::Html => unreachable!("output_format rejects html with --by"),
        Format::Json => render::json(&Grouped {
            journal: name,
            period: period.into(),
            groups: rows,
        }),
    })
}
