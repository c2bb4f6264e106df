//! The mission list's part of the state: the filter, the sort, the missions listed in
//! that order, and the selected one (shared by the dashboard and the timeline).

use chrono::Utc;

use super::filter::{self, Sort};
use super::{App, Panel};
use crate::domain::state;

#[derive(Debug, Clone, Default)]
pub(super) struct Listing {
    /// The filter's text (`/`); empty: every mission.
    pub filter: String,
    pub sort: Sort,
    /// The listed mission indices (those the filter matches), in the sort's order.
    pub order: Vec<usize>,
    /// The selected mission's row in `order`.
    pub selected_row: usize,
    /// The selected mission's id: a new order or a reload of the file keeps it selected
    /// wherever it is listed now.
    pub selected_id: Option<String>,
    /// Each mission's fields the filter searches, lowercased (see [`filter::haystack`]).
    pub search: Vec<String>,
}

impl App {
    /// Recomputes every state at `now()` and the order, keeping the selected mission.
    pub(super) fn recompute(&mut self) {
        let now = self.now();
        let loaded = &mut self.loaded;
        loaded.states = match &loaded.data {
            Some(d) => state::states(d, now),
            None => Vec::new(),
        };
        loaded.next_day = loaded.data.as_ref().and_then(|d| {
            let zones: std::collections::HashSet<chrono_tz::Tz> =
                d.missions.iter().map(|m| m.timezone).collect();
            zones
                .into_iter()
                .map(|tz| state::end_instant(tz, state::today(tz, now)).with_timezone(&Utc))
                .min()
        });
        self.reorder();
    }

    /// Lists the missions the filter matches in the sort's order, keeping the selected
    /// mission (by id) when it is still listed, else the row nearest to where it was.
    /// When that makes another mission selected, its panels start at their tops and its
    /// first source.
    pub(super) fn reorder(&mut self) {
        let Some(d) = &self.loaded.data else {
            self.listing.order.clear();
            self.listing.selected_row = 0;
            return;
        };
        let listing = &mut self.listing;
        let query = listing.filter.to_lowercase();
        let mut order: Vec<usize> = (0..self.loaded.states.len())
            .filter(|&i| {
                listing
                    .search
                    .get(i)
                    .is_none_or(|h| filter::matches(h, &query))
            })
            .collect();
        listing
            .sort
            .apply(&mut order, &d.missions, &self.loaded.states);
        let kept = listing
            .selected_id
            .as_ref()
            .and_then(|id| order.iter().position(|&i| &d.missions[i].id == id));
        let row = kept.unwrap_or_else(|| listing.selected_row.min(order.len().saturating_sub(1)));
        // With nothing listed (a filter that matches nothing) the selection waits for the
        // filter to widen.
        let id = match order.get(row) {
            Some(&i) => Some(d.missions[i].id.clone()),
            None => listing.selected_id.clone(),
        };
        let changed = id != listing.selected_id;
        listing.order = order;
        listing.selected_row = row;
        listing.selected_id = id;
        let sources = self.current().map_or(0, |(m, _)| m.sources.len());
        let dashboard = &mut self.screen.dashboard;
        if changed {
            dashboard.scroll = [0; Panel::COUNT];
            dashboard.source_row = 0;
        }
        // The same mission may have lost sources in a reload.
        dashboard.source_row = dashboard.source_row.min(sources.saturating_sub(1));
        let panels = self.panels();
        if !panels.contains(&self.screen.dashboard.focus) {
            self.screen.dashboard.focus = panels[0];
        }
    }

    /// Recomputes the selected mission's state at `now()`.
    pub(super) fn refresh_selected(&mut self) {
        let now = self.now();
        let loaded = &mut self.loaded;
        let (Some(d), Some(&i)) = (
            &loaded.data,
            self.listing.order.get(self.listing.selected_row),
        ) else {
            return;
        };
        if let (Some(m), Some(s)) = (d.missions.get(i), loaded.states.get_mut(i)) {
            *s = state::state_in(d, m, now);
        }
    }

    /// Moves the selected mission by `delta` rows of the list.
    pub(super) fn select_by(&mut self, delta: i64) {
        let last = self.listing.order.len().saturating_sub(1);
        self.select_row(step(self.listing.selected_row, delta, last));
    }

    /// Selects the mission at `row`: its panels start at their tops.
    pub(super) fn select_row(&mut self, row: usize) {
        if row == self.listing.selected_row || row >= self.listing.order.len() {
            return;
        }
        self.listing.selected_row = row;
        self.listing.selected_id = self.current().map(|(m, _)| m.id.clone());
        self.refresh_selected();
        let dashboard = &mut self.screen.dashboard;
        dashboard.scroll = [0; Panel::COUNT];
        dashboard.source_row = 0;
    }
}

