//! For tests: a dashboard on the built-in data at a given instant.

use chrono::{DateTime, Utc};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Command, Msg};
use crate::source::{self, Origin};

/// The instant of an RFC 3339 string.
pub fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("an RFC 3339 instant")
        .with_timezone(&Utc)
}

/// The built-in data, shown as `data/mss-haiti.toml`, at `now` (RFC 3339), 120x40.
pub fn builtin_app(now: &str) -> App {
    App::showing(
        &Origin::File("data/mss-haiti.toml".into()),
        source::load(&Origin::Builtin),
        instant(now),
        (120, 40),
    )
}

/// The built-in data on the seed instant, 22 Sep 2025 at noon in New York.
pub fn seed_app() -> App {
    builtin_app("2025-09-22T12:00:00-04:00")
}

/// A five-operation portfolio (`tests/fixtures/valid/five_operations.toml`) on 1 Mar 2026.
pub fn portfolio() -> App {
    let now = instant("2026-03-01T12:00:00Z");
    let origin = Origin::File(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid/five_operations.toml"
        )
        .into(),
    );
    App::showing(&origin, source::load(&origin), now, (120, 40))
}

pub fn press(app: &mut App, code: KeyCode) -> Option<Command> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn ids(app: &App) -> Vec<String> {
    let d = app.data().unwrap();
    app.order()
        .iter()
        .map(|&i| d.missions[i].id.clone())
        .collect()
}
