//! The state model: what a mission's mandate and strength look like at an instant.
//!
//! Everything here is a pure function of the data and `now`.

use std::collections::HashMap;

use super::ending;
use super::strength::{strength, StrengthState};
use super::{Category, Dataset, Mission, Period};
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

pub use super::strength::Warning;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Active,
    Expiring,
    Pending,
    Lapsed,
    /// Every chain has ended and the file records no end: no final period, no successor
    /// that has started, no `closed` date reached.
    Unrecorded,
    Expired,
}

impl Phase {
    /// As machines read it (JSON, CSV, metrics): "active", "expiring"...
    pub fn key(self) -> &'static str {
        match self {
            Phase::Active => "active",
            Phase::Expiring => "expiring",
            Phase::Pending => "pending",
            Phase::Lapsed => "lapsed",
            Phase::Unrecorded => "unrecorded",
            Phase::Expired => "expired",
        }
    }

    /// As the dashboard shows it: "ACTIVE", "EXPIRING"...
    pub fn word(self) -> &'static str {
        match self {
            Phase::Active => "ACTIVE",
            Phase::Expiring => "EXPIRING",
            Phase::Pending => "PENDING",
            Phase::Lapsed => "LAPSED",
            Phase::Unrecorded => "UNRECORDED",
            Phase::Expired => "EXPIRED",
        }
    }

    /// The mark the dashboard's badge adds to the word, so that a phase that needs the
    /// user's action reads without colour: "?" for unrecorded.
    pub fn glyph(self) -> Option<&'static str> {
        match self {
            Phase::Unrecorded => Some("?"),
            _ => None,
        }
    }

    pub const ALL: [Phase; 6] = [
        Phase::Active,
        Phase::Expiring,
        Phase::Pending,
        Phase::Lapsed,
        Phase::Unrecorded,
        Phase::Expired,
    ];
}

/// A run of periods that follow or overlap one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    pub start: NaiveDate,
    /// Last day; `None` is open-ended.
    pub end: Option<NaiveDate>,
}

/// A mission's state at one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub id: String,
    pub phase: Phase,
    pub today: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub expires_at: Option<DateTime<Tz>>,
    pub days_remaining: Option<i64>,
    pub seconds_remaining: Option<i64>,
    pub starts_on: Option<NaiveDate>,
    pub starts_at: Option<DateTime<Tz>>,
    pub days_to_start: Option<i64>,
    /// The total ceiling in force today, if any.
    pub authorized: Option<i64>,
    /// The ceiling in force by category, when it is set by category.
    pub authorized_by_category: Option<Vec<(Category, i64)>>,
    /// The resolution of the period that set the ceiling in force (`None` when the
    /// ceiling comes from `[mission.strength]`, or there is none).
    pub ceiling_resolution: Option<String>,
    /// Index into `mission.mandates` of the period whose ceiling is in force.
    pub ceiling_period: Option<usize>,
    pub deployed: Option<i64>,
    pub deployed_by_category: Option<Vec<(Category, i64)>>,
    pub deployed_as_of: Option<NaiveDate>,
    pub deployment_ratio: Option<f64>,
    /// Per category, where both the ceiling and the figure have it (and the ceiling is
    /// above 0).
    pub deployment_ratio_by_category: Option<Vec<(Category, f64)>>,
    /// Index into `mission.mandates` of the period in force, if any.
    pub current_period: Option<usize>,
    pub mandate_elapsed_ratio: Option<f64>,
    pub stale: bool,
    pub warnings: Vec<Warning>,
}

/// The first instant of the calendar mandate computes for: 0001-01-01T00:00:00Z.
pub const EARLIEST: DateTime<Utc> = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d.and_time(NaiveTime::MIN).and_utc(),
    None => DateTime::<Utc>::MIN_UTC,
};

/// The last: 9999-12-31T23:59:59Z. `--now` and time travel stay within these, so no
/// date computed from the clock can leave chrono's range.
pub const LATEST: DateTime<Utc> = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => match d.and_hms_opt(23, 59, 59) {
        Some(t) => t.and_utc(),
        None => DateTime::<Utc>::MAX_UTC,
    },
    None => DateTime::<Utc>::MAX_UTC,
};

