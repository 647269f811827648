//! The report as one self-contained HTML page with charts: the only module
//! that writes HTML. The page is drawn by the askama template
//! `templates/report.html`, which escapes every value it is given, so text
//! from the journal (a site named `<script>`, a quote holding `</svg>`) can
//! only ever show as text.
//!
//! The page is the Markdown report's own (`super::report::page_of`), so
//! the two formats cannot disagree about a number; this module adds the
//! charts, marks quotes and idea titles with their language, and lays out a
//! few tables more richly (the steps of an idea, the trend beside the
//! previous period's).

mod charts;
mod language;

use askama::Template;

use super::document::{Block, Section};
use super::report::{self as text, Page};
use super::table::{Align, Table};
use crate::aggregate::report::Report;
use crate::error::{Error, Result};
use charts::Chart;

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage<'a> {
    journal: &'a str,
    lang: &'static str,
    title: String,
    /// The Markdown page's notes under its title: the period, what it is
    /// compared with, the filters.
    subtitle: Vec<String>,
    sections: Vec<HtmlSection>,
}

/// The report's header and sections alone, for a page of the site to hold.
#[derive(Template)]
#[template(path = "report-body.html")]
struct ReportBody {
    title: String,
    subtitle: Vec<String>,
    sections: Vec<HtmlSection>,
}

/// Where the names on a report page lead. The page alone links nowhere
/// ([`NoLinks`]); on the site, each idea, tag, person and quoted entry
/// links to its own page.
pub trait Links: Sync {
    /// The page named by the cell in `column` of a table's row, whose
    /// cells `row` gives by column key (an idea's title needs its id).
    fn cell(&self, column: &str, row: &[(&str, &str)]) -> Option<String>;
    /// The page of the entry at `path`.
    fn entry(&self, path: &str) -> Option<String>;
}

/// The page alone: nothing to link to.
pub struct NoLinks;

impl Links for NoLinks {
    fn cell(&self, _: &str, _: &[(&str, &str)]) -> Option<String> {
        None
    }
    fn entry(&self, _: &str) -> Option<String> {
        None
    }
}

/// A report drawn for a page of the site: its title, and its header and
/// sections as HTML.
pub struct ReportHtml {
    pub title: String,
    pub html: String,
}

/// The lines that mark a page as a report of `journal`, in the page's head.
#[derive(Template)]
#[template(path = "signature.html")]
struct Signature<'a> {
    journal: &'a str,
}

struct HtmlSection {
    /// The anchor the contents link to: `ideas-that-moved`.
    id: String,
    title: String,
    /// Drawn after the first `chart_after` blocks (a note that explains
    /// it), before the rest: the picture first, the figures after it.
    chart: Option<Chart>,
    chart_after: usize,
    blocks: Vec<HtmlBlock>,
}

enum HtmlBlock {
    Table(HtmlTable),
    Note(String),
    /// The report's summary: read first, so set in the text's own colour.
    Lead(String),
    Quotes(Vec<HtmlQuote>),
    Fields(Vec<(String, String)>),
    /// Lines shown as they are.
    Code(String),
}

struct HtmlTable {
    columns: Vec<HtmlColumn>,
    rows: Vec<Vec<Cell>>,
    /// Many columns: on a phone each row is set as a card of label and value.
    wide: bool,
}

struct HtmlColumn {
    title: String,
    /// `num` for figures (right-aligned); `short` for a word or a date, which
    /// shares a line with others on a phone's card; else empty.
    class: &'static str,
}

impl HtmlColumn {
    fn new(key: &str, title: impl Into<String>, align: Align) -> HtmlColumn {
        let class = match (align, key) {
            (Align::Right, _) => "num",
            (_, "status" | "standing" | "from" | "to" | "owner" | "group" | "target") => "short",
            (_, key) if key.ends_with("date") => "short",
            _ => "",
        };
        HtmlColumn {
            title: title.into(),
            class,
        }
    }
}

struct Cell {
    /// Shown one under the other.
    lines: Vec<Line>,
    lang: Option<&'static str>,
    /// The page the cell names, on a site.
    href: Option<String>,
}

/// A line of a cell: text kept on one line (a date: browsers break after
/// its hyphens), then text that may wrap.
struct Line {
    keep: String,
    rest: String,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            lines: vec![Line {
                keep: String::new(),
                rest: text.into(),
            }],
            lang: None,
            href: None,
        }
    }

    /// A date, or anything else that must not break.
    fn unbroken(text: impl Into<String>) -> Cell {
        Cell {
            lines: vec![Line {
                keep: text.into(),
                rest: String::new(),
            }],
            lang: None,
            href: None,
        }
    }

    /// Words from the journal, marked with their language when it is evident.
    fn words(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            lang: language::marked(&text),
            ..Cell::text(text)
        }
    }
}

