//! The interactive dashboard: terminal set-up and restore, the event loop, signals.
//!
//! Every source of events (keys, resizes, signals, the data's feed, the clock) ends up
//! as one input on one channel; the loop turns it into a message for `App::update`,
//! carries out the command `update` returns, and redraws only when something changed or
//! the displayed second did. After each frame it sends back what the view measured.

mod commands;
mod editor;
mod keys;
mod signals;
mod terminal;

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::DefaultTerminal;

use crate::app::{App, Colors, Command, Drawn, Msg, View};
use crate::source::watch::Watcher;
use crate::source::{FileEvent, Origin};
use crate::ui;
use signals::Signal;
pub use terminal::Mouse;

/// Everything the loop can be woken by.
pub enum Input {
    Term(Event),
    Signal(Signal),
    /// One load of the data, and when it arrived.
    File {
        event: FileEvent,
        at: DateTime<Utc>,
    },
}

/// How the dashboard starts: its clock, colours, first view and the mouse.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--now`: the instant the clock runs on from.
    pub start: Option<DateTime<Utc>>,
    pub colors: Colors,
    pub view: View,
    pub mouse: Mouse,
    /// Added to the "file missing" banner (for the user's own file: `mandate --init`).
    pub missing_hint: Option<String>,
}

/// Runs the dashboard until the user quits. The terminal is restored on every exit path,
/// the mouse mode included.
pub fn run(origin: Origin, options: Options) -> io::Result<()> {
    let Options {
        start,
        colors,
        view,
        mouse,
        missing_hint,
    } = options;
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "standard output is not a terminal; to write to a file or a pipe, use --print, --json or --check",
        ));
    }
    let (tx, rx) = mpsc::channel::<Input>();
    signals::spawn(tx.clone())?;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    terminal::hook_panic(mouse);
    if let Err(e) = terminal::enable_mouse(mouse) {
        let _ = terminal::disable_mouse(mouse);
        ratatui::restore();
        return Err(e);
    }
    let app = App::new(&origin, Utc::now(), start)
        .with_colors(colors)
        .with_view(view)
        .with_local_offset(chrono::Local::now().offset().to_owned())
        .with_missing_hint(missing_hint);
    let result = event_loop(&mut terminal, app, origin, mouse, tx, rx);
    let _ = terminal::disable_mouse(mouse);
    ratatui::restore();
    result
}

/// What the loop needs to carry out a command: the data's feed (to reload), the mouse
/// mode (to turn it off and on around a suspension or the editor) and the key reader (to
/// pause while the editor reads the keys).
struct Effects {
    feed: Watcher,
    mouse: Mouse,
    keys: keys::Gate,
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    origin: Origin,
    mouse: Mouse,
    tx: Sender<Input>,
    rx: Receiver<Input>,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    // The feed reads the data once as it starts and sends what it found: that is the
    // first load, a message like every later one.
    let file_tx = tx.clone();
    let feed = Watcher::start(
        &origin,
        Box::new(move |event| {
            file_tx
                .send(Input::File {
                    event,
                    at: Utc::now(),
                })
                .is_ok()
        }),
    )?;
    let keys = keys::spawn_reader(tx)?;
    let effects = Effects { feed, mouse, keys };
    let mut painter = Painter::default();
    loop {
        // Whatever is waiting (the first load, a storm of resizes, fast typing, a burst
        // of saves) is applied before the one redraw.
        while let Ok(input) = rx.try_recv() {
            if handle(Some(input), &mut app, terminal, &effects, &mut painter)? == Flow::Quit {
                return Ok(());
            }
        }
        painter.draw(terminal, &mut app)?;
        let wait = until_next_second(app.precise_now().timestamp_subsec_nanos());
        let input = match rx.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        if handle(input, &mut app, terminal, &effects, &mut painter)? == Flow::Quit {
            return Ok(());
        }
    }
}

/// Drawing, and sending back what the view measured.
#[derive(Default)]
struct Painter {
    cache: ui::FrameCache,
}

