//! Reading a period as people coming from hledger type it: `2026`, `2026Q3`, `q3`,
//! `2026-07`, `2026/7`, `jul`, `jul 2026`, `2026-07-14`, `2026/7/14`, `2026.07.14`,
//! `2026-W47`, `today`, `last quarter` (or `last-quarter`, `lastquarter`),
//! `last friday`, `3 months ago`, `in 2 weeks`, and ranges of any two of them:
//! `A..B`, `A to B`, `from A to B`, `since A`, `until B`, `jan-mar`.
//!
//! Where insight differs from hledger, on purpose:
//! - A range includes all of its last period: `2026-02..2026-03` is two months
//!   (hledger stops where March starts), `until 2026-07-01` includes July 1.
//! - Years and quarters are fiscal, following `fiscal_year_start`.
//! - `this july` is July of this year (hledger: the next July to come).
//! - A bare day (`14`) or month and day (`7/14`) needs its year: `14/7` and
//!   `7/14` read differently in different countries.
//! - `3 months` alone is an error (did you mean `3 months ago`?); hledger reads
//!   it as `in 3 months`.

use jiff::Span;
use jiff::civil::{Date, ISOWeekDate, Weekday};

use super::calendar::{Calendar, Period, month, week};
use crate::model::suggest::typo_distance;

/// Why a text is not a period, and the closest valid form when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    pub message: String,
    pub hint: Option<String>,
}

impl PeriodError {
    fn new(message: String, hint: Option<String>) -> PeriodError {
        PeriodError { message, hint }
    }
}

impl std::fmt::Display for PeriodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        match &self.hint {
            Some(hint) => write!(f, "; {hint}"),
            None => Ok(()),
        }
    }
}

/// Why a part of the text did not read as a period.
#[derive(Debug)]
enum Miss {
    /// Not a form insight knows: worth looking for a near miss.
    Unknown,
    /// A known form with an impossible value (month 13, February 30, a reversed range).
    Invalid(PeriodError),
}

/// Longer texts are not periods, and capping them keeps every parse short.
const MAX_LEN: usize = 100;
/// Counts such as `3 months ago` stay far inside jiff's range with this cap.
const MAX_COUNT: i64 = 100_000;

const UNITS: [&str; 5] = ["day", "week", "month", "quarter", "year"];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const OTHER_WORDS: [&str; 16] = [
    "past",
    "today",
    "yesterday",
    "tomorrow",
    "this",
    "last",
    "next",
    "ago",
    "ahead",
    "from",
    "since",
    "to",
    "until",
    "in",
    "days",
    "weeks",
];

/// What a period text is read against: today and the fiscal calendar.
#[derive(Clone, Copy)]
pub(super) struct Reader {
    pub today: Date,
    pub calendar: Calendar,
}

impl Reader {
    /// A period, or a range of two (either end may be left open).
    pub fn period(&self, text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        self.expression(text)
            .map_err(|miss| self.explain(text, miss, Reader::expression, "a period"))
    }

    /// One period, not a range: what `--since`, `--until` and `--date` take.
    pub fn one_period(&self, text: &str, what: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        self.single_text(text).map_err(|miss| {
            if let (Miss::Unknown, Ok(range)) = (&miss, self.expression(text)) {
                return PeriodError::new(
                    format!("`{text}` is a range ({range}), not {what}"),
                    Some("give one day or period, such as 2026-07-14, 2026-07 or yesterday".into()),
                );
            }
            self.explain(text, miss, Reader::single_text, what)
        })
    }

    fn expression(&self, text: &str) -> Result<Period, Miss> {
        if text.len() > MAX_LEN {
            return Err(Miss::Unknown);
        }
        let lower = text.to_lowercase();
        if let Some((from, to)) = lower.split_once("..") {
            let from = words(from);
            let from = match from.first().map(String::as_str) {
                Some("from" | "since") => &from[1..],
                _ => &from[..],
            };
            return self.range(from, &words(to));
        }
        let all = words(&lower);
        match all.first().map(String::as_str) {
            Some("from" | "since") if all.len() > 1 => {
                let rest = &all[1..];
                return match rest.iter().position(|w| w == "to" || w == "until") {
                    Some(at) if at > 0 && at + 1 < rest.len() => {
                        self.range(&rest[..at], &rest[at + 1..])
                    }
                    Some(_) => Err(Miss::Unknown),
                    None => self.range(rest, &[]),
                };
            }
            Some("to" | "until") if all.len() > 1 => return self.range(&[], &all[1..]),
            _ => {}
        }
        if let Some(at) = all.iter().position(|w| w == "to")
            && at > 0
            && at + 1 < all.len()
        {
            return self.range(&all[..at], &all[at + 1..]);
        }
        match self.single(&all) {
            Err(Miss::Unknown) => self.hyphen_range(&lower),
            found => found,
        }
    }

