//! The loaded data's part of the state: where it came from, the last good data, what is
//! wrong with the file now, and each mission's state at the shown instant.

use chrono::{DateTime, Utc};

use super::listing::Listing;
use super::{DataKind, Panel};
use crate::domain::state::State;
use crate::domain::{Dataset, Mission};
use crate::source::{Origin, Problem};

#[derive(Debug, Clone)]
pub(super) struct Loaded {
    pub file_name: String,
    pub kind: DataKind,
    /// What to add when the file is missing (for the user's own file: `mandate --init`).
    pub missing_hint: Option<String>,
    /// The last good data, if any was ever loaded.
    pub data: Option<Dataset>,
    /// When the last good data was loaded (real time).
    pub at: Option<DateTime<Utc>>,
    pub problem: Option<Problem>,
    /// Each mission's state at `now()`, in file order.
    pub states: Vec<State>,
    /// The next instant a new day starts in any mission's zone: until then only the
    /// selected mission's state changes with the clock (its countdown).
    pub next_day: Option<DateTime<Utc>>,
}

impl Loaded {
    pub fn new(origin: &Origin) -> Self {
        Loaded {
            file_name: origin.name(),
            kind: if origin.is_builtin() {
                DataKind::Builtin
            } else {
                DataKind::Watched
            },
            missing_hint: None,
            data: None,
            at: None,
            problem: None,
            states: Vec::new(),
            next_day: None,
        }
    }

    /// The panels shown: the mission list only when there is more than one mission.
    pub fn panels(&self) -> Vec<Panel> {
        let many = self.data.as_ref().is_some_and(|d| d.missions.len() > 1);
        Panel::ALL
            .into_iter()
            .filter(|&p| p != Panel::Missions || many)
            .collect()
    }

    /// The mission listed at `row`, and its state.
    pub fn at_row(&self, listing: &Listing, row: usize) -> Option<(&Mission, &State)> {
        let data = self.data.as_ref()?;
        let i = *listing.order.get(row)?;
        Some((data.missions.get(i)?, self.states.get(i)?))
    }
}
