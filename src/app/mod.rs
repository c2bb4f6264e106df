//! The dashboard's state and its one `update` function (the Elm architecture).
//!
//! Nothing here reads a clock, a terminal or a file: time arrives in `Msg::Tick` (and
//! with each load in `Msg::FileChanged`), keys in `Msg::Key`, the mouse in `Msg::Mouse`,
//! and what the view drew (and where) in `Msg::Drawn`. Every change to the state goes
//! through [`App::update`]; the view only reads it.
//!
//! The state is shaped like the screen: the clock (`clock.rs`), the loaded data
//! (`loaded.rs`), the mission list's filter, sort and selection (`listing.rs`), the
//! screen under any overlay, dashboard or timeline (`screen.rs`), and at most one overlay,
//! help or a prompt (`overlay.rs`). A key is offered to the overlay, then to the screen,
//! then to the global bindings below; each answers [`Handled`]. The mouse is in
//! `mouse.rs`.

mod clock;
mod drawn;
pub mod filter;
pub mod keys;
mod listing;
mod loaded;
mod mouse;
mod overlay;
mod panel;
mod screen;
pub mod timeline;

use chrono::{DateTime, FixedOffset, Utc};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEvent};

use crate::domain::state::State;
use crate::domain::{Dataset, Mission};
use crate::source::{FileEvent, Origin, Problem};
pub use clock::CalendarEnd;
use clock::Clock;
pub use drawn::{Drawn, Extent};
pub use filter::Sort;
use keys::{action_for, Action};
use listing::{step, Listing};
use loaded::Loaded;
pub use overlay::{Overlay, Prompt};
pub use panel::Panel;
pub use screen::{Dashboard, Screen};
pub use timeline::Timeline;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The real time now.
    Tick(DateTime<Utc>),
    /// One load of the data, and the real time it arrived (the "loaded at" it shows).
    FileChanged {
        event: FileEvent,
        at: DateTime<Utc>,
    },
    Resize(u16, u16),
    /// What the view drew (sent after each frame whose figures changed).
    Drawn(Box<Drawn>),
    /// How a command went (opening a URL, copying it), for the status bar.
    Notice(String),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Quit,
    Reload,
    Suspend,
    /// Open this `http(s)://` URL with the system's opener.
    Open(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Edit this file in the user's editor at this line (1-based), then reload it.
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
}

/// What a part of the state did with a key: used it (and maybe asks for a command), or
/// passed it on to the next part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    Used(Option<Command>),
    Passed,
}

/// Which view the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Dashboard,
    Timeline,
}

/// Whether the theme may use colour (`NO_COLOR` turns it off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colors {
    On,
    Off,
}

/// Where the shown data comes from, as the status bar tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataKind {
    /// A file, watched for changes.
    Watched,
    /// The copy built into the binary: nothing to watch.
    Builtin,
}

#[derive(Debug, Clone)]
pub struct App {
    colors: Colors,
    /// The local offset of this machine, for times of day in the status bar.
    local: FixedOffset,
    clock: Clock,
    loaded: Loaded,
    listing: Listing,
    screen: Screen,
    overlay: Option<Overlay>,
    /// The status bar's word on the last command (until the next key).
    notice: Option<String>,
    size: (u16, u16),
    /// What the view last drew.
    drawn: Drawn,
    /// The revision those measures were taken at (`None`: none yet).
    measured: Option<u64>,
    /// Bumped by every change the frame's static parts can show: everything but the
    /// clock moving within a day (see [`App::revision`]).
    revision: u64,
}

impl App {
    /// A dashboard for the data of `origin`, its clock at `real` (or at `start`, the
    /// `--now` instant, from which it runs on). It shows "loading" until the first
    /// `Msg::FileChanged`.
    pub fn new(origin: &Origin, real: DateTime<Utc>, start: Option<DateTime<Utc>>) -> Self {
        App {
            colors: Colors::On,
            local: chrono::Offset::fix(&Utc),
            clock: Clock::new(real, start),
            loaded: Loaded::new(origin),
            listing: Listing::default(),
            screen: Screen::default(),
            overlay: None,
            notice: None,
            size: (120, 40),
            drawn: Drawn::default(),
            measured: None,
            revision: 0,
        }
    }

    /// A dashboard showing what one load of `origin` found (`event`) at the instant
    /// `now`, on a `w`x`h` screen: the one set-up of `--print`, the tests, the fuzz
    /// targets and the benchmarks.
    pub fn showing(
        origin: &Origin,
        event: FileEvent,
        now: DateTime<Utc>,
        (w, h): (u16, u16),
    ) -> Self {
        let mut app = App::new(origin, now, None);
        app.update(Msg::Resize(w, h));
        app.update(Msg::FileChanged { event, at: now });
        app.update(Msg::Tick(now));
        app
    }

