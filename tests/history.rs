//! Ideas over time and coverage, on the `history` fixture: ten entries whose
//! idea histories were worked out by hand before the code was written. Today
//! is 2026-11-22; one entry is dated after it (2026-12-05) and must not count.
//!
//! | entry | people              | cust. | hours | ideas                                                        |
//! |-------|---------------------|-------|-------|--------------------------------------------------------------|
//! | 02-12 | Ann                 | 15    | 4     | scan-and-go raised: new, owner Ann                           |
//! | 04-20 | Cy                  | 0     | 3     | scan-and-go (id only) → exploring                            |
//! | 05-15 | Dana, Ann           | 22    | 6     | shelf-feed raised: new; scan-and-go reworded, no status      |
//! | 06-30 | Bob                 | 3     | 1.5   | scan-and-go (id only) → planned, owner Bob                   |
//! | 07-10 | Dana                | 18    | 5     | scan-and-go → exploring; shelf-feed → dropped; queue display |
//! | 08-20 | Cy, Dana            | 0     | 2     | scan-and-go → planned; queue display again                   |
//! | 09-30 | Bob, Zed            | 2     | 1.5   | bill-split raised: planned, owner Bob                        |
//! | 10-14 | Ann                 | 12    | 4     | scan-and-go → building; shelf-feed (id only) → exploring     |
//! | 11-20 | Dana                | 0     | 3     | bill-split (id only), no status                              |
//! | 12-05 | Cy                  | 9     | 4     | scan-and-go → shipped, after today: not counted              |

use crate::common::{TempDir, fixture, insight_in};
use serde_json::{Value, json};

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&fixture("history", args).ok()).expect("valid JSON")
}

const Q2: &str = r#"# Grocery IT journal: 2026Q2

2026-04-01 to 2026-06-30, compared with 2026Q1 (2026-01-01 to 2026-03-31).

## Summary

In 2026Q2, 4 people went out on 3 entries and spoke to 25 customers (1 entry without a count), against 1 person, 1 entry and 15 customers in 2026Q1.

Moved forward: Scan and go in the mobile app (new → planned).

1 idea was raised for the first time, against 1 in 2026Q1.

Behind their yearly target: Cy Lindqvist (1 of 4 people with a target).

## Totals

|  | 2026Q2 | 2026Q1 | Change |
| --- | ---: | ---: | ---: |
| Entries | 3 | 1 | +2 |
| People who went out | 4 | 1 | +3 |
| Customers spoken to | 25 | 15 | +10 |
| Hours | 10.5 | 4 | +6.5 |
| Sites | 3 | 1 | +2 |
| Ideas mentioned | 2 | 1 | +1 |
| Ideas raised | 1 | 1 | 0 |

Not in the sums: 1 entry without a count of customers.

## By kind

| Kind | Entries | Customers | Hours |
| --- | ---: | ---: | ---: |
| frontline | 1 | 22 | 6 |
| peer | 0 | 0 | 0 |
| immersion | 0 | 0 | 0 |
| research | 1 | 0 | 3 |
| sales | 1 | 3 | 1.5 |

## Tags

| Tag | Entries | Share |
| --- | ---: | ---: |
| checkout | 2 | 67% |
| analytics | 1 | 33% |
| store-navigation | 1 | 33% |

## Sites

| Site | Entries | Customers |
| --- | ---: | ---: |
| Store 7, Riverside | 1 | 22 |
| Head office | 1 | 3 |
| Data lab | 1 | 0 |

## Ideas that moved

Where the 2 ideas raised by 2026-06-30 stand: new 1, exploring 0, planned 1, building 0, shipped 0, dropped 0.

| Id | Idea | Change | When and where |
| --- | --- | --- | --- |
| scan-and-go | Scan and go in the mobile app | new → exploring → planned | 2026-04-20 exploring at Data lab; 2026-06-30 planned at Head office |

