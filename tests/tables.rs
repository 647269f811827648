//! Tables on a terminal: no word or path is broken in the middle. What
//! must stay whole (ids, dates, statuses, numbers, tags such as
//! `mobile/payments`) never wraps; free text wraps at spaces (or after a
//! hyphen); a path too long is shortened in the middle; when even that does
//! not fit, the least useful columns are left out, and the table says
//! which. Each table is drawn as a user at a terminal of that width sees it.

use crate::common::{manifest_dir, on_terminal};

/// `insight ARGS` on a terminal `columns` wide, without colour.
fn at_width(columns: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", "2026-11-22"];
    all.extend_from_slice(args);
    let env = [("COLUMNS", columns), ("NO_COLOR", "1")];
    on_terminal(&manifest_dir(), &env, &all, None)
}

/// Every line of `text` fits in `columns`.
#[track_caller]
fn fits(text: &str, columns: usize) {
    for line in text.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= columns, "{width} > {columns}: {line}");
    }
}

#[test]
fn ideas_at_80_columns_leave_out_the_dates_and_entries_and_say_so() {
    // The columns that name an idea and its standing stay; the dates and the
    // list of entries go first, and the table says so under it.
    let shown = at_width("80", &["-J", "tests/fixtures/history", "ideas"]);
    fits(&shown, 80);
    assert_eq!(
        shown,
        "\
Id           Idea            Status     Owner       Mentions  Sites  Customers
------------ --------------- ---------- ----------- --------- ------ ----------
scan-and-go  Scan and go in  building   Bob Okafor         7      4         70
             the mobile app
shelf-feed   One             exploring                     3      2         52
             shelf-location
             feed for every
             app
             Queue display   new                           2      2         18
             on the door
bill-split   Split the bill  planned    Bob Okafor         2      2          2
             between two
             payers
Left out to fit 80 columns: First, Last, Entries.
"
    );
}

#[test]
fn ideas_at_100_columns_keep_the_last_mention() {
    let shown = at_width("100", &["-J", "tests/fixtures/history", "ideas"]);
    fits(&shown, 100);
    assert_eq!(
        shown,
        "\
Id           Idea                     Status     Owner       Mentions  Sites  Customers  Last
------------ ------------------------ ---------- ----------- --------- ------ ---------- -----------
scan-and-go  Scan and go in the       building   Bob Okafor         7      4         70  2026-10-14
             mobile app
shelf-feed   One shelf-location feed  exploring                     3      2         52  2026-10-14
             for every app
             Queue display on the     new                           2      2         18  2026-08-20
             door
bill-split   Split the bill between   planned    Bob Okafor         2      2          2  2026-11-20
             two payers
Left out to fit 100 columns: First, Entries.
"
    );
}

#[test]
fn ideas_with_room_show_their_entries_shortened() {
    let shown = at_width("120", &["-J", "tests/fixtures/history", "ideas"]);
    fits(&shown, 120);
    assert_eq!(
        shown,
        "\
Id           Idea                Status     Owner       Mentions  Sites  Customers  First       Last        Entries
------------ ------------------- ---------- ----------- --------- ------ ---------- ----------- ----------- ------------
scan-and-go  Scan and go in the  building   Bob Okafor         7      4         70  2026-02-12  2026-10-14  2026-02-12…
             mobile app
shelf-feed   One shelf-location  exploring                     3      2         52  2026-05-15  2026-10-14  2026-05-15…
             feed for every app
             Queue display on    new                           2      2         18  2026-07-10  2026-08-20  2026-07-10…
             the door
bill-split   Split the bill      planned    Bob Okafor         2      2          2  2026-09-30  2026-11-20  2026-09-30…
             between two payers
"
    );
}

