//! The filter and period options shared by every command that reads entries.

use jiff::civil::Date;

use super::context::Context;
use crate::error::{Error, Result};
use crate::model::period::{self, Period};
use crate::query::Filter;
use crate::read::find::Location;

/// `the kinds are …` as the start of a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only entries with TAG; repeat to require several. `mobile` also matches `mobile/app`
    #[arg(long, value_name = "TAG", add = clap_complete::ArgValueCandidates::new(super::candidates::tags))]
    pub tag: Vec<String>,
    /// Only entries of KIND (repeat for any of several)
    #[arg(long, value_name = "KIND", add = clap_complete::ArgValueCandidates::new(super::candidates::kinds))]
    pub kind: Vec<String>,
    /// Only entries whose site contains TEXT (ignoring case and accents: zurich finds Zürich)
    #[arg(long, value_name = "TEXT", add = clap_complete::ArgValueCandidates::new(super::candidates::sites))]
    pub site: Option<String>,
    /// Only entries where a person's name contains NAME (ignoring case and accents: tomas finds Tomás)
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCandidates::new(super::candidates::people))]
    pub person: Option<String>,
    /// Only entries whose title or text contains TEXT (ignoring case and accents)
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// Only entries that raise at least one idea
    #[arg(long)]
    pub has_ideas: bool,
    #[command(flatten)]
    pub when: PeriodArgs,
}

#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Period")]
pub struct PeriodArgs {
    /// Only entries in PERIOD: 2026, 2026Q3, q3, 2026-07, jul, 2026-07-14, last quarter, this year, last week, yesterday, 2026-01..2026-03 (all of March included), …
    ///
    /// PERIOD is written as in hledger: a year (2026), a half (2026H1, or h1), a quarter (2026Q3, or q3 for this year's),
    /// a month (2026-07, 2026/7, jul, jul 2026), an ISO week (2026-W47), a day (2026-07-14,
    /// 2026/7/14, 2026.07.14), or a word: today, yesterday, tomorrow, this/last/next
    /// week|month|quarter|year (`last quarter` or `last-quarter`), last friday, 3 months ago,
    /// in 2 weeks, last 30 days (before today), last 3 months. Ranges: A..B, A to B, from A to B, since A, until B, A.., ..B, where A and
    /// B are any of those. Unlike hledger, a range includes all of B: 2026-02..2026-03 is
    /// February and March (in hledger it ends where March starts, so is February only), and
    /// until 2026-07-01 includes July 1. Years and quarters follow fiscal_year_start.
    #[arg(
        long,
        short = 'p',
        value_name = "PERIOD",
        group = "when",
        verbatim_doc_comment
    )]
    pub period: Option<String>,
    /// Only entries in a quarter: this one if Q is left out, `last`, `3`, `Q3` or `2026Q3`
    #[arg(long, value_name = "Q", num_args = 0..=1, default_missing_value = "", group = "when")]
    pub quarter: Option<String>,
    /// Only entries in a (fiscal) year: this one if Y is left out, `last` or `2026`
    #[arg(long, value_name = "Y", num_args = 0..=1, default_missing_value = "", group = "when")]
    pub year: Option<String>,
    /// Only entries in a month: this one if M is left out, `last`, `7`, `jul` or `2026-07`
    #[arg(long, value_name = "M", num_args = 0..=1, default_missing_value = "", group = "when")]
    pub month: Option<String>,
    /// Only entries on or after DATE: a day (2026-07-14, yesterday, last friday) or the start of a period (2026-07, last quarter)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only entries on or before DATE: a day (2026-07-14, yesterday) or the end of a period (2026-07, last quarter)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// When a command looks: a named period, cut by `--since` and `--until`.
