//! Periods of time, written as hledger writes them: `2026`, `2026Q3`, `2026-07`,
//! `2026-07-14`, `2026-07-01..2026-09-30`, `this-quarter`, `last-year`, …
//! Years and quarters are fiscal: they follow `fiscal_year_start`, and a fiscal
//! year is named by the calendar year it ends in. Pure: "today" is an argument.

use jiff::ToSpan;
use jiff::civil::Date;
use std::fmt;

/// A span of whole days, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    /// How the period is named in reports: `2026Q3`, `2026`, `2026-07`, …
    pub label: String,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    /// The days from `start` to `end`; `Date::MIN` and `Date::MAX` stand for open ends.
    pub fn days(start: Date, end: Date) -> Period {
        let show = |d: Date| {
            if d == Date::MIN || d == Date::MAX {
                String::new()
            } else {
                d.to_string()
            }
        };
        let label = if start == end {
            start.to_string()
        } else {
            format!("{}..{}", show(start), show(end))
        };
        Period { start, end, label }
    }

    /// Every date.
    pub fn all() -> Period {
        Period::days(Date::MIN, Date::MAX)
    }

    /// This period cut to `since..=until`; `None` when nothing is left.
    pub fn narrowed(self, since: Option<Date>, until: Option<Date>) -> Option<Period> {
        let start = since.map_or(self.start, |d| d.max(self.start));
        let end = until.map_or(self.end, |d| d.min(self.end));
        if start > end {
            return None;
        }
        Some(if (start, end) == (self.start, self.end) {
            self
        } else {
            Period::days(start, end)
        })
    }
}

impl Period {
    /// Whether either end is open (`2026-07-01..`).
    pub fn is_open(&self) -> bool {
        self.start == Date::MIN || self.end == Date::MAX
    }

    /// The period of the same length just before this one: the previous fiscal
    /// year, quarter or month when this is one, else as many days just before.
    pub fn previous(&self, calendar: Calendar) -> Option<Period> {
        if self.is_open() {
            return None;
        }
        let before = self.start.yesterday().ok()?;
        let same =
            |p: Option<Period>| p.is_some_and(|p| p.start == self.start && p.end == self.end);
        if same(calendar.year(calendar.fiscal_year_of(self.start))) {
            return calendar.year(calendar.fiscal_year_of(before));
        }
        if same(calendar.quarter_containing(self.start)) {
            return calendar.quarter_containing(before);
        }
        if same(month(self.start.year(), self.start.month())) {
            return month(before.year(), before.month());
        }
        let length = self.start.until(self.end).ok()?.get_days();
        let start = before.checked_sub(length.days()).ok()?;
        Some(Period::days(start, before))
    }

    /// The part of the period worth drawing month by month: all of it, unless it
    /// is open or longer than ten years, when it is cut to `first..=last` (the
    /// first and last entry in it). `None` when there is nothing to draw.
    pub fn span_for(&self, first: Option<Date>, last: Option<Date>) -> Option<Period> {
        let long = self
            .start
            .checked_add(10.years())
            .map_or(true, |ten| ten <= self.end);
        if !self.is_open() && !long {
            return Some(self.clone());
        }
        let (first, last) = (first?.max(self.start), last?.min(self.end));
        (first <= last).then(|| Period::days(first, last))
    }

    /// Consecutive buckets covering the period for a trend: weeks (days 1-7,
    /// 8-14, …) within one month, months up to three years, fiscal years beyond.
    pub fn buckets(&self, calendar: Calendar) -> Vec<Period> {
        let same_month =
            (self.start.year(), self.start.month()) == (self.end.year(), self.end.month());
        let up_to_three_years = self
            .start
            .checked_add(3.years())
            .is_ok_and(|d| self.end < d);
        if same_month {
            self.buckets_by_week()
        } else if up_to_three_years {
            self.buckets_by_month()
        } else {
            self.split(
                |start| {
                    calendar
                        .year(calendar.fiscal_year_of(start))
                        .map_or(self.end, |y| y.end)
                },
                |start, _| calendar.fiscal_year_of(start).to_string(),
            )
        }
    }

