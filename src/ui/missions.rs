//! The mission list: soonest expiry first; the selection drives the other panels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{days, fit, pad, scroll_marks};
use crate::app::App;
use crate::model::{Phase, State};

/// "11 days", "starts in 3 days", "expired", "open-ended"
pub fn detail(s: &State) -> String {
    match s.phase {
        Phase::Active | Phase::Expiring => match s.days_remaining {
            Some(d) => days(d),
            None => "open-ended".into(),
        },
        Phase::Pending | Phase::Lapsed => match s.days_to_start {
            Some(d) => format!("starts in {}", days(d)),
            None => "not in force".into(),
        },
        Phase::Expired => "expired".into(),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(data) = &app.data else { return };
    let h = usize::from(area.height);
    // Only the visible rows are built: the window keeps the selection in view.
    let offset = app.selected.saturating_sub(h.saturating_sub(1));
    let w = usize::from(area.width);
    let longest = data
        .missions
        .iter()
        .map(|m| m.short.width())
        .max()
        .unwrap_or(4);
    let short_w = longest.clamp(3, (w / 3).max(3));
    let mut lines = Vec::with_capacity(h);
    for (row, &i) in app.order.iter().enumerate().skip(offset).take(h) {
        let m = &data.missions[i];
        let s = &app.states[i];
        let sel = row == app.selected;
        let mark = if sel { "▶" } else { " " };
        let name = pad(&m.short, short_w);
        let phase = pad(s.phase.word(), 9);
        let rest = w.saturating_sub(short_w + 9 + 3);
        let mut line = Line::from(vec![
            Span::raw(format!("{mark} {name} ")),
            Span::styled(phase, theme.phase(s.phase)),
            Span::raw(fit(&detail(s), rest)),
        ]);
        if sel {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    Paragraph::new(lines).render(area, buf);
    scroll_marks(offset > 0, offset + h < app.order.len(), area, buf, theme);
}
