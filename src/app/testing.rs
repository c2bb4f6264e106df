//! For tests: a dashboard on the built-in data at a given instant.

use chrono::{DateTime, Utc};

use super::App;
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
