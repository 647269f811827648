//! Periods as people coming from hledger type them, and how `--since`,
//! `--until` and `--period` treat them.
//!
//! The table below gives, for each form, the days hledger selects with
//! `-p FORM` and the days insight selects, both with today = 2026-11-22 (a
//! Sunday). hledger's answers were worked out once from its manual (Smart
//! dates, Period expressions) and its source (hledger-lib's
//! `Hledger/Data/Dates.hs`: `smartdate`, `periodexprp`, `spanFromSmartDate`),
//! not by running hledger. hledger's end dates are exclusive; the table shows
//! the last day selected, so that both columns read the same way.

use crate::common::{TempDir, basic, insight_in};
use serde_json::Value;
use std::fs;

/// The days a form selects: first and last day, `""` for an open end; `None`
/// when the form is rejected.
type Days = Option<(&'static str, &'static str)>;

struct Form {
    typed: &'static str,
    hledger: Days,
    insight: Days,
    /// Why insight chooses differently; empty where the two agree.
    why: &'static str,
}

const fn agree(typed: &'static str, first: &'static str, last: &'static str) -> Form {
    Form {
        typed,
        hledger: Some((first, last)),
        insight: Some((first, last)),
        why: "",
    }
}

const fn differ(typed: &'static str, hledger: Days, insight: Days, why: &'static str) -> Form {
    Form {
        typed,
        hledger,
        insight,
        why,
    }
}

const RANGE_END: &str = "a range includes all of its last period; hledger stops where it starts";

