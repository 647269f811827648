//! `insight report`, `ideas`, `people` and `quotes` on the `quarterly` fixture,
//! whose figures were worked out by hand from its six entries:
//!
//! | entry      | kind      | site     | people              | cust. | hours | ideas                          |
//! |------------|-----------|----------|---------------------|-------|-------|--------------------------------|
//! | 2026-05-10 | frontline | Store A  | Ann                 | 10    | 4     | finder (new)                   |
//! | 2026-06-20 | peer      | HQ lunch | Bob, Zed            | 2     | 1.5   |                                |
//! | 2026-07-05 | frontline | Store A  | Ann, Cy             | 20    | 6     | finder (exploring), Queue display |
//! | 2026-08-15 | research  | Data lab | Cy                  | 0     | 3     | queue display                  |
//! | 2026-09-30 | sales     | store a  | Zed                 | 5     | —     | bundle (planned)               |
//! | 2026-10-10 | frontline | Store B  | Bob                 | 7     | 2     | finder (building)              |
//!
//! Today is 2026-11-22, so `--quarter last` is 2026Q3 and the previous quarter 2026Q2.

use crate::common::{TempDir, fixture, insight, insight_in};
use serde_json::{Value, json};

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&fixture("quarterly", args).ok()).expect("valid JSON")
}

const MARKDOWN_2026Q3: &str = "\
# Quarterly test journal: 2026Q3

2026-07-01 to 2026-09-30, compared with 2026Q2 (2026-04-01 to 2026-06-30).

## Summary

In 2026Q3, 3 people went out on 3 entries and spoke to 25 customers, against 3 people, 2 entries and 12 customers in 2026Q2.

Moved forward: Finder (new → exploring).

2 ideas were raised for the first time, against 1 in 2026Q2.

Behind their yearly target: Bob Exec (1 of 3 people with a target).

## Totals

|  | 2026Q3 | 2026Q2 | Change |
| --- | ---: | ---: | ---: |
| Entries | 3 | 2 | +1 |
| People who went out | 3 | 3 | 0 |
| Customers spoken to | 25 | 12 | +13 |
| Hours | 9 | 5.5 | +3.5 |
| Sites | 2 | 2 | 0 |
| Ideas mentioned | 3 | 1 | +2 |
| Ideas raised | 2 | 1 | +1 |

Not in the sums: 1 entry without hours.

## By kind

| Kind | Entries | Customers | Hours |
| --- | ---: | ---: | ---: |
| frontline | 1 | 20 | 6 |
| peer | 0 | 0 | 0 |
| immersion | 0 | 0 | 0 |
| research | 1 | 0 | 3 |
| sales | 1 | 5 | 0 |

## Tags

| Tag | Entries | Share |
| --- | ---: | ---: |
| analytics | 1 | 33% |
| checkout | 1 | 33% |
| mobile | 1 | 33% |
| mobile/app | 1 | 33% |
| pricing | 1 | 33% |

## Sites

| Site | Entries | Customers |
| --- | ---: | ---: |
| Store A | 2 | 25 |
| Data lab | 1 | 0 |

## Ideas that moved

Where the 3 ideas raised by 2026-09-30 stand: new 1, exploring 1, planned 1, building 0, shipped 0, dropped 0.

| Id | Idea | Change | When and where |
| --- | --- | --- | --- |
| finder | Finder | new → exploring | 2026-07-05 exploring at Store A |

Raised for the first time in 2026Q3: 2 ideas, now at new (1) and planned (1); the Ideas table gives the day each was raised.

## Ideas

| Id | Idea | Status | Owner | Mentions | Customers | Raised | Last mentioned |
| --- | --- | --- | --- | ---: | ---: | --- | --- |
|  | Queue display | new |  | 2 | 20 | 2026-07-05 | 2026-08-15 |
| finder | Finder | exploring |  | 1 | 20 | 2026-05-10 | 2026-07-05 |
| bundle | Bundle pricing | planned |  | 1 | 5 | 2026-09-30 | 2026-09-30 |

## Coverage

Entries and hours in 2026Q3. Targets are yearly and judged on all of a person's entries from 2026-01-01 to 2026-09-30 (75% of the fiscal year); on track means at least that share of the target.

| Person | Group | Entries | Hours | Toward target | Status |
| --- | --- | ---: | ---: | --- | --- |
| Ann Exec | executives | 1 | 6 | 2 of 2 entries | met |
| Bob Exec | executives | 0 | 0 | 1 of 2 entries | behind |
| Cy Staff | it-staff | 2 | 9 | 9 of 8 hours | met |
| Zed Guest | not in insight.yaml | 1 | 0 |  |  |

