//! Output formats over plain data. A command turns its result into a [`Table`]
//! (or a serializable record for JSON); these functions draw it.

pub mod diagnostics;
pub mod diff;
pub mod document;
mod escape;
pub mod export;
mod fit;
pub mod html;
mod json;
pub mod report;
pub mod site;
pub mod story;
pub mod table;
mod text;

pub use escape::escape_controls;
pub use json::{json, json_lines};
pub use table::{
    Align, Column, Table, csv_table, markdown_table, number, number_exact, progress, signed, wrap,
};
pub use text::{terminal_width, text_table};
