//! What the view reports back after drawing: the figures only drawing knows (how many
//! rows each panel's text had, and how long that text is), so `update` can scroll
//! without knowing the layout.

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
/// help overlay's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Drawn {
    pub panels: [Option<Extent>; Panel::COUNT],
    pub help: Extent,
}

impl Drawn {
    pub fn panel(&self, p: Panel) -> Option<Extent> {
        self.panels[p.index()]
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
}
