//! The journal as it may be shared: what the site, `export` and a report
//! written with `--shared` show. Pure: a journal in, a journal out.
//!
//! - An entry marked `private: true` is left out whole.
//! - The values of the keys listed under `private_keys:` are hidden: a
//!   site, role or title reads `(private)` or, for a title, the kind and
//!   the day; people become `Person 1`, `Person 2`… (the same person the
//!   same number throughout, idea owners and the settings' people too).
//! - When the site or title is private, so is the file name, which is
//!   usually made from them: the entry is shown as `{date}-{n}.md` in its
//!   folder, and its body is still read from its real file.
//! - E-mail addresses and phone numbers in titles and bodies are masked.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::model::config::{Config, person_key};
use crate::model::entry::Entry;
use crate::model::journal::{Journal, Sharing};
use crate::model::privacy::mask_contacts;
use crate::model::text::Text;

/// What a hidden value reads as.
pub const HIDDEN: &str = "(private)";

/// Which of the keys that insight shows are private in `config`.
#[derive(Debug, Clone, Copy, Default)]
struct PrivateKeys {
    site: bool,
    role: bool,
    people: bool,
    title: bool,
}

impl PrivateKeys {
    fn of(config: &Config) -> PrivateKeys {
        let private = |key: &str| config.private_keys.iter().any(|k| k == key);
        PrivateKeys {
            site: private("site"),
            role: private("role"),
            people: private("people"),
            title: private("title"),
        }
    }

    /// Whether the file name may tell what is private.
    fn hide_file_names(self) -> bool {
        self.site || self.title
    }
}

/// `journal` as it may be shared (see the module's documentation).
pub fn shared(mut journal: Journal) -> Journal {
    let private = PrivateKeys::of(&journal.config);
    journal.entries.retain(|entry| !entry.private);
    if private.people {
        let pseudonyms = Pseudonyms::of(&journal.config, &journal.entries);
        pseudonyms.rename_in(&mut journal);
    }
    for entry in &mut journal.entries {
        hide_values(entry, private);
    }
    let mut sharing = Sharing::default();
    if private.hide_file_names() {
        sharing.real_paths = hide_file_names(&mut journal.entries);
        // Sorted by date then path again: `-10.md` comes before `-2.md`.
        journal
            .entries
            .sort_unstable_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        if let Some(hits) = &mut journal.text_hits {
            *hits = renamed_hits(hits, &sharing.real_paths);
        }
    }
    journal.sharing = Some(sharing);
    journal
}

fn hide_values(entry: &mut Entry, private: PrivateKeys) {
    if private.site {
        entry.site = Text::new(HIDDEN);
    }
    if private.role && entry.role.is_some() {
        entry.role = Some(Text::new(HIDDEN));
    }
    if private.title {
        entry.title = format!("{} on {}", entry.kind, entry.date).into();
    } else if let Cow::Owned(masked) = mask_contacts(&entry.title) {
        entry.title = masked.into();
    }
    for idea in &mut entry.ideas {
        if let Some(title) = &idea.title
            && let Cow::Owned(masked) = mask_contacts(title)
        {
            idea.title = Some(Text::new(&masked));
        }
    }
    if let Cow::Owned(masked) = mask_contacts(&entry.body) {
        entry.body = masked;
    }
}

/// Renames each entry `{folder}/{date}-{n}.md`, `n` counting the entries of
/// that day in that folder in their order; returns the real path of each
/// new one.
fn hide_file_names(entries: &mut [Entry]) -> HashMap<String, String> {
    let mut real_paths = HashMap::with_capacity(entries.len());
    let mut count_of_day: HashMap<(String, jiff::civil::Date), usize> = HashMap::new();
    for entry in entries {
        let folder = entry
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(folder, _)| format!("{folder}/"));
        let n = count_of_day
            .entry((folder.clone(), entry.date))
            .or_default();
        *n += 1;
        let shown = format!("{folder}{}-{n}.md", entry.date);
        let real = std::mem::replace(&mut entry.path, shown.clone());
        real_paths.insert(shown, real);
    }
    real_paths
}

fn renamed_hits(hits: &HashSet<String>, real_paths: &HashMap<String, String>) -> HashSet<String> {
    real_paths
        .iter()
        .filter(|(_, real)| hits.contains(*real))
        .map(|(shown, _)| shown.clone())
        .collect()
}

/// A stand-in name for each person: numbered in the order of the settings'
/// people, then of their first entry, so that a person's number does not
/// change when later entries are written.
struct Pseudonyms {
    by_key: HashMap<String, Text>,
}

