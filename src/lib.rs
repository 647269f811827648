//! `insight`: keep and read a customer-insight journal, one Markdown file per
//! visit. The binary (`main.rs`) is a thin shell around this library.
//!
//! One folder per stage, read top to bottom; a stage imports only the
//! stages below it, and no module imports one that imports it back
//! (`tests/layout.rs` holds the code to that):
//!
//! - [`parse`]: text into structure: YAML, the front-matter split, Markdown.
//! - [`model`]: what a journal is made of, as plain data: entries, settings,
//!   periods, tags, ideas' identity, journal paths, diagnostics.
//! - [`read`]: bytes from any source (the working tree, the index in
//!   `.insight/`, a git revision, the staging area, several journals) become
//!   a [`model::journal::Journal`], through one parallel reader and parser.
//! - [`query`]: which entries a filter and a period keep. Pure.
//! - [`aggregate`]: reports as of a day: ideas' history, people, quotes,
//!   groups, the quarterly report, the diff of two journals. Pure.
//! - [`check`], [`edit`], [`render`]: what `check` finds; everything that
//!   changes a file (new entries, tag renames, writes that never replace
//!   what they should not); tables, Markdown, JSON, CSV and HTML. `render`
//!   is pure.
//! - [`commands`]: one module per subcommand, gluing the stages: locate and
//!   read the journal, query, aggregate, render, then write the output once.
//!
//! Data flows read → query → aggregate → render, with [`error`] beside them
//! all.

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
