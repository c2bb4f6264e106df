//! The screen under any overlay: the dashboard's panels or the timeline, and the keys
//! each takes. What `j` does in the timeline is here.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use chrono::NaiveDate;

use super::keys::Action;
use super::{step, App, Command, Drawn, Extent, Handled, Panel, Timeline, View};
use crate::domain::state;

/// Which view is shown, and each view's own state (kept while the other is shown).
#[derive(Debug, Clone, Default)]
pub struct Screen {
    pub shown: View,
    pub dashboard: Dashboard,
    pub timeline: Timeline,
}

/// The dashboard's panels: which has the keys, whether it fills the screen, how far
/// each has scrolled, and the selected source (in Sources: `o` opens it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dashboard {
    pub focus: Panel,
    pub zoom: bool,
    pub scroll: [usize; Panel::COUNT],
    pub source_row: usize,
}

impl Default for Dashboard {
    fn default() -> Self {
        Dashboard {
            focus: Panel::Status,
            zoom: false,
            scroll: [0; Panel::COUNT],
            source_row: 0,
        }
    }
}

impl Dashboard {
    /// Clamps each panel's scroll to what was last drawn; whether one moved.
    pub fn clamp(&mut self, drawn: &Drawn) -> bool {
        let before = self.scroll;
        for p in Panel::ALL {
            let i = p.index();
            if let Some(e) = drawn.panel(p) {
                self.scroll[i] = self.scroll[i].min(e.max_scroll());
            }
        }
        self.scroll != before
    }
}

impl App {
    /// The shown screen's keys.
    pub(super) fn screen_key(&mut self, key: &KeyEvent, action: Action) -> Handled {
        match self.screen.shown {
            View::Dashboard => self.dashboard_key(key, action),
            View::Timeline => self.timeline_key(action),
        }
    }