    fn single_text(&self, text: &str) -> Result<Period, Miss> {
        if text.len() > MAX_LEN {
            return Err(Miss::Unknown);
        }
        self.single(&words(&text.to_lowercase()))
    }

    /// `jan-mar`, `2025-2026`, `2026-01-01-2026-03-31`: hledger's `-` between
    /// two periods, tried only when the whole text is not one period.
    fn hyphen_range(&self, lower: &str) -> Result<Period, Miss> {
        for (at, _) in lower.match_indices('-') {
            let (from, to) = (words(&lower[..at]), words(&lower[at + 1..]));
            if from.is_empty() || to.is_empty() {
                continue;
            }
            if self.single(&from).is_ok() && self.single(&to).is_ok() {
                return self.range(&from, &to);
            }
        }
        Err(Miss::Unknown)
    }

    /// From the start of `from` to the end of `to`; an empty side is open.
    fn range(&self, from: &[String], to: &[String]) -> Result<Period, Miss> {
        let first = (!from.is_empty()).then(|| self.single(from)).transpose()?;
        let last = (!to.is_empty()).then(|| self.single(to)).transpose()?;
        let start = first.as_ref().map_or(Date::MIN, |p| p.start);
        let end = last.as_ref().map_or(Date::MAX, |p| p.end);
        let label = |p: &Option<Period>| p.as_ref().map_or(String::new(), |p| p.label.clone());
        let (first_label, last_label) = (label(&first), label(&last));
        if start > end {
            return Err(Miss::Invalid(PeriodError::new(
                format!("it ends before it starts ({last_label} is before {first_label})"),
                Some(format!(
                    "write the earlier end first: `{last_label}..{first_label}`"
                )),
            )));
        }
        Ok(Period {
            start,
            end,
            label: format!("{first_label}..{last_label}"),
        })
    }

    /// One period, as words.
    fn single(&self, words: &[String]) -> Result<Period, Miss> {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        self.single_words(&words)
    }

    fn single_words(&self, words: &[&str]) -> Result<Period, Miss> {
        match words {
            ["in", count, unit] if count.parse::<i64>().is_ok() => {
                self.relative_count(count, unit, 1)
            }
            ["in", rest @ ..] if !rest.is_empty() => self.single_words(rest),
            [word] => self.one_word(word),
            [count, unit, "ago"] => self.relative_count(count, unit, -1),
            ["last" | "past", count, unit] if count.parse::<i64>().is_ok() => {
                self.last_count(count, unit)
            }
            [count, unit, "ahead"] => self.relative_count(count, unit, 1),
            [first, second] => self.two_words(first, second),
            _ => Err(Miss::Unknown),
        }
    }

    fn one_word(&self, word: &str) -> Result<Period, Miss> {
        let today = self.today;
        let found = match word {
            "today" => Some(Period::days(today, today)),
            "yesterday" => today.yesterday().ok().map(|d| Period::days(d, d)),
            "tomorrow" => today.tomorrow().ok().map(|d| Period::days(d, d)),
            _ => {
                if let Some((direction, rest)) = unglued(word) {
                    return self.two_words(direction, rest);
                }
                if let Some(m) = month_number(word) {
                    return self.found(month(today.year(), m));
                }
                if let Some(q) = word.strip_prefix('q') {
                    let year = self.calendar.fiscal_year_of(today);
                    return self.quarter(&year.to_string(), q);
                }
                if let Some(h) = word.strip_prefix('h').filter(|h| all_digits(h)) {
                    let year = self.calendar.fiscal_year_of(today);
                    return self.half(&year.to_string(), h);
                }
                return self.numeric(word);
            }
        };
        self.found(found)
    }