#[test]
fn list_at_80_columns_wraps_at_spaces_and_leaves_out_the_people() {
    let shown = at_width(
        "80",
        &["-J", "tests/fixtures/basic", "list", "--tag", "mobile"],
    );
    fits(&shown, 80);
    assert_eq!(
        shown,
        "\
Date        Kind       Site           Title       Customers  Tags
----------- ---------- -------------- ----------- ---------- -----------------
2026-01-15  frontline  Cub Foods,     Bakery             12  mobile/app,
                       Minneapolis    shift                  pricing
2026-04-20  peer       Client lunch,  Lunch in            3  Mobile, benefits
                       Atlanta        Atlanta
2026-10-01  research   #1 Store       Smartphone             mobile/payments,
                       survey         survey                 analytics
Left out to fit 80 columns: People.
"
    );
}

#[test]
fn list_at_100_columns_shows_every_column() {
    let shown = at_width(
        "100",
        &["-J", "tests/fixtures/basic", "list", "--tag", "mobile"],
    );
    fits(&shown, 100);
    assert_eq!(
        shown,
        "\
Date        Kind       Site           Title         Customers  Tags                 People
----------- ---------- -------------- ------------- ---------- -------------------- -------------
2026-01-15  frontline  Cub Foods,     Bakery shift         12  mobile/app, pricing  Wayne Shurts
                       Minneapolis
2026-04-20  peer       Client lunch,  Lunch in              3  Mobile, benefits     Michael
                       Atlanta        Atlanta                                       Capone
2026-10-01  research   #1 Store       Smartphone               mobile/payments,
                       survey         survey                   analytics
"
    );
}

#[test]
fn a_long_path_is_shortened_in_the_middle() {
    // The entries' names are shortened in the middle, keeping the day and
    // the site; the site wraps at its spaces.
    let shown = at_width(
        "64",
        &["-J", "tests/fixtures/history", "ideas", "scan-and-go"],
    );
    fits(&shown, 64);
    assert_eq!(
        shown,
        "\
Scan and go in the mobile app
id      scan-and-go
status  building since 2026-10-14
owner   Bob Okafor
tags    mobile, checkout
reach   7 mentions, 4 sites, 70 customers in those entries
Not counted yet, dated after 2026-11-22: 2026-12-05
visits/2026-12-05-store-12.md.

Mentions
Date        Site       Status       Entry
----------- ---------- ------------ ---------------------------
2026-02-12  Store 12,  new          visits/2026-…2-store-12.md
            Uptown
2026-04-20  Data lab   exploring    visits/2026-…0-data-lab.md
2026-05-15  Store 7,   (exploring)  visits/2026-…15-store-7.md
            Riverside
2026-06-30  Head       planned      visits/2026-06-30-hq.md
            office
2026-07-10  Store 12,  exploring    visits/2026-…0-store-12.md
            Uptown
2026-08-20  Data lab   planned      visits/2026-…0-data-lab.md
2026-10-14  Store 7,   building     visits/2026-…14-store-7.md
            Riverside
Left out to fit 64 columns: People, Customers.
A status in brackets is not stated by that entry: it is where
the idea stood then.

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
“I already have the app open for the coupons. Why can't it just
take my money?”
    — 2026-02-12, Store 12, Uptown
“Ten minutes in line for a sandwich and a coffee.”
    — 2026-02-12, Store 12, Uptown
“The app says aisle 4 but the flour has been in aisle 9 since
Easter.”
    — 2026-05-15, Store 7, Riverside
“We can have phone payments live in your city stores within a
quarter.”
    — 2026-06-30, Head office
“If I could see the queue before I come in, I would come back
later.”
    — 2026-07-10, Store 12, Uptown
“Will the app know the shelves have moved before I do?”
    — 2026-10-14, Store 7, Riverside
"
    );
}

#[test]
fn a_report_fits_every_width_without_breaking_a_word() {
    for columns in ["80", "100", "120"] {
        let shown = at_width(
            columns,
            &["-J", "examples/journal", "report", "--year", "2026"],
        );
        fits(&shown, columns.parse().unwrap());
        // Every word of the report's tables is whole on its line.
        for word in ["Supervalu", "self-service", "2026-01-14"] {
            assert!(shown.contains(word), "{columns}: {word}");
        }
    }
}
