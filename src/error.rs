//! The error a command returns to `main`: what went wrong, and what to do next.

use std::fmt;
use std::io;
use std::path::Path;

/// Every error that ends a command exits with code 2 (usage, configuration or I/O);
/// `check` finding problems is not an error but an outcome, with exit code 1.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    /// Next steps for the user, printed as `hint:` lines.
    pub hints: Vec<String>,
    /// Set when stdout was closed by the reader (`insight list | head`): not a failure.
    pub broken_pipe: bool,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            hints: Vec::new(),
            broken_pipe: false,
        }
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
