//! The JSON shape of an entry, fixed so that scripts can rely on it.

use serde::Serialize;

use crate::aggregate::history::History;
use crate::model::entry::Entry;
use crate::model::text::Text;

#[derive(Debug, Serialize)]
pub struct EntryRecord<'a> {
    pub path: &'a str,
    pub date: String,
    pub kind: &'a str,
    pub site: &'a str,
    pub role: Option<&'a str>,
    pub title: &'a str,
    pub people: &'a [Text],
    /// `null` when the entry does not say.
    pub customers: Option<u64>,
    #[serde(serialize_with = "whole_or_fraction")]
    pub hours: Option<f64>,
    pub tags: &'a [Text],
    pub ideas: Vec<IdeaRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct IdeaRecord<'a> {
    pub id: Option<&'a str>,
    /// As the entry writes it, else the idea's title (a mention by id alone).
    pub title: &'a str,
    /// As the entry states it, else the idea's status at that mention (the
    /// journal's first status for an idea raised without one).
    pub status: &'a str,
    /// Whether `status` comes from earlier mentions rather than this entry.
    pub status_inherited: bool,
    /// As the entry names it.
    pub owner: Option<&'a str>,
    pub tags: &'a [Text],
}

/// An entry with its Markdown body, for `show --format json`.
#[derive(Debug, Serialize)]
pub struct EntryWithBody<'a> {
    #[serde(flatten)]
    pub entry: EntryRecord<'a>,
    pub body: &'a str,
}

impl<'a> EntryRecord<'a> {
    /// `history` holds every idea of the journal the entry is part of.
    pub fn new(entry: &'a Entry, history: &'a History<'a>) -> Self {
        EntryRecord {
            path: &entry.path,
            date: entry.date.to_string(),
            kind: &entry.kind,
            site: &entry.site,
            role: entry.role.as_deref(),
            title: &entry.title,
            people: &entry.people,
            customers: entry.customers,
            hours: entry.hours,
            tags: &entry.tags,
            ideas: (0..entry.ideas.len())
                .map(|position| IdeaRecord::new(entry, position, history))
                .collect(),
        }
    }
}

impl<'a> IdeaRecord<'a> {
    /// The idea `entry` mentions at `position` in its `ideas`.
    pub fn new(entry: &'a Entry, position: usize, history: &'a History<'a>) -> Self {
        let idea = &entry.ideas[position];
        let told = history.mention(entry, position);
        let (status, inherited) = told.map_or(
            (idea.status.as_deref().unwrap_or_default(), false),
            |(story, index)| story.status_at(index),
        );
        IdeaRecord {
            id: idea.id.as_deref(),
            title: idea
                .title
                .as_deref()
                .or(told.map(|(story, _)| story.title.as_str()))
                .unwrap_or(idea.label()),
            status,
            status_inherited: inherited,
            owner: idea.owner.as_deref(),
            tags: &idea.tags,
        }
    }
}

/// `8` rather than `8.0`: hours are usually whole, and scripts compare them as numbers.
pub fn whole_or_fraction<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9e15 => serializer.serialize_i64(*v as i64),
        Some(v) => serializer.serialize_f64(*v),
        None => serializer.serialize_none(),
    }
}

/// Like [`whole_or_fraction`], for a number that is always there.
pub fn whole_or_fraction_f64<S: serde::Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    whole_or_fraction(&Some(*value), serializer)
}
