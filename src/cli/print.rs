//! `mandate --print`: one frame of the dashboard as plain text.

use chrono::{DateTime, Utc};

use crate::app::{App, Colors, View};
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
    let event = FileEvent::Loaded(Box::new(data));
    let mut app = App::showing(origin, event, now, (w, h))
        .with_colors(Colors::Off)
        .with_view(view);
    Outcome::ok(crate::ui::frame_text(&mut app, w, h))
}
