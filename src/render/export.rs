//! Tidy tables of a journal for DuckDB, spreadsheets and BI tools: one table
//! per kind of thing, one row per thing, keys that join them. Pure: entries
//! in, tables out; `commands::export` writes them.

use jiff::civil::Date;

use crate::aggregate::history::History;
use crate::aggregate::ideas::{self, Details};
use crate::model::config::Config;
use crate::model::entry::Entry;
use crate::model::idea::IdeaKey;
use crate::model::journal::Journal;
use crate::model::tags;
use crate::parse::markdown;
use crate::render::table::csv_field;

/// A value in a table. Empty text and unknown numbers are written as
/// nothing (an empty CSV field, `null` in JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u64),
    Float(f64),
    Date(Date),
    Null,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<Option<&str>> for Cell {
    fn from(text: Option<&str>) -> Cell {
        text.map_or(Cell::Null, Cell::from)
    }
}

/// The SQL type of a column, as the README documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Text,
    Integer,
    Double,
    Date,
}

pub struct Table {
    /// The file's name without extension: `entries`, `idea_mentions`, …
    pub name: &'static str,
    pub columns: Vec<(&'static str, Type)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(name: &'static str, columns: &[(&'static str, Type)]) -> Table {
        Table {
            name,
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }
}

/// What the export is made of.
pub struct Source<'a> {
    /// The journal (or the journals read as one) the entries come from.
    pub journal: &'a Journal,
    /// The entries chosen by the filters and period, sorted.
    pub selected: &'a [&'a Entry],
    /// The day ideas are taken as of: the period's end, or today.
    pub day: Date,
}

/// Every table, in the order the README lists them.
pub fn tables(source: &Source) -> Vec<Table> {
    let history = History::new(
        &source.journal.entries,
        source.journal.config.default_status(),
    );
    vec![
        entries(source),
        entry_people(source),
        entry_tags(source),
        idea_mentions(source, &history),
        ideas_table(source, &history),
        quotes(source),
        people(&source.journal.config),
    ]
}

use Type::{Date as DateType, Double, Integer, Text};

fn entries(source: &Source) -> Table {
    let mut table = Table::new(
        "entries",
        &[
            ("path", Text),
            ("journal", Text),
            ("date", DateType),
            ("kind", Text),
            ("site", Text),
            ("role", Text),
            ("title", Text),
            ("customers", Integer),
            ("hours", Double),
        ],
    );
    for e in source.selected {
        table.rows.push(vec![
            e.path.as_str().into(),
            source.journal.label_of(&e.path).into(),
            Cell::Date(e.date),
            e.kind.as_str().into(),
            e.site.as_str().into(),
            e.role.as_deref().into(),
            (&*e.title).into(),
            e.customers.map_or(Cell::Null, Cell::Int),
            e.hours.map_or(Cell::Null, Cell::Float),
        ]);
    }
    table
}

fn entry_people(source: &Source) -> Table {
    let mut table = Table::new(
        "entry_people",
        &[("path", Text), ("position", Integer), ("person", Text)],
    );
    for e in source.selected {
        for (i, person) in e.people.iter().enumerate() {
            table.rows.push(vec![
                e.path.as_str().into(),
                Cell::Int(i as u64 + 1),
                person.as_str().into(),
            ]);
        }
    }
    table
}

fn entry_tags(source: &Source) -> Table {
    let mut table = Table::new(
        "entry_tags",
        &[
            ("path", Text),
            ("position", Integer),
            ("tag", Text),
            ("tag_normalized", Text),
        ],
    );
    for e in source.selected {
        for (i, tag) in e.tags.iter().enumerate() {
            table.rows.push(vec![
                e.path.as_str().into(),
                Cell::Int(i as u64 + 1),
                tag.as_str().into(),
                tags::normalize(tag).as_str().into(),
            ]);
        }
    }
    table
}

/// The key an idea has in the export: `id:scan-and-go`, or for an idea
/// without an id `title:` and its title in lowercase words.
fn idea_key(key: &IdeaKey) -> String {
    match key {
        IdeaKey::Id(id) => format!("id:{id}"),
        IdeaKey::Title(title) => format!("title:{title}"),
    }
}

fn idea_mentions(source: &Source, history: &History) -> Table {
    let mut table = Table::new(
        "idea_mentions",
        &[
            ("path", Text),
            ("position", Integer),
            ("idea", Text),
            ("id", Text),
            ("title", Text),
            ("status", Text),
            ("status_after", Text),
            ("owner", Text),
        ],
    );
    for e in source.selected {
        for (i, idea) in e.ideas.iter().enumerate() {
            let told = history.mention(e, i);
            table.rows.push(vec![
                e.path.as_str().into(),
                Cell::Int(i as u64 + 1),
                idea_key(&history.key(idea)).as_str().into(),
                idea.id.as_deref().into(),
                idea.title.as_deref().into(),
                idea.status.as_deref().into(),
                told.map(|(story, index)| story.status_at(index).0).into(),
                idea.owner.as_deref().into(),
            ]);
        }
    }
    table
}

fn ideas_table(source: &Source, history: &History) -> Table {
    let mut table = Table::new(
        "ideas",
        &[
            ("idea", Text),
            ("id", Text),
            ("title", Text),
            ("status", Text),
            ("owner", Text),
            ("first_date", DateType),
            ("last_date", DateType),
            ("mentions", Integer),
            ("sites", Integer),
            ("customers", Integer),
        ],
    );
    for summary in ideas::summarize(
        source.selected,
        history,
        source.day,
        Details::EntriesAndSites,
    ) {
        let key = idea_key(&summary.key);
        table.rows.push(vec![
            key.as_str().into(),
            summary.id.as_deref().into(),
            summary.title.as_str().into(),
            summary.status.as_str().into(),
            summary.owner.as_deref().into(),
            Cell::Date(summary.first_date),
            Cell::Date(summary.last_date),
            Cell::Int(summary.mentions as u64),
            Cell::Int(summary.sites as u64),
            Cell::Int(summary.customers),
        ]);
    }
    table
}

fn quotes(source: &Source) -> Table {
    let mut table = Table::new(
        "quotes",
        &[("path", Text), ("position", Integer), ("text", Text)],
    );
    for e in source.selected {
        for (i, quote) in markdown::block_quotes(&e.body).into_iter().enumerate() {
            table.rows.push(vec![
                e.path.as_str().into(),
                Cell::Int(i as u64 + 1),
                Cell::Text(quote),
            ]);
        }
    }
    table
}

fn people(config: &Config) -> Table {
    let mut table = Table::new(
        "people",
        &[
            ("person", Text),
            ("group", Text),
            ("target_entries", Double),
            ("target_hours", Double),
        ],
    );
    for person in &config.people {
        let target = person
            .group
            .as_ref()
            .and_then(|g| config.targets.iter().find(|t| &t.group == g));
        table.rows.push(vec![
            person.name.as_str().into(),
            person.group.as_deref().into(),
            target
                .and_then(|t| t.entries_per_year)
                .map_or(Cell::Null, Cell::Float),
            target
                .and_then(|t| t.hours_per_year)
                .map_or(Cell::Null, Cell::Float),
        ]);
    }
    table
}

/// A table as RFC 4180 CSV: a header row of column names, `\r\n` line ends
/// as the RFC says, fields quoted when they hold a comma, quote or line break.
pub fn csv(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|(name, _)| csv_field(name))
        .collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| csv_field(&plain(cell))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A cell as CSV text: numbers without a needless `.0`, nothing as empty.
fn plain(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Float(f) => crate::render::table::number_exact(*f),
        Cell::Date(d) => d.to_string(),
        Cell::Null => String::new(),
    }
}

