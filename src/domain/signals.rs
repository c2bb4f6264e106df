//! The signals of a hard renewal, read from the file alone: the last votes and who
//! abstained, the lengths of the last periods, a final extension, ceiling changes, a
//! successor, lapses and open requirements. A signal the file does not support is left
//! out, never guessed. Shared by `--brief` and the Mandate panel.

use chrono::{Datelike, NaiveDate};

use super::format::{date, thousands};
use super::state::chains;
use super::{Mission, Period};

/// How many of the last resolutions' votes, and of the last periods' lengths, are read.
pub const LAST: usize = 3;

/// One resolution's vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteSignal {
    pub resolution: Option<String>,
    pub adopted: Option<NaiveDate>,
    /// As the file writes it: "12-0-3", "unanimous".
    pub vote: String,
    /// The members named, when the file lists them.
    pub against: Option<Vec<String>>,
    pub abstaining: Option<Vec<String>>,
    pub not_participating: Option<Vec<String>>,
}

/// How long a dated period is: whole months when it is about a month or more, else days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Its days, both ends counted.
    pub days: i64,
    /// Its length in months, to the nearest month; `None` for a period of fewer than
    /// 28 days.
    pub months: Option<u32>,
}

/// Which way the lengths of the last periods go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Shortening,
    Lengthening,
    Steady,
}

impl Trend {
    pub fn word(self) -> &'static str {
        match self {
            Trend::Shortening => "shortening",
            Trend::Lengthening => "lengthening",
            Trend::Steady => "steady",
        }
    }
}

/// A change of the ceiling set by a resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeilingChange {
    /// The day the resolution was adopted, else the day its period starts.
    pub on: NaiveDate,
    pub resolution: Option<String>,
    pub from: i64,
    pub to: i64,
}

/// The period announced as final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Final {
    pub resolution: Option<String>,
    pub end: Option<NaiveDate>,
}

/// The mission named as successor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Successor {
    pub id: String,
    /// Its short name and first day, when the file has it.
    pub short: Option<String>,
    pub starts: Option<NaiveDate>,
}

/// Days with no period in force between two that were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lapse {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Lapse {
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// What the file says about how hard a mission's next renewal may be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signals {
    /// The votes of the last resolutions (at most [`LAST`]), oldest first.
    pub votes: Vec<VoteSignal>,
    /// The lengths of the last dated periods (at most [`LAST`]), oldest first.
    pub lengths: Vec<Length>,
    /// Set when there are at least two lengths.
    pub trend: Option<Trend>,
    pub final_: Option<Final>,
    /// Oldest first.
    pub ceilings: Vec<CeilingChange>,
    pub successor: Option<Successor>,
    /// Oldest first.
    pub lapses: Vec<Lapse>,
    /// The requirements not met, in file order.
    pub open_requirements: Vec<String>,
}

impl Signals {
    pub fn is_empty(&self) -> bool {
        *self == Signals::default()
    }
}

