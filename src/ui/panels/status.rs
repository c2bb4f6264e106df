//! The selected mission: who, where, its phase, the resolution in force, its successor.

use ratatui::text::{Line, Span};

use super::PanelView;
use crate::app::App;
use crate::domain::format::{date, days_left, phase_detail, unrecorded};
use crate::domain::state::{Phase, State};
use crate::domain::Mission;
use crate::ui::fit::wrap;
use crate::ui::theme::Theme;

fn lines(app: &App, m: &Mission, s: &State, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut out: Vec<Line<'static>> = wrap(&m.name, w)
        .into_iter()
        .map(|l| Line::styled(l, theme.strong()))
        .collect();
    let mut facts = Vec::new();
    if let Some(h) = &m.host {
        facts.push(format!("Host: {h}"));
    }
    if let Some(l) = &m.lead {
        facts.push(format!("Lead: {l}"));
    }
    if let Some(k) = &m.kind {
        facts.push(format!("Kind: {k}"));
    }
    if let Some(a) = &m.authority {
        facts.push(format!("Authorized by: {a}"));
    }
    if !facts.is_empty() {
        for l in wrap(&facts.join(" · "), w) {
            out.push(Line::styled(l, theme.label()));
        }
    }
    let badge = match s.phase.glyph() {
        Some(g) => format!(" {g} {} ", s.phase.word()),
        None => format!(" {} ", s.phase.word()),
    };
    let phase = vec![
        Span::styled(
            badge,
            theme
                .phase(s.phase)
                .add_modifier(ratatui::style::Modifier::REVERSED),
        ),
        Span::raw(" "),
        Span::raw(match (s.phase, s.days_remaining, s.expires_on) {
            (Phase::Unrecorded, _, Some(_)) => String::new(),
            (Phase::Active | Phase::Expiring, Some(d), Some(_)) => days_left(d),
            _ => phase_detail(s),
        }),
    ];
    out.push(Line::from(phase));
    if let (Phase::Unrecorded, Some(on)) = (s.phase, s.expires_on) {
        for l in wrap(&unrecorded(on), w) {
            out.push(Line::styled(l, theme.phase(s.phase)));
        }
    }
    let period = s.current_period.and_then(|i| m.mandates.get(i));
    let in_force = match period {
        Some(p) => {
            let mut t = match &p.resolution {
                Some(r) => format!("In force: resolution {r}"),
                None => "In force: a period without a resolution number".to_string(),
            };
            if let Some(a) = p.adopted {
                t.push_str(&format!(", adopted {}", date(a)));
            }
            if p.final_ {
                t.push_str(" — announced as the final extension");
            }
            t
        }
        None => "In force: no authorization today".to_string(),
    };
    for l in wrap(&in_force, w) {
        out.push(Line::from(l));
    }
    if let (Some(succ), Some(data)) = (&m.successor, app.data()) {
        let name = data
            .missions
            .iter()
            .find(|o| &o.id == succ)
            .map_or(succ.clone(), |o| format!("{} ({})", o.short, o.name));
        for l in wrap(&format!("Succeeded by {name}"), w) {
            out.push(Line::styled(l, theme.strong()));
        }
    }
    if let Some(data) = app.data() {
        for prev in data
            .missions
            .iter()
            .filter(|o| o.successor.as_deref() == Some(&m.id))
        {
            for l in wrap(&format!("Successor of {} ({})", prev.short, prev.name), w) {
                out.push(Line::styled(l, theme.label()));
            }
        }
    }
    for warning in &s.warnings {
        let text = warning
            .message
            .split_once(": ")
            .map_or(warning.message.as_str(), |(_, t)| t);
        for l in wrap(&format!("⚠ {text}"), w) {
            out.push(Line::styled(l, theme.warn()));
        }
    }
    if let Some(summary) = &m.summary {
        out.push(Line::from(""));
        for l in wrap(summary, w) {
            out.push(Line::from(l));
        }
    }
    out
}

pub struct Status;

impl PanelView for Status {
    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        app.current()
            .map_or_else(Vec::new, |(m, s)| lines(app, m, s, width, theme))
    }
}
