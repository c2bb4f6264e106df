//! The status bar at the bottom: the file, the age of its figures, the clock and time
//! travel; or the prompt being typed.

use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::fit::{fit, fit_spans};
use super::theme::Theme;
use crate::app::{App, CalendarEnd, DataKind, Prompt};
use crate::domain::format::{ago_text, clock, date};

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
