//! Dates as resolutions write them in English prose: "31 March 2027", "30 Apr. 2027",
//! "17 June 2027", "July 15, 2026", and the end of a mandate after "until", "to",
//! "ending on" or "through".

use chrono::NaiveDate;

/// The month named by `word` ("March", "Mar.", "Mar", "Sept."), any case.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = [
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
    if let Some(i) = NAMES.iter().position(|n| *n == w) {
        return Some(i as u32 + 1);
    }
    if w == "sept" {
        return Some(9);
    }
    if w.len() == 3 {
        return NAMES
            .iter()
            .position(|n| n.starts_with(&w))
            .map(|i| i as u32 + 1);
    }
    None
}

/// A day of the month: "31", "1st", "22nd", "3rd", "4th".
fn day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(',');
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year of four digits, with any trailing punctuation ("2027]", "2027,", "2027;").
fn year(word: &str) -> Option<i32> {
    let digits: &str = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Reads a date at the very start of `s` (after spaces, any of which may be U+00A0):
/// "31 March 2027", "30 Apr. 2027", "July 15, 2026". `None` when `s` does not start
/// with a whole, valid date.
pub fn date_at_start(s: &str) -> Option<NaiveDate> {
    let mut words = s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty());
    let (a, b, c) = (words.next()?, words.next()?, words.next()?);
    if let (Some(d), Some(m), Some(y)) = (day(a), month(b), year(c)) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if let (Some(m), Some(d), Some(y)) = (month(a), day(b), year(c)) {
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// The words after which a mandate's last day is written.
const END_MARKERS: [&str; 7] = [
    "until ",
    "ending on ",
    "to ",
    "through ",
    "till ",
    "up to and including ",
    "expiring on ",
];

/// The first date in `text` written right after an end marker ("until 31 March 2027",
/// "to 31 January 2027", "for a further period ending on 31 January 2027").
/// `None` when there is none: a period in months is never turned into a date.
pub fn end_date(text: &str) -> Option<NaiveDate> {
    dates_after(text, &END_MARKERS).into_iter().next()
}

/// Every date written right after one of `markers` (each a lowercase word followed by a
/// space, matched at a word start, any case), in the order of the text.
pub fn dates_after(text: &str, markers: &[&str]) -> Vec<NaiveDate> {
    let normal: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let lower = normal.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII: search the lowercase copy only
    // when the lengths agree, else the ASCII-lowercase one (which always does).
    let lower = if lower.len() == normal.len() {
        lower
    } else {
        normal.to_ascii_lowercase()
    };
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for marker in markers {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let at = from + i;
            let word_start = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if word_start {
                if let Some(d) = date_at_start(&normal[at + marker.len()..]) {
                    found.push((at, d));
                }
            }
            from = at + marker.len();
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_as_written_in_titles_and_paragraphs() {
        assert_eq!(date_at_start("31 March 2027, and"), Some(d(2027, 3, 31)));
        assert_eq!(date_at_start("30 Apr. 2027]"), Some(d(2027, 4, 30)));
        assert_eq!(date_at_start("31 Dec. 2026"), Some(d(2026, 12, 31)));
        assert_eq!(date_at_start("17 June 2027"), Some(d(2027, 6, 17)));
        assert_eq!(date_at_start("1 Sept. 2026"), Some(d(2026, 9, 1)));
        assert_eq!(date_at_start("29\u{a0}May\u{a0}2026"), Some(d(2026, 5, 29)));
        assert_eq!(date_at_start("July 15, 2026;"), Some(d(2026, 7, 15)));
        assert_eq!(date_at_start("31st January 2027"), Some(d(2027, 1, 31)));
    }

    #[test]
    fn not_dates() {
        assert_eq!(date_at_start("31 February 2027"), None);
        assert_eq!(date_at_start("six months"), None);
        assert_eq!(date_at_start("12,500 personnel"), None);
        assert_eq!(date_at_start("31 March 27"), None);
        assert_eq!(date_at_start("32 March 2027"), None);
        assert_eq!(date_at_start("31 Mars 2027"), None);
        assert_eq!(date_at_start(""), None);
    }

    #[test]
    fn end_dates_after_each_marker() {
        assert_eq!(
            end_date("Decides to extend the mandate of the GSF for a period of six months, that is, until 31 March 2027, and requests"),
            Some(d(2027, 3, 31))
        );
        assert_eq!(
            end_date("Decides to extend the mandate of BINUH to 31 January 2027;"),
            Some(d(2027, 1, 31))
        );
        assert_eq!(
            end_date("Decides to extend the mandate of UNFICYP for a further period ending on 31\u{a0}January\u{a0}2027;"),
            Some(d(2027, 1, 31))
        );
        assert_eq!(
            end_date("Security Council resolution 2820 (2026) [on extension of the mandate of the UN Mission in South Sudan (UNMISS) until 30 Apr. 2027]"),
            Some(d(2027, 4, 30))
        );
        assert_eq!(
            end_date("the reporting request through July 15, 2026"),
            Some(d(2026, 7, 15))
        );
    }

    #[test]
    fn no_end_date_is_guessed() {
        assert_eq!(
            end_date("Decides to extend the mandate for a period of 12 months"),
            None
        );
        assert_eq!(end_date("to continue to provide support to 31 units"), None);
        // "to" inside a word is not a marker.
        assert_eq!(end_date("photo 31 March 2027"), None);
    }

    #[test]
    fn the_first_end_date_in_the_text_wins() {
        assert_eq!(
            end_date("until 30 April 2027 and requests a report to 1 May 2026"),
            Some(d(2027, 4, 30))
        );
        assert_eq!(
            dates_after("until 30 April 2027 and to 1 May 2026", &END_MARKERS),
            vec![d(2027, 4, 30), d(2026, 5, 1)]
        );
    }
}
