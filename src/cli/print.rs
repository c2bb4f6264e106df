//! `mandate --print`: one frame of the dashboard as plain text.

use chrono::{DateTime, Utc};

use super::{invalid, Outcome};
use crate::app::{App, Colors, View};
use crate::source::{self, FileEvent, Origin};

/// One frame of the dashboard at `now`, `w`x`h`, without colour. A file that cannot be
/// shown gives no frame: the messages of `--check` and exit 1.
pub fn print(origin: &Origin, now: DateTime<Utc>, size: (u16, u16)) -> Outcome {
    print_view(origin, now, size, View::Dashboard)
}

/// The same for `view` (`--view timeline`: the timeline of every mandate).
pub fn print_view(origin: &Origin, now: DateTime<Utc>, (w, h): (u16, u16), view: View) -> Outcome {
    let event = source::load(origin);
    if let FileEvent::Failed(problem) = event {
        return invalid(&origin.name(), &problem.diagnostics());
    }
    let mut app = App::showing(origin, event, now, (w, h))
        .with_colors(Colors::Off)
        .with_view(view);
    Outcome {
        stdout: crate::ui::frame_text(&mut app, w, h),
        stderr: String::new(),
        code: 0,
    }
}
