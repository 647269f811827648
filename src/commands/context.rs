//! What every command may need from its surroundings, decided once: the
//! journal named, today, the current folder, the terminal, the index; and
//! the helpers that load a journal for a command.

use clap::ValueEnum;
use jiff::civil::Date;
use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::output::{self, Output};
use crate::edit::transaction;
use crate::error::{Error, Result};
use crate::model::diagnostic::skipped_summary;
use crate::model::journal::{Bodies, Journal, Notice};
use crate::model::period;
use crate::read::find::Location;
use crate::read::worktree::{Cache, Sieve};

/// Options every command takes, shown under their own heading at the end of
/// each command's help.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The journal folder (default: $INSIGHT_JOURNAL, else the nearest folder upwards holding insight.yaml); repeat to read several journals as one
    #[arg(long, short = 'J', global = true, value_name = "DIR")]
    pub journal: Vec<PathBuf>,
    /// Take DATE as today (2026-07-14, 2026/7/14, yesterday, …), so relative periods give the same answer every run (also INSIGHT_TODAY)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date_arg)]
    pub today: Option<Date>,
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always or never; an explicit always or never wins over NO_COLOR
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Read every entry file, and neither read nor update the index in .insight/ (also INSIGHT_NO_CACHE=1)
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What every command may need from its surroundings, decided once.
pub struct Context {
    /// The command being run (`report`), for hints that point at its help.
    pub command: &'static str,
    /// The journals named with --journal (or INSIGHT_JOURNAL); none to search.
    pub journal: Vec<PathBuf>,
    pub today: Date,
    pub cwd: PathBuf,
    /// Colour on stdout.
    pub color: bool,
    /// stdout's width when it is a terminal; `None` when piped.
    pub width: Option<u16>,
    /// Whether stdout is a terminal (rather than a pipe or a file).
    pub terminal: bool,
    pub interactive: bool,
    /// Whether loading uses the index in `.insight/`.
    pub cache: Cache,
    /// The line about skipped entries, printed last so that stderr ends with it.
    pub skipped: RefCell<Option<String>>,
    /// What loading had to say about the journal as a whole, told once.
    pub notices: RefCell<Vec<Notice>>,
}

impl Context {
    pub fn from_env(global: &GlobalArgs, command: &'static str) -> Result<Context> {
        let cwd = std::env::current_dir()
            .map_err(|e| Error::io("read", Path::new("the current folder"), &e))?;
        let stdout_tty = std::io::stdout().is_terminal();
        // An explicit --color wins over NO_COLOR, as https://no-color.org asks.
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        output::set_stderr_color(match global.color {
            ColorChoice::Auto => None,
            choice => Some(choice == ColorChoice::Always),
        });
        Ok(Context {
            command,
            // An empty INSIGHT_JOURNAL is the same as none.
            journal: if global.journal.is_empty() {
                std::env::var_os("INSIGHT_JOURNAL")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
                    .into_iter()
                    .collect()
            } else {
                global.journal.clone()
            },
            today: match global.today {
                Some(day) => day,
                None => today_in_env()?.unwrap_or_else(clock_today),
            },
            cwd,
            color,
            width: if stdout_tty { terminal_width() } else { None },
            terminal: stdout_tty,
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            cache: match global.no_cache || no_cache_in_env() {
                true => Cache::Bypass,
                false => Cache::Use,
            },
            skipped: RefCell::new(None),
            notices: RefCell::new(Vec::new()),
        })
    }

    /// Finds the journal's folder and reads its settings; first completes
    /// or undoes any edit of its files that a kill left unfinished, so that
    /// what is read is all old or all new.
    pub fn locate(&self) -> Result<Location> {
        let location = Location::find(&self.journal, &self.cwd)?;
        for member in &location.members {
            for told in transaction::recover(&member.root) {
                let hint =
                    "nothing needs doing; `insight check` looks the journal over".to_string();
                self.notices.borrow_mut().push(Notice {
                    message: told,
                    hint,
                });
            }
        }
        Ok(location)
    }

