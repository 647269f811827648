//! The one output step of every command, as hledger's commands end: a
//! command builds what it has to say, and it is written here once: to
//! stdout, or to the file `-o` names, replaced whole. Every line insight
//! writes to stderr goes through here too, control characters escaped.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use crate::edit::write;
use crate::error::{Error, Result};
use crate::read::progress::Progress;
use crate::render::escape_controls;

/// What a command prints on stdout, made whole before anything is written.
#[derive(Debug)]
pub enum Output {
    Text(String),
    /// Bytes written as they are: file names for `xargs -0`, a manual page.
    Bytes(Vec<u8>),
    /// Nothing to show: this line goes to stderr instead, so that an empty
    /// answer is never silent, and stdout stays empty.
    Nothing(&'static str),
}

impl Output {
    /// `--limit 0` asks for nothing: it gets nothing, and no word about it,
    /// as `head -n 0` does.
    pub fn limited(self, limit: Option<usize>) -> Output {
        match (self, limit) {
            (Output::Nothing(_), Some(0)) => Output::Text(String::new()),
            (output, _) => output,
        }
    }
}

/// How a command ended: what it prints, where to, and the exit code.
#[derive(Debug)]
pub struct Done {
    pub output: Output,
    /// The file `-o` named, already judged safe to replace; else stdout.
    pub file: Option<PathBuf>,
    pub code: ExitCode,
}

impl Done {
    /// Success, with `output` on stdout.
    pub fn print(output: Output) -> Done {
        Done {
            output,
            file: None,
            code: ExitCode::SUCCESS,
        }
    }

    /// Success, with `text` on stdout.
    pub fn text(text: String) -> Done {
        Done::print(Output::Text(text))
    }

    pub fn exit(self, code: ExitCode) -> Done {
        Done { code, ..self }
    }

