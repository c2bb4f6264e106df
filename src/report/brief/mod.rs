//! `mandate --brief`: the month ahead as a briefing. Every mandate that ends, starts or is
//! unrecorded in one calendar month, with the signals of a hard renewal read from the
//! file ([`crate::domain::signals`]); then the rest of the portfolio. Written as Markdown
//! (CommonMark, tables as GitHub renders them) or, with `--format json`, as JSON.

mod json;
mod markdown;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::Outcome;
use crate::domain::signals::{signals, Signals};
use crate::domain::state::{self, day_start, Phase, State};
use crate::domain::{Dataset, Mission};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// `2025-10`, years 0001 to 9999.
    pub fn parse(s: &str) -> Result<Month, String> {
        let bad = || {
            format!(
                "`{}` is not a month; use YYYY-MM, like 2025-10",
                crate::domain::text::clean(s)
            )
        };
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let (year, month): (i32, u32) =
            (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if year < 1 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Month { year, month })
    }

    /// The month of `day`.
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last(self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.first() <= d && d <= self.last()
    }

    /// "October 2025"
    pub fn words(self) -> String {
        self.first().format("%B %Y").to_string()
    }

    /// "2025-10"
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

/// What `--brief` needs besides the data.
pub struct Options {
    /// The file's name, as the briefing cites it.
    pub file: String,
    /// `--month`; `None`: the month of now (in UTC).
    pub month: Option<Month>,
    pub format: Format,
}

/// What a mission does in the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A period ends (its last day).
    Ends {
        on: NaiveDate,
        resolution: Option<String>,
        final_: bool,
    },
    /// A period starts.
    Starts {
        on: NaiveDate,
        resolution: Option<String>,
    },
    /// Every period ended before the month, the last one not final and no successor
    /// named: the renewal is not in the file.
    Unrecorded { since: NaiveDate },
}

impl Event {
    pub fn key(&self) -> &'static str {
        match self {
            Event::Ends { .. } => "ends",
            Event::Starts { .. } => "starts",
            Event::Unrecorded { .. } => "unrecorded",
        }
    }
}

/// A mission the month concerns.
pub struct Concerned<'a> {
    pub mission: &'a Mission,
    /// Its state at the first instant of the month, in its zone.
    pub state: State,
    pub events: Vec<Event>,
    pub signals: Signals,
}

/// A mission the month does not concern: its state at the start of the month.
pub struct Other<'a> {
    pub mission: &'a Mission,
    pub state: State,
}

/// The briefing's content, before it is written in one format or the other.
pub struct Briefing<'a> {
    pub file: String,
    pub title: Option<&'a str>,
    pub month: Month,
    pub facts_to: Option<NaiveDate>,
    pub concerned: Vec<Concerned<'a>>,
    pub rest: Vec<Other<'a>>,
}

/// What the month holds for `m`, whose state on the month's first day is `first`: its
/// periods' ends and starts in the month, and whether it is unrecorded (every period
/// ended before the month with no recorded end: the state model's rule).
pub fn events(m: &Mission, month: Month, first: &State) -> Vec<Event> {
    let mut periods: Vec<_> = m.mandates.iter().collect();
    periods.sort_by_key(|p| p.start);
    let mut out = Vec::new();
    for p in &periods {
        if month.contains(p.start) {
            out.push(Event::Starts {
                on: p.start,
                resolution: p.resolution.clone(),
            });
        }
        if let Some(e) = p.end.filter(|e| month.contains(*e)) {
            out.push(Event::Ends {
                on: e,
                resolution: p.resolution.clone(),
                final_: p.final_,
            });
        }
    }
    out.sort_by_key(|e| match e {
        Event::Ends { on, .. } | Event::Starts { on, .. } => *on,
        Event::Unrecorded { since } => *since,
    });
    if first.phase == Phase::Unrecorded {
        if let Some(since) = first.expires_on {
            out.push(Event::Unrecorded { since });
        }
    }
    out
}

/// `m` as the record stood on `last`: without the periods adopted (or, with no adoption
/// date, starting) after it, so a briefing for a past month reads no later vote.
fn as_of(m: &Mission, last: NaiveDate) -> Mission {
    let mut m = m.clone();
    m.mandates.retain(|p| p.adopted.unwrap_or(p.start) <= last);
    m
}

/// The briefing for `data` in `month`.
pub fn briefing<'a>(
    data: &'a Dataset,
    month: Month,
    now: DateTime<Utc>,
    file: &str,
) -> Briefing<'a> {
    let mut concerned = Vec::new();
    let mut rest = Vec::new();
    for m in &data.missions {
        let at = day_start(m.timezone, month.first()).with_timezone(&Utc);
        let s = state::state_in(data, m, at);
        let ev = events(m, month, &s);
        if ev.is_empty() {
            rest.push(Other {
                mission: m,
                state: s,
            });
        } else {
            concerned.push(Concerned {
                mission: m,
                state: s,
                events: ev,
                signals: signals(&as_of(m, month.last()), &data.missions),
            });
        }
    }
    // The month's events in date order; then by file order.
    concerned.sort_by_key(|c| {
        c.events
            .iter()
            .map(|e| match e {
                Event::Ends { on, .. } | Event::Starts { on, .. } => *on,
                Event::Unrecorded { .. } => month.first(),
            })
            .min()
    });
    rest.sort_by_key(|o| state::urgency(&o.state));
    Briefing {
        file: file.to_string(),
        title: data.title.as_deref(),
        month,
        facts_to: data.latest_fact(now.date_naive()),
        concerned,
        rest,
    }
}

/// The resolution in force at the start of the month, else the one of the period that
/// starts in it.
pub(crate) fn resolution(c: &Concerned) -> Option<String> {
    if let Some(r) = c
        .state
        .current_period
        .and_then(|i| c.mission.mandates.get(i))
        .and_then(|p| p.resolution.clone())
    {
        return Some(r);
    }
    c.events.iter().find_map(|e| match e {
        Event::Starts { resolution, .. } => resolution.clone(),
        _ => None,
    })
}

/// The briefing for `data` at `now`.
pub fn report(data: &Dataset, now: DateTime<Utc>, options: &Options) -> Outcome {
    let month = options.month.unwrap_or_else(|| Month::of(now.date_naive()));
    let b = briefing(data, month, now, &options.file);
    Outcome::ok(match options.format {
        Format::Markdown => markdown::write(&b),
        Format::Json => json::write(&b),
    })
}
