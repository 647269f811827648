//! The CLI tests: one test binary, a module per part of `insight`, the way
//! jj and just keep theirs, so the suite links once. Every module runs the
//! built binary as a user would; `common` holds the helpers they share.

mod common;
#[path = "../benches/synthetic.rs"]
mod synthetic;

mod browser;
mod cache;
mod check;
mod color;
mod completions;
mod conventions;
mod diff;
mod docs;
mod export;
mod generator;
mod git;
mod handwritten;
mod history;
mod hostile;
mod html;
mod init_new;
mod layout;
mod list;
mod lsp;
mod names;
mod neovim;
mod new;
mod periods;
mod privacy;
mod report;
mod safety;
mod show_tags;
mod site;
mod tables;
mod union;
mod writers;
