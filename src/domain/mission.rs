//! The missions as the data file describes them, validated.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::{Diagnostics, Personnel, Pos};

/// The most days `warn_days`, `stale_days`, `--within` and `--critical` may give: 100
/// years, far inside what a date or a duration can hold.
pub const MAX_DAYS: i64 = 36_500;

/// The whole file, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub title: Option<String>,
    pub warn_days: i64,
    pub stale_days: i64,
    pub missions: Vec<Mission>,
    /// Warnings found while loading (the file is still usable).
    pub warnings: Diagnostics,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mission {
    pub pos: Pos,
    pub id: String,
    pub name: String,
    pub short: String,
    /// Other names the UN's records use for it (`aliases = ["UNVMC"]`), matched by the
    /// import like `short` and `id`.
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    /// Who authorized it ("UN Security Council", "African Union Peace and Security
    /// Council"...).
    pub authority: Option<String>,
    pub host: Option<String>,
    pub lead: Option<String>,
    pub summary: Option<String>,
    pub timezone: Tz,
    pub successor: Option<String>,
    /// The day the operation ended by a recorded decision (a termination, a completed
    /// withdrawal), if the file gives it.
    pub closed: Option<NaiveDate>,
    pub mandates: Vec<Period>,
    /// `None`: no strength figures at all (a political mission, say).
    pub strength: Option<Strength>,
    pub contributors: Vec<Contributor>,
    pub funding: Option<Funding>,
    pub milestones: Vec<Milestone>,
    pub requirements: Vec<Requirement>,
    pub sources: Vec<Source>,
}

/// One authorization period.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub start: NaiveDate,
    /// Last day in force; `None` is open-ended.
    pub end: Option<NaiveDate>,
    /// Where `end` is written, for messages about it.
    pub end_pos: Option<Pos>,
    pub resolution: Option<String>,
    pub adopted: Option<NaiveDate>,
    pub vote: Option<String>,
    /// The members named as voting against, abstaining and not taking part, when the
    /// file lists them (`None`: not given, which is not the same as an empty list).
    pub against: Option<Vec<String>>,
    pub abstaining: Option<Vec<String>>,
    pub not_participating: Option<Vec<String>>,
    pub final_: bool,
    pub note: Option<String>,
    /// The ceiling this resolution set, if it set one.
    pub authorized: Option<Personnel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub pos: Pos,
    /// A ceiling not tied to a period in the file; periods' ceilings come first.
    pub authorized: Option<Personnel>,
    /// Every figure (history plus `as_of`/`deployed`), sorted by date.
    pub figures: Vec<Figure>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub pos: Pos,
    pub date: NaiveDate,
    pub deployed: Personnel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contributor {
    pub country: String,
    pub pledged: Option<i64>,
    pub deployed: Option<i64>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Funding {
    pub currency: String,
    pub required: Option<f64>,
    pub pledged: Option<f64>,
    pub received: Option<f64>,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub text: String,
    pub date: Option<NaiveDate>,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub text: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
    pub date: Option<NaiveDate>,
}

impl Dataset {
    /// The mission `m` names as its successor, if it names one in this file.
    pub fn successor(&self, m: &Mission) -> Option<&Mission> {
        let id = m.successor.as_deref()?;
        self.missions.iter().find(|o| o.id == id)
    }

    /// The latest dated fact on or before `day`: a deployed figure, a source's date or a
    /// resolution's adoption. How current the file is, as the header tells it.
    pub fn latest_fact(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.missions
            .iter()
            .flat_map(|m| {
                let figures = m
                    .strength
                    .iter()
                    .flat_map(|s| s.figures.iter().map(|f| f.date));
                let sources = m.sources.iter().filter_map(|s| s.date);
                let adopted = m.mandates.iter().filter_map(|p| p.adopted);
                figures.chain(sources).chain(adopted)
            })
            .filter(|d| *d <= day)
            .max()
    }
}