impl Painter {
    fn draw(&mut self, terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
        let mut drawn = Drawn::default();
        terminal.draw(|f| {
            let area = f.area();
            drawn = self.cache.render(app, area, f.buffer_mut());
        })?;
        let before = app.revision();
        app.update(Msg::Drawn(Box::new(drawn)));
        if app.revision() != before {
            // A scroll was clamped to the new figures: show it at once.
            return self.draw(terminal, app);
        }
        Ok(())
    }

    /// Applies `msg`, first measuring the screen off-screen when `msg` needs measures
    /// the last frame does not give (a key in the same burst as the one that opened the
    /// help, say).
    fn update(&mut self, app: &mut App, msg: Msg) -> Option<Command> {
        if app.needs_measures(&msg) {
            let (w, h) = app.size();
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            let drawn = self.cache.render(app, area, &mut buf);
            app.update(Msg::Drawn(Box::new(drawn)));
        }
        app.update(msg)
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
    effects: &Effects,
    painter: &mut Painter,
) -> io::Result<Flow> {
    let msg = match input {
        None => Msg::Tick(Utc::now()),
        Some(Input::Term(Event::Key(k))) => Msg::Key(k),
        Some(Input::Term(Event::Resize(w, h))) => Msg::Resize(w, h),
        Some(Input::Term(Event::Mouse(m))) => Msg::Mouse(m),
        Some(Input::Term(_)) => return Ok(Flow::Go),
        Some(Input::File { event, at }) => Msg::FileChanged { event, at },
        Some(Input::Signal(Signal::Reload)) => {
            effects.feed.reload();
            return Ok(Flow::Go);
        }
        Some(Input::Signal(Signal::Continue)) => {
            terminal::resume(terminal, effects.mouse)?;
            Msg::Tick(Utc::now())
        }
        Some(Input::Signal(Signal::Stop)) => {
            terminal::suspend(terminal, effects.mouse)?;
            Msg::Tick(Utc::now())
        }
        Some(Input::Signal(Signal::Quit)) => return Ok(Flow::Quit),
    };
    match painter.update(app, msg) {
        Some(Command::Quit) => return Ok(Flow::Quit),
        Some(Command::Reload) => effects.feed.reload(),
        Some(Command::Suspend) => {
            terminal::suspend(terminal, effects.mouse)?;
            app.update(Msg::Tick(Utc::now()));
        }
        Some(Command::Open(url)) => {
            app.update(Msg::Notice(commands::open(&url)));
        }
        Some(Command::Copy(text)) => {
            app.update(Msg::Notice(commands::copy_to_terminal(&text)));
        }
        Some(Command::Edit { path, line }) => {
            let notice = editor::edit(terminal, effects.mouse, &effects.keys, &path, line)?;
            // The same reload as `r`; the watcher may have seen the saves as well.
            effects.feed.reload();
            let size = terminal.size()?;
            app.update(Msg::Resize(size.width, size.height));
            app.update(Msg::Notice(notice));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::builtin_app;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> Msg {
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn a_key_in_the_burst_that_opened_the_help_scrolls_it() {
        // A screen on which the help does not fit, drawn once, then `?` and Down
        // handled before the next frame.
        let mut app = builtin_app("2025-09-22T12:00:00-04:00");
        app.update(Msg::Resize(60, 18));
        let mut painter = Painter::default();
        let area = Rect::new(0, 0, 60, 18);
        let drawn = painter.cache.render(&app, area, &mut Buffer::empty(area));
        app.update(Msg::Drawn(Box::new(drawn)));
        painter.update(&mut app, key(KeyCode::Char('?')));
        painter.update(&mut app, key(KeyCode::Down));
        painter.update(&mut app, key(KeyCode::Down));
        assert_eq!(app.help_scroll(), 2);
        // Keys that use no measures draw nothing first.
        painter.update(&mut app, key(KeyCode::Esc));
        assert!(app.needs_measures(&key(KeyCode::Down)));
        assert!(!app.needs_measures(&key(KeyCode::Char('?'))));
        // In a burst of typed text, a prompt's keys are text: nothing to measure.
        painter.update(&mut app, key(KeyCode::Char('/')));
        painter.update(&mut app, key(KeyCode::Char('m')));
        assert!(!app.needs_measures(&key(KeyCode::Char('j'))));
    }

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
