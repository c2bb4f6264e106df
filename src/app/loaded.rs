//! The loaded data's part of the state: where it came from, the last good data, what is
//! wrong with the file now, and each mission's state at the shown instant.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::listing::Listing;
use super::{DataKind, Panel};
use crate::domain::state::State;
use crate::domain::{Dataset, Mission};
use crate::source::{Origin, Problem};

#[derive(Debug, Clone)]
pub(super) struct Loaded {
    pub file_name: String,
    /// The file's path (none for the built-in copy).
    pub path: Option<PathBuf>,
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
            path: match origin {
                Origin::File(p) => Some(p.clone()),
                Origin::Builtin => None,
            },
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

#[cfg(test)]
mod tests {
    use super::super::testing::{self, press, seed_app};
    use super::super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn a_bad_file_keeps_the_last_good_data() {
        let mut app = seed_app();
        let at = app.now();
        app.update(Msg::FileChanged {
            event: FileEvent::Failed(Problem::Invalid(crate::domain::Diagnostics::one(
                crate::domain::Diagnostic::error(None, "x"),
            ))),
            at,
        });
        assert!(app.data().is_some());
        assert!(matches!(app.problem(), Some(Problem::Invalid(_))));
        app.update(Msg::FileChanged {
            event: FileEvent::Failed(Problem::Missing),
            at,
        });
        assert_eq!(app.problem(), Some(&Problem::Missing));
        let data = crate::source::parse(crate::source::BUILTIN.as_bytes()).unwrap();
        app.update(Msg::FileChanged {
            event: FileEvent::Loaded(Box::new(data)),
            at,
        });
        assert_eq!(app.problem(), None);
    }

    #[test]
    fn focus_starts_on_the_list_with_many_missions_and_on_status_with_one() {
        assert_eq!(seed_app().focus(), Panel::Missions);
        let src = "[[mission]]\nid = \"m\"\nname = \"M\"\n[[mission.mandate]]\nstart = 2025-01-01\n[mission.strength]\nauthorized = 10\n";
        let now = testing::instant("2025-06-01T12:00:00Z");
        let data = crate::source::parse(src.as_bytes()).unwrap();
        let one = App::showing(
            &Origin::File("f".into()),
            FileEvent::Loaded(Box::new(data)),
            now,
            (120, 40),
        );
        assert_eq!(one.focus(), Panel::Status);
        // A reload keeps the focus where the user put it.
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('4'));
        app.update(Msg::FileChanged {
            event: crate::source::load(&Origin::Builtin),
            at: app.now(),
        });
        assert_eq!(app.focus(), Panel::Strength);
    }
}