/// `at` moved by `delta`, within `0..=max`.
pub(super) fn step(at: usize, delta: i64, max: usize) -> usize {
    let moved = if delta < 0 {
        at.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
    } else {
        at.saturating_add(usize::try_from(delta).unwrap_or(usize::MAX))
    };
    moved.min(max)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ids, instant, portfolio, press};
    use super::super::Msg;
    use super::*;
    use crate::source::{FileEvent, Origin};
    use ratatui::crossterm::event::KeyCode;

    /// A file of the missions `ids` in this order, each ending a month after the one
    /// before it (so the list, by expiry, is in the order of the ids' end months), with
    /// `sources` sources each.
    fn file(missions: &[(&str, u32)], sources: usize) -> String {
        let mut s = String::new();
        for (id, month) in missions {
            s += &format!(
                "[[mission]]\nid = \"{id}\"\nname = \"Mission {id}\"\n\
                 [[mission.mandate]]\nstart = 2026-01-01\nend = 2026-{month:02}-01\n\
                 [mission.strength]\nauthorized = 10\n"
            );
            for n in 0..sources {
                s += &format!(
                    "[[mission.source]]\ntitle = \"{id} {n}\"\nurl = \"https://{id}.org/{n}\"\n"
                );
            }
        }
        s
    }

    fn reload(app: &mut App, src: &str) {
        let data = crate::source::parse(src.as_bytes()).unwrap();
        let at = app.now();
        app.update(Msg::FileChanged {
            event: FileEvent::Loaded(Box::new(data)),
            at,
        });
    }

    fn selected(app: &App) -> String {
        app.current().unwrap().0.id.clone()
    }

    #[test]
    fn a_reload_keeps_the_selected_mission_by_id_else_the_nearest_row() {
        let now = instant("2026-01-15T12:00:00Z");
        let first = crate::source::parse(file(&[("a", 3), ("b", 4), ("c", 5)], 3).as_bytes());
        let mut app = App::showing(
            &Origin::File("f.toml".into()),
            FileEvent::Loaded(Box::new(first.unwrap())),
            now,
            (120, 40),
        );
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(selected(&app), "b");
        press(&mut app, KeyCode::Char('8'));
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.source_row(), 2);

        // A mission inserted at the top of the file (and listed first): still b, and
        // still its third source.
        reload(
            &mut app,
            &file(&[("z", 2), ("a", 3), ("b", 4), ("c", 5)], 3),
        );
        assert_eq!(selected(&app), "b");
        assert_eq!(app.selected_row(), 2);
        assert_eq!(app.source_row(), 2);
        assert_eq!(
            press(&mut app, KeyCode::Char('o')),
            Some(super::super::Command::Open("https://b.org/2".into()))
        );

        // b moved to the end of the file and of the list: still b.
        reload(
            &mut app,
            &file(&[("z", 2), ("a", 3), ("c", 5), ("b", 6)], 3),
        );
        assert_eq!(selected(&app), "b");
        assert_eq!(app.selected_row(), 3);

        // b lost a source: the source row stays within its sources.
        reload(
            &mut app,
            &file(&[("z", 2), ("a", 3), ("c", 5), ("b", 6)], 2),
        );
        assert_eq!(selected(&app), "b");
        assert_eq!(app.source_row(), 1);

        // b is gone: the nearest row (the last), and another mission's first source.
        reload(&mut app, &file(&[("z", 2), ("a", 3), ("c", 5)], 2));
        assert_eq!(selected(&app), "c");
        assert_eq!(app.source_row(), 0);
        assert_eq!(
            press(&mut app, KeyCode::Char('o')),
            Some(super::super::Command::Open("https://c.org/0".into()))
        );
    }

    #[test]
    fn a_filter_that_hides_the_selection_selects_the_nearest_row_and_its_first_source() {
        let now = instant("2026-01-15T12:00:00Z");
        let data = crate::source::parse(file(&[("a", 3), ("b", 4), ("c", 5)], 3).as_bytes());
        let mut app = App::showing(
            &Origin::File("f.toml".into()),
            FileEvent::Loaded(Box::new(data.unwrap())),
            now,
            (120, 40),
        );
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('8'));
        press(&mut app, KeyCode::Char('j'));
        assert_eq!((selected(&app).as_str(), app.source_row()), ("b", 1));
        press(&mut app, KeyCode::Char('/'));
        press(&mut app, KeyCode::Char('c'));
        assert_eq!(ids(&app), ["c"]);
        assert_eq!((selected(&app).as_str(), app.source_row()), ("c", 0));
        // Nothing listed, then everything again: c stays selected.
        press(&mut app, KeyCode::Char('x'));
        assert!(app.current().is_none());
        press(&mut app, KeyCode::Esc);
        assert_eq!(selected(&app), "c");
    }

    #[test]
    fn s_cycles_the_sort_and_the_title_says_which() {
        let mut app = portfolio();
        assert_eq!(app.sort(), Sort::Expiry);
        let by_expiry = ids(&app);
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort(), Sort::Name);
        let d = app.data().unwrap();
        let names: Vec<String> = app
            .order()
            .iter()
            .map(|&i| d.missions[i].short.to_lowercase())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let frame = crate::ui::frame_text(&mut app, 160, 48);
        assert!(frame.contains("Missions · by name"), "{frame}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort(), Sort::Deployment);
        let ratios: Vec<f64> = app
            .order()
            .iter()
            .filter_map(|&i| app.states()[i].deployment_ratio)
            .collect();
        assert!(ratios.windows(2).all(|w| w[0] <= w[1]), "{ratios:?}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort(), Sort::FiguresAge);
        let ages: Vec<_> = app
            .order()
            .iter()
            .filter_map(|&i| app.states()[i].deployed_as_of)
            .collect();
        assert!(ages.windows(2).all(|w| w[0] <= w[1]), "{ages:?}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(ids(&app), by_expiry);
    }
}
