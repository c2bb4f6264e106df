//! Where each part of the screen goes, at a given size.

use ratatui::layout::{Constraint, Layout, Rect};

use super::banner::banner_lines;
use super::fit::cells;
use crate::app::{App, Panel};

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
    /// The timeline, when it is open (instead of the panels).
    pub timeline: Option<Rect>,
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
        timeline: None,
    };
    if app.data().is_none() {
        return a;
    }
    if app.view() == crate::app::View::Timeline {
        a.timeline = Some(body);
        return a;
    }
    let shown = app.panels();
    if app.zoomed() {
        a.panels.push((app.focus(), body));
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
    // Panels with nothing to show (no funding, no milestones or requirements, no
    // sources) take less room, so what has content gets it.
    let cur = app.current().map(|(m, _)| m);
    let funding = cur.is_some_and(|m| m.funding.is_some());
    let progress = cur.is_some_and(|m| !m.milestones.is_empty() || !m.requirements.is_empty());
    let sources = cur.is_some_and(|m| !m.sources.is_empty());
    let weight = |has: bool, full: u16| if has { full } else { 1 };
    let bottom_has = progress || sources || (left.is_none() && funding);
    let [top, mid, bottom] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Fill(3),
        Constraint::Fill(weight(bottom_has, 2)),
    ])
    .areas(rest);
    if let Some(l) = left {
        let n = cells(app.data().map_or(0, |d| d.missions.len()));
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
        let [p, so] = Layout::horizontal([
            Constraint::Fill(weight(progress, 3)),
            Constraint::Fill(weight(sources, 3)),
        ])
        .areas(bottom);
        a.panels.push((Panel::Progress, p));
        a.panels.push((Panel::Sources, so));
    } else {
        let [f, p, so] = Layout::horizontal([
            Constraint::Fill(weight(funding, 2)),
            Constraint::Fill(weight(progress, 3)),
            Constraint::Fill(weight(sources, 3)),
        ])
        .areas(bottom);
        a.panels.push((Panel::Funding, f));
        a.panels.push((Panel::Progress, p));
        a.panels.push((Panel::Sources, so));
    }
    a
}