Raised for the first time in 2026Q2: 1 idea, now at new (1); the Ideas table gives the day each was raised.

## Ideas

| Id | Idea | Status | Owner | Mentions | Customers | Raised | Last mentioned |
| --- | --- | --- | --- | ---: | ---: | --- | --- |
| scan-and-go | Scan and go in the mobile app | planned | Bob Okafor | 3 | 25 | 2026-02-12 | 2026-06-30 |
| shelf-feed | One shelf-location feed for every app | new |  | 1 | 22 | 2026-05-15 | 2026-05-15 |

## Coverage

Entries and hours in 2026Q2. Targets are yearly and judged on all of a person's entries from 2026-01-01 to 2026-06-30 (50% of the fiscal year); on track means at least that share of the target.

| Person | Group | Entries | Hours | Toward target | Status |
| --- | --- | ---: | ---: | --- | --- |
| Ann Berg | executives | 1 | 6 | 2 of 2 entries | met |
| Bob Okafor | executives | 1 | 1.5 | 1 of 2 entries | on track |
| Cy Lindqvist | it-staff | 1 | 3 | 3 of 8 hours | behind |
| Dana Novak | it-staff | 1 | 6 | 6 of 8 hours | on track |

## Voice of the customer

> We can have phone payments live in your city stores within a quarter.
>
> — 2026-06-30, Head office

> The app says aisle 4 but the flour has been in aisle 9 since Easter.
>
> — 2026-05-15, Store 7, Riverside

## Trend

| Month | Entries |
| --- | ---: |
| 2026-04 | 1 |
| 2026-05 | 1 |
| 2026-06 | 1 |
"#;

const Q3: &str = r#"# Grocery IT journal: 2026Q3

2026-07-01 to 2026-09-30, compared with 2026Q2 (2026-04-01 to 2026-06-30).

## Summary

In 2026Q3, 4 people went out on 3 entries and spoke to 20 customers (1 entry without a count), against 4 people, 3 entries and 25 customers (1 entry without a count) in 2026Q2.

Dropped: One shelf-location feed for every app.

2 ideas were raised for the first time, against 1 in 2026Q2.

Behind their yearly target: Cy Lindqvist (1 of 4 people with a target).

## Totals

|  | 2026Q3 | 2026Q2 | Change |
| --- | ---: | ---: | ---: |
| Entries | 3 | 3 | 0 |
| People who went out | 4 | 4 | 0 |
| Customers spoken to | 20 | 25 | -5 |
| Hours | 8.5 | 10.5 | -2 |
| Sites | 3 | 3 | 0 |
| Ideas mentioned | 4 | 2 | +2 |
| Ideas raised | 2 | 1 | +1 |

Not in the sums: 1 entry without a count of customers.

## By kind

| Kind | Entries | Customers | Hours |
| --- | ---: | ---: | ---: |
| frontline | 1 | 18 | 5 |
| peer | 1 | 2 | 1.5 |
| immersion | 0 | 0 | 0 |
| research | 1 | 0 | 2 |
| sales | 0 | 0 | 0 |

## Tags

| Tag | Entries | Share |
| --- | ---: | ---: |
| checkout | 2 | 67% |
| analytics | 1 | 33% |
| store-navigation | 1 | 33% |

## Sites

| Site | Entries | Customers |
| --- | ---: | ---: |
| Store 12, Uptown | 1 | 18 |
| Lunch with a bakery chain's CIO | 1 | 2 |
| Data lab | 1 | 0 |

## Ideas that moved

Where the 4 ideas raised by 2026-09-30 stand: new 1, exploring 0, planned 2, building 0, shipped 0, dropped 1.

| Id | Idea | Change | When and where |
| --- | --- | --- | --- |
| scan-and-go | Scan and go in the mobile app | planned → exploring → planned | 2026-07-10 exploring at Store 12, Uptown; 2026-08-20 planned at Data lab |
| shelf-feed | One shelf-location feed for every app | new → dropped | 2026-07-10 dropped at Store 12, Uptown |

