//! `insight check`'s findings: errors that make an entry unreadable, and
//! warnings about what is probably a mistake, in one entry ([`entry`]),
//! across the journal ([`journal`]) or in its settings ([`settings`]); and
//! the journal checked from where it is read ([`sources`]).

pub mod assist;
pub mod entry;
pub mod journal;
pub mod look_alike;
pub mod settings;
pub mod sources;
pub mod typed;

pub use entry::{Checked, Checker, check_entry};
pub use journal::{journal_warnings, looks_like_another_idea};
pub use settings::config_warnings;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::entry::tags_of;
    use crate::check::journal::{shell_word, tag_uses};
    use crate::model::config::Config;
    use crate::model::entry::Entry;
    use crate::model::entry::Idea;
    use crate::model::text::Text;
    use crate::model::text::Texts;
    use jiff::civil::Date;
    use jiff::civil::date;
    use std::collections::{BTreeMap, BTreeSet};

    const TODAY: Date = date(2026, 11, 22);

    fn messages(checked: &Checked) -> Vec<String> {
        checked
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn warns_about_probable_mistakes() {
        let config = Config::parse("tags: [mobile, pricing]\n").unwrap();
        let text = "---\ndate: 2027-01-02\nkind: frontline\nsite: X\ntag: oops\ntags: [mobile/app, prcing]\n\
                    ideas:\n  - { title: T, staus: new }\n---\n";
        let checked = check_entry("visits/2026-01-02-x.md", text, &config, TODAY);
        assert_eq!(
            messages(&checked),
            [
                "visits/2026-01-02-x.md:5:1: warning: unknown key `tag`; insight ignores it",
                "visits/2026-01-02-x.md:7:1: warning: idea `T`: unknown key `staus`; insight ignores it",
                "visits/2026-01-02-x.md:6:20: warning: tag `prcing` is not in the journal's tag list",
                "visits/2026-01-02-x.md:2:1: warning: the file name says 2026-01-02 but `date` is 2027-01-02",
                "visits/2026-01-02-x.md:2:1: warning: `date` 2027-01-02 is after today (2026-11-22)",
            ]
        );
        let hints: Vec<Option<&str>> = checked
            .diagnostics
            .iter()
            .map(|d| d.hint.as_deref())
            .collect();
        assert_eq!(hints[0], Some("did you mean `tags`?"));
        assert_eq!(hints[1], Some("did you mean `status`?"));
        assert_eq!(hints[2], Some("did you mean `pricing`?"));
    }

    #[test]
    fn hints_quote_what_a_shell_would_split() {
        assert_eq!(shell_word("self-service"), "self-service");
        assert_eq!(shell_word("self service"), "'self service'");
        assert_eq!(shell_word("#1 it's"), "'#1 it'\\''s'");
    }

    #[test]
    fn journal_wide_warnings_land_on_the_rarer_tag_and_the_later_title() {
        let config = Config::default();
        let entry = |name: &str, day: &str, tags: &str, ideas: &str| {
            let text = format!(
                "---\ndate: {day}\nkind: peer\nsite: S\ntags: {tags}\nideas: {ideas}\n---\n"
            );
            check_entry(name, &text, &config, TODAY)
        };
        let mut checked = vec![
            entry(
                "a.md",
                "2026-01-01",
                "[mobile]",
                "[{ id: f, title: Finder }]",
            ),
            entry(
                "b.md",
                "2026-02-01",
                "[mobile]",
                "[{ id: f, title: finder! }]",
            ),
            entry(
                "c.md",
                "2026-03-01",
                "[moble]",
                "[{ id: f, title: Store finder }]",
            ),
        ];
        journal_warnings(&mut checked);
        assert!(messages(&checked[0]).is_empty());
        assert!(
            messages(&checked[1]).is_empty(),
            "{:?}",
            messages(&checked[1])
        );
        assert_eq!(
            messages(&checked[2]),
            ["c.md:5:8: warning: tag `moble` looks like `mobile` (in 2 entries)"]
        );
    }

    #[test]
    fn titles_that_read_like_another_idea() {
        for (a, b) in [
            ("Finder", "Store finder app"),
            ("Aisle finder in the mobile app", "Aisle-finder app"),
            ("Aisle finder", "Aisle fnder"),
            ("Scan and go in the mobile app", "Scan-and-go in the app"),
            ("为外包客户提供自助数据提取接口", "自助数据提取接口"),
        ] {
            assert!(!looks_like_another_idea(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Aisle finder", "Split billing for two payers"),
            (
                "Aisle finder in the mobile app",
                "Split the bill in the app",
            ),
            ("为外包客户提供自助数据提取接口", "制定收费原则"),
        ] {
            assert!(looks_like_another_idea(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_mention_by_id_needs_a_title_somewhere() {
        let config = Config::default();
        let entry = |name: &str, day: &str, ideas: &str| {
            let text = format!("---\ndate: {day}\nkind: peer\nsite: S\nideas:\n{ideas}---\n");
            check_entry(name, &text, &config, TODAY)
        };
        let mut checked = vec![
            entry("a.md", "2026-01-01", "  - id: f\n    status: new\n"),
            entry(
                "b.md",
                "2026-02-01",
                "  - Other\n  - { id: f, title: Finder }\n",
            ),
            entry("c.md", "2026-03-01", "  - id: g\n  - id: g\n"),
        ];
        journal_warnings(&mut checked);
        assert!(
            messages(&checked[0]).is_empty(),
            "{:?}",
            messages(&checked[0])
        );
        assert!(messages(&checked[1]).is_empty());
        assert_eq!(
            messages(&checked[2]),
            ["c.md:6:1: error: idea `g` has no title here or in any other entry"]
        );
    }

    #[test]
    fn settings_warnings() {
        let text = "kinds: [frontline, peer, Peer]\nfiscal_yaer_start: 7\npeople:\n  - { name: A, group: execs }\ntargets:\n  executives: { entries_per_year: 2 }\n";
        let config = Config::parse(text).unwrap();
        let found: Vec<String> = config_warnings("insight.yaml", text, &config)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "insight.yaml:2:1: warning: unknown setting `fiscal_yaer_start`",
                "insight.yaml:1:1: warning: `Peer` is listed twice in `kinds`",
                "insight.yaml:5:1: warning: there is a target for group `executives`, but nobody in `people` is in it",
            ]
        );
    }

    /// Each entry's tags and its ideas' tags, normalized, once per entry.
    fn uses_entry_by_entry(entries: &[Entry]) -> BTreeMap<String, usize> {
        let mut uses = BTreeMap::new();
        for entry in entries {
            let seen: BTreeSet<String> = tags_of(entry)
                .map(|tag| crate::model::tags::normalize(tag))
                .collect();
            for tag in seen {
                *uses.entry(tag).or_default() += 1;
            }
        }
        uses
    }

    proptest::proptest! {
        /// Numbering each copy of a tag once gives what counting entry by
        /// entry gives: tags in either case, nested, with spaces around or a
        /// trailing `/`, repeated, in lists shared between entries or made
        /// on another thread (a copy of its own, as two loading threads
        /// make), and in none to three ideas as well as the entry.
        #[test]
        fn tag_uses_count_as_entry_by_entry(
            lists in proptest::collection::vec(
                proptest::collection::vec(" ?(Mobile|mobile|tv|TV)(/(App|app))?/? ?", 0..4),
                1..6,
            ),
            picks in proptest::collection::vec(
                (0usize..6, 0u8..3, proptest::collection::vec(0usize..6, 0..4)),
                0..30,
            ),
        ) {
            let made: Vec<Texts> = lists
                .iter()
                .map(|tags| tags.iter().map(|t| Text::from(t.as_str())).collect())
                .collect();
            let idea = |tags: &Texts| Idea {
                id: None,
                title: Some("Aisle finder".into()),
                status: None,
                tags: tags.clone(),
                owner: None,
                unknown_keys: Texts::default(),
            };
            let entries: Vec<Entry> = picks
                .iter()
                .map(|(pick, sharing, idea_picks)| {
                    let from = &made[pick % made.len()];
                    let mut entry = crate::query::tests::entry("a.md", date(2026, 1, 1), "A", &[]);
                    entry.tags = match sharing {
                        0 => from.clone(),
                        1 => from.iter().cloned().collect(),
                        _ => crate::model::text::copy_made_elsewhere(from),
                    };
                    let ideas: Vec<Idea> =
                        idea_picks.iter().map(|&i| idea(&made[i % made.len()])).collect();
                    entry.ideas = ideas.into();
                    entry
                })
                .collect();
            let counted: BTreeMap<String, usize> = tag_uses(entries.iter()).into_iter().collect();
            proptest::prop_assert_eq!(counted, uses_entry_by_entry(&entries));
        }
    }
}
