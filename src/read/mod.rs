//! Bytes from any source become entries and diagnostics: finding the
//! journal, walking its folders, the index in `.insight/`, git revisions and
//! the staging area, and several journals read as one. Every source goes
//! through one parallel reader and one parser.

pub mod cache;
pub mod files;
pub mod find;
pub mod git;
pub mod progress;
pub mod reader;
pub mod search;
pub mod sieve;
pub mod snapshot;
pub mod union;
pub mod walk;
pub mod worktree;
