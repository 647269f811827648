//! Draws a [`Report`] as a terminal page or a Markdown page. Both come from one
//! list of sections, so the two never disagree about what a report says.

use super::document::{self, Block, Document, Quoted, Section};
use super::escape::escape_controls;
use super::table::{Column, Table, number, share_of_target, signed};
use crate::aggregate::history::Step;
use crate::aggregate::ideas::Movement;
use crate::aggregate::report::{CoverageRow, PeriodRecord, Report, Totals, TrendRow};

/// How many tags and sites a page shows; JSON has them all.
const TOP: usize = 10;
/// How many ideas a page shows, those of widest reach first: a year of a
/// large organisation mentions tens of thousands, which no one reads on
/// a page; `insight ideas` and JSON have them all. The page says how many
/// more there are, as for tags and sites, and no more: it is also a web
/// page and an email, whose readers have no command to type.
const TOP_IDEAS: usize = 25;
/// How many ideas that changed status a page shows: those that went
/// furthest along the journal's statuses, latest first among equals. A year
/// of a large organisation moves thousands; JSON has them all.
const TOP_MOVEMENTS: usize = 25;
/// How many people a page shows in its coverage: those furthest behind
/// their targets first. An organisation sends a thousand people out; the
/// summary counts them all, and JSON lists them all.
const TOP_PEOPLE: usize = 25;
const BAR_WIDTH: usize = 24;

/// Settings that differ between a terminal and a file.
pub struct Page<'a> {
    /// Draw bars beside counts (terminals only).
    pub bars: bool,
    /// A sentence saying which entries the report covers, when filtered.
    pub scope: Option<&'a str>,
}

pub fn markdown(report: &Report, page: &Page) -> String {
    document::markdown(&page_of(report, page))
}

pub fn text(report: &Report, page: &Page, width: Option<u16>, color: bool) -> String {
    document::text(&page_of(report, page), width, color)
}

pub(super) fn page_of(report: &Report, page: &Page) -> Document {
    Document {
        title: format!("{}: {}", report.journal, report.period.label),
        intro: vec![Block::Note(subtitle(report, page))],
        sections: sections(report, page),
    }
}

fn subtitle(report: &Report, page: &Page) -> String {
    let mut line = span(&report.period);
    if let Some(day) = report.as_of {
        line.push_str(&format!(" (as of {day})"));
    }
    if let Some(previous) = &report.previous_period {
        line.push_str(&format!(
            ", compared with {} ({})",
            previous.label,
            span(previous)
        ));
    }
    line.push('.');
    if let Some(scope) = page.scope {
        line.push_str(&format!(" {}.", escape_controls(scope, false)));
    }
    line
}

pub(super) fn span(period: &PeriodRecord) -> String {
    match (period.start, period.end) {
        (None, None) => "All dates".into(),
        (None, Some(end)) => format!("Up to {end}"),
        (Some(start), None) => format!("From {start}"),
        (Some(start), Some(end)) if start == end => start.to_string(),
        (Some(start), Some(end)) => format!("{start} to {end}"),
    }
}

fn sections(report: &Report, page: &Page) -> Vec<Section> {
    let mut sections = vec![
        Section::new(
            "Summary",
            report.summary.iter().cloned().map(Block::Note).collect(),
        ),
        Section::new("Totals", totals_and_unknowns(report)),
        Section::new("By kind", vec![Block::Table(kinds(report))]),
        Section::new("Tags", tags(report, page)),
        Section::new("Sites", sites(report)),
        Section::new("Ideas that moved", movements(report)),
        Section::new("Ideas", ideas(report)),
        Section::new("Coverage", coverage(report)),
        Section::new("Voice of the customer", quotes(report)),
        Section::new("Trend", trend(report, page)),
    ];
    // `--quotes 0` asks for no quotes: no section, rather than one saying
    // the entries have none.
    if report.quotes_asked == 0 {
        sections.retain(|s| s.title != "Voice of the customer");
    }
    sections
}

