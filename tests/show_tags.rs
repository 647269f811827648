//! `insight show` and `insight tags` on the `basic` fixture.

use crate::common::{basic, insight};

#[test]
fn show_prints_fields_then_the_text() {
    assert_eq!(
        basic(&["show", "cub"]).ok(),
        "\
Bakery shift
visits/2026/2026-01-15-cub-foods.md

date       2026-01-15
kind       frontline
site       Cub Foods, Minneapolis
role       bakery
people     Wayne Shurts
customers  12
hours      8
tags       mobile/app, pricing
ideas      [aisle-finder] Aisle finder (exploring)
           Route from the shopping list (new)

# Bakery shift

Ruined a few cakes, learned a lot.

> I love the store locator, but in here I can never find the flour.
"
    );
}

#[test]
fn show_normalizes_crlf_for_the_terminal() {
    assert_eq!(
        basic(&["show", "2026-02-03-BT"]).ok(),
        "\
A day on the phones
visits/2026/2026-02-03-bt.md

date       2026-02-03
kind       frontline
site       BT contact centre
people     Clive Selley
customers  31
hours      –
tags       pricing

Callers asked for prices by region.

> Can my mother pay for her own calls?
"
    );
}

#[test]
fn show_accepts_a_path() {
    let by_name = basic(&["show", "tower"]).ok();
    assert_eq!(
        basic(&[
            "show",
            "tests/fixtures/basic/visits/2026/2026-07-08-tower.md"
        ])
        .ok(),
        by_name
    );
    // A path relative to the journal root works too.
    assert_eq!(
        basic(&["show", "visits/2026/2026-07-08-tower.md"]).ok(),
        by_name
    );
}

#[test]
fn show_json_adds_the_body() {
    assert_eq!(
        basic(&["show", "atlanta", "--format", "json"]).ok(),
        r##"{
  "path": "visits/2026/2026-04-20-atlanta.md",
  "date": "2026-04-20",
  "kind": "peer",
  "site": "Client lunch, Atlanta",
  "role": null,
  "title": "Lunch in Atlanta",
  "people": [
    "Michael Capone"
  ],
  "customers": 3,
  "hours": null,
  "tags": [
    "Mobile",
    "benefits"
  ],
  "ideas": [],
  "body": "# Lunch in Atlanta\n\nNone of them knew the app shows benefits on a phone.\n\n---\n\nDemo on the iPad went well.\n"
}
"##
    );
}

#[test]
fn show_lists_the_candidates_when_ambiguous() {
    let run = basic(&["show", "2026-0"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "\
error: `2026-0` matches 4 entries:
  visits/2026/2026-01-15-cub-foods.md  Bakery shift
  visits/2026/2026-02-03-bt.md  A day on the phones
  visits/2026/2026-04-20-atlanta.md  Lunch in Atlanta
  visits/2026/2026-07-08-tower.md  Building walk
hint: type more of the file name, site or title, or the whole path
"
    );
}

#[test]
fn show_says_when_nothing_matches() {
    let run = basic(&["show", "starbucks"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no entry matches `starbucks`\n\
         hint: `insight list` shows every entry; give a path, or a part of a file name, site or title\n"
    );
}

#[test]
fn show_explains_a_broken_entry() {
    let run = insight(&["--journal", "tests/fixtures/mixed", "show", "bad-date"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: visits/bad-date.md cannot be shown: visits/bad-date.md:2:1: error: `date`: `2026-13-01` is not a valid date\n\
         hint: fix the entry, then try again\n"
    );
}

#[test]
fn tags_counts_entries_per_tag_with_parents() {
    assert_eq!(
        basic(&["tags"]).ok(),
        "\
Tag              Entries
---------------- --------
mobile                 3
pricing                2
analytics              1
benefits               1
data-warehouse         1
mobile/app             1
mobile/payments        1
tenants                1
"
    );
}

#[test]
fn tags_take_the_filters_and_formats() {
    assert_eq!(
        basic(&[
            "tags",
            "--year",
            "2026",
            "--kind",
            "frontline",
            "--format",
            "csv"
        ])
        .ok(),
        "tag,entries\npricing,2\nmobile,1\nmobile/app,1\n"
    );
    assert_eq!(
        basic(&["tags", "--site", "atlanta", "--format", "json"]).ok(),
        "[\n  {\n    \"tag\": \"benefits\",\n    \"entries\": 1\n  },\n  {\n    \"tag\": \"mobile\",\n    \"entries\": 1\n  }\n]\n"
    );
    assert_eq!(
        basic(&["tags", "--tag", "mobile", "--format", "markdown"]).ok(),
        "\
| Tag | Entries |
| --- | ---: |
| mobile | 3 |
| analytics | 1 |
| benefits | 1 |
| mobile/app | 1 |
| mobile/payments | 1 |
| pricing | 1 |
"
    );
}
