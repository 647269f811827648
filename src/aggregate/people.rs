//! Who has been out: per person, what they did against their group's target.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::config::Config;
use crate::entry::Entry;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    pub person: String,
    /// From `insight.yaml`; `None` for people seen only in entries.
    pub group: Option<String>,
    pub entries: usize,
    #[serde(serialize_with = "crate::record::whole_or_fraction_f64")]
    pub hours: f64,
    pub customers: u64,
    pub target_entries: Option<f64>,
    pub target_hours: Option<f64>,
    /// Whether every target of the group is reached; `None` without a target.
    pub met: Option<bool>,
    /// Listed in `insight.yaml` (with or without a group).
    #[serde(skip)]
    pub in_settings: bool,
}

#[derive(Default)]
struct Tally {
    name: String,
    entries: usize,
    hours: f64,
    customers: u64,
}

/// Everyone in `insight.yaml`, in its order, then everyone else who appears in
/// `entries`, most entries first. Names match without regard to case.
pub fn people(entries: &[&Entry], config: &Config) -> Vec<PersonSummary> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for entry in entries {
        let mut seen = std::collections::HashSet::new();
        for name in &entry.people {
            let key = name.trim().to_lowercase();
            // Someone listed twice in one entry went out once.
            if !seen.insert(key.clone()) {
                continue;
            }
            let tally = tallies.entry(key).or_insert_with(|| Tally {
                name: name.trim().to_string(),
                ..Tally::default()
            });
            tally.entries += 1;
            tally.hours += entry.hours.unwrap_or(0.0);
            tally.customers += entry.customers;
        }
    }
    let mut list = Vec::new();
    for person in &config.people {
        let tally = tallies
            .remove(&person.name.trim().to_lowercase())
            .unwrap_or_default();
        let target = person
            .group
            .as_ref()
            .and_then(|g| config.targets.iter().find(|t| &t.group == g));
        let (target_entries, target_hours) =
            target.map_or((None, None), |t| (t.entries_per_year, t.hours_per_year));
        let met = target.map(|_| {
            target_entries.is_none_or(|n| tally.entries as f64 >= n)
                && target_hours.is_none_or(|h| tally.hours >= h)
        });
        list.push(PersonSummary {
            person: person.name.clone(),
            group: person.group.clone(),
            entries: tally.entries,
            hours: tally.hours,
            customers: tally.customers,
            target_entries,
            target_hours,
            met,
            in_settings: true,
        });
    }
    let mut others: Vec<Tally> = tallies.into_values().collect();
    others.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.name.cmp(&b.name)));
    list.extend(others.into_iter().map(|t| PersonSummary {
        person: t.name,
        group: None,
        entries: t.entries,
        hours: t.hours,
        customers: t.customers,
        target_entries: None,
        target_hours: None,
        met: None,
        in_settings: false,
    }));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    #[test]
    fn counts_against_group_targets() {
        let config = Config::parse(
            "people:\n  - { name: Wayne Shurts, group: executives }\n  - { name: Ann, group: it-staff }\n  - Bo\n\
             targets:\n  executives: { entries_per_year: 2 }\n  it-staff: { hours_per_year: 8 }\n",
        )
        .unwrap();
        let mut a = entry("a", date(2026, 1, 1), "A", &[]);
        a.people = vec!["wayne shurts".into(), "Zed".into()];
        a.hours = Some(3.0);
        a.customers = 4;
        let mut b = entry("b", date(2026, 2, 1), "B", &[]);
        b.people = vec!["Wayne Shurts".into(), "Ann".into(), "Ann".into()];
        b.hours = Some(4.5);
        let list = people(&[&a, &b], &config);
        let rows: Vec<(&str, usize, f64, Option<bool>)> = list
            .iter()
            .map(|p| (p.person.as_str(), p.entries, p.hours, p.met))
            .collect();
        assert_eq!(
            rows,
            [
                ("Wayne Shurts", 2, 7.5, Some(true)),
                ("Ann", 1, 4.5, Some(false)),
                ("Bo", 0, 0.0, None),
                ("Zed", 1, 3.0, None),
            ]
        );
        assert_eq!(list[0].customers, 4);
        assert!(list[2].in_settings && !list[3].in_settings);
    }
}
