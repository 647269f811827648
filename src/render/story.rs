//! One idea's story as a page (`insight ideas ID`): its fields, every
//! mention, the time at each status, and what customers said.

use jiff::civil::Date;

use super::document::{Block, Document, Quoted, Section};
use super::table::{Column, Table};
use crate::aggregate::story::IdeaStory;

/// The page of an idea's story as told on `day`.
pub fn page(told: &IdeaStory, day: Date) -> Document {
    let mut fields = Vec::new();
    if let Some(id) = &told.id {
        fields.push(("id".to_string(), id.to_string()));
    }
    fields.push((
        "status".into(),
        format!("{} since {}", told.status, told.since),
    ));
    if let Some(owner) = &told.owner {
        fields.push(("owner".into(), owner.to_string()));
    }
    if !told.tags.is_empty() {
        fields.push(("tags".into(), told.tags.join(", ")));
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    fields.push((
        "reach".into(),
        format!(
            "{}, {}, {} in those entries",
            plural(told.mentions.len(), "mention"),
            plural(told.sites, "site"),
            plural(told.customers as usize, "customer")
        ),
    ));
    let mut intro = vec![Block::Fields(fields)];
    if !told.later.is_empty() {
        let later: Vec<String> = told
            .later
            .iter()
            .map(|m| format!("{} {}", m.date, m.path))
            .collect();
        intro.push(Block::Note(format!(
            "Not counted yet, dated after {day}: {}.",
            later.join(", ")
        )));
    }
    Document {
        title: told.title.to_string(),
        intro,
        sections: vec![
            Section::new(
                "Mentions",
                vec![
                    Block::Table(mentions_table(told)),
                    Block::Note(
                        "A status in brackets is not stated by that entry: it is where the idea stood then."
                            .into(),
                    ),
                ],
            ),
            Section::new("Time at each status", time_at_status(told)),
            Section::new("What customers said", evidence(told)),
        ],
    }
}

fn mentions_table(told: &IdeaStory) -> Table {
    let mut table = Table::new(vec![
        Column::left("date", "Date"),
        Column::left("site", "Site"),
        Column::left("people", "People"),
        Column::right("customers", "Customers"),
        Column::left("status", "Status"),
        Column::left("path", "Entry"),
    ]);
    for m in &told.mentions {
        let status = if m.status_inherited {
            format!("({})", m.status)
        } else {
            m.status.clone()
        };
        table.push(vec![
            m.date.to_string(),
            m.site.to_string(),
            m.people.join(", "),
            m.customers.map_or_else(String::new, |n| n.to_string()),
            status,
            m.path.clone(),
        ]);
    }
    table
}

fn time_at_status(told: &IdeaStory) -> Vec<Block> {
    let mut table = Table::new(vec![
        Column::left("status", "Status"),
        Column::left("from", "From"),
        Column::left("to", "To"),
        Column::right("days", "Days"),
    ]);
    for span in &told.spans {
        table.push(vec![
            span.status.clone(),
            span.from.to_string(),
            span.to.map_or_else(|| "now".into(), |d| d.to_string()),
            span.days.to_string(),
        ]);
    }
    let totals: Vec<String> = told
        .days_at_status
        .iter()
        .map(|t| format!("{} {}", t.status, t.days))
        .collect();
    vec![
        Block::Table(table),
        Block::Note(format!("Days in all: {}.", totals.join(", "))),
    ]
}

fn evidence(told: &IdeaStory) -> Vec<Block> {
    if told.quotes.is_empty() {
        return vec![Block::Note(
            "No block quotes in the entries that mention it.".into(),
        )];
    }
    vec![Block::Quotes(
        told.quotes
            .iter()
            .map(|q| Quoted {
                text: q.text.clone(),
                source: format!("{}, {}", q.date, q.site),
            })
            .collect(),
    )]
}