/// The first instant of day `d` in `tz`. Where a DST change skips midnight, the first
/// instant that exists that day; where midnight happens twice, the earlier.
pub fn day_start(tz: Tz, d: NaiveDate) -> DateTime<Tz> {
    let midnight = d.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) => t,
        LocalResult::Ambiguous(a, b) => a.min(b),
        LocalResult::None => {
            // Midnight falls in a gap: find the transition, the first instant whose local
            // time is at or after midnight. Offsets stay within a day, so search that window.
            let guess = midnight.and_utc().timestamp();
            let (mut lo, mut hi) = (guess - 30 * 3600, guess + 30 * 3600);
            let local =
                |t: i64| DateTime::from_timestamp(t, 0).map(|u| u.with_timezone(&tz).naive_local());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if local(mid).is_none_or(|l| l >= midnight) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            match DateTime::from_timestamp(hi, 0) {
                Some(t) => t.with_timezone(&tz),
                None => midnight.and_utc().with_timezone(&tz),
            }
        }
    }
}

/// The instant a period whose last day is `last` ends: the start of the next day.
pub fn end_instant(tz: Tz, last: NaiveDate) -> DateTime<Tz> {
    match last.succ_opt() {
        Some(next) => day_start(tz, next),
        None => day_start(tz, last) + Duration::days(1),
    }
}

/// Today, as a calendar date in `tz`. At the very ends of chrono's range, where the
/// local date cannot be represented, the UTC date (rather than a panic).
pub fn today(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    use chrono::Offset;
    let utc = now.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).unwrap_or(utc).date()
}

/// Merges periods into chains: sorted by start, a period starting on or before the day
/// after a chain's last day extends it; one without an end makes its chain open-ended.
pub fn chains(periods: &[Period]) -> Vec<Chain> {
    let mut sorted: Vec<&Period> = periods.iter().collect();
    sorted.sort_by_key(|p| p.start);
    let mut out: Vec<Chain> = Vec::new();
    for p in sorted {
        if let Some(last) = out.last_mut() {
            let joins = match last.end {
                None => true,
                Some(e) => e.succ_opt().is_none_or(|next| p.start <= next),
            };
            if joins {
                last.end = match (last.end, p.end) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                continue;
            }
        }
        out.push(Chain {
            start: p.start,
            end: p.end,
        });
    }
    out
}

/// A mission's state at `now`. `successor` is the mission it names as its successor (see
/// [`Dataset::successor`]): once every chain has ended, whether it has started is one of
/// the ways the end is recorded ([`ending::recorded`]).
pub fn state(
    mission: &Mission,
    successor: Option<&Mission>,
    warn_days: i64,
    stale_days: i64,
    now: DateTime<Utc>,
) -> State {
    let tz = mission.timezone;
    let today = today(tz, now);
    let chains = chains(&mission.mandates);
    let contains = |c: &Chain| c.start <= today && c.end.is_none_or(|e| today <= e);
    let current = chains.iter().find(|c| contains(c));
    let next = chains.iter().find(|c| c.start > today);
    let ended_before = chains.iter().any(|c| c.end.is_some_and(|e| e < today));

    let StrengthState {
        authorized,
        authorized_by_category,
        ceiling_resolution,
        ceiling_period,
        deployed,
        deployed_by_category,
        deployed_as_of,
        deployment_ratio,
        deployment_ratio_by_category,
        stale,
        warnings,
    } = strength(mission, stale_days, today);
    let mut s = State {
        id: mission.id.clone(),
        phase: Phase::Expired,
        today,
        expires_on: None,
        expires_at: None,
        days_remaining: None,
        seconds_remaining: None,
        starts_on: None,
        starts_at: None,
        days_to_start: None,
        authorized,
        authorized_by_category,
        ceiling_resolution,
        ceiling_period,
        deployed,
        deployed_by_category,
        deployed_as_of,
        deployment_ratio,
        deployment_ratio_by_category,
        current_period: None,
        mandate_elapsed_ratio: None,
        stale,
        warnings,
    };

    let shown = if let Some(c) = current {
        match c.end {
            None => s.phase = Phase::Active,
            Some(end) => {
                let days = (end - today).num_days() + 1;
                let at = end_instant(tz, end);
                s.days_remaining = Some(days);
                s.seconds_remaining = Some((at.with_timezone(&Utc) - now).num_seconds().max(0));
                s.phase = if days <= warn_days {
                    Phase::Expiring
                } else {
                    Phase::Active
                };
            }
        }
        Some(c)
    } else if let Some(n) = next {
        s.phase = if ended_before {
            Phase::Lapsed
        } else {
            Phase::Pending
        };
        s.starts_on = Some(n.start);
        s.starts_at = Some(day_start(tz, n.start));
        s.days_to_start = Some((n.start - today).num_days());
        Some(n)
    } else {
        let started = successor.and_then(|o| {
            let start = o.mandates.iter().map(|p| p.start).min()?;
            Some((start, self::today(o.timezone, now)))
        });
        s.phase = if ending::recorded(mission, started, today) {
            Phase::Expired
        } else {
            Phase::Unrecorded
        };
        s.days_remaining = Some(0);
        s.seconds_remaining = Some(0);
        chains.last()
    };
    if let Some(c) = shown {
        s.expires_on = c.end;
        s.expires_at = c.end.map(|e| end_instant(tz, e));
    }

    // The period in force: the latest-starting one containing today.
    if current.is_some() {
        let period = mission
            .mandates
            .iter()
            .enumerate()
            .filter(|(_, p)| p.start <= today && p.end.is_none_or(|e| today <= e))
            .max_by_key(|(_, p)| p.start);
        if let Some((i, p)) = period {
            s.current_period = Some(i);
            if let Some(end) = p.end {
                let from = day_start(tz, p.start).with_timezone(&Utc);
                let to = end_instant(tz, end).with_timezone(&Utc);
                let total = (to - from).num_milliseconds() as f64;
                let done = (now - from).num_milliseconds() as f64;
                if total > 0.0 {
                    s.mandate_elapsed_ratio = Some((done / total).clamp(0.0, 1.0));
                }
            }
        }
    }
    s
}

