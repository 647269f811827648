//! The JSON shape of an entry, fixed so that scripts can rely on it.

use serde::Serialize;

use crate::entry::{Entry, Idea};

#[derive(Debug, Serialize)]
pub struct EntryRecord<'a> {
    pub path: &'a str,
    pub date: String,
    pub kind: &'a str,
    pub site: &'a str,
    pub role: Option<&'a str>,
    pub title: &'a str,
    pub people: &'a [String],
    pub customers: u64,
    #[serde(serialize_with = "whole_or_fraction")]
    pub hours: Option<f64>,
    pub tags: &'a [String],
    pub ideas: Vec<IdeaRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct IdeaRecord<'a> {
    pub id: Option<&'a str>,
    pub title: &'a str,
    /// As the entry states it, else the journal's first status (`new`).
    pub status: &'a str,
    pub tags: &'a [String],
}

/// An entry with its Markdown body, for `show --format json`.
#[derive(Debug, Serialize)]
pub struct EntryWithBody<'a> {
    #[serde(flatten)]
    pub entry: EntryRecord<'a>,
    pub body: &'a str,
}

impl<'a> EntryRecord<'a> {
    pub fn new(entry: &'a Entry, default_status: &'a str) -> Self {
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
            ideas: entry
                .ideas
                .iter()
                .map(|i| IdeaRecord::new(i, default_status))
                .collect(),
        }
    }
}

impl<'a> IdeaRecord<'a> {
    pub fn new(idea: &'a Idea, default_status: &'a str) -> Self {
        IdeaRecord {
            id: idea.id.as_deref(),
            title: &idea.title,
            status: idea.status.as_deref().unwrap_or(default_status),
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
