//! Writing an export's tables into a folder without ever touching a file it
//! did not write: a manifest, `insight-export.json`, lists the files an
//! export wrote, and only those are replaced (or removed, when the next
//! export writes the other format).

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

use crate::edit::write;
use crate::error::{Error, Result};

const MANIFEST: &str = "insight-export.json";

#[derive(Serialize, Deserialize)]
struct Manifest {
    generator: String,
    files: Vec<String>,
}

/// Writes `files` (each a plain file name and its text) into `dir`, which
/// may be new, empty, or an earlier export's folder; refuses a folder
/// holding anything else, and never replaces a file another program wrote.
pub fn write_tables(dir: &Path, files: &[(String, String)]) -> Result<()> {
    let earlier = earlier_export(dir)?;
    for (name, _) in files {
        let path = dir.join(name);
        if path.exists() && !earlier.contains(name) {
            return Err(Error::new(format!(
                "{} exists and was not written by insight export; not replacing it",
                path.display()
            ))
            .hint("export into a new or empty folder"));
        }
    }
    for (name, text) in files {
        write::replace(&dir.join(name), text.as_bytes())?;
    }
    let written: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    // Files of an earlier export that this one does not write again (the
    // other format's) were ours to write, and are ours to remove.
    for stale in earlier.iter().filter(|name| !written.contains(name)) {
        let _ = std::fs::remove_file(dir.join(stale));
    }
    let manifest = Manifest {
        generator: format!("insight {}", env!("CARGO_PKG_VERSION")),
        files: written,
    };
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    write::replace(&dir.join(MANIFEST), json.as_bytes())
}

/// The files an earlier export wrote into `dir`, from its manifest; none
/// for a new or empty folder; an error for a folder holding anything else.
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
