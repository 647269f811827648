//! Several journals read as one: `--journal` repeated (`-J`), and journals
//! that `include:` others. On `tests/fixtures/teams`, whose figures were
//! worked out by hand: the CIO's journal includes two team journals; both
//! teams have an idea `scan-and-go` (two different ideas) and mention the
//! shared `org/loyalty-app` (one idea); team B adds the kind `workshop`.
//!
//! | journal | date       | kind      | people          | cust. | hours | ideas                                    |
//! |---------|------------|-----------|-----------------|-------|-------|------------------------------------------|
//! | team-a  | 2026-04-10 | frontline | Cy, Ann         | 14    | 5     | scan-and-go (exploring), org/loyalty-app (new) |
//! | cio     | 2026-05-02 | peer      | Ann             | 1     | 2     |                                          |
//! | team-b  | 2026-06-01 | workshop  | Dana            | 30    | 6     | scan-and-go (planned), org/loyalty-app (planned, owner Dana) |

use crate::common::{TempDir, insight};

fn union(args: &[&str]) -> crate::common::Run {
    let mut all = vec!["--journal", "tests/fixtures/teams/cio"];
    all.extend_from_slice(args);
    insight(&all)
}

const Q2: &str = include_str!("fixtures/teams/report-2026Q2.md");

#[test]
fn an_include_chain_reads_every_journal_as_one() {
    assert_eq!(
        union(&["report", "-p", "2026Q2", "-f", "markdown"]).ok(),
        Q2
    );
    assert_eq!(
        union(&["list", "--format", "json"])
            .ok()
            .matches("\"path\": ")
            .count(),
        3
    );
    assert_eq!(
        union(&["list", "--format", "paths"]).ok(),
        "tests/fixtures/teams/team-a/visits/2026-04-10-store-12.md\n\
         tests/fixtures/teams/cio/visits/2026-05-02-board-lunch.md\n\
         tests/fixtures/teams/team-b/visits/2026-06-01-call-centre.md\n"
    );
    let jsonl = union(&["list", "--format", "jsonl", "--kind", "workshop"]).ok();
    assert!(
        jsonl.starts_with("{\"path\":\"team-b/visits/2026-06-01-call-centre.md\""),
        "{jsonl}"
    );
}

#[test]
fn repeated_journal_options_and_by_journal() {
    let run = insight(&[
        "-J",
        "tests/fixtures/teams/team-a",
        "--journal",
        "tests/fixtures/teams/team-b",
        "report",
        "--year",
        "2026",
        "--by",
        "journal",
        "-f",
        "csv",
    ]);
    assert_eq!(
        run.ok(),
        "group,entries,customers,hours,ideas\nteam-a,1,14,5,2\nteam-b,1,30,6,2\n"
    );
    assert_eq!(
        union(&["report", "--year", "2026", "--by", "journal"]).ok(),
        "\
Journal  Entries  Customers  Hours  Ideas
-------- -------- ---------- ------ ------
cio            1          1      2      0
team-a         1         14      5      2
team-b         1         30      6      2
"
    );
}

#[test]
fn ids_are_one_idea_only_where_the_journals_share_them() {
    assert_eq!(
        union(&["ideas", "--format", "csv"]).ok(),
        "id,title,status,owner,mentions,sites,customers,first_date,last_date,entries\n\
         org/loyalty-app,One loyalty app for every brand,planned,Dana Novak,2,2,44,2026-04-10,2026-06-01,\"2026-04-10-store-12, 2026-06-01-call-centre\"\n\
         team-b:scan-and-go,Scan and go for phone orders,planned,,1,1,30,2026-06-01,2026-06-01,2026-06-01-call-centre\n\
         team-a:scan-and-go,Scan and go in the mobile app,exploring,,1,1,14,2026-04-10,2026-04-10,2026-04-10-store-12\n"
    );
    let story = union(&["ideas", "org/loyalty-app", "-f", "json"]).ok();
    assert!(
        story.contains("\"path\": \"team-b/visits/2026-06-01-call-centre.md\""),
        "{story}"
    );
}

#[test]
fn export_and_check_name_each_entrys_journal() {
    let dir = TempDir::new("union-export");
    let out = dir.path().join("out");
    assert_eq!(union(&["export", out.to_str().unwrap()]).code, 0);
    let entries = std::fs::read_to_string(out.join("entries.csv")).unwrap();
    let journals: Vec<(&str, &str)> = entries
        .lines()
        .skip(1)
        .map(|l| {
            let mut cells = l.split(',');
            (cells.next().unwrap(), cells.next().unwrap())
        })
        .collect();
    assert_eq!(
        journals,
        [
            ("team-a/visits/2026-04-10-store-12.md", "team-a"),
            ("cio/visits/2026-05-02-board-lunch.md", "cio"),
            ("team-b/visits/2026-06-01-call-centre.md", "team-b")
        ]
    );
    // Each journal's entries are checked with its own settings: `workshop`
    // is a kind in team B only, and the tag vocabularies are all empty.
    assert_eq!(union(&["check"]).ok(), "checked 3 entries: no problems\n");
}