struct HtmlQuote {
    text: String,
    source: String,
    lang: Option<&'static str>,
    /// The page of the entry it comes from, on a site.
    href: Option<String>,
}

/// Tables with more columns than this become cards on a narrow screen.
const NARROW_COLUMNS: usize = 4;

/// The whole page. Deterministic: the same report gives the same bytes.
pub fn report(report: &Report, page: &Page) -> Result<String> {
    let drawn = drawn(report, page, &NoLinks);
    ReportPage {
        journal: &report.journal,
        lang: language::PAGE,
        title: drawn.title,
        subtitle: drawn.subtitle,
        sections: drawn.sections,
    }
    .render()
    .map_err(cannot_draw)
}

/// The report's header and sections for a page of the site, its names
/// leading where `links` says.
pub fn report_body(report: &Report, page: &Page, links: &dyn Links) -> Result<ReportHtml> {
    let body = drawn(report, page, links);
    let title = body.title.clone();
    let html = body.render().map_err(cannot_draw)?;
    Ok(ReportHtml { title, html })
}

/// The page's parts: the Markdown page's own, with charts and links.
fn drawn(report: &Report, page: &Page, links: &dyn Links) -> ReportBody {
    // Bars of block characters are for terminals; the page draws its own.
    let page = Page {
        bars: false,
        scope: page.scope,
    };
    let document = text::page_of(report, &page);
    ReportBody {
        title: document.title,
        subtitle: document
            .intro
            .into_iter()
            .filter_map(|block| match block {
                Block::Note(text) => Some(text),
                _ => None,
            })
            .collect(),
        sections: document
            .sections
            .into_iter()
            .map(|section| html_section(section, report, links))
            .collect(),
    }
}

fn cannot_draw(error: askama::Error) -> Error {
    Error::new(format!("cannot draw the HTML report: {error}"))
}

/// The language of words from the journal, when it is evident: for a
/// quote or a title on a page of the site, marked as the report marks them.
pub fn language_of(text: &str) -> Option<&'static str> {
    language::marked(text)
}

/// What an HTML report of `journal` holds in its head, to tell an earlier
/// report (which may be replaced) from any other file.
pub fn signature(journal: &str) -> Option<String> {
    Signature { journal }.render().ok()
}

/// A section of the Markdown page, with its chart, and the tables that the
/// page lays out more richly than Markdown can.
fn html_section(section: Section, report: &Report, links: &dyn Links) -> HtmlSection {
    let mut blocks: Vec<HtmlBlock> = section
        .blocks
        .into_iter()
        .map(|block| html_block(block, links))
        .collect();
    let chart = match section.title.as_str() {
        "Summary" => {
            for block in &mut blocks {
                if let HtmlBlock::Note(text) = block {
                    *block = HtmlBlock::Lead(std::mem::take(text));
                }
            }
            None
        }
        "By kind" => charts::kinds(report),
        "Ideas that moved" => {
            // The changes' table, with each step on a line of its own.
            for block in &mut blocks {
                if matches!(block, HtmlBlock::Table(_)) {
                    *block = HtmlBlock::Table(movements(report, links));
                }
            }
            charts::pipeline(report)
        }
        "Coverage" => charts::coverage(report),
        "Voice of the customer" => {
            link_quotes(&mut blocks, report, links);
            None
        }
        "Trend" => {
            if !report.trend.is_empty() && !report.previous_trend.is_empty() {
                blocks = vec![HtmlBlock::Table(trend(report))];
            }
            charts::trend(report)
        }
        _ => None,
    };
    // The coverage note says what the targets are, which the chart needs.
    let chart_after = usize::from(section.title == "Coverage");
    HtmlSection {
        id: anchor(&section.title),
        title: section.title,
        chart,
        chart_after,
        blocks,
    }
}

fn html_block(block: Block, links: &dyn Links) -> HtmlBlock {
    match block {
        Block::Table(table) => HtmlBlock::Table(html_table(table, links)),
        Block::Note(text) => HtmlBlock::Note(text),
        Block::Quotes(quotes) => HtmlBlock::Quotes(
            quotes
                .into_iter()
                .map(|q| HtmlQuote {
                    lang: language::marked(&q.text),
                    text: q.text,
                    source: q.source,
                    href: None,
                })
                .collect(),
        ),
        Block::Fields(fields) => HtmlBlock::Fields(fields),
        Block::Code(lines) => HtmlBlock::Code(lines.join("\n")),
    }
}

