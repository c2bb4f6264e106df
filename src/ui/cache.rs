//! The frame cache: idle, the dashboard redraws once a second, and only the countdown,
//! the elapsed gauge and the clock change then, so only they are drawn again over the
//! last frame's static parts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{render_static, render_ticking};
use crate::app::{App, Drawn};

/// The last frame's static parts, and what they were drawn from: the app's revision
/// (which every change but the clock's bumps) and the area.
#[derive(Debug, Default)]
pub struct FrameCache {
    key: Option<(u64, Rect)>,
    base: Option<Buffer>,
    drawn: Drawn,
}

impl FrameCache {
    /// Draws the screen like [`super::render`], reusing the static parts when nothing
    /// they show has changed.
    pub fn render(&mut self, app: &App, area: Rect, buf: &mut Buffer) -> Drawn {
        let key = (app.revision(), area);
        if self.key != Some(key) || self.base.is_none() {
            let mut base = Buffer::empty(area);
            self.drawn = render_static(app, area, &mut base);
            self.base = Some(base);
            self.key = Some(key);
        }
        match &self.base {
            Some(base) if buf.area == area => buf.content.clone_from(&base.content),
            _ => {
                render_static(app, area, buf);
            }
        }
        let mut drawn = self.drawn.clone();
        drawn.help = render_ticking(app, area, buf).help;
        super::fit::settle_cells(buf);
        drawn
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::builtin_app;
    use crate::app::Msg;
    use crate::source::{FileEvent, Problem};
    use crate::ui::{buffer_text, render};
    use chrono::Duration;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn assert_same(app: &mut App, cache: &mut FrameCache, area: Rect, what: &str) {
        let mut full = Buffer::empty(area);
        let drawn = render(app, area, &mut full);
        let mut cached = Buffer::empty(area);
        let cached_drawn = cache.render(app, area, &mut cached);
        assert_eq!(buffer_text(&cached), buffer_text(&full), "{what}");
        assert_eq!(cached, full, "styles differ: {what}");
        assert_eq!(cached_drawn, drawn, "measures differ: {what}");
        app.update(Msg::Drawn(Box::new(drawn)));
    }

    #[test]
    fn the_cached_frame_is_always_the_full_frame() {
        let mut app = builtin_app("2025-10-02T23:59:50-04:00");
        let start = app.now();
        let mut cache = FrameCache::default();
        let mut area = Rect::new(0, 0, 120, 40);
        // Across the MSS's last midnight (it expires), second by second.
        for i in 0..20 {
            app.update(Msg::Tick(start + Duration::seconds(i)));
            assert_same(&mut app, &mut cache, area, &format!("tick {i}"));
        }
        let keys = [
            KeyCode::Tab,
            KeyCode::Char('1'),
            KeyCode::Char('j'),
            KeyCode::Char(']'),
            KeyCode::Enter,
            KeyCode::Char('?'),
            KeyCode::Down,
            KeyCode::Esc,
            KeyCode::Esc,
            KeyCode::Char('5'),
            KeyCode::PageDown,
            KeyCode::Char('t'),
            KeyCode::Char('T'),
            KeyCode::Char('-'),
            KeyCode::Char('l'),
            KeyCode::Char('j'),
            KeyCode::Char('}'),
            KeyCode::Char('/'),
            KeyCode::Char('g'),
            KeyCode::Enter,
            KeyCode::Char('s'),
            KeyCode::Esc,
            KeyCode::Char(':'),
            KeyCode::Char('x'),
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Char('t'),
        ];
        for k in keys {
            app.update(Msg::Key(KeyEvent::new(k, KeyModifiers::NONE)));
            assert_same(&mut app, &mut cache, area, &format!("after {k:?}"));
        }
        for (w, h) in [(80, 24), (60, 18), (30, 10), (200, 60)] {
            area = Rect::new(0, 0, w, h);
            app.update(Msg::Resize(w, h));
            assert_same(&mut app, &mut cache, area, &format!("at {w}x{h}"));
        }
        let at = app.now();
        app.update(Msg::FileChanged {
            event: FileEvent::Failed(Problem::Missing),
            at,
        });
        assert_same(&mut app, &mut cache, area, "file missing");
    }
}
