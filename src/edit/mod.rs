//! Everything that changes a file: new entries from templates, tag renames,
//! and the writes that never replace what they should not.

pub mod rename;
pub mod template;
pub mod write;
