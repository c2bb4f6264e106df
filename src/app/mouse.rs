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

#[cfg(test)]
mod tests {
    use super::super::testing::{builtin_app, press};
    use super::super::*;
    use ratatui::crossterm::event::{
        KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
    };

    fn seed() -> App {
        builtin_app("2025-09-22T12:00:00-04:00")
    }

    fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
        app.update(Msg::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }));
    }

    fn click(app: &mut App, x: u16, y: u16) {
        mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
    }

    /// A frame at 120x40, reported back, so the mouse has places to hit.
    fn drawn(app: &mut App) -> Drawn {
        crate::ui::frame_text(app, 120, 40);
        app.drawn.clone()
    }

    #[test]
    fn a_click_focuses_a_panel_and_a_title_click_zooms_it() {
        let mut app = seed();
        let d = drawn(&mut app);
        let r = d.places[Panel::Strength.index()].unwrap();
        click(&mut app, r.x + 2, r.y + 2);
        assert_eq!(app.focus(), Panel::Strength);
        assert!(!app.zoomed());
        click(&mut app, r.x + 4, r.y);
        assert!(app.zoomed(), "a click on the title zooms");
        let d = drawn(&mut app);
        let r = d.places[Panel::Strength.index()].unwrap();
        click(&mut app, r.x + 4, r.y);
        assert!(!app.zoomed(), "and again: back");
    }

    #[test]
    fn a_click_on_a_mission_selects_it_in_the_list_and_the_timeline() {
        let mut app = seed();
        press(&mut app, KeyCode::Char('2'));
        let d = drawn(&mut app);
        let (row, _) = d.rows.iter().find(|(_, k)| *k == 1).copied().unwrap();
        click(&mut app, row.x + 3, row.y);
        assert_eq!(app.current().unwrap().0.id, "gsf");
        assert_eq!(app.focus(), Panel::Missions);
        press(&mut app, KeyCode::Char('T'));
        let d = drawn(&mut app);
        let (row, _) = d.rows.iter().find(|(_, k)| *k == 0).copied().unwrap();
        click(&mut app, row.x + 30, row.y);
        assert_eq!(app.current().unwrap().0.id, "mss");
        mouse(&mut app, MouseEventKind::ScrollDown, row.x + 30, row.y);
        assert_eq!(
            app.current().unwrap().0.id,
            "gsf",
            "the wheel moves the rows"
        );
    }

    #[test]
    fn the_wheel_scrolls_the_panel_under_the_pointer_not_the_focused_one() {
        let mut app = seed();
        let d = drawn(&mut app);
        let r = d.places[Panel::Strength.index()].unwrap();
        let rev = app.revision();
        mouse(&mut app, MouseEventKind::ScrollDown, r.x + 2, r.y + 3);
        assert_eq!(app.scroll(Panel::Strength), 3);
        assert_eq!(app.focus(), Panel::Missions, "the focus stays");
        assert!(app.revision() > rev);
        mouse(&mut app, MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
        assert_eq!(app.scroll(Panel::Strength), 0);
        let rev = app.revision();
        mouse(&mut app, MouseEventKind::Moved, r.x, r.y);
        mouse(&mut app, MouseEventKind::Up(MouseButton::Left), r.x, r.y);
        mouse(&mut app, MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
        assert_eq!(app.revision(), rev, "nothing changed: no redraw");
    }
}