/// A journal in `dir/name` with these settings and one valid entry.
fn journal(dir: &TempDir, name: &str, settings: &str) -> String {
    let root = dir.path().join(name);
    std::fs::create_dir_all(root.join("visits")).unwrap();
    std::fs::write(root.join("insight.yaml"), settings).unwrap();
    std::fs::write(
        root.join("visits/2026-03-01-x.md"),
        format!("---\ndate: 2026-03-01\nkind: peer\nsite: {name}\n---\n"),
    )
    .unwrap();
    root.to_str().unwrap().to_string()
}

#[test]
fn a_circle_of_includes_is_an_error_not_a_hang() {
    let dir = TempDir::new("union-circle");
    let a = journal(&dir, "a", "include: [../b]\n");
    journal(&dir, "b", "include: [../c]\n");
    journal(&dir, "c", "include: [../a]\n");
    let run = insight(&["--journal", &a, "list"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    let real = |n: &str| {
        dir.path()
            .join(n)
            .canonicalize()
            .unwrap()
            .display()
            .to_string()
    };
    assert_eq!(
        run.stderr,
        format!(
            "error: journals include each other in a circle: {} includes {} includes {} includes {}\n\
             hint: remove one of the `include:` lines that close the circle\n",
            real("a"),
            real("b"),
            real("c"),
            real("a")
        )
    );
    // A journal included twice along different paths is read once.
    let d = journal(&dir, "d", "include: [../e, ../f]\n");
    journal(&dir, "e", "include: [../f]\n");
    journal(&dir, "f", "");
    assert_eq!(
        insight(&[
            "--journal",
            &d,
            "report",
            "--year",
            "2026",
            "--by",
            "journal",
            "-f",
            "csv"
        ])
        .ok(),
        "group,entries,customers,hours,ideas\nd,1,0,0,0\ne,1,0,0,0\nf,1,0,0,0\n"
    );
}

#[test]
fn settings_that_must_agree_are_errors_naming_both_files() {
    let dir = TempDir::new("union-conflicts");
    let a = journal(&dir, "a", "fiscal_year_start: 7\n");
    let b = journal(&dir, "b", "");
    let run = insight(&["-J", &a, "-J", &b, "list"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {a}/insight.yaml starts the fiscal year in month 7, but {b}/insight.yaml in month 1; journals read together must agree\n\
             hint: make the settings agree, or read the journals one at a time\n"
        )
    );
    let c = journal(
        &dir,
        "c",
        "people:\n  - { name: Ann Berg, group: executives }\n",
    );
    let d = journal(
        &dir,
        "d",
        "people:\n  - { name: ann berg, group: it-staff }\n",
    );
    let run = insight(&["-J", &c, "-J", &d, "people"]);
    assert_eq!(
        run.stderr,
        format!(
            "error: ann berg is in executives in {c}/insight.yaml, but in it-staff in {d}/insight.yaml; a person has one group in journals read together\n\
             hint: make the settings agree, or read the journals one at a time\n"
        )
    );
    let e = journal(&dir, "e", "targets:\n  staff: { hours_per_year: 8 }\n");
    let f = journal(&dir, "f", "targets:\n  staff: { hours_per_year: 10 }\n");
    let run = insight(&["-J", &e, "-J", &f, "people"]);
    assert!(run.stderr.starts_with(&format!(
        "error: the group staff has one target in {e}/insight.yaml and another in {f}/insight.yaml"
    )), "{}", run.stderr);
    // Two journals in folders of one name need a label to tell them apart.
    let g = journal(&dir, "g/journal", "");
    let h = journal(&dir, "h/journal", "");
    let run = insight(&["-J", &g, "-J", &h, "list"]);
    assert_eq!(
        run.stderr,
        format!(
            "error: two journals are both called `journal`: {g} and {h}\n\
             hint: give one of them another name with `label:` in its insight.yaml\n"
        )
    );
    std::fs::write(format!("{h}/insight.yaml"), "label: team-h\n").unwrap();
    assert_eq!(
        insight(&["-J", &g, "-J", &h, "list", "--format", "csv"]).ok(),
        "date,kind,site,title,customers,tags,people,journal\n2026-03-01,peer,g/journal,2026-03-01-x,,,,journal\n2026-03-01,peer,h/journal,2026-03-01-x,,,,team-h\n"
    );
}

#[test]
fn an_include_that_is_not_a_journal_says_so() {
    let dir = TempDir::new("union-missing");
    let a = journal(&dir, "a", "include: [../nowhere]\n");
    let run = insight(&["--journal", &a, "list"]);
    assert_eq!(
        run.stderr,
        format!(
            "error: {a}/insight.yaml: `include: ../nowhere` names {}/nowhere, which does not exist\n\
             hint: give the path of a journal's folder, relative to this insight.yaml\n",
            dir.path().display()
        )
    );
}
