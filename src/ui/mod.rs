//! Rendering: a pure function of the `App` state into a buffer.

mod countdown;
mod funding;
mod help;
mod mandate;
mod missions;
mod progress;
mod sources;
mod status;
mod strength;
pub mod theme;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Gauge, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::{App, Panel, Problem};
use crate::model::Phase;
use theme::Theme;

/// A count as a number of cells, saturating (counts come from the file and can be huge).
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Below this size the dashboard shows one line asking for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Where each part of the screen goes.
#[derive(Debug, Default, Clone)]
pub struct Areas {
    pub header: Rect,
    pub banner: Rect,
    pub body: Rect,
    pub status: Rect,
    pub panels: Vec<(Panel, Rect)>,
}

/// The banner's lines at this width: the problem wrapped, at most three lines.
fn banner_lines(app: &App, width: u16) -> Vec<String> {
    if app.data.is_none() {
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

/// The layout for a screen of `area`.
pub fn areas(app: &App, area: Rect) -> Areas {
    let [header, banner, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(cells(banner_lines(app, area.width).len())),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut a = Areas {
        header,
        banner,
        body,
        status,
        panels: Vec::new(),
    };
    if app.data.is_none() {
        return a;
    }
    let shown = app.panels();
    if app.zoom {
        a.panels.push((app.focus, body));
        return a;
    }
    let many = shown.contains(&Panel::Missions);
    let wide = body.width >= 110 && body.height >= 30;
    // Wide with many missions: a left column of the list above the funding.
    let (left, rest) = if many && wide {
        let w = (body.width / 4).clamp(30, 44);
        let [l, r] = Layout::horizontal([Constraint::Length(w), Constraint::Fill(1)]).areas(body);
        (Some(l), r)
    } else {
        (None, body)
    };
    let top_h = if wide {
        10
    } else if rest.height >= 22 {
        8
    } else {
        6
    };
    let [top, mid, bottom] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Fill(3),
        Constraint::Fill(2),
    ])
    .areas(rest);
    if let Some(l) = left {
        let n = cells(app.data.as_ref().map_or(0, |d| d.missions.len()));
        let list_h = n
            .saturating_add(2)
            .clamp(4, l.height.saturating_sub(8).max(4));
        let [m, f] = Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(l);
        a.panels.push((Panel::Missions, m));
        a.panels.push((Panel::Funding, f));
    }
    let count_w = if wide { 44 } else { (rest.width / 3).max(24) };
    if many && left.is_none() {
        let [m, s, c] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(count_w),
        ])
        .areas(top);
        a.panels.push((Panel::Missions, m));
        a.panels.push((Panel::Status, s));
        a.panels.push((Panel::Countdown, c));
    } else {
        let [s, c] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(count_w)]).areas(top);
        a.panels.push((Panel::Status, s));
        a.panels.push((Panel::Countdown, c));
    }
    let [st, ma] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(mid);
    a.panels.push((Panel::Strength, st));
    a.panels.push((Panel::Mandate, ma));
    if left.is_some() {
        let [p, so] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
        a.panels.push((Panel::Progress, p));
        a.panels.push((Panel::Sources, so));
    } else {
        let [f, p, so] = Layout::horizontal([
            Constraint::Fill(2),
            Constraint::Fill(3),
            Constraint::Fill(3),
        ])
        .areas(bottom);
        a.panels.push((Panel::Funding, f));
        a.panels.push((Panel::Progress, p));
        a.panels.push((Panel::Sources, so));
    }
    a
}

/// Inner height of a panel at the current size (0 when not shown).
pub fn viewport(app: &App, panel: Panel) -> u16 {
    let (w, h) = app.size;
    areas(app, Rect::new(0, 0, w, h))
        .panels
        .iter()
        .find(|(p, _)| *p == panel)
        .map_or(0, |(_, r)| r.height.saturating_sub(2))
}

/// Inner width of a panel at the current size.
fn viewport_width(app: &App, panel: Panel) -> u16 {
    let (w, h) = app.size;
    areas(app, Rect::new(0, 0, w, h))
        .panels
        .iter()
        .find(|(p, _)| *p == panel)
        .map_or(0, |(_, r)| r.width.saturating_sub(2))
}

/// How far a panel's text can scroll: its lines less one page.
pub fn max_scroll(app: &App, panel: Panel) -> u16 {
    let theme = Theme::new(false);
    let width = viewport_width(app, panel);
    let lines = scroll_lines(app, panel, width, &theme).len();
    let fixed = fixed_height(app, panel, width);
    let page = usize::from(viewport(app, panel).saturating_sub(fixed));
    lines.saturating_sub(page).min(usize::from(u16::MAX)) as u16
}