/// Each quote of the report leads to the entry it comes from: the quotes
/// of the section are the report's own, in its order.
fn link_quotes(blocks: &mut [HtmlBlock], report: &Report, links: &dyn Links) {
    for block in blocks {
        if let HtmlBlock::Quotes(quotes) = block {
            for (quote, row) in quotes.iter_mut().zip(&report.quotes) {
                quote.href = links.entry(&row.path);
            }
        }
    }
}

fn html_table(table: Table, links: &dyn Links) -> HtmlTable {
    // Idea titles are the customers' and the team's own words, in any language.
    let make: Vec<fn(String) -> Cell> = table
        .columns
        .iter()
        .map(|c| match c.key {
            "title" => Cell::words,
            "first_date" | "last_date" | "raised" | "date" | "label" => Cell::unbroken,
            _ => Cell::text,
        })
        .collect();
    let keys: Vec<&'static str> = table.columns.iter().map(|c| c.key).collect();
    HtmlTable {
        wide: table.columns.len() > NARROW_COLUMNS,
        columns: table
            .columns
            .into_iter()
            .map(|c| HtmlColumn::new(c.key, c.title, c.align))
            .collect(),
        rows: table
            .rows
            .into_iter()
            .map(|row| {
                let keyed: Vec<(&str, &str)> = keys
                    .iter()
                    .copied()
                    .zip(row.iter().map(String::as_str))
                    .collect();
                let hrefs: Vec<Option<String>> =
                    keys.iter().map(|key| links.cell(key, &keyed)).collect();
                row.into_iter()
                    .zip(&make)
                    .zip(hrefs)
                    .map(|((cell, make), href)| Cell { href, ..make(cell) })
                    .collect()
            })
            .collect(),
    }
}

/// The ideas that changed status, each step on a line of its own: its date
/// kept whole, then the status and the site.
fn movements(report: &Report, links: &dyn Links) -> HtmlTable {
    let columns = [
        ("id", "Id"),
        ("title", "Idea"),
        ("change", "Change"),
        ("steps", "When and where"),
    ];
    HtmlTable {
        wide: true,
        columns: columns
            .into_iter()
            .map(|(key, title)| HtmlColumn::new(key, title, Align::Left))
            .collect(),
        rows: text::shown_movements(report)
            .0
            .into_iter()
            .map(|m| {
                let id = m.id.as_deref().unwrap_or_default();
                let row = [("id", id), ("title", m.title.as_str())];
                vec![
                    Cell {
                        href: links.cell("id", &row),
                        ..Cell::text(id)
                    },
                    Cell {
                        href: links.cell("title", &row),
                        ..Cell::words(m.title.clone())
                    },
                    Cell::unbroken(text::change(m)),
                    Cell {
                        lines: m
                            .steps
                            .iter()
                            .filter(|step| step.from.is_some())
                            .map(|step| Line {
                                keep: step.date.to_string(),
                                rest: format!("{} at {}", step.to, step.site),
                            })
                            .collect(),
                        lang: None,
                        href: None,
                    },
                ]
            })
            .collect(),
    }
}

/// The trend beside the previous period's, bucket for bucket.
fn trend(report: &Report) -> HtmlTable {
    let unit = text::bucket_title(report);
    let previous = report
        .previous_period
        .as_ref()
        .map_or(String::new(), |p| p.label.clone());
    HtmlTable {
        wide: false,
        columns: vec![
            HtmlColumn::new("label", unit, Align::Left),
            HtmlColumn::new("entries", "Entries", Align::Right),
            HtmlColumn::new(
                "previous_label",
                format!("{unit} in {previous}"),
                Align::Left,
            ),
            HtmlColumn::new(
                "previous_entries",
                format!("Entries in {previous}"),
                Align::Right,
            ),
        ],
        rows: report
            .trend
            .iter()
            .enumerate()
            .map(|(i, now)| {
                let before = report.previous_trend.get(i);
                vec![
                    Cell::unbroken(now.label.clone()),
                    Cell::text(text::trend_count(now)),
                    Cell::unbroken(before.map(|b| b.label.clone()).unwrap_or_default()),
                    Cell::text(before.map(|b| b.entries.to_string()).unwrap_or_default()),
                ]
            })
            .collect(),
    }
}

/// `Ideas that moved` → `ideas-that-moved`.
fn anchor(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_plain() {
        assert_eq!(anchor("Ideas that moved"), "ideas-that-moved");
        assert_eq!(anchor("Voice of the customer"), "voice-of-the-customer");
    }

    #[test]
    fn the_signature_escapes_the_name() {
        assert_eq!(
            signature("R&D \"lab\" <x>").unwrap(),
            "<meta name=\"generator\" content=\"insight\">\n<meta name=\"insight-journal\" content=\"R&#38;D &#34;lab&#34; &#60;x&#62;\">"
        );
    }
}
