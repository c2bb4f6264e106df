//! Progress: milestones (done or not) and requirements (met or not) as checklists.

use ratatui::style::Style;
use ratatui::text::Line;

use super::{placeholder, PanelView};
use crate::app::App;
use crate::domain::format::date;
use crate::domain::Mission;
use crate::ui::fit::wrap;
use crate::ui::theme::Theme;

fn lines(m: &Mission, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let w = usize::from(width);
    if m.milestones.is_empty() && m.requirements.is_empty() {
        return placeholder("no milestones or requirements in the file", width, theme);
    }
    let mut out = Vec::new();
    if !m.milestones.is_empty() {
        let items = m.milestones.iter().map(|x| {
            let when = x.date.map(|d| format!("{} ", date(d))).unwrap_or_default();
            (format!("{when}{}", x.text), x.done)
        });
        checklist(
            &mut out,
            "Milestones",
            "done",
            items,
            theme.text(),
            w,
            theme,
        );
    }
    if !m.requirements.is_empty() {
        let items = m.requirements.iter().map(|x| (x.text.clone(), x.met));
        checklist(
            &mut out,
            "Requirements",
            "met",
            items,
            theme.warn(),
            w,
            theme,
        );
    }
    out
}

/// A heading with the count ("Milestones (3/5 done)") over `[x]` / `[ ]` items; open
/// items in `open_style`.
fn checklist(
    out: &mut Vec<Line<'static>>,
    heading: &str,
    done_word: &str,
    items: impl ExactSizeIterator<Item = (String, bool)> + Clone,
    open_style: Style,
    w: usize,
    theme: &Theme,
) {
    let done = items.clone().filter(|(_, d)| *d).count();
    out.push(Line::styled(
        format!("{heading} ({done}/{} {done_word})", items.len()),
        theme.strong(),
    ));
    for (text, done) in items {
        let mark = if done { "[x]" } else { "[ ]" };
        let style = if done { theme.good() } else { open_style };
        for (i, l) in wrap(&text, w.saturating_sub(4)).into_iter().enumerate() {
            let lead = if i == 0 { mark } else { "   " };
            out.push(Line::styled(format!("{lead} {l}"), style));
        }
    }
}

pub struct Progress;

impl PanelView for Progress {
    fn lines(&self, app: &App, width: u16, theme: &Theme) -> Vec<Line<'static>> {
        app.current()
            .map_or_else(Vec::new, |(m, _)| lines(m, width, theme))
    }
}