/// Rows at the top of a panel that do not scroll (gauges).
fn fixed_height(app: &App, panel: Panel, width: u16) -> u16 {
    match panel {
        Panel::Strength => strength::fixed_height(app, width),
        Panel::Mandate => mandate::fixed_height(app),
        Panel::Funding => funding::fixed_height(app),
        _ => 0,
    }
}

/// The scrolling text of a panel.
fn scroll_lines(app: &App, panel: Panel, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let Some((m, s)) = app.current() else {
        return Vec::new();
    };
    match panel {
        Panel::Status => status::lines(app, m, s, width, theme),
        Panel::Strength => strength::lines(m, width, theme),
        Panel::Mandate => mandate::lines(m, s, width, theme),
        Panel::Funding => funding::lines(m, width, theme),
        Panel::Progress => progress::lines(m, width, theme),
        Panel::Sources => sources::lines(m, width, theme),
        Panel::Missions | Panel::Countdown => Vec::new(),
    }
}

/// Draws the whole screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    render_static(app, area, buf);
    render_dynamic(app, area, buf);
}

/// The last frame's parts that do not change with the second, and what they were drawn
/// from. Idle, the dashboard redraws once a second; only the countdown, the elapsed
/// gauge and the clock change then, so only they are drawn again.
#[derive(Debug, Default)]
pub struct FrameCache {
    key: u64,
    base: Option<Buffer>,
}

/// Draws the screen like [`render`], reusing the parts that did not change.
pub fn render_cached(app: &App, area: Rect, buf: &mut Buffer, cache: &mut FrameCache) {
    let key = static_key(app, area);
    let fresh = match &cache.base {
        Some(base) => base.area != area || cache.key != key,
        None => true,
    };
    if fresh {
        let mut base = Buffer::empty(area);
        render_static(app, area, &mut base);
        cache.base = Some(base);
        cache.key = key;
    }
    match &cache.base {
        Some(base) if buf.area == area => buf.content.clone_from(&base.content),
        _ => render_static(app, area, buf),
    }
    render_dynamic(app, area, buf);
}

/// Everything the static parts are drawn from.
fn static_key(app: &App, area: Rect) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    area.hash(&mut h);
    (
        app.generation,
        app.focus,
        app.zoom,
        app.selected,
        app.scrolls(),
        app.no_color,
    )
        .hash(&mut h);
    for s in &app.states {
        (
            s.phase,
            s.today,
            s.expires_on,
            s.days_remaining,
            s.starts_on,
            s.days_to_start,
            s.deployed,
            s.deployed_as_of,
            s.stale,
            s.current_period,
            s.warnings.len(),
        )
            .hash(&mut h);
    }
    h.finish()
}

/// The parts that do not change with the second.
fn render_static(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme::new(!app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf);
        return;
    }
    let a = areas(app, area);
    header(app, a.header, buf, &theme);
    banner(app, a.banner, buf, &theme);
    if app.data.is_none() {
        no_data(app, a.body, buf, &theme);
    }
    let numbers = app.panels();
    for (panel, rect) in &a.panels {
        let n = numbers.iter().position(|p| p == panel).map_or(0, |i| i + 1);
        let inner = frame(app, *panel, n, *rect, buf, &theme);
        panel_body(app, *panel, inner, buf, &theme);
    }
}

