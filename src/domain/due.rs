//! What needs attention: the one computation behind `--due` and `--nagios`. Pure: the
//! data, the states at an instant, and a window in days.

use chrono::{DateTime, NaiveDate, Utc};

use super::state::{self, Chain, Phase, State};
use super::{Dataset, Mission};

/// What is due about one mission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// The chain in force ends within the window: `days` is the days remaining (today and
    /// the last day count, so 1 on the last day), `on` the last day.
    Expires {
        on: NaiveDate,
        days: i64,
        resolution: Option<String>,
    },
    /// Pending: the first chain starts `days` days from today, on `on`.
    Starts { on: NaiveDate, days: i64 },
    /// Every chain has ended, the last `days_ago` days ago (1 the day after `on`).
    Expired { on: NaiveDate, days_ago: i64 },
    /// Every chain has ended, on `on`, and the file records no renewal and no end: the
    /// file needs updating. Always due, whatever the window.
    Unrecorded { on: NaiveDate, days_ago: i64 },
    /// Between chains: the previous one ended on `ended_on`, the next starts on
    /// `starts_on`. Always due, whatever the window.
    Lapsed {
        ended_on: NaiveDate,
        days_ago: i64,
        starts_on: NaiveDate,
        days_to_start: i64,
    },
}

/// One due item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// Index of the mission in `Dataset::missions`.
    pub index: usize,
    pub what: What,
    /// The instant it happens (or happened): the end of the chain, or its start.
    pub at: DateTime<Utc>,
}

impl What {
    /// Ties at the same instant: past first, then an expiry before a start (the MSS ends
    /// at the instant the GSF starts).
    fn rank(&self) -> u8 {
        match self {
            What::Lapsed { .. } => 0,
            What::Unrecorded { .. } => 1,
            What::Expired { .. } => 2,
            What::Expires { .. } => 3,
            What::Starts { .. } => 4,
        }
    }
}

/// The resolution that set a chain's last day: of the periods in the chain ending on
/// that day, the latest-starting one (of two, the later in the file), if it names one.
pub fn resolution_ending(mission: &Mission, chain: &Chain) -> Option<String> {
    let end = chain.end?;
    mission
        .mandates
        .iter()
        .enumerate()
        .filter(|(_, p)| p.end == Some(end) && p.start >= chain.start)
        .max_by_key(|(i, p)| (p.start, *i))
        .and_then(|(_, p)| p.resolution.clone())
}

/// What is due at the instant of `states` (one per mission, in file order, as
/// [`state::states`] gives them), soonest first: an expiry within `within` days (days
/// remaining at most `within`), a start within `within` days, an expiry within the last
/// `within` days, and every lapsed or unrecorded mission. At most one item per mission.
pub fn due(data: &Dataset, states: &[State], within: i64) -> Vec<Due> {
    let mut out: Vec<Due> = data
        .missions
        .iter()
        .zip(states)
        .enumerate()
        .filter_map(|(index, (m, s))| one(m, s, within).map(|(what, at)| Due { index, what, at }))
        .collect();
    out.sort_by_key(|d| (d.at, d.what.rank(), d.index));
    out
}

