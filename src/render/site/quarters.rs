//! The home page and a page per quarter: `insight report`'s page for the
//! quarter, built as the report command builds it, with every idea, tag,
//! person and quote a link to its own page.

use askama::Template;
use std::fmt;

use super::layout::{Chrome, Link, Part, Step, cannot_draw, plural};
use super::links::{BELOW, Root, TOP};
use super::plan::{Page, Site};
use crate::aggregate::report::{self, ReportInput};
use crate::error::Result;
use crate::query::Filter;
use crate::render::html;
use crate::render::report::Page as ReportOptions;

/// How many customer quotes a quarter's page shows, as `insight report` does.
const QUOTES: usize = 5;

#[derive(Template)]
#[template(path = "site/report.html")]
struct ReportPage {
    chrome: Chrome,
    /// The report's header and sections.
    report: String,
    /// On the home page, every quarter, newest first.
    quarters: Vec<QuarterLink>,
    older: Option<Step>,
    newer: Option<Step>,
}

struct QuarterLink {
    link: Link,
    /// `12 entries`.
    entries: String,
}

/// This quarter's report, and every quarter.
pub fn home(site: &Site, out: &mut dyn fmt::Write) -> Result<()> {
    let now = site.quarters.len() - 1;
    let drawn = drawn(site, now, TOP)?;
    ReportPage {
        chrome: site.chrome(drawn.title, TOP, Part::Home),
        report: drawn.html,
        quarters: (0..site.quarters.len())
            .rev()
            .map(|n| QuarterLink {
                link: Link::new(
                    site.quarters[n].label.clone(),
                    Some(site.href(TOP, Page::Quarter(n))),
                ),
                entries: plural(site.entries_in_quarter(n), "entry", "entries"),
            })
            .collect(),
        older: None,
        newer: None,
    }
    .render_into(out)
    .map_err(cannot_draw)
}

/// Quarter `n`'s report, with the quarters before and after it.
pub fn quarter(site: &Site, n: usize, out: &mut dyn fmt::Write) -> Result<()> {
    let drawn = drawn(site, n, BELOW)?;
    let step = |n: usize| Step {
        text: site.quarters[n].label.clone(),
        href: site.href(BELOW, Page::Quarter(n)),
    };
    ReportPage {
        chrome: site.chrome(drawn.title, BELOW, Part::Quarters),
        report: drawn.html,
        quarters: Vec::new(),
        older: n.checked_sub(1).map(step),
        newer: (n + 1 < site.quarters.len()).then(|| step(n + 1)),
    }
    .render_into(out)
    .map_err(cannot_draw)
}

/// Quarter `n`'s report as `insight report --quarter` draws it, for a page at `root`.
fn drawn(site: &Site, n: usize, root: Root) -> Result<html::ReportHtml> {
    let input = &site.input;
    let (report, _) = report::build(&ReportInput {
        name: input.name.clone(),
        config: input.config,
        entries: input.entries,
        filter: &Filter::default(),
        period: &site.quarters[n],
        today: input.today,
        quotes: QUOTES,
        body: input.body,
        history: Some(&site.history),
    });
    let options = ReportOptions {
        bars: false,
        scope: None,
    };
    html::report_body(&report, &options, &site.report_links(root))
}

impl Site<'_> {
    /// How many entries are dated in quarter `n`.
    fn entries_in_quarter(&self, n: usize) -> usize {
        let quarter = &self.quarters[n];
        let entries = self.input.entries;
        let first = entries.partition_point(|e| e.date < quarter.start);
        let after = entries.partition_point(|e| e.date <= quarter.end);
        after - first
    }
}
