//! `insight list` on the `basic` fixture: six entries that use the tricky but
//! valid forms (BOM and CRLF, a date-time, a quoted date, one tag or person as a
//! plain string, customers as a list, `...` closing the front matter, a `---`
//! thematic break in a body, unknown keys, a site with `: ` or a leading `#`).

use crate::common::{basic, insight};

fn paths(args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "paths"];
    all.extend_from_slice(args);
    basic(&all)
        .ok()
        .lines()
        .map(|p| {
            p.trim_start_matches("tests/fixtures/basic/visits/")
                .to_string()
        })
        .collect()
}

#[test]
fn lists_every_entry_as_a_table() {
    assert_eq!(
        basic(&["list"]).ok(),
        "\
Date        Kind       Site                    Title                Customers  Tags                        People
----------- ---------- ----------------------- -------------------- ---------- --------------------------- ------------------------------
2025-11-18  sales      Government agency       2025-11-18-agency            6  data-warehouse              Anuj Dhanda
2026-01-15  frontline  Cub Foods, Minneapolis  Bakery shift                12  mobile/app, pricing         Wayne Shurts
2026-02-03  frontline  BT contact centre       A day on the phones         31  pricing                     Clive Selley
2026-04-20  peer       Client lunch, Atlanta   Lunch in Atlanta             3  Mobile, benefits            Michael Capone
2026-07-08  immersion  Tower One: floor 12     Building walk                0  tenants                     Robert Juliano, Dave Kowalski
2026-10-01  research   #1 Store survey         Smartphone survey               mobile/payments, analytics
"
    );
}

#[test]
fn markdown_and_csv() {
    assert_eq!(
        basic(&["list", "--format", "markdown", "--tag", "pricing"]).ok(),
        "\
| Date | Kind | Site | Title | Customers | Tags | People |
| --- | --- | --- | --- | ---: | --- | --- |
| 2026-01-15 | frontline | Cub Foods, Minneapolis | Bakery shift | 12 | mobile/app, pricing | Wayne Shurts |
| 2026-02-03 | frontline | BT contact centre | A day on the phones | 31 | pricing | Clive Selley |
"
    );
    assert_eq!(
        basic(&["list", "--format", "csv", "--since", "2026-04-01"]).ok(),
        "\
date,kind,site,title,customers,tags,people
2026-04-20,peer,\"Client lunch, Atlanta\",Lunch in Atlanta,3,\"Mobile, benefits\",Michael Capone
2026-07-08,immersion,Tower One: floor 12,Building walk,0,tenants,\"Robert Juliano, Dave Kowalski\"
2026-10-01,research,#1 Store survey,Smartphone survey,,\"mobile/payments, analytics\",
"
    );
}

#[test]
fn json_has_exactly_the_documented_keys() {
    assert_eq!(
        basic(&["list", "--format", "json", "--site", "CUB"]).ok(),
        r#"[
  {
    "path": "visits/2026/2026-01-15-cub-foods.md",
    "date": "2026-01-15",
    "kind": "frontline",
    "site": "Cub Foods, Minneapolis",
    "role": "bakery",
    "title": "Bakery shift",
    "people": [
      "Wayne Shurts"
    ],
    "customers": 12,
    "hours": 8,
    "tags": [
      "mobile/app",
      "pricing"
    ],
    "ideas": [
      {
        "id": "aisle-finder",
        "title": "Aisle finder",
        "status": "exploring",
        "status_inherited": false,
        "owner": null,
        "tags": [
          "mobile"
        ]
      },
      {
        "id": null,
        "title": "Route from the shopping list",
        "status": "new",
        "status_inherited": false,
        "owner": null,
        "tags": []
      }
    ]
  }
]
"#
    );
}

#[test]
fn jsonl_is_one_object_per_line() {
    assert_eq!(
        basic(&[
            "list",
            "--format",
            "jsonl",
            "--kind",
            "immersion",
            "--kind",
            "sales"
        ])
        .ok(),
        concat!(
            r#"{"path":"visits/2025/2025-11-18-agency.md","date":"2025-11-18","kind":"sales","site":"Government agency","role":null,"title":"2025-11-18-agency","people":["Anuj Dhanda"],"customers":6,"hours":2.5,"tags":["data-warehouse"],"ideas":[]}"#,
            "\n",
            r#"{"path":"visits/2026/2026-07-08-tower.md","date":"2026-07-08","kind":"immersion","site":"Tower One: floor 12","role":null,"title":"Building walk","people":["Robert Juliano","Dave Kowalski"],"customers":0,"hours":3,"tags":["tenants"],"ideas":[{"id":null,"title":"Carrier desk","status":"new","status_inherited":false,"owner":null,"tags":[]}]}"#,
            "\n"
        )
    );
}

