//! `insight init`: lay down a new journal.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Context;
use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::template::JOURNAL_FILES;
use crate::write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the journal (created if missing)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// Creates every file of a new journal that is not there yet. A file that is
/// (a repository's own README or .gitignore) is kept as it is and named.
pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let dir = context.cwd.join(&args.dir);
    let shown = shown(context, &dir);
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::new(format!(
            "{shown} is already a journal: it has {CONFIG_FILE}"
        ))
        .hint("`insight new visit --site …` adds an entry to it"));
    }
    let mut kept = Vec::new();
    writeln!(out, "Created a journal in {shown}")?;
    for (path, contents) in JOURNAL_FILES {
        let target = dir.join(path);
        if target.exists() {
            kept.push(path);
            continue;
        }
        write::create_new(&target, contents.as_bytes())?;
        writeln!(out, "  {path}")?;
    }
    let entries = dir.join("visits");
    std::fs::create_dir_all(&entries).map_err(|e| Error::io("create", &entries, &e))?;
    for path in kept {
        let advice = if path == ".gitignore" {
            "; add the line `.insight/` to it"
        } else {
            ""
        };
        writeln!(out, "Kept your {path} as it was{advice}")?;
    }
    writeln!(out, "\nNext: record a visit with")?;
    let cd = if args.dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {shown} && ")
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
