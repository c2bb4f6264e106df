//! The timeline: every listed mission's mandate periods on one shared time axis, one
//! row each, with today as a vertical line. Zoom and pan are the app's
//! ([`crate::app::Timeline`]); this only draws them.
//!
//! Cells: `━` in force, `═` in force under a period announced as final, `┃` a renewal
//! (a later period starts), `╌` a gap (lapsed), `→` open-ended past the right edge,
//! `┿` / `│` today; `░` from the end of an unrecorded mandate (ended, and the file records
//! no renewal and no end) to today; `⚠` before the bar of an expiring mandate.

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::chrome::scroll_marks;
use super::fit::{fit, pad};
use super::panels::missions::{first_row, no_match, title_note};
use super::theme::Theme;
use crate::app::{App, Extent};
use crate::domain::format::date;
use crate::domain::state::{self, Phase, State};
use crate::domain::Mission;

/// What one column of the axis covers: days `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, Copy)]
struct Column {
    from: NaiveDate,
    to: NaiveDate,
}

/// The axis: `width` columns over `span` days from `first`.
struct Axis {
    first: NaiveDate,
    span: i64,
    width: usize,
    today: NaiveDate,
}

impl Axis {
    fn day_at(&self, col: usize) -> NaiveDate {
        let off = i128::from(self.span) * col as i128 / self.width.max(1) as i128;
        self.first
            .checked_add_signed(Duration::days(off as i64))
            .unwrap_or(NaiveDate::MAX)
    }

    fn column(&self, col: usize) -> Column {
        let from = self.day_at(col);
        let to = self.day_at(col + 1).max(from.succ_opt().unwrap_or(from));
        Column { from, to }
    }

    /// The column a day falls in, if on the axis.
    fn col_of(&self, d: NaiveDate) -> Option<usize> {
        let off = (d - self.first).num_days();
        if off < 0 || off >= self.span {
            return None;
        }
        let col = (i128::from(off) * self.width as i128 / i128::from(self.span)) as usize;
        Some(col.min(self.width - 1))
    }
}

/// "1 year across", "3 months across".
fn zoom_label(span: i64) -> String {
    match span {
        s if s < 300 => format!("{} months across", (s + 15) / 30),
        s => {
            let y = (s + 182) / 365;
            format!("{y} year{} across", if y == 1 { "" } else { "s" })
        }
    }
}

