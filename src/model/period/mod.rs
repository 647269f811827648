//! Periods of time: spans of whole days, the fiscal calendar they are counted
//! in, and (in `parse`) the forms people type them in, as in hledger: `2026`,
//! `2026Q3`, `q3`, `2026-07`, `jul`, `2026-07-14`, `last quarter`, `this week`,
//! `from 2026-01-01 to 2026-03-31`, … Years and quarters are fiscal: they follow
//! `fiscal_year_start`, and a fiscal year is named by the calendar year it ends
//! in. Pure: "today" is an argument.

pub mod calendar;
mod parse;

use jiff::civil::Date;

use calendar::month;
pub use calendar::{Calendar, Period};
pub use parse::PeriodError;
use parse::Reader;

/// Reads a period as people type it (the forms are listed in `period/parse.rs`).
/// `today` resolves the relative forms.
pub fn parse(text: &str, today: Date, calendar: Calendar) -> Result<Period, PeriodError> {
    Reader { today, calendar }.period(text)
}

/// One day or period, not a range: what `--since` and `--until` take (the
/// start of it for `--since`, the end for `--until`).
pub fn parse_one(text: &str, today: Date, calendar: Calendar) -> Result<Period, PeriodError> {
    Reader { today, calendar }.one_period(text, "a date or period")
}

