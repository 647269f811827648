//! The quarterly report: a pure function from the journal's entries and a
//! period to plain data. Renderers draw it; JSON shows it as it is.

use jiff::civil::Date;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::ideas::{self, Details, IdeaSummary, Movement, PipelineRow};
use super::people::{self, PersonSummary, YearToDate};
use super::quotes::{self, Quote};
use super::summary;
use super::{TagCount, tag_counts};
use crate::aggregate::history::History;
use crate::aggregate::history::Story;
use crate::aggregate::record::whole_or_fraction_f64;
use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::period::{Calendar, Period};
use crate::model::text::{ByCopy, Text};
use crate::query::{self, Filter, Order};

/// What the report is about. `filter` holds the user's filters without the period.
/// What gives an entry's body.
pub type Bodies<'a> = dyn for<'e> Fn(&'e Entry) -> Cow<'e, str> + Sync + 'a;

pub struct ReportInput<'a> {
    pub name: String,
    pub config: &'a Config,
    /// Every entry of the journal, sorted by date: history for idea statuses.
    pub entries: &'a [Entry],
    pub filter: &'a Filter,
    pub period: &'a Period,
    pub today: Date,
    pub quotes: usize,
    /// An entry's body, for its quotes (bodies stay on disk until asked for).
    pub body: &'a Bodies<'a>,
    /// The history of `entries`' ideas, when the caller has made it already:
    /// the site draws a report for every quarter from one.
    pub history: Option<&'a History<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub journal: String,
    pub period: PeriodRecord,
    /// The day the report is counted to when the period ends after today;
    /// entries dated later are not counted yet.
    pub as_of: Option<Date>,
    /// The report in a few sentences, computed from its numbers.
    pub summary: Vec<String>,
    pub totals: Totals,
    /// The previous period of the same length; `None` for an open-ended period.
    pub previous: Option<Totals>,
    /// Its label and dates, for renderers; not part of the JSON.
    #[serde(skip)]
    pub previous_period: Option<PeriodRecord>,
    pub kinds: Vec<KindRow>,
    pub tags: Vec<TagCount>,
    /// The previous period's tags, for the tag that rose most; not in the JSON.
    #[serde(skip)]
    pub previous_tags: Vec<TagCount>,
    pub sites: Vec<SiteRow>,
    /// Where the ideas raised by the period's end stand then, per status.
    pub pipeline: Vec<PipelineRow>,
    /// The ideas whose status changed during the period.
    pub movements: Vec<Movement>,
    pub ideas: Vec<IdeaRow>,
    pub coverage: Vec<CoverageRow>,
    /// The fiscal year to date that targets are judged on; not part of the JSON.
    #[serde(skip)]
    pub coverage_period: PeriodRecord,
    /// How much of the fiscal year that is, from 0 to 1; not part of the JSON.
    #[serde(skip)]
    pub coverage_share: f64,
    pub quotes: Vec<QuoteRow>,
    /// How many quotes were asked for (`--quotes`); with none, the report
    /// has no quotes section. Not part of the JSON, whose `quotes` is then [].
    #[serde(skip)]
    pub quotes_asked: usize,
    pub trend: Vec<TrendRow>,
    /// The previous period's trend, bucket for bucket, for charts that set
    /// the two side by side; empty without a previous period. Not in the JSON.
    #[serde(skip)]
    pub previous_trend: Vec<TrendRow>,
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
    /// Of the entries that give a count.
    pub customers: u64,
    /// Entries without `customers:`: unknown, so not in the sum.
    pub entries_without_customers: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
    /// Entries without `hours:`.
    pub entries_without_hours: usize,
    /// Distinct sites.
    pub sites: usize,
    /// Distinct ideas mentioned.
    pub ideas: usize,
    /// Ideas whose first mention ever falls in the period: raised then.
    pub ideas_raised: usize,
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
    pub site: Text,
    pub entries: usize,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaRow {
    pub id: Option<Text>,
    pub title: Text,
    /// At the period's end (or today).
    pub status: String,
    pub owner: Option<Text>,
    pub mentions: usize,
    pub customers: u64,
    pub first_date: Date,
    pub last_date: Date,
    /// The day it was first mentioned, in any entry of the journal.
    pub raised: Date,
}

impl IdeaRow {
    /// The row of `i`, raised on the day its story begins.
    fn of(i: IdeaSummary, history: &History) -> Self {
        IdeaRow {
            raised: history.story(&i.key).map_or(i.first_date, Story::raised),
            id: i.id,
            title: i.title,
            status: i.status,
            owner: i.owner,
            mentions: i.mentions,
            customers: i.customers,
            first_date: i.first_date,
            last_date: i.last_date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub person: String,
    pub group: Option<String>,
    /// In the period's entries (narrowed by the filters).
    pub entries: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
    /// In all their entries of the fiscal year to the period's end.
    pub year_entries: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub year_hours: f64,
    pub target_entries: Option<f64>,
    pub target_hours: Option<f64>,
    pub met: Option<bool>,
    pub on_track: Option<bool>,
    /// `met`, `on track`, `behind`, or empty; for renderers, not part of the JSON.
    #[serde(skip)]
    pub standing: &'static str,
    /// Listed in `insight.yaml`; for renderers, not part of the JSON.
    #[serde(skip)]
    pub in_settings: bool,
}

impl From<PersonSummary> for CoverageRow {
    fn from(p: PersonSummary) -> Self {
        CoverageRow {
            standing: p.standing(),
            person: p.person,
            group: p.group,
            entries: p.entries,
            hours: p.hours,
            year_entries: p.year_entries,
            year_hours: p.year_hours,
            target_entries: p.target_entries,
            target_hours: p.target_hours,
            met: p.met,
            on_track: p.on_track,
            in_settings: p.in_settings,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRow {
    pub text: String,
    pub date: Date,
    pub site: Text,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    pub label: String,
    pub entries: usize,
    /// The bucket starts after the day the report is counted to, so nothing
    /// in it is counted yet: `not yet` on a page, `null` in the JSON.
    pub upcoming: bool,
}

impl Serialize for TrendRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = serializer.serialize_struct("TrendRow", 2)?;
        row.serialize_field("label", &self.label)?;
        row.serialize_field("entries", &(!self.upcoming).then_some(self.entries))?;
        row.end()
    }
}

/// The report, and the history of the journal's ideas when `input` gave
/// none and it was made here: handed back for the caller to keep, as a
/// short-lived command does (freeing 84,000 stories one by one took a tenth
/// of a large report's own time).
pub fn build<'a>(input: &ReportInput<'a>) -> (Report, Option<History<'a>>) {
    let calendar = Calendar::new(input.config.fiscal_year_start);
    let as_of = input.period.end.min(input.today);
    let filter_in = |period: &Period| Filter {
        period: Some(period.clone()),
        ..input.filter.clone()
    };
    let in_period =
        |period: &Period| query::select(input.entries, &filter_in(period), Order::default());
    // Entries dated after today are not counted yet: "now" is `--today`.
    let counted = input.period.clone().narrowed(None, Some(as_of));
    let selected = counted.as_ref().map(in_period).unwrap_or_default();
    let previous_period = input.period.previous(calendar);
    let previous_entries = previous_period.as_ref().map(in_period);
    let previous = previous_period.as_ref().zip(previous_entries.as_deref());
    let year_to_date = YearToDate::on(as_of, calendar);
    // The history of every idea is the longest part to make (13 ms at
    // 100,000 entries): all that needs no history is worked out meanwhile.
    let (made, mut report) = rayon::join(
        || {
            (input.history.is_none())
                .then(|| History::new(input.entries, input.config.default_status()))
        },
        || Report {
            journal: input.name.clone(),
            period: input.period.into(),
            as_of: (as_of < input.period.end).then_some(as_of),
            summary: Vec::new(),
            totals: counts_of(&selected),
            previous: previous.map(|(_, entries)| counts_of(entries)),
            previous_period: previous_period.as_ref().map(PeriodRecord::from),
            kinds: kinds(&selected, input.config),
            tags: tag_counts(&selected),
            previous_tags: previous
                .map(|(_, entries)| tag_counts(entries))
                .unwrap_or_default(),
            sites: sites(&selected),
            pipeline: Vec::new(),
            movements: Vec::new(),
            ideas: Vec::new(),
            coverage: coverage(
                &selected,
                &in_period(&year_to_date.period),
                &year_to_date,
                input,
            ),
            coverage_period: (&year_to_date.period).into(),
            coverage_share: year_to_date.share,
            quotes_asked: input.quotes,
            quotes: quote_rows(&selected, input),
            trend: trend(&selected, input.period, as_of, calendar),
            previous_trend: previous
                .map(|(p, entries)| trend(entries, p, p.end, calendar))
                .unwrap_or_default(),
        },
    );
    let history = match (&made, input.history) {
        (Some(made), _) => made,
        (None, Some(given)) => given,
        (None, None) => unreachable!("a history is made when none is given"),
    };
    // Then the ideas: which ones the periods mention, found from their
    // stories; then summed up, their movements found, and the rest, at once.
    // The entries a period selects are selected again only for everything
    // to date, which nothing else needed.
    let mentioned_in = |period: &Period, selected: Option<&[&Entry]>| {
        let filter = filter_in(period);
        let select = || match selected {
            Some(entries) => entries.to_vec(),
            None => query::select(input.entries, &filter, Order::default()),
        };
        history.mentioned(&filter, select)
    };
    let mentioned = match &counted {
        Some(period) => mentioned_in(period, Some(&selected)),
        None => Vec::new(),
    };
    let raised_by_end = mentioned_in(&Period::days(Date::MIN, as_of), None);
    let statuses = &input.config.statuses;
    let start = input.period.start;
    let (mut summaries, mut movements) = (Vec::new(), Vec::new());
    rayon::in_place_scope(|scope| {
        scope.spawn(|_| {
            // A period alone selects whole days, whose ideas are summed
            // from their stories.
            let whole_days = counted.as_ref().map(filter_in);
            summaries = match whole_days.filter(Filter::keeps_whole_days) {
                Some(days) => {
                    let days = (days.first_day(), days.last_day());
                    ideas::summarize_days(&mentioned, days, as_of, Details::CountsOnly)
                }
                None => ideas::summarize(&selected, history, as_of, Details::CountsOnly),
            }
        });
        scope.spawn(|_| {
            movements = ideas::movements(&mentioned, start, as_of, statuses);
        });
        report.pipeline = ideas::pipeline(&raised_by_end, start, as_of, statuses);
        count_ideas(&mut report.totals, &mentioned, input.period);
        if let (Some(totals), Some((period, entries))) = (&mut report.previous, previous) {
            count_ideas(totals, &mentioned_in(period, Some(entries)), period);
        }
    });
    report.ideas = summaries
        .into_iter()
        .map(|summary| IdeaRow::of(summary, history))
        .collect();
    report.movements = movements;
    report.summary = summary::sentences(&facts_of(&report, statuses));
    (report, made)
}

/// What the summary needs to know of `report`.
fn facts_of<'a>(report: &'a Report, statuses: &'a [String]) -> summary::Facts<'a> {
    let activity = |t: &Totals| summary::Activity {
        people: t.people,
        entries: t.entries,
        customers: t.customers,
        without_customers: t.entries_without_customers,
        ideas_raised: t.ideas_raised,
    };
    let before = report
        .previous
        .as_ref()
        .zip(report.previous_period.as_ref());
    summary::Facts {
        label: &report.period.label,
        so_far: report.as_of.is_some(),
        now: activity(&report.totals),
        before: before.map(|(totals, period)| (period.label.as_str(), activity(totals))),
        movements: &report.movements,
        statuses,
        tags: &report.tags,
        tags_before: &report.previous_tags,
        behind: report
            .coverage
            .iter()
            .filter(|c| c.standing == "behind")
            .map(|c| c.person.clone())
            .collect(),
        with_target: report.coverage.iter().filter(|c| c.met.is_some()).count(),
    }
}

/// The totals of `entries` but for their ideas, which [`count_ideas`] adds.
fn counts_of(entries: &[&Entry]) -> Totals {
    Totals {
        entries: entries.len(),
        people: distinct(entries.iter().flat_map(|e| &e.people)),
        customers: entries.iter().filter_map(|e| e.customers).sum(),
        entries_without_customers: entries.iter().filter(|e| e.customers.is_none()).count(),
        hours: entries.iter().filter_map(|e| e.hours).sum(),
        entries_without_hours: entries.iter().filter(|e| e.hours.is_none()).count(),
        sites: distinct(entries.iter().map(|e| &e.site)),
        ideas: 0,
        ideas_raised: 0,
    }
}

/// Adds to `totals` the ideas `mentioned` in a period, and how many of
/// them were first mentioned in `period`.
fn count_ideas(totals: &mut Totals, mentioned: &[&Story], period: &Period) {
    totals.ideas = mentioned.len();
    totals.ideas_raised = mentioned
        .iter()
        .filter(|story| period.contains(story.raised()))
        .count();
}

/// The report's quotes from the newest of `entries`.
fn quote_rows<'a>(entries: &[&'a Entry], input: &ReportInput<'a>) -> Vec<QuoteRow> {
    let quotes = quotes::quotes(entries, input.quotes, input.body);
    let row = |Quote {
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
    };
    quotes.into_iter().map(row).collect()
}

/// How many different names: the same in another case is the same.
fn distinct<'a>(names: impl Iterator<Item = &'a Text>) -> usize {
    let mut copies: ByCopy<Text, ()> = ByCopy::default();
    for name in names {
        copies.insert(name);
    }
    copies
        .iter()
        .map(|(name, _)| name.trim().to_lowercase())
        .collect::<BTreeSet<_>>()
        .len()
}

