//! The banner under the header: the problem with the file, when there is one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::fit::{fit, wrap};
use super::theme::Theme;
use crate::app::App;
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
pub(super) fn problem_lines(app: &App) -> Vec<String> {
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