/// One day, in any form a period can name one: `2026-07-14`, `2026/7/14`,
/// `yesterday`, `last friday`, `3 days ago`, … What `--date` and `--today` take.
pub fn parse_day(text: &str, today: Date, calendar: Calendar) -> Result<Date, PeriodError> {
    let period = Reader { today, calendar }.one_period(text, "a date")?;
    if period.start == period.end {
        return Ok(period.start);
    }
    Err(PeriodError {
        message: format!(
            "`{}` is {period} ({}..{}), not one day",
            text.trim(),
            period.start,
            period.end
        ),
        hint: Some(format!("give a day, such as {}", period.start)),
    })
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (year, rest) = text.split_at_checked(4)?;
    let rest = rest.strip_prefix('-')?;
    let (month, day) = rest.split_once('-')?;
    if !(all_digits(year)
        && month.len() == 2
        && day.len() == 2
        && all_digits(month)
        && all_digits(day))
    {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// An entry's date: `YYYY-MM-DD`, or a date-time (`2026-11-20T09:30`,
/// `2026-11-20 09:30:00+01:00`) whose date counts.
pub fn parse_entry_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (date, time) = text.split_at_checked(10.min(text.len()))?;
    let date = parse_date(date)?;
    let time_ok = time.is_empty()
        || (time.starts_with(['T', 't', ' '])
            && time[1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit()));
    time_ok.then_some(date)
}

/// `--quarter [Q]`: nothing or `this` for the quarter containing today, `last`
/// for the one before, `3` or `Q3` for that quarter of this fiscal year, or `2026Q3`.
pub fn quarter_option(value: &str, today: Date, calendar: Calendar) -> Result<Period, PeriodError> {
    let lower = value.trim().to_ascii_lowercase();
    let found = match lower.as_str() {
        "" | "this" => calendar.quarter_containing(today),
        "last" | "previous" => calendar.quarter_before(today),
        q if q.len() == 1 => parse_one(&format!("q{q}"), today, calendar).ok(),
        q => parse_one(q, today, calendar)
            .ok()
            .filter(|p| calendar.quarter_containing(p.start).as_ref() == Some(p)),
    };
    found.ok_or_else(|| {
        option_error(
            "--quarter",
            value,
            "a quarter as 3, Q3, 2026Q3, this or last",
        )
    })
}

/// `--year [Y]`: nothing or `this`, `last`, or a fiscal year such as `2026`.
pub fn year_option(value: &str, today: Date, calendar: Calendar) -> Result<Period, PeriodError> {
    let this_year = calendar.fiscal_year_of(today);
    let lower = value.trim().to_ascii_lowercase();
    // `FY2026`, as the labels of a fiscal calendar write it.
    let lower = lower
        .strip_prefix("fy")
        .map_or(lower.as_str(), str::trim_start);
    let found = match lower {
        "" | "this" => calendar.year(this_year),
        "last" | "previous" => calendar.year(this_year - 1),
        y if y.len() == 4 && all_digits(y) => y.parse().ok().and_then(|y| calendar.year(y)),
        _ => None,
    };
    found.ok_or_else(|| option_error("--year", value, "a year as 2026, this or last"))
}

/// `--month [M]`: nothing or `this`, `last`, `7` or `jul` (of this calendar
/// year), or `2026-07`.
pub fn month_option(value: &str, today: Date) -> Result<Period, PeriodError> {
    let lower = value.trim().to_ascii_lowercase();
    let found = match lower.as_str() {
        "" | "this" => month(today.year(), today.month()),
        "last" | "previous" => today
            .first_of_month()
            .yesterday()
            .ok()
            .and_then(|d| month(d.year(), d.month())),
        m if m.len() <= 2 && all_digits(m) => m.parse().ok().and_then(|m| month(today.year(), m)),
        m => parse_one(m, today, Calendar::new(1))
            .ok()
            .filter(|p| month(p.start.year(), p.start.month()).as_ref() == Some(p)),
    };
    found.ok_or_else(|| option_error("--month", value, "a month as 7, jul, 2026-07, this or last"))
}

fn option_error(option: &str, value: &str, forms: &str) -> PeriodError {
    PeriodError {
        message: format!("`{option} {value}`: write {forms}"),
        hint: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;
    use jiff::civil::date;
    use proptest::prelude::*;

    const TODAY: Date = date(2026, 11, 22);
    const CAL: Calendar = Calendar {
        fiscal_year_start: 1,
    };
    const JULY: Calendar = Calendar {
        fiscal_year_start: 7,
    };

    fn span(text: &str, calendar: Calendar) -> (String, String, String) {
        let p = parse(text, TODAY, calendar).unwrap();
        (p.start.to_string(), p.end.to_string(), p.label)
    }

    fn s(a: &str, b: &str, l: &str) -> (String, String, String) {
        (a.into(), b.into(), l.into())
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(span("2026", CAL), s("2026-01-01", "2026-12-31", "2026"));
        assert_eq!(span("2026Q3", CAL), s("2026-07-01", "2026-09-30", "2026Q3"));
        assert_eq!(span("2026q1", CAL), s("2026-01-01", "2026-03-31", "2026Q1"));
        assert_eq!(
            span("2026-02", CAL),
            s("2026-02-01", "2026-02-28", "2026-02")
        );
        assert_eq!(
            span("2026-07-14", CAL),
            s("2026-07-14", "2026-07-14", "2026-07-14")
        );
        assert_eq!(
            span("2026-07-01..2026-09-30", CAL),
            s("2026-07-01", "2026-09-30", "2026-07-01..2026-09-30")
        );
        assert_eq!(
            span("2026Q1..2026Q2", CAL),
            s("2026-01-01", "2026-06-30", "2026Q1..2026Q2")
        );
    }

    #[test]
    fn fiscal_years_are_named_by_the_year_they_end_in() {
        assert_eq!(
            span("2026Q1", JULY),
            s("2025-07-01", "2025-09-30", "FY2026 Q1")
        );
        assert_eq!(span("FY2026 Q1", JULY), span("2026Q1", JULY));
        assert_eq!(span("fy2026-q1", JULY), span("2026Q1", JULY));
        assert_eq!(span("2026", JULY), s("2025-07-01", "2026-06-30", "FY2026"));
        assert_eq!(span("FY2026", JULY), span("2026", JULY));
        assert_eq!(
            span("this-year", JULY),
            s("2026-07-01", "2027-06-30", "FY2027")
        );
        assert_eq!(
            span("this-quarter", JULY),
            s("2026-10-01", "2026-12-31", "FY2027 Q2")
        );
    }

    #[test]
    fn relative_forms() {
        assert_eq!(
            span("this-quarter", CAL),
            s("2026-10-01", "2026-12-31", "2026Q4")
        );
        assert_eq!(
            span("last-quarter", CAL),
            s("2026-07-01", "2026-09-30", "2026Q3")
        );
        assert_eq!(
            span("last-year", CAL),
            s("2025-01-01", "2025-12-31", "2025")
        );
        assert_eq!(
            span("last-month", CAL),
            s("2026-10-01", "2026-10-31", "2026-10")
        );
        assert_eq!(
            span("today", CAL),
            s("2026-11-22", "2026-11-22", "2026-11-22")
        );
        let jan = parse("last-quarter", date(2026, 1, 5), CAL).unwrap();
        assert_eq!(jan.label, "2025Q4");
    }

    #[test]
    fn open_ranges() {
        let p = parse("2026-07-01..", TODAY, CAL).unwrap();
        assert_eq!((p.start, p.end), (date(2026, 7, 1), Date::MAX));
        let p = parse("..2026", TODAY, CAL).unwrap();
        assert_eq!((p.start, p.end), (Date::MIN, date(2026, 12, 31)));
    }

    #[test]
    fn previous_periods() {
        let previous = |text: &str, cal| {
            parse(text, TODAY, cal)
                .unwrap()
                .previous(cal)
                .map(|p| p.label)
        };
        assert_eq!(previous("2026Q1", CAL).as_deref(), Some("2025Q4"));
        assert_eq!(previous("2026Q1", JULY).as_deref(), Some("FY2025 Q4"));
        assert_eq!(previous("2026", JULY).as_deref(), Some("FY2025"));
        assert_eq!(previous("2026-03", CAL).as_deref(), Some("2026-02"));
        assert_eq!(
            previous("2026-07-01..2026-09-30", CAL).as_deref(),
            Some("2026Q2")
        );
        assert_eq!(
            previous("2026-03-10..2026-03-19", CAL).as_deref(),
            Some("2026-02-28..2026-03-09")
        );
        assert_eq!(previous("2026-03-10", CAL).as_deref(), Some("2026-03-09"));
        assert_eq!(previous("2026-03-10..", CAL), None);
        assert_eq!(previous("this week", CAL).as_deref(), Some("2026-W46"));
        assert_eq!(previous("2026-W01", CAL).as_deref(), Some("2025-W52"));
    }

    #[test]
    fn trend_buckets() {
        let labels = |text: &str| -> Vec<String> {
            parse(text, TODAY, CAL)
                .unwrap()
                .buckets(CAL)
                .into_iter()
                .map(|p| p.label)
                .collect()
        };
        assert_eq!(labels("2026Q3"), ["2026-07", "2026-08", "2026-09"]);
        assert_eq!(
            labels("2026-02"),
            [
                "2026-02-01..07",
                "2026-02-08..14",
                "2026-02-15..21",
                "2026-02-22..28"
            ]
        );
        assert_eq!(
            labels("2026-07-10..2026-07-20"),
            ["2026-07-10..14", "2026-07-15..20"]
        );
        assert_eq!(
            labels("2026-01-15..2026-03-02"),
            ["2026-01", "2026-02", "2026-03"]
        );
        let p = parse("2026-01-15..2026-03-02", TODAY, CAL).unwrap();
        let b = p.buckets(CAL);
        assert_eq!((b[0].start, b[2].end), (p.start, p.end));
        assert_eq!(
            labels("2020-03-01..2026-02-01"),
            ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
        );
    }

    #[test]
    fn the_last_year_of_the_calendar_works() {
        assert_eq!(span("9999", CAL), s("9999-01-01", "9999-12-31", "9999"));
        assert_eq!(span("9999Q4", CAL), s("9999-10-01", "9999-12-31", "9999Q4"));
        let last = parse("this-quarter", date(9999, 12, 31), CAL).unwrap();
        assert_eq!(last.label, "9999Q4");
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "26",
            "2026Q5",
            "2026-13",
            "2026-02-30",
            "soon",
            "2026-09-30..2026-07-01",
            "2026-7-40",
            "2026-07/14",
            "14",
            "7/14",
            "friday",
            "3 months",
            "from",
            "from 2026 to",
            "2026..2027..2028",
            "in 100001 years",
            "2026-W54",
            "jul 14",
        ] {
            assert!(parse(bad, TODAY, CAL).is_err(), "{bad}");
        }
    }

    #[test]
    fn one_day_or_period_options() {
        let day = |text: &str| parse_day(text, TODAY, CAL).map(|d| d.to_string());
        assert_eq!(day("yesterday").as_deref(), Ok("2026-11-21"));
        assert_eq!(day("2026/7/4").as_deref(), Ok("2026-07-04"));
        assert_eq!(day("last friday").as_deref(), Ok("2026-11-20"));
        assert_eq!(day("last-friday").as_deref(), Ok("2026-11-20"));
        assert_eq!(
            day("2026-07").unwrap_err().message,
            "`2026-07` is 2026-07 (2026-07-01..2026-07-31), not one day"
        );
        let one = |text: &str| parse_one(text, TODAY, CAL).map(|p| (p.start, p.end));
        assert_eq!(
            one("last quarter"),
            Ok((date(2026, 7, 1), date(2026, 9, 30)))
        );
        assert_eq!(
            one("2026-01..2026-02").unwrap_err().message,
            "`2026-01..2026-02` is a range (2026-01..2026-02), not a date or period"
        );
    }

    #[test]
    fn short_options() {
        assert_eq!(quarter_option("", TODAY, CAL).unwrap().label, "2026Q4");
        assert_eq!(quarter_option("last", TODAY, CAL).unwrap().label, "2026Q3");
        assert_eq!(quarter_option("2", TODAY, CAL).unwrap().label, "2026Q2");
        assert_eq!(
            quarter_option("Q2", TODAY, JULY).unwrap().label,
            "FY2027 Q2"
        );
        assert_eq!(
            quarter_option("FY2027 Q2", TODAY, JULY).unwrap().label,
            "FY2027 Q2"
        );
        assert_eq!(
            quarter_option("2025Q4", TODAY, CAL).unwrap().label,
            "2025Q4"
        );
        assert!(quarter_option("5", TODAY, CAL).is_err());
        assert!(quarter_option("2025", TODAY, CAL).is_err());
        assert_eq!(year_option("", TODAY, CAL).unwrap().label, "2026");
        assert_eq!(year_option("last", TODAY, JULY).unwrap().label, "FY2026");
        assert_eq!(year_option("FY2026", TODAY, JULY).unwrap().label, "FY2026");
        assert_eq!(year_option("2024", TODAY, CAL).unwrap().label, "2024");
        assert!(year_option("24", TODAY, CAL).is_err());
        assert_eq!(month_option("", TODAY).unwrap().label, "2026-11");
        assert_eq!(month_option("3", TODAY).unwrap().label, "2026-03");
        assert_eq!(
            month_option("last", date(2026, 1, 9)).unwrap().label,
            "2025-12"
        );
        assert_eq!(month_option("2025-07", TODAY).unwrap().label, "2025-07");
        assert!(month_option("13", TODAY).is_err());
    }

    #[test]
    fn entry_dates() {
        assert_eq!(parse_entry_date("2026-11-20"), Some(date(2026, 11, 20)));
        assert_eq!(
            parse_entry_date("2026-11-20T09:30:00"),
            Some(date(2026, 11, 20))
        );
        assert_eq!(
            parse_entry_date("2026-11-20 09:30"),
            Some(date(2026, 11, 20))
        );
        assert_eq!(parse_entry_date("2026-11-20x"), None);
        assert_eq!(parse_entry_date("20/11/2026"), None);
        assert_eq!(parse_entry_date("2026-1-2"), None);
        assert_eq!(parse_entry_date("2026-11-2é"), None);
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1900i16..2100, 1i8..=12, 1i8..=31)
            .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or_else(|_| date(y, m, 28)))
    }

    proptest! {
        #[test]
        fn the_quarter_of_a_date_contains_it(day in any_date(), fy in 1i8..=12) {
            let cal = Calendar::new(fy);
            let (year, quarter) = cal.quarter_of(day);
            let q = parse(&format!("{year}Q{quarter}"), TODAY, cal).unwrap();
            prop_assert!(q.contains(day), "{} not in {:?}", day, q);
            let y = parse(&year.to_string(), TODAY, cal).unwrap();
            prop_assert!(y.start <= q.start && q.end <= y.end);
        }

        #[test]
        fn quarters_tile_the_fiscal_year(year in 1901i16..2099, fy in 1i8..=12) {
            let cal = Calendar::new(fy);
            let whole = cal.year(year).unwrap();
            let quarters: Vec<Period> = (1..=4).map(|q| cal.quarter(year, q).unwrap()).collect();
            prop_assert_eq!(quarters[0].start, whole.start);
            prop_assert_eq!(quarters[3].end, whole.end);
            for pair in quarters.windows(2) {
                prop_assert_eq!(pair[0].end.tomorrow().unwrap(), pair[1].start);
            }
        }

        #[test]
        fn labels_parse_back_to_the_same_period(day in any_date(), fy in 1i8..=12, form in 0usize..10) {
            let cal = Calendar::new(fy);
            let text = [
                "this-quarter", "last quarter", "this year", "last-month", "this week",
                "next week", "3 weeks ago", "yesterday", "q2..next quarter", "since last week",
            ][form];
            let p = parse(text, day, cal).unwrap();
            prop_assert_eq!(parse(&p.label, day, cal).unwrap(), p);
        }

        #[test]
        fn buckets_tile_the_period(day in any_date(), len in 0i32..400) {
            let end = day.checked_add(len.days()).unwrap();
            let p = Period::days(day, end);
            let b = p.buckets(CAL);
            prop_assert_eq!(b[0].start, p.start);
            prop_assert_eq!(b[b.len() - 1].end, p.end);
            for pair in b.windows(2) {
                prop_assert_eq!(pair[0].end.tomorrow().unwrap(), pair[1].start);
            }
        }

        #[test]
        fn parse_never_panics(text in ".{0,40}") {
            let _ = parse(&text, TODAY, CAL);
            let _ = parse_one(&text, TODAY, CAL);
            let _ = parse_day(&text, TODAY, CAL);
            let _ = quarter_option(&text, TODAY, CAL);
            let _ = year_option(&text, TODAY, CAL);
            let _ = month_option(&text, TODAY);
        }

        #[test]
        fn word_soups_never_panic(
            parts in prop::collection::vec(prop::sample::select(SOUP.to_vec()), 0..7),
            day in any_date(),
            fy in 1i8..=12,
        ) {
            let cal = Calendar::new(fy);
            for glue in [" ", "-", ""] {
                let text = parts.join(glue);
                if let Ok(p) = parse(&text, day, cal) {
                    prop_assert!(p.start <= p.end, "{text}: {p:?}");
                }
                let _ = parse_day(&text, day, cal);
            }
        }

        #[test]
        fn a_day_reads_the_same_in_every_spelling(day in any_date(), sep in 0usize..3, pad: bool) {
            let sep = ["-", "/", "."][sep];
            let (y, m, d) = (day.year(), day.month(), day.day());
            let text = if pad {
                format!("{y}{sep}{m:02}{sep}{d:02}")
            } else {
                format!("{y}{sep}{m}{sep}{d}")
            };
            prop_assert_eq!(parse(&text, TODAY, CAL).unwrap(), Period::days(day, day));
            let compact = format!("{y}{m:02}{d:02}");
            prop_assert_eq!(parse(&compact, TODAY, CAL).unwrap(), Period::days(day, day));
            prop_assert_eq!(parse_day(&text, TODAY, CAL).unwrap(), day);
        }

        #[test]
        fn a_month_reads_the_same_in_every_spelling(day in any_date(), sep in 0usize..3) {
            let (y, m) = (day.year(), day.month());
            let sep = ["-", "/", "."][sep];
            let whole = month(y, m).unwrap();
            let name = &parse::month_name(m)[..3];
            for text in [
                format!("{y}{sep}{m}"),
                format!("{y}{sep}{m:02}"),
                format!("{y}{m:02}"),
                format!("{name} {y}"),
                format!("{y} {}", parse::month_name(m)),
            ] {
                prop_assert_eq!(&parse(&text, TODAY, CAL).unwrap(), &whole, "{}", text);
            }
            prop_assert_eq!(parse(name, day, CAL).unwrap(), whole);
        }

        #[test]
        fn spaced_hyphenated_and_glued_words_agree(
            day in any_date(),
            fy in 1i8..=12,
            direction in prop::sample::select(vec!["this", "last", "next"]),
            unit in prop::sample::select(vec!["day", "week", "month", "quarter", "year", "friday", "june"]),
        ) {
            let cal = Calendar::new(fy);
            let spaced = parse(&format!("{direction} {unit}"), day, cal).unwrap();
            prop_assert_eq!(&parse(&format!("{direction}-{unit}"), day, cal).unwrap(), &spaced);
            prop_assert_eq!(&parse(&format!("{direction}{unit}"), day, cal).unwrap(), &spaced);
            prop_assert_eq!(&parse(&format!("  {}  ", spaced.label.to_uppercase()), day, cal).unwrap().start, &spaced.start);
        }

        #[test]
        fn relative_words_are_counts_of_one(
            day in any_date(),
            fy in 1i8..=12,
            unit in prop::sample::select(vec!["day", "week", "month", "quarter", "year"]),
            n in -40i64..40,
        ) {
            let cal = Calendar::new(fy);
            let read = |text: String| parse(&text, day, cal).unwrap();
            prop_assert_eq!(read(format!("last {unit}")), read(format!("1 {unit} ago")));
            prop_assert_eq!(read(format!("next {unit}")), read(format!("in 1 {unit}s")));
            prop_assert_eq!(read(format!("this {unit}")), read(format!("0 {unit}s ago")));
            let current = read(format!("this {unit}"));
            prop_assert!(current.contains(day));
            prop_assert_eq!(read(format!("{n} {unit}s ago")), read(format!("in {} {unit}s", -n)));
            prop_assert_eq!(read(format!("{n} {unit}s ahead")), read(format!("in {n} {unit}s")));
            // Consecutive counts are consecutive periods.
            let (this, next) = (read(format!("in {n} {unit}s")), read(format!("in {} {unit}s", n + 1)));
            prop_assert_eq!(this.end.tomorrow().unwrap(), next.start);
        }

        #[test]
        fn weekday_words_look_one_week_back_or_ahead(day in any_date(), wd in 0usize..7) {
            let name = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][wd];
            let last = parse_day(&format!("last {name}"), day, CAL).unwrap();
            let next = parse_day(&format!("next {name}"), day, CAL).unwrap();
            prop_assert_eq!(last.weekday().to_monday_zero_offset() as usize, wd);
            prop_assert_eq!(next.weekday().to_monday_zero_offset() as usize, wd);
            prop_assert!(last < day && day.since(last).unwrap().get_days() <= 7);
            prop_assert!(next > day && next.since(day).unwrap().get_days() <= 7);
        }

        #[test]
        fn a_range_runs_from_the_start_of_one_to_the_end_of_the_other(
            a in any_date(),
            b in any_date(),
            forms in (0usize..4, 0usize..4),
            fy in 1i8..=12,
        ) {
            let cal = Calendar::new(fy);
            let name = |d: Date, form: usize| match form {
                0 => d.to_string(),
                1 => format!("{}-{}", d.year(), d.month()),
                2 => { let (y, q) = cal.quarter_of(d); format!("{y}q{q}") }
                _ => cal.fiscal_year_of(d).to_string(),
            };
            let (from, to) = (name(a, forms.0), name(b, forms.1));
            let (first, last) = (parse(&from, TODAY, cal).unwrap(), parse(&to, TODAY, cal).unwrap());
            let texts = [
                format!("{from}..{to}"),
                format!("from {from} to {to}"),
                format!("{from} to {to}"),
                format!("since {from} until {to}"),
            ];
            for text in texts {
                let range = parse(&text, TODAY, cal);
                if first.start <= last.end {
                    let range = range.unwrap();
                    prop_assert_eq!((range.start, range.end), (first.start, last.end), "{}", text);
                    prop_assert_eq!(parse(&range.label, TODAY, cal).unwrap(), range.clone());
                } else {
                    let message = range.unwrap_err().message;
                    prop_assert!(message.contains("ends before it starts"), "{}", message);
                }
            }
            let open = parse(&format!("since {from}"), TODAY, cal).unwrap();
            prop_assert_eq!((open.start, open.end), (first.start, Date::MAX));
            let open = parse(&format!("until {to}"), TODAY, cal).unwrap();
            prop_assert_eq!((open.start, open.end), (Date::MIN, last.end));
        }
    }

    /// Pieces of period texts, for the fuzz-like property above.
    const SOUP: [&str; 24] = [
        "this",
        "last",
        "next",
        "in",
        "ago",
        "from",
        "to",
        "since",
        "until",
        "..",
        "q3",
        "week",
        "quarter",
        "year",
        "friday",
        "jul",
        "2026",
        "2026-07",
        "7",
        "14",
        "-3",
        "2026-W53",
        "99999",
        "2026/2/29",
    ];
}
