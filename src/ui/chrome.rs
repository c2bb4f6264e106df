//! The screen around the panels: the header, the frame of each panel, and the screens
//! shown instead of the dashboard (no data, too small). The banner and the status bar
//! have their own files.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

use super::banner::problem_lines;
use super::fit::{cells, fit_spans, wrap};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;
use crate::app::{App, DataKind, Panel};
use crate::domain::format::{date, days};
use crate::domain::state::Phase;

pub fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
        area.width, area.height
    );
    let lines: Vec<Line> = wrap(&msg, area.width.into())
        .into_iter()
        .map(|l| Line::from(l).centered())
        .collect();
    let h = cells(lines.len()).min(area.height);
    let y = area.y + (area.height - h) / 2;
    Paragraph::new(lines).render(Rect::new(area.x, y, area.width, h), buf);
}

/// The block around a panel: a thick border and a ▶ marker when focused.
pub fn frame(
    app: &App,
    panel: Panel,
    n: usize,
    note: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> Rect {
    let focused = app.focus() == panel;
    let mark = if focused { "▶ " } else { "" };
    let zoom = if app.zoomed() {
        " (Enter/Esc: back) "
    } else {
        " "
    };
    let title = Line::from(vec![
        Span::styled(format!(" {mark}{n} "), theme.strong()),
        Span::styled(format!("{}{note}{zoom}", panel.title()), theme.title()),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// ▲ / ▼ on the right edge when there is more to scroll to.
pub fn scroll_marks(above: bool, below: bool, inner: Rect, buf: &mut Buffer, theme: &Theme) {
    let x = inner.right();
    if above && inner.height > 0 {
        buf.set_string(x, inner.y, "▲", theme.strong());
    }
    if below && inner.height > 0 {
        buf.set_string(x, inner.bottom() - 1, "▼", theme.strong());
    }
}

pub fn header(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = app
        .data()
        .as_ref()
        .and_then(|d| d.title.clone())
        .unwrap_or_else(|| "mission mandates".into());
    let mut spans = vec![
        Span::styled(" mandate ", theme.selected()),
        Span::styled(format!(" {title}"), theme.strong()),
    ];
    if let Some(summary) = portfolio_summary(app) {
        spans.push(Span::styled(format!("  ·  {summary}"), theme.text()));
    }
    Paragraph::new(Line::from(fit_spans(spans, area.width.into()))).render(area, buf);
}

/// "2 missions: 1 expiring, 1 pending · next expiry: MSS in 11 days (2 Oct 2025)"
pub fn portfolio_summary(app: &App) -> Option<String> {
    let data = app.data()?;
    let n = data.missions.len();
    let mut parts = Vec::new();
    for phase in Phase::ALL {
        let c = app.states().iter().filter(|s| s.phase == phase).count();
        if c > 0 {
            parts.push(format!("{c} {}", phase.key()));
        }
    }
    // Facts older than the staleness limit: said first, at a glance.
    let mut out = String::new();
    let today = app.states().first().map(|s| s.today);
    if let Some((today, latest)) = today.and_then(|t| Some((t, data.latest_fact(t)?))) {
        if (today - latest).num_days() > data.stale_days {
            out.push_str(&format!("⚑ facts to {}  ·  ", latest.format("%b %Y")));
        }
    }
    out.push_str(&format!(
        "{n} mission{}: {}",
        if n == 1 { "" } else { "s" },
        parts.join(", ")
    ));
    let next = app.order().iter().find_map(|&i| {
        let s = &app.states()[i];
        match (s.phase, s.days_remaining, s.expires_on) {
            (Phase::Active | Phase::Expiring, Some(d), Some(on)) => Some((i, d, on)),
            _ => None,
        }
    });
    if let Some((i, d, on)) = next {
        out.push_str(&format!(
            "  ·  next expiry: {} in {} ({})",
            data.missions[i].short,
            days(d),
            date(on)
        ));
    }
    Some(out)
}

pub fn no_data(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if app.problem().is_none() {
        // The first load has not arrived yet (a large file is being read).
        let lines = vec![
            Line::styled(format!("Loading {}…", app.file_name()), theme.strong()),
            Line::from(""),
            Line::from("q quits at any time."),
        ];
        return boxed(lines, area, buf, theme);
    }
    let mut lines = vec![
        Line::styled("No data to show yet.", theme.strong()),
        Line::from(""),
    ];
    for l in problem_lines(app) {
        for w in wrap(&l, area.width.saturating_sub(4).into()) {
            lines.push(Line::styled(w, theme.warn()));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(if app.data_kind() == DataKind::Builtin {
        "The built-in example could not be loaded.".to_string()
    } else {
        "Fix the file and save it: the dashboard picks it up at once. (q quits)".to_string()
    }));
    boxed(lines, area, buf, theme);
}

/// Lines in a rounded box filling `area`.
fn boxed(lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border());
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(lines).render(inner.inner(ratatui::layout::Margin::new(1, 0)), buf);
}
