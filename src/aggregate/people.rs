//! Who has been out: per person, what they did, and how they stand against
//! their group's yearly target.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use crate::aggregate::record::whole_or_fraction_f64;
use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::period::{Calendar, Period};
use crate::model::text::{ByCopy, Text};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    pub person: String,
    /// From `insight.yaml`; `None` for people seen only in entries.
    pub group: Option<String>,
    /// In the entries counted: the period, narrowed by the filters.
    pub entries: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub hours: f64,
    pub customers: u64,
    /// In all of the person's entries of the fiscal year up to the period's
    /// end, whatever the filters: what the target is judged on.
    pub year_entries: usize,
    #[serde(serialize_with = "whole_or_fraction_f64")]
    pub year_hours: f64,
    pub target_entries: Option<f64>,
    pub target_hours: Option<f64>,
    /// Whether every yearly target of the group is reached; `None` without a target.
    pub met: Option<bool>,
    /// Whether every target, pro-rated to the part of the fiscal year gone
    /// by, is reached; `None` without a target.
    pub on_track: Option<bool>,
    /// Listed in `insight.yaml` (with or without a group).
    #[serde(skip)]
    pub in_settings: bool,
}

impl PersonSummary {
    /// `met`, `on track` or `behind`; empty without a target.
    pub fn standing(&self) -> &'static str {
        match (self.met, self.on_track) {
            (Some(true), _) => "met",
            (_, Some(true)) => "on track",
            (Some(false), _) => "behind",
            _ => "",
        }
    }
}

/// The part of a fiscal year that targets are judged on: from its start to
/// the day a summary is for.
#[derive(Debug, Clone, PartialEq)]
pub struct YearToDate {
    pub period: Period,
    /// How much of the fiscal year has gone by on that day, from 0 to 1.
    pub share: f64,
}

impl YearToDate {
    /// The fiscal year to date on `day`.
    pub fn on(day: Date, calendar: Calendar) -> YearToDate {
        let Some(year) = calendar.year(calendar.fiscal_year_of(day)) else {
            return YearToDate {
                period: Period::days(day, day),
                share: 1.0,
            };
        };
        let days = |from: Date, to: Date| from.until(to).map_or(0, |s| s.get_days()) + 1;
        YearToDate {
            period: Period::days(year.start, day),
            share: f64::from(days(year.start, day)) / f64::from(days(year.start, year.end)),
        }
    }
}

#[derive(Default)]
struct Tally {
    name: String,
    entries: usize,
    hours: f64,
    customers: u64,
}

pub use crate::model::config::person_key;

/// Per person, what `entries` add up to. Someone listed twice in one entry
/// went out once.
fn tallies(entries: &[&Entry]) -> HashMap<String, Tally> {
    let mut tallies: Vec<(String, Tally)> = Vec::new();
    let mut tally_of_key: HashMap<String, usize> = HashMap::new();
    // Names repeat in entry after entry: each copy's key is worked out once.
    let mut tally_of_copy: ByCopy<Text, usize> = ByCopy::default();
    // For each tally, the number (from 1) of the last entry that counted
    // it: a person listed twice in one entry is counted once, in constant
    // time however many people the entry lists.
    let mut last_counted_in: Vec<usize> = Vec::new();
    for (number, entry) in (1..).zip(entries) {
        for name in &entry.people {
            let index = *tally_of_copy.get_or_insert_with(name, |name| {
                let key = person_key(name);
                *tally_of_key.entry(key.clone()).or_insert_with(|| {
                    let tally = Tally {
                        name: name.trim().to_string(),
                        ..Tally::default()
                    };
                    tallies.push((key, tally));
                    tallies.len() - 1
                })
            });
            last_counted_in.resize(tallies.len(), 0);
            if last_counted_in[index] == number {
                continue;
            }
            last_counted_in[index] = number;
            let tally = &mut tallies[index].1;
            tally.entries += 1;
            tally.hours += entry.hours.unwrap_or(0.0);
            tally.customers += entry.customers.unwrap_or(0);
        }
    }
    tallies.into_iter().collect()
}