## Voice of the customer

> Can I pay my mother's bill?
>
> — 2026-09-30, store a

> Where is the flour?
>
> — 2026-07-05, Store A

> Queues are long.
>
> — 2026-07-05, Store A

## Trend

| Month | Entries |
| --- | ---: |
| 2026-07 | 1 |
| 2026-08 | 1 |
| 2026-09 | 1 |
";

#[test]
fn the_markdown_report_is_the_page_worked_out_by_hand() {
    assert_eq!(
        fixture(
            "quarterly",
            &["report", "--quarter", "last", "--format", "markdown"]
        )
        .ok(),
        MARKDOWN_2026Q3
    );
    // The same period named another way is the same page.
    assert_eq!(
        fixture(
            "quarterly",
            &["report", "--period", "2026Q3", "--format", "markdown"]
        )
        .ok(),
        MARKDOWN_2026Q3
    );
}

#[test]
fn the_json_report_has_the_same_numbers_under_fixed_keys() {
    let raw = fixture(
        "quarterly",
        &["report", "--quarter", "last", "--format", "json"],
    )
    .ok();
    let report: Value = serde_json::from_str(&raw).unwrap();
    // Top-level keys, in the order they are written.
    let keys: Vec<&str> = raw
        .lines()
        .filter_map(|line| {
            line.strip_prefix("  \"")?
                .split_once('"')
                .map(|(key, _)| key)
        })
        .collect();
    assert_eq!(
        keys,
        [
            "journal",
            "period",
            "as_of",
            "summary",
            "totals",
            "previous",
            "kinds",
            "tags",
            "sites",
            "pipeline",
            "movements",
            "ideas",
            "coverage",
            "quotes",
            "trend"
        ]
    );
    assert_eq!(report["journal"], "Quarterly test journal");
    assert_eq!(
        report["summary"],
        json!([
            "In 2026Q3, 3 people went out on 3 entries and spoke to 25 customers, against 3 people, 2 entries and 12 customers in 2026Q2.",
            "Moved forward: Finder (new → exploring).",
            "2 ideas were raised for the first time, against 1 in 2026Q2.",
            "Behind their yearly target: Bob Exec (1 of 3 people with a target)."
        ])
    );
    assert_eq!(
        report["period"],
        json!({"label": "2026Q3", "start": "2026-07-01", "end": "2026-09-30"})
    );
    assert_eq!(
        report["totals"],
        json!({"entries": 3, "people": 3, "customers": 25, "entries_without_customers": 0, "hours": 9,
            "entries_without_hours": 1, "sites": 2, "ideas": 3, "ideas_raised": 2})
    );
    assert_eq!(
        report["previous"],
        json!({"entries": 2, "people": 3, "customers": 12, "entries_without_customers": 0, "hours": 5.5,
            "entries_without_hours": 0, "sites": 2, "ideas": 1, "ideas_raised": 1})
    );
    assert_eq!(
        report["kinds"],
        json!([
            {"kind": "frontline", "entries": 1, "customers": 20, "hours": 6},
            {"kind": "peer", "entries": 0, "customers": 0, "hours": 0},
            {"kind": "immersion", "entries": 0, "customers": 0, "hours": 0},
            {"kind": "research", "entries": 1, "customers": 0, "hours": 3},
            {"kind": "sales", "entries": 1, "customers": 5, "hours": 0},
        ])
    );
    assert_eq!(
        report["tags"],
        json!([
            {"tag": "analytics", "entries": 1}, {"tag": "checkout", "entries": 1}, {"tag": "mobile", "entries": 1},
            {"tag": "mobile/app", "entries": 1}, {"tag": "pricing", "entries": 1},
        ])
    );
    assert_eq!(
        report["sites"],
        json!([{"site": "Store A", "entries": 2, "customers": 25}, {"site": "Data lab", "entries": 1, "customers": 0}])
    );
    assert_eq!(
        report["ideas"],
        json!([
            {"id": null, "title": "Queue display", "status": "new", "owner": null, "mentions": 2,
             "customers": 20, "first_date": "2026-07-05", "last_date": "2026-08-15", "raised": "2026-07-05"},
            {"id": "finder", "title": "Finder", "status": "exploring", "owner": null, "mentions": 1,
             "customers": 20, "first_date": "2026-07-05", "last_date": "2026-07-05", "raised": "2026-05-10"},
            {"id": "bundle", "title": "Bundle pricing", "status": "planned", "owner": null, "mentions": 1,
             "customers": 5, "first_date": "2026-09-30", "last_date": "2026-09-30", "raised": "2026-09-30"},
        ])
    );
    assert_eq!(
        report["coverage"],
        json!([
            {"person": "Ann Exec", "group": "executives", "entries": 1, "hours": 6, "year_entries": 2,
             "year_hours": 10, "target_entries": 2.0, "target_hours": null, "met": true, "on_track": true},
            {"person": "Bob Exec", "group": "executives", "entries": 0, "hours": 0, "year_entries": 1,
             "year_hours": 1.5, "target_entries": 2.0, "target_hours": null, "met": false, "on_track": false},
            {"person": "Cy Staff", "group": "it-staff", "entries": 2, "hours": 9, "year_entries": 2,
             "year_hours": 9, "target_entries": null, "target_hours": 8.0, "met": true, "on_track": true},
            {"person": "Zed Guest", "group": null, "entries": 1, "hours": 0, "year_entries": 2,
             "year_hours": 1.5, "target_entries": null, "target_hours": null, "met": null, "on_track": null},
        ])
    );
    assert_eq!(
        report["quotes"],
        json!([
            {"text": "Can I pay my mother's bill?", "date": "2026-09-30", "site": "store a",
             "path": "visits/2026-09-30-store-a.md"},
            {"text": "Where is the flour?", "date": "2026-07-05", "site": "Store A",
             "path": "visits/2026-07-05-store-a.md"},
            {"text": "Queues are long.", "date": "2026-07-05", "site": "Store A",
             "path": "visits/2026-07-05-store-a.md"},
        ])
    );
    assert_eq!(
        report["trend"],
        json!([{"label": "2026-07", "entries": 1}, {"label": "2026-08", "entries": 1}, {"label": "2026-09", "entries": 1}])
    );
}