/// A table as JSON Lines: one object per row, keys in column order.
pub fn jsonl(table: &Table) -> String {
    let mut out = String::new();
    for row in &table.rows {
        let mut object = serde_json::Map::new();
        for ((name, _), cell) in table.columns.iter().zip(row) {
            let value = match cell {
                Cell::Text(text) if text.is_empty() => serde_json::Value::Null,
                Cell::Text(text) => serde_json::Value::String(text.clone()),
                Cell::Int(n) => serde_json::Value::from(*n),
                Cell::Float(f) => serde_json::Value::from(*f),
                Cell::Date(d) => serde_json::Value::String(d.to_string()),
                Cell::Null => serde_json::Value::Null,
            };
            object.insert(name.to_string(), value);
        }
        out.push_str(&serde_json::Value::Object(object).to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    #[test]
    fn csv_quotes_what_it_must_and_leaves_nothing_empty() {
        let mut table = Table::new("t", &[("a", Text), ("b", Double), ("c", Text)]);
        table.rows.push(vec![
            "Tower One, floor 12".into(),
            Cell::Float(7.5),
            Cell::Text("She said \"no\"\nthen left".into()),
        ]);
        table
            .rows
            .push(vec!["東京".into(), Cell::Null, Cell::Float(2.0)]);
        assert_eq!(
            csv(&table),
            "a,b,c\r\n\"Tower One, floor 12\",7.5,\"She said \"\"no\"\"\nthen left\"\r\n東京,,2\r\n"
        );
        assert_eq!(
            jsonl(&table),
            "{\"a\":\"Tower One, floor 12\",\"b\":7.5,\"c\":\"She said \\\"no\\\"\\nthen left\"}\n\
             {\"a\":\"東京\",\"b\":null,\"c\":2.0}\n"
        );
    }

    #[test]
    fn every_table_joins_on_the_entry_path() {
        let mut a = entry(
            "visits/a.md",
            date(2026, 1, 2),
            "Store, Uptown",
            &["Mobile/App"],
        );
        a.ideas = vec![crate::model::entry::Idea {
            id: None,
            title: Some("Queue board".into()),
            status: None,
            tags: Default::default(),
            owner: None,
            unknown_keys: Default::default(),
        }]
        .into();
        a.body = "> One\n\n> Two\n".into();
        let journal = Journal::assemble(
            std::path::PathBuf::from("j"),
            Config::default(),
            vec![a],
            Vec::new(),
        );
        let selected: Vec<&Entry> = journal.entries.iter().collect();
        let tables = tables(&Source {
            journal: &journal,
            selected: &selected,
            day: date(2026, 12, 31),
        });
        let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "entries",
                "entry_people",
                "entry_tags",
                "idea_mentions",
                "ideas",
                "quotes",
                "people"
            ]
        );
        assert_eq!(
            tables[2].rows[0],
            vec![
                "visits/a.md".into(),
                Cell::Int(1),
                "Mobile/App".into(),
                "mobile/app".into()
            ]
        );
        assert_eq!(tables[3].rows[0][2], "title:queue board".into());
        assert_eq!(tables[4].rows[0][0], "title:queue board".into());
        assert_eq!(tables[5].rows.len(), 2);
    }
}
