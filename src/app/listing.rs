//! The mission list's part of the state: the filter, the sort, the missions listed in
//! that order, and the selected one (shared by the dashboard and the timeline).

use chrono::Utc;

use super::filter::{self, Sort};
use super::{step, App, Panel};
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
    /// mission when it is still listed.
    pub(super) fn reorder(&mut self) {
        let keep = self.current().map(|(m, _)| m.id.clone());
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
        let row = keep.and_then(|id| order.iter().position(|&i| d.missions[i].id == id));
        if row.is_none() {
            self.screen.dashboard.source_row = 0;
        }
        listing.order = order;
        listing.selected_row = row.unwrap_or(0);
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
        self.refresh_selected();
        let dashboard = &mut self.screen.dashboard;
        dashboard.scroll = [0; Panel::COUNT];
        dashboard.source_row = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{ids, portfolio, press};
    use super::*;
    use ratatui::crossterm::event::KeyCode;

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