/// Draws the timeline in `area`; returns the rows' area, what scrolls there, and the
/// screen row of each mission shown (with its place in the order).
pub fn render(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> (Rect, Extent, Vec<(Rect, usize)>) {
    let tl = app.timeline();
    let tz = app
        .current()
        .map_or(chrono_tz::Tz::UTC, |(m, _)| m.timezone);
    let today = state::today(tz, app.now());
    let (first, span) = tl.window(today);
    let title = Line::from(vec![
        Span::styled(" Timeline", theme.title()),
        Span::styled(
            format!(
                "{} · today {} · {} ",
                title_note(app),
                date(today),
                zoom_label(span)
            ),
            theme.title(),
        ),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme.focus_border())
        .title(title)
        .title_bottom(
            Line::styled(
                " h/l pan · +/- zoom · 0 today · Enter: open · T/Esc: back ",
                theme.dim(),
            )
            .right_aligned(),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    let empty = (Rect::default(), Extent::default(), Vec::new());
    let Some(data) = app.data() else {
        return empty;
    };
    if inner.height < 3 || inner.width < 20 {
        return empty;
    }
    let name_w = data
        .missions
        .iter()
        .map(|m| m.short.width())
        .max()
        .unwrap_or(3)
        .clamp(3, usize::from(inner.width) / 4);
    // "▶ NAME ⚠ " before the bar.
    let lead = name_w + 5;
    let bar_w = usize::from(inner.width).saturating_sub(lead);
    let axis = Axis {
        first,
        span,
        width: bar_w.max(1),
        today,
    };
    let legend = inner.height >= 8;
    let rows_h = inner.height - 2 - u16::from(legend);
    let rows = Rect::new(inner.x, inner.y + 2, inner.width, rows_h);
    let bar_x = inner.x + u16::try_from(lead).unwrap_or(0);
    draw_axis(&axis, bar_x, inner.y, buf, theme);
    if legend {
        let mut keys = vec![
            "━ in force",
            "┃ renewal",
            "╌ lapsed",
            "═ final",
            "→ open-ended",
            "│ today",
            "⚠ expiring",
        ];
        // The unrecorded stretch, when a mission has one.
        if app.states().iter().any(|s| s.phase == Phase::Unrecorded) {
            keys.push("░ unrecorded");
        }
        let mut text = keys.join("  ");
        if text.width() > usize::from(inner.width) {
            keys[4] = "→ open";
            text = keys.join(" ");
        }
        buf.set_string(
            inner.x,
            inner.bottom() - 1,
            fit(&text, inner.width.into()),
            theme.dim(),
        );
    }
    let extent = Extent {
        rows: rows_h,
        lines: app.order().len(),
    };
    if app.order().is_empty() {
        Paragraph::new(no_match(app, rows.width, theme)).render(rows, buf);
        return (rows, extent, Vec::new());
    }
    let h = usize::from(rows_h);
    let offset = first_row(app, h);
    let mut at = Vec::with_capacity(h);
    for (k, (row, &i)) in app
        .order()
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .enumerate()
    {
        let y = rows.y + u16::try_from(k).unwrap_or(0);
        let (m, s) = (&data.missions[i], &app.states()[i]);
        let sel = row == app.selected_row();
        let mut name = Line::from(format!(
            "{} {} ",
            if sel { "▶" } else { " " },
            pad(&fit(&m.short, name_w), name_w)
        ));
        if sel {
            name = name.style(theme.selected());
        }
        buf.set_line(rows.x, y, &name, u16::try_from(name_w + 3).unwrap_or(0));
        if s.phase == Phase::Expiring {
            buf.set_string(
                rows.x + u16::try_from(name_w + 3).unwrap_or(0),
                y,
                "⚠",
                theme.warn(),
            );
        }
        draw_bar(m, s, &axis, bar_x, y, buf, theme);
        at.push((Rect::new(rows.x, y, rows.width, 1), row));
    }
    scroll_marks(offset > 0, offset + h < app.order().len(), rows, buf, theme);
    (rows, extent, at)
}

/// Two rows: the tick labels, then the axis line with `┬` at each tick and `▼` today.
fn draw_axis(axis: &Axis, x: u16, y: u16, buf: &mut Buffer, theme: &Theme) {
    // The smallest step, in months, whose labels fit (5 columns each at least).
    let steps = [1i64, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];
    let per_month = axis.width as f64 * 30.44 / axis.span.max(1) as f64;
    // Zoomed out past three years, years only.
    let least = if axis.span > 3 * 366 { 12 } else { 1 };
    let step = steps
        .into_iter()
        .find(|&s| s >= least && per_month * s as f64 >= 5.0)
        .unwrap_or(1200);
    let mut line = vec!['─'; axis.width];
    let mut labels = vec![' '; axis.width];
    let start = axis.first;
    let mut month = i64::from(start.year()) * 12 + i64::from(start.month0());
    if start.day() != 1 {
        month += 1;
    }
    month = month + (step - month.rem_euclid(step)) % step;
    let mut free_from = 0usize;
    loop {
        let (yr, m0) = (month.div_euclid(12), month.rem_euclid(12));
        let Some(d) = i32::try_from(yr)
            .ok()
            .and_then(|yr| NaiveDate::from_ymd_opt(yr, u32::try_from(m0 + 1).unwrap_or(1), 1))
        else {
            break;
        };
        let Some(col) = axis.col_of(d) else { break };
        line[col] = '┬';
        let text = if step >= 12 || m0 == 0 {
            format!("{yr}")
        } else {
            d.format("%b").to_string()
        };
        if col >= free_from && col + text.len() <= axis.width {
            for (k, c) in text.chars().enumerate() {
                labels[col + k] = c;
            }
            free_from = col + text.len() + 1;
        }
        month += step;
    }
    if let Some(col) = axis.col_of(axis.today) {
        line[col] = '▼';
    }
    let labels: String = labels.into_iter().collect();
    let line: String = line.into_iter().collect();
    buf.set_string(x, y, labels, theme.label());
    buf.set_string(x, y + 1, line, theme.dim());
    if let Some(col) = axis.col_of(axis.today) {
        buf.set_string(
            x + u16::try_from(col).unwrap_or(0),
            y + 1,
            "▼",
            theme.strong(),
        );
    }
}

/// One mission's periods across the axis.
fn draw_bar(m: &Mission, s: &State, axis: &Axis, x: u16, y: u16, buf: &mut Buffer, theme: &Theme) {
    let Some(first_start) = m.mandates.iter().map(|p| p.start).min() else {
        return;
    };
    let open = m.mandates.iter().any(|p| p.end.is_none());
    let last_end = m.mandates.iter().filter_map(|p| p.end).max();
    let today_col = axis.col_of(axis.today);
    // After an unrecorded end: the days from the one after the last day to today.
    let unrecorded_from = last_end
        .filter(|_| s.phase == Phase::Unrecorded)
        .and_then(|e| e.succ_opt());
    let live = if s.phase == Phase::Expiring {
        theme.warn()
    } else {
        theme.text()
    };
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(axis.width);
    for col in 0..axis.width {
        let c = axis.column(col);
        let covering = m
            .mandates
            .iter()
            .filter(|p| p.start < c.to && p.end.is_none_or(|e| e >= c.from));
        let (mut covered, mut final_, mut open_here) = (false, false, false);
        for p in covering {
            covered = true;
            final_ |= p.final_;
            open_here |= p.end.is_none();
        }
        let renewal = m
            .mandates
            .iter()
            .any(|p| p.start > first_start && p.start >= c.from && p.start < c.to);
        let inside = c.to > first_start && (open || last_end.is_some_and(|e| c.from <= e));
        let today = today_col == Some(col);
        let (ch, style): (&str, Style) = if today {
            (if covered { "┿" } else { "│" }, theme.strong())
        } else if covered && open_here && col + 1 == axis.width {
            ("→", live)
        } else if renewal && covered {
            ("┃", live)
        } else if covered && final_ {
            ("═", live)
        } else if covered {
            ("━", live)
        } else if inside {
            ("╌", theme.dim())
        } else if unrecorded_from.is_some_and(|from| c.to > from && c.from < axis.today) {
            ("░", theme.phase(Phase::Unrecorded))
        } else {
            (" ", theme.text())
        };
        spans.push(Span::styled(ch, style));
    }
    buf.set_line(
        x,
        y,
        &Line::from(spans),
        u16::try_from(axis.width).unwrap_or(u16::MAX),
    );
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Colors, View};
    use crate::source::{self, FileEvent, Origin};
    use crate::ui::frame_text;

    /// A gap, a renewal, a final period and an open-ended one, all on one axis.
    #[test]
    fn every_kind_of_period_has_its_glyph() {
        let src = r#"
[[mission]]
id = "gap"
name = "Gap"
[[mission.mandate]]
start = 2025-01-01
end = 2025-03-31
[[mission.mandate]]
start = 2025-06-01
end = 2025-12-31
final = true
[mission.strength]
authorized = 10

[[mission]]
id = "open"
name = "Open"
[[mission.mandate]]
start = 2024-01-01
end = 2025-04-30
[[mission.mandate]]
start = 2025-05-01
[mission.strength]
authorized = 10
"#;
        let data = source::parse(src.as_bytes()).expect("valid");
        let now = crate::app::testing::instant("2025-07-01T12:00:00Z");
        let mut app = App::showing(
            &Origin::File("f".into()),
            FileEvent::Loaded(Box::new(data)),
            now,
            (120, 40),
        )
        .with_colors(Colors::Off)
        .with_view(View::Timeline);
        let f = frame_text(&mut app, 100, 20);
        let row = |id: &str| {
            let l: Vec<char> = f
                .lines()
                .find(|l| l.starts_with('┃') && l.contains(&format!(" {id} ")))
                .unwrap()
                .chars()
                .collect();
            l[1..l.len() - 1].iter().collect::<String>()
        };
        let (gap, open) = (row("gap"), row("open"));
        assert!(gap.contains('╌'), "the lapse:\n{f}");
        assert!(gap.contains('═'), "the final period:\n{f}");
        assert!(gap.contains('┿'), "today in force:\n{f}");
        assert!(open.ends_with('→'), "open-ended off the right edge:\n{f}");
        assert!(open.contains('┃'), "the renewal of 1 May 2025:\n{f}");
        assert!(!open.contains('╌'), "no gap in a renewal:\n{f}");
    }
}
