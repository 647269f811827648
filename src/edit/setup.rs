//! A journal set up for a team: the pre-commit hook that runs `insight
//! check --staged`, and the CI job that checks every pull request. Each is
//! written only where no file is: a hook or a CI file the team has is kept.

use std::path::{Path, PathBuf};

use crate::edit::write;
use crate::error::Result;

/// The CI services a job can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Actions: `.github/workflows/journal.yml`.
    Github,
    /// GitLab CI: `.gitlab-ci.yml`.
    Gitlab,
}

/// What happened to a file set up: written, or kept as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetUp {
    Written(PathBuf),
    Kept(PathBuf),
}

const HOOK: &str = include_str!("../../journal-template/git/pre-commit");
const GITHUB: &str = include_str!("../../journal-template/git/github-journal.yml");
const GITLAB: &str = include_str!("../../journal-template/git/gitlab-ci.yml");

/// Writes the pre-commit hook into `hooks` (the repository's hooks folder)
/// for the journal at `journal`, in the work tree at `top`.
pub fn hook(hooks: &Path, journal: &Path, top: &Path) -> Result<SetUp> {
    let path = hooks.join("pre-commit");
    if already_there(&path) {
        return Ok(SetUp::Kept(path));
    }
    write::create_new(&path, for_journal(HOOK, journal, top).as_bytes())?;
    executable(&path)?;
    Ok(SetUp::Written(path))
}

/// Writes the CI job of `ci` at the top of the work tree `top`, for the
/// journal at `journal`.
pub fn ci(ci: Ci, journal: &Path, top: &Path) -> Result<SetUp> {
    let (path, text) = match ci {
        Ci::Github => (top.join(".github/workflows/journal.yml"), GITHUB),
        Ci::Gitlab => (top.join(".gitlab-ci.yml"), GITLAB),
    };
    if already_there(&path) {
        return Ok(SetUp::Kept(path));
    }
    write::create_new(&path, for_journal(text, journal, top).as_bytes())?;
    Ok(SetUp::Written(path))
}

/// A file, a folder or a link (even one pointing nowhere) at `path`: the
/// team's, so kept.
fn already_there(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// The command that runs insight on the journal at `journal` from the top
/// of the work tree `top`: plain `insight` there, else `insight --journal`
/// and the journal's folder.
pub fn command_for(journal: &Path, top: &Path) -> String {
    let journal = journal
        .canonicalize()
        .unwrap_or_else(|_| journal.to_path_buf());
    let inside = journal.strip_prefix(top).unwrap_or(Path::new(""));
    match inside.to_str() {
        Some("") | None => "insight".to_string(),
        Some(folder) => format!("insight --journal {}", shell_quoted(folder)),
    }
}

/// `text` with `insight JOURNAL` made the command for the journal.
fn for_journal(text: &str, journal: &Path, top: &Path) -> String {
    text.replace("insight JOURNAL", &command_for(journal, top))
}

/// `word` as the shell reads it back whole: as it is when it holds only
/// letters, digits and `/._-`, else in single quotes.
fn shell_quoted(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(unix)]
fn executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| crate::error::Error::io("make executable", path, &e))
}

#[cfg(not(unix))]
fn executable(_: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_names_a_journal_below_the_top() {
        let top = Path::new("/repo");
        assert_eq!(
            for_journal("exec insight JOURNAL check --staged\n", top, top),
            "exec insight check --staged\n"
        );
        assert_eq!(
            for_journal(
                "exec insight JOURNAL check --staged\n",
                &top.join("teams/cio"),
                top
            ),
            "exec insight --journal teams/cio check --staged\n"
        );
        assert_eq!(
            for_journal("insight JOURNAL check", &top.join("Team's notes"), top),
            r"insight --journal 'Team'\''s notes' check"
        );
    }
}
