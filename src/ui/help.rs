//! The help overlay, built from the key table so it never drifts from behaviour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

use super::fit::{cells, pad};
use super::theme::Theme;
use crate::app::keys::BINDINGS;
use crate::app::Extent;

/// Draws the help over `area` and returns what scrolls in it.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, scroll: usize) -> Extent {
    let w = area.width.min(72);
    let h = area.height.min(cells(BINDINGS.len()).saturating_add(4));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(r, buf);
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
    let extent = Extent {
        rows: inner.height,
        lines: lines.len(),
    };
    Paragraph::new(lines)
        .scroll((cells(scroll.min(extent.max_scroll())), 0))
        .render(inner, buf);
    extent
}

#[cfg(test)]
mod tests {
    use crate::app::testing::builtin_app;
    use crate::app::Msg;
    use crate::ui::frame_text;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(app: &mut crate::app::App, code: KeyCode) {
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Bug 1 of the architecture issue: at 60x18, scrolled to the end of the help, Up
    /// did nothing visible for many presses (the app and the view had two limits).
    #[test]
    fn at_the_end_of_the_help_one_up_scrolls_back_one_line() {
        let mut app = builtin_app("2025-09-22T12:00:00-04:00");
        let (w, h) = (60, 18);
        app.update(Msg::Resize(w, h));
        frame_text(&mut app, w, h);
        press(&mut app, KeyCode::Char('?'));
        let mut last = frame_text(&mut app, w, h);
        for _ in 0..40 {
            press(&mut app, KeyCode::Down);
            last = frame_text(&mut app, w, h);
        }
        assert!(last.contains("quit"), "scrolled to the end:\n{last}");
        press(&mut app, KeyCode::Up);
        let up = frame_text(&mut app, w, h);
        assert_ne!(up, last, "one Up must scroll the help back");
        press(&mut app, KeyCode::Down);
        assert_eq!(frame_text(&mut app, w, h), last);
    }
}
