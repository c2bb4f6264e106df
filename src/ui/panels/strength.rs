//! Strength: deployed against the ceiling in force (in total, and by category where
//! both have categories), the history, the contributors, and where the figures come from.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget};

use super::{gauge, PanelView};
use crate::app::App;
use crate::domain::format::{date, thousands};
use crate::domain::state::State;
use crate::domain::{Category, Mission};
use crate::ui::fit::{cells, fit, pad, wrap};
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

/// The categories with both a ceiling and a figure: (category, deployed, ceiling, ratio).
fn category_gauges(s: &State) -> Vec<(Category, i64, i64, f64)> {
    let (Some(ratios), Some(cap), Some(have)) = (
        &s.deployment_ratio_by_category,
        &s.authorized_by_category,
        &s.deployed_by_category,
    ) else {
        return Vec::new();
    };
    let find = |v: &[(Category, i64)], c| v.iter().find(|(k, _)| *k == c).map(|(_, n)| *n);
    ratios
        .iter()
        .filter_map(|&(c, r)| Some((c, find(have, c)?, find(cap, c)?, r)))
        .collect()
}

fn history_len(m: &Mission) -> usize {
    m.strength.as_ref().map_or(0, |s| s.figures.len())
}

/// The total's two rows, a row per category gauge, and a sparkline of the history when
/// there is room.
fn fixed_height(app: &App, area: Rect) -> u16 {
    match app.current() {
        Some((m, s)) => {
            let categories = cells(category_gauges(s).len());
            let spark = if history_len(m) > 1 {
                sparkline_height(area)
            } else {
                0
            };
            2u16.saturating_add(categories).saturating_add(spark)
        }
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

/// What the first row says when there is no ratio to draw.
fn no_gauge(m: &Mission, s: &State) -> String {
    match (s.authorized, s.deployed) {
        (Some(a), None) => format!("authorized {}; no deployed figure yet", thousands(a)),
        (None, Some(d)) => format!("deployed {}; no ceiling in the file", thousands(d)),
        (Some(a), Some(d)) => format!("deployed {} of a ceiling of {}", thousands(d), thousands(a)),
        (None, None) if m.kind.as_deref() == Some("political") => {
            "no troop or police ceiling: political mission".into()
        }
        (None, None) => "no strength figures in the file".into(),
    }
}

fn render_fixed(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some((m, s)) = app.current() else { return };
    let gauges = category_gauges(s);
    let [g, asof, cats, spark] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(cells(gauges.len())),
        Constraint::Fill(1),
    ])
    .areas(area);
    match (s.deployed, s.authorized, s.deployment_ratio) {
        (Some(d), Some(a), Some(r)) => {
            gauge(r, label(d, a), theme.gauge(r > 1.0)).render(g, buf);
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
            Paragraph::new(Line::styled(
                fit(&no_gauge(m, s), area.width.into()),
                theme.label(),
            ))
            .render(g, buf);
        }
    }
    let name_w = 14u16.min(cats.width / 3);
    for (row, (c, have, cap, r)) in gauges.iter().enumerate() {
        let y = cats.y + cells(row);
        let [name, bar] = Layout::horizontal([Constraint::Length(name_w), Constraint::Fill(1)])
            .areas(Rect::new(cats.x, y, cats.width, 1));
        Paragraph::new(Line::styled(
            fit(c.label(), usize::from(name_w.saturating_sub(1))),
            theme.label(),
        ))
        .render(name, buf);
        gauge(*r, label(*have, *cap), theme.gauge(*r > 1.0)).render(bar, buf);
    }
    if let (false, Some(st)) = (spark.is_empty() || history_len(m) < 2, &m.strength) {
        let values: Vec<u64> = st
            .figures
            .iter()
            .filter(|f| f.date <= s.today)
            .map(|f| f.deployed.total().max(0) as u64)
            .collect();
        let first = st.figures.first().map(|f| date(f.date)).unwrap_or_default();
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
                    .max(s.authorized.unwrap_or(0).max(0) as u64),
            )
            .style(theme.gauge(false))
            .render(sl, buf);
        Paragraph::new(Line::styled(format!(" {caption}"), theme.dim())).render(cap, buf);
    }
}

fn lines(m: &Mission, s: &State, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut out = Vec::new();
    if let Some(r) = &s.ceiling_resolution {
        for l in wrap(&format!("Ceiling set by resolution {r}"), w) {
            out.push(Line::styled(l, theme.label()));
        }
    }
    // Categories of the ceiling without a figure to compare: listed with their ceiling.
    if let Some(cap) = &s.authorized_by_category {
        let gauged: Vec<Category> = category_gauges(s).iter().map(|g| g.0).collect();
        for (c, n) in cap.iter().filter(|(c, _)| !gauged.contains(c)) {
            let row = format!("{}{:>9}  authorized", pad(c.label(), 14), thousands(*n));
            out.push(Line::from(fit(&row, w)));
        }
    }
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
    if let Some(src) = m.strength.as_ref().and_then(|st| st.source.as_ref()) {
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
            .map_or_else(Vec::new, |(m, s)| lines(m, s, width, theme))
    }
}
