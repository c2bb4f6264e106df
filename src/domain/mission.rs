//! The missions as the data file describes them, validated.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::{Diagnostic, Pos};

/// The whole file, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub title: Option<String>,
    pub warn_days: i64,
    pub stale_days: i64,
    pub missions: Vec<Mission>,
    /// Warnings found while loading (the file is still usable).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mission {
    pub pos: Pos,
    pub id: String,
    pub name: String,
    pub short: String,
    pub kind: Option<String>,
    pub host: Option<String>,
    pub lead: Option<String>,
    pub summary: Option<String>,
    pub timezone: Tz,
    pub successor: Option<String>,
    pub mandates: Vec<Period>,
    pub strength: Strength,
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
    pub resolution: Option<String>,
    pub adopted: Option<NaiveDate>,
    pub vote: Option<String>,
    pub final_: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub pos: Pos,
    pub authorized: i64,
    /// Every figure (history plus `as_of`/`deployed`), sorted by date.
    pub figures: Vec<Figure>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub pos: Pos,
    pub date: NaiveDate,
    pub deployed: i64,
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
