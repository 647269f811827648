//! `insight`: keep and read a customer-insight journal, one Markdown file per
//! visit. The binary is a thin shell around this library.
//!
//! Data flows load → query → aggregate → render: [`journal`] reads the disk,
//! [`query`] selects, [`aggregate`] summarizes, [`render`] draws. The middle
//! stages are pure.

pub mod aggregate;
pub mod check;
pub mod commands;
pub mod edit;
pub mod error;
pub mod model;
pub mod parse;
pub mod query;
pub mod read;
pub mod render;

use std::io::IsTerminal;

/// Prints a warning on stderr, its label in colour on a terminal. Control
/// characters (from a file name, a tag) are shown as escapes.
pub fn warn(message: &str) {
    let message = render::escape_controls(message, true);
    eprintln!("{} {message}", label("warning:", "33"));
}

/// Prints an error and its hints on stderr, control characters as escapes.
pub fn report(error: &error::Error) {
    let message = render::escape_controls(&error.message, true);
    eprintln!("{} {message}", label("error:", "31"));
    for hint in &error.hints {
        let hint = render::escape_controls(hint, true);
        eprintln!("{} {hint}", label("hint:", "36"));
    }
}

/// `--color` for stderr's labels: 0 auto, 1 always, 2 never. Set once by the
/// command line; a process-wide setting because warnings come from everywhere.
static STDERR_COLOR: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Makes `--color always` or `never` hold for stderr's labels as for stdout.
pub fn set_stderr_color(always: Option<bool>) {
    let choice = match always {
        None => 0,
        Some(true) => 1,
        Some(false) => 2,
    };
    STDERR_COLOR.store(choice, std::sync::atomic::Ordering::Relaxed);
}

fn label(text: &str, ansi_color: &str) -> String {
    let color = match STDERR_COLOR.load(std::sync::atomic::Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if color {
        format!("\x1b[1;{ansi_color}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}
