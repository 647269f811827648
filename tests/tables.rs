//! Tables on a terminal: what must stay whole (ids, dates, statuses, numbers,
//! tags such as `mobile/payments`) never wraps; free text wraps between words,
//! and lists of entries are shortened with `…`, or left out when there is no
//! room. Each table is drawn as a user at a terminal of that width sees it.

use crate::common::{manifest_dir, on_terminal};

/// `insight ARGS` on a terminal `columns` wide, without colour.
fn at_width(columns: &str, args: &[&str]) -> String {
    let mut all = vec!["--today", "2026-11-22"];
    all.extend_from_slice(args);
    let env = [("COLUMNS", columns), ("NO_COLOR", "1")];
    on_terminal(&manifest_dir(), &env, &all, None)
}

#[test]
fn ideas_on_an_80_column_terminal_keep_ids_dates_and_statuses_whole() {
    // The columns that must stay whole are wider than 80 together: the table
    // runs past the edge rather than split `scan-and-go` or `2026-02-12`, and
    // the list of entries, which cannot be read at this width, is left out.
    assert_eq!(
        at_width("80", &["-J", "tests/fixtures/history", "ideas"]),
        "\
Id           Idea            Status     Owner   Mentions  Sites  Customers  First       Last
------------ --------------- ---------- ------- --------- ------ ---------- ----------- -----------
scan-and-go  Scan and go in  building   Bob            7      4         70  2026-02-12  2026-10-14
             the mobile app             Okafor
shelf-feed   One             exploring                 3      2         52  2026-05-15  2026-10-14
             shelf-location
             feed for every
             app
             Queue display   new                       2      2         18  2026-07-10  2026-08-20
             on the door
bill-split   Split the bill  planned    Bob            2      2          2  2026-09-30  2026-11-20
             between two                Okafor
             payers
"
    );
}

#[test]
fn ideas_with_room_show_their_entries_shortened() {
    assert_eq!(
        at_width("120", &["-J", "tests/fixtures/history", "ideas"]),
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
fn list_on_an_80_column_terminal_keeps_mobile_payments_whole_and_shows_the_people() {
    assert_eq!(
        at_width(
            "80",
            &["-J", "tests/fixtures/basic", "list", "--tag", "mobile"]
        ),
        "\
Date        Kind       Site      Title     Customers  Tags              People
----------- ---------- --------- --------- ---------- ----------------- --------
2026-01-15  frontline  Cub       Bakery           12  mobile/app,       Wayne
                       Foods,    shift                pricing           Shurts
                       Minneapo
                       lis
2026-04-20  peer       Client    Lunch in          3  Mobile, benefits  Michael
                       lunch,    Atlanta                                Capone
                       Atlanta
2026-10-01  research   #1 Store  Smartpho             mobile/payments,
                       survey    ne                   analytics
                                 survey
"
    );
}
