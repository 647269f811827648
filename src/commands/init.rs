//! `insight init`: lay down a new journal.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::context::Context;
use super::output::{self, Done};
use crate::edit::setup::{self, Ci, SetUp};
use crate::edit::template::JOURNAL_FILES;
use crate::edit::write;
use crate::error::{Error, Result};
use crate::model::config::CONFIG_FILE;
use crate::read::git;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the journal (default: --journal, else the current folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Outside a git repository, run `git init` in DIR without asking (on a terminal, it is asked)
    #[arg(long, conflicts_with = "no_git")]
    pub git: bool,
    /// Outside a git repository, do not make one, and do not ask
    #[arg(long)]
    pub no_git: bool,
    /// Do not install the pre-commit hook that runs `insight check --staged`
    #[arg(long)]
    pub no_hook: bool,
    /// Also write the CI job that checks every pull request: github (GitHub Actions) or gitlab (GitLab CI)
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub ci: Option<Ci>,
}

/// Creates every file of a new journal that is not there yet. A file that is
/// (a repository's own README or .gitignore) is kept as it is and named.
pub fn run(context: &Context, args: Args) -> Result<Done> {
    let mut out = String::new();
    let choice = git_choice(&args);
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
    set_up_git(context, &choice, &dir, &mut out)?;
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

/// What `init` was told of git.
struct GitChoice {
    git: bool,
    no_git: bool,
    hook: bool,
    ci: Option<Ci>,
}

fn git_choice(args: &Args) -> GitChoice {
    GitChoice {
        git: args.git,
        no_git: args.no_git,
        hook: !args.no_hook,
        ci: args.ci,
    }
}

/// Keeps the journal in git: the repository it is in, else a new one when
/// asked for; then the pre-commit hook and, when asked for, the CI job.
fn set_up_git(context: &Context, choice: &GitChoice, dir: &Path, out: &mut String) -> Result<()> {
    let mut top = git::work_tree(dir);
    if top.is_none() && wants_git(context, choice)? {
        git::init(dir)?;
        writeln!(out, "Made it a git repository (`git init`)")?;
        top = git::work_tree(dir);
    }
    let Some(top) = top else {
        if choice.ci.is_some() {
            return Err(Error::new(
                "--ci writes a CI job into the journal's git repository, and there is none",
            )
            .hint("add --git to make one, or run `git init` first"));
        }
        writeln!(
            out,
            "Not in a git repository: run `git init` there (or `insight init --git`) to review entries like code"
        )?;
        return Ok(());
    };
    let insight = setup::command_for(dir, &top);
    if choice.hook {
        match git::hooks_folder(&top).map(|hooks| setup::hook(&hooks, dir, &top)) {
            Some(Ok(SetUp::Written(path))) => writeln!(
                out,
                "Installed the pre-commit hook {}: it runs `{insight} check --staged`",
                context.display_path(&path)
            )?,
            Some(Ok(SetUp::Kept(path))) => writeln!(
                out,
                "Kept your pre-commit hook {}; add `{insight} check --staged` to it",
                context.display_path(&path)
            )?,
            Some(Err(error)) => return Err(error),
            None => writeln!(
                out,
                "git did not say where its hooks are: no pre-commit hook installed"
            )?,
        }
    }
    if let Some(ci) = choice.ci {
        match setup::ci(ci, dir, &top)? {
            SetUp::Written(path) => writeln!(
                out,
                "Wrote the CI job {}: it checks every pull request (set the variable INSIGHT_GIT to where insight is installed from)",
                context.display_path(&path)
            )?,
            SetUp::Kept(path) => writeln!(
                out,
                "Kept your {}; add a job that runs `{insight} check --strict` to it",
                context.display_path(&path)
            )?,
        }
    }
    Ok(())
}

/// Whether to make a git repository: `--git`, else the answer on a terminal.
fn wants_git(context: &Context, choice: &GitChoice) -> Result<bool> {
    if choice.git || choice.no_git || !context.interactive {
        return Ok(choice.git);
    }
    let answer = output::prompt(
        "Not in a git repository. Run `git init` here, to keep the journal in git [Y/n]: ",
    )?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "" | "y" | "yes"
    ))
}

fn shown(context: &Context, dir: &Path) -> String {
    match context.display_path(dir).as_str() {
        "" => ".".to_string(),
        other => other.to_string(),
    }
}
