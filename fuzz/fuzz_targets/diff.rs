//! Any bytes as two versions of a journal: the entries of each side are the
//! parts between NUL bytes, before and after a lone `\x01`. Parsing both and
//! comparing them must give a diff, never panic or hang.
#![no_main]

use insight::aggregate::diff::{Side, Version, compare};
use insight::model::config::Config;
use insight::model::entry::Entry;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fn side(bytes: &[u8], config: &Config) -> (Vec<Entry>, BTreeMap<String, String>) {
    let mut entries = Vec::new();
    let mut broken = BTreeMap::new();
    for (i, part) in bytes.split(|b| *b == 0).enumerate() {
        // A few names shared by both sides, so that changes and renames happen.
        let path = format!("visits/{}.md", i % 4);
        match insight::read::files::decode(part.to_vec()) {
            Ok(text) => match insight::model::entry::parse(&path, &text, config) {
                Ok(entry) => entries.push(entry),
                Err(error) => {
                    broken.insert(path, format!("{error:?}"));
                }
            },
            Err(_) => {
                broken.insert(path, "not UTF-8".into());
            }
        }
    }
    entries.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
    entries.dedup_by(|a, b| a.path == b.path);
    (entries, broken)
}

fuzz_target!(|bytes: &[u8]| {
    let config = Config::default();
    let cut = bytes.iter().position(|b| *b == 1).unwrap_or(bytes.len());
    let (old, old_broken) = side(&bytes[..cut], &config);
    let (new, new_broken) = side(bytes.get(cut + 1..).unwrap_or_default(), &config);
    let label = |l: &str| Side {
        label: l.into(),
        commit: None,
    };
    let version = |entries, broken| Version {
        entries,
        broken,
        default_status: "new",
    };
    let _ = compare(
        (label("old"), &version(&old, &old_broken)),
        (label("new"), &version(&new, &new_broken)),
        jiff::civil::date(2026, 11, 22),
        Vec::new(),
    );
});
