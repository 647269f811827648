//! Names from every language: matching ignores accents as well as case, and
//! file names of new entries are transliterated to meaningful ASCII.

use crate::common::{TempDir, insight_in};
use std::fs;

/// A journal with a visit by Tomás to Zürich and one by Thomas to Zurich airport.
fn journal(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    fs::write(dir.path().join("insight.yaml"), "name: Names\n").unwrap();
    let visits = dir.path().join("visits/2026");
    fs::create_dir_all(&visits).unwrap();
    fs::write(
        visits.join("2026-03-02-zürich-hb.md"),
        "---\ndate: 2026-03-02\nkind: frontline\nsite: Zürich HB\npeople: [Tomás Šimek]\n---\n\
         # Ticket desk\n\n> Wo ist die Rolltreppe? Ça dépend.\n",
    )
    .unwrap();
    fs::write(
        visits.join("2026-04-09-airport.md"),
        "---\ndate: 2026-04-09\nkind: frontline\nsite: ZRH airport\npeople: [Thomas Meier]\n---\n\
         # Check-in\n",
    )
    .unwrap();
    dir
}

fn run(dir: &TempDir, args: &[&str]) -> crate::common::Run {
    insight_in(dir.path(), &[], args)
}

#[test]
fn person_site_and_text_ignore_accents_and_case() {
    let dir = journal("names-filters");
    let paths = |args: &[&str]| {
        let mut all = vec!["list", "--format", "paths"];
        all.extend_from_slice(args);
        run(&dir, &all).ok()
    };
    let zurich = "visits/2026/2026-03-02-zürich-hb.md\n";
    assert_eq!(paths(&["--person", "tomas"]), zurich);
    assert_eq!(paths(&["--person", "TOMÁS"]), zurich);
    assert_eq!(paths(&["--person", "simek"]), zurich);
    assert_eq!(paths(&["--site", "zurich"]), zurich);
    assert_eq!(paths(&["--site", "ZÜRICH"]), zurich);
    assert_eq!(paths(&["--text", "ca depend"]), zurich);
    // Accents are ignored, not letters: `thomas` is another name.
    assert_eq!(
        paths(&["--person", "thomas"]),
        "visits/2026/2026-04-09-airport.md\n"
    );
}

#[test]
fn show_finds_an_entry_without_its_accents() {
    let dir = journal("names-show");
    let shown = run(&dir, &["show", "zurich-hb"]).ok();
    assert!(
        shown.starts_with("Ticket desk\nvisits/2026/2026-03-02-zürich-hb.md\n"),
        "{shown}"
    );
    assert_eq!(
        run(&dir, &["show", "ZÜRICH"]).ok(),
        run(&dir, &["show", "zurich"]).ok()
    );
}

#[test]
fn a_site_with_no_latin_letters_gets_a_meaningful_file_name() {
    let dir = journal("names-new");
    let created = run(
        &dir,
        &[
            "--today",
            "2026-11-01",
            "new",
            "visit",
            "--site",
            "東京",
            "--no-edit",
        ],
    );
    assert_eq!(created.ok(), "visits/2026/2026-11-01-dong-jing.md\n");
    let text = fs::read_to_string(dir.path().join("visits/2026/2026-11-01-dong-jing.md")).unwrap();
    assert!(text.contains("\nsite: 東京\n"), "{text}");
    let created = run(
        &dir,
        &[
            "--today",
            "2026-11-01",
            "new",
            "visit",
            "--site",
            "Москва, ГУМ",
            "--no-edit",
        ],
    );
    assert_eq!(created.ok(), "visits/2026/2026-11-01-moskva-gum.md\n");
}

#[test]
fn paths_are_shown_from_the_current_folder_wherever_it_is() {
    let dir = journal("names-paths-from");
    let root = dir.path();
    // The journal found from the current folder, or named.
    let from = |cwd: &std::path::Path, journal: Option<&str>| {
        let mut args = vec!["list", "--format", "paths"];
        args.extend(journal.into_iter().flat_map(|j| ["--journal", j]));
        insight_in(cwd, &[], &args).ok()
    };
    let both = "visits/2026/2026-03-02-zürich-hb.md\nvisits/2026/2026-04-09-airport.md\n";
    assert_eq!(from(root, None), both);
    let name = root.file_name().unwrap().to_str().unwrap();
    let above = both.replace("visits/", &format!("{name}/visits/"));
    assert_eq!(from(root.parent().unwrap(), Some(name)), above);
    // From inside the journal, files under the current folder are shown
    // from it; from a folder beside them, in full.
    let visits = root.join("visits");
    assert_eq!(
        from(&visits.join("2026"), None),
        "2026-03-02-zürich-hb.md\n2026-04-09-airport.md\n"
    );
    fs::create_dir(visits.join("2025")).unwrap();
    let full = both.replace("visits/", &format!("{}/visits/", root.display()));
    assert_eq!(from(&visits.join("2025"), None), full);
    assert_eq!(from(&visits.join("2025"), root.to_str()), full);
}
