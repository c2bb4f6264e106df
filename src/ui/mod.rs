//! Drawing only: a pure function of the `App` state into a buffer. What the drawing
//! measured (each panel's rows and lines of text) is returned as a [`Drawn`] for the
//! caller to send back to `update`.

mod banner;
mod cache;
mod chrome;
pub mod fit;
mod help;
mod layout;
pub mod panels;
mod status_bar;
pub mod theme;
mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Colors, Drawn, Msg};
pub use cache::FrameCache;
pub use chrome::portfolio_summary;
pub use layout::{areas, Areas, MIN_HEIGHT, MIN_WIDTH};
use theme::Theme;

fn theme(app: &App) -> Theme {
    Theme::new(app.colors() == Colors::On)
}

/// Draws the whole screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Drawn {
    let mut drawn = render_static(app, area, buf);
    drawn.help = render_ticking(app, area, buf).help;
    fit::settle_cells(buf);
    drawn
}

/// The parts that do not change with the second.
fn render_static(app: &App, area: Rect, buf: &mut Buffer) -> Drawn {
    let theme = theme(app);
    let mut drawn = Drawn::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        chrome::too_small(area, buf);
        return drawn;
    }
    let a = areas(app, area);
    chrome::header(app, a.header, buf, &theme);
    banner::banner(app, a.banner, buf, &theme);
    if app.data().is_none() {
        chrome::no_data(app, a.body, buf, &theme);
    }
    if let Some(t) = a.timeline {
        let (rows, extent, at) = timeline::render(app, t, buf, &theme);
        drawn.timeline = Some((rows, extent));
        drawn.rows = at;
        return drawn;
    }
    let numbers = app.panels();
    for (panel, rect) in &a.panels {
        let n = numbers.iter().position(|p| p == panel).map_or(0, |i| i + 1);
        let view = panels::view(*panel);
        let note = view.title_note(app);
        let inner = chrome::frame(app, *panel, n, &note, *rect, buf, &theme);
        let extent = if inner.is_empty() {
            Default::default()
        } else {
            drawn.rows.extend(view.rows(app, inner));
            view.draw_body(app, *panel, inner, buf, &theme)
        };
        drawn.panels[panel.index()] = Some(extent);
        drawn.places[panel.index()] = Some(*rect);
    }
    drawn
}

/// The parts that change with the second (the countdown, the elapsed gauge, the clock),
/// and the help overlay over everything.
fn render_ticking(app: &App, area: Rect, buf: &mut Buffer) -> Drawn {
    let theme = theme(app);
    let mut drawn = Drawn::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return drawn;
    }
    let a = areas(app, area);
    for (panel, rect) in &a.panels {
        let inner = Block::bordered().inner(*rect);
        if !inner.is_empty() {
            panels::view(*panel).draw_ticking(app, inner, buf, &theme);
        }
    }
    status_bar::status_bar(app, a.status, buf, &theme);
    if app.help_shown() {
        drawn.help = help::render(area, buf, &theme, app.help_scroll());
    }
    drawn
}

/// Renders one frame of `app` at `w`x`h` as plain text (no escape codes, trailing
/// spaces trimmed), after telling `app` what the first drawing measured, as the
/// dashboard does after each frame.
pub fn frame_text(app: &mut App, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let drawn = render(app, area, &mut buf);
    let before = app.revision();
    app.update(Msg::Drawn(Box::new(drawn)));
    if app.revision() != before {
        buf = Buffer::empty(area);
        render(app, area, &mut buf);
    }
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
