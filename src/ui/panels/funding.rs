//! Funding: received, pledged and required, where given.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{gauge, placeholder, PanelView};
use crate::app::App;
use crate::domain::format::{date, money, percent};
use crate::domain::Mission;
use crate::ui::theme::Theme;

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

fn fixed_height(app: &App) -> u16 {
    app.current()
        .map_or(0, |(m, _)| u16::from(target(m).is_some()))
}

fn render_fixed(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some((m, _)) = app.current() else { return };
    if let Some((got, of, what)) = target(m) {
        let r = got / of;
        gauge(r, format!("{} of {what}", percent(r)), theme.gauge(r > 1.0)).render(area, buf);
    }
}

fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some(f) = &m.funding else {
        return placeholder("no funding figures in the file", width, theme);
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

pub struct Funding;

impl PanelView for Funding {
    fn fixed_height(&self, app: &App, _area: Rect) -> u16 {
        fixed_height(app)
    }

    fn draw_fixed(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render_fixed(app, area, buf, theme);
    }

    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        app.current()
            .map_or_else(Vec::new, |(m, _)| lines(m, width, theme))
    }
}
