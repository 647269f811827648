//! A new entry: its front matter serialized from the values typed, never
//! pasted into text, so whatever the user types comes back as typed; its
//! body from a template; and the file name it takes.

use jiff::civil::Date;
use std::path::{Path, PathBuf};

use crate::edit::template::{Fill, Template, block_quotes, fill};
use crate::edit::typed_idea::TypedIdea;
use crate::model::slug;
use crate::parse::yaml::{self, Value};

/// The values of a new entry, as typed (a line each) or chosen.
pub struct NewEntry {
    pub date: Date,
    pub kind: String,
    pub site: String,
    /// Else the template's.
    pub role: Option<String>,
    pub people: Vec<String>,
    pub customers: Option<u64>,
    /// The customers by name, when they were named: their count is how many.
    pub customer_names: Vec<String>,
    pub hours: Option<f64>,
    /// Added to the template's.
    pub tags: Vec<String>,
    pub ideas: Vec<Value>,
    pub title: Option<String>,
    pub quotes: Vec<String>,
}

/// The whole new file: front matter from the flags and the template, then the
/// template's body with its placeholders filled.
pub fn compose(template: &Template, entry: &NewEntry) -> String {
    let date = entry.date.to_string();
    let mut pairs: Vec<(&str, Value)> = vec![
        ("date", Value::Str(date.clone())),
        ("kind", Value::Str(entry.kind.clone())),
        ("site", Value::Str(entry.site.clone())),
    ];
    if let Some(role) = entry.role.clone().or_else(|| template.role.clone()) {
        pairs.push(("role", Value::Str(role)));
    }
    if !entry.people.is_empty() {
        pairs.push(("people", Value::List(entry.people.clone())));
    }
    if !entry.customer_names.is_empty() {
        pairs.push(("customers", Value::List(entry.customer_names.clone())));
    } else if let Some(customers) = entry.customers {
        pairs.push(("customers", Value::Int(customers)));
    }
    if let Some(hours) = entry.hours {
        pairs.push((
            "hours",
            if hours.fract() == 0.0 {
                Value::Int(hours as u64)
            } else {
                Value::Float(hours)
            },
        ));
    }
    let mut tags = template.tags.clone();
    tags.extend(
        entry
            .tags
            .iter()
            .filter(|t| !template.tags.contains(t))
            .cloned(),
    );
    if !tags.is_empty() {
        pairs.push(("tags", Value::List(tags)));
    }
    if !entry.ideas.is_empty() {
        pairs.push(("ideas", Value::Items(entry.ideas.clone())));
    }
    if let Some(title) = &entry.title {
        pairs.push(("title", Value::Str(title.clone())));
    }
    let quotes = block_quotes(&entry.quotes);
    let body = fill(
        &template.body,
        &Fill {
            title: entry.title.as_deref().unwrap_or(&entry.site),
            site: &entry.site,
            date: &date,
            quotes: &quotes,
        },
    );
    format!("---\n{}---\n{}", yaml::to_front_matter(&pairs), body)
}

/// `<entries>/<YYYY>/<YYYY-MM-DD>-<site-slug>.md`, then `-2`, `-3`, … when taken.
pub fn file_names(entries: &Path, date: Date, site: &str) -> impl Iterator<Item = PathBuf> + use<> {
    let dir = entries.join(date.year().to_string());
    let stem = format!("{date}-{}", slug::slug(site));
    (1..=9999).map(move |n| match n {
        1 => dir.join(format!("{stem}.md")),
        n => dir.join(format!("{stem}-{n}.md")),
    })
}

/// A typed `--idea` as the front matter holds it: a plain title, or a
/// mapping when it has an id or a status.
pub fn idea_value(typed: TypedIdea) -> Value {
    if typed.id.is_none() && typed.status.is_none() && typed.owner.is_none() {
        return Value::Str(typed.title);
    }
    let mut pairs = Vec::new();
    pairs.extend(typed.id.map(|id| ("id".to_string(), Value::Str(id))));
    if !typed.title.is_empty() {
        pairs.push(("title".to_string(), Value::Str(typed.title)));
    }
    pairs.extend(typed.status.map(|s| ("status".to_string(), Value::Str(s))));
    pairs.extend(typed.owner.map(|o| ("owner".to_string(), Value::Str(o))));
    Value::Map(pairs)
}
