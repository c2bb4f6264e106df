//! Sources: title, date and URL of each. Focused, it has a selected source (`▶`),
//! which `o` opens and `y` copies; the text scrolls to keep it in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{placeholder, scroll_text, PanelView};
use crate::app::{App, Extent, Panel};
use crate::domain::format::date;
use crate::domain::Mission;
use crate::ui::fit::{fit, wrap};
use crate::ui::theme::Theme;

/// The lines, and the first line of each source.
fn lines(
    m: &Mission,
    width: u16,
    selected: Option<usize>,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let w = usize::from(width);
    if m.sources.is_empty() {
        return (
            placeholder("no sources in the file", width, theme),
            Vec::new(),
        );
    }
    let mut out = Vec::new();
    let mut starts = Vec::with_capacity(m.sources.len());
    for (k, s) in m.sources.iter().enumerate() {
        starts.push(out.len());
        let sel = selected == Some(k);
        let when = s
            .date
            .map(|d| format!(" ({})", date(d)))
            .unwrap_or_default();
        for (i, l) in wrap(&format!("{}{when}", s.title), w.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = match (i, sel) {
                (0, true) => "▶",
                (0, false) => "•",
                _ => " ",
            };
            let line = Line::from(format!("{lead} {l}"));
            out.push(if sel && i == 0 {
                line.style(theme.strong())
            } else {
                line
            });
        }
        if let Some(u) = &s.url {
            out.push(Line::styled(
                format!("  {}", fit(u, w.saturating_sub(2))),
                theme.link(),
            ));
        }
    }
    (out, starts)
}

pub struct Sources;

impl PanelView for Sources {
    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        app.current()
            .map_or_else(Vec::new, |(m, _)| lines(m, width, None, theme).0)
    }

    /// Unfocused, the text scrolls as in any panel; focused, from the selected source.
    fn draw_body(
        &self,
        app: &App,
        panel: Panel,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) -> Extent {
        let focused = app.focus() == Panel::Sources;
        let (lines, starts) = app.current().map_or_else(Default::default, |(m, _)| {
            lines(m, area.width, focused.then_some(app.source_row()), theme)
        });
        let offset = if focused {
            starts.get(app.source_row()).copied().unwrap_or(0)
        } else {
            app.scroll(panel)
        };
        scroll_text(lines, offset, area, area, buf, theme)
    }
}
