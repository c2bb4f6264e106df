//! The thread that reads the terminal's events, and the gate that stops it reading while
//! another program (the editor on `e`) has the terminal: two readers of one terminal
//! would split the typed keys between them.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event;

use super::Input;

/// How long the reader waits for an event before it looks at the gate again: the most a
/// pause waits for it.
const POLL: Duration = Duration::from_millis(100);
/// A pause gives up waiting for the reader after this long (it cannot be stuck in a
/// read, but a pause must never hang the dashboard).
const PAUSE_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Reading,
    /// A pause was asked for: the reader stops at its next look.
    Asked,
    /// Stopped, reading nothing, until the pause ends.
    Paused,
    /// The reader has ended (the terminal or the loop went away).
    Gone,
}

/// The reader's state, shared with the loop.
#[derive(Clone)]
pub struct Gate(Arc<(Mutex<Reader>, Condvar)>);

impl Gate {
    fn lock(&self) -> MutexGuard<'_, Reader> {
        self.0 .0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, state: Reader) {
        *self.lock() = state;
        self.0 .1.notify_all();
    }

    /// Stops the reader once it is out of its current wait (at most [`POLL`]); it reads
    /// nothing more until the returned guard is dropped.
    pub fn pause(&self) -> Paused<'_> {
        let cv = &self.0 .1;
        let mut state = self.lock();
        if *state == Reader::Reading {
            *state = Reader::Asked;
        }
        let (state, _) = cv
            .wait_timeout_while(state, PAUSE_WAIT, |s| *s == Reader::Asked)
            .unwrap_or_else(|e| e.into_inner());
        drop(state);
        Paused(self)
    }

    /// The reader's side: stops here while a pause lasts.
    fn stop_while_paused(&self) {
        let cv = &self.0 .1;
        let mut state = self.lock();
        if *state == Reader::Asked {
            *state = Reader::Paused;
            cv.notify_all();
        }
        while *state == Reader::Paused {
            state = cv.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// A pause of the reader: it reads again when this is dropped.
pub struct Paused<'a>(&'a Gate);

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        if matches!(*state, Reader::Asked | Reader::Paused) {
            *state = Reader::Reading;
        }
        drop(state);
        self.0 .0 .1.notify_all();
    }
}

/// Starts the reader: every terminal event goes to `tx` as [`Input::Term`].
pub fn spawn_reader(tx: Sender<Input>) -> io::Result<Gate> {
    let gate = Gate(Arc::new((Mutex::new(Reader::Reading), Condvar::new())));
    let theirs = gate.clone();
    thread::Builder::new().name("keys".into()).spawn(move || {
        loop {
            theirs.stop_while_paused();
            match event::poll(POLL) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => break,
            }
            let Ok(ev) = event::read() else { break };
            if tx.send(Input::Term(ev)).is_err() {
                break;
            }
        }
        theirs.set(Reader::Gone);
    })?;
    Ok(gate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_waits_for_the_reader_and_ends_with_its_guard() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let gate = Gate(Arc::new((Mutex::new(Reader::Reading), Condvar::new())));
        let rounds = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let handle = {
            let (reader, rounds, done) = (gate.clone(), Arc::clone(&rounds), Arc::clone(&done));
            thread::spawn(move || {
                while !done.load(Ordering::SeqCst) {
                    reader.stop_while_paused();
                    rounds.fetch_add(1, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(1));
                }
            })
        };
        {
            let _paused = gate.pause();
            assert_eq!(*gate.lock(), Reader::Paused, "the reader has stopped");
            let before = rounds.load(Ordering::SeqCst);
            thread::sleep(Duration::from_millis(30));
            assert_eq!(
                rounds.load(Ordering::SeqCst),
                before,
                "it went on while paused"
            );
        }
        assert_eq!(*gate.lock(), Reader::Reading);
        let before = rounds.load(Ordering::SeqCst);
        while rounds.load(Ordering::SeqCst) == before {
            thread::sleep(Duration::from_millis(1));
        }
        done.store(true, Ordering::SeqCst);
        handle.join().unwrap();
        // A pause of a reader that has gone returns at once.
        gate.set(Reader::Gone);
        let _paused = gate.pause();
        assert_eq!(*gate.lock(), Reader::Gone);
    }
}
