//! The period reader's tests: the forms it reads and the hints it gives.

use super::*;
use jiff::civil::date;

fn error(text: &str) -> (String, String) {
    let reader = Reader {
        today: date(2026, 11, 22),
        calendar: Calendar::new(1),
    };
    let e = reader.period(text).unwrap_err();
    (e.message, e.hint.unwrap_or_default())
}

fn read(text: &str, fiscal_year_start: i8) -> (String, Date, Date) {
    let reader = Reader {
        today: date(2026, 11, 22),
        calendar: Calendar::new(fiscal_year_start),
    };
    let p = reader.period(text).unwrap();
    (p.label, p.start, p.end)
}

#[test]
fn the_last_few_units_are_whole_and_before_the_current_one() {
    let cases = [
        (
            "last 30 days",
            "last 30 days",
            date(2026, 10, 23),
            date(2026, 11, 21),
        ),
        (
            "past 2 weeks",
            "last 2 weeks",
            date(2026, 11, 2),
            date(2026, 11, 15),
        ),
        (
            "last 3 months",
            "last 3 months",
            date(2026, 8, 1),
            date(2026, 10, 31),
        ),
        (
            "last 1 quarter",
            "last 1 quarter",
            date(2026, 7, 1),
            date(2026, 9, 30),
        ),
    ];
    for (text, label, start, end) in cases {
        assert_eq!(read(text, 1), (label.to_string(), start, end), "{text}");
    }
    assert_eq!(
        error("last 0 days").0,
        "`last 0 days` is not a period: `last 0 days` has no days in it"
    );
}

#[test]
fn halves_are_two_fiscal_quarters() {
    let h1 = ("2026H1".to_string(), date(2026, 1, 1), date(2026, 6, 30));
    for text in ["2026H1", "2026h1", "2026-H1", "2026 h1", "h1 2026"] {
        assert_eq!(read(text, 1), h1, "{text}");
    }
    assert_eq!(
        read("h2", 1),
        ("2026H2".to_string(), date(2026, 7, 1), date(2026, 12, 31))
    );
    assert_eq!(
        read("FY2027 H1", 7),
        (
            "FY2027 H1".to_string(),
            date(2026, 7, 1),
            date(2026, 12, 31)
        )
    );
    assert_eq!(
        error("2026H3").0,
        "`2026H3` is not a period: there is no half 3"
    );
}

#[test]
fn errors_suggest_the_closest_valid_form() {
    let hint = |text: &str| error(text).1;
    assert_eq!(hint("lst quarter"), "did you mean `last quarter`?");
    assert_eq!(hint("thsi-year"), "did you mean `this year`?");
    assert_eq!(hint("yesterdy"), "did you mean `yesterday`?");
    assert_eq!(
        hint("from 2026-01 to lst month"),
        "did you mean `from 2026-01 to last month`?"
    );
    assert_eq!(
        hint("2026-01..nxet month"),
        "did you mean `2026-01..next month`?"
    );
    assert_eq!(hint("friday"), "did you mean `last friday`?");
    assert_eq!(hint("quarter"), "did you mean `this quarter`?");
    assert_eq!(hint("3 months"), "did you mean `3 months ago`?");
    assert_eq!(hint("lst 3 months"), "did you mean `last 3 months`?");
    assert_eq!(
        hint("7/14"),
        "did you mean `2026-07-14`? Write the year too, year first"
    );
    assert_eq!(hint("31/12/2026"), "did you mean `2026-12-31`?");
    assert_eq!(
        hint("04/07/2026"),
        "did you mean `2026-07-04` or `2026-04-07`?"
    );
}

#[test]
fn impossible_values_say_what_is_wrong() {
    assert_eq!(
        error("2026-13"),
        (
            "`2026-13` is not a period: there is no month 13".into(),
            "months are 1 to 12".into()
        )
    );
    assert_eq!(
        error("2026-02-29..2026-03"),
        (
            "`2026-02-29..2026-03` is not a period: 2026-02 has 28 days (in `2026-02-29`)".into(),
            "the last day is 2026-02-28".into()
        )
    );
    assert_eq!(
        error("2026Q5").0,
        "`2026Q5` is not a period: there is no quarter 5"
    );
    assert_eq!(
        error("2026-W54").0,
        "`2026-W54` is not a period: 2026 has no week 54"
    );
    assert_eq!(
        error("in 200000 days").0,
        "`in 200000 days` is not a period: it is outside the calendar (years -9999 to 9999)"
    );
}

#[test]
fn a_fiscal_year_is_read_with_or_without_its_mark() {
    for written in ["FY2026 Q1", "fy2026q1", "FY2026-Q1", "FY 2026 Q1", "2026Q1"] {
        assert_eq!(words(written).concat(), "2026q1", "{written}");
    }
    assert_eq!(words("FY2026"), ["2026"]);
    assert_eq!(words("fy"), ["fy"]);
}

#[test]
fn words_split_hyphens_beside_letters_only() {
    assert_eq!(words("Last-Quarter"), ["last", "quarter"]);
    assert_eq!(words("lastquarter 2026-07"), ["last", "quarter", "2026-07"]);
    assert_eq!(words("2026-W47"), ["2026", "w47"]);
    assert_eq!(words("in -2 weeks"), ["in", "-2", "weeks"]);
    assert_eq!(words("lastly"), ["lastly"]);
}