    /// The calendar months the period touches, each cut to the period.
    pub fn buckets_by_month(&self) -> Vec<Period> {
        self.split(
            |start| start.last_of_month(),
            |start, _| format!("{:04}-{:02}", start.year(), start.month()),
        )
    }

    /// Days 1-7, 8-14, 15-21, 22-28 and 29 to the end of each month, cut to the period.
    pub fn buckets_by_week(&self) -> Vec<Period> {
        self.split(
            |start| {
                let week_end = start.day() + 6 - (start.day() - 1) % 7;
                start
                    .with()
                    .day(week_end.min(start.days_in_month()))
                    .build()
                    .unwrap_or(start)
            },
            |start, end| format!("{start}..{:02}", end.day()),
        )
    }

    fn split(
        &self,
        natural_end: impl Fn(Date) -> Date,
        label: impl Fn(Date, Date) -> String,
    ) -> Vec<Period> {
        let mut buckets = Vec::new();
        let mut start = self.start;
        while start <= self.end {
            let end = natural_end(start).min(self.end);
            buckets.push(Period {
                start,
                end,
                label: label(start, end),
            });
            match end.tomorrow() {
                Ok(next) => start = next,
                Err(_) => break,
            }
        }
        buckets
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The fiscal calendar of a journal: the month its fiscal year starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub fiscal_year_start: i8,
}

impl Calendar {
    pub fn new(fiscal_year_start: i8) -> Calendar {
        Calendar {
            fiscal_year_start: fiscal_year_start.clamp(1, 12),
        }
    }

    /// The name of the fiscal year that `date` falls in.
    pub fn fiscal_year_of(&self, date: Date) -> i16 {
        if self.fiscal_year_start > 1 && date.month() >= self.fiscal_year_start {
            date.year() + 1
        } else {
            date.year()
        }
    }

    /// Fiscal year `year`, or `None` past the calendar's range.
    pub fn year(&self, year: i16) -> Option<Period> {
        let start = self.year_start(year)?;
        let end = start.checked_add(11.months()).ok()?.last_of_month();
        Some(Period {
            start,
            end,
            label: year.to_string(),
        })
    }

    /// Quarter `quarter` (1-4) of fiscal year `year`.
    pub fn quarter(&self, year: i16, quarter: i8) -> Option<Period> {
        let months = i32::from(quarter.clamp(1, 4) - 1) * 3;
        let start = self.year_start(year)?.checked_add(months.months()).ok()?;
        let end = start.checked_add(2.months()).ok()?.last_of_month();
        Some(Period {
            start,
            end,
            label: format!("{year}Q{quarter}"),
        })
    }

    /// The fiscal year and quarter that `date` falls in.
    pub fn quarter_of(&self, date: Date) -> (i16, i8) {
        let months_in = (date.month() - self.fiscal_year_start).rem_euclid(12);
        (self.fiscal_year_of(date), months_in / 3 + 1)
    }

    /// The fiscal quarters that `span` touches, whole.
    pub fn quarters_in(&self, span: &Period) -> Vec<Period> {
        let mut quarters = Vec::new();
        let mut next = self.quarter_containing(span.start);
        while let Some(quarter) = next.filter(|q| q.start <= span.end) {
            next = quarter
                .end
                .tomorrow()
                .ok()
                .and_then(|d| self.quarter_containing(d));
            quarters.push(quarter);
        }
        quarters
    }

    fn year_start(&self, year: i16) -> Option<Date> {
        let calendar_year = if self.fiscal_year_start > 1 {
            year.checked_sub(1)?
        } else {
            year
        };
        Date::new(calendar_year, self.fiscal_year_start, 1).ok()
    }