/// The totals, and how many entries the sums leave out because they do
/// not say: unknown is not zero.
fn totals_and_unknowns(report: &Report) -> Vec<Block> {
    let mut blocks = vec![Block::Table(totals(report))];
    let t = &report.totals;
    let without = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 entry without {what}")),
        n => Some(format!("{n} entries without {what}")),
    };
    let unknown: Vec<String> = [
        without(t.entries_without_customers, "a count of customers"),
        without(t.entries_without_hours, "hours"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !unknown.is_empty() {
        blocks.push(Block::Note(format!(
            "Not in the sums: {}.",
            unknown.join(", ")
        )));
    }
    blocks
}

fn totals(report: &Report) -> Table {
    let mut columns = vec![
        Column::left("measure", ""),
        Column::right("period", report.period.label.clone()),
    ];
    if let Some(previous) = &report.previous_period {
        columns.push(Column::right("previous", previous.label.clone()));
        columns.push(Column::right("change", "Change"));
    }
    let mut table = Table::new(columns);
    let now = &report.totals;
    let figures = |t: &Totals| -> [f64; 7] {
        [
            t.entries as f64,
            t.people as f64,
            t.customers as f64,
            t.hours,
            t.sites as f64,
            t.ideas as f64,
            t.ideas_raised as f64,
        ]
    };
    let names = [
        "Entries",
        "People who went out",
        "Customers spoken to",
        "Hours",
        "Sites",
        "Ideas mentioned",
        "Ideas raised",
    ];
    for (i, name) in names.iter().enumerate() {
        let value = figures(now)[i];
        let mut row = vec![name.to_string(), number(value)];
        if let Some(previous) = &report.previous {
            let before = figures(previous)[i];
            row.push(number(before));
            row.push(signed(value - before));
        }
        table.push(row);
    }
    table
}

fn kinds(report: &Report) -> Table {
    let mut table = Table::new(vec![
        Column::left("kind", "Kind"),
        Column::right("entries", "Entries"),
        Column::right("customers", "Customers"),
        Column::right("hours", "Hours"),
    ]);
    for k in &report.kinds {
        table.push(vec![
            k.kind.clone(),
            k.entries.to_string(),
            k.customers.to_string(),
            number(k.hours),
        ]);
    }
    table
}

fn tags(report: &Report, page: &Page) -> Vec<Block> {
    if report.tags.is_empty() {
        return vec![Block::Note("No tags.".into())];
    }
    let mut columns = vec![
        Column::left("tag", "Tag"),
        Column::right("entries", "Entries"),
        Column::right("share", "Share"),
    ];
    if page.bars {
        columns.push(Column::left("bar", ""));
    }
    let mut table = Table::new(columns);
    let most = report.tags.first().map_or(1, |t| t.entries);
    for t in report.tags.iter().take(TOP) {
        let share = 100.0 * t.entries as f64 / report.totals.entries.max(1) as f64;
        let mut row = vec![t.tag.clone(), t.entries.to_string(), format!("{share:.0}%")];
        if page.bars {
            row.push(bar(t.entries, most));
        }
        table.push(row);
    }
    with_more(table, report.tags.len(), "tags")
}

fn sites(report: &Report) -> Vec<Block> {
    if report.sites.is_empty() {
        return vec![Block::Note("No visits.".into())];
    }
    let mut table = Table::new(vec![
        Column::left("site", "Site"),
        Column::right("entries", "Entries"),
        Column::right("customers", "Customers"),
    ]);
    for s in report.sites.iter().take(TOP) {
        table.push(vec![
            s.site.to_string(),
            s.entries.to_string(),
            s.customers.to_string(),
        ]);
    }
    with_more(table, report.sites.len(), "sites")
}

fn with_more(table: Table, total: usize, what: &str) -> Vec<Block> {
    let mut blocks = vec![Block::Table(table)];
    if total > TOP {
        blocks.push(Block::Note(format!("And {} more {what}.", total - TOP)));
    }
    blocks
}

/// Where the ideas stand at the period's end; the changes of status in
/// the period, each step once; then the ideas raised in it, in one line.
fn movements(report: &Report) -> Vec<Block> {
    let mut blocks = vec![Block::Note(pipeline(report))];
    let (changed, more) = shown_movements(report);
    if changed.is_empty() {
        blocks.push(Block::Note(format!(
            "No idea changed status in {}.",
            report.period.label
        )));
    } else {
        let mut table = Table::new(vec![
            Column::left("id", "Id"),
            Column::left("title", "Idea"),
            Column::left("change", "Change"),
            Column::left("steps", "When and where"),
        ]);
        for m in changed {
            table.push(vec![
                m.id.clone().unwrap_or_default().to_string(),
                m.title.to_string(),
                change(m),
                steps(m),
            ]);
        }
        blocks.push(Block::Table(table));
    }
    if more > 0 {
        let noun = if more == 1 { "idea" } else { "ideas" };
        blocks.push(Block::Note(format!(
            "And {more} more {noun} that changed status, not as far along as those shown."
        )));
    }
    if let Some(raised) = raised(report) {
        blocks.push(Block::Note(raised));
    }
    blocks
}

/// `Where the 29 ideas raised by 2026-12-07 stand: new 18, exploring 2, …`.
pub(super) fn pipeline(report: &Report) -> String {
    let end = report.as_of.or(report.period.end);
    let by = end.map(|d| format!(" by {d}")).unwrap_or_default();
    let ideas: usize = report.pipeline.iter().map(|row| row.ideas).sum();
    let standing: Vec<String> = report
        .pipeline
        .iter()
        .map(|row| format!("{} {}", row.status, row.ideas))
        .collect();
    let noun = if ideas == 1 { "idea" } else { "ideas" };
    let verb = if ideas == 1 { "stands" } else { "stand" };
    format!(
        "Where the {ideas} {noun} raised{by} {verb}: {}.",
        standing.join(", ")
    )
}

/// The ideas that changed status that a page shows, in the report's
/// order, and how many more there are: at most [`TOP_MOVEMENTS`], those
/// that ended furthest along the statuses, then those whose last step was
/// latest.
pub(super) fn shown_movements(report: &Report) -> (Vec<&Movement>, usize) {
    let changed: Vec<&Movement> = report.movements.iter().filter(|m| changed(m)).collect();
    let rank = |m: &Movement| report.pipeline.iter().position(|row| row.status == m.to);
    let last_step = |m: &Movement| m.steps.last().map(|step| step.date);
    // Furthest along, then latest, first.
    first_in_place(changed, TOP_MOVEMENTS, |a, b| {
        (rank(b), last_step(b)).cmp(&(rank(a), last_step(a)))
    })
}

/// The first `count` of `rows` by `first`, earlier rows first among
/// equals, left in their order in `rows`; and how many were left out.
fn first_in_place<T>(
    rows: Vec<&T>,
    count: usize,
    first: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> (Vec<&T>, usize) {
    let more = rows.len().saturating_sub(count);
    if more == 0 {
        return (rows, 0);
    }
    let mut placed: Vec<(usize, &T)> = rows.into_iter().enumerate().collect();
    // A stable sort: among equals, the earlier row stays first.
    placed.sort_by(|(_, a), (_, b)| first(a, b));
    placed.truncate(count);
    placed.sort_by_key(|&(place, _)| place);
    (placed.into_iter().map(|(_, row)| row).collect(), more)
}

/// Whether an idea changed status in the period, beyond being raised.
fn changed(movement: &Movement) -> bool {
    movement.steps.iter().any(|step| step.from.is_some())
}

/// `new → planned`, or `planned → exploring → planned`: where it stood
/// before the period (or where it was raised, in the period), then each
/// status it moved to.
pub(super) fn change(movement: &Movement) -> String {
    let from = movement
        .from
        .clone()
        .or_else(|| movement.steps.first().map(|step| step.to.to_string()))
        .unwrap_or_default();
    let mut chain = vec![from.as_str()];
    for step in movement.steps.iter().filter(|step| step.from.is_some()) {
        chain.push(&step.to);
    }
    chain.join(" → ")
}

/// `2026-10-28 planned at Jewel-Osco, Chicago; …`: each change of status,
/// when and where; written into one string, as a year of a large journal
/// has tens of thousands of steps.
fn steps(movement: &Movement) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    for step in movement.steps.iter().filter(|step| step.from.is_some()) {
        if !text.is_empty() {
            text.push_str("; ");
        }
        let _ = write!(text, "{}", step_words(step));
    }
    text
}

/// `2026-10-28 planned at Jewel-Osco, Chicago`.
pub(super) fn step_words(step: &Step) -> String {
    format!("{} {} at {}", step.date, step.to, step.site)
}

/// `Raised for the first time in 2026Q4: 5 ideas, now at new (4) and
/// building (1); the Ideas table gives the day each was raised.`
pub(super) fn raised(report: &Report) -> Option<String> {
    let raised: Vec<&Movement> = report
        .movements
        .iter()
        .filter(|m| m.from.is_none())
        .collect();
    if raised.is_empty() {
        return None;
    }
    let standing: Vec<String> = report
        .pipeline
        .iter()
        .filter_map(|row| {
            let n = raised.iter().filter(|m| m.to == row.status).count();
            (n > 0).then(|| format!("{} ({n})", row.status))
        })
        .collect();
    let noun = if raised.len() == 1 { "idea" } else { "ideas" };
    Some(format!(
        "Raised for the first time in {}: {} {noun}, now at {}; the Ideas table gives the day each was raised.",
        report.period.label,
        raised.len(),
        and_list(&standing)
    ))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn ideas(report: &Report) -> Vec<Block> {
    if report.ideas.is_empty() {
        return vec![Block::Note("No ideas were mentioned.".into())];
    }
    let mut table = Table::new(vec![
        Column::left("id", "Id"),
        Column::left("title", "Idea"),
        Column::left("status", "Status"),
        Column::left("owner", "Owner"),
        Column::right("mentions", "Mentions"),
        Column::right("customers", "Customers"),
        Column::left("raised", "Raised"),
        Column::left("last_date", "Last mentioned"),
    ]);
    for i in report.ideas.iter().take(TOP_IDEAS) {
        table.push(vec![
            i.id.clone().unwrap_or_default().to_string(),
            i.title.to_string(),
            i.status.clone(),
            i.owner.clone().unwrap_or_default().to_string(),
            i.mentions.to_string(),
            i.customers.to_string(),
            i.raised.to_string(),
            i.last_date.to_string(),
        ]);
    }
    let mut blocks = vec![Block::Table(table)];
    let more = report.ideas.len().saturating_sub(TOP_IDEAS);
    if more > 0 {
        let noun = if more == 1 { "idea" } else { "ideas" };
        blocks.push(Block::Note(format!(
            "And {more} more {noun}, of narrower reach."
        )));
    }
    blocks
}

fn coverage(report: &Report) -> Vec<Block> {
    let mut blocks = vec![Block::Note(format!(
        "Entries and hours in {}. Targets are yearly and judged on all of a person's entries from {} ({:.0}% of the fiscal year); on track means at least that share of the target.",
        report.period.label,
        span(&report.coverage_period).replacen("From ", "", 1),
        report.coverage_share * 100.0
    ))];
    if report.coverage.is_empty() {
        blocks.push(Block::Note(
            "Nobody to show: list people with a group in insight.yaml, and give the group `targets:`.".into(),
        ));
        return blocks;
    }
    let mut table = Table::new(vec![
        Column::left("person", "Person"),
        Column::left("group", "Group"),
        Column::right("entries", "Entries"),
        Column::right("hours", "Hours"),
        Column::left("target", "Toward target"),
        Column::left("standing", "Status"),
    ]);
    let (shown, more) = shown_coverage(report);
    for c in shown {
        table.push(vec![
            c.person.clone(),
            match (&c.group, c.in_settings) {
                (Some(group), _) => group.clone(),
                (None, true) => String::new(),
                (None, false) => "not in insight.yaml".into(),
            },
            c.entries.to_string(),
            number(c.hours),
            super::progress(
                c.year_entries,
                c.year_hours,
                c.target_entries,
                c.target_hours,
            ),
            c.standing.to_string(),
        ]);
    }
    blocks.push(Block::Table(table));
    if more > 0 {
        let noun = if more == 1 { "person" } else { "people" };
        blocks.push(Block::Note(format!(
            "And {more} more {noun}, each as far toward their target as those shown or further, or without one."
        )));
    }
    blocks
}

/// The people of the coverage that a page shows, in the report's order,
/// and how many more there are: at most [`TOP_PEOPLE`], those behind their
/// target first, then on track, then met, then without a target, each
/// furthest from their target first.
pub(crate) fn shown_coverage(report: &Report) -> (Vec<&CoverageRow>, usize) {
    let standing = |c: &CoverageRow| match c.standing {
        "behind" => 0,
        "on track" => 1,
        "met" => 2,
        _ => 3,
    };
    let done = |c: &CoverageRow| share_of_target(c).unwrap_or(f64::INFINITY);
    let rows = report.coverage.iter().collect();
    first_in_place(rows, TOP_PEOPLE, |a, b| {
        (standing(a).cmp(&standing(b))).then(done(a).total_cmp(&done(b)))
    })
}

fn quotes(report: &Report) -> Vec<Block> {
    if report.quotes.is_empty() {
        return vec![Block::Note("No block quotes in these entries.".into())];
    }
    vec![Block::Quotes(
        report
            .quotes
            .iter()
            .map(|q| Quoted {
                text: q.text.clone(),
                source: format!("{}, {}", q.date, q.site),
            })
            .collect(),
    )]
}

fn trend(report: &Report, page: &Page) -> Vec<Block> {
    if report.trend.is_empty() {
        return vec![Block::Note("No entries.".into())];
    }
    let mut columns = vec![
        Column::left("label", bucket_title(report)),
        Column::right("entries", "Entries"),
    ];
    if page.bars {
        columns.push(Column::left("bar", ""));
    }
    let mut table = Table::new(columns);
    let most = report.trend.iter().map(|t| t.entries).max().unwrap_or(0);
    for t in &report.trend {
        let mut row = vec![t.label.clone(), trend_count(t)];
        if page.bars {
            row.push(bar(t.entries, most));
        }
        table.push(row);
    }
    vec![Block::Table(table)]
}

/// A bucket's entries, or `not yet` for one that starts after the day the
/// report is counted to: nothing in it could be counted.
pub(super) fn trend_count(row: &TrendRow) -> String {
    if row.upcoming {
        "not yet".to_string()
    } else {
        row.entries.to_string()
    }
}

/// What one row of the trend counts: `week`, `month` or `year`.
pub(super) fn bucket_name(report: &Report) -> &'static str {
    let label = report.trend.first().map_or("", |t| t.label.as_str());
    if label.contains("..") {
        "week"
    } else if label.len() == 4 {
        "year"
    } else {
        "month"
    }
}

/// The trend table's first heading: `Week`, `Month` or `Year`.
pub(super) fn bucket_title(report: &Report) -> &'static str {
    match bucket_name(report) {
        "week" => "Week",
        "year" => "Year",
        _ => "Month",
    }
}

/// A bar as long as `value` is against `most`; anything above zero shows.
fn bar(value: usize, most: usize) -> String {
    if value == 0 || most == 0 {
        return String::new();
    }
    let length = (value * BAR_WIDTH).div_ceil(most).max(1);
    "█".repeat(length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(bar(0, 5), "");
        assert_eq!(bar(5, 5).chars().count(), BAR_WIDTH);
        assert_eq!(bar(1, 100).chars().count(), 1);
    }

    #[test]
    fn changes_carry_a_sign() {
        assert_eq!(signed(3.0), "+3");
        assert_eq!(signed(-1.5), "-1.5");
        assert_eq!(signed(0.0), "0");
    }
}
