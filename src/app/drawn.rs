//! What the view reports back after drawing: the figures only drawing knows (how many
//! rows each panel's text had, how long that text is, and where things went on the
//! screen), so `update` can scroll and map a click without knowing the layout.

use ratatui::layout::{Position, Rect};

use super::Panel;

/// One scrolling area as last drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Extent {
    /// Rows the scrolling text had on screen.
    pub rows: u16,
    /// Lines of scrolling text (for the mission list: missions).
    pub lines: usize,
}

impl Extent {
    /// How far the text can scroll: its lines less one screenful.
    pub fn max_scroll(self) -> usize {
        self.lines.saturating_sub(usize::from(self.rows))
    }

    /// Rows in a page (one row of the last page stays in view).
    pub fn page(self) -> usize {
        usize::from(self.rows.max(2) - 1)
    }
}

/// The scrolling areas of the last frame: each panel's (`None` when not shown) and the
/// help overlay's; and where things were drawn, for the mouse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Drawn {
    pub panels: [Option<Extent>; Panel::COUNT],
    pub help: Extent,
    /// Where each panel's block was drawn (its top row holds the title).
    pub places: [Option<Rect>; Panel::COUNT],
    /// The timeline's rows (the area and what scrolls in it), when it is shown.
    pub timeline: Option<(Rect, Extent)>,
    /// Every screen row that shows a mission (in the list or the timeline): the row's
    /// area and its place in `App::order`.
    pub rows: Vec<(Rect, usize)>,
}

impl Drawn {
    pub fn panel(&self, p: Panel) -> Option<Extent> {
        self.panels[p.index()]
    }

    /// The mission row (its place in the order) drawn at `x`, `y`, if any.
    pub fn row_at(&self, x: u16, y: u16) -> Option<usize> {
        let at = Position::new(x, y);
        self.rows
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|&(_, row)| row)
    }

    /// The panel drawn at `x`, `y`, and whether that cell is on its title row.
    pub fn panel_at(&self, x: u16, y: u16) -> Option<(Panel, bool)> {
        let at = Position::new(x, y);
        Panel::ALL.into_iter().find_map(|p| {
            let r = self.places[p.index()]?;
            r.contains(at).then_some((p, y == r.y))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scroll_limits() {
        let e = Extent {
            rows: 10,
            lines: 25,
        };
        assert_eq!(e.max_scroll(), 15);
        assert_eq!(e.page(), 9);
        assert_eq!(Extent { rows: 10, lines: 3 }.max_scroll(), 0);
        assert_eq!(Extent::default().page(), 1);
    }

    #[test]
    fn hits_find_the_row_and_the_panel_and_its_title() {
        let mut d = Drawn::default();
        d.places[Panel::Status.index()] = Some(Rect::new(10, 1, 20, 5));
        d.rows.push((Rect::new(1, 2, 8, 1), 3));
        assert_eq!(d.row_at(4, 2), Some(3));
        assert_eq!(d.row_at(4, 3), None);
        assert_eq!(d.panel_at(12, 1), Some((Panel::Status, true)));
        assert_eq!(d.panel_at(12, 4), Some((Panel::Status, false)));
        assert_eq!(d.panel_at(30, 4), None);
    }
}
