//! What an import proposes: the entries to add to the user's file, and what needs a
//! person. The readers of each source kind produce these; the editor writes them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::Category;

/// A `[[mission.source]]` entry to add beside a new period or figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub title: String,
    pub url: String,
    pub date: NaiveDate,
}

/// A `[[mission.mandate]]` period to add, from one resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPeriod {
    /// The mission's `id` in the file.
    pub mission: String,
    /// As the file writes it: "2829 (2026)".
    pub resolution: String,
    pub adopted: NaiveDate,
    /// As recorded: "12-0-3", or "unanimous".
    pub vote: String,
    /// Member names as the source lists them, in the source's order.
    pub in_favour: Vec<String>,
    pub against: Vec<String>,
    pub abstaining: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub final_period: bool,
    pub source: NewSource,
}

/// The members named against and abstaining, to write into a period the mission has
/// already for the same resolution (which has no such lists yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteDetail {
    /// The mission's `id` in the file.
    pub mission: String,
    /// As the file writes it: "2813 (2026)".
    pub resolution: String,
    /// Member names as the source lists them; empty when none (nothing is written).
    pub against: Vec<String>,
    pub abstaining: Vec<String>,
}

/// One month of personnel for one mission, from the contributions file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigure {
    /// The reporting date (the last day of the month as the file gives it).
    pub date: NaiveDate,
    /// Female plus male personnel, per category; categories with no row are absent.
    pub by_category: BTreeMap<Category, i64>,
}

/// The personnel figures to write for one mission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeployment {
    pub mission: String,
    /// The latest month: becomes `deployed` (by category) with `as_of` its date.
    pub latest: MonthFigure,
    /// Earlier months (oldest first), each added to `history` unless its date is there.
    pub earlier: Vec<MonthFigure>,
    /// The latest month's personnel per contributing country (all categories summed),
    /// largest first, for the contributors table.
    pub contributors: Vec<(String, i64)>,
    pub source: NewSource,
}

/// Something the import will not decide alone (also an item of `--json`'s `review`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Review {
    /// A resolution concerns a mission but its new end date cannot be read.
    UnreadableEnd {
        mission: String,
        resolution: String,
        /// The operative paragraph as read, for the person to check.
        paragraph: String,
    },
    /// A resolution sets a personnel ceiling: the person writes the figures.
    Ceiling {
        mission: String,
        resolution: String,
        /// The operative paragraph number ("5.") and the sentence setting the ceiling.
        paragraph: String,
        sentence: String,
    },
    /// An imported figure disagrees with one written by hand for the same date.
    Disagrees {
        mission: String,
        what: String,
        file: String,
        source: String,
    },
}

impl Review {
    /// The same item with every text passed through `f` (cleaning it for the screen).
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Review {
        match self {
            Review::UnreadableEnd {
                mission,
                resolution,
                paragraph,
            } => Review::UnreadableEnd {
                mission: f(mission),
                resolution: f(resolution),
                paragraph: f(paragraph),
            },
            Review::Ceiling {
                mission,
                resolution,
                paragraph,
                sentence,
            } => Review::Ceiling {
                mission: f(mission),
                resolution: f(resolution),
                paragraph: f(paragraph),
                sentence: f(sentence),
            },
            Review::Disagrees {
                mission,
                what,
                file,
                source,
            } => Review::Disagrees {
                mission: f(mission),
                what: f(what),
                file: f(file),
                source: f(source),
            },
        }
    }
}

/// A source that could not be read, named with its place where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Everything the sources propose for one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposal {
    pub periods: Vec<NewPeriod>,
    /// Members against and abstaining, for periods the file has already.
    pub votes: Vec<VoteDetail>,
    pub deployments: Vec<NewDeployment>,
    pub review: Vec<Review>,
    /// Resolutions read that concern no mission in the file, by symbol ("S/RES/2816 (2026)").
    pub unrelated: Vec<String>,
    /// Rows of contributions for missions not in the file, counted by acronym.
    pub unmatched_rows: BTreeMap<String, usize>,
    pub errors: Vec<SourceError>,
}
