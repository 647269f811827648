//! The error a command returns to `main`: what went wrong, and what to do next.

use std::fmt;
use std::io;
use std::path::Path;

/// Every error that ends a command exits with code 2 (usage, configuration or I/O);
/// `check` finding problems is not an error but an outcome, with exit code 1.
#[derive(Debug)]
pub struct Error {
    /// Whose mistake it is: the user's (or their system's), or insight's own.
    pub kind: Kind,
    pub message: String,
    /// Lines under the message, each one thing (a candidate, say), printed
    /// indented.
    pub details: Vec<String>,
    /// Next steps for the user, printed as `hint:` lines.
    pub hints: Vec<String>,
    /// Set when stdout was closed by the reader (`insight list | head`): not a failure.
    pub broken_pipe: bool,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Whose mistake an error is, which decides how it is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something the user typed or wrote, or their system refused: the
    /// message says what to do.
    User,
    /// A mistake in insight itself: it says so, and asks for a report.
    Internal,
}

impl Error {
    /// An error the user can mend: a flag, a setting, a file, the disk.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::User,
            message: message.into(),
            details: Vec::new(),
            hints: Vec::new(),
            broken_pipe: false,
        }
    }

    /// A mistake in insight itself, which no input should cause.
    pub fn internal(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Internal,
            ..Error::new(message)
        }
    }

    /// A line under the message.
    pub fn detail(mut self, line: impl Into<String>) -> Self {
        self.details.push(line.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// An I/O failure on a named file or folder.
    pub fn io(action: &str, path: &Path, err: &io::Error) -> Self {
        Error::new(format!(
            "cannot {action} {}: {}",
            path.display(),
            io_reason(err)
        ))
    }
}

/// The OS message without Rust's " (os error 2)" suffix.
pub fn io_reason(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// Writing to stdout fails mostly because the reader went away; that ends the
/// command quietly. Any other write failure is a real error.
impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        let mut error = Error::new(format!("cannot write output: {}", io_reason(&err)));
        error.broken_pipe = err.kind() == io::ErrorKind::BrokenPipe;
        error
    }
}

/// Writing a command's text into a `String` cannot fail; if it ever did,
/// that would be insight's own mistake.
impl From<fmt::Error> for Error {
    fn from(_: fmt::Error) -> Self {
        Error::internal("cannot put the output together")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Where insight's own mistakes are to be reported.
pub const REPORT_TO: &str = "this is a bug in insight; please report it with the command you ran";

impl Error {
    /// The lines that tell the user about it on stderr, after `error:`: the
    /// message, then each hint; for insight's own mistakes, that it is one.
    pub fn told(&self) -> (String, Vec<String>) {
        match self.kind {
            Kind::User => (self.message.clone(), self.hints.clone()),
            Kind::Internal => {
                let mut hints = self.hints.clone();
                hints.push(REPORT_TO.to_string());
                (format!("internal error: {}", self.message), hints)
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_mistake_is_told_with_its_hints() {
        let error = Error::new("`--kind frontlien`: not a kind").hint("did you mean `frontline`?");
        assert_eq!(error.kind, Kind::User);
        assert_eq!(
            error.told(),
            (
                "`--kind frontlien`: not a kind".to_string(),
                vec!["did you mean `frontline`?".to_string()]
            )
        );
    }

    #[test]
    fn insights_own_mistake_says_so_and_asks_for_a_report() {
        let error = Error::internal("the new entry would not read back");
        assert_eq!(error.kind, Kind::Internal);
        let (message, hints) = error.told();
        assert_eq!(message, "internal error: the new entry would not read back");
        assert_eq!(hints, [REPORT_TO]);
    }

    #[test]
    fn a_closed_pipe_is_not_a_failure() {
        let error = Error::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(error.broken_pipe);
        assert_eq!(error.kind, Kind::User);
    }
}
