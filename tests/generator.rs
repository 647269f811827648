//! The generator of the benchmarks' synthetic journals (benches/synthetic.rs)
//! writes valid entries shaped like real ones, the same bytes every time.

use crate::synthetic::{PEOPLE, journal_files};
use insight::model::config::Config;

#[test]
fn every_generated_entry_is_valid_and_the_output_is_repeatable() {
    let files = journal_files(200, 7);
    assert_eq!(files, journal_files(200, 7));
    let config = Config::parse(&files[0].1).unwrap();
    assert_eq!(config.people.len(), PEOPLE.len());
    for (path, text) in &files[1..] {
        if let Err(problems) = insight::model::entry::parse(path, text, &config) {
            panic!("{path}: {problems:?}");
        }
    }
    let mobile = files
        .iter()
        .filter(|(_, t)| t.contains("\n- mobile\n") || t.contains("\n- mobile/"))
        .count();
    assert!(mobile > 30, "{mobile} of 200 entries are tagged mobile");
    // Like a real entry: 1 to 2 KB with two quotes, the title as a heading.
    for (_, text) in &files[1..] {
        assert!((1000..2400).contains(&text.len()), "{} bytes", text.len());
        assert_eq!(text.matches("\n> ").count(), 2);
        assert!(!text.contains("\ntitle:"));
    }
}

#[test]
fn the_organisations_journal_has_its_people_sites_and_ideas() {
    use crate::synthetic::{Shape, journal_files_shaped};
    let files = journal_files_shaped(2000, 7, Shape::Org);
    assert_eq!(files, journal_files_shaped(2000, 7, Shape::Org));
    let config = Config::parse(&files[0].1).unwrap();
    assert_eq!(config.people.len(), 1200);
    let entries: Vec<_> = files[1..]
        .iter()
        .map(|(path, text)| insight::model::entry::parse(path, text, &config).unwrap())
        .collect();
    let sites: std::collections::HashSet<&str> = entries.iter().map(|e| &*e.site).collect();
    assert!(sites.len() > 1000, "{} sites", sites.len());
    let mentions: usize = entries.iter().map(|e| e.ideas.len()).sum();
    assert!((1800..3000).contains(&mentions), "{mentions} mentions");
    let titled = entries
        .iter()
        .flat_map(|e| e.ideas.iter())
        .filter(|i| i.title.is_some())
        .count();
    let by_id_only = mentions - titled;
    assert!(
        by_id_only * 5 > mentions,
        "{by_id_only} follow-ups by id of {mentions}"
    );
    assert!(entries.iter().any(|e| e.ideas.len() >= 20));
    for (_, text) in &files[1..] {
        assert!((900..4000).contains(&text.len()), "{} bytes", text.len());
    }
}
