//! Everything that changes a file: new entries from templates, tag renames,
//! and the writes that never replace what they should not.

pub mod export;
pub mod new_entry;
pub mod rename;
pub mod rename_tag;
pub mod report_file;
pub mod rewrite;
pub mod setup;
pub mod site;
pub mod template;
pub mod transaction;
pub mod typed_idea;
pub mod write;