#[derive(Debug, Clone, Default)]
pub struct When {
    pub period: Option<Period>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl PeriodArgs {
    /// The period named by `--period`, `--quarter`, `--year` or `--month`, and
    /// the days `--since` and `--until` name. A reversed range is an error
    /// however it is written, and so is a period that they cut to nothing.
    pub fn when(&self, context: &Context, location: &Location) -> Result<When> {
        let today = context.today;
        let calendar = context.calendar(location);
        let named = if let Some(text) = &self.period {
            Some(period::parse(text, today, calendar))
        } else if let Some(q) = &self.quarter {
            Some(period::quarter_option(q, today, calendar))
        } else if let Some(y) = &self.year {
            Some(period::year_option(y, today, calendar))
        } else {
            self.month.as_ref().map(|m| period::month_option(m, today))
        };
        let period = named
            .transpose()
            .map_err(|e| context.period_error(None, e))?;
        let bound = |option: &str, text: &Option<String>| {
            text.as_ref()
                .map(|t| period::parse_one(t, today, calendar))
                .transpose()
                .map_err(|e| context.period_error(Some(option), e))
        };
        let since = bound("--since", &self.since)?.map(|p| p.start);
        let until = bound("--until", &self.until)?.map(|p| p.end);
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(Error::new(format!(
                "`--since {}` is after `--until {}`: the range ends before it starts ({until} is before {since})",
                self.since.as_deref().unwrap_or_default().trim(),
                self.until.as_deref().unwrap_or_default().trim(),
            ))
            .hint(format!(
                "write the earlier one first: --since {} --until {}",
                self.until.as_deref().unwrap_or_default().trim(),
                self.since.as_deref().unwrap_or_default().trim(),
            )));
        }
        if let Some(named) = &period
            && named.clone().narrowed(since, until).is_none()
        {
            return Err(Error::new(format!(
                "--since and --until leave no days in the period {named}"
            ))
            .hint(format!(
                "{named} is {}..{}; give --since and --until inside it",
                named.start, named.end
            )));
        }
        Ok(When {
            period,
            since,
            until,
        })
    }
}

impl FilterArgs {
    /// The period a summary covers: the one named, cut by `--since`/`--until`;
    /// `default` when none of them is given.
    pub fn summary_period(
        &self,
        context: &Context,
        location: &Location,
        default: Period,
    ) -> Result<Period> {
        let when = self.when.when(context, location)?;
        let base = match when.period {
            Some(period) => period,
            None if when.since.is_some() || when.until.is_some() => Period::all(),
            None => default,
        };
        base.narrowed(when.since, when.until)
            .ok_or_else(|| Error::new("--since and --until leave no days in the period"))
    }

    /// The filters without any period, for summaries that choose their own.
    pub fn filter_without_period(&self, context: &Context, location: &Location) -> Result<Filter> {
        let without = FilterArgs {
            when: PeriodArgs::default(),
            ..self.clone()
        };
        without.filter(context, location)
    }

    /// A sentence naming the filters in force, for the top of a report.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.tag.is_empty() {
            parts.push(format!("tagged {}", self.tag.join(" and ")));
        }
        if !self.kind.is_empty() {
            parts.push(format!("of kind {}", self.kind.join(" or ")));
        }
        if let Some(site) = &self.site {
            parts.push(format!("at sites matching \"{site}\""));
        }
        if let Some(person) = &self.person {
            parts.push(format!("with people matching \"{person}\""));
        }
        if let Some(text) = &self.text {
            parts.push(format!("containing \"{text}\""));
        }
        if self.has_ideas {
            parts.push("that raise ideas".to_string());
        }
        (!parts.is_empty()).then(|| format!("Only entries {}", parts.join(", ")))
    }

    pub fn filter(&self, context: &Context, location: &Location) -> Result<Filter> {
        let folded = |s: &Option<String>| {
            s.as_deref()
                .map(|s| crate::model::fold::fold(s).into_owned())
        };
        let tags = self
            .tag
            .iter()
            .map(|t| crate::model::tags::normalize(t))
            .collect();
        for kind in &self.kind {
            if !location
                .config
                .kinds
                .iter()
                .any(|k| k.eq_ignore_ascii_case(kind))
            {
                let kinds = &location.config.kinds;
                let listed = format!("the kinds are {}", kinds.join(", "));
                let hint = match crate::model::suggest::did_you_mean(kind, kinds) {
                    Some(near) => format!("did you mean `--kind {near}`? {}", capitalized(&listed)),
                    None => listed,
                };
                return Err(
                    Error::new(format!("`--kind {kind}`: not a kind of this journal")).hint(hint),
                );
            }
        }
        let when = self.when.when(context, location)?;
        Ok(Filter {
            tags,
            kinds: self.kind.clone(),
            site: folded(&self.site),
            person: folded(&self.person),
            text: folded(&self.text),
            text_hits: None,
            has_ideas: self.has_ideas,
            period: when.period,
            since: when.since,
            until: when.until,
        })
    }
}
