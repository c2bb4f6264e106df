//! Sources: title, date and URL of each.

use ratatui::text::Line;

use super::{placeholder, PanelView};
use crate::app::App;
use crate::domain::Mission;
use crate::ui::fit::{fit, wrap};
use crate::ui::format::date;
use crate::ui::theme::Theme;

fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    if m.sources.is_empty() {
        return placeholder("no sources in the file", width, theme);
    }
    let mut out = Vec::new();
    for s in &m.sources {
        let when = s
            .date
            .map(|d| format!(" ({})", date(d)))
            .unwrap_or_default();
        for (i, l) in wrap(&format!("{}{when}", s.title), w.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 { "•" } else { " " };
            out.push(Line::from(format!("{lead} {l}")));
        }
        if let Some(u) = &s.url {
            out.push(Line::styled(
                format!("  {}", fit(u, w.saturating_sub(2))),
                theme.link(),
            ));
        }
    }
    out
}

pub struct Sources;

impl PanelView for Sources {
    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        app.current()
            .map_or_else(Vec::new, |(m, _)| lines(m, width, theme))
    }
}