    /// Loads a located journal, then reports on stderr any entries skipped.
    /// `bodies` says whether the command needs the entries' texts in memory.
    pub fn load_located(&self, location: Location, bodies: Bodies) -> &'static Journal {
        let journal = location.load(bodies, self.cache);
        self.heard(&journal);
        for_the_process(journal)
    }

    /// Like [`Context::load_located`], the journal as it may be shared:
    /// for what leaves the journal (see [`crate::query::shared`]).
    pub fn load_shared(&self, location: Location, bodies: Bodies) -> &'static Journal {
        let journal = location.load(bodies, self.cache);
        self.heard(&journal);
        for_the_process(crate::query::shared::shared(journal))
    }

    /// Loads a located journal for a command that shows the entries
    /// `filter` lets through: bodies stay on disk, and `--text` is looked
    /// for while loading (in the index's search texts where it can), its
    /// answer kept in `filter`.
    pub fn load_filtered(
        &self,
        location: Location,
        filter: &mut crate::query::Filter,
    ) -> &'static Journal {
        self.load_filtered_as(location, filter, View::Whole)
    }

    /// Loads a located journal for a command that shows only the entries
    /// `filter` lets through and needs no other: only those are kept (see
    /// [`Location::load_sieved`]). A value of the filter that none of them
    /// has may still be the journal's, in an entry the rest of the filter
    /// let go: the whole journal is loaded then, to tell a typo from that.
    pub fn load_selected(
        &self,
        location: Location,
        filter: &mut crate::query::Filter,
    ) -> &'static Journal {
        if filter.text.is_some() {
            // `--text` is answered while loading, from every entry.
            return self.load_filtered(location, filter);
        }
        let keep = |entry: &crate::model::entry::Entry| filter.matches(entry);
        let sieve = match filter.looks_past_the_head() {
            true => Sieve::by_whole(&keep),
            false => Sieve::by_head(&keep),
        };
        let journal = location.clone().load_sieved(self.cache, &sieve);
        if !crate::check::typed::unmatched(filter, &journal.entries).is_empty() {
            return self.load_filtered(location, filter);
        }
        self.heard(&journal);
        for_the_process(journal)
    }

    /// [`Context::load_filtered`], the whole journal or what may be shared of it.
    pub fn load_filtered_as(
        &self,
        location: Location,
        filter: &mut crate::query::Filter,
        view: View,
    ) -> &'static Journal {
        let search = filter.text.clone();
        let mut journal = location.load_searching(Bodies::Drop, self.cache, search.as_deref());
        self.heard(&journal);
        if view == View::Shared {
            journal = crate::query::shared::shared(journal);
        }
        self.check_typed(filter, &journal);
        filter.text_hits = journal.text_hits.take().map(std::sync::Arc::new);
        for_the_process(journal)
    }

    /// Names, for the end, each value of `filter` that no entry of the
    /// journal has: a typo is not answered with silence.
    pub fn check_typed(&self, filter: &crate::query::Filter, journal: &Journal) {
        let unmatched = crate::check::typed::unmatched(filter, &journal.entries);
        self.notices.borrow_mut().extend(unmatched);
    }

    /// Keeps what a loaded journal has to tell the user, for the end.
    fn heard(&self, journal: &Journal) {
        *self.skipped.borrow_mut() = skipped_summary(&journal.diagnostics);
        let mut notices = self.notices.borrow_mut();
        for notice in &journal.notices {
            if !notices.contains(notice) {
                notices.push(notice.clone());
            }
        }
    }

    pub fn calendar(&self, location: &Location) -> period::Calendar {
        period::Calendar::new(location.config.fiscal_year_start)
    }

    /// A path as the user should see it: relative to the current folder when inside it.
    pub fn display_path(&self, path: &Path) -> String {
        output::shown_path(&self.cwd, path)
    }
}

/// Which journal a command shows: all of it, or what may be shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Whole,
    Shared,
}

/// A value kept until the process ends. A command runs once per process,
/// and freeing the entries of a large journal one by one takes longer than
/// the operating system takes to take back the whole process's memory
/// (about 5% of the CPU of `list` on an indexed journal of 100,000 entries).
pub fn for_the_process<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// The journal's name, for a title: its `name:` setting, else its folder's name.
pub fn journal_name(journal: &Journal) -> String {
    journal.config.name.clone().unwrap_or_else(|| {
        let root = journal
            .root
            .canonicalize()
            .unwrap_or_else(|_| journal.root.clone());
        root.file_name()
            .map_or_else(|| "Journal".into(), |n| n.to_string_lossy().into_owned())
    })
}

