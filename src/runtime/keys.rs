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

/// Where the reader cannot sleep on the terminal itself (no `/dev/tty`, not Unix): how
/// long it waits for an event before it looks at the gate again, the most a pause waits.
const POLL: Duration = Duration::from_millis(100);
/// How long the reader lets crossterm read what woke it (crossterm reads nothing with a
/// zero timeout).
const TAKE: Duration = Duration::from_millis(1);
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
pub struct Gate(Arc<(Mutex<Reader>, Condvar)>, Option<Arc<waiter::Bell>>);

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
        // Wake a reader asleep on the terminal, so it sees the request at once.
        if let Some(bell) = &self.1 {
            bell.ring();
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
    // Sleep on the terminal, a bell the gate rings and the window-size signal: no
    // wake-up while nothing happens. Without them, poll every POLL.
    let (waiter, bell) = match waiter::Waiter::new().and_then(|w| Ok((w.bell()?, w))) {
        Ok((bell, w)) => (Some(w), Some(Arc::new(bell))),
        Err(_) => (None, None),
    };
    let gate = Gate(
        Arc::new((Mutex::new(Reader::Reading), Condvar::new())),
        bell,
    );
    let theirs = gate.clone();
    thread::Builder::new().name("keys".into()).spawn(move || {
        loop {
            theirs.stop_while_paused();
            let ready = match &waiter {
                // What the terminal has sent (or crossterm holds parsed) first; else sleep.
                Some(w) => match event::poll(TAKE) {
                    Ok(true) => true,
                    Ok(false) => {
                        if w.wait().is_err() {
                            break;
                        }
                        continue;
                    }
                    Err(_) => break,
                },
                None => match event::poll(POLL) {
                    Ok(ready) => ready,
                    Err(_) => break,
                },
            };
            if !ready {
                continue;
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

/// Sleeping until the terminal has input, the window changed size, or the gate rang.
#[cfg(unix)]
mod waiter {
    use std::fs::File;
    use std::io::{self, Read, Write};
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::net::UnixStream;

    pub struct Bell(UnixStream);

    impl Bell {
        pub fn ring(&self) {
            let _ = (&self.0).write(&[1]);
        }
    }

    pub struct Waiter {
        tty: File,
        bell: UnixStream,
        rung: UnixStream,
        winch: UnixStream,
    }

    impl Waiter {
        pub fn new() -> io::Result<Waiter> {
            // The terminal crossterm reads: /dev/tty, else standard input when it is a
            // terminal (no controlling terminal), as crossterm chooses.
            let tty = match File::open("/dev/tty") {
                Ok(f) => f,
                Err(e) => {
                    // SAFETY: isatty and dup only read the descriptor table; a new
                    // descriptor from dup is owned by the File alone.
                    if unsafe { libc::isatty(0) } != 1 {
                        return Err(e);
                    }
                    let fd = unsafe { libc::dup(0) };
                    if fd < 0 {
                        return Err(io::Error::last_os_error());
                    }
                    unsafe { File::from_raw_fd(fd) }
                }
            };
            let (bell, rung) = UnixStream::pair()?;
            let (winch_tx, winch) = UnixStream::pair()?;
            rung.set_nonblocking(true)?;
            winch.set_nonblocking(true)?;
            winch_tx.set_nonblocking(true)?;
            signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, winch_tx)?;
            Ok(Waiter {
                tty,
                bell,
                rung,
                winch,
            })
        }

        pub fn bell(&self) -> io::Result<Bell> {
            Ok(Bell(self.bell.try_clone()?))
        }

        /// Blocks until one of the three is readable; drains the bell and the signal.
        pub fn wait(&self) -> io::Result<()> {
            let mut fds = [
                libc::pollfd {
                    fd: self.tty.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: self.rung.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
                libc::pollfd {
                    fd: self.winch.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            loop {
                // SAFETY: fds is a valid array of 3 pollfd for the duration of the call.
                let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
                if n >= 0 {
                    break;
                }
                let e = io::Error::last_os_error();
                if e.kind() != io::ErrorKind::Interrupted {
                    return Err(e);
                }
            }
            if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Err(io::Error::other("the terminal is gone"));
            }
            let mut sink = [0u8; 64];
            while matches!((&self.rung).read(&mut sink), Ok(n) if n > 0) {}
            while matches!((&self.winch).read(&mut sink), Ok(n) if n > 0) {}
            Ok(())
        }
    }
}

#[cfg(not(unix))]
mod waiter {
    use std::io;

    pub struct Bell;

    impl Bell {
        pub fn ring(&self) {}
    }

    pub struct Waiter;

    impl Waiter {
        pub fn new() -> io::Result<Waiter> {
            Err(io::Error::other("polls instead"))
        }

        pub fn bell(&self) -> io::Result<Bell> {
            Ok(Bell)
        }

        pub fn wait(&self) -> io::Result<()> {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_waits_for_the_reader_and_ends_with_its_guard() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let gate = Gate(
            Arc::new((Mutex::new(Reader::Reading), Condvar::new())),
            None,
        );
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
