//! The panels' bodies. Each file draws one panel behind the [`PanelView`] shape; [`view`]
//! is the one list that maps a [`Panel`] to its drawing.

mod countdown;
mod funding;
pub mod mandate;
pub mod missions;
mod progress;
mod sources;
mod status;
mod strength;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph, Widget};

use super::chrome::scroll_marks;
use super::fit::wrap;
use super::theme::Theme;
use crate::app::{App, Extent, Panel};

/// How a panel draws its body: fixed rows at the top (gauges) over scrolling text.
pub trait PanelView: Sync {
    /// Rows at the top of the body (of `area`) that do not scroll.
    fn fixed_height(&self, _app: &App, _area: Rect) -> u16 {
        0
    }

    /// Draws the fixed rows.
    fn draw_fixed(&self, _app: &App, _area: Rect, _buf: &mut Buffer, _theme: &Theme) {}

    /// Whether the fixed rows change with the clock (the countdown, the elapsed gauge):
    /// they are then drawn every second over the cached frame.
    fn ticks(&self) -> bool {
        false
    }

    /// The scrolling text under the fixed rows.
    fn lines(&self, _app: &App, _width: u16, _theme: &Theme) -> Vec<Line<'static>> {
        Vec::new()
    }

    /// Draws the body but the ticking rows, and returns what scrolls in it.
    fn draw_body(
        &self,
        app: &App,
        panel: Panel,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) -> Extent {
        let fixed = self.fixed_height(app, area).min(area.height);
        let [top, rest] =
            Layout::vertical([Constraint::Length(fixed), Constraint::Fill(1)]).areas(area);
        if !self.ticks() {
            self.draw_fixed(app, top, buf, theme);
        }
        let lines = self.lines(app, area.width, theme);
        scroll_text(lines, app.scroll(panel), rest, area, buf, theme)
    }

    /// More for the title after the panel's name (the list's filter and sort).
    fn title_note(&self, _app: &App) -> String {
        String::new()
    }

    /// The screen rows that show a mission, each with its place in `App::order` (for
    /// the mouse), as [`PanelView::draw_body`] lays them out in `area`.
    fn rows(&self, _app: &App, _area: Rect) -> Vec<(Rect, usize)> {
        Vec::new()
    }

    /// Draws the rows that change with the clock, if any.
    fn draw_ticking(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if self.ticks() {
            let h = self.fixed_height(app, area).min(area.height);
            self.draw_fixed(app, Rect { height: h, ..area }, buf, theme);
        }
    }
}

/// The drawing of each panel.
pub fn view(panel: Panel) -> &'static dyn PanelView {
    match panel {
        Panel::Missions => &missions::Missions,
        Panel::Status => &status::Status,
        Panel::Countdown => &countdown::Countdown,
        Panel::Strength => &strength::Strength,
        Panel::Mandate => &mandate::Mandate,
        Panel::Funding => &funding::Funding,
        Panel::Progress => &progress::Progress,
        Panel::Sources => &sources::Sources,
    }
}

/// Draws `lines` in `text` from `offset` (at most the last screenful), with ▲ / ▼ on the
/// right edge of `marks` when there is more; returns what scrolls.
pub fn scroll_text(
    lines: Vec<Line<'static>>,
    offset: usize,
    text: Rect,
    marks: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> Extent {
    let extent = Extent {
        rows: text.height,
        lines: lines.len(),
    };
    let offset = offset.min(extent.max_scroll());
    let more_below = lines.len() > offset + usize::from(text.height);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(text.height.into())
        .collect();
    Paragraph::new(visible).render(text, buf);
    scroll_marks(offset > 0, more_below, marks, buf, theme);
    extent
}

/// What a panel says when the file has nothing for it ("no sources in the file").
pub fn placeholder(text: &str, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    wrap(text, width.into())
        .into_iter()
        .map(|l| Line::styled(l, theme.label()))
        .collect()
}

/// A one-row gauge. The bar is clamped to 0..1 (ratatui panics otherwise); the label
/// carries the true figure.
pub fn gauge(ratio: f64, label: String, style: Style) -> Gauge<'static> {
    let r = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    Gauge::default()
        .ratio(r)
        .label(label)
        .gauge_style(style)
        .use_unicode(true)
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Msg};
    use crate::source::{self, Origin};
    use crate::ui::frame_text;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(app: &mut App, c: char) {
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }

    /// Scroll offsets were `u16`: with 70,000 contributors, End in Strength stopped at
    /// row 65,535.
    #[test]
    fn end_reaches_the_last_of_70000_contributors() {
        let mut src = String::from(
            "[[mission]]\nid = \"m\"\nname = \"M\"\n[[mission.mandate]]\nstart = 2025-01-01\nend = 2025-12-31\n[mission.strength]\nauthorized = 10\n",
        );
        for i in 0..70_000 {
            src.push_str(&format!("[[mission.contributor]]\ncountry = \"C{i}\"\n"));
        }
        let data = source::parse(src.as_bytes()).expect("a valid file");
        let now = crate::app::testing::instant("2025-06-01T12:00:00Z");
        let mut app = App::showing(
            &Origin::File("f.toml".into()),
            source::FileEvent::Loaded(Box::new(data)),
            now,
            (120, 40),
        );
        frame_text(&mut app, 120, 40);
        press(&mut app, '3'); // Strength (one mission: no list)
        press(&mut app, 'G');
        let frame = frame_text(&mut app, 120, 40);
        assert!(frame.contains("C69999"), "{frame}");
    }
}