/// Whether `INSIGHT_NO_CACHE` asks to bypass the index: set to anything but
/// empty or `0`.
fn no_cache_in_env() -> bool {
    std::env::var_os("INSIGHT_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The day `INSIGHT_TODAY` pins, when it is set and not empty.
fn today_in_env() -> Result<Option<Date>> {
    let Some(text) = std::env::var_os("INSIGHT_TODAY").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let text = text.to_string_lossy();
    parse_date_arg(&text).map(Some).map_err(|message| {
        Error::new(format!("INSIGHT_TODAY: {message}"))
            .hint("set it to a day such as 2026-07-14, or unset it to use the clock")
    })
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

/// Today by the clock, in the system's time zone. Without `TZ`, the zone
/// is read from `/etc/localtime` itself: asking jiff for the system zone
/// by name lists the whole time zone database, on every command.
fn clock_today() -> Date {
    jiff::Timestamp::now().to_zoned(local_zone()).date()
}

fn local_zone() -> jiff::tz::TimeZone {
    let localtime = || std::fs::read("/etc/localtime").ok();
    let data = std::env::var_os("TZ").is_none().then(localtime).flatten();
    data.and_then(|data| jiff::tz::TimeZone::tzif("localtime", &data).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system)
}

/// `--today`: a day in any form a period can name one (`2026-07-14`,
/// `2026/7/14`, `yesterday`, …), the relative ones counted from the clock's today.
pub fn parse_date_arg(text: &str) -> std::result::Result<Date, String> {
    let clock = clock_today();
    period::parse_day(text, clock, period::Calendar::new(1)).map_err(|e| e.to_string())
}

impl Context {
    /// A period that did not read, as the error of `option` (`--since`, …)
    /// or of `--period` when `None`; the hint is the closest valid form when
    /// there is one, else the help of the command that was run.
    pub fn period_error(&self, option: Option<&str>, error: period::PeriodError) -> Error {
        let message = match option {
            Some(option) => format!("{option}: {}", error.message),
            None => error.message,
        };
        let help = || format!("see `insight {} --help` for the period forms", self.command);
        Error::new(message).hint(error.hint.unwrap_or_else(help))
    }
}

/// The formats of commands whose output is one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Markdown,
    Json,
    /// One JSON object per line, for jq, DuckDB and streaming tools
    Jsonl,
    Csv,
}

impl Context {
    /// Draws one table in `format`; JSON and JSON Lines show `records` instead. An empty
    /// table says `empty` on stderr rather than nothing at all.
    pub fn tabular<T: serde::Serialize>(
        &self,
        format: TableFormat,
        table: &crate::render::Table,
        records: &[T],
        empty: &'static str,
    ) -> Output {
        use crate::render;
        Output::Text(match format {
            TableFormat::Table if table.rows.is_empty() => return Output::Nothing(empty),
            TableFormat::Table => render::text_table(table, self.width, self.color),
            TableFormat::Markdown => render::markdown_table(table),
            TableFormat::Csv => render::csv_table(table),
            TableFormat::Json => render::json(records),
            TableFormat::Jsonl => render::json_lines(records),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `a` and `b` give the same offset a day apart over fifty
    /// years, through every change of offset.
    fn same_offsets(a: &jiff::tz::TimeZone, b: &jiff::tz::TimeZone) -> bool {
        (0..18_262).all(|day| {
            let instant = jiff::Timestamp::from_second(1_000_000_000 + day * 86_400).unwrap();
            a.to_offset(instant) == b.to_offset(instant)
        })
    }

    #[test]
    fn a_zone_read_from_its_file_is_the_zone_jiff_names() {
        for name in ["America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"] {
            let data = std::fs::read(format!("/usr/share/zoneinfo/{name}")).unwrap();
            let read = jiff::tz::TimeZone::tzif("localtime", &data).unwrap();
            assert!(same_offsets(&read, &jiff::tz::TimeZone::get(name).unwrap()));
        }
        assert!(same_offsets(&local_zone(), &jiff::tz::TimeZone::system()));
    }
}