/// With `fiscal_year_start: 1`, as in hledger.
const CALENDAR_YEAR: &[Form] = &[
    agree("2026", "2026-01-01", "2026-12-31"),
    agree("2026Q3", "2026-07-01", "2026-09-30"),
    agree("2026q3", "2026-07-01", "2026-09-30"),
    agree("q3", "2026-07-01", "2026-09-30"),
    agree("Q3", "2026-07-01", "2026-09-30"),
    agree("2026-07", "2026-07-01", "2026-07-31"),
    agree("2026/07", "2026-07-01", "2026-07-31"),
    agree("2026-7", "2026-07-01", "2026-07-31"),
    agree("2026/7", "2026-07-01", "2026-07-31"),
    agree("202607", "2026-07-01", "2026-07-31"),
    agree("jul", "2026-07-01", "2026-07-31"),
    agree("july", "2026-07-01", "2026-07-31"),
    agree("July", "2026-07-01", "2026-07-31"),
    differ(
        "jul 2026",
        None,
        Some(("2026-07-01", "2026-07-31")),
        "a month name with its year is read as that month",
    ),
    agree("2026-07-14", "2026-07-14", "2026-07-14"),
    agree("2026/7/14", "2026-07-14", "2026-07-14"),
    agree("2026.07.14", "2026-07-14", "2026-07-14"),
    agree("20260714", "2026-07-14", "2026-07-14"),
    agree("today", "2026-11-22", "2026-11-22"),
    agree("yesterday", "2026-11-21", "2026-11-21"),
    agree("tomorrow", "2026-11-23", "2026-11-23"),
    agree("this week", "2026-11-16", "2026-11-22"),
    agree("last week", "2026-11-09", "2026-11-15"),
    agree("next week", "2026-11-23", "2026-11-29"),
    agree("this month", "2026-11-01", "2026-11-30"),
    agree("last month", "2026-10-01", "2026-10-31"),
    agree("next month", "2026-12-01", "2026-12-31"),
    agree("this quarter", "2026-10-01", "2026-12-31"),
    agree("last quarter", "2026-07-01", "2026-09-30"),
    agree("next quarter", "2027-01-01", "2027-03-31"),
    agree("this year", "2026-01-01", "2026-12-31"),
    agree("last year", "2025-01-01", "2025-12-31"),
    agree("next year", "2027-01-01", "2027-12-31"),
    agree("thismonth", "2026-11-01", "2026-11-30"),
    differ(
        "last-quarter",
        None,
        Some(("2026-07-01", "2026-09-30")),
        "a hyphen between words is read as a space",
    ),
    differ(
        "this-year",
        None,
        Some(("2026-01-01", "2026-12-31")),
        "a hyphen between words is read as a space",
    ),
    agree("last friday", "2026-11-20", "2026-11-20"),
    agree("next monday", "2026-11-23", "2026-11-23"),
    agree("this friday", "2026-11-27", "2026-11-27"),
    differ(
        "last-friday",
        None,
        Some(("2026-11-20", "2026-11-20")),
        "a hyphen between words is read as a space",
    ),
    agree("last january", "2026-01-01", "2026-01-31"),
    agree("next january", "2027-01-01", "2027-01-31"),
    differ(
        "this november",
        Some(("2027-11-01", "2027-11-30")),
        Some(("2026-11-01", "2026-11-30")),
        "`this MONTH` is that month of this year, as `nov` is; hledger takes the next one to come",
    ),
    agree("3 days ago", "2026-11-19", "2026-11-19"),
    agree("3 months ago", "2026-08-01", "2026-08-31"),
    agree("2 quarters ago", "2026-04-01", "2026-06-30"),
    agree("in 2 weeks", "2026-11-30", "2026-12-06"),
    agree("in 2026", "2026-01-01", "2026-12-31"),
    differ(
        "3 months",
        Some(("2027-02-01", "2027-02-28")),
        None,
        "ambiguous: the error suggests `3 months ago`",
    ),
    differ(
        "14",
        Some(("2026-11-14", "2026-11-14")),
        None,
        "a day needs its year: the error suggests 2026-11-14",
    ),
    differ(
        "7/14",
        Some(("2026-07-14", "2026-07-14")),
        None,
        "7/14 and 14/7 mean the same day in different countries: the error suggests 2026-07-14",
    ),
    differ(
        "2026-W47",
        None,
        Some(("2026-11-16", "2026-11-22")),
        "ISO weeks, which hledger shows in reports but does not read",
    ),
    differ(
        "2026-01-01..2026-03-31",
        Some(("2026-01-01", "2026-03-30")),
        Some(("2026-01-01", "2026-03-31")),
        RANGE_END,
    ),
    differ(
        "from 2026-01-01 to 2026-03-31",
        Some(("2026-01-01", "2026-03-30")),
        Some(("2026-01-01", "2026-03-31")),
        RANGE_END,
    ),
    differ(
        "2026-01-01 to 2026-03-31",
        Some(("2026-01-01", "2026-03-30")),
        Some(("2026-01-01", "2026-03-31")),
        RANGE_END,
    ),
    differ(
        "2026-02..2026-03",
        Some(("2026-02-01", "2026-02-28")),
        Some(("2026-02-01", "2026-03-31")),
        RANGE_END,
    ),
    differ(
        "2025..2026",
        Some(("2025-01-01", "2025-12-31")),
        Some(("2025-01-01", "2026-12-31")),
        RANGE_END,
    ),
    differ(
        "2026Q1..2026Q2",
        Some(("2026-01-01", "2026-03-31")),
        Some(("2026-01-01", "2026-06-30")),
        RANGE_END,
    ),
    differ(
        "jan-mar",
        Some(("2026-01-01", "2026-02-28")),
        Some(("2026-01-01", "2026-03-31")),
        RANGE_END,
    ),
    differ(
        "2025-2026",
        Some(("2025-01-01", "2025-12-31")),
        Some(("2025-01-01", "2026-12-31")),
        RANGE_END,
    ),
    agree("since 2026-07-01", "2026-07-01", ""),
    agree("from 2026-07", "2026-07-01", ""),
    agree("2026-07-01..", "2026-07-01", ""),
    differ(
        "until 2026-07-01",
        Some(("", "2026-06-30")),
        Some(("", "2026-07-01")),
        RANGE_END,
    ),
    differ(
        "to 2026-07",
        Some(("", "2026-06-30")),
        Some(("", "2026-07-31")),
        RANGE_END,
    ),
    differ(
        "..2026",
        Some(("", "2025-12-31")),
        Some(("", "2026-12-31")),
        RANGE_END,
    ),
];