#[test]
fn the_terminal_report_piped_has_no_bars_or_colour() {
    let text = fixture("quarterly", &["report", "--quarter", "last"]).ok();
    assert!(!text.contains('\x1b') && !text.contains('█'));
    assert!(text.starts_with(
        "\
Quarterly test journal: 2026Q3
2026-07-01 to 2026-09-30, compared with 2026Q2 (2026-04-01 to 2026-06-30).

Summary
In 2026Q3, 3 people went out on 3 entries and spoke to 25 customers, against 3 people, 2 entries and 12 customers in 2026Q2.
Moved forward: Finder (new → exploring).
2 ideas were raised for the first time, against 1 in 2026Q2.
Behind their yearly target: Bob Exec (1 of 3 people with a target).

Totals
                     2026Q3  2026Q2  Change
-------------------- ------- ------- -------
Entries                   3       2      +1
People who went out       3       3       0
Customers spoken to      25      12     +13
Hours                     9     5.5    +3.5
Sites                     2       2       0
Ideas mentioned           3       1      +2
Ideas raised              2       1      +1
"
    ));
    assert!(text.contains(
        "\
Ideas
Id      Idea            Status     Owner  Mentions  Customers  Raised      Last mentioned
------- --------------- ---------- ------ --------- ---------- ----------- ---------------
        Queue display   new                      2         20  2026-07-05  2026-08-15
finder  Finder          exploring                1         20  2026-05-10  2026-07-05
bundle  Bundle pricing  planned                  1          5  2026-09-30  2026-09-30
"
    ));
    assert!(text.ends_with(
        "\
Voice of the customer
“Can I pay my mother's bill?”
    — 2026-09-30, store a
“Where is the flour?”
    — 2026-07-05, Store A
“Queues are long.”
    — 2026-07-05, Store A

Trend
Month    Entries
-------- --------
2026-07        1
2026-08        1
2026-09        1
"
    ));
}

#[test]
fn the_default_period_is_the_quarter_containing_today() {
    let report = json_of(&["report", "--format", "json"]);
    assert_eq!(report["period"]["label"], "2026Q4");
    assert_eq!(report["totals"]["entries"], 1);
    // Coverage runs to the end of the period: Bob's October visit is his second.
    assert_eq!(report["coverage"][1]["met"], true);
    assert_eq!(
        report["trend"],
        json!([
            {"label": "2026-10", "entries": 1}, {"label": "2026-11", "entries": 0}, {"label": "2026-12", "entries": null}
        ])
    );
    // December starts after today (2026-11-22): not yet, rather than 0.
    let text = fixture("quarterly", &["report"]).ok();
    assert!(
        text.ends_with("2026-10        1\n2026-11        0\n2026-12  not yet\n"),
        "{text}"
    );
}

