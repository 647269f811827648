//! Text into structure: the YAML of front matter and settings, the split of
//! an entry into front matter and body, and the Markdown of bodies. Knows
//! nothing of journals; the model gives the structures their meaning.

pub mod conflict;
pub mod frontmatter;
pub mod lines;
pub mod markdown;
pub mod yaml;
