//! The quarterly report: a pure function from the journal's entries and a
//! period to plain data. Renderers draw it; JSON shows it as it is.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeSet;

use super::ideas::{self, IdeaKeys};
use super::people::{self, PersonSummary};
use super::quotes::{self, Quote};
use super::{TagCount, tag_counts};
use crate::config::Config;
use crate::entry::Entry;
use crate::period::{Calendar, Period};
use crate::query::{self, Filter, Order};
use crate::record::whole_or_fraction_f64;

/// What the report is about. `filter` holds the user's filters without the period.
pub struct ReportInput<'a> {
    pub name: String,
    pub config: &'a Config,
    /// Every entry of the journal, sorted by date: history for idea statuses.
    pub entries: &'a [Entry],
    pub filter: &'a Filter,
    pub period: &'a Period,
    pub today: Date,
    pub quotes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub journal: String,
    pub period: PeriodRecord,
    pub totals: Totals,
    /// The previous period of the same length; `None` for an open-ended period.
    pub previous: Option<Totals>,
    /// Its label and dates, for renderers; not part of the JSON.
    #[serde(skip)]
    pub previous_period: Option<PeriodRecord>,
    pub kinds: Vec<KindRow>,
    pub tags: Vec<TagCount>,
    pub sites: Vec<SiteRow>,
    pub ideas: Vec<IdeaRow>,
    pub coverage: Vec<CoverageRow>,
    /// The fiscal-year window coverage counts in; not part of the JSON.
    #[serde(skip)]
    pub coverage_period: PeriodRecord,
    pub quotes: Vec<QuoteRow>,
    pub trend: Vec<TrendRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRecord {
    pub label: String,
    /// `None` for a period open at that end (`..2026-06-30`).
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl From<&Period> for PeriodRecord {
    fn from(p: &Period) -> Self {
        PeriodRecord {
            label: p.label.clone(),
            start: (p.start != Date::MIN).then_some(p.start),
            end: (p.end != Date::MAX).then_some(p.end),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub entries: usize,
    /// Distinct people who went out.
    pub people: usize,
    pub customers: u64,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
    /// Distinct sites.
    pub sites: usize,
    /// Distinct ideas mentioned.
    pub ideas: usize,
    /// Ideas whose first mention ever falls in the period.
    pub new_ideas: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindRow {
    pub kind: String,
    pub entries: usize,
    pub customers: u64,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteRow {
    pub site: String,
    pub entries: usize,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaRow {
    pub id: Option<String>,
    pub title: String,
    pub status: String,
    pub mentions: usize,
    pub customers: u64,
    pub first_date: Date,
    pub last_date: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub person: String,
    pub group: Option<String>,
    pub entries: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
    pub target_entries: Option<f64>,
    pub target_hours: Option<f64>,
    pub met: Option<bool>,
    /// Listed in `insight.yaml`; for renderers, not part of the JSON.
    #[serde(skip)]
    pub in_settings: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRow {
    pub text: String,
    pub date: Date,
    pub site: String,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    pub label: String,
    pub entries: usize,
}

pub fn build(input: &ReportInput) -> Report {
    let calendar = Calendar::new(input.config.fiscal_year_start);
    let keys = IdeaKeys::new(input.entries);
    let first_mentions = ideas::first_mentions(input.entries, &keys);
    let in_period = |period: &Period| {
        let filter = Filter {
            period: Some(period.clone()),
            ..input.filter.clone()
        };
        query::select(input.entries, &filter, Order::default())
    };
    let selected = in_period(input.period);
    let totals_of = |entries: &[&Entry], period: &Period| {
        let mentioned: BTreeSet<_> = entries
            .iter()
            .flat_map(|e| &e.ideas)
            .map(|i| keys.key(i))
            .collect();
        let new_ideas = mentioned
            .iter()
            .filter(|key| first_mentions.get(key).is_some_and(|d| period.contains(*d)))
            .count();
        Totals {
            entries: entries.len(),
            people: distinct(entries.iter().flat_map(|e| &e.people)),
            customers: entries.iter().map(|e| e.customers).sum(),
            hours: entries.iter().filter_map(|e| e.hours).sum(),
            sites: distinct(entries.iter().map(|e| &e.site)),
            ideas: mentioned.len(),
            new_ideas,
        }
    };
    let previous_period = input.period.previous(calendar);
    let previous = previous_period
        .as_ref()
        .map(|p| totals_of(&in_period(p), p));
    let statuses = ideas::current_statuses(input.entries, &keys);
    let coverage_window = coverage_window(input, calendar);
    Report {
        journal: input.name.clone(),
        period: input.period.into(),
        totals: totals_of(&selected, input.period),
        previous,
        previous_period: previous_period.as_ref().map(PeriodRecord::from),
        kinds: kinds(&selected, input.config),
        tags: tag_counts(&selected),
        sites: sites(&selected),
        ideas: ideas::summarize(&selected, &keys, &statuses, input.config.default_status())
            .into_iter()
            .map(|i| IdeaRow {
                id: i.id,
                title: i.title,
                status: i.status,
                mentions: i.mentions,
                customers: i.customers,
                first_date: i.first_date,
                last_date: i.last_date,
            })
            .collect(),
        coverage: coverage(&in_period(&coverage_window), &selected, input.config),
        coverage_period: (&coverage_window).into(),
        quotes: quotes::quotes(&selected)
            .into_iter()
            .take(input.quotes)
            .map(
                |Quote {
                     text,
                     date,
                     site,
                     path,
                     ..
                 }| QuoteRow {
                    text,
                    date,
                    site,
                    path,
                },
            )
            .collect(),
        trend: trend(&selected, input.period, calendar),
    }
}

fn distinct<'a>(names: impl Iterator<Item = &'a String>) -> usize {
    names
        .map(|n| n.trim().to_lowercase())
        .collect::<BTreeSet<_>>()
        .len()
}

fn kinds(entries: &[&Entry], config: &Config) -> Vec<KindRow> {
    config
        .kinds
        .iter()
        .map(|kind| {
            let of_kind: Vec<&&Entry> = entries.iter().filter(|e| &e.kind == kind).collect();
            KindRow {
                kind: kind.clone(),
                entries: of_kind.len(),
                customers: of_kind.iter().map(|e| e.customers).sum(),
                hours: of_kind.iter().filter_map(|e| e.hours).sum(),
            }
        })
        .collect()
}

/// Sites, most entries first; the same site in another case is the same site.
fn sites(entries: &[&Entry]) -> Vec<SiteRow> {
    let mut rows: Vec<SiteRow> = Vec::new();
    for entry in entries {
        match rows
            .iter_mut()
            .find(|r| r.site.to_lowercase() == entry.site.to_lowercase())
        {
            Some(row) => {
                row.entries += 1;
                row.customers += entry.customers;
            }
            None => rows.push(SiteRow {
                site: entry.site.clone(),
                entries: 1,
                customers: entry.customers,
            }),
        }
    }
    rows.sort_by(|a, b| {
        (b.entries, b.customers)
            .cmp(&(a.entries, a.customers))
            .then_with(|| a.site.cmp(&b.site))
    });
    rows
}

/// From the start of the fiscal year the period ends in, to the period's end
/// (today, for a period with no end).
fn coverage_window(input: &ReportInput, calendar: Calendar) -> Period {
    let end = if input.period.end == Date::MAX {
        input.today
    } else {
        input.period.end
    };
    let start = calendar
        .year(calendar.fiscal_year_of(end))
        .map_or(end, |y| y.start);
    Period::days(start, end)
}

/// Everyone in `insight.yaml` whose group has a target, counted over the fiscal
/// year to date; then everyone else who went out in the period (people in
/// `insight.yaml` without a target first, then those not in it).
fn coverage(year_to_date: &[&Entry], in_period: &[&Entry], config: &Config) -> Vec<CoverageRow> {
    let row = |p: PersonSummary| CoverageRow {
        person: p.person,
        group: p.group,
        entries: p.entries,
        hours: p.hours,
        target_entries: p.target_entries,
        target_hours: p.target_hours,
        met: p.met,
        in_settings: p.in_settings,
    };
    let went_out: Vec<PersonSummary> = people::people(in_period, config)
        .into_iter()
        .filter(|p| p.entries > 0)
        .collect();
    let went_out_in_period = |name: &str| went_out.iter().any(|p| same_person(&p.person, name));
    let mut rows: Vec<PersonSummary> = people::people(year_to_date, config)
        .into_iter()
        .filter(|p| p.met.is_some() || went_out_in_period(&p.person))
        .collect();
    // Someone out in the period but not in the year to date (a period that
    // starts in an earlier fiscal year) is shown with the period's figures.
    for person in went_out {
        if !rows.iter().any(|r| same_person(&r.person, &person.person)) {
            rows.push(person);
        }
    }
    rows.sort_by_key(|p| (p.met.is_none(), !p.in_settings));
    rows.into_iter().map(row).collect()
}

/// Names are the same person regardless of case (`ÉMILE` is `émile`).
fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn trend(entries: &[&Entry], period: &Period, calendar: Calendar) -> Vec<TrendRow> {
    let dates = (
        entries.first().map(|e| e.date),
        entries.last().map(|e| e.date),
    );
    let Some(span) = period.span_for(dates.0, dates.1) else {
        return Vec::new();
    };
    span.buckets(calendar)
        .into_iter()
        .map(|bucket| TrendRow {
            entries: entries.iter().filter(|e| bucket.contains(e.date)).count(),
            label: bucket.label,
        })
        .collect()
}
