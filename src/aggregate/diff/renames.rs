//! Which removed entry an added one is, when a change renamed a file: the
//! two are one entry when they have the same date, kind, site and title.

use std::collections::HashMap;

use crate::model::entry::Entry;

/// The pairs (index in `removed`, index in `added`) that are one entry
/// renamed.
pub fn pairs(removed: &[&Entry], added: &[&Entry]) -> Vec<(usize, usize)> {
    let key = |e: &Entry| {
        (
            e.date,
            e.kind.to_string(),
            e.site.to_lowercase(),
            e.title.to_string(),
        )
    };
    let mut renamed_from: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, e) in removed.iter().enumerate().rev() {
        renamed_from.entry(key(e)).or_default().push(i);
    }
    let mut found: Vec<(usize, usize)> = added
        .iter()
        .enumerate()
        .filter_map(|(j, e)| Some((renamed_from.get_mut(&key(e))?.pop()?, j)))
        .collect();
    found.sort_unstable();
    found
}