    fn two_words(&self, first: &str, second: &str) -> Result<Period, Miss> {
        let direction = match first {
            "this" => Some(0),
            "last" => Some(-1),
            "next" => Some(1),
            _ => None,
        };
        if let Some(n) = direction {
            if let Some(unit) = unit(second) {
                return self.relative(n, unit);
            }
            if let Some(weekday) = weekday(second) {
                return self.found(
                    self.relative_weekday(n, weekday)
                        .map(|d| Period::days(d, d)),
                );
            }
            if let Some(m) = month_number(second) {
                return self.found(self.relative_month(n, m));
            }
            return Err(Miss::Unknown);
        }
        match (first, second) {
            (name, year) | (year, name) if is_year(year) && month_number(name).is_some() => {
                let m = month_number(name).unwrap_or(1);
                self.found(year.parse().ok().and_then(|y| month(y, m)))
            }
            (q, year) | (year, q) if is_year(year) && q.starts_with('q') => {
                self.quarter(year, &q[1..])
            }
            (h, year) | (year, h) if is_year(year) && h.starts_with('h') => {
                self.half(year, &h[1..])
            }
            (year, week) if is_year(year) && week.starts_with('w') => {
                self.iso_week(year, &week[1..])
            }
            _ => Err(Miss::Unknown),
        }
    }

    fn found(&self, period: Option<Period>) -> Result<Period, Miss> {
        period.ok_or_else(|| {
            Miss::Invalid(PeriodError::new(
                "it is outside the calendar (years -9999 to 9999)".to_string(),
                None,
            ))
        })
    }

    /// `this`/`last`/`next` (n = 0, -1, 1) or `n … ago` of a unit: whole weeks
    /// from Monday, calendar months, fiscal quarters and years.
    fn relative(&self, n: i64, unit: &str) -> Result<Period, Miss> {
        let (today, calendar) = (self.today, self.calendar);
        let found = match unit {
            "day" => add_days(today, n).map(|d| Period::days(d, d)),
            "week" => {
                let monday = add_days(today, -i64::from(today.weekday().to_monday_zero_offset()));
                monday.and_then(|m| add_days(m, n * 7)).and_then(week)
            }
            "month" => {
                let index = i64::from(today.year()) * 12 + i64::from(today.month() - 1) + n;
                year_and_index(index, 12).and_then(|(y, m)| month(y, m + 1))
            }
            "quarter" => {
                let (year, quarter) = calendar.quarter_of(today);
                let index = i64::from(year) * 4 + i64::from(quarter - 1) + n;
                year_and_index(index, 4).and_then(|(y, q)| calendar.quarter(y, q + 1))
            }
            _ => i16::try_from(i64::from(calendar.fiscal_year_of(today)) + n)
                .ok()
                .and_then(|y| calendar.year(y)),
        };
        self.found(found)
    }

    /// `3 months ago` (sign -1), `in 2 weeks` and `2 weeks ahead` (sign 1).
    fn relative_count(&self, count: &str, unit_word: &str, sign: i64) -> Result<Period, Miss> {
        let (Ok(n), Some(unit)) = (count.parse::<i64>(), unit(unit_word)) else {
            return Err(Miss::Unknown);
        };
        if n.abs() > MAX_COUNT {
            return self.found(None);
        }
        self.relative(sign * n, unit)
    }

    /// `last 30 days`: the 30 whole days before today, as `last day` is
    /// yesterday; `last 3 months` the three months before this one.
    fn last_count(&self, count: &str, unit_word: &str) -> Result<Period, Miss> {
        let (Ok(n), Some(unit)) = (count.parse::<i64>(), unit(unit_word)) else {
            return Err(Miss::Unknown);
        };
        if n < 1 {
            return Err(self.invalid(
                format!("`last {n} {unit}s` has no {unit}s in it"),
                "count one or more: `last 1 week` is `last week`",
            ));
        }
        if n > MAX_COUNT {
            return self.found(None);
        }
        let first = self.relative(-n, unit)?;
        let last = self.relative(-1, unit)?;
        let plural = if n == 1 { "" } else { "s" };
        Ok(Period {
            start: first.start,
            end: last.end,
            label: format!("last {n} {unit}{plural}"),
        })
    }

    fn half(&self, year: &str, half: &str) -> Result<Period, Miss> {
        let (Ok(year), Ok(h)) = (year.parse::<i16>(), half.parse::<i8>()) else {
            return Err(Miss::Unknown);
        };
        if !(1..=2).contains(&h) || half.len() != 1 {
            return Err(self.invalid(
                format!("there is no half {half}"),
                "the halves of a year are H1 and H2",
            ));
        }
        self.found(self.calendar.half(year, h))
    }