Raised for the first time in 2026Q3: 2 ideas, now at new (1) and planned (1); the Ideas table gives the day each was raised.

## Ideas

| Id | Idea | Status | Owner | Mentions | Customers | Raised | Last mentioned |
| --- | --- | --- | --- | ---: | ---: | --- | --- |
|  | Queue display on the door | new |  | 2 | 18 | 2026-07-10 | 2026-08-20 |
| scan-and-go | Scan and go in the mobile app | planned | Bob Okafor | 2 | 18 | 2026-02-12 | 2026-08-20 |
| shelf-feed | One shelf-location feed for every app | dropped |  | 1 | 18 | 2026-05-15 | 2026-07-10 |
| bill-split | Split the bill between two payers | planned | Bob Okafor | 1 | 2 | 2026-09-30 | 2026-09-30 |

## Coverage

Entries and hours in 2026Q3. Targets are yearly and judged on all of a person's entries from 2026-01-01 to 2026-09-30 (75% of the fiscal year); on track means at least that share of the target.

| Person | Group | Entries | Hours | Toward target | Status |
| --- | --- | ---: | ---: | --- | --- |
| Ann Berg | executives | 0 | 0 | 2 of 2 entries | met |
| Bob Okafor | executives | 1 | 1.5 | 2 of 2 entries | met |
| Cy Lindqvist | it-staff | 1 | 2 | 5 of 8 hours | behind |
| Dana Novak | it-staff | 2 | 7 | 13 of 8 hours | met |
| Zed Moreau | not in insight.yaml | 1 | 1.5 |  |  |

## Voice of the customer

> Half our catering orders are paid by two companies. Our tills can't split a bill.
>
> — 2026-09-30, Lunch with a bakery chain's CIO

> If I could see the queue before I come in, I would come back later.
>
> — 2026-07-10, Store 12, Uptown

## Trend

| Month | Entries |
| --- | ---: |
| 2026-07 | 1 |
| 2026-08 | 1 |
| 2026-09 | 1 |
"#;

const Q4: &str = r#"# Grocery IT journal: 2026Q4

2026-10-01 to 2026-12-31 (as of 2026-11-22), compared with 2026Q3 (2026-07-01 to 2026-09-30).

## Summary

In 2026Q4 so far, 2 people went out on 2 entries and spoke to 12 customers (1 entry without a count), against 4 people, 3 entries and 20 customers (1 entry without a count) in 2026Q3.

Moved forward: Scan and go in the mobile app (planned → building). Taken up again: One shelf-location feed for every app (dropped → exploring).

Behind their yearly target: Cy Lindqvist (1 of 4 people with a target).

## Totals

|  | 2026Q4 | 2026Q3 | Change |
| --- | ---: | ---: | ---: |
| Entries | 2 | 3 | -1 |
| People who went out | 2 | 4 | -2 |
| Customers spoken to | 12 | 20 | -8 |
| Hours | 7 | 8.5 | -1.5 |
| Sites | 2 | 3 | -1 |
| Ideas mentioned | 3 | 4 | -1 |
| Ideas raised | 0 | 2 | -2 |

Not in the sums: 1 entry without a count of customers.

## By kind

| Kind | Entries | Customers | Hours |
| --- | ---: | ---: | ---: |
| frontline | 1 | 12 | 4 |
| peer | 0 | 0 | 0 |
| immersion | 0 | 0 | 0 |
| research | 1 | 0 | 3 |
| sales | 0 | 0 | 0 |

## Tags

| Tag | Entries | Share |
| --- | ---: | ---: |
| analytics | 1 | 50% |
| checkout | 1 | 50% |
| store-navigation | 1 | 50% |

## Sites

