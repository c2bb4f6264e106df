//! What the dashboard gets to see of a stream of reads: a pure state machine.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::time::Instant;

use super::PERSIST;
use crate::source::{FileEvent, ReadError};

/// What one read of the file found, reduced to what tells two reads apart.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fingerprint {
    /// The file's bytes, by hash (good or bad content alike).
    Content(u64),
    Missing,
    Unreadable(String),
}

impl Fingerprint {
    fn of(result: &Result<Vec<u8>, ReadError>) -> Fingerprint {
        match result {
            Ok(bytes) => {
                let mut h = DefaultHasher::new();
                bytes.hash(&mut h);
                Fingerprint::Content(h.finish())
            }
            Err(ReadError::Missing) => Fingerprint::Missing,
            Err(e) => Fingerprint::Unreadable(e.to_string()),
        }
    }
}

/// What the watcher should do after a read.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Send this to the dashboard.
    Send(FileEvent),
    /// The file is bad but has not been bad for long: read it again at this instant.
    RecheckAt(Instant),
    /// Nothing new.
    Nothing,
}

/// Decides, read by read, what the dashboard gets to see. No threads, no clock, no files:
/// the time and the result of each read are given.
#[derive(Debug, Default)]
pub struct Reloader {
    /// What the dashboard shows now, as far as this watcher knows.
    shown: Option<Fingerprint>,
    /// Whether good data was ever sent.
    ever_good: bool,
    /// Since when the file has been bad, when that has not been shown yet.
    bad_since: Option<Instant>,
}

impl Reloader {
    pub fn new() -> Self {
        Reloader::default()
    }

    /// The last decision to send was not carried out (a newer save superseded it): the
    /// dashboard still shows what it showed before, which this watcher no longer knows.
    pub fn forget_shown(&mut self) {
        self.shown = None;
    }

    /// The file was read at `at` with this result.
    pub fn on_read(&mut self, at: Instant, result: Result<Vec<u8>, ReadError>) -> Decision {
        let key = Fingerprint::of(&result);
        if self.shown.as_ref() == Some(&key) {
            // Back to what is shown before a bad moment was shown: nothing to show, but
            // the dashboard may have shown the bad moment through a manual reload (`r`),
            // so good data is sent again to clear it.
            if self.bad_since.take().is_some() && self.ever_good {
                if let ev @ FileEvent::Loaded(_) = FileEvent::of(result) {
                    return Decision::Send(ev);
                }
            }
            return Decision::Nothing;
        }
        let ev = FileEvent::of(result);
        if matches!(ev, FileEvent::Loaded(_)) || !self.ever_good {
            self.ever_good |= matches!(ev, FileEvent::Loaded(_));
            self.shown = Some(key);
            self.bad_since = None;
            return Decision::Send(ev);
        }
        let since = *self.bad_since.get_or_insert(at);
        let due = since + PERSIST;
        if at >= due {
            self.shown = Some(key);
            self.bad_since = None;
            Decision::Send(ev)
        } else {
            Decision::RecheckAt(due)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    use crate::source::Problem;

    const GOOD: &str = crate::source::BUILTIN;

    fn good(title: &str) -> Result<Vec<u8>, ReadError> {
        let s = GOOD.replacen(
            "title = \"Haiti: MSS and the Gang Suppression Force\"",
            &format!("title = \"{title}\""),
            1,
        );
        assert_ne!(s, GOOD);
        Ok(s.into_bytes())
    }

    fn bad(text: &str) -> Result<Vec<u8>, ReadError> {
        Ok(text.as_bytes().to_vec())
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn sent_loaded(d: &Decision, title: &str) -> bool {
        matches!(d, Decision::Send(FileEvent::Loaded(ds)) if ds.title.as_deref() == Some(title))
    }

    #[test]
    fn good_bad_good_again() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        // A bad edit is held back for PERSIST...
        assert_eq!(
            r.on_read(t0 + ms(10), bad("x = ")),
            Decision::RecheckAt(t0 + ms(10) + PERSIST)
        );
        // ...and sent when it is still bad after it.
        let d = r.on_read(t0 + ms(10) + PERSIST, bad("x = "));
        assert!(
            matches!(d, Decision::Send(FileEvent::Failed(Problem::Invalid(_)))),
            "{d:?}"
        );
        // Still the same bad file: nothing new.
        assert_eq!(r.on_read(t0 + ms(500), bad("x = ")), Decision::Nothing);
        // Fixed: sent at once.
        assert!(sent_loaded(&r.on_read(t0 + ms(600), good("B")), "B"));
        // Fixed back to the very first content: that is a change too.
        assert!(sent_loaded(&r.on_read(t0 + ms(700), good("A")), "A"));
    }

    #[test]
    fn missing_waits_then_shows_and_recovers() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        assert_eq!(
            r.on_read(t0 + ms(5), Err(ReadError::Missing)),
            Decision::RecheckAt(t0 + ms(5) + PERSIST)
        );
        assert_eq!(
            r.on_read(t0 + ms(205), Err(ReadError::Missing)),
            Decision::Send(FileEvent::Failed(Problem::Missing))
        );
        assert_eq!(
            r.on_read(t0 + ms(300), Err(ReadError::Missing)),
            Decision::Nothing
        );
        // Recreated with the same content as before: the banner must go.
        assert!(sent_loaded(&r.on_read(t0 + ms(400), good("A")), "A"));
    }

    #[test]
    fn unreadable_follows_the_same_rule() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        let denied = || Err(ReadError::Unreadable("permission denied".into()));
        assert!(matches!(r.on_read(t0, denied()), Decision::RecheckAt(_)));
        assert!(matches!(
            r.on_read(t0 + PERSIST, denied()),
            Decision::Send(FileEvent::Failed(Problem::Unreadable(why))) if why.contains("permission denied")
        ));
    }

