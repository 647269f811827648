//! Selecting entries: filters, period and order; and the journal as it
//! may be shared ([`shared`]). Pure.

pub mod shared;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::model::entry::Entry;
use crate::model::fold::fold;
use crate::model::period::Period;

/// Which entries a command looks at. Every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Lowercased; each must match a tag of the entry, or a tag's parent
    /// (`mobile` matches `mobile/app`).
    pub tags: Vec<String>,
    /// Any of these kinds (case-insensitive); empty means all.
    pub kinds: Vec<String>,
    /// Part of the site, matched ignoring case and accents (see [`fold`](crate::model::fold)).
    pub site: Option<String>,
    /// Part of one of the people's names, matched ignoring case and accents.
    pub person: Option<String>,
    /// Part of the title or body, matched ignoring case and accents.
    pub text: Option<String>,
    /// The paths of the entries whose title or body holds `text`, when the
    /// loader has looked already (see `Location::load_searching`).
    pub text_hits: Option<std::sync::Arc<std::collections::HashSet<String>>>,
    pub has_ideas: bool,
    pub period: Option<Period>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Filter {
    pub fn matches(&self, entry: &Entry) -> bool {
        self.in_time(entry.date)
            && (self.kinds.is_empty()
                || self
                    .kinds
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&entry.kind)))
            && self.tags.iter().all(|wanted| {
                entry
                    .tags
                    .iter()
                    .any(|t| crate::model::tags::is_under(t, wanted))
            })
            && self
                .site
                .as_ref()
                .is_none_or(|s| contains_folded(&entry.site, s))
            && (self.person.is_none() || entry.people.iter().any(|n| self.person_matches(n)))
            && (!self.has_ideas || !entry.ideas.is_empty())
            && self.text.as_ref().is_none_or(|t| match &self.text_hits {
                Some(hits) => hits.contains(&entry.path),
                None => contains_folded(&entry.title, t) || contains_folded(&entry.body, t),
            })
    }

    /// Whether [`Filter::matches`] looks at an entry's title, body or ideas,
    /// and not only at its date, kind, site, people and tags.
    pub fn looks_past_the_head(&self) -> bool {
        self.text.is_some() || self.has_ideas
    }

    /// Whether the filter keeps every entry dated within its days: it asks
    /// for nothing but dates.
    pub fn keeps_whole_days(&self) -> bool {
        // Every field named, so that a new condition cannot be missed here.
        let Filter {
            tags,
            kinds,
            site,
            person,
            text,
            text_hits: _,
            has_ideas,
            period: _,
            since: _,
            until: _,
        } = self;
        tags.is_empty()
            && kinds.is_empty()
            && site.is_none()
            && person.is_none()
            && text.is_none()
            && !has_ideas
    }

    /// The first day the filter lets through (`Date::MIN` when it has no start).
    pub fn first_day(&self) -> Date {
        let period_start = self.period.as_ref().map_or(Date::MIN, |p| p.start);
        period_start.max(self.since.unwrap_or(Date::MIN))
    }

    /// The part of `entries` (sorted by date) dated from the first day the
    /// filter lets through to the last, found by binary search: a report
    /// selects a year or a quarter of the journal several times over.
    fn within_days<'a>(&self, entries: &'a [Entry]) -> &'a [Entry] {
        let (first, last) = (self.first_day(), self.last_day());
        let from = entries.partition_point(|e| e.date < first);
        let to = entries.partition_point(|e| e.date <= last);
        entries.get(from..to).unwrap_or_default()
    }

    /// The last day the filter lets through (`Date::MAX` when it has no end).
    pub fn last_day(&self) -> Date {
        let period_end = self.period.as_ref().map_or(Date::MAX, |p| p.end);
        period_end.min(self.until.unwrap_or(Date::MAX))
    }

    /// Whether `name` is one of the people `--person` asks for (anyone without it).
    pub fn person_matches(&self, name: &str) -> bool {
        self.person
            .as_ref()
            .is_none_or(|p| contains_folded(name, p))
    }

    fn in_time(&self, date: Date) -> bool {
        self.period.as_ref().is_none_or(|p| p.contains(date))
            && self.since.is_none_or(|since| date >= since)
            && self.until.is_none_or(|until| date <= until)
    }
}

