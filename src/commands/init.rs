//! `insight init`: lay down a new journal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use crate::error::{Error, Result};
use crate::template::JOURNAL_FILES;
use crate::write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the journal (created if missing)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let dir = context.cwd.join(&args.dir);
    let existing: Vec<String> = JOURNAL_FILES
        .iter()
        .map(|(path, _)| dir.join(path))
        .filter(|path| path.exists())
        .map(|path| context.display_path(&path))
        .collect();
    if !existing.is_empty() {
        return Err(Error::new(format!(
            "not creating a journal in {}: these files exist and would be replaced: {}",
            shown(context, &dir),
            existing.join(", ")
        ))
        .hint("choose an empty folder, or move those files away first"));
    }
    for (path, contents) in JOURNAL_FILES {
        write::create_new(&dir.join(path), contents.as_bytes())?;
    }
    let entries = dir.join("visits");
    std::fs::create_dir_all(&entries).map_err(|e| Error::io("create", &entries, &e))?;
    writeln!(out, "Created a journal in {}", shown(context, &dir))?;
    for (path, _) in JOURNAL_FILES {
        writeln!(out, "  {path}")?;
    }
    writeln!(out, "\nNext: record a visit with")?;
    let cd = if args.dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", shown(context, &dir))
    };
    writeln!(
        out,
        "  {cd}insight new visit --site \"Cub Foods, Minneapolis\" --role bakery"
    )?;
    Ok(ExitCode::SUCCESS)
}

fn shown(context: &Context, dir: &Path) -> String {
    match context.display_path(dir).as_str() {
        "" => ".".to_string(),
        other => other.to_string(),
    }
}
