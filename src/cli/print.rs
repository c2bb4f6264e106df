//! `mandate --print`: one frame of the dashboard as plain text.

use chrono::{DateTime, Utc};

use crate::app::{App, Colors, Msg, View};
use crate::domain::Dataset;
use crate::report::Outcome;
use crate::source::{FileEvent, Origin};

/// One frame of `data` (read from `origin`) at `now`, `w`x`h`, in `view`, without colour.
pub(super) fn print(
    data: Dataset,
    origin: &Origin,
    now: DateTime<Utc>,
    (w, h): (u16, u16),
    view: View,
) -> Outcome {
    let mut app = App::new(origin, now, None)
        .with_colors(Colors::Off)
        .with_view(view);
    app.update(Msg::Resize(w, h));
    app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
    app.update(Msg::Tick(now));
    Outcome::ok(crate::ui::frame_text(&mut app, w, h))
}
