//! Signals, as inputs of the event loop (Unix only; elsewhere the dashboard runs
//! without them and Ctrl-C arrives as a key).

use std::io;
use std::sync::mpsc::Sender;

use super::Input;

/// What a signal asks of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGINT.
    Quit,
    /// SIGUSR1: read the file again.
    Reload,
    /// SIGCONT: back from a stop; take the terminal again.
    Continue,
    /// SIGTSTP from outside: suspend like Ctrl-Z.
    Stop,
}

#[cfg(unix)]
pub fn spawn(tx: Sender<Input>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGUSR1};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGCONT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let s = match sig {
                    SIGUSR1 => Signal::Reload,
                    SIGCONT => Signal::Continue,
                    SIGTSTP => Signal::Stop,
                    _ => Signal::Quit,
                };
                if tx.send(Input::Signal(s)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn spawn(_tx: Sender<Input>) -> io::Result<()> {
    Ok(())
}