| Site | Entries | Customers |
| --- | ---: | ---: |
| Store 7, Riverside | 1 | 12 |
| Data lab | 1 | 0 |

## Ideas that moved

Where the 4 ideas raised by 2026-11-22 stand: new 1, exploring 1, planned 1, building 1, shipped 0, dropped 0.

| Id | Idea | Change | When and where |
| --- | --- | --- | --- |
| shelf-feed | One shelf-location feed for every app | dropped → exploring | 2026-10-14 exploring at Store 7, Riverside |
| scan-and-go | Scan and go in the mobile app | planned → building | 2026-10-14 building at Store 7, Riverside |

## Ideas

| Id | Idea | Status | Owner | Mentions | Customers | Raised | Last mentioned |
| --- | --- | --- | --- | ---: | ---: | --- | --- |
| shelf-feed | One shelf-location feed for every app | exploring |  | 1 | 12 | 2026-05-15 | 2026-10-14 |
| scan-and-go | Scan and go in the mobile app | building | Bob Okafor | 1 | 12 | 2026-02-12 | 2026-10-14 |
| bill-split | Split the bill between two payers | planned | Bob Okafor | 1 | 0 | 2026-09-30 | 2026-11-20 |

## Coverage

Entries and hours in 2026Q4. Targets are yearly and judged on all of a person's entries from 2026-01-01 to 2026-11-22 (89% of the fiscal year); on track means at least that share of the target.

| Person | Group | Entries | Hours | Toward target | Status |
| --- | --- | ---: | ---: | --- | --- |
| Ann Berg | executives | 1 | 4 | 3 of 2 entries | met |
| Bob Okafor | executives | 0 | 0 | 2 of 2 entries | met |
| Cy Lindqvist | it-staff | 0 | 0 | 5 of 8 hours | behind |
| Dana Novak | it-staff | 1 | 3 | 16 of 8 hours | met |

## Voice of the customer

> Will the app know the shelves have moved before I do?
>
> — 2026-10-14, Store 7, Riverside

## Trend

| Month | Entries |
| --- | ---: |
| 2026-10 | 1 |
| 2026-11 | 1 |
| 2026-12 | not yet |
"#;

#[test]
fn three_quarters_in_a_row_show_where_each_idea_stood_and_moved() {
    assert_eq!(
        fixture("history", &["report", "-p", "2026Q2", "-f", "markdown"]).ok(),
        Q2
    );
    assert_eq!(
        fixture("history", &["report", "-p", "2026Q3", "-f", "markdown"]).ok(),
        Q3
    );
    // The current quarter counts up to today: the December launch is not in it yet.
    assert_eq!(fixture("history", &["report", "-f", "markdown"]).ok(), Q4);
}

#[test]
fn groups_count_up_to_today_too() {
    // The December entry is after today: the fourth quarter has two entries, not three.
    assert_eq!(
        fixture(
            "history",
            &["report", "--year", "2026", "--by", "quarter", "-f", "csv"]
        )
        .ok(),
        "group,entries,customers,hours,ideas\n2026Q1,1,15,4,1\n2026Q2,3,25,10.5,2\n\
         2026Q3,3,20,8.5,4\n2026Q4,2,12,7,3\n"
    );
}