/// `needle_folded` is folded once, when the filter is made, not once per entry.
fn contains_folded(haystack: &str, needle_folded: &str) -> bool {
    fold(haystack).contains(needle_folded)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Date,
    Site,
    /// Most customers first.
    Customers,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Order {
    pub key: SortKey,
    pub reverse: bool,
    pub limit: Option<usize>,
}

/// The entries that pass `filter`, in `order`. `entries` are a journal's,
/// sorted by date then path. Ties fall back to date, then path, so the output
/// is the same on every run.
pub fn select<'a>(entries: &'a [Entry], filter: &Filter, order: Order) -> Vec<&'a Entry> {
    debug_assert!(
        entries.is_sorted_by_key(|e| e.date),
        "entries out of date order"
    );
    // In parallel: at 100,000 entries, matching one after another was a
    // tenth of `list`'s time on an indexed journal. The order is kept.
    let mut selected: Vec<&Entry> = filter
        .within_days(entries)
        .par_iter()
        .filter(|e| filter.matches(e))
        .collect();
    match order.key {
        // Entries arrive sorted by date and path.
        SortKey::Date => {}
        SortKey::Site => {
            selected.sort_by_cached_key(|e| (e.site.to_lowercase(), e.date, e.path.clone()))
        }
        SortKey::Customers => selected.sort_by(|a, b| {
            b.customers
                .cmp(&a.customers)
                .then(a.date.cmp(&b.date))
                .then(a.path.cmp(&b.path))
        }),
    }
    if order.reverse {
        selected.reverse();
    }
    if let Some(limit) = order.limit {
        selected.truncate(limit);
    }
    selected
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::text::Text;
    use jiff::civil::date;

    pub fn entry(path: &str, day: Date, site: &str, tags: &[&str]) -> Entry {
        Entry {
            path: path.into(),
            date: day,
            kind: "frontline".into(),
            site: site.into(),
            role: None,
            title: format!("Visit to {site}").into(),
            people: vec!["Wayne Shurts"].into(),
            customers: Some(0),
            hours: None,
            tags: tags.iter().map(|t| Text::from(*t)).collect(),
            ideas: Box::default(),
            body: String::new(),
            unknown_keys: Default::default(),
            private: false,
        }
    }

    fn paths(selected: Vec<&Entry>) -> Vec<&str> {
        selected.iter().map(|e| e.path.as_str()).collect()
    }

    proptest::proptest! {
        /// Narrowing to the filter's days by binary search keeps exactly the
        /// entries that matching each one keeps: days repeated or missing,
        /// periods, `--since` and `--until` that overlap, touch or miss.
        #[test]
        fn the_days_found_by_search_are_the_days_matched(
            mut days in proptest::collection::vec(1i8..=28, 0..20),
            period in proptest::option::of((1i8..=28, 0i8..10)),
            since in proptest::option::of(1i8..=28),
            until in proptest::option::of(1i8..=28),
        ) {
            days.sort_unstable();
            let on = |day: i8| date(2026, 2, day);
            let entries: Vec<Entry> = days
                .iter()
                .enumerate()
                .map(|(n, &day)| entry(&format!("{n:02}"), on(day), "S", &[]))
                .collect();
            let filter = Filter {
                period: period.map(|(start, length)| {
                    Period::days(on(start), on(start.saturating_add(length).min(28)))
                }),
                since: since.map(on),
                until: until.map(on),
                ..Filter::default()
            };
            let matched: Vec<&str> = entries
                .iter()
                .filter(|e| filter.matches(e))
                .map(|e| e.path.as_str())
                .collect();
            proptest::prop_assert_eq!(paths(select(&entries, &filter, Order::default())), matched);
        }
    }

    #[test]
    fn all_tags_must_match() {
        let entries = vec![
            entry("a", date(2026, 1, 1), "A", &["mobile/app", "pricing"]),
            entry("b", date(2026, 1, 2), "B", &["mobile"]),
        ];
        let filter = Filter {
            tags: vec!["mobile".into(), "pricing".into()],
            ..Filter::default()
        };
        assert_eq!(paths(select(&entries, &filter, Order::default())), ["a"]);
    }

    #[test]
    fn since_and_until_are_inclusive() {
        let entries: Vec<Entry> = (1..=5)
            .map(|d| entry(&d.to_string(), date(2026, 3, d), "S", &[]))
            .collect();
        let filter = Filter {
            since: Some(date(2026, 3, 2)),
            until: Some(date(2026, 3, 4)),
            ..Filter::default()
        };
        assert_eq!(
            paths(select(&entries, &filter, Order::default())),
            ["2", "3", "4"]
        );
    }

    #[test]
    fn sorts_and_limits() {
        let mut entries = vec![
            entry("a", date(2026, 1, 1), "beta", &[]),
            entry("b", date(2026, 1, 2), "Alpha", &[]),
            entry("c", date(2026, 1, 3), "gamma", &[]),
        ];
        entries[0].customers = Some(5);
        entries[2].customers = Some(5);
        let by = |key, reverse, limit| Order {
            key,
            reverse,
            limit,
        };
        assert_eq!(
            paths(select(
                &entries,
                &Filter::default(),
                by(SortKey::Site, false, None)
            )),
            ["b", "a", "c"]
        );
        assert_eq!(
            paths(select(
                &entries,
                &Filter::default(),
                by(SortKey::Customers, false, None)
            )),
            ["a", "c", "b"]
        );
        assert_eq!(
            paths(select(
                &entries,
                &Filter::default(),
                by(SortKey::Date, true, Some(2))
            )),
            ["c", "b"]
        );
    }
}
