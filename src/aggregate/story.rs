//! One idea's story, as `insight ideas ID` tells it: every mention up to
//! today, the time it spent at each status, and what customers said in the
//! entries that raised it. Pure.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeSet;

use super::ideas::rank;
use crate::aggregate::history::Span;
use crate::aggregate::history::Story;
use crate::model::entry::Entry;
use crate::model::text::{Text, Texts};
use crate::parse::markdown;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdeaStory {
    pub id: Option<Text>,
    pub title: Text,
    /// Its status today, and the day it got there.
    pub status: String,
    pub since: Date,
    pub owner: Option<Text>,
    pub tags: Vec<Text>,
    /// Customers spoken to in the entries that mention it.
    pub customers: u64,
    /// Distinct sites of those entries.
    pub sites: usize,
    pub mentions: Vec<MentionRow>,
    pub spans: Vec<Span>,
    /// Days at each status, in the journal's pipeline order.
    pub days_at_status: Vec<StatusDays>,
    /// The block quotes of the entries that mention it, oldest entry first.
    pub quotes: Vec<EvidenceQuote>,
    /// Mentions dated after today, which do not count yet.
    pub later: Vec<LaterMention>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRow {
    pub date: Date,
    pub site: Text,
    pub people: Texts,
    /// `None` when the entry does not say.
    pub customers: Option<u64>,
    /// As the entry states it, else the idea's status at that mention.
    pub status: String,
    pub status_inherited: bool,
    /// The title as this mention words it; `None` for a mention by id alone.
    pub title: Option<Text>,
    pub owner: Option<Text>,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusDays {
    pub status: String,
    pub days: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceQuote {
    pub text: String,
    pub date: Date,
    pub site: Text,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaterMention {
    pub date: Date,
    pub path: String,
}

/// The story of `story` as it stands on `today`; `None` when the idea was
/// not raised by then.
pub fn tell(story: &Story, today: Date, statuses: &[String]) -> Option<IdeaStory> {
    tell_quoting(story, today, statuses, &|entry| {
        markdown::block_quotes(&entry.body)
    })
}

/// Like [`tell`], with the quotes of an entry from `quotes`: for a journal
/// whose bodies stay on disk, or are shown only in part.
pub fn tell_quoting<'a>(
    story: &Story<'a>,
    today: Date,
    statuses: &[String],
    quotes_of: &dyn Fn(&'a Entry) -> Vec<String>,
) -> Option<IdeaStory> {
    let told = story.count_until(today);
    let status = story.status_on(today)?;
    let spans = story.spans(today);
    let since = spans.last().map_or(story.raised(), |s| s.from);
    let counted = &story.mentions[..told];
    let mentions: Vec<MentionRow> = counted
        .iter()
        .enumerate()
        .map(|(index, m)| {
            let (status, inherited) = story.status_at(index);
            MentionRow {
                date: m.entry.date,
                site: m.entry.site.clone(),
                people: m.entry.people.clone(),
                customers: m.entry.customers,
                status: status.to_string(),
                status_inherited: inherited,
                title: m.idea.title.clone(),
                owner: m.idea.owner.clone(),
                path: m.entry.path.clone(),
            }
        })
        .collect();
    let mut entries = BTreeSet::new();
    let mut customers = 0;
    let mut quotes = Vec::new();
    for m in counted {
        // An entry that mentions the idea twice counts, and quotes, once.
        if !entries.insert(m.entry.path.as_str()) {
            continue;
        }
        customers += m.entry.customers.unwrap_or(0);
        quotes.extend(quotes_of(m.entry).into_iter().map(|text| EvidenceQuote {
            text,
            date: m.entry.date,
            site: m.entry.site.clone(),
            path: m.entry.path.clone(),
        }));
    }
    let sites: BTreeSet<String> = counted
        .iter()
        .map(|m| m.entry.site.to_lowercase())
        .collect();
    Some(IdeaStory {
        id: story.id().cloned(),
        title: story.title.clone(),
        status: status.to_string(),
        since,
        owner: story.owner_on(today).cloned(),
        tags: story.tags_until(today),
        customers,
        sites: sites.len(),
        mentions,
        days_at_status: days_at_status(&spans, statuses),
        spans,
        quotes,
        later: story.mentions[told..]
            .iter()
            .map(|m| LaterMention {
                date: m.entry.date,
                path: m.entry.path.clone(),
            })
            .collect(),
    })
}

fn days_at_status(spans: &[Span], statuses: &[String]) -> Vec<StatusDays> {
    let mut totals: Vec<StatusDays> = Vec::new();
    for span in spans {
        match totals.iter_mut().find(|t| t.status == span.status) {
            Some(total) => total.days += span.days,
            None => totals.push(StatusDays {
                status: span.status.clone(),
                days: span.days,
            }),
        }
    }
    totals.sort_by_key(|t| rank(statuses, &t.status));
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::history::History;
    use crate::model::entry::{Entry, Idea};
    use crate::model::idea::IdeaKey;
    use crate::query::tests::entry;
    use jiff::civil::date;

    fn mention(status: Option<&str>) -> Idea {
        Idea {
            id: Some("f".into()),
            title: None,
            status: status.map(Text::from),
            tags: Default::default(),
            owner: None,
            unknown_keys: Default::default(),
        }
    }

    #[test]
    fn tells_the_story_up_to_today() {
        let mut a = entry("a.md", date(2026, 1, 1), "A", &[]);
        a.ideas = vec![Idea {
            title: Some("Finder".into()),
            owner: Some("Ann".into()),
            tags: vec!["mobile"].into(),
            ..mention(None)
        }]
        .into();
        a.customers = Some(3);
        a.body = "> Where is it?\n".into();
        let mut b = entry("b.md", date(2026, 1, 11), "B", &[]);
        b.ideas = vec![mention(Some("planned")), mention(None)].into();
        b.customers = Some(4);
        let mut c = entry("c.md", date(2026, 1, 21), "A", &[]);
        c.ideas = vec![mention(Some("new"))].into();
        let mut later = entry("d.md", date(2026, 3, 1), "A", &[]);
        later.ideas = vec![mention(Some("shipped"))].into();
        let entries: Vec<Entry> = vec![a, b, c, later];
        let history = History::new(&entries, "new");
        let statuses = crate::model::config::DEFAULT_STATUSES.map(String::from);
        let story = history.story(&IdeaKey::Id("f".into())).unwrap();
        let told = tell(story, date(2026, 2, 1), &statuses).unwrap();
        assert_eq!(
            (told.title.as_str(), told.status.as_str(), told.since),
            ("Finder", "new", date(2026, 1, 21))
        );
        assert_eq!(
            (told.customers, told.sites, told.owner.as_deref()),
            (7, 2, Some("Ann"))
        );
        let inherited: Vec<(&str, bool)> = told
            .mentions
            .iter()
            .map(|m| (m.status.as_str(), m.status_inherited))
            .collect();
        assert_eq!(
            inherited,
            [
                ("new", false),
                ("planned", false),
                ("planned", true),
                ("new", false)
            ]
        );
        let days: Vec<(&str, i32)> = told
            .days_at_status
            .iter()
            .map(|d| (d.status.as_str(), d.days))
            .collect();
        assert_eq!(days, [("new", 21), ("planned", 10)]);
        assert_eq!(told.quotes.len(), 1);
        assert_eq!(
            told.later,
            [LaterMention {
                date: date(2026, 3, 1),
                path: "d.md".into()
            }]
        );
        assert!(tell(story, date(2025, 12, 31), &statuses).is_none());
    }
}