/// The parts that change with the second (the countdown, the elapsed gauge, the clock),
/// and the help overlay over everything.
fn render_dynamic(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = Theme::new(!app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return;
    }
    let a = areas(app, area);
    for (panel, rect) in &a.panels {
        let inner = Block::bordered().inner(*rect);
        match panel {
            Panel::Countdown if !inner.is_empty() => countdown::render(app, inner, buf, &theme),
            Panel::Mandate if !inner.is_empty() => {
                let h = mandate::fixed_height(app).min(inner.height);
                mandate::render_fixed(app, Rect { height: h, ..inner }, buf, &theme);
            }
            _ => {}
        }
    }
    status_bar(app, a.status, buf, &theme);
    if app.help {
        help::render(area, buf, &theme, app.help_scroll);
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
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
fn frame(app: &App, panel: Panel, n: usize, area: Rect, buf: &mut Buffer, theme: &Theme) -> Rect {
    let focused = app.focus == panel;
    let mark = if focused { "▶ " } else { "" };
    let zoom = if app.zoom { " (Enter/Esc: back) " } else { " " };
    let title = Line::from(vec![
        Span::styled(format!(" {mark}{n} "), theme.strong()),
        Span::styled(format!("{}{zoom}", panel.title()), theme.title()),
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

fn panel_body(app: &App, panel: Panel, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    match panel {
        Panel::Missions => missions::render(app, area, buf, theme),
        // Drawn by `render_dynamic`.
        Panel::Countdown => {}
        _ => {
            let fixed = fixed_height(app, panel, area.width).min(area.height);
            let [top, rest] =
                Layout::vertical([Constraint::Length(fixed), Constraint::Fill(1)]).areas(area);
            match panel {
                Panel::Strength => strength::render_fixed(app, top, buf, theme),
                // Panel::Mandate's gauge is drawn by `render_dynamic`.
                Panel::Funding => funding::render_fixed(app, top, buf, theme),
                _ => {}
            }
            let lines = scroll_lines(app, panel, area.width, theme);
            let offset = usize::from(app.scroll(panel))
                .min(lines.len().saturating_sub(usize::from(rest.height)));
            let more_below = lines.len() > offset + usize::from(rest.height);
            let visible: Vec<Line> = lines
                .into_iter()
                .skip(offset)
                .take(rest.height.into())
                .collect();
            Paragraph::new(visible).render(rest, buf);
            scroll_marks(offset > 0, more_below, area, buf, theme);
        }
    }
}

/// ▲ / ▼ on the right edge when there is more to scroll to.
fn scroll_marks(above: bool, below: bool, inner: Rect, buf: &mut Buffer, theme: &Theme) {
    let x = inner.right();
    if above && inner.height > 0 {
        buf.set_string(x, inner.y, "▲", theme.strong());
    }
    if below && inner.height > 0 {
        buf.set_string(x, inner.bottom() - 1, "▼", theme.strong());
    }
}

fn header(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = app
        .data
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
    let data = app.data.as_ref()?;
    let n = data.missions.len();
    let mut parts = Vec::new();
    for phase in Phase::ALL {
        let c = app.states.iter().filter(|s| s.phase == phase).count();
        if c > 0 {
            parts.push(format!("{c} {}", phase.word().to_lowercase()));
        }
    }
    let mut out = format!(
        "{n} mission{}: {}",
        if n == 1 { "" } else { "s" },
        parts.join(", ")
    );
    let next = app.order.iter().find_map(|&i| {
        let s = &app.states[i];
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

fn banner(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
    let at = app
        .loaded_at
        .map(|t| t.with_timezone(&app.local).format("%H:%M:%S").to_string());
    let showing = match &at {
        Some(t) => format!("; showing data loaded at {t}"),
        None => String::new(),
    };
    match &app.problem {
        None => Vec::new(),
        Some(Problem::Invalid(d)) => {
            let all: Vec<String> = d.iter().map(|d| d.render(&app.file_name)).collect();
            if app.data.is_none() {
                return all;
            }
            let last_good = match &at {
                Some(t) => format!("showing the last good data, loaded at {t}"),
                None => "showing the last good data".to_string(),
            };
            match all.len() {
                0 | 1 => vec![format!("{} — {last_good}", all.concat())],
                n => vec![
                    all[0].clone(),
                    format!(
                        "and {} more problem{}; {last_good}",
                        n - 1,
                        if n == 2 { "" } else { "s" }
                    ),
                ],
            }
        }
        Some(Problem::Missing) => vec![format!("{}: file missing{showing}", app.file_name)],
        Some(Problem::Unreadable(why)) => vec![format!("{}: {why}{showing}", app.file_name)],
    }
}

fn no_data(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
    lines.push(Line::from(if app.builtin {
        "The built-in example could not be loaded.".to_string()
    } else {
        "Fix the file and save it: the dashboard picks it up at once. (q quits)".to_string()
    }));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border());
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(lines).render(inner.inner(ratatui::layout::Margin::new(1, 0)), buf);
}

fn status_bar(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status_bar());
    let mut left = if app.builtin {
        format!(" {} (nothing to watch)", app.file_name)
    } else {
        format!(" {}", app.file_name)
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
    let tz = app.current().map_or(Tz::UTC, |(m, _)| m.timezone);
    let mut right = clock(app.now(), tz);
    if app.travel_days != 0 {
        right.push_str(&format!(
            " · time travel: {:+} day{}",
            app.travel_days,
            if app.travel_days.abs() == 1 { "" } else { "s" }
        ));
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

/// "Mon 22 Sep 2025 12:00:00 EDT"
pub fn clock(now: DateTime<Utc>, tz: Tz) -> String {
    now.with_timezone(&tz)
        .format("%a %-d %b %Y %H:%M:%S %Z")
        .to_string()
}

fn ago_text(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day ago".into(),
        d if d > 0 => format!("{d} days ago"),
        -1 => "in 1 day".into(),
        d => format!("in {} days", -d),
    }
}

/// "22 Sep 2025"
pub fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// "1 day", "11 days"
pub fn days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// `Nd HH:MM:SS`
pub fn countdown(secs: i64) -> String {
    let s = secs.max(0);
    format!(
        "{}d {:02}:{:02}:{:02}",
        s / 86_400,
        (s % 86_400) / 3_600,
        (s % 3_600) / 60,
        s % 60
    )
}

/// A one-row gauge. The bar is clamped to 0..1 (ratatui panics otherwise); the label
/// carries the true figure.
pub fn gauge(ratio: f64, label: String, style: Style) -> Gauge<'static> {
    let r = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    Gauge::default()
        .ratio(r)
        .label(label)
        .gauge_style(style)
        .use_unicode(true)
}

/// `s` cut to at most `width` columns, with "…" when cut. Never splits a character.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Fits styled spans into `width` columns.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut left = width;
    let mut out = Vec::new();
    for s in spans {
        if left == 0 {
            break;
        }
        let text = fit(&s.content, left);
        left -= text.width().min(left);
        out.push(Span::styled(text, s.style));
    }
    out
}

/// `s` padded with spaces (or cut) to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w = f.width();
    format!("{f}{}", " ".repeat(width.saturating_sub(w)))
}

/// Word-wraps `s` to `width` columns; words longer than a line are broken.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let ww = word.width();
        if cur_w > 0 && cur_w + 1 + ww > width {
            lines.push(std::mem::take(&mut cur));
            cur_w = 0;
        }
        if ww > width {
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if cur_w + cw > width && cur_w > 0 {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0;
                }
                cur.push(c);
                cur_w += cw;
            }
            continue;
        }
        if cur_w > 0 {
            cur.push(' ');
            cur_w += 1;
        }
        cur.push_str(word);
        cur_w += ww;
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Renders one frame of `app` at `w`x`h` as plain text: no escape codes, trailing spaces trimmed.
pub fn print(app: &App, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    render(app, area, &mut buf);
    buffer_text(&buf)
}

/// The text of a buffer, one line per row, trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Clears an area (for overlays).
pub fn clear(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{FileEvent, Msg};
    use chrono::Duration;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn seed() -> (App, DateTime<Utc>) {
        let now = crate::cli::parse_now("2025-10-02T23:59:50-04:00").unwrap();
        let mut app = App::new("data/mss-haiti.toml".into(), false, now, None);
        let data = crate::data::parse(crate::cli::BUILTIN.as_bytes()).unwrap();
        app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        app.update(Msg::Tick(now));
        (app, now)
    }

    fn assert_same(app: &App, cache: &mut FrameCache, area: Rect, what: &str) {
        let mut full = Buffer::empty(area);
        render(app, area, &mut full);
        let mut cached = Buffer::empty(area);
        render_cached(app, area, &mut cached, cache);
        assert_eq!(buffer_text(&cached), buffer_text(&full), "{what}");
        assert_eq!(cached, full, "styles differ: {what}");
    }

    #[test]
    fn the_cached_frame_is_always_the_full_frame() {
        let (mut app, start) = seed();
        let mut cache = FrameCache::default();
        let mut area = Rect::new(0, 0, 120, 40);
        // Across the MSS's last midnight (it expires), second by second.
        for i in 0..20 {
            app.update(Msg::Tick(start + Duration::seconds(i)));
            assert_same(&app, &mut cache, area, &format!("tick {i}"));
        }
        let keys = [
            KeyCode::Tab,
            KeyCode::Char('1'),
            KeyCode::Char('j'),
            KeyCode::Char(']'),
            KeyCode::Enter,
            KeyCode::Char('?'),
            KeyCode::Esc,
            KeyCode::Esc,
            KeyCode::Char('5'),
            KeyCode::PageDown,
            KeyCode::Char('t'),
        ];
        for k in keys {
            app.update(Msg::Key(KeyEvent::new(k, KeyModifiers::NONE)));
            assert_same(&app, &mut cache, area, &format!("after {k:?}"));
        }
        for (w, h) in [(80, 24), (60, 18), (30, 10), (200, 60)] {
            area = Rect::new(0, 0, w, h);
            app.update(Msg::Resize(w, h));
            assert_same(&app, &mut cache, area, &format!("at {w}x{h}"));
        }
        app.update(Msg::FileChanged(FileEvent::Missing));
        assert_same(&app, &mut cache, area, "file missing");
    }
}

#[cfg(test)]
mod timeline_tests {
    use super::*;
    use crate::app::{FileEvent, Msg};

    #[test]
    fn the_timeline_shows_the_renewal_and_today_and_fits_its_width() {
        let now = crate::cli::parse_now("2025-09-22T12:00:00-04:00").unwrap();
        let mut app = App::new("f".into(), false, now, None);
        let data = crate::data::parse(crate::cli::BUILTIN.as_bytes()).unwrap();
        app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        app.update(Msg::Tick(now));
        let (m, s) = app.current().unwrap();
        assert_eq!(m.id, "mss");
        for width in [18usize, 40, 200] {
            let line = mandate::timeline(m, s, width, &Theme::new(false)).unwrap();
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
            mandate::timeline(m, s, 17, &Theme::new(false)).is_none(),
            "too narrow: none"
        );
    }
}