#[test]
fn the_tricky_forms_load_as_written() {
    let bt = basic(&["list", "--format", "jsonl", "--person", "selley"]).ok();
    // BOM + CRLF, a date-time, one person and one tag as plain strings, a `title:` key.
    assert!(bt.contains(r#""date":"2026-02-03""#), "{bt}");
    assert!(bt.contains(r#""people":["Clive Selley"]"#), "{bt}");
    assert!(bt.contains(r#""tags":["pricing"],"#), "{bt}");
    assert!(bt.contains(r#""title":"A day on the phones""#), "{bt}");
    // A quoted date, customers as a list, `...` closing, an unknown key.
    let atlanta = basic(&["list", "--format", "jsonl", "--kind", "peer"]).ok();
    assert!(atlanta.contains(r#""date":"2026-04-20""#), "{atlanta}");
    assert!(atlanta.contains(r#""customers":3"#), "{atlanta}");
}

#[test]
fn tags_match_case_insensitively_and_by_parent() {
    let mobile = [
        "2026/2026-01-15-cub-foods.md",
        "2026/2026-04-20-atlanta.md",
        "notes/2026-10-01-survey.md",
    ];
    assert_eq!(paths(&["--tag", "mobile"]), mobile);
    assert_eq!(paths(&["--tag", "MOBILE"]), mobile);
    assert_eq!(
        paths(&["--tag", "mobile/app"]),
        ["2026/2026-01-15-cub-foods.md"]
    );
    assert_eq!(
        paths(&["--tag", "mobile", "--tag", "pricing"]),
        ["2026/2026-01-15-cub-foods.md"]
    );
    // A prefix is not a tag: nothing matches, and a warning says so.
    let mob = basic(&["list", "--format", "paths", "--tag", "mob"]);
    assert_eq!(mob.stdout, "");
    assert_eq!(
        mob.stderr,
        "warning: no entry has the tag `mob`\nhint: `insight tags` lists the tags in use\n"
    );
}

#[test]
fn every_filter() {
    assert_eq!(paths(&["--kind", "PEER"]), ["2026/2026-04-20-atlanta.md"]);
    assert_eq!(
        paths(&["--site", "tower one"]),
        ["2026/2026-07-08-tower.md"]
    );
    assert_eq!(
        paths(&["--person", "kowalski"]),
        ["2026/2026-07-08-tower.md"]
    );
    // --text reads titles and bodies, in any case.
    assert_eq!(
        paths(&["--text", "COUPONS"]),
        ["notes/2026-10-01-survey.md"]
    );
    assert_eq!(paths(&["--text", "phones"]), ["2026/2026-02-03-bt.md"]);
    assert_eq!(
        paths(&["--has-ideas"]),
        ["2026/2026-01-15-cub-foods.md", "2026/2026-07-08-tower.md"]
    );
}

#[test]
fn periods() {
    assert_eq!(
        paths(&["--period", "2026Q1"]),
        ["2026/2026-01-15-cub-foods.md", "2026/2026-02-03-bt.md"]
    );
    // Today is 2026-11-22: this quarter is 2026Q4, the last one 2026Q3.
    assert_eq!(paths(&["--quarter"]), ["notes/2026-10-01-survey.md"]);
    assert_eq!(paths(&["--quarter", "last"]), ["2026/2026-07-08-tower.md"]);
    assert_eq!(paths(&["--quarter", "2"]), ["2026/2026-04-20-atlanta.md"]);
    assert_eq!(paths(&["--year", "2025"]), ["2025/2025-11-18-agency.md"]);
    assert_eq!(paths(&["--year", "last"]), ["2025/2025-11-18-agency.md"]);
    assert_eq!(paths(&["--month", "2026-07"]), ["2026/2026-07-08-tower.md"]);
    assert_eq!(paths(&["--month", "7"]), ["2026/2026-07-08-tower.md"]);
    assert_eq!(
        paths(&["--period", "2026-02-03..2026-04-20"]),
        ["2026/2026-02-03-bt.md", "2026/2026-04-20-atlanta.md"]
    );
    // --since and --until are inclusive, and narrow a period further.
    assert_eq!(
        paths(&[
            "--year",
            "2026",
            "--since",
            "2026-04-20",
            "--until",
            "2026-07-08"
        ]),
        ["2026/2026-04-20-atlanta.md", "2026/2026-07-08-tower.md"]
    );
}

#[test]
fn sorting_and_limits() {
    assert_eq!(
        paths(&["--sort", "customers", "--limit", "3"]),
        [
            "2026/2026-02-03-bt.md",
            "2026/2026-01-15-cub-foods.md",
            "2025/2025-11-18-agency.md"
        ]
    );
    assert_eq!(
        paths(&["--sort", "site"]),
        [
            "notes/2026-10-01-survey.md",
            "2026/2026-02-03-bt.md",
            "2026/2026-04-20-atlanta.md",
            "2026/2026-01-15-cub-foods.md",
            "2025/2025-11-18-agency.md",
            "2026/2026-07-08-tower.md",
        ]
    );
    assert_eq!(
        paths(&["--reverse", "--limit", "2"]),
        ["notes/2026-10-01-survey.md", "2026/2026-07-08-tower.md"]
    );
}

#[test]
fn no_match_says_so_on_stderr() {
    let run = basic(&["list", "--tag", "nothing-like-this"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(
        run.stderr,
        "no entries match\nwarning: no entry has the tag `nothing-like-this`\n\
         hint: `insight tags` lists the tags in use\n"
    );
    // A value the journal has, in entries the rest of the filter lets go,
    // is not a typo; one beside it that no entry has is.
    let run = basic(&["list", "--kind", "sales", "--tag", "mobile"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(run.stderr, "no entries match\n");
    let run = basic(&[
        "list", "--kind", "sales", "--tag", "mobile", "--tag", "mobil",
    ]);
    assert_eq!(
        run.stderr,
        "no entries match\nwarning: no entry has the tag `mobil`\n\
         hint: did you mean `--tag mobile`?\n"
    );
    // Formats for scripts stay well-formed; the warning is on stderr.
    let json = basic(&["list", "--tag", "nope", "--format", "json"]);
    assert_eq!(json.stdout, "[]\n");
    assert!(
        json.stderr
            .starts_with("warning: no entry has the tag `nope`\n")
    );
}

#[test]
fn bad_options_are_usage_errors() {
    let run = basic(&["list", "--period", "someday"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `someday` is not a period\n\
         hint: try last quarter, this year, last week, yesterday, last friday or from 2026-01-01 to 2026-03-31\n"
    );
    let run = basic(&["list", "--kind", "lunch"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `--kind lunch`: not a kind of this journal\n\
         hint: the kinds are frontline, peer, immersion, research, sales\n"
    );
    let run = basic(&["list", "--quarter", "5"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: `--quarter 5`: write a quarter as 3, Q3, 2026Q3"),
        "{}",
        run.stderr
    );
    // Two period options at once is a clap usage error, also exit 2.
    assert_eq!(basic(&["list", "--year", "--quarter"]).code, 2);
    assert_eq!(basic(&["list", "--since", "2026-02-30"]).code, 2);
}

#[test]
fn broken_entries_are_skipped_and_named_last_on_stderr() {
    let run = insight(&[
        "--journal",
        "tests/fixtures/mixed",
        "list",
        "--format",
        "paths",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "tests/fixtures/mixed/visits/good.md\n");
    assert_eq!(
        run.stderr,
        "warning: skipped 4 entries with errors: \
         visits/bad-date.md:2:1 (`date`: `2026-13-01` is not a valid date); \
         visits/no-front-matter.md:1:1 (no front matter: the first line must be `---`); \
         visits/typo-kind.md:3:1 (`kind`: `frontlin` is not a kind of this journal) and 1 more; \
         `insight check` explains each\n"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = basic(&["list", "--tag", "tenants"]).ok();
    assert!(!plain.contains('\x1b'));
    let coloured = basic(&["--color", "always", "list", "--tag", "tenants"]).ok();
    assert!(coloured.contains("\x1b[1m"), "{coloured:?}");
    let never = basic(&["list", "--color", "never", "--tag", "tenants"]).ok();
    assert_eq!(never, plain);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = crate::common::TempDir::new("pipe");
    crate::synthetic::write_journal(dir.path(), 3000, 3).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_insight"))
        .args(["--journal", dir.str(), "list", "--format", "jsonl"])
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the reader has gone, like `head` after its lines.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
