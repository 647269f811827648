//! `insight export DIR`: the journal as tidy tables, one file each, for
//! DuckDB, a spreadsheet or a BI warehouse.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use super::filters::FilterArgs;
use crate::edit::write;
use crate::error::{Error, Result};
use crate::query::{self, Order};
use crate::render::export::{self, Source};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write the tables into: new, empty, or an earlier export
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// One file per table, as RFC 4180 CSV with a header row, or JSON Lines
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

/// The file that marks a folder as an export, and lists what it wrote.
const MANIFEST: &str = "insight-export.json";

#[derive(Serialize, Deserialize)]
struct Manifest {
    generator: String,
    files: Vec<String>,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let location = context.locate()?;
    let filter = args.filters.filter(context, &location)?;
    let dir = context.cwd.join(&args.dir);
    let earlier = earlier_export(&dir)?;
    let journal = context.load_located(location, crate::model::journal::Bodies::Keep);
    let selected = query::select(&journal.entries, &filter, Order::default());
    let tables = export::tables(&Source {
        journal,
        selected: &selected,
        day: filter.last_day().min(context.today),
    });
    let extension = match args.format {
        Format::Csv => "csv",
        Format::Jsonl => "jsonl",
    };
    let mut written = Vec::new();
    for table in &tables {
        let name = format!("{}.{extension}", table.name);
        let path = dir.join(&name);
        if path.exists() && !earlier.contains(&name) {
            return Err(Error::new(format!(
                "{} exists and was not written by insight export; not replacing it",
                path.display()
            ))
            .hint("export into a new or empty folder"));
        }
        let text = match args.format {
            Format::Csv => export::csv(table),
            Format::Jsonl => export::jsonl(table),
        };
        write::replace(&path, text.as_bytes())?;
        written.push(name);
    }
    // Files of an earlier export that this one does not write again (the
    // other format's) were ours to write, and are ours to remove.
    for stale in earlier.iter().filter(|name| !written.contains(name)) {
        let _ = std::fs::remove_file(dir.join(stale));
    }
    let manifest = Manifest {
        generator: format!("insight {}", env!("CARGO_PKG_VERSION")),
        files: written.clone(),
    };
    write::replace(
        &dir.join(MANIFEST),
        crate::render::json(&manifest).as_bytes(),
    )?;
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    writeln!(
        out,
        "wrote {} tables, {rows} rows, to {}",
        tables.len(),
        context.display_path(&dir)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The files an earlier export wrote into `dir`; none for a new or empty
/// folder. A folder with other files and no manifest is refused.
fn earlier_export(dir: &Path) -> Result<BTreeSet<String>> {
    let Ok(mut listing) = std::fs::read_dir(dir) else {
        if dir.exists() {
            return Err(Error::new(format!("{} is not a folder", dir.display())));
        }
        return Ok(BTreeSet::new());
    };
    let manifest = std::fs::read_to_string(dir.join(MANIFEST))
        .ok()
        .and_then(|text| serde_json::from_str::<Manifest>(&text).ok());
    match manifest {
        // Only plain names: a manifest can never point outside its folder.
        Some(m) => Ok(m
            .files
            .into_iter()
            .filter(|f| !f.contains(['/', '\\']) && f != ".." && f != MANIFEST)
            .collect()),
        None if listing.next().is_none() => Ok(BTreeSet::new()),
        None => Err(Error::new(format!(
            "{} is not empty and holds no earlier export",
            dir.display()
        ))
        .hint("export into a new or empty folder, or into one an earlier `insight export` wrote")),
    }
}