/// Everyone in `insight.yaml`, in its order, then everyone else who appears in
/// `counted`, most entries first. Figures come from `counted`; targets are
/// judged on `year`, every entry of the fiscal year to date.
pub fn people(
    counted: &[&Entry],
    year: &[&Entry],
    year_to_date: &YearToDate,
    config: &Config,
) -> Vec<PersonSummary> {
    let mut counted = tallies(counted);
    let year = tallies(year);
    let mut list = Vec::new();
    let mut listed = HashSet::new();
    for person in &config.people {
        let key = person_key(&person.name);
        if !listed.insert(key.clone()) {
            continue;
        }
        let tally = counted.remove(&key).unwrap_or_default();
        let target = person
            .group
            .as_ref()
            .and_then(|g| config.targets.iter().find(|t| &t.group == g));
        let mut summary = summary(&person.name, person.group.clone(), &tally, year.get(&key));
        summary.in_settings = true;
        if let Some(target) = target {
            summary.target_entries = target.entries_per_year;
            summary.target_hours = target.hours_per_year;
            summary.met = Some(reaches(&summary, 1.0));
            summary.on_track = Some(reaches(&summary, year_to_date.share));
        }
        list.push(summary);
    }
    let mut others: Vec<Tally> = counted.into_values().collect();
    others.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.name.cmp(&b.name)));
    list.extend(
        others
            .iter()
            .map(|t| summary(&t.name, None, t, year.get(&person_key(&t.name)))),
    );
    list
}

fn summary(
    name: &str,
    group: Option<String>,
    counted: &Tally,
    year: Option<&Tally>,
) -> PersonSummary {
    PersonSummary {
        person: name.to_string(),
        group,
        entries: counted.entries,
        hours: counted.hours,
        customers: counted.customers,
        year_entries: year.map_or(0, |t| t.entries),
        year_hours: year.map_or(0.0, |t| t.hours),
        target_entries: None,
        target_hours: None,
        met: None,
        on_track: None,
        in_settings: false,
    }
}

/// Whether the year's figures reach `share` of every target.
fn reaches(p: &PersonSummary, share: f64) -> bool {
    p.target_entries
        .is_none_or(|n| p.year_entries as f64 >= n * share)
        && p.target_hours.is_none_or(|h| p.year_hours >= h * share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn config() -> Config {
        Config::parse(
            "people:\n  - { name: Wayne Shurts, group: executives }\n  - { name: Ann, group: it-staff }\n  - Bo\n\
             targets:\n  executives: { entries_per_year: 2 }\n  it-staff: { hours_per_year: 8 }\n",
        )
        .unwrap()
    }

    #[test]
    fn counts_against_group_targets() {
        let mut a = entry("a", date(2026, 1, 1), "A", &[]);
        a.people = vec!["wayne shurts", "Zed"].into();
        a.hours = Some(3.0);
        a.customers = Some(4);
        let mut b = entry("b", date(2026, 2, 1), "B", &[]);
        b.people = vec!["Wayne Shurts", "Ann", "Ann"].into();
        b.hours = Some(4.5);
        let year = YearToDate::on(date(2026, 12, 31), Calendar::new(1));
        let list = people(&[&a, &b], &[&a, &b], &year, &config());
        let rows: Vec<(&str, usize, f64, &str)> = list
            .iter()
            .map(|p| (p.person.as_str(), p.entries, p.hours, p.standing()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Wayne Shurts", 2, 7.5, "met"),
                ("Ann", 1, 4.5, "behind"),
                ("Bo", 0, 0.0, ""),
                ("Zed", 1, 3.0, ""),
            ]
        );
        assert_eq!(list[0].customers, 4);
        assert!(list[2].in_settings && !list[3].in_settings);
    }

    #[test]
    fn targets_are_judged_on_the_whole_year_and_pro_rated() {
        let mut a = entry("a", date(2026, 2, 1), "A", &[]);
        a.people = vec!["Wayne Shurts"].into();
        // End of Q1: a quarter of the year is gone, so one visit of two is on track.
        let q1 = YearToDate::on(date(2026, 3, 31), Calendar::new(1));
        assert_eq!(q1.period.label, "2026-01-01..2026-03-31");
        assert!((q1.share - 90.0 / 365.0).abs() < 1e-9);
        let list = people(&[], &[&a], &q1, &config());
        assert_eq!(
            (list[0].entries, list[0].year_entries, list[0].standing()),
            (0, 1, "on track")
        );
        assert_eq!(list[1].standing(), "behind");
        // At the year's end the same visit is one short.
        let year_end = YearToDate::on(date(2026, 12, 31), Calendar::new(1));
        assert_eq!(
            people(&[], &[&a], &year_end, &config())[0].standing(),
            "behind"
        );
    }
}
