//! `mandate --print`: one frame of the dashboard as plain text.

use chrono::{DateTime, Utc};

use super::Outcome;
use crate::app::{App, Colors, Msg};
use crate::source::{self, Origin};

/// One frame of the dashboard at `now`, `w`x`h`, without colour.
pub fn print(origin: &Origin, now: DateTime<Utc>, (w, h): (u16, u16)) -> Outcome {
    let mut app = App::new(origin, now, None).with_colors(Colors::Off);
    app.update(Msg::Resize(w, h));
    app.update(Msg::FileChanged(source::load(origin)));
    app.update(Msg::Tick(now));
    Outcome {
        stdout: crate::ui::frame_text(&mut app, w, h),
        stderr: String::new(),
        code: 0,
    }
}
