//! Strength: deployed against authorized, the history, and the contributors.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget};

use super::{gauge, PanelView};
use crate::app::App;
use crate::domain::Mission;
use crate::ui::fit::{cells, fit, pad, wrap};
use crate::ui::format::{date, thousands};
use crate::ui::theme::Theme;

/// "1,000 / 2,500 (40%)"
fn label(deployed: i64, authorized: i64) -> String {
    let pct = (deployed as f64 / authorized as f64 * 100.0).round();
    format!(
        "{} / {} ({pct}%)",
        thousands(deployed),
        thousands(authorized)
    )
}

/// Gauge row, "as of" row, and a sparkline of the history when there is room.
fn fixed_height(app: &App, area: Rect) -> u16 {
    match app.current() {
        Some((m, _)) if m.strength.figures.len() > 1 => 2 + sparkline_height(area),
        Some(_) => 2,
        None => 0,
    }
}

/// Three rows of history in a tall panel, else one.
fn sparkline_height(body: Rect) -> u16 {
    if body.height >= 10 {
        3
    } else {
        1
    }
}

fn render_fixed(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some((m, s)) = app.current() else { return };
    let [g, asof, spark] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let authorized = m.strength.authorized;
    match (s.deployed, s.deployment_ratio) {
        (Some(d), Some(r)) => {
            gauge(r, label(d, authorized), theme.gauge(r > 1.0)).render(g, buf);
            let mut t = vec![Span::styled(
                format!(
                    "deployed, as of {}",
                    s.deployed_as_of.map(date).unwrap_or_default()
                ),
                theme.label(),
            )];
            if s.stale {
                t.push(Span::styled(" ⚑ STALE", theme.warn()));
            }
            if r > 1.0 {
                t.push(Span::styled(" ⚑ OVER STRENGTH", theme.warn()));
            }
            Paragraph::new(Line::from(t)).render(asof, buf);
        }
        _ => {
            let msg = format!(
                "authorized {}; no deployed figure yet",
                thousands(authorized)
            );
            Paragraph::new(Line::styled(fit(&msg, area.width.into()), theme.label()))
                .render(g, buf);
        }
    }
    if !spark.is_empty() && m.strength.figures.len() > 1 {
        let values: Vec<u64> = m
            .strength
            .figures
            .iter()
            .filter(|f| f.date <= s.today)
            .map(|f| f.deployed.max(0) as u64)
            .collect();
        let first = m
            .strength
            .figures
            .first()
            .map(|f| date(f.date))
            .unwrap_or_default();
        let caption = format!("history from {first}");
        let cw = cells(caption.chars().count()).saturating_add(1);
        let [sl, cap] = Layout::horizontal([
            Constraint::Length(
                cells(values.len())
                    .saturating_mul(2)
                    .min(spark.width.saturating_sub(cw)),
            ),
            Constraint::Fill(1),
        ])
        .areas(spark);
        let stretched: Vec<u64> = values.iter().flat_map(|&v| [v, v]).collect();
        Sparkline::default()
            .data(&stretched)
            .max(
                values
                    .iter()
                    .copied()
                    .max()
                    .unwrap_or(1)
                    .max(authorized.max(0) as u64),
            )
            .style(theme.gauge(false))
            .render(sl, buf);
        Paragraph::new(Line::styled(format!(" {caption}"), theme.dim())).render(cap, buf);
    }
}

fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut out = Vec::new();
    if !m.contributors.is_empty() {
        let cw = (w / 3).clamp(8, 24);
        out.push(Line::styled(
            fit(
                &format!(
                    "{}{:>9} {:>9}  role",
                    pad("contributor", cw),
                    "pledged",
                    "deployed"
                ),
                w,
            ),
            theme.label(),
        ));
        for c in &m.contributors {
            let n = |v: Option<i64>| v.map_or("—".to_string(), thousands);
            let row = format!(
                "{}{:>9} {:>9}  {}",
                pad(&c.country, cw),
                n(c.pledged),
                n(c.deployed),
                c.role.clone().unwrap_or_default()
            );
            out.push(Line::from(fit(&row, w)));
        }
    }
    if let Some(src) = &m.strength.source {
        for l in wrap(&format!("Source: {src}"), w) {
            out.push(Line::styled(l, theme.dim()));
        }
    }
    out
}

pub struct Strength;

impl PanelView for Strength {
    fn fixed_height(&self, app: &App, area: Rect) -> u16 {
        fixed_height(app, area)
    }

    fn draw_fixed(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render_fixed(app, area, buf, theme);
    }

    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        app.current()
            .map_or_else(Vec::new, |(m, _)| lines(m, width, theme))
    }
}
