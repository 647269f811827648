//! `insight`: keep and read a customer-insight journal, one Markdown file per
//! visit. The binary is a thin shell around this library.
//!
//! Data flows load → query → aggregate → render: [`journal`] reads the disk,
//! [`query`] selects, [`aggregate`] summarizes, [`render`] draws. The middle
//! stages are pure.

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
