//! Sources: title, date and URL of each.

use ratatui::text::Line;

use super::theme::Theme;
use super::{date, fit, wrap};
use crate::data::Mission;

pub fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    if m.sources.is_empty() {
        return super::wrap("no sources in the file", w)
            .into_iter()
            .map(|l| Line::styled(l, theme.label()))
            .collect();
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
