//! The interactive dashboard: terminal set-up and restore, the event loop, signals.
//!
//! Every source of events (keys, resizes, signals, the file watcher, the clock) ends up
//! as one message on one channel; the loop applies it with `App::update` and redraws
//! only when something changed or the displayed second did.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::DefaultTerminal;

use crate::app::{App, Command, Msg};
use crate::cli::Origin;
use crate::{ui, watch};

/// Everything the loop can be woken by.
pub enum Input {
    Term(Event),
    Signal(i32),
    File(crate::app::FileEvent),
}

/// Runs the dashboard until the user quits. The terminal is restored on every exit path.
pub fn run(origin: Origin, start: Option<DateTime<Utc>>, no_color: bool) -> io::Result<()> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "standard output is not a terminal; to write to a file or a pipe, use --print, --json or --check",
        ));
    }
    let (tx, rx) = mpsc::channel::<Input>();
    spawn_signals(tx.clone())?;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    let result = event_loop(&mut terminal, origin, start, no_color, tx, rx);
    ratatui::restore();
    result
}

fn spawn_signals(tx: Sender<Input>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGUSR1};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGCONT, SIGTSTP])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                if tx.send(Input::Signal(sig)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

fn spawn_terminal_reader(tx: Sender<Input>) -> io::Result<()> {
    thread::Builder::new().name("keys".into()).spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Input::Term(ev)).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    origin: Origin,
    start: Option<DateTime<Utc>>,
    no_color: bool,
    tx: Sender<Input>,
    rx: Receiver<Input>,
) -> io::Result<()> {
    let mut app = App::new(origin.name(), origin == Origin::Builtin, Utc::now(), start);
    app.no_color = no_color;
    app.local = chrono::Local::now().offset().to_owned();
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    // The watcher reads the file once as it starts and sends what it found: that is the
    // first load (without a watcher, the built-in copy, it is read here).
    let watcher = watch::Watcher::start(&origin, tx.clone());
    if watcher.is_none() {
        app.update(Msg::FileChanged(watch::load(&origin)));
    }
    let early: Vec<Input> = rx.try_iter().collect();
    for input in early {
        match input {
            Input::File(ev) => {
                app.update(Msg::FileChanged(ev));
            }
            other => {
                let _ = tx.send(other);
            }
        }
    }
    app.update(Msg::Tick(Utc::now()));
    // Manual reloads go through the watcher, so its view of what is shown stays true.
    let reload = |app: &mut App| match &watcher {
        Some(w) => w.reload(),
        None => {
            app.update(Msg::FileChanged(watch::load(&origin)));
        }
    };
    spawn_terminal_reader(tx)?;
    let mut cache = ui::FrameCache::default();
    draw(terminal, &app, &mut cache)?;
    loop {
        let wait = until_next_second(app.precise_now().timestamp_subsec_nanos());
        let first = match rx.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        if handle(first, &mut app, terminal, &reload)? == Flow::Quit {
            return Ok(());
        }
        // Whatever else is waiting (a storm of resizes, fast typing, a burst of saves)
        // is applied before the one redraw.
        while let Ok(input) = rx.try_recv() {
            if handle(Some(input), &mut app, terminal, &reload)? == Flow::Quit {
                return Ok(());
            }
        }
        draw(terminal, &app, &mut cache)?;
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Go,
    Quit,
}

/// Applies one input (`None`: the clock's tick) to the app.
fn handle(
    input: Option<Input>,
    app: &mut App,
    terminal: &mut DefaultTerminal,
    reload: &dyn Fn(&mut App),
) -> io::Result<Flow> {
    use signal_hook::consts::{SIGCONT, SIGTSTP, SIGUSR1};
    let msg = match input {
        None => Msg::Tick(Utc::now()),
        Some(Input::Term(Event::Key(k))) => Msg::Key(k),
        Some(Input::Term(Event::Resize(w, h))) => Msg::Resize(w, h),
        Some(Input::Term(_)) => return Ok(Flow::Go),
        Some(Input::File(ev)) => {
            // The time of the load, not of the last tick ("data loaded at ...").
            app.real = Utc::now();
            Msg::FileChanged(ev)
        }
        Some(Input::Signal(SIGUSR1)) => {
            reload(app);
            return Ok(Flow::Go);
        }
        Some(Input::Signal(SIGCONT)) => {
            resume(terminal)?;
            Msg::Tick(Utc::now())
        }
        Some(Input::Signal(SIGTSTP)) => {
            suspend()?;
            resume(terminal)?;
            Msg::Tick(Utc::now())
        }
        Some(Input::Signal(_)) => return Ok(Flow::Quit),
    };
    match app.update(msg) {
        Some(Command::Quit) => return Ok(Flow::Quit),
        Some(Command::Reload) => reload(app),
        Some(Command::Suspend) => {
            suspend()?;
            resume(terminal)?;
            app.update(Msg::Tick(Utc::now()));
        }
        None => {}
    }
    Ok(Flow::Go)
}

/// Time until the shown clock reaches its next whole second, plus a millisecond so the
/// tick lands after the boundary, never before it.
fn until_next_second(subsec_nanos: u32) -> StdDuration {
    let left = 1_000_000_000u64.saturating_sub(u64::from(subsec_nanos.min(999_999_999)));
    StdDuration::from_nanos(left) + StdDuration::from_millis(1)
}

fn draw(terminal: &mut DefaultTerminal, app: &App, cache: &mut ui::FrameCache) -> io::Result<()> {
    terminal.draw(|f| {
        let area = f.area();
        ui::render_cached(app, area, f.buffer_mut(), cache);
    })?;
    Ok(())
}

/// Ctrl-Z (or SIGTSTP): give the terminal back to the shell and stop until `fg`.
/// SIGTSTP has a handler here, so the stop itself is SIGSTOP.
fn suspend() -> io::Result<()> {
    leave()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    Ok(())
}

fn leave() -> io::Result<()> {
    disable_raw_mode()?;
    execute!(io::stdout(), LeaveAlternateScreen, cursor::Show)
}

/// Back from a suspension: raw mode, the alternate screen, and a full redraw.
/// (Not `terminal.clear()`: it asks the terminal for the cursor position, and the key
/// reader thread holds the event lock, so the answer never arrives.)
fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        Clear(ClearType::All)
    )?;
    // Swapping twice resets both buffers, so the next draw repaints every cell.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_land_just_after_the_next_second() {
        assert_eq!(until_next_second(0), StdDuration::from_millis(1001));
        assert_eq!(until_next_second(999_000_000), StdDuration::from_millis(2));
        assert_eq!(
            until_next_second(400_000_000),
            StdDuration::from_millis(601)
        );
    }
}
