//! Draws a [`Report`] as a terminal page or a Markdown page. Both come from one
//! list of sections, so the two never disagree about what a report says.

use super::{Column, Table, escape_controls, markdown_table, number, text_table};
use crate::aggregate::report::{PeriodRecord, QuoteRow, Report, Totals};

/// How many tags and sites a page shows; JSON has them all.
const TOP: usize = 10;
const BAR_WIDTH: usize = 24;

enum Block {
    Table(Table),
    Quotes(Vec<QuoteRow>),
    Note(String),
}

struct Section {
    title: String,
    blocks: Vec<Block>,
}

/// Settings that differ between a terminal and a file.
pub struct Page<'a> {
    /// Draw bars beside counts (terminals only).
    pub bars: bool,
    /// A sentence saying which entries the report covers, when filtered.
    pub scope: Option<&'a str>,
}

pub fn markdown(report: &Report, page: &Page) -> String {
    let mut out = format!(
        "# {}: {}\n\n{}\n",
        escape_controls(&report.journal, false),
        report.period.label,
        subtitle(report, page)
    );
    for section in sections(report, page) {
        out.push_str(&format!("\n## {}\n", section.title));
        for block in section.blocks {
            out.push('\n');
            match block {
                Block::Table(table) => out.push_str(&markdown_table(&table)),
                Block::Note(text) => out.push_str(&format!("{text}\n")),
                Block::Quotes(quotes) => {
                    let quoted: Vec<String> = quotes
                        .iter()
                        .map(|q| {
                            let (text, site) = (quoted(&q.text), quoted(&q.site));
                            format!("> {text}\n>\n> — {}, {site}\n", q.date)
                        })
                        .collect();
                    out.push_str(&quoted.join("\n"));
                }
            }
        }
    }
    out
}

pub fn text(report: &Report, page: &Page, width: Option<u16>, color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let journal = escape_controls(&report.journal, false);
    let mut out = format!(
        "{}\n{}\n",
        bold(&format!("{journal}: {}", report.period.label)),
        subtitle(report, page)
    );
    for section in sections(report, page) {
        out.push_str(&format!("\n{}\n", bold(&section.title)));
        for block in section.blocks {
            match block {
                Block::Table(table) => out.push_str(&text_table(&table, width, color)),
                Block::Note(text) => out.push_str(&format!("{text}\n")),
                Block::Quotes(quotes) => {
                    for q in quotes {
                        let text = super::wrap(&format!("“{}”", quoted(&q.text)), width);
                        let site = quoted(&q.site);
                        out.push_str(&format!("{text}\n    — {}, {site}\n", q.date));
                    }
                }
            }
        }
    }
    out
}

/// A quote or site on one line, control characters shown as escapes.
fn quoted(text: &str) -> String {
    escape_controls(text, false).into_owned()
}

fn subtitle(report: &Report, page: &Page) -> String {
    let mut line = span(&report.period);
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

fn span(period: &PeriodRecord) -> String {
    match (period.start, period.end) {
        (None, None) => "All dates".into(),
        (None, Some(end)) => format!("Up to {end}"),
        (Some(start), None) => format!("From {start}"),
        (Some(start), Some(end)) if start == end => start.to_string(),
        (Some(start), Some(end)) => format!("{start} to {end}"),
    }
}

fn sections(report: &Report, page: &Page) -> Vec<Section> {
    vec![
        Section {
            title: "Totals".into(),
            blocks: vec![Block::Table(totals(report))],
        },
        Section {
            title: "By kind".into(),
            blocks: vec![Block::Table(kinds(report))],
        },
        Section {
            title: "Tags".into(),
            blocks: tags(report, page),
        },
        Section {
            title: "Sites".into(),
            blocks: sites(report),
        },
        Section {
            title: "Ideas".into(),
            blocks: ideas(report),
        },
        Section {
            title: format!("Coverage, {}", span(&report.coverage_period)),
            blocks: coverage(report),
        },
        Section {
            title: "Voice of the customer".into(),
            blocks: quotes(report),
        },
        Section {
            title: "Trend".into(),
            blocks: trend(report, page),
        },
    ]
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
            t.new_ideas as f64,
        ]
    };
    let names = [
        "Entries",
        "People who went out",
        "Customers spoken to",
        "Hours",
        "Sites",
        "Ideas mentioned",
        "New ideas",
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

fn signed(change: f64) -> String {
    if change > 0.0 {
        format!("+{}", number(change))
    } else {
        number(change)
    }
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
            s.site.clone(),
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

fn ideas(report: &Report) -> Vec<Block> {
    if report.ideas.is_empty() {
        return vec![Block::Note("No ideas were mentioned.".into())];
    }
    let mut table = Table::new(vec![
        Column::left("id", "Id"),
        Column::left("title", "Idea"),
        Column::left("status", "Status"),
        Column::right("mentions", "Mentions"),
        Column::right("customers", "Customers"),
        Column::left("first_date", "First"),
        Column::left("last_date", "Last"),
    ]);
    for i in &report.ideas {
        table.push(vec![
            i.id.clone().unwrap_or_default(),
            i.title.clone(),
            i.status.clone(),
            i.mentions.to_string(),
            i.customers.to_string(),
            i.first_date.to_string(),
            i.last_date.to_string(),
        ]);
    }
    vec![Block::Table(table)]
}

fn coverage(report: &Report) -> Vec<Block> {
    if report.coverage.is_empty() {
        return vec![Block::Note(
            "Nobody to show: list people with a group in insight.yaml, and give the group `targets:`.".into(),
        )];
    }
    let mut table = Table::new(vec![
        Column::left("person", "Person"),
        Column::left("group", "Group"),
        Column::right("entries", "Entries"),
        Column::right("hours", "Hours"),
        Column::left("target", "Target"),
        Column::left("met", "Met"),
    ]);
    for c in &report.coverage {
        table.push(vec![
            c.person.clone(),
            match (&c.group, c.in_settings) {
                (Some(group), _) => group.clone(),
                (None, true) => String::new(),
                (None, false) => "not in insight.yaml".into(),
            },
            c.entries.to_string(),
            number(c.hours),
            super::target(c.target_entries, c.target_hours),
            super::yes_no(c.met),
        ]);
    }
    vec![Block::Table(table)]
}

fn quotes(report: &Report) -> Vec<Block> {
    if report.quotes.is_empty() {
        return vec![Block::Note("No block quotes in these entries.".into())];
    }
    vec![Block::Quotes(report.quotes.clone())]
}

fn trend(report: &Report, page: &Page) -> Vec<Block> {
    if report.trend.is_empty() {
        return vec![Block::Note("No entries.".into())];
    }
    let weekly = report.trend.iter().any(|t| t.label.contains(".."));
    let mut columns = vec![
        Column::left("label", if weekly { "Week" } else { "Month" }),
        Column::right("entries", "Entries"),
    ];
    if page.bars {
        columns.push(Column::left("bar", ""));
    }
    let mut table = Table::new(columns);
    let most = report.trend.iter().map(|t| t.entries).max().unwrap_or(0);
    for t in &report.trend {
        let mut row = vec![t.label.clone(), t.entries.to_string()];
        if page.bars {
            row.push(bar(t.entries, most));
        }
        table.push(row);
    }
    vec![Block::Table(table)]
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