    /// Writes the output to `file` instead of stdout.
    pub fn into_file(self, file: PathBuf) -> Done {
        Done {
            file: Some(file),
            ..self
        }
    }
}

/// Writes what a command produced, and says how the process should exit;
/// `cwd` is the current folder, from which a written file is named.
pub fn finish(done: Done, cwd: &Path, out: &mut impl Write) -> Result<ExitCode> {
    meter().clear();
    let bytes: &[u8] = match &done.output {
        Output::Text(text) => text.as_bytes(),
        Output::Bytes(bytes) => bytes,
        Output::Nothing(line) => {
            note(line);
            b""
        }
    };
    match &done.file {
        Some(path) => {
            write::replace(path, bytes)?;
            note(&format!("wrote {}", shown_path(cwd, path)));
        }
        None => {
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(done.code)
}

/// A path as the user should see it: relative to the current folder `cwd`
/// when inside it.
pub fn shown_path(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// A line on stderr: a note about what was done, with control characters
/// (from a file name, a tag) shown as escapes, a line break among them.
pub fn note(message: &str) {
    meter().clear();
    eprintln!("{}", shown(message));
}

/// Each line of `lines` on stderr, as [`note`] shows one.
pub fn note_lines(lines: &str) {
    for line in lines.lines() {
        note(line);
    }
}

/// A warning on stderr, its label in colour on a terminal.
pub fn warn(message: &str) {
    meter().clear();
    eprintln!("{} {}", label("warning:", "33"), shown(message));
}

/// The one rule for a line insight writes to stderr: one line, whatever the
/// text from the journal in it holds.
fn shown(line: &str) -> std::borrow::Cow<'_, str> {
    escape_controls(line, false)
}

/// A warning and what to do about it, on stderr.
pub fn warn_with_hint(message: &str, hint: &str) {
    warn(message);
    eprintln!("{} {}", label("hint:", "36"), shown(hint));
}

/// An error and its hints on stderr; insight's own mistakes say so.
pub fn report_error(error: &Error) {
    let (message, hints) = error.told();
    meter().clear();
    eprintln!("{} {}", label("error:", "31"), shown(&message));
    for detail in &error.details {
        eprintln!("  {}", shown(detail));
    }
    for hint in &hints {
        eprintln!("{} {}", label("hint:", "36"), shown(hint));
    }
}

/// Asks `question` on stderr and reads the answer from stdin.
pub fn prompt(question: &str) -> Result<String> {
    eprint!("{}", shown(question));
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::new(format!("cannot read the answer: {e}")))?;
    Ok(answer)
}

/// A long edit's progress on stderr, for a person at a terminal: shown once
/// the work has taken longer than a second (`INSIGHT_PROGRESS_AFTER_MS`
/// sets another delay), as the count done, the rate and the time left, on
/// one line drawn over itself at most ten times a second.
pub struct Meter {
    start: Instant,
    after: Duration,
    terminal: bool,
    /// When the line was last drawn, if it was, and the step shown, with
    /// when it began.
    drawn: Mutex<Drawn>,
}

#[derive(Default)]
struct Drawn {
    at: Option<Instant>,
    /// The step shown, when it was first told of and how far it had got then.
    step: Option<(&'static str, Instant, usize)>,
}

/// The one meter of this process: its clock starts when it is first asked
/// for, which the command line does as it starts.
static METER: std::sync::LazyLock<Meter> = std::sync::LazyLock::new(Meter::new);

/// The process's meter, on which every long step is drawn.
pub fn meter() -> &'static Meter {
    &METER
}

impl Meter {
    fn new() -> Meter {
        let after = std::env::var("INSIGHT_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        Meter {
            start: Instant::now(),
            after,
            terminal: std::io::stderr().is_terminal(),
            drawn: Mutex::new(Drawn::default()),
        }
    }

    /// Takes the line away, if it is drawn, so that what is printed next
    /// starts on a clean line.
    pub fn clear(&self) {
        let mut drawn = self.drawn.lock().unwrap_or_else(|p| p.into_inner());
        if drawn.at.take().is_some() {
            eprint!("\r\x1b[K");
        }
    }
}

impl Progress for Meter {
    fn step(&self, what: &'static str, done: usize, total: usize) {
        if !self.terminal {
            return;
        }
        let mut drawn = self.drawn.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        // A step's rate is counted from when it was first told of, since
        // what was done before then took time this clock did not see; the
        // first step of all, from the start of the command.
        let (begun, done_then) = match drawn.step {
            Some((step, begun, done_then)) if step == what => (begun, done_then),
            None => {
                drawn.step = Some((what, self.start, 0));
                (self.start, 0)
            }
            Some(_) => {
                drawn.step = Some((what, now, done));
                (now, done)
            }
        };
        let due = drawn
            .at
            .is_none_or(|at| now - at >= Duration::from_millis(100));
        if self.start.elapsed() < self.after || (!due && done < total) {
            return;
        }
        drawn.at = Some(now);
        let rate = (done - done_then.min(done)) as f64 / (now - begun).as_secs_f64().max(0.001);
        eprint!("\r{}\x1b[K", progress_line(what, done, total, rate));
    }
}

/// `replacing 23,502 of 50,000 files, 1,234 a second, about 21 s left`, for
/// the step `what`, `replacing files`, going at `rate` items a second.
pub fn progress_line(what: &str, done: usize, total: usize, rate: f64) -> String {
    let left = (total.saturating_sub(done)) as f64 / rate.max(0.001);
    let (verb, noun) = what.split_once(' ').unwrap_or((what, "items"));
    format!(
        "{verb} {} of {} {noun}, {} a second, about {} s left",
        thousands(done),
        thousands(total),
        thousands(rate.round() as usize),
        left.ceil() as u64
    )
}

/// `50000` as `50,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `--color` for stderr's labels: 0 auto, 1 always, 2 never. Set once by the
/// command line; a process-wide setting because warnings come from everywhere.
static STDERR_COLOR: AtomicU8 = AtomicU8::new(0);

/// Makes `--color always` or `never` hold for stderr's labels as for stdout.
pub fn set_stderr_color(always: Option<bool>) {
    let choice = match always {
        None => 0,
        Some(true) => 1,
        Some(false) => 2,
    };
    STDERR_COLOR.store(choice, Ordering::Relaxed);
}

/// Whether what goes to stderr is painted: `--color`, else a terminal
/// without NO_COLOR.
pub fn stderr_color() -> bool {
    match STDERR_COLOR.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn label(text: &str, ansi_color: &str) -> String {
    if stderr_color() {
        format!("\x1b[1;{ansi_color}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_line_says_how_far_how_fast_and_how_long() {
        let line = progress_line("replacing files", 23_502, 50_000, 23_502.0 / 19.0);
        assert_eq!(
            line,
            "replacing 23,502 of 50,000 files, 1,237 a second, about 22 s left"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
    }
}