    /// hledger's rule: `last friday` is the latest Friday before today,
    /// `next friday` and `this friday` the first one after today.
    fn relative_weekday(&self, direction: i64, weekday: Weekday) -> Option<Date> {
        let current = i64::from(self.today.weekday().to_monday_one_offset());
        let target = i64::from(weekday.to_monday_one_offset());
        if direction < 0 {
            add_days(self.today, -(1 + (current - target - 1).rem_euclid(7)))
        } else {
            add_days(self.today, 1 + (target - current - 1).rem_euclid(7))
        }
    }

    /// `last january` is the latest January before this month, `next january`
    /// the first after it, and `this january` the one in this calendar year.
    fn relative_month(&self, direction: i64, m: i8) -> Option<Period> {
        let (year, current) = (self.today.year(), self.today.month());
        let year = match direction {
            d if d < 0 && m >= current => year.checked_sub(1)?,
            d if d > 0 && m <= current => year.checked_add(1)?,
            _ => year,
        };
        month(year, m)
    }

    fn quarter(&self, year: &str, quarter: &str) -> Result<Period, Miss> {
        let (Ok(year), Ok(q)) = (year.parse::<i16>(), quarter.parse::<i8>()) else {
            return Err(Miss::Unknown);
        };
        if !(1..=4).contains(&q) || quarter.len() != 1 {
            return Err(self.invalid(
                format!("there is no quarter {quarter}"),
                "quarters are Q1 to Q4",
            ));
        }
        self.found(self.calendar.quarter(year, q))
    }

    fn iso_week(&self, year: &str, week_number: &str) -> Result<Period, Miss> {
        let (Ok(year), Ok(n)) = (year.parse::<i16>(), week_number.parse::<i8>()) else {
            return Err(Miss::Unknown);
        };
        match ISOWeekDate::new(year, n, Weekday::Monday) {
            Ok(monday) => self.found(week(monday.date())),
            Err(_) => Err(self.invalid(
                format!("{year} has no week {n}"),
                "ISO weeks run from W01 to W52, or W53 in some years",
            )),
        }
    }

    /// `2026`, `2026q3`, `2026w47`, `2026-07`, `2026/7`, `2026-07-14`,
    /// `2026/7/14`, `2026.07.14`, `20260714`, `202607`.
    fn numeric(&self, word: &str) -> Result<Period, Miss> {
        if let Some((year, q)) = word.split_once('q').filter(|(y, _)| is_year(y)) {
            return self.quarter(year, q);
        }
        if let Some((year, h)) = word.split_once('h').filter(|(y, _)| is_year(y)) {
            return self.half(year, h);
        }
        if let Some((year, w)) = word.split_once('w').filter(|(y, _)| is_year(y)) {
            return self.iso_week(year, w);
        }
        if all_digits(word) {
            return match word.len() {
                4 => self.found(word.parse().ok().and_then(|y| self.calendar.year(y))),
                6 => self.date_parts(word, &word[..4], &word[4..], None),
                8 => self.date_parts(word, &word[..4], &word[4..6], Some(&word[6..])),
                1 | 2 => Err(self.needs_year(word, None, word)),
                _ => Err(Miss::Unknown),
            };
        }
        let Some(separator) = word.chars().find(|c| matches!(c, '-' | '/' | '.')) else {
            return Err(Miss::Unknown);
        };
        let parts: Vec<&str> = word.split(separator).collect();
        if !parts.iter().all(|p| !p.is_empty() && all_digits(p)) {
            return Err(Miss::Unknown);
        }
        let short = |p: &str| p.len() <= 2;
        match parts.as_slice() {
            [year, m] if is_year(year) && short(m) => self.date_parts(word, year, m, None),
            [year, m, d] if is_year(year) && short(m) && short(d) => {
                self.date_parts(word, year, m, Some(d))
            }
            [m, d] if short(m) && short(d) => Err(self.needs_year(word, Some(m), d)),
            [a, b, year] if is_year(year) && short(a) && short(b) => {
                Err(self.year_first(word, year, a, b))
            }
            _ => Err(Miss::Unknown),
        }
    }

