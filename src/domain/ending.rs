//! Whether the file records how a mission's mandate ended. When every chain has ended,
//! the mission is expired if its end is recorded, and unrecorded if not: the file then
//! shows no renewal and no end, which almost always means it is out of date.

use chrono::NaiveDate;

use super::Mission;

/// The period that decides whether the mandate ended for good: of the periods ending
/// last, the later in the file (`None` when some period is open-ended, or there is none).
pub fn last_period(mission: &Mission) -> Option<usize> {
    if mission.mandates.iter().any(|p| p.end.is_none()) {
        return None;
    }
    mission
        .mandates
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (p.end, *i))
        .map(|(i, _)| i)
}

/// Whether the end of `mission`'s mandate is recorded on `today` (today in the mission's
/// zone), in one of three ways: its last period is `final = true`; its successor has
/// started (`successor`, from the caller: the successor's earliest period start, and today
/// in the successor's zone); or its `closed` date is on or before today. Meaningful once
/// every chain has ended.
pub fn recorded(
    mission: &Mission,
    successor: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
) -> bool {
    let final_ = last_period(mission).is_some_and(|i| mission.mandates[i].final_);
    let succeeded = successor.is_some_and(|(start, its_today)| start <= its_today);
    let closed = mission.closed.is_some_and(|c| c <= today);
    final_ || succeeded || closed
}

#[cfg(test)]
mod tests {
    use crate::domain::state::{state, Phase, State};
    use crate::domain::Dataset;
    use crate::source::parse;
    use chrono::{DateTime, Utc};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn data(src: &str) -> Dataset {
        parse(src.as_bytes()).expect("a valid file")
    }

    /// The state of the file's first mission at `now`.
    fn first(d: &Dataset, now: &str) -> State {
        let m = &d.missions[0];
        state(m, d.successor(m), 30, 90, utc(now))
    }

    const ENDED: &str = "[[mission]]\nid = \"a\"\nname = \"A\"\n[[mission.mandate]]\nstart = 2025-03-18\nend = 2026-03-17\n";

    #[test]
    fn no_recorded_end_is_unrecorded_with_the_numbers_of_an_expired_one() {
        let d = data(ENDED);
        let s = first(&d, "2026-03-17T23:59:59Z");
        assert_eq!((s.phase, s.days_remaining), (Phase::Expiring, Some(1)));
        let s = first(&d, "2026-03-18T00:00:00Z");
        assert_eq!(s.phase, Phase::Unrecorded);
        assert_eq!(s.expires_on, Some("2026-03-17".parse().unwrap()));
        assert_eq!(
            s.expires_at.unwrap().to_rfc3339(),
            "2026-03-18T00:00:00+00:00"
        );
        assert_eq!((s.days_remaining, s.seconds_remaining), (Some(0), Some(0)));
        assert_eq!(s.current_period, None);
    }

    #[test]
    fn a_final_last_period_records_the_end() {
        let d = data(&format!("{ENDED}final = true\n"));
        assert_eq!(first(&d, "2026-12-02T12:00:00Z").phase, Phase::Expired);
    }

    #[test]
    fn the_last_period_decides_not_an_earlier_final_one() {
        // Announced as final, then renewed after all: the renewal is what ended last.
        let d = data(concat!(
            "[[mission]]\nid = \"a\"\nname = \"A\"\n",
            "[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-06-30\nfinal = true\n",
            "[[mission.mandate]]\nstart = 2025-07-01\nend = 2025-12-31\n",
        ));
        assert_eq!(first(&d, "2026-01-01T00:00:00Z").phase, Phase::Unrecorded);
        // of two periods ending the same day, the later in the file decides
        let d = data(concat!(
            "[[mission]]\nid = \"a\"\nname = \"A\"\n",
            "[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-12-31\n",
            "[[mission.mandate]]\nstart = 2025-07-01\nend = 2025-12-31\nfinal = true\n",
        ));
        assert_eq!(first(&d, "2026-01-01T00:00:00Z").phase, Phase::Expired);
        let d = data(concat!(
            "[[mission]]\nid = \"a\"\nname = \"A\"\n",
            "[[mission.mandate]]\nstart = 2025-07-01\nend = 2025-12-31\nfinal = true\n",
            "[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-12-31\n",
        ));
        assert_eq!(first(&d, "2026-01-01T00:00:00Z").phase, Phase::Unrecorded);
    }

    #[test]
    fn a_successor_records_the_end_once_it_has_started_in_its_own_zone() {
        let d = data(concat!(
            "[[mission]]\nid = \"a\"\nname = \"A\"\nsuccessor = \"b\"\n",
            "[[mission.mandate]]\nstart = 2025-03-18\nend = 2026-03-17\n",
            "[[mission]]\nid = \"b\"\nname = \"B\"\ntimezone = \"Pacific/Kiritimati\"\n",
            "[[mission.mandate]]\nstart = 2026-06-01\nend = 2027-05-31\n",
        ));
        // ended, the successor not started yet: unrecorded until it starts
        assert_eq!(first(&d, "2026-04-01T00:00:00Z").phase, Phase::Unrecorded);
        // 1 Jun 2026 begins at 2026-05-31T10:00Z in Kiritimati (UTC+14)
        assert_eq!(first(&d, "2026-05-31T09:59:59Z").phase, Phase::Unrecorded);
        assert_eq!(first(&d, "2026-05-31T10:00:00Z").phase, Phase::Expired);
    }

    #[test]
    fn closed_records_the_end_from_its_day_on() {
        let d = data(&ENDED.replace("name = \"A\"\n", "name = \"A\"\nclosed = 2026-03-10\n"));
        assert_eq!(first(&d, "2026-03-18T00:00:00Z").phase, Phase::Expired);
        // `closed` in the future: unrecorded until that day
        let d = data(&ENDED.replace("name = \"A\"\n", "name = \"A\"\nclosed = 2026-05-01\n"));
        let s = first(&d, "2026-04-30T23:59:59Z");
        assert_eq!((s.phase, s.days_remaining), (Phase::Unrecorded, Some(0)));
        assert_eq!(first(&d, "2026-05-01T00:00:00Z").phase, Phase::Expired);
        // `closed` changes nothing while a period is in force
        assert_eq!(first(&d, "2026-03-01T00:00:00Z").phase, Phase::Expiring);
    }
}
