//! Bytes from any source become entries and diagnostics: finding the
//! journal, walking its folders, the index in `.insight/`, git revisions and
//! the staging area, and several journals read as one.

pub mod cache;
pub mod git;
pub mod journal;
pub mod union;
pub mod walk;