    /// The fiscal quarter `date` falls in.
    pub fn quarter_containing(&self, date: Date) -> Option<Period> {
        let (year, quarter) = self.quarter_of(date);
        self.quarter(year, quarter)
    }

    fn quarter_before(&self, date: Date) -> Option<Period> {
        let this = self.quarter_containing(date)?;
        self.quarter_containing(this.start.yesterday().ok()?)
    }
}

fn month(year: i16, month: i8) -> Option<Period> {
    let start = Date::new(year, month, 1).ok()?;
    Some(Period {
        start,
        end: start.last_of_month(),
        label: format!("{year:04}-{month:02}"),
    })
}

/// Parses a period expression. `today` resolves the relative forms.
pub fn parse(text: &str, today: Date, calendar: Calendar) -> Result<Period, String> {
    let text = text.trim();
    let Some((from, to)) = text.split_once("..") else {
        return single(text, today, calendar);
    };
    let start = match from.trim() {
        "" => Date::MIN,
        from => single(from, today, calendar)?.start,
    };
    let end = match to.trim() {
        "" => Date::MAX,
        to => single(to, today, calendar)?.end,
    };
    if start > end {
        return Err(format!("period `{text}` ends before it starts"));
    }
    Ok(Period {
        start,
        end,
        label: text.to_string(),
    })
}

/// One period without `..`.
fn single(text: &str, today: Date, calendar: Calendar) -> Result<Period, String> {
    let lower = text.to_ascii_lowercase();
    let found = match lower.as_str() {
        "today" => Some(Period::days(today, today)),
        "yesterday" => today.yesterday().ok().map(|d| Period::days(d, d)),
        "this-month" => month(today.year(), today.month()),
        "last-month" => today
            .first_of_month()
            .yesterday()
            .ok()
            .and_then(|d| month(d.year(), d.month())),
        "this-quarter" => calendar.quarter_containing(today),
        "last-quarter" => calendar.quarter_before(today),
        "this-year" => calendar.year(calendar.fiscal_year_of(today)),
        "last-year" => calendar.year(calendar.fiscal_year_of(today) - 1),
        _ => absolute(&lower, calendar),
    };
    found.ok_or_else(|| {
        format!(
            "`{text}` is not a period; write e.g. 2026, 2026Q3, 2026-07, 2026-07-14, \
             2026-07-01..2026-09-30, this-quarter or last-year"
        )
    })
}

/// `2026`, `2026q3`, `2026-07`, `2026-07-14` (already lowercased).
fn absolute(text: &str, calendar: Calendar) -> Option<Period> {
    let bytes = text.as_bytes();
    let year = || text.get(..4)?.parse::<i16>().ok();
    match (bytes.len(), bytes.get(4)) {
        (4, None) if all_digits(text) => calendar.year(year()?),
        (6, Some(b'q')) => {
            let quarter = digit_in(text, 5, 1..=4)?;
            calendar.quarter(year()?, quarter)
        }
        (7, Some(b'-')) => month(year()?, two_digits(text, 5)?),
        (10, Some(b'-')) => parse_date(text).map(|d| Period::days(d, d)),
        _ => None,
    }
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn digit_in(text: &str, at: usize, range: std::ops::RangeInclusive<i8>) -> Option<i8> {
    let value = text.get(at..at + 1)?.parse::<i8>().ok()?;
    range.contains(&value).then_some(value)
}

fn two_digits(text: &str, at: usize) -> Option<i8> {
    let part = text.get(at..at + 2)?;
    all_digits(part).then(|| part.parse().ok())?
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
pub fn quarter_option(value: &str, today: Date, calendar: Calendar) -> Result<Period, String> {
    let lower = value.trim().to_ascii_lowercase();
    let found = match lower.as_str() {
        "" | "this" => calendar.quarter_containing(today),
        "last" | "previous" => calendar.quarter_before(today),
        q => {
            let q = q.strip_prefix('q').unwrap_or(q);
            match digit_in(q, 0, 1..=4) {
                Some(n) if q.len() == 1 => calendar.quarter(calendar.fiscal_year_of(today), n),
                _ => absolute(&lower, calendar).filter(|p| p.label.contains('Q')),
            }
        }
    };
    found.ok_or_else(|| {
        format!("`--quarter {value}`: write a quarter as 3, Q3, 2026Q3, this or last")
    })
}

/// `--year [Y]`: nothing or `this`, `last`, or a fiscal year such as `2026`.
pub fn year_option(value: &str, today: Date, calendar: Calendar) -> Result<Period, String> {
    let this_year = calendar.fiscal_year_of(today);
    let found = match value.trim().to_ascii_lowercase().as_str() {
        "" | "this" => calendar.year(this_year),
        "last" | "previous" => calendar.year(this_year - 1),
        y if y.len() == 4 && all_digits(y) => y.parse().ok().and_then(|y| calendar.year(y)),
        _ => None,
    };
    found.ok_or_else(|| format!("`--year {value}`: write a year as 2026, this or last"))
}

/// `--month [M]`: nothing or `this`, `last`, `7` (of this calendar year) or `2026-07`.
pub fn month_option(value: &str, today: Date) -> Result<Period, String> {
    let lower = value.trim().to_ascii_lowercase();
    let found = match lower.as_str() {
        "" | "this" => month(today.year(), today.month()),
        "last" | "previous" => today
            .first_of_month()
            .yesterday()
            .ok()
            .and_then(|d| month(d.year(), d.month())),
        m if m.len() <= 2 && all_digits(m) => m.parse().ok().and_then(|m| month(today.year(), m)),
        m if m.len() == 7 => absolute(m, Calendar::new(1)),
        _ => None,
    };
    found.ok_or_else(|| format!("`--month {value}`: write a month as 7, 2026-07, this or last"))
}

#[cfg(test)]
mod tests {
    use super::*;
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
            s("2025-07-01", "2025-09-30", "2026Q1")
        );
        assert_eq!(span("2026", JULY), s("2025-07-01", "2026-06-30", "2026"));
        assert_eq!(
            span("this-year", JULY),
            s("2026-07-01", "2027-06-30", "2027")
        );
        assert_eq!(
            span("this-quarter", JULY),
            s("2026-10-01", "2026-12-31", "2027Q2")
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
        assert_eq!(previous("2026Q1", JULY).as_deref(), Some("2025Q4"));
        assert_eq!(previous("2026", JULY).as_deref(), Some("2025"));
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
            "2026-7",
        ] {
            assert!(parse(bad, TODAY, CAL).is_err(), "{bad}");
        }
    }

    #[test]
    fn short_options() {
        assert_eq!(quarter_option("", TODAY, CAL).unwrap().label, "2026Q4");
        assert_eq!(quarter_option("last", TODAY, CAL).unwrap().label, "2026Q3");
        assert_eq!(quarter_option("2", TODAY, CAL).unwrap().label, "2026Q2");
        assert_eq!(quarter_option("Q2", TODAY, JULY).unwrap().label, "2027Q2");
        assert_eq!(
            quarter_option("2025Q4", TODAY, CAL).unwrap().label,
            "2025Q4"
        );
        assert!(quarter_option("5", TODAY, CAL).is_err());
        assert!(quarter_option("2025", TODAY, CAL).is_err());
        assert_eq!(year_option("", TODAY, CAL).unwrap().label, "2026");
        assert_eq!(year_option("last", TODAY, JULY).unwrap().label, "2026");
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
        fn labels_parse_back_to_the_same_period(day in any_date(), fy in 1i8..=12, form in 0usize..4) {
            let cal = Calendar::new(fy);
            let text = ["this-quarter", "last-quarter", "this-year", "last-month"][form];
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
            let _ = quarter_option(&text, TODAY, CAL);
            let _ = year_option(&text, TODAY, CAL);
            let _ = month_option(&text, TODAY);
        }
    }
}
