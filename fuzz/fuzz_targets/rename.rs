//! Any bytes as an entry, and a tag of it (or a likely name) renamed into
//! another: `tags rename` must give an outcome, never panic or hang, and a
//! rename it makes must leave the body byte for byte, leave no tag under the
//! old name (unless the new name is below it), and be done: renaming again
//! finds nothing left to change.
#![no_main]

use insight::edit::rename::{Outcome, rename};
use insight::model::config::Config;
use insight::model::tags::is_under;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 10] = [
    "mobile",
    "Mobile/App",
    "check",
    "checkout",
    "x y",
    "#1: new",
    "it's",
    "é",
    "a\"b",
    "mobile/app",
];

fuzz_target!(|bytes: &[u8]| {
    let [pick_old, pick_new, rest @ ..] = bytes else {
        return;
    };
    let Ok(text) = insight::read::files::decode(rest.to_vec()) else {
        return;
    };
    let config = Config::default();
    let tags: Vec<String> = match insight::model::entry::parse("fuzz.md", &text, &config) {
        Ok(entry) => entry
            .tags
            .iter()
            .chain(entry.ideas.iter().flat_map(|i| &i.tags))
            .map(|t| t.to_string())
            .collect(),
        Err(_) => Vec::new(),
    };
    let name = |pick: u8| {
        let pick = usize::from(pick);
        match tags.get(pick % 16) {
            Some(tag) if pick < 128 => tag.trim_end_matches('/').to_string(),
            _ => NAMES[pick % NAMES.len()].to_string(),
        }
    };
    let (old, new) = (name(*pick_old), name(*pick_new));
    if old.is_empty() || new.is_empty() || old == new || new.contains(['\n', '\r']) {
        return;
    }
    let Outcome::Renamed {
        text: renamed,
        changes,
    } = rename("fuzz.md", &text, &old, &new, &config)
    else {
        return;
    };
    assert!(!changes.is_empty());
    let body = |t: &str| {
        let t = insight::parse::frontmatter::strip_bom(t);
        insight::parse::frontmatter::split(t)
            .map(|s| s.body.to_string())
            .ok()
    };
    assert_eq!(body(&renamed), body(&text), "the body changed");
    let after =
        insight::model::entry::parse("fuzz.md", &renamed, &config).expect("a renamed entry parses");
    if !is_under(&new, &old) {
        let left = after
            .tags
            .iter()
            .chain(after.ideas.iter().flat_map(|i| &i.tags));
        assert!(
            !left.clone().any(|t| is_under(t, &old)),
            "`{old}` is left in {:?}",
            after.tags
        );
    }
    match rename("fuzz.md", &renamed, &old, &new, &config) {
        Outcome::Unchanged | Outcome::AlreadyNamed => {}
        other => panic!("a second rename changed more: {other:?}"),
    }
});