    #[test]
    fn unchanged_content_is_not_sent_again() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        assert_eq!(r.on_read(t0 + ms(1), good("A")), Decision::Nothing);
        assert_eq!(r.on_read(t0 + ms(5000), good("A")), Decision::Nothing);
    }

    #[test]
    fn bad_at_start_is_sent_at_once() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(matches!(
            r.on_read(t0, bad("[[mission]\n")),
            Decision::Send(FileEvent::Failed(Problem::Invalid(_)))
        ));
        // Nothing good yet: a different bad file is shown at once too.
        assert!(matches!(
            r.on_read(t0 + ms(1), bad("")),
            Decision::Send(FileEvent::Failed(Problem::Invalid(_)))
        ));
        assert_eq!(r.on_read(t0 + ms(2), bad("")), Decision::Nothing);
        assert!(sent_loaded(&r.on_read(t0 + ms(3), good("A")), "A"));
        // Once good data was shown, bad edits wait again.
        assert!(matches!(
            r.on_read(t0 + ms(4), bad("")),
            Decision::RecheckAt(_)
        ));
    }

    #[test]
    fn missing_at_start_is_sent_at_once() {
        let mut r = Reloader::new();
        assert_eq!(
            r.on_read(Instant::now(), Err(ReadError::Missing)),
            Decision::Send(FileEvent::Failed(Problem::Missing))
        );
    }

    #[test]
    fn a_bad_moment_that_clears_within_the_window_is_never_shown() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        // Truncate (empty) then write new content.
        assert!(matches!(
            r.on_read(t0 + ms(1), bad("")),
            Decision::RecheckAt(_)
        ));
        assert!(sent_loaded(&r.on_read(t0 + ms(20), good("B")), "B"));
        // The recheck finds the good file: nothing, and no error ever sent.
        assert_eq!(r.on_read(t0 + ms(201), good("B")), Decision::Nothing);
        assert_eq!(r.on_read(t0 + ms(400), good("B")), Decision::Nothing);
    }

    #[test]
    fn bad_edits_in_a_row_are_timed_from_the_first() {
        let t0 = Instant::now();
        let mut r = Reloader::new();
        assert!(sent_loaded(&r.on_read(t0, good("A")), "A"));
        assert_eq!(r.on_read(t0, bad("a")), Decision::RecheckAt(t0 + PERSIST));
        assert_eq!(
            r.on_read(t0 + ms(150), bad("ab")),
            Decision::RecheckAt(t0 + PERSIST)
        );
        assert!(matches!(
            r.on_read(t0 + ms(210), bad("abc")),
            Decision::Send(FileEvent::Failed(Problem::Invalid(_)))
        ));
    }
}
