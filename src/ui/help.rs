//! The help overlay, built from the key table so it never drifts from behaviour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use super::theme::Theme;
use super::{clear, pad};
use crate::keys::BINDINGS;

pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, scroll: u16) {
    let w = area.width.min(72);
    let h = area
        .height
        .min(super::cells(BINDINGS.len()).saturating_add(4));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    clear(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Keys — ? or Esc to close ", theme.title()));
    let inner = block.inner(r);
    block.render(r, buf);
    let mut lines = vec![Line::styled(
        "The focused panel has a thick border and ▶ in its title.",
        theme.dim(),
    )];
    for b in BINDINGS {
        lines.push(Line::from(vec![
            Span::styled(pad(b.label, 12), theme.strong()),
            Span::raw(b.help),
        ]));
    }
    let max = super::cells(lines.len()).saturating_sub(inner.height);
    Paragraph::new(lines)
        .scroll((scroll.min(max), 0))
        .render(inner, buf);
}
