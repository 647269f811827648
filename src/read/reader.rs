//! The one parallel reader: every source (the working tree, a commit, the
//! staging area) hands it files, and it reads each into a buffer its thread
//! keeps, decodes it, hands the text to a parser, and passes the results on,
//! batch by batch, in order, to whoever keeps them.

use rayon::prelude::*;
use std::sync::{Condvar, Mutex};

use crate::model::config::Config;
use crate::model::diagnostic::Diagnostic;
use crate::model::entry::{self, Entry};
use crate::read::files::{MAX_ENTRY_BYTES, ReadProblem, decode_slice};
use crate::read::progress;

/// At most this many bytes of entries are read and parsed at once, however
/// many threads there are: parsing takes several times a file's size, and
/// sixteen threads each on an 8 MiB file would take gigabytes. Real entries
/// are a few kilobytes, so the limit never slows a real journal.
pub const MAX_BYTES_IN_FLIGHT: u64 = MAX_ENTRY_BYTES;

/// Files of at most this many bytes are read without asking the budget: each
/// thread holds one text at a time (see [`with_read_buffer`]), so small ones
/// hold at most this much per thread, and taking a lock for each of a
/// hundred thousand small files made threads queue on it.
const SMALL_FILE_BYTES: u64 = 64 * 1024;

