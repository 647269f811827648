//! `insight list`: the entries that match, as a table or for scripts.

use clap::ValueEnum;
use std::path::Path;

use super::context::Context;
use super::filters::FilterArgs;
use super::output::{Done, Output};
use crate::aggregate::history::History;
use crate::aggregate::record::EntryRecord;
use crate::error::{Error, Result};
use crate::model::entry::Entry;
use crate::model::journal::Journal;
use crate::query::{self, Order, SortKey};
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Order by date (oldest first), site (A to Z) or customers (most first)
    #[arg(long, value_enum, default_value_t = Sort::Date)]
    pub sort: Sort,
    /// Reverse the order
    #[arg(long, short = 'r')]
    pub reverse: bool,
    /// Show at most N entries (after sorting)
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    /// Output format (default: table); `paths` prints one file path per line,
    /// byte for byte, for other tools
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Print the paths separated by NUL bytes rather than lines, for `xargs -0`
    /// (implies `--format paths`)
    #[arg(long, short = '0')]
    pub null: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Date,
    Site,
    Customers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Jsonl,
    Csv,
    Paths,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let format = match (args.format, args.null) {
        (None, true) => Format::Paths,
        (Some(format), true) if format != Format::Paths => {
            return Err(Error::new(
                "`--null` separates paths: it works only with `--format paths`",
            )
            .hint("leave out --format, or use --format paths"));
        }
        (format, _) => format.unwrap_or(Format::Table),
    };
    let location = context.locate()?;
    let mut filter = args.filters.filter(context, &location)?;
    // Only JSON shows ideas, whose status comes from the whole journal.
    let journal = match format {
        Format::Json | Format::Jsonl => context.load_filtered(location, &mut filter),
        _ => context.load_selected(location, &mut filter),
    };
    let order = Order {
        key: match args.sort {
            Sort::Date => SortKey::Date,
            Sort::Site => SortKey::Site,
            Sort::Customers => SortKey::Customers,
        },
        reverse: args.reverse,
        limit: args.limit,
    };
    let selected = query::select(&journal.entries, &filter, order);
    // Only JSON shows ideas, whose status may come from other entries.
    let history = || History::new(&journal.entries, journal.config.default_status());
    let records = |history: &History| -> String {
        let records: Vec<EntryRecord> = selected
            .iter()
            .map(|e| EntryRecord::new(e, history))
            .collect();
        match format {
            Format::Jsonl => render::json_lines(&records),
            _ => render::json(&records),
        }
    };
    let text = match format {
        Format::Table if selected.is_empty() => {
            return Ok(Done::print(
                Output::Nothing("no entries match").limited(args.limit),
            ));
        }
        Format::Table => {
            render::text_table(&table(&selected, journal), context.width, context.color)
        }
        Format::Markdown => render::markdown_table(&table(&selected, journal)),
        Format::Csv => render::csv_table(&table(&selected, journal)),
        Format::Json | Format::Jsonl => records(&history()),
        Format::Paths => {
            let end = if args.null { b'\0' } else { b'\n' };
            let paths = paths(context, journal, &selected, end);
            return Ok(Done::print(Output::Bytes(paths)));
        }
    };
    Ok(Done::text(text))
}

/// The file of each entry as `--format paths` shows it, each followed by `end`.
fn paths(context: &Context, journal: &Journal, entries: &[&Entry], end: u8) -> Vec<u8> {
    let prefix = shared_prefix(context, journal);
    let mut out = Vec::with_capacity(entries.len() * 64);
    for entry in entries {
        match &prefix {
            Some(prefix) if !entry.path.contains('\\') => {
                out.extend_from_slice(prefix);
                out.extend_from_slice(entry.path.as_bytes());
            }
            _ => out.extend_from_slice(&shown_path(context, &journal.file(&entry.path))),
        }
        out.push(end);
    }
    out
}

/// What [`shown_path`] puts before every journal path without escapes,
/// when that is one thing: not on a terminal (which escapes), not for a
/// union (each member has its root), and not from inside the journal, where
/// files inside the current folder are shown from it and others in full.
/// Found by showing one such path; working it out from the root and the
/// current folder for each of 100,000 entries was a twentieth of the time
/// of `list` on an indexed journal.
fn shared_prefix(context: &Context, journal: &Journal) -> Option<Vec<u8>> {
    let inside = context.cwd.starts_with(&journal.root) && context.cwd != journal.root;
    if context.terminal || journal.is_union() || inside {
        return None;
    }
    let mut shown = shown_path(context, &journal.file("x"));
    (shown.pop() == Some(b'x')).then_some(shown)
}

/// A path as `--format paths` prints it: relative to the current folder when
/// inside it, byte for byte for a pipe; on a terminal, control characters
/// (a file name can hold an escape byte) are shown as escapes.
fn shown_path(context: &Context, path: &Path) -> Vec<u8> {
    let bytes = path_bytes(path.strip_prefix(&context.cwd).unwrap_or(path));
    if !context.terminal {
        return bytes;
    }
    let mut shown = String::new();
    for chunk in bytes.utf8_chunks() {
        shown.push_str(&crate::render::escape_controls(chunk.valid(), false));
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02x}"));
        }
    }
    shown.into_bytes()
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// The entries as a table. New columns go at the end, so that scripts reading
/// the CSV by position keep working; a union of journals adds the journal.
fn table(entries: &[&Entry], journal: &Journal) -> Table {
    let mut columns = vec![
        Column::left("date", "Date"),
        Column::left("kind", "Kind"),
        Column::left("site", "Site"),
        Column::left("title", "Title"),
        Column::right("customers", "Customers"),
        Column::left("tags", "Tags"),
        Column::left("people", "People"),
    ];
    if journal.is_union() {
        columns.push(Column::left("journal", "Journal"));
    }
    let mut table = Table::new(columns);
    for e in entries {
        let mut row = vec![
            e.date.to_string(),
            e.kind.to_string(),
            e.site.to_string(),
            e.title.to_string(),
            e.customers.map_or_else(String::new, |n| n.to_string()),
            e.tags.join(", "),
            e.people.join(", "),
        ];
        if journal.is_union() {
            row.push(journal.label_of(&e.path).to_string());
        }
        table.push(row);
    }
    table
}