#[test]
fn filters_narrow_the_report_and_are_named_on_the_page() {
    let page = fixture(
        "quarterly",
        &[
            "report",
            "--quarter",
            "last",
            "--tag",
            "mobile",
            "--format",
            "markdown",
        ],
    )
    .ok();
    assert!(page.starts_with(
        "# Quarterly test journal: 2026Q3\n\n\
         2026-07-01 to 2026-09-30, compared with 2026Q2 (2026-04-01 to 2026-06-30). Only entries tagged mobile.\n"
    ));
    let report = json_of(&[
        "report",
        "--quarter",
        "last",
        "--tag",
        "mobile",
        "--format",
        "json",
    ]);
    assert_eq!(report["totals"]["entries"], 1);
    assert_eq!(report["previous"]["entries"], 2);
}

#[test]
fn a_one_month_report_trends_by_week_and_a_range_compares_with_as_many_days() {
    let report = json_of(&["report", "--month", "2026-07", "--format", "json"]);
    assert_eq!(
        report["trend"],
        json!([
            {"label": "2026-07-01..07", "entries": 1}, {"label": "2026-07-08..14", "entries": 0},
            {"label": "2026-07-15..21", "entries": 0}, {"label": "2026-07-22..28", "entries": 0},
            {"label": "2026-07-29..31", "entries": 0},
        ])
    );
    let report = json_of(&[
        "report",
        "--since",
        "2026-07-05",
        "--until",
        "2026-08-15",
        "--format",
        "json",
    ]);
    assert_eq!(
        report["period"],
        json!({"label": "2026-07-05..2026-08-15", "start": "2026-07-05", "end": "2026-08-15"})
    );
    assert_eq!(report["totals"]["entries"], 2);
    // The 42 days before: 2026-05-24..2026-07-04 hold only the June lunch.
    assert_eq!(report["previous"]["entries"], 1);
    let open = json_of(&["report", "--since", "2026-09-01", "--format", "json"]);
    assert_eq!(open["previous"], Value::Null);
    assert_eq!(
        open["period"],
        json!({"label": "2026-09-01..", "start": "2026-09-01", "end": null})
    );
    assert_eq!(
        open["trend"],
        json!([{"label": "2026-09", "entries": 1}, {"label": "2026-10", "entries": 1}])
    );
}