    /// The same, drawn with or without colour.
    pub fn with_colors(mut self, colors: Colors) -> Self {
        self.colors = colors;
        self
    }

    /// The same, telling times of day at this machine's offset.
    pub fn with_local_offset(mut self, local: FixedOffset) -> Self {
        self.local = local;
        self
    }

    /// The same, adding `hint` to the "file missing" banner.
    pub fn with_missing_hint(mut self, hint: Option<String>) -> Self {
        self.loaded.missing_hint = hint;
        self
    }

    /// The same, showing `view`.
    pub fn with_view(mut self, view: View) -> Self {
        self.screen.shown = view;
        self
    }

    /// What the "file missing" banner adds, if anything.
    pub fn missing_hint(&self) -> Option<&str> {
        self.loaded.missing_hint.as_deref()
    }

    pub fn file_name(&self) -> &str {
        &self.loaded.file_name
    }

    pub fn data_kind(&self) -> DataKind {
        self.loaded.kind
    }

    pub fn colors(&self) -> Colors {
        self.colors
    }

    pub fn local_offset(&self) -> FixedOffset {
        self.local
    }

    pub fn data(&self) -> Option<&Dataset> {
        self.loaded.data.as_ref()
    }

    pub fn loaded_at(&self) -> Option<DateTime<Utc>> {
        self.loaded.at
    }

    pub fn problem(&self) -> Option<&Problem> {
        self.loaded.problem.as_ref()
    }

    /// Each mission's state, in file order.
    pub fn states(&self) -> &[State] {
        &self.loaded.states
    }

    /// Mission indices in the order listed: those the filter matches, sorted.
    pub fn order(&self) -> &[usize] {
        &self.listing.order
    }

    /// The selected mission's row in [`App::order`].
    pub fn selected_row(&self) -> usize {
        self.listing.selected_row
    }

    /// The filter's text (empty: none).
    pub fn filter(&self) -> &str {
        &self.listing.filter
    }

    pub fn sort(&self) -> Sort {
        self.listing.sort
    }