#[test]
fn a_later_entry_leaves_an_earlier_quarter_byte_identical() {
    let dir = TempDir::new("history-later");
    let journal = dir.path().join("j");
    crate::common::copy_dir(
        &crate::common::manifest_dir().join("tests/fixtures/history"),
        &journal,
    );
    let report = |quarter: &str| {
        insight_in(
            &journal,
            &[],
            &[
                "--today",
                "2026-11-22",
                "report",
                "-p",
                quarter,
                "-f",
                "markdown",
            ],
        )
        .ok()
    };
    let before = (report("2026Q2"), report("2026Q3"));
    // A later visit moves two ideas, renames one and names a new owner.
    std::fs::write(
        journal.join("visits/2026-11-02-store-9.md"),
        "---\ndate: 2026-11-02\nkind: frontline\nsite: Store 9\npeople: [Cy Lindqvist]\ncustomers: 30\nhours: 6\n\
         ideas:\n  - { id: scan-and-go, title: Scan & Go, status: shipped, owner: Cy Lindqvist }\n\
         \x20 - { id: shelf-feed, status: dropped }\n  - Queue display on the door\n---\n# Store 9\n\n> Love it.\n",
    )
    .unwrap();
    assert_eq!((report("2026Q2"), report("2026Q3")), before);
    assert_eq!(before.0, Q2);
    // The current quarter does see it.
    let now = report("2026Q4");
    assert!(
        now.contains(
            "| scan-and-go | Scan and go in the mobile app | planned → building → shipped |"
        ),
        "{now}"
    );
}

#[test]
fn the_json_report_carries_pipeline_movements_owners_and_coverage() {
    let report = json_of(&["report", "-p", "2026Q3", "-f", "json"]);
    // The order of the keys is checked in tests/report.rs.
    assert_eq!(report["as_of"], Value::Null);
    assert_eq!(
        report["pipeline"],
        json!([
            {"status": "new", "ideas": 1, "reached": 1},
            {"status": "exploring", "ideas": 0, "reached": 0},
            {"status": "planned", "ideas": 2, "reached": 1},
            {"status": "building", "ideas": 0, "reached": 0},
            {"status": "shipped", "ideas": 0, "reached": 0},
            {"status": "dropped", "ideas": 1, "reached": 1},
        ])
    );
    assert_eq!(
        report["movements"][0],
        json!({
            "id": "scan-and-go", "title": "Scan and go in the mobile app", "from": "planned", "to": "planned",
            "steps": [
                {"date": "2026-07-10", "from": "planned", "to": "exploring", "path": "visits/2026-07-10-store-12.md",
                 "site": "Store 12, Uptown"},
                {"date": "2026-08-20", "from": "exploring", "to": "planned", "path": "visits/2026-08-20-data-lab.md",
                 "site": "Data lab"},
            ]
        })
    );
    // Ideas raised during the quarter come after those that moved on.
    assert_eq!(report["movements"][2]["title"], "Queue display on the door");
    assert_eq!(report["movements"][2]["from"], Value::Null);
    assert_eq!(
        report["ideas"][3],
        json!({"id": "bill-split", "title": "Split the bill between two payers", "status": "planned",
                "owner": "Bob Okafor", "mentions": 1, "customers": 2, "first_date": "2026-09-30",
                "last_date": "2026-09-30", "raised": "2026-09-30"})
    );
    assert_eq!(
        report["coverage"][2],
        json!({"person": "Cy Lindqvist", "group": "it-staff", "entries": 1, "hours": 2, "year_entries": 2,
                "year_hours": 5, "target_entries": null, "target_hours": 8.0, "met": false, "on_track": false})
    );
    assert_eq!(json_of(&["report", "-f", "json"])["as_of"], "2026-11-22");
}

const SCAN_AND_GO: &str = r#"Scan and go in the mobile app
id      scan-and-go
status  building since 2026-10-14
owner   Bob Okafor
tags    mobile, checkout
reach   7 mentions, 4 sites, 70 customers in those entries
Not counted yet, dated after 2026-11-22: 2026-12-05 visits/2026-12-05-store-12.md.