/// With `fiscal_year_start: 7`: hledger has no fiscal years.
const FISCAL_YEAR_FROM_JULY: &[Form] = &[
    differ(
        "2026",
        Some(("2026-01-01", "2026-12-31")),
        Some(("2025-07-01", "2026-06-30")),
        "years are fiscal, named by the calendar year they end in",
    ),
    differ(
        "this year",
        Some(("2026-01-01", "2026-12-31")),
        Some(("2026-07-01", "2027-06-30")),
        "years are fiscal",
    ),
    differ(
        "q3",
        Some(("2026-07-01", "2026-09-30")),
        Some(("2027-01-01", "2027-03-31")),
        "quarters are fiscal: Q3 of fiscal 2027",
    ),
    agree("last quarter", "2026-07-01", "2026-09-30"),
    agree("2026-07", "2026-07-01", "2026-07-31"),
];

/// The days insight selects for `typed`, read from `report --format json`.
fn insight_days(journal: &str, typed: &str) -> Option<(String, String)> {
    let run = insight_in(
        &crate::common::manifest_dir(),
        &[],
        &[
            "--today",
            "2026-11-22",
            "--journal",
            journal,
            "report",
            "-p",
            typed,
            "--format",
            "json",
        ],
    );
    if run.code != 0 {
        assert_eq!(run.code, 2, "{typed}: {}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{typed}: {}", run.stderr);
        return None;
    }
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let day = |key: &str| report["period"][key].as_str().unwrap_or("").to_string();
    Some((day("start"), day("end")))
}

