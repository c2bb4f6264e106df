//! Following the data file: loading it into a `FileEvent`, and watching it for changes.

use std::sync::mpsc::Sender;

use crate::app::FileEvent;
use crate::cli::Origin;
use crate::data::{self, ReadError};
use crate::term::Input;

/// Reads and parses the file now.
pub fn load(origin: &Origin) -> FileEvent {
    match origin.read() {
        Ok(bytes) => match data::parse(&bytes) {
            Ok(d) => FileEvent::Loaded(Box::new(d)),
            Err(diags) => FileEvent::Invalid(diags),
        },
        Err(ReadError::Missing) => FileEvent::Missing,
        Err(e) => FileEvent::Unreadable(e.to_string()),
    }
}

/// Watches the file for changes (nothing to watch for the built-in copy).
pub struct Watcher {
    _tx: Sender<Input>,
}

impl Watcher {
    pub fn start(_origin: &Origin, tx: Sender<Input>) -> Option<Watcher> {
        Some(Watcher { _tx: tx })
    }
}