Mentions
Date        Site                People                    Customers  Status       Entry
----------- ------------------- ------------------------- ---------- ------------ ------------------------------
2026-02-12  Store 12, Uptown    Ann Berg                         15  new          visits/2026-02-12-store-12.md
2026-04-20  Data lab            Cy Lindqvist                         exploring    visits/2026-04-20-data-lab.md
2026-05-15  Store 7, Riverside  Dana Novak, Ann Berg             22  (exploring)  visits/2026-05-15-store-7.md
2026-06-30  Head office         Bob Okafor                        3  planned      visits/2026-06-30-hq.md
2026-07-10  Store 12, Uptown    Dana Novak                       18  exploring    visits/2026-07-10-store-12.md
2026-08-20  Data lab            Cy Lindqvist, Dana Novak             planned      visits/2026-08-20-data-lab.md
2026-10-14  Store 7, Riverside  Ann Berg                         12  building     visits/2026-10-14-store-7.md
A status in brackets is not stated by that entry: it is where the idea stood then.

Time at each status
Status     From        To          Days
---------- ----------- ----------- -----
new        2026-02-12  2026-04-19    67
exploring  2026-04-20  2026-06-29    71
planned    2026-06-30  2026-07-09    10
exploring  2026-07-10  2026-08-19    41
planned    2026-08-20  2026-10-13    55
building   2026-10-14  now           39
Days in all: new 67, exploring 112, planned 65, building 39.

What customers said
“I already have the app open for the coupons. Why can't it just take my money?”
    — 2026-02-12, Store 12, Uptown
“Ten minutes in line for a sandwich and a coffee.”
    — 2026-02-12, Store 12, Uptown
“The app says aisle 4 but the flour has been in aisle 9 since Easter.”
    — 2026-05-15, Store 7, Riverside
“We can have phone payments live in your city stores within a quarter.”
    — 2026-06-30, Head office
“If I could see the queue before I come in, I would come back later.”
    — 2026-07-10, Store 12, Uptown
“Will the app know the shelves have moved before I do?”
    — 2026-10-14, Store 7, Riverside
"#;

const SHELF_FEED: &str = r#"# One shelf-location feed for every app

- **id**: shelf-feed
- **status**: exploring since 2026-10-14
- **tags**: store-navigation
- **reach**: 3 mentions, 2 sites, 52 customers in those entries

## Mentions

| Date | Site | People | Customers | Status | Entry |
| --- | --- | --- | ---: | --- | --- |
| 2026-05-15 | Store 7, Riverside | Dana Novak, Ann Berg | 22 | new | visits/2026-05-15-store-7.md |
| 2026-07-10 | Store 12, Uptown | Dana Novak | 18 | dropped | visits/2026-07-10-store-12.md |
| 2026-10-14 | Store 7, Riverside | Ann Berg | 12 | exploring | visits/2026-10-14-store-7.md |

A status in brackets is not stated by that entry: it is where the idea stood then.

## Time at each status

| Status | From | To | Days |
| --- | --- | --- | ---: |
| new | 2026-05-15 | 2026-07-09 | 56 |
| dropped | 2026-07-10 | 2026-10-13 | 96 |
| exploring | 2026-10-14 | now | 39 |

Days in all: new 56, exploring 39, dropped 96.

## What customers said

> The app says aisle 4 but the flour has been in aisle 9 since Easter.
>
> — 2026-05-15, Store 7, Riverside

> If I could see the queue before I come in, I would come back later.
>
> — 2026-07-10, Store 12, Uptown

> Will the app know the shelves have moved before I do?
>
> — 2026-10-14, Store 7, Riverside
"#;

