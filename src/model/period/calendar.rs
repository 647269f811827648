//! Periods of time (spans of whole days) and the fiscal calendar they are
//! counted in.

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
        if same(calendar.half_containing(self.start)) {
            return calendar.half_containing(before);
        }
        if same(calendar.quarter_containing(self.start)) {
            return calendar.quarter_containing(before);
        }
        if same(month(self.start.year(), self.start.month())) {
            return month(before.year(), before.month());
        }
        let monday_before = |d: Date| {
            d.checked_sub(i64::from(d.weekday().to_monday_zero_offset()).days())
                .ok()
        };
        if same(monday_before(self.start).and_then(week)) {
            return monday_before(before).and_then(week);
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
                |start, _| calendar.year_label(calendar.fiscal_year_of(start)),
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
            label: self.year_label(year),
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
            label: self.quarter_label(year, quarter),
        })
    }

    /// Half `half` (1 or 2) of fiscal year `year`: its first or last two quarters.
    pub fn half(&self, year: i16, half: i8) -> Option<Period> {
        let half = half.clamp(1, 2);
        let first = self.quarter(year, half * 2 - 1)?;
        let last = self.quarter(year, half * 2)?;
        Some(Period {
            start: first.start,
            end: last.end,
            label: match self.is_fiscal() {
                true => format!("FY{year} H{half}"),
                false => format!("{year}H{half}"),
            },
        })
    }

    /// The fiscal half-year `date` falls in.
    pub fn half_containing(&self, date: Date) -> Option<Period> {
        let (year, quarter) = self.quarter_of(date);
        self.half(year, (quarter + 1) / 2)
    }

    /// Whether years and quarters are other than the calendar's: then
    /// their labels say so, as `FY2026` and `FY2026 Q1`, so that a reader
    /// does not take 2026Q1 for January to March.
    pub fn is_fiscal(&self) -> bool {
        self.fiscal_year_start > 1
    }

    /// `2026`, or `FY2026` in a fiscal calendar.
    pub fn year_label(&self, year: i16) -> String {
        match self.is_fiscal() {
            true => format!("FY{year}"),
            false => year.to_string(),
        }
    }

    /// `2026Q1`, or `FY2026 Q1` in a fiscal calendar.
    pub fn quarter_label(&self, year: i16, quarter: i8) -> String {
        match self.is_fiscal() {
            true => format!("FY{year} Q{quarter}"),
            false => format!("{year}Q{quarter}"),
        }
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

    pub fn quarter_before(&self, date: Date) -> Option<Period> {
        let this = self.quarter_containing(date)?;
        self.quarter_containing(this.start.yesterday().ok()?)
    }
}

pub(super) fn month(year: i16, month: i8) -> Option<Period> {
    let start = Date::new(year, month, 1).ok()?;
    Some(Period {
        start,
        end: start.last_of_month(),
        label: format!("{year:04}-{month:02}"),
    })
}

/// The Monday-to-Sunday week starting on `monday`, labelled as ISO 8601 does.
pub(super) fn week(monday: Date) -> Option<Period> {
    let end = monday.checked_add(6.days()).ok()?;
    let iso = monday.iso_week_date();
    Some(Period {
        start: monday,
        end,
        label: format!("{:04}-W{:02}", iso.year(), iso.week()),
    })
}
