//! The mandate: the authorization periods as a timeline, and the current period elapsed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use super::{date, gauge, wrap};
use crate::app::App;
use crate::data::Mission;
use crate::model::State;

pub fn fixed_height(app: &App) -> u16 {
    u16::from(app.current().is_some())
}

pub fn render_fixed(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some((_, s)) = app.current() else { return };
    match s.mandate_elapsed_ratio {
        Some(r) => gauge(
            r,
            format!("{:.0}% of the current period elapsed", r * 100.0),
            theme.gauge(false),
        )
        .render(area, buf),
        None => Paragraph::new(Line::styled(
            "no dated period in force today",
            theme.label(),
        ))
        .render(area, buf),
    }
}

pub fn lines(m: &Mission, s: &State, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut order: Vec<usize> = (0..m.mandates.len()).collect();
    order.sort_by_key(|&i| m.mandates[i].start);
    let mut out = Vec::new();
    for i in order {
        let p = &m.mandates[i];
        let now = s.current_period == Some(i);
        let mark = if now { "▶" } else { "·" };
        let end = p.end.map_or("open-ended".to_string(), date);
        let res = p
            .resolution
            .clone()
            .unwrap_or_else(|| "(no resolution)".into());
        let mut spans = vec![
            Span::styled(
                format!("{mark} {res}  "),
                if now { theme.strong() } else { theme.text() },
            ),
            Span::raw(format!("{} → {end}", date(p.start))),
        ];
        if p.final_ {
            spans.push(Span::styled("  FINAL", theme.warn()));
        }
        out.push(Line::from(super::fit_spans(spans, w)));
        let mut facts = Vec::new();
        if let Some(a) = p.adopted {
            facts.push(format!("adopted {}", date(a)));
        }
        if let Some(v) = &p.vote {
            facts.push(format!("vote {v}"));
        }
        if !facts.is_empty() {
            out.push(Line::styled(
                format!("    {}", facts.join(" · ")),
                theme.label(),
            ));
        }
        if let Some(n) = &p.note {
            for l in wrap(n, w.saturating_sub(4)) {
                out.push(Line::styled(format!("    {l}"), theme.dim()));
            }
        }
    }
    out
}