    /// The prompt at the bottom, if one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.overlay {
            Some(Overlay::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    pub fn help_shown(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    pub fn help_scroll(&self) -> usize {
        match self.overlay {
            Some(Overlay::Help { scroll }) => scroll,
            _ => 0,
        }
    }

    /// The view shown under any overlay.
    pub fn view(&self) -> View {
        self.screen.shown
    }

    pub fn timeline(&self) -> Timeline {
        self.screen.timeline
    }

    /// The selected source's index in the selected mission's sources.
    pub fn source_row(&self) -> usize {
        self.screen.dashboard.source_row
    }

    pub fn focus(&self) -> Panel {
        self.screen.dashboard.focus
    }

    pub fn zoomed(&self) -> bool {
        self.screen.dashboard.zoom
    }

    pub fn scroll(&self, panel: Panel) -> usize {
        self.screen.dashboard.scroll[panel.index()]
    }

    /// The status bar's word on the last command.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Changes with everything the frame's static parts show; the clock moving within a
    /// day (the countdown, the elapsed gauge, the status bar's clock) leaves it alone.
    /// A frame cache keyed on it cannot go stale: nothing changes the state but
    /// `update`, and `update` bumps it for every message but such a tick.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The panels shown: the mission list only when there is more than one mission.
    pub fn panels(&self) -> Vec<Panel> {
        self.loaded.panels()
    }

    /// The selected mission and its state.
    pub fn current(&self) -> Option<(&Mission, &State)> {
        self.loaded.at_row(&self.listing, self.listing.selected_row)
    }

    /// Whether `msg` would use measures of the view (how far a panel or the help can
    /// scroll, a page, where things are for the mouse) that the last [`Msg::Drawn`] no
    /// longer gives: the state changed since, as when `?` and Down arrive in one burst
    /// before a frame is drawn. The caller then draws (off-screen will do) and sends
    /// `Msg::Drawn` before `msg`.
    pub fn needs_measures(&self, msg: &Msg) -> bool {
        if self.measured == Some(self.revision) {
            return false;
        }
        match msg {
            Msg::Mouse(_) => true,
            Msg::Key(key) => {
                self.prompt().is_none()
                    && action_for(key).is_some_and(|a| {
                        matches!(
                            a,
                            Action::Up
                                | Action::Down
                                | Action::PageUp
                                | Action::PageDown
                                | Action::Top
                                | Action::Bottom
                        )
                    })
            }
            _ => false,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Option<Command> {
        match msg {
            Msg::Tick(real) => {
                self.tick(real);
                None
            }
            Msg::Drawn(drawn) => {
                // Only a scroll the new figures clamp changes what is shown.
                self.drawn = *drawn;
                if self.clamp_scrolls() {
                    self.revision += 1;
                }
                self.measured = Some(self.revision);
                None
            }
            Msg::Mouse(ev) => {
                // Most mouse reports (a release, a move) change nothing: no redraw for them.
                let before = self.mouse_reach();
                let cmd = self.mouse(ev);
                if self.mouse_reach() != before {
                    self.revision += 1;
                }
                cmd
            }
            Msg::Resize(w, h) => {
                self.revision += 1;
                self.size = (w, h);
                None
            }
            Msg::FileChanged { event, at } => {
                self.revision += 1;
                self.tick(at);
                self.file_event(event);
                None
            }
            Msg::Notice(text) => {
                self.revision += 1;
                self.notice = Some(crate::domain::text::clean(&text));
                None
            }
            Msg::Key(key) => {
                self.revision += 1;
                self.key(key)
            }
        }
    }

    /// The real time moved on to `real`.
    fn tick(&mut self, real: DateTime<Utc>) {
        self.clock.real = real;
        // Days, phases and the order change only when a day starts somewhere; within a
        // day only the selected mission's countdown moves, which the frame's static
        // parts do not show.
        if self.loaded.next_day.is_some_and(|t| self.now() < t) {
            self.refresh_selected();
        } else {
            self.recompute();
            self.revision += 1;
        }
    }

    /// A key, offered to the overlay, then to the screen, then to the global bindings.
    fn key(&mut self, key: KeyEvent) -> Option<Command> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.notice = None;
        let action = action_for(&key);
        if let Handled::Used(cmd) = self.overlay_key(&key, action) {
            return cmd;
        }
        let action = action?;
        match self.screen_key(&key, action) {
            Handled::Used(cmd) => cmd,
            Handled::Passed => self.global_key(action),
        }
    }

    /// The keys that do the same on every screen.
    fn global_key(&mut self, action: Action) -> Option<Command> {
        match action {
            Action::Quit => return Some(Command::Quit),
            Action::Reload => return Some(Command::Reload),
            Action::Suspend => return Some(Command::Suspend),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::GoTo => {
                self.overlay = Some(Overlay::Prompt(Prompt::Date {
                    text: String::new(),
                    error: None,
                }))
            }
            Action::Filter => self.overlay = Some(Overlay::Prompt(Prompt::Filter)),
            Action::DayBack => self.travel(-1),
            Action::DayForward => self.travel(1),
            Action::MonthBack => self.travel(-30),
            Action::MonthForward => self.travel(30),
            Action::ClockReset => {
                self.clock.reset();
                self.recompute();
            }
            Action::Sort => {
                self.listing.sort = self.listing.sort.next();
                self.reorder();
            }
            // The screens' own keys: each screen takes those it has.
            _ => {}
        }
        None
    }

    fn file_event(&mut self, ev: FileEvent) {
        match ev {
            FileEvent::Loaded(d) => {
                let first = self.loaded.data.is_none();
                self.listing.search = d.missions.iter().map(filter::haystack).collect();
                self.loaded.data = Some(*d);
                self.loaded.at = Some(self.clock.real);
                self.loaded.problem = None;
                self.recompute();
                // With a list to choose from, the keys start on it.
                if first && self.panels().contains(&Panel::Missions) {
                    self.screen.dashboard.focus = Panel::Missions;
                }
            }
            FileEvent::Failed(p) => self.loaded.problem = Some(p),
        }
    }

    /// Clamps every scroll to the last drawn figures; whether one moved.
    fn clamp_scrolls(&mut self) -> bool {
        let mut moved = self.screen.dashboard.clamp(&self.drawn);
        if let Some(Overlay::Help { scroll }) = &mut self.overlay {
            let max = self.drawn.help.max_scroll();
            moved |= *scroll > max;
            *scroll = (*scroll).min(max);
        }
        moved
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::testing::{press, seed_app};
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn quit_reload_and_suspend_are_commands() {
        let mut app = seed_app();
        assert_eq!(press(&mut app, KeyCode::Char('q')), Some(Command::Quit));
        assert_eq!(press(&mut app, KeyCode::Char('r')), Some(Command::Reload));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(app.update(Msg::Key(ctrl_c)), Some(Command::Quit));
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert_eq!(app.update(Msg::Key(ctrl_z)), Some(Command::Suspend));
    }
}