fn check_table(journal: &str, table: &[Form]) {
    let mut wrong = Vec::new();
    for form in table {
        let expected = form.insight.map(|(a, b)| (a.to_string(), b.to_string()));
        let found = insight_days(journal, form.typed);
        if found != expected {
            wrong.push(format!(
                "{:?}: expected {expected:?}, found {found:?}",
                form.typed
            ));
        }
        // Every difference from hledger is a decision, and says why.
        assert_eq!(
            form.hledger == form.insight,
            form.why.is_empty(),
            "{:?}: say why insight differs, and only where it does",
            form.typed
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn period_forms_compared_with_hledger() {
    check_table("tests/fixtures/basic", CALENDAR_YEAR);
}

#[test]
fn period_forms_in_a_fiscal_year_compared_with_hledger() {
    let dir = TempDir::new("periods-fiscal");
    fs::write(dir.path().join("insight.yaml"), "fiscal_year_start: 7\n").unwrap();
    check_table(dir.str(), FISCAL_YEAR_FROM_JULY);
}

fn paths(args: &[&str]) -> String {
    let mut all = vec!["list", "--format", "paths"];
    all.extend_from_slice(args);
    basic(&all).ok().replace("tests/fixtures/basic/", "")
}

#[test]
fn the_forms_in_the_issue_select_entries() {
    // Today is 2026-11-22; the basic fixture has entries on 2025-11-18,
    // 2026-01-15, 2026-02-03, 2026-04-20, 2026-07-08 and 2026-10-01.
    let q3 = "visits/2026/2026-07-08-tower.md\n";
    for typed in [
        "last quarter",
        "last-quarter",
        "q3",
        "Q3",
        "2026/07",
        "2026-7",
        "jul",
    ] {
        assert_eq!(paths(&["-p", typed]), q3, "{typed}");
    }
    assert_eq!(paths(&["-p", "2026/7/8"]), q3);
    assert_eq!(paths(&["-p", "2026.07.08"]), q3);
    let q1 = "visits/2026/2026-01-15-cub-foods.md\nvisits/2026/2026-02-03-bt.md\n";
    assert_eq!(paths(&["-p", "from 2026-01-01 to 2026-03-31"]), q1);
    assert_eq!(paths(&["-p", "2026-01-01 to 2026-03-31"]), q1);
    assert_eq!(
        paths(&["-p", "this year"]),
        "visits/2026/2026-01-15-cub-foods.md\nvisits/2026/2026-02-03-bt.md\n\
         visits/2026/2026-04-20-atlanta.md\nvisits/2026/2026-07-08-tower.md\n\
         visits/notes/2026-10-01-survey.md\n"
    );
    for empty in ["this week", "last week", "tomorrow", "next month"] {
        let run = basic(&["list", "-p", empty]);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, "", "no entries match\n"),
            "{empty}"
        );
    }
    // A range includes all of its last period: February and March, not February only.
    assert_eq!(
        paths(&["-p", "2026-02..2026-03"]),
        "visits/2026/2026-02-03-bt.md\n"
    );
    assert_eq!(
        paths(&["-p", "2025..2026"]).lines().count(),
        6,
        "both years"
    );
}

#[test]
fn unknown_periods_get_the_closest_valid_form() {
    let run = basic(&["list", "-p", "lst quarter"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `lst quarter` is not a period\nhint: did you mean `last quarter`?\n"
    );
    let run = basic(&["list", "-p", "thsi-year"]);
    assert_eq!(
        run.stderr,
        "error: `thsi-year` is not a period\nhint: did you mean `this year`?\n"
    );
    let run = basic(&["list", "-p", "2026-13"]);
    assert_eq!(
        run.stderr,
        "error: `2026-13` is not a period: there is no month 13\nhint: months are 1 to 12\n"
    );
    let run = basic(&["list", "-p", "someday"]);
    assert_eq!(
        run.stderr,
        "error: `someday` is not a period\n\
         hint: try last quarter, this year, last week, yesterday, last friday or from 2026-01-01 to 2026-03-31\n"
    );
}

#[test]
fn since_and_until_take_any_day_a_period_names() {
    // `--since yesterday` was rejected although `--period yesterday` worked.
    let run = basic(&["list", "--since", "yesterday"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "no entries match\n")
    );
    // --since takes the start of a period, --until its end.
    assert_eq!(
        paths(&["--since", "2026-07", "--until", "last quarter"]),
        "visits/2026/2026-07-08-tower.md\n"
    );
    assert_eq!(
        paths(&["--since", "2026/4/20", "--until", "2026-07-08"]),
        "visits/2026/2026-04-20-atlanta.md\nvisits/2026/2026-07-08-tower.md\n"
    );
    let run = basic(&["list", "--since", "yesterdy"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: --since: `yesterdy` is not a date or period\nhint: did you mean `yesterday`?\n"
        )
    );
    let run = basic(&["list", "--until", "2026-01..2026-03"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: --until: `2026-01..2026-03` is a range (2026-01..2026-03), not a date or period\n\
             hint: give one day or period, such as 2026-07-14, 2026-07 or yesterday\n"
        )
    );
}

#[test]
fn a_reversed_range_is_an_error_however_it_is_written() {
    // It used to select nothing, silently, while a reversed --period was an error.
    let run = basic(&["list", "--since", "2026-07-01", "--until", "2026-06-01"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `--since 2026-07-01` is after `--until 2026-06-01`: the range ends before it starts (2026-06-01 is before 2026-07-01)\n\
         hint: write the earlier one first: --since 2026-06-01 --until 2026-07-01\n"
    );
    let run = basic(&["report", "--since", "2026-07-01", "--until", "2026-06-01"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the range ends before it starts"));
    let run = basic(&["list", "--period", "2026-07-01..2026-06-01"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `2026-07-01..2026-06-01` is not a period: it ends before it starts (2026-06-01 is before 2026-07-01)\n\
         hint: write the earlier end first: `2026-06-01..2026-07-01`\n"
    );
    // A period that --since and --until cut to nothing is the same mistake, in list as in report.
    let run = basic(&["list", "--quarter", "last", "--since", "2026-10-01"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --since and --until leave no days in the period 2026Q3\n\
         hint: 2026Q3 is 2026-07-01..2026-09-30; give --since and --until inside it\n"
    );
}

#[test]
fn help_says_a_range_includes_its_end_unlike_hledger() {
    let help = basic(&["list", "--help"]).ok();
    assert!(
        help.contains("Unlike hledger, a range includes all of B: 2026-02..2026-03 is"),
        "{help}"
    );
    assert!(help.contains("February and March"), "{help}");
}

#[test]
fn today_takes_the_same_day_forms() {
    let run = insight_in(
        &crate::common::manifest_dir(),
        &[],
        &[
            "--today",
            "2026/7/9",
            "--journal",
            "tests/fixtures/basic",
            "list",
            "-p",
            "yesterday",
            "--format",
            "paths",
        ],
    );
    assert_eq!(
        run.ok(),
        "tests/fixtures/basic/visits/2026/2026-07-08-tower.md\n"
    );
}

#[test]
fn today_may_come_from_the_environment_and_the_flag_wins() {
    let list = |env: &[(&str, &str)], today: &[&str]| {
        let mut args = today.to_vec();
        args.extend([
            "--journal",
            "tests/fixtures/basic",
            "list",
            "-p",
            "yesterday",
        ]);
        args.extend(["--format", "paths"]);
        insight_in(&crate::common::manifest_dir(), env, &args)
    };
    let tower = "tests/fixtures/basic/visits/2026/2026-07-08-tower.md\n";
    assert_eq!(list(&[("INSIGHT_TODAY", "2026-07-09")], &[]).ok(), tower);
    let run = list(
        &[("INSIGHT_TODAY", "2020-01-01")],
        &["--today", "2026-07-09"],
    );
    assert_eq!(run.ok(), tower);
    let empty = list(&[("INSIGHT_TODAY", "")], &[]);
    assert_eq!(
        empty.code, 0,
        "an empty INSIGHT_TODAY is none: {}",
        empty.stderr
    );
    let run = list(&[("INSIGHT_TODAY", "someday")], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: INSIGHT_TODAY: `someday` is not a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fiscal_year_is_labelled_fy_and_read_back_in_that_spelling() {
    let dir = TempDir::new("periods-fy");
    crate::common::copy_dir(std::path::Path::new("tests/fixtures/basic"), dir.path());
    let settings = dir.path().join("insight.yaml");
    let basic = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, format!("fiscal_year_start: 7\n{basic}")).unwrap();
    let run = |args: &[&str]| crate::common::insight_at(dir.path(), args).ok();
    // Today, 2026-11-22, is in the second quarter of fiscal 2027.
    let report: serde_json::Value =
        serde_json::from_str(&run(&["report", "--format", "json"])).unwrap();
    assert_eq!(report["period"]["label"], "FY2027 Q2");
    assert!(
        report["summary"][0]
            .as_str()
            .unwrap()
            .starts_with("In FY2027 Q2 so far, ")
    );
    assert!(run(&["report", "--year", "last"]).starts_with("Test journal: FY2026\n"));
    // The label's own spelling names the same days as the plain one.
    let listed = |period: &str| run(&["list", "-p", period, "--format", "paths"]);
    assert_eq!(listed("FY2027 Q2"), "visits/notes/2026-10-01-survey.md\n");
    assert_eq!(listed("fy2027-q2"), listed("2027Q2"));
    assert_eq!(listed("FY2026"), listed("2026"));
    assert_eq!(
        listed("FY2026"),
        "visits/2025/2025-11-18-agency.md\nvisits/2026/2026-01-15-cub-foods.md\n\
         visits/2026/2026-02-03-bt.md\nvisits/2026/2026-04-20-atlanta.md\n"
    );
    assert!(
        run(&["report", "--quarter", "FY2027 Q1", "--format", "json"])
            .contains("\"label\": \"FY2027 Q1\"")
    );
}
