//! What must not leave the journal when it is shared: e-mail addresses and
//! phone numbers written in a body or a title, found by their shape.
//!
//! The rules are deliberately plain, so that a writer can predict them: an
//! e-mail address is `name@domain.tld`; a phone number is a run of digits
//! joined by single spaces, dashes, dots, slashes or brackets that holds 9
//! to 15 digits, or 8 to 15 after a `+`. A date (`2026-11-22`, 8 digits)
//! and a count (`12,000,000`: commas end a run) are not phone numbers.

use std::borrow::Cow;

/// What a masked e-mail address reads as.
pub const EMAIL_MASK: &str = "[e-mail address]";
/// What a masked phone number reads as.
pub const PHONE_MASK: &str = "[phone number]";

/// A contact found in a text: its byte range and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub start: usize,
    pub end: usize,
    pub kind: ContactKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Email,
    Phone,
}

impl ContactKind {
    /// How a message names it: "an e-mail address", "a phone number".
    pub fn described(self) -> &'static str {
        match self {
            ContactKind::Email => "an e-mail address",
            ContactKind::Phone => "a phone number",
        }
    }

    fn mask(self) -> &'static str {
        match self {
            ContactKind::Email => EMAIL_MASK,
            ContactKind::Phone => PHONE_MASK,
        }
    }
}

/// `text` with every e-mail address and phone number replaced by
/// [`EMAIL_MASK`] or [`PHONE_MASK`]; borrowed when there is none.
pub fn mask_contacts(text: &str) -> Cow<'_, str> {
    let found = contacts(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut masked = String::with_capacity(text.len());
    let mut written = 0;
    for contact in found {
        masked.push_str(&text[written..contact.start]);
        masked.push_str(contact.kind.mask());
        written = contact.end;
    }
    masked.push_str(&text[written..]);
    Cow::Owned(masked)
}

/// The e-mail addresses and phone numbers in `text`, in order.
pub fn contacts(text: &str) -> Vec<Contact> {
    let bytes = text.as_bytes();
    // Nearly every text has neither: skip the scan when no `@` and no run
    // of digits long enough could be in it.
    if !bytes.contains(&b'@') && bytes.iter().filter(|b| b.is_ascii_digit()).count() < 8 {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let next = email_at(bytes, at)
            .map(|end| (end, ContactKind::Email))
            .or_else(|| phone_at(bytes, at).map(|end| (end, ContactKind::Phone)));
        match next {
            Some((end, kind)) => {
                found.push(Contact {
                    start: at,
                    end,
                    kind,
                });
                at = end;
            }
            None => at = next_word(bytes, at),
        }
    }
    found
}

/// Where the next place a contact could start is: after this run of
/// letters, digits or contact punctuation, or the next byte. A contact
/// starts only at the start of a word, so `abc123456789` is not one.
fn next_word(bytes: &[u8], at: usize) -> usize {
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b"._%+-@".contains(&b) || b >= 0x80;
    if !in_word(bytes[at]) {
        return at + 1;
    }
    let mut end = at;
    while end < bytes.len() && in_word(bytes[end]) {
        end += 1;
    }
    end
}

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._%+-".contains(&b)
}

fn is_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// The end of the e-mail address that starts at `at`, if one does.
fn email_at(bytes: &[u8], at: usize) -> Option<usize> {
    let mut local_end = at;
    while local_end < bytes.len() && is_local(bytes[local_end]) {
        local_end += 1;
    }
    if local_end == at || bytes.get(local_end) != Some(&b'@') {
        return None;
    }
    let domain_start = local_end + 1;
    let mut end = domain_start;
    while end < bytes.len() && is_domain(bytes[end]) {
        end += 1;
    }
    // A sentence's full stop after the address is not part of it.
    while end > domain_start && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let domain = &bytes[domain_start..end];
    let last_dot = domain.iter().rposition(|&b| b == b'.')?;
    let top = &domain[last_dot + 1..];
    let good = last_dot > 0 && top.len() >= 2 && top.iter().all(u8::is_ascii_alphabetic);
    good.then_some(end)
}

/// The end of the phone number that starts at `at`, if one does.
fn phone_at(bytes: &[u8], at: usize) -> Option<usize> {
    let plus = bytes[at] == b'+';
    let mut end = at + usize::from(plus);
    let mut digits = 0;
    let mut last_digit_end = end;
    let mut separated = false;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            digits += 1;
            end += 1;
            last_digit_end = end;
            separated = false;
        } else if b == b'(' || b == b')' {
            // Brackets go around an area code: "(020) 7946 0958".
            end += 1;
        } else if b" -./".contains(&b) && !separated {
            // One separator at a time: "12  34" is two numbers.
            separated = true;
            end += 1;
        } else {
            break;
        }
    }
    // A bracket may open the number: "(0)20 7946 0000" starts with it.
    let starts_well = plus || bytes[at].is_ascii_digit() || bytes[at] == b'(';
    let least = if plus { 8 } else { 9 };
    let followed_by_word = bytes
        .get(last_digit_end)
        .is_some_and(|b| b.is_ascii_alphabetic());
    let fits = starts_well && (least..=15).contains(&digits) && !followed_by_word;
    (fits && !is_date(&bytes[at..last_digit_end])).then_some(last_digit_end)
}

/// Whether the run holds a date (`2026-11-22`): "on 2026-11-22 12
/// customers" has 10 digits in a row and no phone number.
fn is_date(run: &[u8]) -> bool {
    let text = String::from_utf8_lossy(run);
    text.split([' ', '/', '(', ')'])
        .any(|part| jiff::civil::Date::strptime("%Y-%m-%d", part).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_email_addresses_and_phone_numbers() {
        assert_eq!(
            mask_contacts("Mail ann.lee+shop@example.co.uk. Or call +44 20 7946 0958 today."),
            "Mail [e-mail address]. Or call [phone number] today."
        );
        assert_eq!(
            mask_contacts("Ring (020) 7946-0958, ext 4; or 555.201.3344"),
            "Ring [phone number], ext 4; or [phone number]"
        );
    }

    #[test]
    fn leaves_dates_counts_and_words_alone() {
        for text in [
            "On 2026-11-22 we met 1,200 staff.",
            "12,000,000 customers a week",
            "between 2026-11-22 2027-01-03",
            "On 2026-11-22 12 customers came",
            "Store 12345678 is open",
            "at me@home or @ann",
            "SKU ABC123456789X",
            "version 1.2.3.4",
            "",
        ] {
            assert_eq!(mask_contacts(text), text, "{text}");
            assert!(matches!(mask_contacts(text), Cow::Borrowed(_)));
        }
    }

    #[test]
    fn names_what_it_found() {
        let found = contacts("a@b.io 0123 456 789 ü");
        assert_eq!(
            found,
            [
                Contact {
                    start: 0,
                    end: 6,
                    kind: ContactKind::Email
                },
                Contact {
                    start: 7,
                    end: 19,
                    kind: ContactKind::Phone
                },
            ]
        );
    }

    #[test]
    fn never_splits_a_character() {
        for text in ["é@é.é", "+٣٣٣٣٣٣٣٣٣", "x@y.zz\u{202e}", "(((((((", "+"] {
            let _ = mask_contacts(text);
        }
    }
}