fn one(m: &Mission, s: &State, within: i64) -> Option<(What, DateTime<Utc>)> {
    let tz = m.timezone;
    let utc = |t: DateTime<chrono_tz::Tz>| t.with_timezone(&Utc);
    match s.phase {
        Phase::Active | Phase::Expiring => {
            let (on, days, at) = (s.expires_on?, s.days_remaining?, s.expires_at?);
            if days > within {
                return None;
            }
            let chains = state::chains(&m.mandates);
            let chain = chains.iter().find(|c| c.end == Some(on))?;
            let resolution = resolution_ending(m, chain);
            Some((
                What::Expires {
                    on,
                    days,
                    resolution,
                },
                utc(at),
            ))
        }
        Phase::Pending => {
            let (on, days, at) = (s.starts_on?, s.days_to_start?, s.starts_at?);
            (days <= within).then(|| (What::Starts { on, days }, utc(at)))
        }
        Phase::Lapsed => {
            let ended_on = state::chains(&m.mandates)
                .iter()
                .filter_map(|c| c.end)
                .filter(|e| *e < s.today)
                .max()?;
            Some((
                What::Lapsed {
                    ended_on,
                    days_ago: (s.today - ended_on).num_days(),
                    starts_on: s.starts_on?,
                    days_to_start: s.days_to_start?,
                },
                utc(state::end_instant(tz, ended_on)),
            ))
        }
        Phase::Unrecorded => {
            let on = s.expires_on?;
            Some((
                What::Unrecorded {
                    on,
                    days_ago: (s.today - on).num_days(),
                },
                utc(state::end_instant(tz, on)),
            ))
        }
        Phase::Expired => {
            let on = s.expires_on?;
            let days_ago = (s.today - on).num_days();
            (days_ago <= within).then(|| {
                (
                    What::Expired { on, days_ago },
                    utc(state::end_instant(tz, on)),
                )
            })
        }
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

    fn data(missions: &str) -> Dataset {
        parse(format!("warn_days = 30\n{missions}").as_bytes()).unwrap()
    }

    fn at(data: &Dataset, now: &str, within: i64) -> Vec<Due> {
        due(data, &state::states(data, utc(now)), within)
    }

    const SEED: &str = include_str!("../../data/mss-haiti.toml");

    #[test]
    fn the_seed_instant_mss_expires_and_gsf_starts_in_11_days() {
        let d = parse(SEED.as_bytes()).unwrap();
        let due = at(&d, "2025-09-22T12:00:00-04:00", 30);
        assert_eq!(due.len(), 2);
        assert_eq!(
            due[0].what,
            What::Expires {
                on: self::d("2025-10-02"),
                days: 11,
                resolution: Some("2751 (2024)".into())
            }
        );
        assert_eq!(due[0].index, 0);
        assert_eq!(
            due[1].what,
            What::Starts {
                on: self::d("2025-10-03"),
                days: 11
            }
        );
        // the MSS ends at the instant the GSF starts: the expiry is listed first
        assert_eq!(due[0].at, due[1].at);
        assert!(at(&d, "2025-09-22T12:00:00-04:00", 10).is_empty());
    }

    #[test]
    fn expired_within_the_window_then_not() {
        let d = data("[[mission]]\nid = \"a\"\nname = \"A\"\n[[mission.mandate]]\nstart = 2026-01-01\nend = 2026-03-31\nfinal = true\n");
        let due = at(&d, "2026-04-03T12:00:00Z", 30);
        assert_eq!(
            due[0].what,
            What::Expired {
                on: self::d("2026-03-31"),
                days_ago: 3
            }
        );
        assert_eq!(at(&d, "2026-04-01T00:00:00Z", 0).len(), 0);
        assert_eq!(at(&d, "2026-05-01T12:00:00Z", 30).len(), 0);
        assert_eq!(at(&d, "2026-04-30T12:00:00Z", 30).len(), 1);
    }

    #[test]
    fn unrecorded_is_always_due_and_expired_is_not_beyond_the_window() {
        let d = data(concat!(
            "[[mission]]\nid = \"u\"\nname = \"U\"\n[[mission.mandate]]\nstart = 2025-03-18\nend = 2026-03-17\n",
            "[[mission]]\nid = \"x\"\nname = \"X\"\nclosed = 2026-01-31\n[[mission.mandate]]\nstart = 2025-01-01\nend = 2026-01-31\n",
        ));
        let due = at(&d, "2026-12-02T12:00:00Z", 30);
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].index, 0);
        assert_eq!(
            due[0].what,
            What::Unrecorded {
                on: self::d("2026-03-17"),
                days_ago: 260
            }
        );
        assert_eq!(at(&d, "2026-12-02T12:00:00Z", 0).len(), 1);
    }

    #[test]
    fn lapsed_is_always_due_and_past_items_come_first() {
        let d = data(concat!(
            "[[mission]]\nid = \"soon\"\nname = \"S\"\n[[mission.mandate]]\nstart = 2026-01-01\nend = 2026-04-10\n",
            "[[mission]]\nid = \"gap\"\nname = \"G\"\n[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-12-31\n",
            "[[mission.mandate]]\nstart = 2027-01-01\nend = 2027-12-31\n",
        ));
        let due = at(&d, "2026-04-01T12:00:00Z", 0);
        assert_eq!(due.len(), 1);
        let due = at(&d, "2026-04-01T12:00:00Z", 30);
        assert_eq!(due.len(), 2);
        assert_eq!(due[0].index, 1);
        assert_eq!(
            due[0].what,
            What::Lapsed {
                ended_on: self::d("2025-12-31"),
                days_ago: 91,
                starts_on: self::d("2027-01-01"),
                days_to_start: 275
            }
        );
        assert!(matches!(
            due[1].what,
            What::Expires {
                days: 10,
                resolution: None,
                ..
            }
        ));
    }

    #[test]
    fn open_ended_is_never_due_and_the_last_day_counts_one() {
        let d = data(concat!(
            "[[mission]]\nid = \"o\"\nname = \"O\"\n[[mission.mandate]]\nstart = 2020-01-01\n",
            "[[mission]]\nid = \"l\"\nname = \"L\"\n[[mission.mandate]]\nstart = 2020-01-01\nend = 2026-04-01\n",
        ));
        let due = at(&d, "2026-04-01T23:00:00Z", 0);
        assert_eq!(due.len(), 0);
        let due = at(&d, "2026-04-01T23:00:00Z", 1);
        assert_eq!(due.len(), 1);
        assert!(matches!(due[0].what, What::Expires { days: 1, .. }));
    }

    #[test]
    fn the_resolution_is_of_the_period_that_set_the_last_day() {
        let d = data(concat!(
            "[[mission]]\nid = \"m\"\nname = \"M\"\n",
            "[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-12-31\nresolution = \"1 (2025)\"\n",
            "[[mission.mandate]]\nstart = 2025-06-01\nend = 2026-01-31\nresolution = \"2 (2025)\"\n",
            "[[mission.mandate]]\nstart = 2025-07-01\nend = 2025-08-31\nresolution = \"3 (2025)\"\n",
        ));
        let chains = state::chains(&d.missions[0].mandates);
        assert_eq!(
            resolution_ending(&d.missions[0], &chains[0]).as_deref(),
            Some("2 (2025)")
        );
    }
}
