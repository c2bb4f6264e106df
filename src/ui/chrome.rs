//! The screen around the panels: the header, the banner, the status bar, the frame of
//! each panel, and the screens shown instead of the dashboard (no data, too small).

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::fit::{cells, fit, fit_spans, wrap};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;
use crate::app::{App, CalendarEnd, DataKind, Panel, Prompt};
use crate::domain::format::{ago_text, clock, date, days};
use crate::domain::state::Phase;
use crate::source::Problem;

/// The banner's lines at this width: the problem wrapped, at most three lines.
pub fn banner_lines(app: &App, width: u16) -> Vec<String> {
    if app.data().is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for l in problem_lines(app) {
        out.extend(wrap(
            &format!("⚠ {l}"),
            usize::from(width).saturating_sub(2),
        ));
    }
    if out.len() > 3 {
        out.truncate(3);
        out[2] = fit(
            &format!("{} …", out[2]),
            usize::from(width).saturating_sub(2),
        );
    }
    out
}

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

pub fn banner(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let style = theme.banner();
    buf.set_style(area, style);
    let text: Vec<Line> = banner_lines(app, area.width)
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    Paragraph::new(text).render(area, buf);
}

/// The problem with the file, as lines for the banner or the empty screen.
fn problem_lines(app: &App) -> Vec<String> {
    let at = app.loaded_at().map(|t| {
        t.with_timezone(&app.local_offset())
            .format("%H:%M:%S")
            .to_string()
    });
    let showing = match &at {
        Some(t) => format!("; showing data loaded at {t}"),
        None => String::new(),
    };
    match app.problem() {
        None => Vec::new(),
        Some(Problem::Invalid(d)) => {
            let name = app.file_name();
            if app.data().is_none() {
                // The kept problems (at most KEPT), then how many more.
                let mut all: Vec<String> = d.iter().map(|d| d.render(name)).collect();
                all.extend(d.left_out_line(name));
                return all;
            }
            let last_good = match &at {
                Some(t) => format!("showing the last good data, loaded at {t}"),
                None => "showing the last good data".to_string(),
            };
            // Only the first problem is shown, then the true count of the others.
            let first = d.first().map(|d| d.render(name)).unwrap_or_default();
            match d.total() {
                0 | 1 => vec![format!("{first} — {last_good}")],
                n => vec![
                    first,
                    format!(
                        "and {} more problem{}; {last_good}",
                        n - 1,
                        if n == 2 { "" } else { "s" }
                    ),
                ],
            }
        }
        Some(Problem::Missing) => {
            let hint = app
                .missing_hint()
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            vec![format!("{}: file missing{hint}{showing}", app.file_name())]
        }
        Some(Problem::Unreadable(why)) => vec![format!("{}: {why}{showing}", app.file_name())],
    }
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

/// The prompt line over the status bar: `/congo▏  1 of 24 · Enter keeps · Esc clears`,
/// or `:2025-13-01▏  not a date: 2025-13-01`.
fn prompt_line(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let total = app.data().map_or(0, |d| d.missions.len());
    let (text, note, warn) = match prompt {
        Prompt::Filter => (
            format!("/{}", app.filter()),
            format!(
                "{} of {total} · Enter keeps it · Esc clears it",
                app.order().len()
            ),
            false,
        ),
        Prompt::Date { text, error } => match error {
            Some(e) => (format!(":{text}"), e.clone(), true),
            None => (
                format!(":{text}"),
                "go to a date: YYYY-MM-DD · Enter goes · Esc cancels".to_string(),
                false,
            ),
        },
    };
    let line = Line::from(vec![
        Span::styled(format!(" {text}▏ "), theme.strong()),
        Span::styled(note, if warn { theme.warn() } else { theme.text() }),
    ]);
    Paragraph::new(Line::from(fit_spans(line.spans, area.width.into())))
        .style(theme.status_bar())
        .render(area, buf);
}

pub fn status_bar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status_bar());
    if let Some(p) = app.prompt() {
        return prompt_line(app, p, area, buf, theme);
    }
    let mut left = if app.data_kind() == DataKind::Builtin {
        format!(" {} (nothing to watch)", app.file_name())
    } else {
        format!(" {}", app.file_name())
    };
    if let Some((_, s)) = app.current() {
        if let Some(on) = s.deployed_as_of {
            let ago = (s.today - on).num_days();
            left.push_str(&format!(
                " · figures as of {} ({})",
                date(on),
                ago_text(ago)
            ));
            if s.stale {
                left.push_str(" ⚑ STALE");
            }
        }
    }
    if let Some(n) = app.notice() {
        left = format!(" {n}");
    }
    let tz = app.current().map_or(Tz::UTC, |(m, _)| m.timezone);
    let mut right = clock(app.now(), tz);
    if app.travel_days() != 0 || app.travel_stop().is_some() {
        right.push_str(&format!(
            " · time travel: {:+} day{}",
            app.travel_days(),
            if app.travel_days().abs() == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    match app.travel_stop() {
        Some(CalendarEnd::First) => right.push_str(" (calendar starts 1 Jan 0001)"),
        Some(CalendarEnd::Last) => right.push_str(" (calendar ends 31 Dec 9999)"),
        None => {}
    }
    right.push_str(if area.width >= 100 {
        " · ? help · q quit "
    } else {
        " · ? help "
    });
    let rw = right.width().min(area.width.into());
    let lw = usize::from(area.width).saturating_sub(rw + 1);
    let left = fit(&left, lw);
    let pad = usize::from(area.width).saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.strong()),
    ]);
    Paragraph::new(line)
        .style(theme.status_bar())
        .render(area, buf);
}
