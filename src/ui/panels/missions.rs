//! The mission list: soonest expiry first; the selection drives the other panels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::PanelView;
use crate::app::{App, Extent, Panel};
use crate::ui::chrome::scroll_marks;
use crate::ui::fit::{fit, pad};
use crate::ui::format::phase_detail;
use crate::ui::theme::Theme;

pub struct Missions;

impl PanelView for Missions {
    fn draw_body(
        &self,
        app: &App,
        _panel: Panel,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) -> Extent {
        let extent = Extent {
            rows: area.height,
            lines: app.order().len(),
        };
        render(app, area, buf, theme);
        extent
    }
}

fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(data) = app.data() else { return };
    let h = usize::from(area.height);
    // Only the visible rows are built: the window keeps the selection in view.
    let offset = app.selected_row().saturating_sub(h.saturating_sub(1));
    let w = usize::from(area.width);
    let longest = data
        .missions
        .iter()
        .map(|m| m.short.width())
        .max()
        .unwrap_or(4);
    let short_w = longest.clamp(3, (w / 3).max(3));
    let mut lines = Vec::with_capacity(h);
    for (row, &i) in app.order().iter().enumerate().skip(offset).take(h) {
        let m = &data.missions[i];
        let s = &app.states()[i];
        let sel = row == app.selected_row();
        let mark = if sel { "▶" } else { " " };
        let name = pad(&m.short, short_w);
        let phase = pad(s.phase.word(), 9);
        let rest = w.saturating_sub(short_w + 9 + 3);
        let mut line = Line::from(vec![
            Span::raw(format!("{mark} {name} ")),
            Span::styled(phase, theme.phase(s.phase)),
            Span::raw(fit(&phase_detail(s), rest)),
        ]);
        if sel {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    Paragraph::new(lines).render(area, buf);
    scroll_marks(offset > 0, offset + h < app.order().len(), area, buf, theme);
}