    fn dashboard_key(&mut self, key: &KeyEvent, action: Action) -> Handled {
        let panels = self.panels();
        let dashboard = &mut self.screen.dashboard;
        let pos = panels
            .iter()
            .position(|&p| p == dashboard.focus)
            .unwrap_or(0);
        match action {
            Action::NextPanel => dashboard.focus = panels[(pos + 1) % panels.len()],
            Action::PrevPanel => dashboard.focus = panels[(pos + panels.len() - 1) % panels.len()],
            Action::Jump => {
                if let KeyCode::Char(c) = key.code {
                    let n = c.to_digit(10).unwrap_or(0) as usize;
                    if let Some(&p) = panels.get(n.wrapping_sub(1)) {
                        dashboard.focus = p;
                    }
                }
            }
            Action::Zoom => dashboard.zoom = !dashboard.zoom,
            Action::Back => dashboard.zoom = false,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page() as i64)),
            Action::PageDown => self.move_by(self.page() as i64),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::Timeline => self.screen.shown = View::Timeline,
            Action::Open | Action::Copy => return Handled::Used(self.source_command(action)),
            Action::Edit => return Handled::Used(self.edit_command()),
            // The timeline's own keys do nothing on the dashboard.
            Action::ZoomIn
            | Action::ZoomOut
            | Action::PanBack
            | Action::PanForward
            | Action::Today => {}
            _ => return Handled::Passed,
        }
        Handled::Used(None)
    }

    fn timeline_key(&mut self, action: Action) -> Handled {
        let page = self.drawn.timeline.map_or(1, |(_, e)| e.page()) as i64;
        let today = self.timeline_today();
        let timeline = &mut self.screen.timeline;
        match action {
            Action::Timeline | Action::Back => self.screen.shown = View::Dashboard,
            Action::Zoom => {
                // Enter on a row: that mission's panels.
                self.screen.shown = View::Dashboard;
                self.screen.dashboard.zoom = false;
            }
            Action::ZoomIn => timeline.zoom_in(),
            Action::ZoomOut => timeline.zoom_out(),
            Action::PanBack => timeline.pan_by(-1, today),
            Action::PanForward => timeline.pan_by(1, today),
            Action::Today => timeline.pan = 0,
            Action::Up => self.select_by(-1),
            Action::Down => self.select_by(1),
            Action::PageUp => self.select_by(-page),
            Action::PageDown => self.select_by(page),
            Action::Top => self.select_by(i64::MIN / 2),
            Action::Bottom => self.select_by(i64::MAX / 2),
            // The dashboard's own keys do nothing on the timeline.
            Action::NextPanel | Action::PrevPanel | Action::Jump => {}
            Action::Open | Action::Copy | Action::Edit => {}
            _ => return Handled::Passed,
        }
        Handled::Used(None)
    }

    /// The timeline's today: the shown clock's day in the selected mission's zone.
    fn timeline_today(&self) -> NaiveDate {
        let tz = self
            .current()
            .map_or(chrono_tz::Tz::UTC, |(m, _)| m.timezone);
        state::today(tz, self.now())
    }

    /// `o` / `y` in Sources: the selected source's URL, if it is a web address.
    fn source_command(&mut self, action: Action) -> Option<Command> {
        if self.screen.dashboard.focus != Panel::Sources {
            self.notice = Some("select a source in Sources first (Tab or its number)".into());
            return None;
        }
        let url = self
            .current()
            .and_then(|(m, _)| m.sources.get(self.screen.dashboard.source_row))
            .and_then(|s| s.url.clone());
        match url {
            None => {
                self.notice = Some("this source has no URL".into());
                None
            }
            Some(u) if action == Action::Copy => Some(Command::Copy(u)),
            Some(u) if is_web(&u) => Some(Command::Open(u)),
            Some(_) => {
                self.notice = Some("only http:// and https:// URLs are opened".into());
                None
            }
        }
    }

    /// `e`: the file in the user's editor, at the selected mission's `[[mission]]` line
    /// (the first line when no mission is loaded, as when the file is broken).
    fn edit_command(&mut self) -> Option<Command> {
        let Some(path) = self.loaded.path.clone() else {
            self.notice = Some(
                "the built-in copy cannot be edited; run mandate --init to get your own file"
                    .into(),
            );
            return None;
        };
        let line = self.current().map_or(1, |(m, _)| m.pos.line.max(1));
        Some(Command::Edit { path, line })
    }

    /// Rows in a page of the focused panel.
    fn page(&self) -> usize {
        self.drawn
            .panel(self.screen.dashboard.focus)
            .map_or(1, Extent::page)
    }

    /// Moves the selection (mission list), the selected source (Sources) or the scroll
    /// (other panels) of the focused panel by `delta`.
    fn move_by(&mut self, delta: i64) {
        self.move_in(self.screen.dashboard.focus, delta);
    }

    /// The same in `panel`.
    pub(super) fn move_in(&mut self, panel: Panel, delta: i64) {
        match panel {
            Panel::Missions => self.select_by(delta),
            Panel::Sources => {
                let n = self.current().map_or(0, |(m, _)| m.sources.len());
                let d = &mut self.screen.dashboard;
                d.source_row = step(d.source_row, delta, n.saturating_sub(1));
            }
            _ => {
                let i = panel.index();
                let max = self.drawn.panel(panel).map_or(0, Extent::max_scroll);
                let d = &mut self.screen.dashboard;
                d.scroll[i] = step(d.scroll[i], delta, max);
            }
        }
    }
}

