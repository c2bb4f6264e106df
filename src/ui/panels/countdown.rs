//! The countdown: days remaining in big digits, and the exact `Nd HH:MM:SS` as plain text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

use super::PanelView;
use crate::app::App;
use crate::domain::format::{countdown, date, days, days_left};
use crate::domain::state::Phase;
use crate::ui::fit::{cells, fit};
use crate::ui::theme::Theme;

/// What the panel shows: the big figure, the exact countdown, and two lines of words.
struct Face {
    big: String,
    exact: Option<String>,
    words: String,
    until: String,
    zone: String,
}

fn face(app: &App) -> Option<Face> {
    let (m, s) = app.current()?;
    let now = app.now();
    let zone = format!("{} time", m.timezone.name());
    Some(match s.phase {
        Phase::Active | Phase::Expiring => {
            match (s.days_remaining, s.seconds_remaining, s.expires_on) {
                (Some(d), Some(secs), Some(on)) => Face {
                    big: d.to_string(),
                    exact: Some(countdown(secs)),
                    words: days_left(d),
                    until: format!("to the end of {}", date(on)),
                    zone: zone.clone(),
                },
                _ => Face {
                    big: "OPEN".into(),
                    exact: None,
                    words: "open-ended: no expiry date".into(),
                    until: "in force until the Council ends it".into(),
                    zone: zone.clone(),
                },
            }
        }
        Phase::Pending | Phase::Lapsed => {
            let d = s.days_to_start.unwrap_or(0);
            let secs = s
                .starts_at
                .map_or(0, |t| (t.with_timezone(&chrono::Utc) - now).num_seconds());
            let on = s.starts_on.map(date).unwrap_or_default();
            let what = if s.phase == Phase::Lapsed {
                "resumes"
            } else {
                "starts"
            };
            Face {
                big: d.to_string(),
                exact: Some(countdown(secs)),
                words: format!("{what} in {}", days(d)),
                until: format!("{what} on {on}"),
                zone: zone.clone(),
            }
        }
        Phase::Unrecorded => Face {
            big: "?".into(),
            exact: None,
            words: "unrecorded: no renewal or closure recorded".into(),
            until: match s.expires_on {
                Some(on) => format!("last day in the file was {}", date(on)),
                None => "no period in force".into(),
            },
            zone,
        },
        Phase::Expired => {
            let ago = s
                .expires_on
                .map(|on| (s.today - on).num_days() - 1)
                .unwrap_or(0);
            Face {
                big: "0".into(),
                exact: Some(countdown(0)),
                words: "expired: 0 days".into(),
                until: match s.expires_on {
                    Some(on) => format!("last day was {} ({} ago)", date(on), days(ago.max(0))),
                    None => "no period in force".into(),
                },
                zone,
            }
        }
    })
}

fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(f) = face(app) else { return };
    let Some((_, s)) = app.current() else { return };
    let chars = cells(f.big.chars().count());
    let text_rows = match area.height {
        0..=6 => 2,
        7 => 3,
        _ => 4,
    };
    let room = area.height.saturating_sub(text_rows);
    let size = if room >= 8 && chars.saturating_mul(8) <= area.width {
        Some((PixelSize::Full, 8))
    } else if room >= 4 && chars.saturating_mul(8) <= area.width {
        Some((PixelSize::HalfHeight, 4))
    } else if room >= 4 && chars.saturating_mul(4) <= area.width {
        Some((PixelSize::Quadrant, 4))
    } else {
        None
    };
    let big_h = size.map_or(0, |(_, h)| h);
    let [big, text] =
        Layout::vertical([Constraint::Length(big_h), Constraint::Fill(1)]).areas(area);
    if let Some((px, _)) = size {
        BigText::builder()
            .pixel_size(px)
            .style(theme.phase(s.phase))
            .alignment(Alignment::Center)
            .lines(vec![Line::from(f.big.clone())])
            .build()
            .render(big, buf);
    }
    let w = usize::from(area.width);
    let mut lines = Vec::new();
    if let Some(e) = &f.exact {
        lines.push(Line::styled(fit(e, w), theme.strong()).centered());
    }
    lines.push(Line::styled(fit(&f.words, w), theme.phase(s.phase)).centered());
    if text_rows >= 3 {
        lines.push(Line::styled(fit(&f.until, w), theme.dim()).centered());
    }
    if text_rows >= 4 {
        lines.push(Line::styled(fit(&f.zone, w), theme.dim()).centered());
    }
    Paragraph::new(lines).render(text, buf);
}

/// The whole body changes with the clock: it is all fixed rows, drawn every second.
pub struct Countdown;

impl PanelView for Countdown {
    fn fixed_height(&self, _app: &App, area: Rect) -> u16 {
        area.height
    }

    fn draw_fixed(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render(app, area, buf, theme);
    }

    fn ticks(&self) -> bool {
        true
    }
}
