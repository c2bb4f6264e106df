//! `mandate --print`: one frame of the dashboard as plain text.

use chrono::{DateTime, Utc};

use super::{invalid, Outcome};
use crate::app::{App, Colors, Msg};
use crate::source::{self, FileEvent, Origin};

/// One frame of the dashboard at `now`, `w`x`h`, without colour. A file that cannot be
/// shown gives no frame: the messages of `--check` and exit 1.
pub fn print(origin: &Origin, now: DateTime<Utc>, (w, h): (u16, u16)) -> Outcome {
    let event = source::load(origin);
    if let FileEvent::Failed(problem) = event {
        return invalid(&origin.name(), &problem.diagnostics());
    }
    let mut app = App::new(origin, now, None).with_colors(Colors::Off);
    app.update(Msg::Resize(w, h));
    app.update(Msg::FileChanged(event));
    app.update(Msg::Tick(now));
    Outcome {
        stdout: crate::ui::frame_text(&mut app, w, h),
        stderr: String::new(),
        code: 0,
    }
}
