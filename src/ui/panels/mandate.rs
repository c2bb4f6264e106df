//! The mandate: the authorization periods as a timeline, and the current period elapsed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{gauge, PanelView};
use crate::app::App;
use crate::domain::format::{date, personnel};
use crate::domain::signals;
use crate::domain::state::State;
use crate::domain::Mission;
use crate::ui::fit::{fit_spans, wrap};
use crate::ui::theme::Theme;

fn fixed_height(app: &App) -> u16 {
    u16::from(app.current().is_some())
}

fn render_fixed(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
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

/// The periods drawn on a time axis from the first start to the last end (or today):
/// `━` where a period is in force, `┃` where a later period starts (a renewal), `╌` in a
/// gap, `●` today. Years at both ends. The axis reaches from today or the first start,
/// whichever is earlier, to today or the last end, whichever is later.
pub fn timeline(m: &Mission, s: &State, width: usize, theme: &Theme) -> Option<Line<'static>> {
    let first_start = m.mandates.iter().map(|p| p.start).min()?;
    let first = first_start.min(s.today);
    let last_end = m.mandates.iter().map(|p| p.end.unwrap_or(s.today)).max()?;
    let last = last_end.max(s.today);
    let from = first.format("%Y").to_string();
    let to = last.format("%Y").to_string();
    let bar = width.checked_sub(from.len() + to.len() + 2)?;
    if bar < 8 {
        return None;
    }
    let span = i128::from((last - first).num_days()).max(1) + 1;
    let day_at = |i: usize| first + chrono::Duration::days((span * i as i128 / bar as i128) as i64);
    let today_cell = (i128::from((s.today - first).num_days()) * bar as i128 / span) as usize;
    let mut cells = String::with_capacity(bar * 3);
    for i in 0..bar {
        let (a, b) = (day_at(i), day_at(i + 1));
        let covered = m.mandates.iter().any(|p| {
            p.start < b.max(a + chrono::Duration::days(1)) && p.end.is_none_or(|e| e >= a)
        });
        let renewal = m
            .mandates
            .iter()
            .any(|p| p.start > first_start && p.start >= a && p.start < b);
        cells.push(if i == today_cell.min(bar - 1) {
            '●'
        } else if renewal {
            '┃'
        } else if covered {
            '━'
        } else {
            '╌'
        });
    }
    Some(Line::from(vec![
        Span::styled(format!("{from} "), theme.dim()),
        Span::styled(cells, theme.gauge(false)),
        Span::styled(format!(" {to}"), theme.dim()),
    ]))
}

fn lines(m: &Mission, s: &State, all: &[Mission], width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut order: Vec<usize> = (0..m.mandates.len()).collect();
    order.sort_by_key(|&i| m.mandates[i].start);
    let mut out: Vec<Line<'static>> = timeline(m, s, w, theme).into_iter().collect();
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
        out.push(Line::from(fit_spans(spans, w)));
        let mut facts = Vec::new();
        if let Some(a) = p.adopted {
            facts.push(format!("adopted {}", date(a)));
        }
        if let Some(v) = &p.vote {
            facts.push(format!("vote {v}"));
        }
        if let Some(a) = &p.authorized {
            facts.push(format!("ceiling {}", personnel(a)));
        }
        if !facts.is_empty() {
            for l in wrap(&facts.join(" · "), w.saturating_sub(4)) {
                out.push(Line::styled(format!("    {l}"), theme.label()));
            }
        }
        if let Some(n) = &p.note {
            for l in wrap(n, w.saturating_sub(4)) {
                out.push(Line::styled(format!("    {l}"), theme.dim()));
            }
        }
    }
    // The signals of a hard renewal, from the file alone, under the periods.
    if let Some(l) = signals::line(&signals::signals(m, all)) {
        for l in wrap(&l, w) {
            out.push(Line::styled(l, theme.label()));
        }
    }
    out
}

pub struct Mandate;

impl PanelView for Mandate {
    fn fixed_height(&self, app: &App, _area: Rect) -> u16 {
        fixed_height(app)
    }

    fn draw_fixed(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render_fixed(app, area, buf, theme);
    }

    fn ticks(&self) -> bool {
        true
    }

    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        let all = app.data().map_or(&[][..], |d| d.missions.as_slice());
        app.current()
            .map_or_else(Vec::new, |(m, s)| lines(m, s, all, width, theme))
    }
}

#[cfg(test)]
mod timeline_tests {
    use super::*;
    use crate::app::testing::builtin_app;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_timeline_shows_the_renewal_and_today_and_fits_its_width() {
        let app = builtin_app("2025-09-22T12:00:00-04:00");
        let (m, s) = app.current().unwrap();
        assert_eq!(m.id, "mss");
        for width in [18usize, 40, 200] {
            let line = timeline(m, s, width, &Theme::new(false)).unwrap();
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            assert_eq!(text.width(), width, "{text}");
            assert!(
                text.starts_with("2023 ") && text.ends_with(" 2025"),
                "{text}"
            );
            assert!(
                text.contains('┃'),
                "the renewal of Oct 2024 is marked: {text}"
            );
            assert!(text.contains('●'), "today is marked: {text}");
            assert!(
                !text.contains('╌'),
                "no gap between the two periods: {text}"
            );
        }
        assert!(
            timeline(m, s, 17, &Theme::new(false)).is_none(),
            "too narrow: none"
        );
    }

    #[test]
    fn the_signals_line_follows_the_periods() {
        let app = builtin_app("2025-09-22T12:00:00-04:00");
        let (m, s) = app.current().unwrap();
        let all = &app.data().unwrap().missions;
        let text: Vec<String> = lines(m, s, all, 200, &Theme::new(false))
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text.last().map(String::as_str),
            Some("last 2 votes: 13-0-2, unanimous; periods 12 -> 12 months; successor GSF")
        );
    }
}
