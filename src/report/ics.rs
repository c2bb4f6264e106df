//! `mandate --ics`: an RFC 5545 calendar of every chain's last day, and of the first day
//! of every chain that starts after today, built with the `icalendar` crate. Byte-
//! identical from run to run for the same file and `--now`: UIDs come from the mission
//! id, the kind of event and its date; `DTSTAMP` is `--now`, else the file's
//! modification time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};

use super::Outcome;
use crate::domain::due::resolution_ending;
use crate::domain::format::{date, days, days_left, percent, personnel, thousands};
use crate::domain::state::{self, Chain, Phase, State};
use crate::domain::text::{clean, is_web};
use crate::domain::{Dataset, Mission, Personnel, MAX_DAYS};

/// The days before an expiry of the second alarm (the first is at `warn_days`).
const LAST_WEEK: i64 = 7;

/// `DTSTAMP`: the given instant in whole seconds within the calendar, else (the built-in
/// copy) midnight UTC of the latest date in the file.
fn stamp(data: &Dataset, given: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let t = given.unwrap_or_else(|| {
        data.latest_fact(NaiveDate::MAX)
            .map_or(DateTime::UNIX_EPOCH, |d| {
                d.and_time(NaiveTime::MIN).and_utc()
            })
    });
    let t = t.clamp(state::EARLIEST, state::LATEST);
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// A URI for the `URL` property: only a value with a scheme, with every character a URI
/// may not hold (spaces, quotes, non-ASCII...) percent-encoded.
fn uri(s: &str) -> Option<String> {
    let (scheme, _) = s.split_once(':')?;
    let mut cs = scheme.chars();
    if !cs.next()?.is_ascii_alphabetic()
        || !cs.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The mission's source URLs that are web addresses (`http`, `https`), the rule the
/// dashboard's `o` applies: a `javascript:`, `file:` or `smb:` URL is left out.
fn web_urls(m: &Mission) -> impl Iterator<Item = &str> {
    m.sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .filter(|u| is_web(u))
}

/// The mission's state at `now`, in words: "expiring, 11 days left (last day 2 Oct 2025)".
fn phase_text(s: &State) -> String {
    let word = s.phase.key();
    match (s.phase, s.expires_on, s.days_remaining) {
        (Phase::Active | Phase::Expiring, Some(on), Some(n)) => {
            format!("{word}, {} (last day {})", days_left(n), date(on))
        }
        (Phase::Active | Phase::Expiring, _, _) => format!("{word}, open-ended"),
        (Phase::Expired, Some(on), _) => format!("{word} (last day {})", date(on)),
        (Phase::Unrecorded, Some(on), _) => format!(
            "{word}: no renewal or closure recorded (last day {})",
            date(on)
        ),
        _ => match (s.starts_on, s.days_to_start) {
            (Some(on), Some(n)) => format!("{word}, starts in {} ({})", days(n), date(on)),
            _ => word.to_string(),
        },
    }
}

/// "Ceiling: 2,500; deployed: 989 as of 22 Sep 2025 (40%)."
fn strength_text(s: &State) -> String {
    let ceiling = match (&s.authorized_by_category, s.authorized) {
        (Some(cs), _) => personnel(&Personnel::ByCategory(cs.clone())),
        (None, Some(n)) => thousands(n),
        (None, None) => "none".into(),
    };
    let ceiling = match &s.ceiling_resolution {
        Some(r) => format!("{ceiling} (resolution {r})"),
        None => ceiling,
    };
    let deployed = match (s.deployed, s.deployed_as_of) {
        (Some(n), Some(on)) => {
            let r = s
                .deployment_ratio
                .map_or(String::new(), |r| format!(" ({})", percent(r)));
            format!("{} as of {}{r}", thousands(n), date(on))
        }
        _ => "no figure".into(),
    };
    format!("Ceiling: {ceiling}; deployed: {deployed}.")
}

/// The description shared by a mission's events, after the event's own first line.
/// The state is of the day (`--now`'s date in the mission's zone), not the instant, so
/// that without `--now` the calendar changes once a day, not every second.
fn about(m: &Mission, s: &State) -> String {
    let mut out = format!(
        "On {}: {}.\n{}",
        date(s.today),
        phase_text(s),
        strength_text(s)
    );
    let urls: Vec<&str> = web_urls(m).collect();
    if !urls.is_empty() {
        out.push_str("\nSources:");
        for u in urls {
            out.push_str("\n- ");
            out.push_str(u);
        }
    }
    out
}

/// An all-day event on `day`: `DTEND` is the next day (RFC 5545 3.6.1: the end is
/// exclusive), or, on 9999-12-31, whose next day has no four-digit year (RFC 5545
/// 3.3.4), `DURATION:P1D`.
fn all_day(uid: &str, day: NaiveDate, stamp: DateTime<Utc>) -> Event {
    let mut e = Event::new();
    e.uid(uid).timestamp(stamp).starts(day);
    match day.succ_opt().filter(|next| next.year() <= 9999) {
        Some(next) => e.ends(next),
        None => e.append_property(Property::new("DURATION", "P1D")),
    };
    e.append_property(Property::new("TRANSP", "TRANSPARENT"));
    e
}

/// The events of one mission: per chain, its first day when that is after today, and
/// its last day, with alarms `warn_days` and 7 days before.
fn events(data: &Dataset, m: &Mission, s: &State, stamp: DateTime<Utc>) -> Vec<Event> {
    let about = about(m, s);
    let url = web_urls(m).next().and_then(uri);
    let finish = |e: &mut Event| {
        if let Some(u) = &url {
            e.url(u);
        }
        if let Some(k) = &m.kind {
            e.categories([k]);
        }
    };
    let mut out = Vec::new();
    for chain in state::chains(&m.mandates) {
        if chain.start > s.today {
            out.push(start_event(m, &chain, &about, stamp, &finish));
        }
        if let Some(end) = chain.end {
            let resolution = resolution_ending(m, &chain);
            let summary = match &resolution {
                Some(r) => format!("{} mandate expires (resolution {r})", m.short),
                None => format!("{} mandate expires", m.short),
            };
            let uid = format!("{}-expiry-{}@mandate", m.id, end.format("%Y%m%d"));
            let mut e = all_day(&uid, end, stamp);
            e.summary(&summary).description(&format!(
                "{} ({}): the last day of the mandate{}.\n{about}",
                m.name,
                m.short,
                resolution
                    .as_deref()
                    .map_or(String::new(), |r| format!(", resolution {r}"))
            ));
            // Clamped: a `Dataset` not read from a file may hold any number.
            let mut before = vec![data.warn_days.clamp(0, MAX_DAYS), LAST_WEEK];
            before.dedup();
            for n in before {
                let text = format!("{summary}: the last day, {}, is in {}", date(end), days(n));
                let mut a = Alarm::display(&text, Trigger::before_start(Duration::days(n)));
                // In days (the crate writes seconds); UID and DTSTAMP set here, or the
                // crate writes a random UID and the clock's DTSTAMP.
                a.append_property(Property::new("TRIGGER", format!("-P{n}D")))
                    .uid(&format!(
                        "{}-expiry-{}-alarm-{n}d@mandate",
                        m.id,
                        end.format("%Y%m%d")
                    ))
                    .timestamp(stamp);
                e.alarm(a);
            }
            finish(&mut e);
            out.push(e);
        }
    }
    out
}

fn start_event(
    m: &Mission,
    chain: &Chain,
    about: &str,
    stamp: DateTime<Utc>,
    finish: &dyn Fn(&mut Event),
) -> Event {
    let resolution = m
        .mandates
        .iter()
        .find(|p| p.start == chain.start && p.resolution.is_some())
        .and_then(|p| p.resolution.as_deref());
    let uid = format!("{}-start-{}@mandate", m.id, chain.start.format("%Y%m%d"));
    let mut e = all_day(&uid, chain.start, stamp);
    e.summary(&format!("{} mandate starts", m.short))
        .description(&format!(
            "{} ({}): the first day of the mandate{}.\n{about}",
            m.name,
            m.short,
            resolution.map_or(String::new(), |r| format!(", resolution {r}"))
        ));
    finish(&mut e);
    e
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character:
/// the first line holds 75 octets, each continuation a space and 74.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = 75;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
}

/// Refolds a piece of the crate's output onto `out`: its folding can leave a
/// continuation line of 76 octets. Its text escaping leaves no line break inside a value,
/// so every CRLF + space is a fold.
fn refold(ics: &str, out: &mut String) {
    let unfolded = ics.replace("\r\n ", "");
    for line in unfolded.split_terminator("\r\n") {
        fold(line, out);
    }
}

/// The calendar of `data` at `now`, with `DTSTAMP` `stamp` (the file's modification
/// time or `--now`; `None`: the latest date in the file), naming `file` in
/// `X-WR-CALDESC`. Written an event at a time: what it needs beyond the data is the
/// output and one mission's events, never the whole calendar as the crate's objects.
pub fn ics_text(
    data: &Dataset,
    now: DateTime<Utc>,
    stamp: Option<DateTime<Utc>>,
    file: &str,
) -> String {
    let stamp = self::stamp(data, stamp);
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            format!("-//mandate//mandate {}//EN", env!("CARGO_PKG_VERSION")),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new(
            "X-WR-CALNAME",
            data.title.as_deref().unwrap_or("mandate"),
        ))
        .append_property(Property::new(
            "X-WR-CALDESC",
            format!("Mandates read from {}", clean(file)),
        ));
    // The head: the calendar's text without its last line, END:VCALENDAR.
    let head = cal.to_string();
    let head = head
        .strip_suffix("END:VCALENDAR\r\n")
        .unwrap_or(head.as_str());
    let mut out = String::new();
    refold(head, &mut out);
    let mut piece = String::new();
    for (m, s) in data.missions.iter().zip(state::states(data, now)) {
        for e in events(data, m, &s, stamp) {
            piece.clear();
            // Writing to a String cannot fail.
            let _ = e.fmt_write(&mut piece);
            refold(&piece, &mut out);
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// What `--ics` needs besides the data.
pub struct Options {
    /// `DTSTAMP`: `--now` when given, else the file's modification time; `None` (the
    /// built-in copy): the latest date in the file.
    pub stamp: Option<DateTime<Utc>>,
    /// The file read, named in `X-WR-CALDESC`.
    pub file: String,
}

/// `mandate --ics`.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    Outcome::ok(ics_text(data, now, options.stamp, &options.file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        for n in [74, 75, 76, 149, 150, 151, 300] {
            for pad in ["a", "é", "老", "😀"] {
                let line: String = pad.repeat(n);
                let mut out = String::new();
                fold(&line, &mut out);
                for l in out.split_terminator("\r\n") {
                    assert!(l.len() <= 75, "{n} {pad}: {} octets", l.len());
                }
                assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
            }
        }
    }

    #[test]
    fn uris_need_a_scheme_and_are_percent_encoded() {
        assert_eq!(
            uri("https://a.org/x?y=1").as_deref(),
            Some("https://a.org/x?y=1")
        );
        assert_eq!(
            uri("https://a.org/a b\"é").as_deref(),
            Some("https://a.org/a%20b%22%C3%A9")
        );
        assert_eq!(uri("=cmd|' /C calc'!A0"), None);
        assert_eq!(uri("a b:c"), None);
        assert_eq!(uri(":x"), None);
    }
}
