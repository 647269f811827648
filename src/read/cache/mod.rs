//! The index: what was parsed from each entry file, kept in
//! `.insight/index`, so that a command on an unchanged journal reads one file
//! and looks at each entry's metadata instead of reading and parsing every
//! entry.
//!
//! It is only ever a cache; the entry files are the truth. A record is used
//! only when its file's size, modification and change times, inode and device
//! are the ones recorded, and the file was last modified well before the
//! index was made: a file changed again within the same tick of the clock,
//! keeping its size, looks unchanged to its metadata (git's "racy" entries),
//! so it is read again. An index that cannot be read, is damaged, or was made
//! by another version of `insight` or for other settings is ignored and made
//! again; it is never an error. Entries with errors are not kept: they are
//! read again on every run, so that their diagnostics are always those of the
//! file as it is now.
//!
//! The format is a flat binary file, chosen over SQLite or a serde format
//! because decoding it is a single pass over one buffer, it shares each
//! repeated text (a kind, a site, a person) as one string, and it needs no
//! dependency. Layout (integers are LEB128 unless said otherwise):
//!
//! ```text
//! magic (16 bytes) · format (u32 LE) · insight's version (text)
//! settings hash (u64 LE) · made at, ns since 1970 (i64 LE)
//! payload length (u64 LE) · payload · checksum of all before (u64 LE)
//! payload: texts (count, then each) · lists of text numbers (count, then
//! each) · records (count, then each its length and fields, by path)
//! ```

pub mod bytes;
pub mod checks;
pub mod fingerprint;
pub mod folder;
pub mod index;
pub mod listings;
pub mod texts;