#[test]
fn one_ideas_story_with_every_mention_its_time_at_each_status_and_the_evidence() {
    assert_eq!(
        fixture("history", &["ideas", "scan-and-go"]).ok(),
        SCAN_AND_GO
    );
    // Found by a part of its title too.
    assert_eq!(
        fixture("history", &["ideas", "shelf", "-f", "markdown"]).ok(),
        SHELF_FEED
    );
    let story = json_of(&["ideas", "scan-and-go", "-f", "json"]);
    assert_eq!(
        (
            story["status"].clone(),
            story["since"].clone(),
            story["owner"].clone()
        ),
        (json!("building"), json!("2026-10-14"), json!("Bob Okafor"))
    );
    assert_eq!(
        story["mentions"][2],
        json!({"date": "2026-05-15", "site": "Store 7, Riverside", "people": ["Dana Novak", "Ann Berg"],
                "customers": 22, "status": "exploring", "status_inherited": true,
                "title": "Scan-and-go in the app", "owner": null, "path": "visits/2026-05-15-store-7.md"})
    );
    assert_eq!(
        story["days_at_status"],
        json!([{"status": "new", "days": 67}, {"status": "exploring", "days": 112},
               {"status": "planned", "days": 65}, {"status": "building", "days": 39}])
    );
    assert_eq!(
        story["spans"][5],
        json!({"status": "building", "from": "2026-10-14", "to": null, "days": 39})
    );
    assert_eq!(
        story["later"],
        json!([{"date": "2026-12-05", "path": "visits/2026-12-05-store-12.md"}])
    );
    // As of the end of the second quarter, it was planned, under Bob.
    let then = json_of(&["ideas", "scan-and-go", "-p", "2026Q2", "-f", "json"]);
    assert_eq!(
        (
            then["status"].clone(),
            then["mentions"].as_array().unwrap().len()
        ),
        (json!("planned"), 4)
    );
}

#[test]
fn ideas_by_owner_and_as_of_a_period() {
    assert_eq!(
        fixture(
            "history",
            &["ideas", "--quarter", "3", "--owner", "BOB", "-f", "csv"]
        )
        .ok(),
        "id,title,status,owner,mentions,sites,customers,first_date,last_date,entries\n\
         scan-and-go,Scan and go in the mobile app,planned,Bob Okafor,2,2,18,2026-07-10,2026-08-20,\"2026-07-10-store-12, 2026-08-20-data-lab\"\n\
         bill-split,Split the bill between two payers,planned,Bob Okafor,1,1,2,2026-09-30,2026-09-30,2026-09-30-lunch\n"
    );
    // Now: the December launch does not count yet.
    let now = json_of(&["ideas", "--status", "building", "-f", "json"]);
    assert_eq!(now[0]["id"], "scan-and-go");
    assert_eq!(now[0]["mentions"], 7);
}