impl Pseudonyms {
    fn of(config: &Config, entries: &[Entry]) -> Pseudonyms {
        let listed = config.people.iter().map(|p| p.name.as_str());
        let written = entries.iter().flat_map(|entry| {
            let owners = entry.ideas.iter().filter_map(|i| i.owner.as_deref());
            entry.people.iter().map(Text::as_str).chain(owners)
        });
        let mut by_key = HashMap::new();
        for name in listed.chain(written) {
            let next = by_key.len() + 1;
            by_key
                .entry(person_key(name))
                .or_insert_with(|| Text::new(&format!("Person {next}")));
        }
        Pseudonyms { by_key }
    }

    fn of_name(&self, name: &str) -> Text {
        self.by_key
            .get(&person_key(name))
            .cloned()
            .unwrap_or_else(|| Text::new(HIDDEN))
    }

    fn rename_in(&self, journal: &mut Journal) {
        for entry in &mut journal.entries {
            entry.people = entry.people.iter().map(|p| self.of_name(p)).collect();
            for idea in &mut entry.ideas {
                idea.owner = idea.owner.as_deref().map(|o| self.of_name(o));
            }
        }
        let configs = std::iter::once(&mut journal.config)
            .chain(journal.members.iter_mut().map(|m| &mut m.config));
        for config in configs {
            for person in &mut config.people {
                person.name = self.of_name(&person.name).to_string();
            }
            config.me = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::Idea;
    use crate::query::tests::entry;
    use jiff::civil::date;
    use std::path::PathBuf;

    fn journal(settings: &str, entries: Vec<Entry>) -> Journal {
        let config = Config::parse(settings).unwrap();
        Journal::assemble(PathBuf::from("j"), config, entries, Vec::new())
    }

    fn idea(title: &str, owner: &str) -> Idea {
        Idea {
            id: None,
            title: Some(Text::new(title)),
            status: None,
            tags: Default::default(),
            owner: Some(Text::new(owner)),
            unknown_keys: Default::default(),
        }
    }

    #[test]
    fn leaves_out_private_entries_and_masks_contacts() {
        let mut open = entry("visits/a.md", date(2026, 1, 1), "Store 12", &[]);
        open.body = "> Mail me at ann@example.com\n".into();
        open.title = "Call 0161 496 0000".into();
        let mut private = entry("visits/b.md", date(2026, 1, 2), "HR", &[]);
        private.private = true;
        let shared = shared(journal("", vec![open, private]));
        assert_eq!(shared.entries.len(), 1);
        let kept = &shared.entries[0];
        assert_eq!(kept.body, "> Mail me at [e-mail address]\n");
        assert_eq!(&*kept.title, "Call [phone number]");
        assert_eq!(&*kept.site, "Store 12");
        assert_eq!(kept.path, "visits/a.md");
        assert!(shared.sharing.unwrap().real_paths.is_empty());
    }

    #[test]
    fn hides_private_keys_and_the_file_names_they_make() {
        let mut lunch = entry(
            "visits/2026-03-04-acme-cio.md",
            date(2026, 3, 4),
            "Acme",
            &[],
        );
        lunch.people = vec!["Jo Bloggs", "Ann Lee"].into();
        lunch.role = Some(Text::new("guest"));
        lunch.ideas = vec![idea("Self-checkout", "ann lee")].into();
        let mut shift = entry("visits/2026-03-04-depot.md", date(2026, 3, 4), "Depot", &[]);
        shift.people = vec!["Zed"].into();
        let settings = "private_keys: [site, people, role, title]\npeople:\n  - name: Ann Lee\n";
        let shared = shared(journal(settings, vec![lunch, shift]));
        let shown: Vec<(&str, &str, &str, Vec<&str>)> = shared
            .entries
            .iter()
            .map(|e| {
                let people = e.people.iter().map(Text::as_str).collect();
                (e.path.as_str(), &*e.site, &*e.title, people)
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "visits/2026-03-04-1.md",
                    "(private)",
                    "frontline on 2026-03-04",
                    vec!["Person 2", "Person 1"]
                ),
                (
                    "visits/2026-03-04-2.md",
                    "(private)",
                    "frontline on 2026-03-04",
                    vec!["Person 3"]
                ),
            ]
        );
        let lunch = &shared.entries[0];
        assert_eq!(lunch.role.as_deref(), Some("(private)"));
        assert_eq!(lunch.ideas[0].owner.as_deref(), Some("Person 1"));
        assert_eq!(shared.config.people[0].name, "Person 1");
        let real = &shared.sharing.as_ref().unwrap().real_paths;
        assert_eq!(real["visits/2026-03-04-2.md"], "visits/2026-03-04-depot.md");
        assert!(
            shared
                .file("visits/2026-03-04-1.md")
                .ends_with("visits/2026-03-04-acme-cio.md")
        );
    }
}
