//! `insight show`: one entry, found by path or by part of its file name.

use clap::ValueEnum;

use super::context::Context;
use super::output::Done;
use crate::aggregate::history::History;
use crate::aggregate::record::{EntryRecord, EntryWithBody};
use crate::error::{Error, Result};
use crate::model::entry::{Entry, file_stem};
use crate::model::fold;
use crate::model::journal::Journal;
use crate::render::{self, escape_controls};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A path to the entry, or a part of its file name that only it has (case and accents do not count)
    #[arg(value_name = "ENTRY")]
    pub entry: String,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The fields, then the text
    Table,
    /// The fields and the text as one JSON object
    Json,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let journal = context.load_located(location, crate::model::journal::Bodies::Keep);
    let entry = find(journal, context, &args.entry)?;
    let history = History::new(&journal.entries, journal.config.default_status());
    let text = match args.format {
        Format::Table => fields(&EntryRecord::new(entry, &history), entry),
        Format::Json => render::json(&EntryWithBody {
            entry: EntryRecord::new(entry, &history),
            body: &entry.body,
        }),
    };
    Ok(Done::text(text))
}

/// Resolves what the user typed: an existing file first, else a unique match
/// on file names, else on sites and titles. A broken entry is reported with its problem, not as missing.
fn find<'a>(journal: &'a Journal, context: &Context, wanted: &str) -> Result<&'a Entry> {
    if let Some(path) = as_journal_path(journal, context, wanted) {
        return by_path(journal, &path).ok_or_else(|| broken_or_outside(journal, &path, wanted));
    }
    let by_file_name: Vec<&Entry> = journal
        .entries
        .iter()
        .filter(|e| fold::contains(file_name(&e.path), wanted))
        .collect();
    // A file name is ASCII, made from the site: `東京` or `Müller` is found
    // in the site or the title as written.
    let matches = match by_file_name.is_empty() {
        true => journal
            .entries
            .iter()
            .filter(|e| fold::contains(&e.site, wanted) || fold::contains(&e.title, wanted))
            .collect(),
        false => by_file_name,
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(broken_or_outside(journal, wanted, wanted)),
        many => {
            // A full file name (without `.md`) is unique even when it is part of others.
            if let Some(exact) = many
                .iter()
                .find(|e| fold::fold(file_stem(&e.path)) == fold::fold(wanted))
            {
                return Ok(exact);
            }
            let mut error = Error::new(format!("`{wanted}` matches {} entries:", many.len()));
            for e in many {
                error = error.detail(format!("{}  {}", e.path, e.title));
            }
            Err(error.hint("type more of the file name, site or title, or the whole path"))
        }
    }
}

/// `wanted` as a journal path, if it names an existing file: relative to
/// the current folder, or a journal path (`team-a/visits/…` in a union).
fn as_journal_path(journal: &Journal, context: &Context, wanted: &str) -> Option<String> {
    [context.cwd.join(wanted), journal.file(wanted)]
        .into_iter()
        .find(|p| p.is_file())
        .and_then(|file| journal.path_of(&file))
}

fn by_path<'a>(journal: &'a Journal, path: &str) -> Option<&'a Entry> {
    journal.entries.iter().find(|e| e.path == path)
}

fn broken_or_outside(journal: &Journal, path: &str, wanted: &str) -> Error {
    let problem = journal
        .diagnostics
        .iter()
        .find(|d| d.path == path || fold::contains(file_name(&d.path), wanted));
    match problem {
        Some(d) => Error::new(format!("{} cannot be shown: {d}", d.path))
            .hint("fix the entry, then try again"),
        None => {
            let stems: Vec<&str> = journal.entries.iter().map(|e| file_stem(&e.path)).collect();
            let error = Error::new(format!("no entry matches `{wanted}`"));
            match crate::model::suggest::did_you_mean(wanted, &stems) {
                Some(near) => error.hint(format!("did you mean `insight show {near}`?")),
                None => error
                    .hint("`insight list` shows every entry; give a path, or a part of a file name, site or title"),
            }
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The entry as a person reads it: title, path, aligned fields, then the text.
/// An idea's status is as the entry states it, or marked as inherited from
/// the idea's earlier mentions.
fn fields(record: &EntryRecord, entry: &Entry) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("date", entry.date.to_string()),
        ("kind", entry.kind.to_string()),
        ("site", entry.site.to_string()),
    ];
    if let Some(role) = &entry.role {
        rows.push(("role", role.to_string()));
    }
    if !entry.people.is_empty() {
        rows.push(("people", entry.people.join(", ")));
    }
    // Unknown is not zero: an entry that does not say shows a dash.
    let unknown = || "–".to_string();
    rows.push((
        "customers",
        entry.customers.map_or_else(unknown, |n| n.to_string()),
    ));
    rows.push(("hours", entry.hours.map_or_else(unknown, render::number)));
    if !entry.tags.is_empty() {
        rows.push(("tags", entry.tags.join(", ")));
    }
    for (i, idea) in record.ideas.iter().enumerate() {
        let id = idea.id.map(|id| format!("[{id}] ")).unwrap_or_default();
        let inherited = if idea.status_inherited {
            ", inherited"
        } else {
            ""
        };
        let owner = idea
            .owner
            .map(|o| format!(", owner {o}"))
            .unwrap_or_default();
        rows.push((
            if i == 0 { "ideas" } else { "" },
            format!("{id}{} ({}{inherited}{owner})", idea.title, idea.status),
        ));
    }
    // Everything from the journal is shown escaped: a site or a body must
    // never move a terminal's cursor or turn its text around.
    let line = |text: &str| escape_controls(text, false).into_owned();
    let mut out = format!("{}\n{}\n\n", line(&entry.title), line(&entry.path));
    for (name, value) in rows {
        out.push_str(&format!("{name:<10} {}\n", line(&value)));
    }
    let body = entry.body.trim_matches(['\n', '\r']);
    if !body.is_empty() {
        out.push('\n');
        out.push_str(&escape_controls(&body.replace("\r\n", "\n"), true));
        out.push('\n');
    }
    out
}