/// The state at `now` of `mission`, one of `data`'s missions.
pub fn state_in(data: &Dataset, mission: &Mission, now: DateTime<Utc>) -> State {
    let successor = data.successor(mission);
    state(mission, successor, data.warn_days, data.stale_days, now)
}

/// Each mission's successor in the file (see [`Dataset::successor`]), in file order,
/// found in one pass for the whole file.
pub fn successors(data: &Dataset) -> Vec<Option<&Mission>> {
    let named = data.missions.iter().any(|m| m.successor.is_some());
    let by_id: HashMap<&str, &Mission> = if named {
        data.missions.iter().map(|m| (m.id.as_str(), m)).collect()
    } else {
        HashMap::new()
    };
    data.missions
        .iter()
        .map(|m| m.successor.as_deref().and_then(|id| by_id.get(id).copied()))
        .collect()
}

/// Every mission's state at `now`, in file order.
pub fn states(data: &Dataset, now: DateTime<Utc>) -> Vec<State> {
    data.missions
        .iter()
        .zip(successors(data))
        .map(|(m, successor)| state(m, successor, data.warn_days, data.stale_days, now))
        .collect()
}

/// Sort key for "soonest expiry first": the instant the shown chain ends, or starts for
/// missions not yet in force; then open-ended missions, then unrecorded ones (the file
/// needs updating), then expired ones, the latest ended first in each.
pub fn urgency(s: &State) -> (u8, i64) {
    match s.phase {
        Phase::Active | Phase::Expiring => match s.expires_at {
            Some(t) => (0, t.timestamp()),
            None => (2, 0),
        },
        Phase::Pending | Phase::Lapsed => (1, s.starts_at.map_or(0, |t| t.timestamp())),
        Phase::Unrecorded => (3, -s.expires_at.map_or(0, |t| t.timestamp())),
        Phase::Expired => (4, -s.expires_at.map_or(0, |t| t.timestamp())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A one-mission file with the given periods (TOML lines) and zone; the last one is
    /// `final = true`, so that a mission whose periods have all ended is expired (the
    /// other ways to end are tested in `ending`).
    fn mission(tz: &str, periods: &[(&str, Option<&str>)]) -> Mission {
        let mut src = format!(
            "[[mission]]\nid = \"m\"\nname = \"M\"\ntimezone = \"{tz}\"\n[mission.strength]\nauthorized = 2500\ndeployed = 1000\nas_of = 2025-09-01\n"
        );
        for (s, e) in periods {
            src.push_str(&format!("[[mission.mandate]]\nstart = {s}\n"));
            if let Some(e) = e {
                src.push_str(&format!("end = {e}\n"));
            }
        }
        src.push_str("final = true\n");
        parse(src.as_bytes()).unwrap().missions.remove(0)
    }

    fn at(m: &Mission, now: &str) -> State {
        state(m, None, 30, 90, utc(now))
    }

    #[test]
    fn seed_case_mss_on_22_september_2025() {
        let m = mission(
            "America/New_York",
            &[
                ("2023-10-02", Some("2024-10-02")),
                ("2024-10-03", Some("2025-10-02")),
            ],
        );
        let s = at(&m, "2025-09-22T12:00:00-04:00");
        assert_eq!(s.phase, Phase::Expiring);
        assert_eq!(s.days_remaining, Some(11));
        assert_eq!(s.seconds_remaining, Some(907_200));
        assert_eq!(s.expires_on, Some(d("2025-10-02")));
        assert_eq!(
            s.expires_at.unwrap().to_rfc3339(),
            "2025-10-03T00:00:00-04:00"
        );
        assert_eq!(s.deployment_ratio, Some(0.4));
        assert_eq!(s.current_period, Some(1));
    }

    #[test]
    fn renewal_chain_and_overlap_merge() {
        let periods = [
            ("2020-01-01", Some("2020-12-31")),
            ("2021-01-01", Some("2021-06-30")),
            ("2021-06-01", Some("2021-12-31")),
        ];
        let c = chains(&mission("UTC", &periods).mandates);
        assert_eq!(
            c,
            vec![Chain {
                start: d("2020-01-01"),
                end: Some(d("2021-12-31"))
            }]
        );
        let s = at(&mission("UTC", &periods), "2020-06-01T00:00:00Z");
        assert_eq!(s.phase, Phase::Active);
        assert_eq!(s.expires_on, Some(d("2021-12-31")));
        assert_eq!(s.current_period, Some(0));
        // inside the overlap the latest-starting period is in force
        let s = at(&mission("UTC", &periods), "2021-06-15T00:00:00Z");
        assert_eq!(s.current_period, Some(2));
    }

    #[test]
    fn gap_is_lapsed_then_active() {
        let m = mission(
            "UTC",
            &[
                ("2020-01-01", Some("2020-12-31")),
                ("2021-02-01", Some("2021-12-31")),
            ],
        );
        let s = at(&m, "2021-01-10T08:00:00Z");
        assert_eq!(s.phase, Phase::Lapsed);
        assert_eq!(s.starts_on, Some(d("2021-02-01")));
        assert_eq!(s.days_to_start, Some(22));
        assert_eq!(s.expires_on, Some(d("2021-12-31")));
        assert_eq!(s.days_remaining, None);
        assert_eq!(s.seconds_remaining, None);
        assert_eq!(s.mandate_elapsed_ratio, None);
    }

    #[test]
    fn pending_before_the_first_period() {
        let m = mission("UTC", &[("2030-01-01", Some("2030-12-31"))]);
        let s = at(&m, "2029-12-31T23:59:59Z");
        assert_eq!(s.phase, Phase::Pending);
        assert_eq!(s.days_to_start, Some(1));
        assert_eq!(
            s.starts_at.unwrap().to_rfc3339(),
            "2030-01-01T00:00:00+00:00"
        );
        assert_eq!(s.deployed, Some(1000));
    }

    #[test]
    fn expired_after_the_last_period() {
        let m = mission("UTC", &[("2020-01-01", Some("2020-12-31"))]);
        let s = at(&m, "2021-01-01T00:00:00Z");
        assert_eq!(s.phase, Phase::Expired);
        assert_eq!(s.days_remaining, Some(0));
        assert_eq!(s.seconds_remaining, Some(0));
        assert_eq!(s.expires_on, Some(d("2020-12-31")));
    }

    #[test]
    fn open_ended_is_active_without_a_count() {
        let m = mission("Europe/Belgrade", &[("1999-06-10", None)]);
        let s = at(&m, "2026-01-01T00:00:00Z");
        assert_eq!(s.phase, Phase::Active);
        assert_eq!(s.expires_on, None);
        assert_eq!(s.expires_at, None);
        assert_eq!(s.days_remaining, None);
        assert_eq!(s.seconds_remaining, None);
        assert_eq!(s.mandate_elapsed_ratio, None);
    }

    #[test]
    fn last_day_counts_as_one_and_the_phase_flips_at_midnight() {
        let m = mission("UTC", &[("2020-01-01", Some("2020-12-31"))]);
        let s = at(&m, "2020-12-31T23:59:59Z");
        assert_eq!(
            (s.phase, s.days_remaining, s.seconds_remaining),
            (Phase::Expiring, Some(1), Some(1))
        );
        let s = at(&m, "2021-01-01T00:00:00Z");
        assert_eq!(s.phase, Phase::Expired);
    }

    #[test]
    fn leap_day_counts() {
        let m = mission("UTC", &[("2024-01-01", Some("2024-03-01"))]);
        let s = at(&m, "2024-02-28T00:00:00Z");
        assert_eq!(s.days_remaining, Some(3)); // 28 Feb, 29 Feb, 1 Mar
        assert_eq!(s.seconds_remaining, Some(3 * 86_400));
    }

    #[test]
    fn dst_change_inside_the_countdown_new_york() {
        // Clocks go back on 2 Nov 2025: that day has 25 hours.
        let m = mission("America/New_York", &[("2025-01-01", Some("2025-11-03"))]);
        let s = at(&m, "2025-11-01T00:00:00-04:00");
        assert_eq!(s.days_remaining, Some(3));
        assert_eq!(s.seconds_remaining, Some(3 * 86_400 + 3_600));
        assert_eq!(
            s.expires_at.unwrap().to_rfc3339(),
            "2025-11-04T00:00:00-05:00"
        );
    }

    #[test]
    fn santiago_midnight_that_does_not_exist() {
        // On 7 Sep 2025 Chile's clocks jump from 00:00 to 01:00: the day starts at 01:00 -03.
        let tz: Tz = "America/Santiago".parse().unwrap();
        let start = day_start(tz, d("2025-09-07"));
        assert_eq!(start.to_rfc3339(), "2025-09-07T01:00:00-03:00");
        let m = mission("America/Santiago", &[("2025-01-01", Some("2025-09-06"))]);
        let s = at(&m, "2025-09-06T23:00:00-04:00");
        assert_eq!(s.seconds_remaining, Some(3_600));
        assert_eq!(
            at(&m, "2025-09-06T23:59:59-04:00").seconds_remaining,
            Some(1)
        );
        assert_eq!(at(&m, "2025-09-07T01:00:00-03:00").phase, Phase::Expired);
    }

    #[test]
    fn kiritimati_far_from_utc() {
        // UTC+14: at 2025-09-30T12:00Z it is already 1 Oct there.
        let m = mission("Pacific/Kiritimati", &[("2025-01-01", Some("2025-09-30"))]);
        let s = at(&m, "2025-09-30T09:59:59Z");
        assert_eq!(
            (s.phase, s.days_remaining, s.seconds_remaining),
            (Phase::Expiring, Some(1), Some(1))
        );
        assert_eq!(at(&m, "2025-09-30T10:00:00Z").phase, Phase::Expired);
    }

    #[test]
    fn no_panic_at_the_ends_of_time() {
        // The local date of DateTime::MAX_UTC in a zone east of UTC does not exist.
        let m = mission(
            "Pacific/Kiritimati",
            &[("0001-01-01", Some("9999-12-31")), ("9999-12-31", None)],
        );
        let s = state(&m, None, 30, 90, DateTime::<Utc>::MAX_UTC);
        assert_eq!(s.phase, Phase::Active);
        assert_eq!(s.today, DateTime::<Utc>::MAX_UTC.date_naive());
        let m = mission("Pacific/Pago_Pago", &[("0001-01-01", Some("9999-12-31"))]);
        let s = state(&m, None, 30, 90, DateTime::<Utc>::MIN_UTC);
        assert_eq!(s.phase, Phase::Pending);
        let s = state(&m, None, 30, 90, DateTime::<Utc>::MAX_UTC);
        assert_eq!((s.phase, s.days_remaining), (Phase::Expired, Some(0)));
    }

    #[test]
    fn elapsed_ratio_and_staleness() {
        let m = mission("UTC", &[("2025-01-01", Some("2025-01-10"))]);
        let s = at(&m, "2025-01-03T12:00:00Z");
        assert_eq!(s.mandate_elapsed_ratio, Some(0.25));
        // the figure is dated 2025-09-01, after today: a warning, and no deployed figure yet
        assert_eq!(s.deployed, None);
        assert!(s.warnings[0].message.contains("after today"));
        // 2025-09-01 to 2025-11-30 is 90 days: not yet stale; a day later it is
        assert!(!at(&m, "2025-11-30T00:00:00Z").stale);
        let s = at(&m, "2025-12-01T00:00:00Z");
        assert!(s.stale);
        assert!(s.warnings.iter().any(|w| w.message.contains("91 days old")));
    }
}
