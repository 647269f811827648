//! How far a long read or edit has got, for a person to watch. The command
//! line draws it on a terminal once a command has run for a second; a
//! library caller, a test or a pipe sees nothing.

use std::sync::OnceLock;

/// Told how far each step of a long job has got.
pub trait Progress: Sync {
    /// `done` of `total` items have gone through the step `what`, written
    /// as a verb and the items' noun: `"replacing files"`.
    fn step(&self, what: &'static str, done: usize, total: usize);
}

/// No one watching.
pub struct Unwatched;

impl Progress for Unwatched {
    fn step(&self, _: &'static str, _: usize, _: usize) {}
}

/// Who watches the reads, set once by the command line: a read is asked for
/// from many places, and a parameter through each would say nothing new.
static WATCHER: OnceLock<&'static dyn Progress> = OnceLock::new();

/// Makes `progress` watch every read of this process from now on.
pub fn watch_reads(progress: &'static dyn Progress) {
    let _ = WATCHER.set(progress);
}

/// Who watches the reads: [`Unwatched`] unless [`watch_reads`] said.
pub fn reads() -> &'static dyn Progress {
    WATCHER.get().copied().unwrap_or(&Unwatched)
}
