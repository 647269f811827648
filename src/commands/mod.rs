//! The command line: global options, one module per subcommand, and dispatch.
//! Each subcommand module holds its `Args` and a `run` that glues the stages.

mod check;
mod filters;
mod ideas;
mod init;
mod list;
mod new;
mod people;
mod quotes;
mod report;
mod show;
mod tags;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diagnostic::skipped_summary;
use crate::error::{Error, Result};
use crate::journal::{Journal, Location};
use crate::period;

/// Keep and read a customer-insight journal: one Markdown file per visit.
#[derive(Debug, Parser)]
#[command(name = "insight", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// The journal folder (default: $INSIGHT_JOURNAL, else the nearest folder upwards holding insight.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub journal: Option<PathBuf>,
    /// Take DATE (YYYY-MM-DD) as today, so relative periods give the same answer every run
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date_arg)]
    pub today: Option<Date>,
    /// When to use colour; NO_COLOR in the environment means never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
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
    /// Check the journal (or the named entries) for errors and likely mistakes
    Check(check::Args),
}

/// What every command may need from its surroundings, decided once.
pub struct Context {
    pub journal: Option<PathBuf>,
    pub today: Date,
    pub cwd: PathBuf,
    /// Colour on stdout.
    pub color: bool,
    /// stdout's width when it is a terminal; `None` when piped.
    pub width: Option<u16>,
    /// Whether stdout is a terminal (rather than a pipe or a file).
    pub terminal: bool,
    pub interactive: bool,
    /// The line about skipped entries, printed last so that stderr ends with it.
    skipped: RefCell<Option<String>>,
}

impl Context {
    pub fn from_env(global: &GlobalArgs) -> Result<Context> {
        let cwd = std::env::current_dir()
            .map_err(|e| Error::io("read", Path::new("the current folder"), &e))?;
        let stdout_tty = std::io::stdout().is_terminal();
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Ok(Context {
            // An empty INSIGHT_JOURNAL is the same as none.
            journal: global.journal.clone().or_else(|| {
                std::env::var_os("INSIGHT_JOURNAL")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
            today: global.today.unwrap_or_else(|| jiff::Zoned::now().date()),
            cwd,
            color,
            width: if stdout_tty { terminal_width() } else { None },
            terminal: stdout_tty,
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            skipped: RefCell::new(None),
        })
    }

    /// Finds the journal's folder and reads its settings.
    pub fn locate(&self) -> Result<Location> {
        Location::find(self.journal.as_deref(), &self.cwd)
    }

    /// Loads a located journal, then reports on stderr any entries skipped.
    pub fn load_located(&self, location: Location) -> Journal {
        let journal = location.load();
        *self.skipped.borrow_mut() = skipped_summary(&journal.diagnostics);
        journal
    }

    pub fn calendar(&self, location: &Location) -> period::Calendar {
        period::Calendar::new(location.config.fiscal_year_start)
    }

    /// A path as the user should see it: relative to the current folder when inside it.
    pub fn display_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.cwd)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// `COLUMNS` when set (as terminals and `script` set it), else what the terminal says.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        // A width too small for any table is a mistake, not a wish.
        .filter(|width| *width >= 20)
        .or_else(crate::render::terminal_width)
}

pub fn parse_date_arg(text: &str) -> std::result::Result<Date, String> {
    period::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

/// The formats of commands whose output is one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

impl Context {
    /// Draws one table in `format`; JSON shows `records` instead. An empty
    /// table on a terminal says `empty` on stderr rather than nothing at all.
    pub fn tabular<T: serde::Serialize + ?Sized>(
        &self,
        format: TableFormat,
        table: &crate::render::Table,
        records: &T,
        empty: &str,
    ) -> String {
        use crate::render;
        match format {
            TableFormat::Table if table.rows.is_empty() => {
                eprintln!("{empty}");
                String::new()
            }
            TableFormat::Table => render::text_table(table, self.width, self.color),
            TableFormat::Markdown => render::markdown_table(table),
            TableFormat::Csv => render::csv_table(table),
            TableFormat::Json => render::json(records),
        }
    }
}

/// Runs the command line and says how the process should exit.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let context = Context::from_env(&cli.global)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Init(args) => init::run(&context, args, &mut out)?,
        Command::New(args) => new::run(&context, args, &mut out)?,
        Command::List(args) => list::run(&context, args, &mut out)?,
        Command::Show(args) => show::run(&context, args, &mut out)?,
        Command::Tags(args) => tags::run(&context, args, &mut out)?,
        Command::Report(args) => report::run(&context, args, &mut out)?,
        Command::Ideas(args) => ideas::run(&context, args, &mut out)?,
        Command::People(args) => people::run(&context, args, &mut out)?,
        Command::Quotes(args) => quotes::run(&context, args, &mut out)?,
        Command::Check(args) => check::run(&context, args, &mut out)?,
    };
    out.flush()?;
    if let Some(summary) = context.skipped.take() {
        crate::warn(&summary);
    }
    Ok(code)
}