/// The length of a period from `start` through `end`.
pub fn length(start: NaiveDate, end: NaiveDate) -> Length {
    let days = (end - start).num_days() + 1;
    let after = end.succ_opt().unwrap_or(end);
    let mut months =
        (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32;
    let dd = after.day() as i32 - start.day() as i32;
    if dd > 15 {
        months += 1;
    } else if dd < -15 {
        months -= 1;
    }
    Length {
        start,
        end,
        days,
        months: (days >= 28).then(|| u32::try_from(months.max(1)).unwrap_or(1)),
    }
}

impl Length {
    /// "12 months", "1 month", "9 days".
    pub fn words(self) -> String {
        match self.months {
            Some(1) => "1 month".into(),
            Some(m) => format!("{m} months"),
            None => super::format::days(self.days),
        }
    }

    /// Comparable across periods: months when both have them, else days.
    fn shorter_than(self, other: Length) -> Option<bool> {
        match (self.months, other.months) {
            (Some(a), Some(b)) if a != b => Some(a < b),
            (Some(_), Some(_)) => None,
            _ if self.days != other.days => Some(self.days < other.days),
            _ => None,
        }
    }
}

/// "12 -> 6 months", "12 months -> 9 days -> 12 months".
pub fn lengths_words(lengths: &[Length]) -> String {
    if lengths.iter().all(|l| l.months.is_some_and(|m| m != 1)) {
        let n: Vec<String> = lengths
            .iter()
            .filter_map(|l| l.months.map(|m| m.to_string()))
            .collect();
        format!("{} months", n.join(" -> "))
    } else {
        let w: Vec<String> = lengths.iter().map(|l| l.words()).collect();
        w.join(" -> ")
    }
}

fn sorted(m: &Mission) -> Vec<&Period> {
    let mut v: Vec<&Period> = m.mandates.iter().collect();
    v.sort_by_key(|p| (p.start, p.adopted));
    v
}

/// The signals of mission `m`; `all` are the file's missions, where its successor is
/// looked up.
pub fn signals(m: &Mission, all: &[Mission]) -> Signals {
    let periods = sorted(m);

    // The votes of the last resolutions, one per resolution.
    let mut votes: Vec<VoteSignal> = Vec::new();
    for p in &periods {
        let Some(vote) = &p.vote else { continue };
        if p.resolution.is_some() && votes.iter().any(|v| v.resolution == p.resolution) {
            continue;
        }
        votes.push(VoteSignal {
            resolution: p.resolution.clone(),
            adopted: p.adopted,
            vote: vote.clone(),
            against: p.against.clone(),
            abstaining: p.abstaining.clone(),
            not_participating: p.not_participating.clone(),
        });
    }
    let votes = votes.split_off(votes.len().saturating_sub(LAST));

    let mut lengths: Vec<Length> = periods
        .iter()
        .filter_map(|p| p.end.map(|e| length(p.start, e)))
        .collect();
    let lengths = lengths.split_off(lengths.len().saturating_sub(LAST));
    let trend = match lengths.as_slice() {
        [.., a, b] => Some(match b.shorter_than(*a) {
            Some(true) => Trend::Shortening,
            Some(false) => Trend::Lengthening,
            None => Trend::Steady,
        }),
        _ => None,
    };

    let final_ = periods.iter().rev().find(|p| p.final_).map(|p| Final {
        resolution: p.resolution.clone(),
        end: p.end,
    });

    let mut ceilings = Vec::new();
    let mut before: Option<i64> = None;
    for p in &periods {
        let Some(a) = &p.authorized else { continue };
        let to = a.total();
        if let Some(from) = before.filter(|f| *f != to) {
            ceilings.push(CeilingChange {
                on: p.adopted.unwrap_or(p.start),
                resolution: p.resolution.clone(),
                from,
                to,
            });
        }
        before = Some(to);
    }

    let successor = m.successor.as_ref().map(|id| {
        let next = all.iter().find(|n| &n.id == id);
        Successor {
            id: id.clone(),
            short: next.map(|n| n.short.clone()),
            starts: next.and_then(|n| n.mandates.iter().map(|p| p.start).min()),
        }
    });

    let lapses = chains(&m.mandates)
        .windows(2)
        .filter_map(|w| {
            let from = w[0].end?.succ_opt()?;
            let to = w[1].start.pred_opt()?;
            (from <= to).then_some(Lapse { from, to })
        })
        .collect();

    Signals {
        votes,
        lengths,
        trend,
        final_,
        ceilings,
        successor,
        lapses,
        open_requirements: m
            .requirements
            .iter()
            .filter(|r| !r.met)
            .map(|r| r.text.clone())
            .collect(),
    }
}

/// "12-0-3 (abstaining: China, Pakistan, Russian Federation)": a vote with the members
/// the file names against, abstaining and not taking part.
pub fn vote_words(v: &VoteSignal) -> String {
    let mut named = Vec::new();
    for (what, list) in [
        ("against", &v.against),
        ("abstaining", &v.abstaining),
        ("not participating", &v.not_participating),
    ] {
        if let Some(l) = list.as_ref().filter(|l| !l.is_empty()) {
            named.push(format!("{what}: {}", l.join(", ")));
        }
    }
    if named.is_empty() {
        v.vote.clone()
    } else {
        format!("{} ({})", v.vote, named.join("; "))
    }
}

/// "cut from 17,000 to 12,500 by 2820 (2026), 30 Apr 2026".
pub fn ceiling_words(c: &CeilingChange) -> String {
    let how = if c.to < c.from { "cut" } else { "raised" };
    let by = c
        .resolution
        .as_ref()
        .map_or(String::new(), |r| format!(" by {r}"));
    format!(
        "{how} from {} to {}{by}, {}",
        thousands(c.from),
        thousands(c.to),
        date(c.on)
    )
}

/// The signals in one line, for the Mandate panel: "last 3 votes: 12-0-3, 12-0-3,
/// unanimous; periods 12 -> 6 months, shortening; final; successor GSF". `None` when
/// the file holds none.
pub fn line(s: &Signals) -> Option<String> {
    let mut parts = Vec::new();
    if !s.votes.is_empty() {
        let v: Vec<&str> = s.votes.iter().map(|v| v.vote.as_str()).collect();
        let label = match s.votes.len() {
            1 => "last vote".to_string(),
            n => format!("last {n} votes"),
        };
        parts.push(format!("{label}: {}", v.join(", ")));
    }
    if !s.lengths.is_empty() {
        let mut p = format!(
            "{} {}",
            if s.lengths.len() == 1 {
                "period"
            } else {
                "periods"
            },
            lengths_words(&s.lengths)
        );
        if s.trend == Some(Trend::Shortening) {
            p.push_str(", shortening");
        }
        parts.push(p);
    }
    if s.final_.is_some() {
        parts.push("final".into());
    }
    if let Some(c) = s.ceilings.last() {
        parts.push(format!(
            "ceiling {} {}",
            if c.to < c.from { "cut" } else { "raised" },
            date(c.on)
        ));
    }
    if !s.lapses.is_empty() {
        parts.push(match s.lapses.len() {
            1 => "1 lapse".to_string(),
            n => format!("{n} lapses"),
        });
    }
    if let Some(n) = &s.successor {
        parts.push(format!(
            "successor {}",
            n.short.as_deref().unwrap_or(n.id.as_str())
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn lengths_round_to_months_and_short_ones_count_days() {
        assert_eq!(length(d("2023-10-02"), d("2024-10-02")).months, Some(12));
        assert_eq!(length(d("2025-01-01"), d("2025-12-31")).months, Some(12));
        assert_eq!(length(d("2026-01-01"), d("2026-06-30")).months, Some(6));
        assert_eq!(length(d("2025-09-01"), d("2026-12-31")).months, Some(16));
        assert_eq!(length(d("2026-01-29"), d("2026-03-31")).months, Some(2));
        let short = length(d("2025-05-01"), d("2025-05-09"));
        assert_eq!((short.months, short.days), (None, 9));
        assert_eq!(short.words(), "9 days");
    }

    const FILE: &str = r#"
[[mission]]
id = "a"
name = "A"
successor = "b"
[[mission.mandate]]
start = 2023-01-01
end = 2023-12-31
resolution = "1 (2022)"
vote = "15-0-0"
authorized = 17000
[[mission.mandate]]
start = 2024-01-01
end = 2024-12-31
resolution = "2 (2023)"
vote = "13-0-2"
abstaining = ["China", "Russian Federation"]
[[mission.mandate]]
start = 2025-02-01
end = 2025-07-31
resolution = "3 (2025)"
adopted = 2025-01-30
vote = "12-0-3"
authorized = 12500
[[mission.mandate]]
start = 2025-08-01
end = 2025-10-31
resolution = "4 (2025)"
vote = "unanimous"
final = true
[[mission.requirement]]
text = "a plan"
met = false
[[mission.requirement]]
text = "done"
met = true
[[mission]]
id = "b"
name = "B"
short = "Bee"
[[mission.mandate]]
start = 2025-11-01
"#;

    #[test]
    fn every_signal_from_the_file_and_none_guessed() {
        let data = parse(FILE.as_bytes()).unwrap();
        let s = signals(&data.missions[0], &data.missions);
        let votes: Vec<String> = s.votes.iter().map(vote_words).collect();
        assert_eq!(
            votes,
            [
                "13-0-2 (abstaining: China, Russian Federation)",
                "12-0-3",
                "unanimous"
            ]
        );
        assert_eq!(lengths_words(&s.lengths), "12 -> 6 -> 3 months");
        assert_eq!(s.trend, Some(Trend::Shortening));
        assert_eq!(s.final_.as_ref().unwrap().end, Some(d("2025-10-31")));
        assert_eq!(
            s.ceilings.iter().map(ceiling_words).collect::<Vec<_>>(),
            ["cut from 17,000 to 12,500 by 3 (2025), 30 Jan 2025"]
        );
        assert_eq!(
            s.lapses,
            [Lapse {
                from: d("2025-01-01"),
                to: d("2025-01-31")
            }]
        );
        assert_eq!(s.lapses[0].days(), 31);
        assert_eq!(s.successor.as_ref().unwrap().short.as_deref(), Some("Bee"));
        assert_eq!(s.successor.as_ref().unwrap().starts, Some(d("2025-11-01")));
        assert_eq!(s.open_requirements, ["a plan"]);
        assert_eq!(
            line(&s).unwrap(),
            "last 3 votes: 13-0-2, 12-0-3, unanimous; periods 12 -> 6 -> 3 months, shortening; final; ceiling cut 30 Jan 2025; 1 lapse; successor Bee"
        );
        // The successor: one open-ended period, no vote, nothing else.
        let b = signals(&data.missions[1], &data.missions);
        assert!(b.is_empty(), "{b:?}");
        assert_eq!(line(&b), None);
    }
}
