//! The command line: global options, one module per subcommand, and
//! dispatch. Each subcommand module holds its `Args` and a `run` that glues
//! the stages and returns what to print; `output` writes it, once.

mod candidates;
mod check;
mod completions;
pub mod context;
mod diff;
mod export;
mod filters;
mod ideas;
mod init;
mod list;
mod lsp;
mod man;
mod new;
pub mod output;
mod people;
mod quotes;
mod report;
mod show;
mod site;
mod tags;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

use crate::error::Result;
use context::{Context, GlobalArgs};
use output::Done;

/// Keep and read a customer-insight journal: one Markdown file per visit.
#[derive(Debug, Parser)]
#[command(name = "insight", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new journal in DIR (default: the current folder)
    Init(init::Args),
    /// Create an entry from a template, e.g. `insight new visit --site "Cub Foods"`
    New(new::Args),
    /// List entries, filtered and sorted
    List(list::Args),
    /// Show one entry: its fields and its text
    Show(show::Args),
    /// Count the entries that carry each tag
    Tags(tags::Args),
    /// The quarterly report (default: this quarter): totals, kinds, tags, sites, ideas, coverage, quotes, trend
    Report(report::Args),
    /// Every idea, merged across entries: status, mentions, reach
    Ideas(ideas::Args),
    /// Who has been out (default: this fiscal year so far), against their group's yearly target
    People(people::Args),
    /// What customers said: the block quotes of the entries, newest first
    Quotes(quotes::Args),
    /// Check the journal (or the named entries, or what is staged) for errors and likely mistakes
    Check(check::Args),
    /// What a branch or commit changes in the journal: entries, ideas, quotes, totals, problems
    Diff(diff::Args),
    /// Write the journal as tidy tables (CSV or JSON Lines) for DuckDB, spreadsheets and BI
    Export(export::Args),
    /// Build the journal as a static website in DIR: the quarters' reports, every idea, tag, person and entry
    Site(site::Args),
    /// Serve an editor over stdin and stdout (the Language Server Protocol): check entries as they are typed, complete, hover, go to an idea
    Lsp(lsp::Args),
    /// Print a completion script for bash, zsh, fish, powershell or elvish
    Completions(completions::Args),
    /// Print the manual page (roff), e.g. `insight man | man -l -`
    Man(man::Args),
}

impl Command {
    /// The command's name, as typed: `insight NAME`.
    fn name(&self) -> &'static str {
        match self {
            Command::Init(_) => "init",
            Command::New(_) => "new",
            Command::List(_) => "list",
            Command::Show(_) => "show",
            Command::Tags(_) => "tags",
            Command::Report(_) => "report",
            Command::Ideas(_) => "ideas",
            Command::People(_) => "people",
            Command::Quotes(_) => "quotes",
            Command::Check(_) => "check",
            Command::Diff(_) => "diff",
            Command::Export(_) => "export",
            Command::Site(_) => "site",
            Command::Lsp(_) => "lsp",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }
}

/// Runs the command line and says how the process should exit.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let context = Context::from_env(&cli.global, cli.command.name())?;
    // A read of a large journal without its index, or on a cold disk, can
    // take seconds: after one, a terminal is shown how far it has got. The
    // language server's stderr is the editor's log, so it is left out.
    if !matches!(cli.command, Command::Lsp(_)) {
        crate::read::progress::watch_reads(output::meter());
    }
    let done: Done = match cli.command {
        Command::Init(args) => init::run(&context, args)?,
        Command::New(args) => new::run(&context, args)?,
        Command::List(args) => list::run(&context, args)?,
        Command::Show(args) => show::run(&context, args)?,
        Command::Tags(args) => tags::run(&context, args)?,
        Command::Report(args) => report::run(&context, args)?,
        Command::Ideas(args) => ideas::run(&context, args)?,
        Command::People(args) => people::run(&context, args)?,
        Command::Quotes(args) => quotes::run(&context, args)?,
        Command::Check(args) => check::run(&context, args)?,
        Command::Diff(args) => diff::run(&context, args)?,
        Command::Export(args) => export::run(&context, args)?,
        Command::Site(args) => site::run(&context, args)?,
        Command::Lsp(args) => lsp::run(&context, args)?,
        Command::Completions(args) => completions::run(args, Cli::command())?,
        Command::Man(args) => man::run(args, Cli::command())?,
    };
    let stdout = std::io::stdout();
    let code = output::finish(
        done,
        &context.cwd,
        &mut std::io::BufWriter::new(stdout.lock()),
    )?;
    for notice in context.notices.take() {
        output::warn_with_hint(&notice.message, &notice.hint);
    }
    if let Some(summary) = context.skipped.take() {
        output::warn(&summary);
    }
    Ok(code)
}