#[test]
fn ideas_that_cannot_be_told() {
    let run = fixture("history", &["ideas", "nothing-like-it"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "error: no idea matches `nothing-like-it`\n\
         hint: `insight ideas` lists every idea; give its id or a part of its title\n"
    );
    let run = fixture("history", &["ideas", "the"]);
    assert_eq!(
        run.stderr,
        "error: `the` matches 3 ideas:\n  \
         bill-split  Split the bill between two payers\n  \
         scan-and-go  Scan and go in the mobile app\n  \
         Queue display on the door\n\
         hint: give the id, or more of the title\n"
    );
    let run = fixture("history", &["ideas", "bill-split", "--quarter", "2026Q2"]);
    assert_eq!(
        run.stderr,
        "error: `Split the bill between two payers` was first raised on 2026-09-30, after 2026-06-30\n\
         hint: choose a later period, or leave the period out\n"
    );
    assert_eq!(
        fixture("history", &["ideas", "bill-split", "-f", "csv"]).code,
        2
    );
}

#[test]
fn show_marks_a_status_the_entry_does_not_state_as_inherited() {
    let page = fixture("history", &["show", "2026-05-15"]).ok();
    assert!(
        page.contains(
            "ideas      [shelf-feed] One shelf-location feed for every app (new)\n           \
             [scan-and-go] Scan-and-go in the app (exploring, inherited)\n"
        ),
        "{page}"
    );
    let page = fixture("history", &["show", "2026-06-30"]).ok();
    assert!(
        page.contains(
            "ideas      [scan-and-go] Scan and go in the mobile app (planned, owner Bob Okafor)\n"
        ),
        "{page}"
    );
}

#[test]
fn a_follow_up_by_id_alone_is_a_whole_entry() {
    // Every entry is read: none is skipped for a mention without a title.
    let run = fixture("history", &["list", "--format", "paths"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout.lines().count(), 10);
    let run = fixture("history", &["check"]);
    assert_eq!(
        run.stdout,
        "visits/2026-12-05-store-12.md:2:1: warning: `date` 2026-12-05 is after today (2026-11-22)\n  \
         hint: is the year right?\nchecked 10 entries: 1 warning\n"
    );
}

const DANA: &str = r#"Person      Group     Entries  Hours  Customers  Toward target  Status
----------- --------- -------- ------ ---------- -------------- -------
Dana Novak  it-staff        4     16         40  16 of 8 hours  met
"#;

const RESEARCH: &str = r#"Person        Group       Entries  Hours  Customers  Toward target   Status
------------- ----------- -------- ------ ---------- --------------- -------
Ann Berg      executives        0      0          0  3 of 2 entries  met
Bob Okafor    executives        0      0          0  2 of 2 entries  met
Cy Lindqvist  it-staff          2      5          0  5 of 8 hours    behind
Dana Novak    it-staff          2      5          0  16 of 8 hours   met
"#;

const THIRD_QUARTER: &str = r#"Person        Group       Entries  Hours  Customers  Toward target   Status
------------- ----------- -------- ------ ---------- --------------- -------
Ann Berg      executives        0      0          0  2 of 2 entries  met
Bob Okafor    executives        1    1.5          2  2 of 2 entries  met
Cy Lindqvist  it-staff          1      2          0  5 of 8 hours    behind
Dana Novak    it-staff          2      7         18  13 of 8 hours   met
Zed Moreau                      1    1.5          2
"#;

const FIRST_QUARTER: &str = r#"Person        Group       Entries  Hours  Customers  Toward target   Status
------------- ----------- -------- ------ ---------- --------------- ---------
Ann Berg      executives        1      4         15  1 of 2 entries  on track
Bob Okafor    executives        0      0          0  0 of 2 entries  behind
Cy Lindqvist  it-staff          0      0          0  0 of 8 hours    behind
Dana Novak    it-staff          0      0          0  0 of 8 hours    behind
"#;

#[test]
fn people_select_rows_by_person_and_judge_targets_on_the_whole_year() {
    // Only Dana, with all of her visits, not just the ones shared with someone.
    assert_eq!(
        fixture("history", &["people", "--person", "dana"]).ok(),
        DANA
    );
    // A kind narrows what is counted, never whether a target is met.
    assert_eq!(
        fixture("history", &["people", "--kind", "research"]).ok(),
        RESEARCH
    );
    // A quarter counts its own visits; the target is judged from January to its end.
    assert_eq!(
        fixture("history", &["people", "--quarter", "3"]).ok(),
        THIRD_QUARTER
    );
    // At the end of the first quarter one visit of a yearly two is on track; none is behind.
    assert_eq!(
        fixture("history", &["people", "--quarter", "1"]).ok(),
        FIRST_QUARTER
    );
    let behind = fixture(
        "history",
        &["people", "--quarter", "1", "--behind", "-f", "csv"],
    )
    .ok();
    assert_eq!(
        behind,
        "person,group,entries,hours,customers,target,standing\n\
         Bob Okafor,executives,0,0,0,0 of 2 entries,behind\n\
         Cy Lindqvist,it-staff,0,0,0,0 of 8 hours,behind\n\
         Dana Novak,it-staff,0,0,0,0 of 8 hours,behind\n"
    );
    let json = json_of(&["people", "--person", "ann", "--quarter", "1", "-f", "json"]);
    assert_eq!(
        json,
        json!([{"person": "Ann Berg", "group": "executives", "entries": 1, "hours": 4, "customers": 15,
                 "year_entries": 1, "year_hours": 4, "target_entries": 2.0, "target_hours": null,
                 "met": false, "on_track": true}])
    );
}
