//! Funding: received, pledged and required, where given.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::theme::Theme;
use super::{date, gauge};
use crate::app::App;
use crate::data::Mission;

/// 85000000 -> "85.0 M"
pub fn money(v: f64) -> String {
    if v >= 1e9 {
        format!("{:.1} B", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1} M", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.1} K", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// The figure the gauge measures against: required if given, else pledged.
fn target(m: &Mission) -> Option<(f64, f64, &'static str)> {
    let f = m.funding.as_ref()?;
    let got = f.received?;
    match (f.required, f.pledged) {
        (Some(r), _) if r > 0.0 => Some((got, r, "required")),
        (_, Some(p)) if p > 0.0 => Some((got, p, "pledged")),
        _ => None,
    }
}

pub fn fixed_height(app: &App) -> u16 {
    app.current()
        .map_or(0, |(m, _)| u16::from(target(m).is_some()))
}

pub fn render_fixed(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some((m, _)) = app.current() else { return };
    if let Some((got, of, what)) = target(m) {
        let r = got / of;
        gauge(
            r,
            format!("{:.0}% of {what}", r * 100.0),
            theme.gauge(r > 1.0),
        )
        .render(area, buf);
    }
}

pub fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(f) = &m.funding else {
        return super::wrap("no funding figures in the file", width.into())
            .into_iter()
            .map(|l| Line::styled(l, theme.label()))
            .collect();
    };
    let mut out = Vec::new();
    let row = |name: &str, v: Option<f64>| {
        Line::from(format!(
            "{name:<9}{}",
            v.map_or("—".to_string(), |v| format!(
                "{} {}",
                f.currency,
                money(v)
            ))
        ))
    };
    out.push(row("Received", f.received));
    out.push(row("Pledged", f.pledged));
    out.push(row("Required", f.required));
    if let Some(d) = f.as_of {
        out.push(Line::styled(format!("as of {}", date(d)), theme.dim()));
    }
    out
}
