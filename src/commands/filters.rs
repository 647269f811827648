//! The filter and period options shared by every command that reads entries.

use jiff::civil::Date;

use super::{Context, parse_date_arg};
use crate::error::{Error, Result};
use crate::journal::Location;
use crate::period::{self, Period};
use crate::query::Filter;

#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only entries with TAG; repeat to require several. `mobile` also matches `mobile/app`
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only entries of KIND (repeat for any of several)
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    /// Only entries whose site contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub site: Option<String>,
    /// Only entries where a person's name contains NAME (any case)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only entries whose title or text contains TEXT (any case)
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
    /// Only entries in PERIOD: 2026, 2026Q3, 2026-07, 2026-07-01..2026-09-30, this-quarter, last-year, …
    #[arg(long, short = 'p', value_name = "PERIOD", group = "when")]
    pub period: Option<String>,
    /// Only entries in a quarter: this one if Q is left out, `last`, `3`, `Q3` or `2026Q3`
    #[arg(long, value_name = "Q", num_args = 0..=1, default_missing_value = "", group = "when")]
    pub quarter: Option<String>,
    /// Only entries in a (fiscal) year: this one if Y is left out, `last` or `2026`
    #[arg(long, value_name = "Y", num_args = 0..=1, default_missing_value = "", group = "when")]
    pub year: Option<String>,
    /// Only entries in a month: this one if M is left out, `last`, `7` or `2026-07`
    #[arg(long, value_name = "M", num_args = 0..=1, default_missing_value = "", group = "when")]
    pub month: Option<String>,
    /// Only entries on or after DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub since: Option<Date>,
    /// Only entries on or before DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<Date>,
}

impl PeriodArgs {
    /// The period named by `--period`, `--quarter`, `--year` or `--month`, if any.
    pub fn period(&self, context: &Context, location: &Location) -> Result<Option<Period>> {
        let today = context.today;
        let calendar = context.calendar(location);
        let parsed = if let Some(text) = &self.period {
            period::parse(text, today, calendar)
        } else if let Some(q) = &self.quarter {
            period::quarter_option(q, today, calendar)
        } else if let Some(y) = &self.year {
            period::year_option(y, today, calendar)
        } else if let Some(m) = &self.month {
            period::month_option(m, today)
        } else {
            return Ok(None);
        };
        parsed.map(Some).map_err(|message| {
            Error::new(message).hint("see `insight list --help` for the period forms")
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
        let when = &self.when;
        let base = match when.period(context, location)? {
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
        let lower = |s: &Option<String>| s.as_ref().map(|s| s.to_lowercase());
        let tags = self.tag.iter().map(|t| crate::tags::normalize(t)).collect();
        for kind in &self.kind {
            if !location
                .config
                .kinds
                .iter()
                .any(|k| k.eq_ignore_ascii_case(kind))
            {
                return Err(
                    Error::new(format!("`--kind {kind}`: not a kind of this journal")).hint(
                        format!("the kinds are {}", location.config.kinds.join(", ")),
                    ),
                );
            }
        }
        Ok(Filter {
            tags,
            kinds: self.kind.clone(),
            site: lower(&self.site),
            person: lower(&self.person),
            text: lower(&self.text),
            has_ideas: self.has_ideas,
            period: self.when.period(context, location)?,
            since: self.when.since,
            until: self.when.until,
        })
    }
}
