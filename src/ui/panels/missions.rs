//! The mission list: those the filter matches, in the sort's order (soonest expiry
//! first by default); the selection drives the other panels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::PanelView;
use crate::app::{App, Extent, Panel};
use crate::domain::format::phase_detail;
use crate::ui::chrome::scroll_marks;
use crate::ui::fit::{fit, pad, wrap};
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

    fn title_note(&self, app: &App) -> String {
        title_note(app)
    }

    fn rows(&self, app: &App, area: Rect) -> Vec<(Rect, usize)> {
        let h = usize::from(area.height);
        let offset = first_row(app, h);
        (offset..app.order().len().min(offset + h))
            .map(|row| {
                let y = area.y + u16::try_from(row - offset).unwrap_or(0);
                (Rect::new(area.x, y, area.width, 1), row)
            })
            .collect()
    }
}

/// " /congo 1 of 24 · by expiry": the filter (with what it leaves of how many) and the
/// sort, after the title.
pub fn title_note(app: &App) -> String {
    let total = app.data().map_or(0, |d| d.missions.len());
    if app.filter().is_empty() {
        format!(" · {}", app.sort().label())
    } else {
        format!(
            " /{} {} of {total} · {}",
            app.filter(),
            app.order().len(),
            app.sort().label()
        )
    }
}

/// "no mission matches /xyz" (wrapped to `width`).
pub fn no_match(app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    wrap(
        &format!("no mission matches /{}", app.filter()),
        width.into(),
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.warn()))
    .collect()
}

/// The first row shown of a list `h` rows high: the window keeps the selection in view.
pub fn first_row(app: &App, h: usize) -> usize {
    app.selected_row().saturating_sub(h.saturating_sub(1))
}

fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(data) = app.data() else { return };
    if app.order().is_empty() {
        Paragraph::new(no_match(app, area.width, theme)).render(area, buf);
        return;
    }
    let h = usize::from(area.height);
    // Only the visible rows are built: the window keeps the selection in view.
    let offset = first_row(app, h);
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
        // "EXPIRING " fits every word but "UNRECORDED", whose detail starts further on.
        let phase_w = (s.phase.word().len() + 1).max(9);
        let phase = pad(s.phase.word(), phase_w);
        let rest = w.saturating_sub(short_w + phase_w + 3);
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
