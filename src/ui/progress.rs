//! Progress: milestones (done or not) and requirements (met or not) as checklists.

use ratatui::text::Line;

use super::theme::Theme;
use super::{date, wrap};
use crate::data::Mission;

pub fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    let mut out = Vec::new();
    if m.milestones.is_empty() && m.requirements.is_empty() {
        return wrap("no milestones or requirements in the file", w)
            .into_iter()
            .map(|l| Line::styled(l, theme.label()))
            .collect();
    }
    if !m.milestones.is_empty() {
        let done = m.milestones.iter().filter(|x| x.done).count();
        out.push(Line::styled(
            format!("Milestones ({done}/{} done)", m.milestones.len()),
            theme.strong(),
        ));
        for x in &m.milestones {
            let mark = if x.done { "[x]" } else { "[ ]" };
            let when = x.date.map(|d| format!("{} ", date(d))).unwrap_or_default();
            let style = if x.done { theme.good() } else { theme.text() };
            for (i, l) in wrap(&format!("{when}{}", x.text), w.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { mark } else { "   " };
                out.push(Line::styled(format!("{lead} {l}"), style));
            }
        }
    }
    if !m.requirements.is_empty() {
        let met = m.requirements.iter().filter(|x| x.met).count();
        out.push(Line::styled(
            format!("Requirements ({met}/{} met)", m.requirements.len()),
            theme.strong(),
        ));
        for x in &m.requirements {
            let mark = if x.met { "[x]" } else { "[ ]" };
            let style = if x.met { theme.good() } else { theme.warn() };
            for (i, l) in wrap(&x.text, w.saturating_sub(4)).into_iter().enumerate() {
                let lead = if i == 0 { mark } else { "   " };
                out.push(Line::styled(format!("{lead} {l}"), style));
            }
        }
    }
    out
}