#[test]
fn quotes_are_limited_by_the_quotes_option() {
    let report = json_of(&[
        "report",
        "--quarter",
        "last",
        "--quotes",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(report["quotes"].as_array().unwrap().len(), 1);
    let page = fixture(
        "quarterly",
        &[
            "report",
            "--quarter",
            "last",
            "--quotes",
            "0",
            "--format",
            "markdown",
        ],
    )
    .ok();
    // None asked for: no section, rather than one saying there are none.
    let headings: Vec<&str> = page.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Summary",
            "## Totals",
            "## By kind",
            "## Tags",
            "## Sites",
            "## Ideas that moved",
            "## Ideas",
            "## Coverage",
            "## Trend"
        ]
    );
    assert!(!page.contains("No block quotes"), "{page}");
    let none = json_of(&[
        "report",
        "--quarter",
        "last",
        "--quotes",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(none["quotes"], serde_json::json!([]));
}

#[test]
fn by_groups_count_each_entry_in_every_group_it_belongs_to() {
    assert_eq!(
        fixture(
            "quarterly",
            &[
                "report",
                "--quarter",
                "last",
                "--by",
                "kind",
                "--format",
                "csv"
            ]
        )
        .ok(),
        "group,entries,customers,hours,ideas\nfrontline,1,20,6,2\npeer,0,0,0,0\nimmersion,0,0,0,0\nresearch,1,0,3,1\nsales,1,5,0,1\n"
    );
    assert_eq!(
        fixture(
            "quarterly",
            &[
                "report", "--year", "2026", "--by", "person", "--format", "csv"
            ]
        )
        .ok(),
        "group,entries,customers,hours,ideas\nAnn Exec,2,30,10,2\nBob Exec,2,9,3.5,1\nCy Staff,2,20,9,2\nZed Guest,2,7,1.5,1\n"
    );
    assert_eq!(
        fixture(
            "quarterly",
            &[
                "report", "--year", "2026", "--by", "tag", "--format", "markdown"
            ]
        )
        .ok(),
        "\
| Tag | Entries | Customers | Hours | Ideas |
| --- | ---: | ---: | ---: | ---: |
| mobile | 4 | 39 | 13.5 | 2 |
| mobile/app | 2 | 30 | 10 | 2 |
| pricing | 2 | 15 | 4 | 2 |
| analytics | 1 | 0 | 3 | 1 |
| checkout | 1 | 20 | 6 | 2 |
"
    );
    assert_eq!(
        fixture(
            "quarterly",
            &[
                "report", "--year", "2026", "--by", "quarter", "--format", "csv"
            ]
        )
        .ok(),
        "group,entries,customers,hours,ideas\n2026Q1,0,0,0,0\n2026Q2,2,12,5.5,1\n2026Q3,3,25,9,3\n2026Q4,1,7,2,1\n"
    );
    let sites = json_of(&[
        "report",
        "--quarter",
        "last",
        "--by",
        "site",
        "--format",
        "json",
    ]);
    assert_eq!(
        sites["groups"],
        json!([
            {"group": "Store A", "entries": 2, "customers": 25, "hours": 6, "ideas": 3},
            {"group": "Data lab", "entries": 1, "customers": 0, "hours": 3, "ideas": 1},
        ])
    );
    let months = fixture(
        "quarterly",
        &["report", "--quarter", "last", "--by", "month"],
    )
    .ok();
    assert_eq!(
        months,
        "\
Month    Entries  Customers  Hours  Ideas
-------- -------- ---------- ------ ------
2026-07        1         20      6      2
2026-08        1          0      3      1
2026-09        1          5      0      1
"
    );
}

#[test]
fn output_files_are_written_whole_in_the_format_their_name_says() {
    let dir = TempDir::new("report-output");
    let file = dir.path().join("reports/2026Q3.md");
    let run = fixture(
        "quarterly",
        &["report", "--quarter", "last", "-o", file.to_str().unwrap()],
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(run.stderr, format!("wrote {}\n", file.display()));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MARKDOWN_2026Q3);
    // Written again, it is replaced whole and byte for byte the same.
    fixture(
        "quarterly",
        &["report", "--quarter", "last", "-o", file.to_str().unwrap()],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MARKDOWN_2026Q3);
    let json = dir.path().join("q.json");
    fixture(
        "quarterly",
        &["report", "--quarter", "last", "-o", json.to_str().unwrap()],
    );
    let parsed: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(parsed["totals"]["customers"], 25);
    let forced = dir.path().join("q.txt");
    fixture(
        "quarterly",
        &[
            "report",
            "--quarter",
            "last",
            "--format",
            "markdown",
            "-o",
            forced.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&forced).unwrap(), MARKDOWN_2026Q3);
}

#[test]
fn output_never_replaces_the_journal_or_a_stranger() {
    let dir = TempDir::new("report-guard");
    let journal = dir.path().join("j");
    crate::common::copy_dir(
        &crate::common::manifest_dir().join("tests/fixtures/quarterly"),
        &journal,
    );
    let settings = std::fs::read_to_string(journal.join("insight.yaml")).unwrap();
    let j = journal.to_str().unwrap();
    for target in [
        "insight.yaml",
        "visits/2026-05-10-store-a.md",
        "visits/new.md",
    ] {
        let path = journal.join(target);
        let run = insight(&[
            "--journal",
            j,
            "report",
            "-f",
            "markdown",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{target}");
        assert!(
            run.stderr.contains("it belongs to the journal"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(journal.join("insight.yaml")).unwrap(),
        settings
    );
    assert!(!journal.join("visits/new.md").exists());
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "my own notes\n").unwrap();
    let run = insight(&["--journal", j, "report", "-o", notes.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {} exists and does not look like an insight report\nhint: choose another file, or add --force to replace it\n",
            notes.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own notes\n");
    let package = dir.path().join("package.json");
    std::fs::write(&package, "{\n  \"name\": \"x\"\n}\n").unwrap();
    assert_eq!(
        insight(&["--journal", j, "report", "-o", package.to_str().unwrap()]).code,
        2
    );
    let table = dir.path().join("table.txt");
    std::fs::write(&table, "Entries Customers Ideas of mine\n").unwrap();
    assert_eq!(
        insight(&["--journal", j, "report", "-o", table.to_str().unwrap()]).code,
        2
    );
    // A relative journal root with no entries folder yet is protected all the same.
    std::fs::remove_dir_all(journal.join("visits")).unwrap();
    let run = insight_in(
        &journal,
        &[],
        &["--journal", ".", "report", "-o", "visits/r.md"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!journal.join("visits").exists());
    let run = insight(&[
        "--journal",
        j,
        "report",
        "--force",
        "-o",
        notes.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // An earlier report, in any format, may be replaced.
    for name in ["r.md", "r.json", "r.txt"] {
        let path = dir.path().join(name);
        let p = path.to_str().unwrap();
        assert_eq!(insight(&["--journal", j, "report", "-o", p]).code, 0);
        assert_eq!(
            insight(&["--journal", j, "report", "-o", p]).code,
            0,
            "{name} again"
        );
    }
    let by = dir.path().join("by.csv");
    let p = by.to_str().unwrap();
    assert_eq!(
        insight(&["--journal", j, "report", "--by", "kind", "-o", p]).code,
        0
    );
    assert_eq!(
        insight(&["--journal", j, "report", "--by", "kind", "-o", p]).code,
        0
    );
}

/// A journal of its own: `insight.yaml` holding `settings`, and an empty
/// `visits/` for the test to fill.
fn journal_with(name: &str, settings: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.path().join("visits")).unwrap();
    std::fs::write(dir.path().join("insight.yaml"), settings).unwrap();
    dir
}

/// `insight report -p 2026Q1 -f FORMAT` on the journal in `dir`.
fn q1_report(dir: &TempDir, format: &str) -> String {
    insight(&[
        "--journal",
        dir.str(),
        "report",
        "-p",
        "2026Q1",
        "-f",
        format,
    ])
    .ok()
}

#[test]
fn coverage_lists_everyone_who_went_out() {
    let dir = journal_with(
        "coverage-all",
        "people:\n  - { name: Ann, group: executives }\n  - { name: Bob, group: staff }\n  - Cat\n\
         targets:\n  executives: { entries_per_year: 2 }\n",
    );
    let root = dir.path();
    std::fs::write(
        root.join("visits/a.md"),
        "---\ndate: 2026-02-01\nkind: peer\nsite: A\npeople: [Ann, Bob]\n---\n",
    )
    .unwrap();
    std::fs::write(
        root.join("visits/b.md"),
        "---\ndate: 2026-02-02\nkind: peer\nsite: B\npeople: [Cat, Dan]\n---\n",
    )
    .unwrap();
    let page = q1_report(&dir, "markdown");
    assert!(
        page.contains(
            "| Ann | executives | 1 | 0 | 1 of 2 entries | on track |\n\
             | Bob | staff | 1 | 0 |  |  |\n\
             | Cat |  | 1 | 0 |  |  |\n\
             | Dan | not in insight.yaml | 1 | 0 |  |  |\n"
        ),
        "{page}"
    );
}

#[test]
fn a_page_shows_the_ideas_of_widest_reach_and_json_has_them_all() {
    let dir = journal_with("many-ideas", "name: Many ideas\n");
    let root = dir.path();
    // Idea n is heard by n customers: the page keeps 30 down to 6.
    for n in 1..=30 {
        std::fs::write(
            root.join(format!("visits/{n:02}.md")),
            format!(
                "---\ndate: 2026-01-{n:02}\nkind: frontline\nsite: Store\ncustomers: {n}\n\
                 ideas: [Idea number {n}]\n---\n"
            ),
        )
        .unwrap();
    }
    let page = q1_report(&dir, "markdown");
    let shown: Vec<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix("|  | Idea number "))
        .map(|rest| rest.split(' ').next().unwrap())
        .collect();
    let widest: Vec<String> = (6..=30).rev().map(|n| n.to_string()).collect();
    assert_eq!(shown, widest, "{page}");
    assert!(
        page.contains("And 5 more ideas, of narrower reach.\n"),
        "{page}"
    );
    let json: Value = serde_json::from_str(&q1_report(&dir, "json")).unwrap();
    assert_eq!(json["ideas"].as_array().unwrap().len(), 30);
}

#[test]
fn a_page_shows_the_ideas_that_moved_furthest_and_json_has_them_all() {
    let dir = journal_with("many-moves", "name: Many moves\n");
    let root = dir.path();
    // Ideas 1 and 2 reach `building` early; the others reach `planned`, idea
    // n on day n of February and March: the page keeps 1, 2 and 8 to 30.
    for n in 1..=30u32 {
        let raised = format!(
            "---\ndate: 2026-01-01\nkind: frontline\nsite: Store\n\
             ideas:\n  - id: i{n}\n    title: Idea number {n}\n    status: new\n---\n"
        );
        std::fs::write(root.join(format!("visits/a{n:02}.md")), raised).unwrap();
        let (day, status) = match n {
            1 | 2 => (jiff::civil::date(2026, 1, 5), "building"),
            _ => (
                jiff::civil::date(2026, 2, 1) + jiff::Span::new().days(n),
                "planned",
            ),
        };
        let moved = format!(
            "---\ndate: {day}\nkind: frontline\nsite: Store\n\
             ideas:\n  - id: i{n}\n    status: {status}\n---\n"
        );
        std::fs::write(root.join(format!("visits/b{n:02}.md")), moved).unwrap();
    }
    let page = q1_report(&dir, "markdown");
    let mut shown: Vec<u32> = page
        .lines()
        .filter(|line| line.contains(" → "))
        .filter_map(|line| line.strip_prefix("| i"))
        .map(|rest| rest.split(' ').next().unwrap().parse().unwrap())
        .collect();
    shown.sort_unstable();
    let furthest: Vec<u32> = [1, 2].into_iter().chain(8..=30).collect();
    assert_eq!(shown, furthest, "{page}");
    assert!(
        page.contains("And 5 more ideas that changed status, not as far along as those shown.\n"),
        "{page}"
    );
    let json: Value = serde_json::from_str(&q1_report(&dir, "json")).unwrap();
    assert_eq!(json["movements"].as_array().unwrap().len(), 30);
}

#[test]
fn a_page_shows_the_people_furthest_behind_and_json_has_them_all() {
    // P01 to P30 have 4 entries a year to make; P{n} made n % 5 of them in
    // January. A quarter is a fourth of the year: 0 is behind, 1 to 3 on
    // track, 4 met. The page keeps the behind, the on track, and the first
    // who met it, P04.
    let people: String = (1..=30)
        .map(|n| format!("  - {{ name: P{n:02}, group: staff }}\n"))
        .collect();
    let settings = format!("people:\n{people}targets:\n  staff: {{ entries_per_year: 4 }}\n");
    let dir = journal_with("many-people", &settings);
    for n in 1..=30 {
        for day in 1..=n % 5 {
            let visit = format!(
                "---\ndate: 2026-01-{day:02}\nkind: peer\nsite: A\npeople: [P{n:02}]\n---\n"
            );
            std::fs::write(dir.path().join(format!("visits/{n:02}-{day}.md")), visit).unwrap();
        }
    }
    let page = q1_report(&dir, "markdown");
    let shown: Vec<u32> = page
        .lines()
        .filter_map(|line| line.strip_prefix("| P")?.get(..2)?.parse().ok())
        .collect();
    let behind_on_track_and_first_met: Vec<u32> =
        (1..=30).filter(|n| n % 5 != 4 || *n == 4).collect();
    assert_eq!(shown, behind_on_track_and_first_met, "{page}");
    assert!(
        page.contains(
            "And 5 more people, each as far toward their target as those shown or further, or without one.\n"
        ),
        "{page}"
    );
    let json: Value = serde_json::from_str(&q1_report(&dir, "json")).unwrap();
    assert_eq!(json["coverage"].as_array().unwrap().len(), 30);
}

#[test]
fn report_usage_errors() {
    let run = fixture("quarterly", &["report", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: a report has several tables, which CSV cannot hold\n\
         hint: add --by kind|tag|site|person|month|quarter|journal for one table, or use --format markdown or json\n"
    );
    let run = fixture("quarterly", &["report", "-o", "report.pdf"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot tell a format from the name report.pdf\n"),
        "{}",
        run.stderr
    );
    let run = fixture(
        "quarterly",
        &["report", "--quarter", "last", "--since", "2026-10-01"],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --since and --until leave no days in the period 2026Q3\n\
         hint: 2026Q3 is 2026-07-01..2026-09-30; give --since and --until inside it\n"
    );
}

#[test]
fn ideas_merges_mentions_across_the_journal() {
    assert_eq!(
        fixture("quarterly", &["ideas", "--format", "csv"]).ok(),
        "id,title,status,owner,mentions,sites,customers,first_date,last_date,entries\n\
         finder,Finder,building,,3,2,37,2026-05-10,2026-10-10,\"2026-05-10-store-a, 2026-07-05-store-a, 2026-10-10-store-b\"\n\
         ,Queue display,new,,2,2,20,2026-07-05,2026-08-15,\"2026-07-05-store-a, 2026-08-15-data-lab\"\n\
         bundle,Bundle pricing,planned,,1,1,5,2026-09-30,2026-09-30,2026-09-30-store-a\n"
    );
    let json = json_of(&["ideas", "--status", "planned", "--format", "json"]);
    assert_eq!(
        json,
        json!([{"id": "bundle", "title": "Bundle pricing", "status": "planned", "owner": null, "mentions": 1, "sites": 1,
                "customers": 5, "first_date": "2026-09-30", "last_date": "2026-09-30",
                "entries": ["visits/2026-09-30-store-a.md"]}])
    );
    // A period picks the mentions and the day: statuses are as of its end,
    // from every entry of the journal up to then.
    let q3 = json_of(&[
        "ideas",
        "--quarter",
        "2026Q3",
        "--sort",
        "status",
        "--format",
        "json",
    ]);
    let order: Vec<(&str, &str)> = q3
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            ("Queue display", "new"),
            ("Finder", "exploring"),
            ("Bundle pricing", "planned")
        ]
    );
    let by_date = fixture("quarterly", &["ideas", "--sort", "date", "--format", "csv"]).ok();
    let firsts: Vec<&str> = by_date
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(firsts, ["Finder", "Bundle pricing", "Queue display"]);
    let run = fixture("quarterly", &["ideas", "--status", "done"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `--status done`: not a status of this journal\n\
         hint: the statuses are new, exploring, planned, building, shipped, dropped\n"
    );
}

#[test]
fn people_shows_the_year_to_date_against_targets() {
    assert_eq!(
        fixture("quarterly", &["people"]).ok(),
        "\
Person      Group       Entries  Hours  Customers  Toward target   Status
----------- ----------- -------- ------ ---------- --------------- -------
Ann Exec    executives        2     10         30  2 of 2 entries  met
Bob Exec    executives        2    3.5          9  2 of 2 entries  met
Cy Staff    it-staff          2      9         20  9 of 8 hours    met
Di Nogroup                    0      0          0
Zed Guest                     2    1.5          7
"
    );
    let behind = fixture("quarterly", &["people", "--behind"]);
    assert_eq!(
        (behind.code, behind.stdout.as_str(), behind.stderr.as_str()),
        (0, "", "nobody is behind their target\n")
    );
    assert_eq!(
        fixture(
            "quarterly",
            &[
                "people",
                "--behind",
                "--quarter",
                "2026Q3",
                "--format",
                "csv"
            ]
        )
        .ok(),
        // Ann went out once in the quarter, but twice in the year to its end: not behind.
        "person,group,entries,hours,customers,target,standing\n\
         Bob Exec,executives,0,0,0,1 of 2 entries,behind\n"
    );
    let json = json_of(&["people", "--person", "cy", "--format", "json"]);
    assert_eq!(
        json,
        json!([{"person": "Cy Staff", "group": "it-staff", "entries": 2, "hours": 9, "customers": 20,
                "year_entries": 2, "year_hours": 9, "target_entries": null, "target_hours": 8.0,
                "met": true, "on_track": true}])
    );
}

#[test]
fn quotes_newest_first_with_who_and_where() {
    assert_eq!(
        fixture("quarterly", &["quotes", "--limit", "2"]).ok(),
        "\
“Can I pay my mother's bill?”
    2026-09-30 · store a · Zed Guest · visits/2026-09-30-store-a.md

“Where is the flour?”
    2026-07-05 · Store A · Ann Exec, Cy Staff · visits/2026-07-05-store-a.md
"
    );
    assert_eq!(
        fixture(
            "quarterly",
            &["quotes", "--kind", "peer", "--format", "markdown"]
        )
        .ok(),
        "> A quote from the second quarter.\n>\n> — 2026-06-20 · HQ lunch · Bob Exec, Zed Guest · visits/2026-06-20-hq-lunch.md\n"
    );
    assert_eq!(
        fixture(
            "quarterly",
            &["quotes", "--kind", "peer", "--format", "jsonl"]
        )
        .ok(),
        "{\"text\":\"A quote from the second quarter.\",\"date\":\"2026-06-20\",\"site\":\"HQ lunch\",\
         \"people\":[\"Bob Exec\",\"Zed Guest\"],\"path\":\"visits/2026-06-20-hq-lunch.md\"}\n"
    );
}

#[test]
fn the_example_journal_gives_a_report_worth_reading() {
    let run = insight(&[
        "--journal",
        "examples/journal",
        "report",
        "--year",
        "2026",
        "--format",
        "markdown",
    ]);
    let page = run.ok();
    assert!(page.starts_with("# Frontline CIO Circle: 2026\n"), "{page}");
    for section in [
        "## Summary",
        "## Totals",
        "## By kind",
        "## Tags",
        "## Sites",
        "## Ideas that moved",
        "## Ideas",
        "## Coverage",
        "## Voice of the customer",
        "## Trend",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(
        page.contains(
            "| aisle-finder | Aisle finder in the mobile app | building | Wayne Shurts |"
        ),
        "{page}"
    );
    // Followed up by id alone, the aisle finder moved twice during the year.
    assert!(
        page.contains(
            "| aisle-finder | Aisle finder in the mobile app | new → exploring → building | \
             2026-03-24 exploring at Supervalu distribution centre, Hopkins; \
             2026-09-19 building at Cub Foods, Minneapolis |"
        ),
        "{page}"
    );
}
