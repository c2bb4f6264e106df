//! The mouse: a click selects the mission under it, or focuses the panel (on its title:
//! zooms it, like Enter); the wheel scrolls what is under the pointer.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Command, Dashboard, Panel, View};

/// Lines one notch of the wheel scrolls text.
const WHEEL_LINES: i64 = 3;

impl App {
    /// What a mouse event can change, to tell whether one did.
    pub(super) fn mouse_reach(&self) -> (Dashboard, usize) {
        (self.screen.dashboard, self.listing.selected_row)
    }

    pub(super) fn mouse(&mut self, ev: MouseEvent) -> Option<Command> {
        if self.overlay.is_some() {
            return None;
        }
        let (x, y) = (ev.column, ev.row);
        let wheel = match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(x, y);
                return None;
            }
            MouseEventKind::ScrollUp => -1,
            MouseEventKind::ScrollDown => 1,
            _ => return None,
        };
        if self.screen.shown == View::Timeline {
            if self
                .drawn
                .timeline
                .is_some_and(|(r, _)| r.contains(ratatui::layout::Position::new(x, y)))
            {
                self.select_by(wheel);
            }
            return None;
        }
        match self.drawn.panel_at(x, y) {
            Some((p @ (Panel::Missions | Panel::Sources), _)) => self.move_in(p, wheel),
            Some((p, _)) => self.move_in(p, wheel * WHEEL_LINES),
            None => {}
        }
        None
    }

    fn click(&mut self, x: u16, y: u16) {
        let timeline = self.screen.shown == View::Timeline;
        if let Some(row) = self.drawn.row_at(x, y) {
            if !timeline {
                self.screen.dashboard.focus = Panel::Missions;
            }
            self.select_row(row);
            return;
        }
        if timeline {
            return;
        }
        if let Some((p, title)) = self.drawn.panel_at(x, y) {
            let d = &mut self.screen.dashboard;
            d.focus = p;
            if title {
                d.zoom = !d.zoom;
            }
        }
    }
}
