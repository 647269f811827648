//! `insight init`: lay down a new journal.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::context::Context;
use super::output::Done;
use crate::edit::template::JOURNAL_FILES;
use crate::edit::write;
use crate::error::{Error, Result};
use crate::model::config::CONFIG_FILE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the journal (default: --journal, else the current folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Creates every file of a new journal that is not there yet. A file that is
/// (a repository's own README or .gitignore) is kept as it is and named.
pub fn run(context: &Context, args: Args) -> Result<Done> {
    let mut out = String::new();
    let typed = args
        .dir
        .or_else(|| context.journal.first().cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    let dir = context.cwd.join(&typed);
    let shown = shown(context, &dir);
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::new(format!(
            "{shown} is already a journal: it has {CONFIG_FILE}"
        ))
        .hint("`insight new visit --site …` adds an entry to it"));
    }
    // The entries folder first and the settings last: if anything fails on the
    // way, the folder is not yet a journal and `init` can simply be run again.
    let entries = dir.join("visits");
    std::fs::create_dir_all(&entries).map_err(|e| Error::io("create", &entries, &e))?;
    let mut settings_last: Vec<(&str, &str)> = JOURNAL_FILES.to_vec();
    settings_last.rotate_left(1);
    let mut kept = Vec::new();
    for (path, contents) in settings_last {
        let target = dir.join(path);
        if target.exists() {
            kept.push(path);
        } else {
            write::create_new(&target, contents.as_bytes())?;
        }
    }
    writeln!(&mut out, "Created a journal in {shown}")?;
    for (path, _) in JOURNAL_FILES
        .iter()
        .filter(|(path, _)| !kept.contains(path))
    {
        writeln!(&mut out, "  {path}")?;
    }
    for path in JOURNAL_FILES
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| kept.contains(path))
    {
        let advice = if path == ".gitignore" {
            "; add the line `.insight` to it"
        } else {
            ""
        };
        writeln!(&mut out, "Kept your {path} as it was{advice}")?;
    }
    writeln!(&mut out, "\nNext: record a visit with")?;
    let cd = if typed == Path::new(".") {
        String::new()
    } else {
        format!("cd {shown} && ")
    };
    writeln!(
        &mut out,
        "  {cd}insight new visit --site \"Cub Foods, Minneapolis\" --role bakery"
    )?;
    Ok(Done::text(out))
}

fn shown(context: &Context, dir: &Path) -> String {
    match context.display_path(dir).as_str() {
        "" => ".".to_string(),
        other => other.to_string(),
    }
}