    fn date_parts(
        &self,
        word: &str,
        year: &str,
        m: &str,
        day: Option<&str>,
    ) -> Result<Period, Miss> {
        let (Ok(year), Ok(m)) = (year.parse::<i16>(), m.parse::<i8>()) else {
            return Err(Miss::Unknown);
        };
        let Some(whole_month) = month(year, m) else {
            return Err(self.invalid(
                format!("there is no month {m} (in `{word}`)"),
                "months are 1 to 12",
            ));
        };
        let Some(day) = day else {
            return Ok(whole_month);
        };
        match day
            .parse::<i8>()
            .ok()
            .and_then(|d| Date::new(year, m, d).ok())
        {
            Some(date) => Ok(Period::days(date, date)),
            None => Err(self.invalid(
                format!(
                    "{} has {} days (in `{word}`)",
                    whole_month.label,
                    whole_month.start.days_in_month()
                ),
                &format!("the last day is {}", whole_month.end),
            )),
        }
    }

    /// `14` or `7/14`: hledger fills in this year (and month); insight asks,
    /// because `7/14` and `14/7` mean the same day in different countries.
    fn needs_year(&self, word: &str, m: Option<&str>, d: &str) -> Miss {
        let m = m.map_or(Some(self.today.month()), |m| m.parse().ok());
        let date = m
            .zip(d.parse().ok())
            .and_then(|(m, d)| Date::new(self.today.year(), m, d).ok());
        let hint = match date {
            Some(date) => format!("did you mean `{date}`? Write the year too, year first"),
            None => "write the whole date, year first: 2026-07-14".to_string(),
        };
        Miss::Invalid(PeriodError::new(
            format!("there is no year (in `{word}`)"),
            Some(hint),
        ))
    }

    /// `14/07/2026` or `07/14/2026`: dates are written year first.
    fn year_first(&self, word: &str, year: &str, a: &str, b: &str) -> Miss {
        let date = |m: &str, d: &str| {
            Some(
                Date::new(year.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                    .ok()?
                    .to_string(),
            )
        };
        let readings: Vec<String> = [date(b, a), date(a, b)].into_iter().flatten().collect();
        let hint = match readings.as_slice() {
            [one, other] if one != other => format!("did you mean `{one}` or `{other}`?"),
            [one, ..] => format!("did you mean `{one}`?"),
            [] => "write the date year first: 2026-07-14".to_string(),
        };
        Miss::Invalid(PeriodError::new(
            format!("dates are written year first, as YYYY-MM-DD (in `{word}`)"),
            Some(hint),
        ))
    }

    fn invalid(&self, message: String, hint: &str) -> Miss {
        Miss::Invalid(PeriodError::new(message, Some(hint.to_string())))
    }

    /// The error for a text that did not read: a near miss when one parses.
    fn explain(
        &self,
        text: &str,
        miss: Miss,
        reads: fn(&Reader, &str) -> Result<Period, Miss>,
        what: &str,
    ) -> PeriodError {
        if let Miss::Invalid(reason) = miss {
            // A reason names the part it is about, needless when that part is all there is.
            let why = reason.message.replace(&format!(" (in `{text}`)"), "");
            return PeriodError::new(format!("`{text}` is not {what}: {why}"), reason.hint);
        }
        let message = format!("`{text}` is not {what}");
        let hint = match self.near_miss(text, reads) {
            Some(near) => format!("did you mean `{near}`?"),
            None if text.chars().any(|c| c.is_ascii_digit()) => {
                "write a day as 2026-07-14, a month as 2026-07 or jul, a quarter as 2026Q3 \
                 or q3, a year as 2026, a range as 2026-01..2026-03"
                    .to_string()
            }
            None => "try last quarter, this year, last week, yesterday, last friday \
                     or from 2026-01-01 to 2026-03-31"
                .to_string(),
        };
        PeriodError::new(message, Some(hint))
    }

    /// The closest text that reads: typos in words corrected, or the usual
    /// meaning of a bare word (`friday` → `last friday`, `3 months` → `3 months ago`).
    fn near_miss(
        &self,
        text: &str,
        reads: fn(&Reader, &str) -> Result<Period, Miss>,
    ) -> Option<String> {
        let lower = text.to_lowercase();
        let candidate = match lower.split_once("..") {
            Some((from, to)) => {
                let side = |s: &str| {
                    let s = s.trim();
                    if s.is_empty() || self.single_text(s).is_ok() {
                        s.to_string()
                    } else {
                        self.corrected(s).unwrap_or_else(|| s.to_string())
                    }
                };
                format!("{}..{}", side(from), side(to))
            }
            None => self.corrected(&lower)?,
        };
        (candidate != lower && reads(self, &candidate).is_ok()).then_some(candidate)
    }

    /// `text` with each unknown word replaced by the nearest known one.
    fn corrected(&self, text: &str) -> Option<String> {
        let fixed: Vec<String> = words(text)
            .iter()
            .map(|w| {
                if w.chars().any(|c| c.is_ascii_digit()) || is_known_word(w) {
                    w.clone()
                } else {
                    nearest_word(w).unwrap_or(w).to_string()
                }
            })
            .collect();
        let words: Vec<&str> = fixed.iter().map(String::as_str).collect();
        let completed = match words.as_slice() {
            [w] if weekday(w).is_some() => format!("last {w}"),
            [w] if unit(w).is_some() => format!("this {w}"),
            [count, u] if count.parse::<i64>().is_ok() && unit(u).is_some() => {
                format!("{count} {u} ago")
            }
            _ => fixed.join(" "),
        };
        Some(completed)
    }
}

/// Lowercased words. A `-` beside a letter separates words (`last-quarter`,
/// `2026-Q3`), one between digits belongs to a date (`2026-07`); glued words
/// (`lastquarter`) are split as hledger allows.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let letter_at = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphabetic())
    };
    let spaced: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == '-' && (letter_at(i.checked_sub(1)) || letter_at(Some(i + 1))) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let split: Vec<&str> = spaced.split_whitespace().collect();
    split
        .iter()
        .enumerate()
        .filter_map(|(i, w)| fiscal_year_mark_left_out(w, split.get(i + 1).copied()))
        .flat_map(|w| match unglued(w) {
            Some((direction, rest)) => vec![direction.to_string(), rest.to_string()],
            None => vec![w.to_string()],
        })
        .collect()
}

