//! What a journal is made of, as plain data: entries, settings, values,
//! periods, tags, shared texts, diagnostics and the suggestions that fix
//! them. Built from the parse stage; read by every stage above.

pub mod config;
pub mod diagnostic;
pub mod entry;
pub mod fold;
pub mod idea;
pub mod journal;
pub mod merge;
pub mod paths;
pub mod period;
pub mod placeholders;
pub mod privacy;
pub mod slug;
pub mod suggest;
pub mod tags;
pub mod text;
pub mod values;
