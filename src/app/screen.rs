//! The screen under any overlay: the dashboard's panels or the timeline, and the keys
//! each takes. What `j` does in the timeline is here.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keys::Action;
use super::{step, App, Command, Drawn, Extent, Handled, Panel, Timeline, View};

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
            Action::PanBack => timeline.pan_by(-1),
            Action::PanForward => timeline.pan_by(1),
            Action::Today => timeline.pan = 0,
            Action::Up => self.select_by(-1),
            Action::Down => self.select_by(1),
            Action::PageUp => self.select_by(-page),
            Action::PageDown => self.select_by(page),
            Action::Top => self.select_by(i64::MIN / 2),
            Action::Bottom => self.select_by(i64::MAX / 2),
            // The dashboard's own keys do nothing on the timeline.
            Action::NextPanel | Action::PrevPanel | Action::Jump => {}
            Action::Open | Action::Copy => {}
            _ => return Handled::Passed,
        }
        Handled::Used(None)
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