/// `fy2026` as `2026`, and `fy` before a year as nothing: the labels say
/// `FY2026 Q1` in a fiscal calendar, where years are fiscal anyway.
fn fiscal_year_mark_left_out<'w>(word: &'w str, next: Option<&str>) -> Option<&'w str> {
    let starts_with_digit = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    match word.strip_prefix("fy") {
        Some("") if next.is_some_and(starts_with_digit) => None,
        Some(year) if starts_with_digit(year) => Some(year),
        _ => Some(word),
    }
}

/// `lastquarter` → (`last`, `quarter`), when the rest is a unit, month or weekday.
fn unglued(word: &str) -> Option<(&str, &str)> {
    ["this", "last", "next"].into_iter().find_map(|direction| {
        let rest = word.strip_prefix(direction)?;
        (unit(rest).is_some() || month_number(rest).is_some() || weekday(rest).is_some())
            .then_some((direction, rest))
    })
}

/// `day`, `week`, … also in the plural (`3 weeks ago`).
fn unit(word: &str) -> Option<&'static str> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    UNITS.into_iter().find(|u| *u == singular)
}

/// A month's number from its name or its first three letters.
pub(super) fn month_number(word: &str) -> Option<i8> {
    MONTHS
        .iter()
        .position(|name| word == *name || (word.len() == 3 && name.starts_with(word)))
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// The full name of month `m` (1-12).
#[cfg(test)]
pub(super) fn month_name(m: i8) -> &'static str {
    MONTHS[usize::try_from(m - 1).unwrap_or(0)]
}

fn weekday(word: &str) -> Option<Weekday> {
    let i = WEEKDAYS
        .iter()
        .position(|name| word == *name || (word.len() == 3 && name.starts_with(word)))?;
    Weekday::from_monday_zero_offset(i8::try_from(i).ok()?).ok()
}

fn is_known_word(word: &str) -> bool {
    unit(word).is_some()
        || month_number(word).is_some()
        || weekday(word).is_some()
        || OTHER_WORDS.contains(&word)
}

/// The known word nearest to a typo, if it is near enough.
fn nearest_word(word: &str) -> Option<&'static str> {
    let allowed = (word.chars().count() / 3).max(1);
    UNITS
        .into_iter()
        .chain(MONTHS)
        .chain(WEEKDAYS)
        .chain(OTHER_WORDS)
        .map(|known| (typo_distance(word, known), known))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && all_digits(text)
}

fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(Span::new().try_days(days).ok()?).ok()
}

/// (year, index within the year) of a count of months or quarters since year 0.
fn year_and_index(index: i64, per_year: i64) -> Option<(i16, i8)> {
    let year = i16::try_from(index.div_euclid(per_year)).ok()?;
    let within = i8::try_from(index.rem_euclid(per_year)).ok()?;
    Some((year, within))
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