/// Whether `url` is a web address the opener may be given.
pub(super) fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{press, seed_app};
    use super::super::*;
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    #[test]
    fn timeline_zoom_pan_today_and_back() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('T'));
        assert_eq!(app.view(), View::Timeline);
        let span = app.timeline().span();
        press(&mut app, KeyCode::Char('+'));
        assert!(app.timeline().span() < span);
        for _ in 0..20 {
            press(&mut app, KeyCode::Char('-'));
        }
        assert_eq!(app.timeline().span(), 3653);
        press(&mut app, KeyCode::Char('l'));
        press(&mut app, KeyCode::Right);
        assert!(app.timeline().pan > 0);
        press(&mut app, KeyCode::Char('h'));
        press(&mut app, KeyCode::Left);
        press(&mut app, KeyCode::Left);
        assert!(app.timeline().pan < 0);
        press(&mut app, KeyCode::Char('0'));
        assert_eq!(app.timeline().pan, 0);
        // Rows move the shared selection; Enter opens that mission's panels.
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.view(), View::Dashboard);
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Char('T'));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.view(), View::Dashboard, "Esc closes it");
        press(&mut app, KeyCode::Char('T'));
        press(&mut app, KeyCode::Char('T'));
        assert_eq!(app.view(), View::Dashboard, "T again closes it");
        press(&mut app, KeyCode::Char('l'));
        assert_eq!(app.timeline().pan, 0, "h/l do nothing on the dashboard");
    }

    #[test]
    fn o_and_y_in_sources_ask_to_open_and_copy_the_selected_url() {
        let mut app = seed_app();
        assert_eq!(press(&mut app, KeyCode::Char('o')), None);
        assert!(app.notice().unwrap().contains("Sources"));
        press(&mut app, KeyCode::Char('8'));
        let urls: Vec<String> = app
            .current()
            .unwrap()
            .0
            .sources
            .iter()
            .filter_map(|s| s.url.clone())
            .collect();
        assert_eq!(
            press(&mut app, KeyCode::Char('o')),
            Some(Command::Open(urls[0].clone()))
        );
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.source_row(), 1);
        assert_eq!(
            press(&mut app, KeyCode::Char('y')),
            Some(Command::Copy(urls[1].clone()))
        );
        app.update(Msg::Notice("copied".into()));
        let frame = crate::ui::frame_text(&mut app, 120, 40);
        assert!(frame.contains("▶ UN press release"), "{frame}");
        assert!(frame.contains(" copied"), "{frame}");
        press(&mut app, KeyCode::Char('G'));
        assert_eq!(app.source_row(), app.current().unwrap().0.sources.len() - 1);
        assert!(!is_web("file:///etc/passwd"));
        assert!(!is_web("javascript:alert(1)"));
        assert!(!is_web("https://x.org/a b"));
        assert!(is_web("HTTPS://un.org"));
    }

    #[test]
    fn the_timeline_axis_stays_within_the_calendar() {
        // The years labelled on the axis (its first row).
        fn years(app: &mut App) -> Vec<String> {
            let frame = crate::ui::frame_text(app, 120, 40);
            let axis = frame.lines().nth(2).unwrap_or_default();
            axis.trim_matches(|c: char| c == '┃' || c.is_whitespace())
                .split_whitespace()
                .map(str::to_string)
                .collect()
        }
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('T'));
        for _ in 0..10 {
            press(&mut app, KeyCode::Char('-'));
        }
        for _ in 0..30_000 {
            press(&mut app, KeyCode::Char('l'));
        }
        assert_eq!(years(&mut app).last().map(String::as_str), Some("9999"));
        // One step back moves the axis at once: the pan did not run on past the end.
        press(&mut app, KeyCode::Char('h'));
        assert_ne!(years(&mut app).last().map(String::as_str), Some("9999"));
        for _ in 0..60_000 {
            press(&mut app, KeyCode::Char('h'));
        }
        assert_eq!(years(&mut app).first().map(String::as_str), Some("1"));
        press(&mut app, KeyCode::Char('l'));
        assert_ne!(years(&mut app).first().map(String::as_str), Some("1"));
    }

    #[test]
    fn time_travel_moves_the_timeline_today_line() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('T'));
        let before = crate::ui::frame_text(&mut app, 120, 40);
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('}'),
            KeyModifiers::NONE,
        )));
        let after = crate::ui::frame_text(&mut app, 120, 40);
        assert_ne!(before, after);
        assert!(after.contains("today 22 Oct 2025"), "{after}");
    }

    #[test]
    fn tab_cycles_focus_through_every_panel_and_back() {
        let mut app = seed_app();
        let panels = app.panels();
        assert_eq!(panels.len(), 8);
        let start = app.focus();
        let mut seen = vec![start];
        for _ in 1..panels.len() {
            press(&mut app, KeyCode::Tab);
            seen.push(app.focus());
        }
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.focus(), start);
        seen.sort_by_key(|p| p.index());
        seen.dedup();
        assert_eq!(seen.len(), 8);
        press(&mut app, KeyCode::BackTab);
        let back =
            (panels.iter().position(|&p| p == start).unwrap() + panels.len() - 1) % panels.len();
        assert_eq!(app.focus(), panels[back]);
    }

    #[test]
    fn digits_jump_to_numbered_panels() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('4'));
        assert_eq!(app.focus(), Panel::Strength);
        press(&mut app, KeyCode::Char('1'));
        assert_eq!(app.focus(), Panel::Missions);
        press(&mut app, KeyCode::Char('9'));
        assert_eq!(app.focus(), Panel::Missions, "no panel 9: focus stays");
    }

    #[test]
    fn mission_selection_moves_and_stops_at_the_ends() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('1'));
        let first = app.current().unwrap().0.id.clone();
        assert_eq!(first, "mss", "soonest expiry first");
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Down);
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Char('g'));
        assert_eq!(app.current().unwrap().0.id, "mss");
        press(&mut app, KeyCode::End);
        assert_eq!(app.current().unwrap().0.id, "gsf");
    }

    #[test]
    fn zoom_help_and_escape() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Enter);
        assert!(app.zoomed());
        press(&mut app, KeyCode::Char('?'));
        assert!(app.help_shown());
        press(&mut app, KeyCode::Tab);
        assert_eq!(
            app.focus(),
            Panel::Missions,
            "keys other than help's own are ignored under help"
        );
        press(&mut app, KeyCode::Esc);
        assert!(!app.help_shown());
        assert!(app.zoomed(), "the first Esc closes only the overlay");
        press(&mut app, KeyCode::Esc);
        assert!(!app.zoomed());
        press(&mut app, KeyCode::Char('?'));
        press(&mut app, KeyCode::Char('?'));
        assert!(!app.help_shown());
    }

    /// The line of the `[[mission]]` header whose table has `id = "<id>"`.
    fn header_line(text: &str, id: &str) -> usize {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim() == format!("id = \"{id}\""))
            .unwrap();
        lines[..at]
            .iter()
            .rposition(|l| l.trim() == "[[mission]]")
            .unwrap()
            + 1
    }

    #[test]
    fn e_edits_the_file_at_the_selected_missions_header() {
        let mut app = seed_app();
        let path = std::path::PathBuf::from("data/mss-haiti.toml");
        let text = crate::source::BUILTIN;
        let first = app.current().unwrap().0.id.clone();
        assert_eq!(
            press(&mut app, KeyCode::Char('e')),
            Some(Command::Edit {
                path: path.clone(),
                line: header_line(text, &first),
            })
        );
        press(&mut app, KeyCode::Char('j'));
        let second = app.current().unwrap().0.id.clone();
        assert_ne!(first, second);
        let want = Command::Edit {
            path,
            line: header_line(text, &second),
        };
        assert_ne!(header_line(text, &first), header_line(text, &second));
        // From any panel of the dashboard, but not from the timeline.
        press(&mut app, KeyCode::Char('4'));
        assert_eq!(press(&mut app, KeyCode::Char('e')), Some(want));
        assert_eq!(app.notice(), None);
        press(&mut app, KeyCode::Char('T'));
        assert_eq!(press(&mut app, KeyCode::Char('e')), None);
    }

    #[test]
    fn e_on_the_built_in_copy_says_it_cannot_be_edited() {
        let now = super::super::testing::instant("2025-09-22T16:00:00Z");
        let origin = crate::source::Origin::Builtin;
        let mut app = App::showing(&origin, crate::source::load(&origin), now, (120, 40));
        assert_eq!(press(&mut app, KeyCode::Char('e')), None);
        let notice = app.notice().unwrap();
        assert!(
            notice.contains("built-in copy cannot be edited"),
            "{notice}"
        );
        assert!(notice.contains("mandate --init"), "{notice}");
    }

    #[test]
    fn e_on_a_file_that_never_loaded_opens_its_first_line() {
        let now = super::super::testing::instant("2025-09-22T16:00:00Z");
        let origin = crate::source::Origin::File("nowhere/missing.toml".into());
        let mut app = App::new(&origin, now, None);
        app.update(Msg::FileChanged {
            event: FileEvent::Failed(crate::source::Problem::Missing),
            at: now,
        });
        assert_eq!(
            press(&mut app, KeyCode::Char('e')),
            Some(Command::Edit {
                path: "nowhere/missing.toml".into(),
                line: 1,
            })
        );
    }
}
