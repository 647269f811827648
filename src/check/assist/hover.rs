//! What an editor shows over a value of the front matter: an idea's story
//! so far, as `insight ideas ID` opens it, over its id; over a tag, how
//! many entries carry it.

use std::ops::Range;

use super::front::{Slot, slot_at, unquoted};
use super::known::{Known, Place, What};
use crate::aggregate::history::History;
use crate::aggregate::story;
use crate::model::idea::IdeaKey;
use crate::model::tags::is_under;
use crate::model::text::Text;
use crate::render::document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// Markdown.
    pub text: String,
    /// The value it is about.
    pub range: Range<usize>,
}

/// What to show over byte `at` of `text`, the file at `place`, with the
/// journal as it would be with that text saved.
pub fn hover(known: &mut Known, place: &Place, text: &str, at: usize) -> Option<Hover> {
    if place.what != What::Entry {
        return None;
    }
    let Some(Slot::Value { key, word, .. }) = slot_at(text, at) else {
        return None;
    };
    let value = unquoted(&text[word.clone()]).to_string();
    if value.is_empty() {
        return None;
    }
    let text = match key.as_str() {
        "id" => idea(known, place, text, &value)?,
        "tags" => tag(known, place, text, &value),
        _ => return None,
    };
    Some(Hover { text, range: word })
}

/// The head of the idea's story: its title, status and since when, owner,
/// tags and reach, as `insight ideas ID` shows them.
fn idea(known: &mut Known, place: &Place, text: &str, id: &str) -> Option<String> {
    let key = IdeaKey::Id(Text::new(&known.journal_id(place, id)));
    let current = known.entry_of(place, text);
    let config = known.location.config.clone();
    let today = known.today;
    known.with_current(&place.path, current, |entries| {
        let history = History::new(entries, config.default_status());
        let story = history.story(&key)?;
        let Some(told) = story::tell(story, today, &config.statuses) else {
            return Some(format!(
                "# {}\n\nfirst raised on {}, after today ({today})\n",
                story.title,
                story.raised()
            ));
        };
        let mut page = crate::render::story::page(&told, today);
        page.sections.clear();
        Some(document::markdown(&page))
    })
}

/// How many entries carry `tag` (or a tag below it), as `insight tags`
/// counts them.
fn tag(known: &mut Known, place: &Place, text: &str, tag: &str) -> String {
    let wanted = crate::model::tags::normalize(tag);
    let current = known.entry_of(place, text);
    let count = known.with_current(&place.path, current, |entries| {
        entries
            .iter()
            .filter(|e| e.tags.iter().any(|t| is_under(t, &wanted)))
            .count()
    });
    let entries = if count == 1 { "entry" } else { "entries" };
    format!("tag `{wanted}`: in {count} {entries}")
}
