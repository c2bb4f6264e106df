//! `mandate --due`: what needs attention, one line each, for cron (which mails only
//! when a job prints something): nothing and exit 0 when nothing is due, exit 3 when
//! something is.

use chrono::{DateTime, Utc};

use super::Outcome;
use crate::domain::due::{self, Due, What};
use crate::domain::format::{date, days};
use crate::domain::{state, Dataset, Mission};

/// The exit code when something is due.
pub const DUE: i32 = 3;

/// What is due in `data` at `now` within `within` days (default: the file's
/// `warn_days`), soonest first.
pub(super) fn items(data: &Dataset, now: DateTime<Utc>, within: i64) -> Vec<Due> {
    due::due(data, &state::states(data, now), within)
}

/// "expires in 11 days": what happens, without the dates.
pub(super) fn event(what: &What) -> String {
    match what {
        What::Expires { days: n, .. } => format!("expires in {}", days(*n)),
        What::Starts { days: n, .. } => format!("starts in {}", days(*n)),
        What::Expired { days_ago, .. } => format!("expired {} ago", days(*days_ago)),
        What::Lapsed { days_ago, .. } => format!("lapsed: expired {} ago", days(*days_ago)),
        What::Unrecorded { on, .. } => format!(
            "unrecorded: ended {}, no renewal or closure recorded",
            date(*on)
        ),
    }
}

/// "MSS  expires in 11 days (2 Oct 2025, resolution 2751 (2024))"; "UNAMA  unrecorded:
/// ended 17 Mar 2026, no renewal or closure recorded".
pub(super) fn line(m: &Mission, what: &What) -> String {
    let detail = match what {
        What::Unrecorded { .. } => return format!("{}  {}", m.short, event(what)),
        What::Expires {
            on,
            resolution: Some(r),
            ..
        } => format!("({}, resolution {r})", date(*on)),
        What::Expires { on, .. } | What::Starts { on, .. } | What::Expired { on, .. } => {
            format!("({})", date(*on))
        }
        What::Lapsed {
            ended_on,
            starts_on,
            days_to_start,
            ..
        } => format!(
            "({}), starts again in {} ({})",
            date(*ended_on),
            days(*days_to_start),
            date(*starts_on)
        ),
    };
    format!("{}  {} {detail}", m.short, event(what))
}

/// What `--due` needs besides the data.
pub struct Options {
    /// `--within`: days ahead (and back, for expiries) that count as due; `None`: the
    /// file's `warn_days`.
    pub within: Option<i64>,
}

/// `mandate --due`.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    let items = items(data, now, options.within.unwrap_or(data.warn_days));
    let stdout: String = items
        .iter()
        .map(|d| line(&data.missions[d.index], &d.what) + "\n")
        .collect();
    Outcome {
        stdout,
        stderr: String::new(),
        code: if items.is_empty() { 0 } else { DUE },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{at, builtin};

    #[test]
    fn the_seed_instant_in_the_issue_s_words() {
        let now = at("2025-09-22T12:00:00-04:00");
        let o = report(&builtin(), now, &Options { within: None });
        assert_eq!(
            o.stdout,
            "MSS  expires in 11 days (2 Oct 2025, resolution 2751 (2024))\nGSF  starts in 11 days (3 Oct 2025)\n"
        );
        assert_eq!(o.code, DUE);
        let o = report(&builtin(), now, &Options { within: Some(10) });
        assert_eq!((o.stdout.as_str(), o.code), ("", 0));
    }

    #[test]
    fn expired_and_lapsed_lines() {
        let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let m = crate::source::parse(b"[[mission]]\nid = \"unmha\"\nname = \"U\"\nshort = \"UNMHA\"\n[[mission.mandate]]\nstart = 2025-01-01\n")
            .unwrap()
            .missions
            .remove(0);
        assert_eq!(
            line(&m, &What::Expired { on, days_ago: 3 }),
            "UNMHA  expired 3 days ago (31 Mar 2026)"
        );
        let lapsed = What::Lapsed {
            ended_on: on,
            days_ago: 1,
            starts_on: on + chrono::Days::new(10),
            days_to_start: 9,
        };
        assert_eq!(
            line(&m, &lapsed),
            "UNMHA  lapsed: expired 1 day ago (31 Mar 2026), starts again in 9 days (10 Apr 2026)"
        );
    }
}