thread_local! {
    static READ_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The largest read buffer a thread keeps between files; an entry larger
/// than this is rare and gets its own.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

/// Runs `work` with this thread's read buffer. Each thread reads every file
/// into one buffer that it keeps: a new buffer per file would be an
/// allocation too large for the allocator's thread cache, and threads would
/// wait on each other's locks. The buffer is taken out while in use, so that
/// work nested on the same thread would get a buffer of its own.
fn with_read_buffer<T>(work: impl FnOnce(&mut Vec<u8>) -> T) -> T {
    let mut buffer = READ_BUFFER.take();
    let result = work(&mut buffer);
    if buffer.capacity() <= KEPT_BUFFER_BYTES {
        READ_BUFFER.set(buffer);
    }
    result
}

/// Reads the file at journal path `rel` into this thread's buffer with
/// `read`, and hands `parse` its text, or the diagnostic that says why it
/// has none. The bytes count against the budget until `parse` is done.
pub fn with_text<T>(
    rel: &str,
    read: impl FnOnce(&mut Vec<u8>) -> std::result::Result<(), ReadProblem>,
    parse: impl FnOnce(Contents) -> T,
) -> T {
    with_read_buffer(|buffer| {
        buffer.clear();
        let read = read(buffer);
        let _held = IN_FLIGHT.hold_large(buffer.len() as u64);
        let text = read
            .and_then(|()| decode_slice(buffer))
            .map_err(|problem| problem.diagnostic(rel));
        parse(text)
    })
}

/// An entry's text, or the diagnostic that says why it has none.
pub type Contents<'a> = std::result::Result<&'a str, Diagnostic>;

/// What [`each_file`] reads with: it puts the bytes of one file, named by
/// its journal path and what else `X` says, into the buffer it is given.
pub trait ReadFile<X>:
    Fn(&str, X, &mut Vec<u8>) -> std::result::Result<(), ReadProblem> + Sync
{
}

impl<X, F> ReadFile<X> for F where
    F: Fn(&str, X, &mut Vec<u8>) -> std::result::Result<(), ReadProblem> + Sync
{
}

/// Reads each file with `read`, decodes it as an entry's text, and hands it to
/// `parse`, in parallel. The one way into the journal from every source (the
/// disk, a commit, the staging area): `files` pairs each journal-relative path
/// with whatever else `read` needs to get its bytes.
pub fn each_file<X: Send, T: Send>(
    files: Vec<(String, X)>,
    read: impl ReadFile<X>,
    parse: impl Fn(&str, Contents) -> T + Sync,
) -> Vec<T> {
    let mut all = Vec::with_capacity(files.len());
    each_file_into(files, read, parse, |result| all.push(result));
    all
}

/// How many files are read and parsed at once. A batch is worked in parallel,
/// and its results handed on before the next begins, so that the loader
/// holds a batch of results besides what it keeps, never the whole
/// journal's twice. Each batch costs a fork and a join of the threads: at
/// 256, an indexed journal of 100,000 entries spent a tenth of its time
/// waking threads for batches that take a tenth of a millisecond.
const BATCH: usize = 2048;

/// Like [`each_file`], handing each result to `keep` as soon as its batch is done.
pub fn each_file_into<X: Send, T: Send>(
    files: Vec<(String, X)>,
    read: impl ReadFile<X>,
    parse: impl Fn(&str, Contents) -> T + Sync,
    keep: impl FnMut(T),
) {
    let work = |_, (rel, source): (String, X)| {
        let read = |buffer: &mut Vec<u8>| read(&rel, source, buffer);
        with_text(&rel, read, |text| parse(&rel, text))
    };
    in_batches(files, work, keep);
}

/// Does `work` on each of `items` in parallel, a batch at a time, and hands
/// each result to `keep` in the items' order as soon as its batch is done;
/// `work` is told each item's place in the list. Batches are taken off the
/// end of the reversed list, and the list is shrunk as it empties, so that
/// it is not held to the end.
pub fn in_batches<I: Send, T: Send>(
    items: Vec<I>,
    work: impl Fn(usize, I) -> T + Sync,
    mut keep: impl FnMut(T),
) {
    let mut items = items;
    items.reverse();
    let total = items.len();
    let mut done = 0;
    while !items.is_empty() {
        let mut batch = items.split_off(items.len().saturating_sub(BATCH));
        batch.reverse();
        if items.capacity() > 2 * items.len() + 4 * BATCH {
            items.shrink_to_fit();
        }
        let first = done;
        done += batch.len();
        let results: Vec<T> = batch
            .into_par_iter()
            .enumerate()
            .map(|(n, item)| work(first + n, item))
            .collect();
        results.into_iter().for_each(&mut keep);
        progress::reads().step("reading files", done, total);
    }
}

/// An entry from its text, or every error that keeps it from being one.
pub fn parse_text(
    rel: &str,
    text: Contents,
    config: &Config,
) -> std::result::Result<Entry, Vec<Diagnostic>> {
    entry::parse(rel, text.map_err(|problem| vec![problem])?, config)
}

/// The bytes of entries being read and parsed now, by all threads.
static IN_FLIGHT: Budget = Budget {
    bytes: Mutex::new(0),
    freed: Condvar::new(),
};

/// A number of bytes that threads take from and give back, waiting when it
/// would run over [`MAX_BYTES_IN_FLIGHT`].
struct Budget {
    bytes: Mutex<u64>,
    freed: Condvar,
}

/// Bytes taken from a [`Budget`], given back when dropped.
struct Held {
    budget: &'static Budget,
    bytes: u64,
}

impl Budget {
    /// Takes `bytes` if they are more than a small file's, first waiting
    /// until they fit; a file alone may take the whole budget.
    fn hold_large(&'static self, bytes: u64) -> Option<Held> {
        (bytes > SMALL_FILE_BYTES).then(|| self.hold(bytes))
    }

    /// Takes `bytes`, first waiting until they fit; a file alone may take
    /// the whole budget.
    fn hold(&'static self, bytes: u64) -> Held {
        let bytes = bytes.min(MAX_BYTES_IN_FLIGHT);
        // A poisoned lock means another thread panicked; its count is still right.
        let mut in_flight = self.bytes.lock().unwrap_or_else(|p| p.into_inner());
        while *in_flight > 0 && *in_flight + bytes > MAX_BYTES_IN_FLIGHT {
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|p| p.into_inner());
        }
        *in_flight += bytes;
        Held {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut in_flight = self.budget.bytes.lock().unwrap_or_else(|p| p.into_inner());
        *in_flight -= self.bytes;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_never_hold_more_than_the_budget() {
        static TEST_BUDGET: Budget = Budget {
            bytes: Mutex::new(0),
            freed: Condvar::new(),
        };
        let most = std::sync::atomic::AtomicU64::new(0);
        // Sixteen threads each reading a 5 MiB file: at most one at a time fits.
        std::thread::scope(|scope| {
            for _ in 0..16 {
                scope.spawn(|| {
                    let _held = TEST_BUDGET.hold(5 * 1024 * 1024);
                    let now = *TEST_BUDGET.bytes.lock().unwrap();
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(2));
                });
            }
        });
        assert_eq!(most.into_inner(), 5 * 1024 * 1024);
        assert_eq!(*TEST_BUDGET.bytes.lock().unwrap(), 0);
        // A file larger than the budget still goes, alone.
        drop(TEST_BUDGET.hold(MAX_ENTRY_BYTES + 1));
    }
}
