//! Any text as a period, on any day of any fiscal calendar: `--period`, the
//! `--quarter`/`--year`/`--month` short forms and the date parsers must return
//! a period or an error, never panic or hang. A period that parses must be a
//! real span: its start on or before its end.
#![no_main]

use insight::model::period::{self, Calendar};
use jiff::civil::{Date, date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let [month, high, low, rest @ ..] = bytes else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let calendar = Calendar::new((month % 12 + 1) as i8);
    let today = some_day(u16::from_be_bytes([*high, *low]));
    if let Ok(found) = period::parse(text, today, calendar) {
        assert!(found.start <= found.end, "{text:?} gave {found:?}");
    }
    for option in [
        period::quarter_option(text, today, calendar),
        period::year_option(text, today, calendar),
        period::month_option(text, today),
    ] {
        if let Ok(found) = option {
            assert!(found.start <= found.end, "{text:?} gave {found:?}");
        }
    }
    let _ = period::parse_date(text);
    let _ = period::parse_entry_date(text);
});

/// Any day from 1900 to about 2079, the years a journal's "today" can be.
fn some_day(offset: u16) -> Date {
    date(1900, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(offset)))
        .unwrap_or(date(2026, 11, 22))
}