fn kinds(entries: &[&Entry], config: &Config) -> Vec<KindRow> {
    let mut rows: Vec<KindRow> = config
        .kinds
        .iter()
        .map(|kind| KindRow {
            kind: kind.clone(),
            entries: 0,
            customers: 0,
            hours: 0.0,
        })
        .collect();
    for entry in entries {
        if let Some(row) = rows.iter_mut().find(|r| r.kind == entry.kind) {
            row.entries += 1;
            row.customers += entry.customers.unwrap_or(0);
            row.hours += entry.hours.unwrap_or(0.0);
        }
    }
    rows
}

/// Sites, most entries first; the same site in another case is the same site.
fn sites(entries: &[&Entry]) -> Vec<SiteRow> {
    let mut rows: Vec<SiteRow> = Vec::new();
    let mut row_of: HashMap<String, usize> = HashMap::new();
    let mut row_of_copy: ByCopy<Text, usize> = ByCopy::default();
    for entry in entries {
        let index = *row_of_copy.get_or_insert_with(&entry.site, |site| {
            *row_of.entry(site.to_lowercase()).or_insert_with(|| {
                rows.push(SiteRow {
                    site: site.clone(),
                    entries: 0,
                    customers: 0,
                });
                rows.len() - 1
            })
        });
        rows[index].entries += 1;
        rows[index].customers += entry.customers.unwrap_or(0);
    }
    rows.sort_by(|a, b| {
        (b.entries, b.customers)
            .cmp(&(a.entries, a.customers))
            .then_with(|| a.site.cmp(&b.site))
    });
    rows
}

/// Everyone in `insight.yaml` whose group has a target, then everyone else who
/// went out in the period (people in `insight.yaml` without a target first,
/// then those not in it); with `--person`, only the people it names.
fn coverage(
    in_period: &[&Entry],
    year: &[&Entry],
    year_to_date: &YearToDate,
    input: &ReportInput,
) -> Vec<CoverageRow> {
    let mut rows: Vec<PersonSummary> = people::people(in_period, year, year_to_date, input.config)
        .into_iter()
        .filter(|p| p.met.is_some() || p.entries > 0)
        .filter(|p| input.filter.person_matches(&p.person))
        .collect();
    rows.sort_by_key(|p| (p.met.is_none(), !p.in_settings));
    rows.into_iter().map(CoverageRow::from).collect()
}

/// Entries per bucket of `period`; buckets starting after `as_of` are upcoming.
fn trend(entries: &[&Entry], period: &Period, as_of: Date, calendar: Calendar) -> Vec<TrendRow> {
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
            upcoming: bucket.start > as_of,
            label: bucket.label,
        })
        .collect()
}
