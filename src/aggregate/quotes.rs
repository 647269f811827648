//! Voice of the customer: the block quotes in entries' bodies.

use jiff::civil::Date;
use serde::Serialize;

use std::borrow::Cow;

use crate::model::entry::Entry;
use crate::model::text::{Text, Texts};
use crate::parse::markdown;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub date: Date,
    pub site: Text,
    pub people: Texts,
    pub path: String,
}

/// The block quotes of `entries`, newest entry first, in the order each
/// entry gives them; at most `limit`. `body` gives an entry's body: bodies
/// stay on disk until asked for, so only the entries a page shows are read.
pub fn quotes<'b>(
    entries: &[&'b Entry],
    limit: usize,
    body: impl Fn(&'b Entry) -> Cow<'b, str>,
) -> Vec<Quote> {
    let newer = |a: &&Entry, b: &&Entry| b.date.cmp(&a.date).then(a.path.cmp(&b.path));
    // Entries nearly always come in the journal's order, by date then path:
    // newest first is then its days reversed, each day's entries in order,
    // without sorting them all (4 ms of a report of 25,000 entries).
    let mut newest_first: Vec<&Entry> = entries.iter().rev().copied().collect();
    for day in newest_first.chunk_by_mut(|a, b| a.date == b.date) {
        day.reverse();
    }
    if !newest_first.is_sorted_by(|a, b| newer(a, b).is_le()) {
        newest_first.sort_by(newer);
    }
    let mut found = Vec::new();
    for entry in newest_first {
        if found.len() >= limit {
            break;
        }
        found.extend(
            markdown::block_quotes(&body(entry))
                .into_iter()
                .map(|text| Quote {
                    text,
                    date: entry.date,
                    site: entry.site.clone(),
                    people: entry.people.clone(),
                    path: entry.path.clone(),
                }),
        );
    }
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    #[test]
    fn newest_first() {
        let mut old = entry("old.md", date(2026, 1, 1), "A", &[]);
        old.body = "> first\n\n> second\n".into();
        let mut new = entry("new.md", date(2026, 2, 1), "B", &[]);
        new.body = "text\n\n> latest\n".into();
        let body = |e: &Entry| Cow::Owned(e.body.clone());
        let texts: Vec<String> = quotes(&[&old, &new], 9, body)
            .into_iter()
            .map(|q| q.text)
            .collect();
        assert_eq!(texts, ["latest", "first", "second"]);
        assert_eq!(quotes(&[&old, &new], 2, body).len(), 2);
    }

    #[test]
    fn newest_day_first_and_each_day_by_path_in_any_order_given() {
        let day = |d, path: &str| {
            let mut e = entry(path, date(2026, 1, d), "A", &[]);
            e.body = format!("> {path}\n");
            e
        };
        let all = [
            day(1, "a.md"),
            day(2, "b.md"),
            day(2, "c.md"),
            day(3, "d.md"),
        ];
        fn texts(entries: &[&Entry]) -> Vec<String> {
            let body = |e: &Entry| Cow::Owned(e.body.clone());
            let found = quotes(entries, 9, body);
            found.into_iter().map(|q| q.text).collect()
        }
        let expected = ["d.md", "b.md", "c.md", "a.md"];
        let in_order: Vec<&Entry> = all.iter().collect();
        assert_eq!(texts(&in_order), expected);
        let shuffled = [&all[2], &all[0], &all[3], &all[1]];
        assert_eq!(texts(&shuffled), expected);
    }
}
