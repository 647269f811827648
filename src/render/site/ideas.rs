//! An idea's page, its story as `insight ideas ID` tells it (its status over
//! time, every mention, what customers said in the entries behind it), and
//! the list of every idea.

use askama::Template;
use jiff::civil::Date;
use std::fmt;

use super::layout::{Chrome, Link, Part};
use super::layout::{cannot_draw, plural};
use super::links::{BELOW, Root};
use super::plan::Site;
use crate::aggregate::ideas::{self, Details, IdeaSummary, rank};
use crate::aggregate::story::{self, IdeaStory};
use crate::error::Result;
use crate::parse::markdown;
use crate::render::html;

#[derive(Template)]
#[template(path = "site/idea.html")]
struct IdeaPage {
    chrome: Chrome,
    title: String,
    title_lang: Option<&'static str>,
    id: Option<String>,
    raised: Date,
    status: String,
    since: Date,
    owner: Option<Link>,
    tags: Vec<Link>,
    reach: String,
    spans: Vec<SpanRow>,
    days: String,
    mentions: Vec<MentionRow>,
    /// Whether a mention's status is in brackets, to be explained.
    inherited: bool,
    quotes: Vec<QuoteBlock>,
    later: Vec<Link>,
}

struct SpanRow {
    status: String,
    from: Date,
    to: String,
    days: i32,
}

struct MentionRow {
    entry: Link,
    date: Date,
    site: String,
    people: Vec<Link>,
    customers: Option<u64>,
    /// In brackets when the entry does not state it.
    status: String,
}

/// A customer's words, and the entry they were heard in.
pub struct QuoteBlock {
    pub text: String,
    pub lang: Option<&'static str>,
    pub source: Link,
}

#[derive(Template)]
#[template(path = "site/ideas.html")]
struct IndexPage<'s> {
    chrome: Chrome,
    count: String,
    site: &'s Site<'s>,
    /// The ideas, in order; each becomes a row only as it is drawn, so
    /// that the list of 100,000 ideas is not held twice.
    list: Vec<IdeaSummary>,
}

impl IndexPage<'_> {
    fn rows(&self) -> impl Iterator<Item = IdeaRow> + '_ {
        let (site, root) = (self.site, BELOW);
        self.list.iter().map(move |idea| IdeaRow {
            lang: html::language_of(&idea.title),
            idea: Link::new(idea.title.as_str(), site.idea_href(root, &idea.key)),
            status: idea.status.clone(),
            owner: idea
                .owner
                .as_ref()
                .map(|o| Link::new(o.as_str(), site.person_href(root, o))),
            mentions: idea.mentions,
            customers: idea.customers,
            first: idea.first_date,
            last: idea.last_date,
        })
    }
}

struct IdeaRow {
    idea: Link,
    lang: Option<&'static str>,
    status: String,
    owner: Option<Link>,
    mentions: usize,
    customers: u64,
    first: Date,
    last: Date,
}

/// Idea `n`'s story, as of today.
pub fn idea(site: &Site, n: usize, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let Some(told) = site.story(n) else {
        // Only ideas raised by today have a page.
        return Err(crate::error::Error::internal(
            "an idea without a story has a page",
        ));
    };
    IdeaPage {
        chrome: site.chrome(told.title.to_string(), root, Part::Ideas),
        title_lang: html::language_of(&told.title),
        title: told.title.to_string(),
        id: told.id.as_ref().map(|id| id.to_string()),
        raised: told.mentions.first().map_or(told.since, |m| m.date),
        status: told.status.clone(),
        since: told.since,
        owner: told
            .owner
            .as_ref()
            .map(|o| Link::new(o.as_str(), site.person_href(root, o))),
        tags: told
            .tags
            .iter()
            .map(|tag| Link::new(tag.as_str(), site.tag_href(root, tag)))
            .collect(),
        reach: format!(
            "{}, {}, {} in those entries",
            plural(told.mentions.len(), "mention", "mentions"),
            plural(told.sites, "site", "sites"),
            plural(told.customers as usize, "customer", "customers")
        ),
        spans: spans(&told),
        days: told
            .days_at_status
            .iter()
            .map(|d| format!("{} {}", d.status, d.days))
            .collect::<Vec<_>>()
            .join(", "),
        mentions: mentions(site, &told, root),
        inherited: told.mentions.iter().any(|m| m.status_inherited),
        quotes: told
            .quotes
            .iter()
            .map(|q| site.quote(root, &q.text, q.date, &q.site, &q.path))
            .collect(),
        later: told
            .later
            .iter()
            .map(|m| {
                Link::new(
                    format!("{} {}", m.date, m.path),
                    site.entry_href(root, &m.path),
                )
            })
            .collect(),
    }
    .render_into(out)
    .map_err(cannot_draw)
}

fn spans(told: &IdeaStory) -> Vec<SpanRow> {
    told.spans
        .iter()
        .map(|span| SpanRow {
            status: span.status.clone(),
            from: span.from,
            to: span.to.map_or_else(|| "now".into(), |d| d.to_string()),
            days: span.days,
        })
        .collect()
}

fn mentions(site: &Site, told: &IdeaStory, root: Root) -> Vec<MentionRow> {
    told.mentions
        .iter()
        .map(|m| {
            let title = site
                .entry_at
                .get(m.path.as_str())
                .map_or(m.path.clone(), |&n| site.entry(n).title.to_string());
            MentionRow {
                entry: Link::new(title, site.entry_href(root, &m.path)),
                date: m.date,
                site: m.site.to_string(),
                people: site.people_links(root, m.people.iter().map(|p| p.as_str())),
                customers: m.customers,
                status: match m.status_inherited {
                    true => format!("({})", m.status),
                    false => m.status.clone(),
                },
            }
        })
        .collect()
}

/// Every idea raised by today, in the pipeline's order, the ideas of one
/// status by reach.
pub fn index(site: &Site, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let today = site.input.today;
    let counted = site.input.entries.partition_point(|e| e.date <= today);
    let entries: Vec<_> = site.input.entries[..counted].iter().collect();
    let mut list = ideas::summarize(&entries, &site.history, today, Details::CountsOnly);
    let statuses = &site.input.config.statuses;
    // A stable sort: each status's ideas keep the order of reach.
    list.sort_by_key(|idea| rank(statuses, &idea.status));
    IndexPage {
        chrome: site.chrome("Ideas".into(), root, Part::Ideas),
        count: plural(list.len(), "idea", "ideas"),
        site,
        list,
    }
    .render_into(out)
    .map_err(cannot_draw)
}

impl Site<'_> {
    /// Idea `n`'s story as of today, its quotes from the bodies the site may show.
    fn story(&self, n: usize) -> Option<IdeaStory> {
        let story = self.history.story(&self.ideas[n])?;
        let quotes_of = |entry| markdown::block_quotes(&(self.input.body)(entry));
        story::tell_quoting(
            story,
            self.input.today,
            &self.input.config.statuses,
            &quotes_of,
        )
    }

    /// A quote heard at `site` on `date`, in the entry at `path`.
    pub(super) fn quote(
        &self,
        root: Root,
        text: &str,
        date: Date,
        site: &str,
        path: &str,
    ) -> QuoteBlock {
        QuoteBlock {
            text: text.to_string(),
            lang: html::language_of(text),
            source: Link::new(format!("{date}, {site}"), self.entry_href(root, path)),
        }
    }
}
