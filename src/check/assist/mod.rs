//! What an editor asks of the journal while an entry is written, answered
//! from the same checks and reports as the commands (`insight lsp` is the
//! protocol around it): what `check` finds in the unsaved text, what may be
//! typed where, what an idea id or a tag stands for, where an idea was
//! raised and mentioned, and the edits that fix what was found.

pub mod complete;
pub mod diagnose;
pub mod fix;
pub mod front;
pub mod hover;
pub mod known;
pub mod navigate;
