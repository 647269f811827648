//! Voice of the customer: the block quotes in entries' bodies.

use jiff::civil::Date;
use serde::Serialize;

use crate::entry::Entry;
use crate::markdown;
use crate::text::Text;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub date: Date,
    pub site: Text,
    pub people: Vec<Text>,
    pub path: String,
}

/// Every block quote of `entries`, newest entry first, in the order each entry
/// gives them.
pub fn quotes(entries: &[&Entry]) -> Vec<Quote> {
    let mut newest_first: Vec<&&Entry> = entries.iter().collect();
    newest_first.sort_by(|a, b| b.date.cmp(&a.date).then(a.path.cmp(&b.path)));
    newest_first
        .into_iter()
        .flat_map(|entry| {
            markdown::block_quotes(&entry.body)
                .into_iter()
                .map(|text| Quote {
                    text,
                    date: entry.date,
                    site: entry.site.clone(),
                    people: entry.people.clone(),
                    path: entry.path.clone(),
                })
        })
        .collect()
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
        let texts: Vec<String> = quotes(&[&old, &new]).into_iter().map(|q| q.text).collect();
        assert_eq!(texts, ["latest", "first", "second"]);
    }
}
