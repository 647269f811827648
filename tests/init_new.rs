//! `insight init`, `insight new` and finding the journal, in fresh temp folders.

use crate::common::{TempDir, insight_in};
use std::fs;

const TODAY: &str = "2026-11-22";

fn init(dir: &TempDir) {
    let run = insight_in(dir.path(), &[], &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn init_lays_down_a_journal() {
    let dir = TempDir::new("init");
    let run = insight_in(dir.path(), &[], &["init", "journal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
Created a journal in journal
  insight.yaml
  README.md
  .gitignore
  templates/visit.md
  templates/peer.md
  templates/immersion.md
  templates/research.md
  templates/sales.md
Not in a git repository: run `git init` there (or `insight init --git`) to review entries like code

Next: record a visit with
  cd journal && insight new visit --site \"Cub Foods, Minneapolis\" --role bakery
"
    );
    let root = dir.path().join("journal");
    assert_eq!(
        fs::read_to_string(root.join(".gitignore")).unwrap(),
        include_str!("../journal-template/gitignore")
    );
    assert_eq!(
        fs::read_to_string(root.join("templates/peer.md")).unwrap(),
        include_str!("../journal-template/templates/peer.md")
    );
    assert!(root.join("visits").is_dir());
    // The new journal is usable at once, from inside it.
    let list = insight_in(&root, &[], &["list"]);
    assert_eq!(
        (list.code, list.stdout.as_str(), list.stderr.as_str()),
        (0, "", "no entries match\n")
    );
}

#[test]
fn init_keeps_files_that_are_there_and_refuses_a_second_journal() {
    let dir = TempDir::new("init-twice");
    fs::write(dir.path().join("README.md"), "mine").unwrap();
    fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
    let run = insight_in(dir.path(), &[], &["init"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "\
Created a journal in .
  insight.yaml
  templates/visit.md
  templates/peer.md
  templates/immersion.md
  templates/research.md
  templates/sales.md
Kept your README.md as it was
Kept your .gitignore as it was; add the line `.insight` to it
Not in a git repository: run `git init` there (or `insight init --git`) to review entries like code

Next: record a visit with
  insight new visit --site \"Cub Foods, Minneapolis\" --role bakery
"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "mine"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
    let settings = fs::read_to_string(dir.path().join("insight.yaml")).unwrap();
    fs::write(dir.path().join("insight.yaml"), "name: edited\n").unwrap();
    let again = insight_in(dir.path(), &[], &["init"]);
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "error: . is already a journal: it has insight.yaml\nhint: `insight new visit --site …` adds an entry to it\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("insight.yaml")).unwrap(),
        "name: edited\n"
    );
    assert!(settings.contains("fiscal_year_start"));
}

#[test]
fn init_honours_journal_and_can_be_run_again_after_a_failure() {
    let dir = TempDir::new("init-journal");
    let target = dir.path().join("named");
    let run = insight_in(
        dir.path(),
        &[],
        &["--journal", target.to_str().unwrap(), "init"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(target.join("insight.yaml").is_file());
    // `visits` in the way: nothing that would make the folder a journal is written.
    let blocked = dir.path().join("blocked");
    fs::create_dir_all(&blocked).unwrap();
    fs::write(blocked.join("visits"), "a file").unwrap();
    let run = insight_in(&blocked, &[], &["init"]);
    assert_eq!(run.code, 2);
    assert!(!blocked.join("insight.yaml").exists());
    fs::remove_file(blocked.join("visits")).unwrap();
    assert_eq!(insight_in(&blocked, &[], &["init"]).code, 0);
}

#[test]
fn an_empty_insight_journal_variable_is_no_journal() {
    let dir = TempDir::new("empty-env");
    init(&dir);
    let run = insight_in(
        &dir.path().join("visits"),
        &[("INSIGHT_JOURNAL", "")],
        &["list"],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, "no entries match\n"));
}

#[test]
fn new_writes_an_entry_that_reads_back_as_typed() {
    let dir = TempDir::new("new");
    init(&dir);
    let args = [
        "--today",
        TODAY,
        "new",
        "visit",
        "--site",
        "Tower One: floor 12",
        "--role",
        "bakery",
        "--person",
        "Wayne Shurts",
        "--person",
        "#2 person",
        "--customers",
        "14",
        "--hours",
        "7.5",
        "--tag",
        "mobile/app",
        "--tag",
        "pricing",
        "--idea",
        "Aisle finder: v2",
        "--date",
        "2026-11-20",
    ];
    let run = insight_in(dir.path(), &[], &args);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, "visits/2026/2026-11-20-tower-one-floor-12.md\n");
    let text = fs::read_to_string(
        dir.path()
            .join("visits/2026/2026-11-20-tower-one-floor-12.md"),
    )
    .unwrap();
    assert!(
        text.starts_with(
            "---\ndate: 2026-11-20\nkind: frontline\nsite: 'Tower One: floor 12'\nrole: bakery\n\
             people:\n- Wayne Shurts\n- '#2 person'\ncustomers: 14\nhours: 7.5\n\
             tags:\n- mobile/app\n- pricing\nideas:\n- 'Aisle finder: v2'\n---\n# Tower One: floor 12\n"
        ),
        "{text}"
    );
    let json = insight_in(dir.path(), &[], &["list", "--format", "jsonl"]).ok();
    assert_eq!(
        json,
        r##"{"path":"visits/2026/2026-11-20-tower-one-floor-12.md","date":"2026-11-20","kind":"frontline","site":"Tower One: floor 12","role":"bakery","title":"Tower One: floor 12","people":["Wayne Shurts","#2 person"],"customers":14,"hours":7.5,"tags":["mobile/app","pricing"],"ideas":[{"id":null,"title":"Aisle finder: v2","status":"new","status_inherited":false,"owner":null,"tags":[]}]}"##
            .to_string()
            + "\n"
    );
}

#[test]
fn new_takes_the_next_free_name() {
    let dir = TempDir::new("new-twice");
    init(&dir);
    for expected in [
        "visits/2026/2026-11-22-1-store.md",
        "visits/2026/2026-11-22-1-store-2.md",
    ] {
        let run = insight_in(
            dir.path(),
            &[],
            &["--today", TODAY, "new", "sales", "--site", "#1 Store"],
        );
        assert_eq!(run.stdout, format!("{expected}\n"), "{}", run.stderr);
    }
    let sites = insight_in(dir.path(), &[], &["list", "--format", "csv"]).ok();
    assert_eq!(
        sites,
        "date,kind,site,title,customers,tags,people\n\
         2026-11-22,sales,#1 Store,#1 Store,,,\n\
         2026-11-22,sales,#1 Store,#1 Store,,,\n"
    );
}

#[test]
fn new_dry_run_prints_and_writes_nothing() {
    let dir = TempDir::new("dry-run");
    init(&dir);
    let run = insight_in(
        dir.path(),
        &[],
        &[
            "--today",
            TODAY,
            "new",
            "peer",
            "--site",
            "Atlanta",
            "--title",
            "Lunch: three CIOs",
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with(
            "---\ndate: 2026-11-22\nkind: peer\nsite: Atlanta\ntitle: 'Lunch: three CIOs'\n---\n# Lunch: three CIOs\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        "dry run: would create visits/2026/2026-11-22-atlanta.md\n"
    );
    assert!(!dir.path().join("visits/2026").exists());
}

#[test]
fn new_without_a_site_names_the_flag() {
    let dir = TempDir::new("no-site");
    init(&dir);
    let run = insight_in(dir.path(), &[], &["new", "visit"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: missing --site: say where the visit happened\n\
         hint: for example: insight new visit --site \"Cub Foods, Minneapolis\"\n"
    );
}

#[test]
fn new_with_an_unknown_template_lists_the_templates() {
    let dir = TempDir::new("no-template");
    init(&dir);
    fs::write(
        dir.path().join("templates/store-walk.md"),
        "---\nkind: frontline\n---\n# {{title}}\n",
    )
    .unwrap();
    let run = insight_in(dir.path(), &[], &["new", "lunch", "--site", "x"]);
    assert_eq!(run.code, 2);
    let templates = dir.path().join("templates");
    assert_eq!(
        run.stderr,
        format!(
            "error: no template `lunch`: {}/lunch.md does not exist\n\
             hint: the templates are immersion, peer, research, sales, store-walk, visit (add your own as {}/NAME.md)\n",
            templates.display(),
            templates.display()
        )
    );
    // A template of the user's own works like the standard ones.
    let run = insight_in(
        dir.path(),
        &[],
        &["--today", TODAY, "new", "store-walk", "--site", "Cub"],
    );
    assert_eq!(
        run.stdout, "visits/2026/2026-11-22-cub.md\n",
        "{}",
        run.stderr
    );
}

#[test]
fn the_journal_is_found_upwards_or_named() {
    let dir = TempDir::new("find");
    init(&dir);
    let inside = dir.path().join("visits");
    assert_eq!(insight_in(&inside, &[], &["list"]).code, 0);
    let elsewhere = TempDir::new("find-elsewhere");
    let env = [("INSIGHT_JOURNAL", dir.str())];
    assert_eq!(insight_in(elsewhere.path(), &env, &["list"]).code, 0);
    assert_eq!(
        insight_in(elsewhere.path(), &[], &["--journal", dir.str(), "list"]).code,
        0
    );
}

#[test]
fn no_journal_says_where_it_looked() {
    let dir = TempDir::new("nowhere");
    let run = insight_in(dir.path(), &[], &["list"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "error: no journal found: there is no insight.yaml in {}, ",
            dir.str()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with(
        "hint: create a journal with `insight init DIR`, or point to one with --journal DIR or INSIGHT_JOURNAL\n"
    ));
    let run = insight_in(dir.path(), &[], &["--journal", dir.str(), "list"]);
    assert_eq!(
        run.stderr,
        format!(
            "error: {0} is not a journal: it has no insight.yaml\nhint: create one there with `insight init {0}`\n",
            dir.str()
        )
    );
}

#[test]
fn a_broken_settings_file_is_a_configuration_error() {
    let dir = TempDir::new("bad-settings");
    fs::write(
        dir.path().join("insight.yaml"),
        "name: J\nfiscal_year_start: 13\n",
    )
    .unwrap();
    let run = insight_in(dir.path(), &[], &["list"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {}/insight.yaml:2:1: `fiscal_year_start`: expected a month from 1 to 12, found 13\n\
             hint: fix insight.yaml; every setting in it is optional\n",
            dir.str()
        )
    );
}

#[test]
fn fiscal_quarters_follow_the_settings() {
    let dir = TempDir::new("fiscal");
    fs::write(dir.path().join("insight.yaml"), "fiscal_year_start: 7\n").unwrap();
    for (date, site) in [
        ("2025-07-01", "first"),
        ("2025-09-30", "last"),
        ("2025-10-01", "next"),
    ] {
        let run = insight_in(
            dir.path(),
            &[],
            &["new", "visit", "--date", date, "--site", site],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let q1 = insight_in(
        dir.path(),
        &[],
        &["list", "--period", "2026Q1", "--format", "csv"],
    )
    .ok();
    assert_eq!(
        q1,
        "date,kind,site,title,customers,tags,people\n2025-07-01,frontline,first,first,,,\n2025-09-30,frontline,last,last,,,\n"
    );
    let year = insight_in(
        dir.path(),
        &[],
        &[
            "--today",
            "2026-06-30",
            "list",
            "--year",
            "--format",
            "paths",
        ],
    )
    .ok();
    assert_eq!(year.lines().count(), 3);
}
