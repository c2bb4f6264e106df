//! The dashboard's state and its one `update` function (the Elm architecture).
//!
//! Nothing here reads a clock, a terminal or a file: time arrives in `Msg::Tick`, data
//! in `Msg::FileChanged`, keys in `Msg::Key`, the mouse in `Msg::Mouse`, and what the
//! view drew (and where) in `Msg::Drawn`. Every change to the state goes through
//! [`App::update`]; the view only reads it. Keys and the mouse are in `input.rs`.

mod clock;
pub mod filter;
mod input;
pub mod keys;
mod layout;
mod panel;
pub mod timeline;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::domain::state::{self, State};
use crate::domain::{Dataset, Mission};
use crate::source::{FileEvent, Origin, Problem};
pub use clock::CalendarEnd;
pub use filter::Sort;
pub use layout::{Drawn, Extent};
pub use panel::Panel;
pub use timeline::Timeline;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// The real time now.
    Tick(DateTime<Utc>),
    FileChanged(FileEvent),
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
}

/// Which view the screen shows at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Dashboard,
    Timeline,
}

/// A line at the bottom that takes the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Prompt {
    /// `/`: the filter, edited live (its text is [`App::filter`]).
    Filter,
    /// `:`: a date to go to, and the answer to the last try if it was not one.
    Date { text: String, error: Option<String> },
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
    file_name: String,
    data_kind: DataKind,
    colors: Colors,
    /// The local offset of this machine, for times of day in the status bar.
    local: FixedOffset,
    /// What to add when the file is missing (for the user's own file: `mandate --init`).
    missing_hint: Option<String>,
    /// The last good data, if any was ever loaded.
    data: Option<Dataset>,
    /// Each mission's fields the filter searches, lowercased (see [`filter::haystack`]).
    search: Vec<String>,
    /// When the last good data was loaded (real time).
    loaded_at: Option<DateTime<Utc>>,
    problem: Option<Problem>,
    /// The real time at the last tick.
    real: DateTime<Utc>,
    /// `--now` minus the real time at start: the clock runs on from `--now`.
    shift: Duration,
    /// Time travel, in seconds (whole days but after a go-to-date).
    travel_secs: i64,
    /// Set when the last time travel stopped at an end of the calendar.
    travel_stop: Option<CalendarEnd>,
    /// Each mission's state at `now()`, in file order.
    states: Vec<State>,
    /// The listed mission indices (those the filter matches), in the sort's order.
    order: Vec<usize>,
    /// The selected mission's row in `order`.
    selected_row: usize,
    /// The filter's text (`/`); empty: every mission.
    filter: String,
    sort: Sort,
    prompt: Option<Prompt>,
    timeline: Timeline,
    /// The selected source of the selected mission (in Sources: `o` opens it).
    source_row: usize,
    /// The status bar's word on the last command (until the next key).
    notice: Option<String>,
    focus: Panel,
    zoom: bool,
    help: bool,
    help_scroll: usize,
    scroll: [usize; Panel::COUNT],
    size: (u16, u16),
    /// What the view last drew.
    drawn: Drawn,
    /// Bumped by every change the frame's static parts can show: everything but the
    /// clock moving within a day (see [`App::revision`]).
    revision: u64,
    /// The next instant a new day starts in any mission's zone: until then only the
    /// selected mission's state changes with the clock (its countdown).
    next_day: Option<DateTime<Utc>>,
}

impl App {
    /// A dashboard for the data of `origin`, its clock at `real` (or at `start`, the
    /// `--now` instant, from which it runs on).
    pub fn new(origin: &Origin, real: DateTime<Utc>, start: Option<DateTime<Utc>>) -> Self {
        App {
            file_name: origin.name(),
            data_kind: if origin.is_builtin() {
                DataKind::Builtin
            } else {
                DataKind::Watched
            },
            colors: Colors::On,
            local: chrono::Offset::fix(&Utc),
            missing_hint: None,
            data: None,
            search: Vec::new(),
            loaded_at: None,
            problem: None,
            real,
            shift: start.map_or(Duration::zero(), |s| s - real),
            travel_secs: 0,
            travel_stop: None,
            states: Vec::new(),
            order: Vec::new(),
            selected_row: 0,
            filter: String::new(),
            sort: Sort::default(),
            prompt: None,
            timeline: Timeline::default(),
            source_row: 0,
            notice: None,
            focus: Panel::Status,
            zoom: false,
            help: false,
            help_scroll: 0,
            scroll: [0; Panel::COUNT],
            size: (120, 40),
            drawn: Drawn::default(),
            revision: 0,
            next_day: None,
        }
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
        self.missing_hint = hint;
        self
    }

    /// What the "file missing" banner adds, if anything.
    pub fn missing_hint(&self) -> Option<&str> {
        self.missing_hint.as_deref()
    }

    /// The same, opening on `view`.
    pub fn with_view(mut self, view: View) -> Self {
        self.timeline.open = view == View::Timeline;
        self
    }

    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn data_kind(&self) -> DataKind {
        self.data_kind
    }

    pub fn colors(&self) -> Colors {
        self.colors
    }

    pub fn local_offset(&self) -> FixedOffset {
        self.local
    }

    pub fn data(&self) -> Option<&Dataset> {
        self.data.as_ref()
    }

    pub fn loaded_at(&self) -> Option<DateTime<Utc>> {
        self.loaded_at
    }

    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// The end of the calendar the last time travel stopped at, if it did.
    pub fn travel_stop(&self) -> Option<CalendarEnd> {
        self.travel_stop
    }

    /// Each mission's state, in file order.
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// Mission indices in the order listed: those the filter matches, sorted.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The selected mission's row in [`App::order`].
    pub fn selected_row(&self) -> usize {
        self.selected_row
    }

    /// The filter's text (empty: none).
    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The prompt at the bottom, if one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn timeline(&self) -> Timeline {
        self.timeline
    }

    /// The selected source's index in the selected mission's sources.
    pub fn source_row(&self) -> usize {
        self.source_row
    }

    /// The status bar's word on the last command.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn focus(&self) -> Panel {
        self.focus
    }

    pub fn zoomed(&self) -> bool {
        self.zoom
    }

    pub fn help_shown(&self) -> bool {
        self.help
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn scroll(&self, panel: Panel) -> usize {
        self.scroll[panel.index()]
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
        let many = self.data.as_ref().is_some_and(|d| d.missions.len() > 1);
        Panel::ALL
            .into_iter()
            .filter(|&p| p != Panel::Missions || many)
            .collect()
    }

    /// The selected mission and its state.
    pub fn current(&self) -> Option<(&Mission, &State)> {
        let data = self.data.as_ref()?;
        let i = *self.order.get(self.selected_row)?;
        Some((data.missions.get(i)?, self.states.get(i)?))
    }

    /// Recomputes every state at `now()` and the order, keeping the selected mission.
    fn recompute(&mut self) {
        let now = self.now();
        self.states = match &self.data {
            Some(d) => state::states(d, now),
            None => Vec::new(),
        };
        self.next_day = self.data.as_ref().and_then(|d| {
            let zones: std::collections::HashSet<chrono_tz::Tz> =
                d.missions.iter().map(|m| m.timezone).collect();
            zones
                .into_iter()
                .map(|tz| state::end_instant(tz, state::today(tz, now)).with_timezone(&Utc))
                .min()
        });
        self.reorder();
    }

    /// Lists the missions the filter matches in the sort's order, keeping the selected
    /// mission when it is still listed.
    fn reorder(&mut self) {
        let keep = self.current().map(|(m, _)| m.id.clone());
        let Some(d) = &self.data else {
            self.order.clear();
            self.selected_row = 0;
            return;
        };
        let query = self.filter.to_lowercase();
        let mut order: Vec<usize> = (0..self.states.len())
            .filter(|&i| {
                self.search
                    .get(i)
                    .is_none_or(|h| filter::matches(h, &query))
            })
            .collect();
        self.sort.apply(&mut order, &d.missions, &self.states);
        let row = keep.and_then(|id| order.iter().position(|&i| d.missions[i].id == id));
        if row.is_none() {
            self.source_row = 0;
        }
        self.order = order;
        self.selected_row = row.unwrap_or(0);
        if !self.panels().contains(&self.focus) {
            self.focus = self.panels()[0];
        }
    }

    pub fn update(&mut self, msg: Msg) -> Option<Command> {
        if let Msg::Tick(real) = msg {
            self.real = real;
            // Days, phases and the order change only when a day starts somewhere;
            // within a day only the selected mission's countdown moves, which the
            // frame's static parts do not show.
            if self.next_day.is_some_and(|t| self.now() < t) {
                self.refresh_selected();
            } else {
                self.recompute();
                self.revision += 1;
            }
            return None;
        }
        if let Msg::Drawn(drawn) = msg {
            // Only a scroll the new figures clamp changes what is shown.
            self.drawn = *drawn;
            let before = (self.scroll, self.help_scroll);
            self.clamp_scrolls();
            if (self.scroll, self.help_scroll) != before {
                self.revision += 1;
            }
            return None;
        }
        if let Msg::Mouse(ev) = msg {
            // Most mouse reports (a release, a move) change nothing: no redraw for them.
            let before = self.clone_view_state();
            let cmd = self.mouse(ev);
            if self.clone_view_state() != before {
                self.revision += 1;
            }
            return cmd;
        }
        self.revision += 1;
        match msg {
            Msg::Tick(_) | Msg::Drawn(_) | Msg::Mouse(_) => None,
            Msg::Resize(w, h) => {
                self.size = (w, h);
                None
            }
            Msg::FileChanged(ev) => {
                self.file_event(ev);
                None
            }
            Msg::Notice(text) => {
                self.notice = Some(crate::domain::text::clean(&text));
                None
            }
            Msg::Key(key) => self.key(key),
        }
    }

    /// What a mouse event can change, to tell whether one did.
    fn clone_view_state(&self) -> (Panel, bool, usize, [usize; Panel::COUNT], usize) {
        (
            self.focus,
            self.zoom,
            self.selected_row,
            self.scroll,
            self.source_row,
        )
    }

    fn file_event(&mut self, ev: FileEvent) {
        match ev {
            FileEvent::Loaded(d) => {
                let first = self.data.is_none();
                self.search = d.missions.iter().map(filter::haystack).collect();
                self.data = Some(*d);
                self.loaded_at = Some(self.real);
                self.problem = None;
                self.recompute();
                // With a list to choose from, the keys start on it.
                if first && self.panels().contains(&Panel::Missions) {
                    self.focus = Panel::Missions;
                }
            }
            FileEvent::Failed(p) => self.problem = Some(p),
        }
    }

    /// Recomputes the selected mission's state at `now()`.
    fn refresh_selected(&mut self) {
        let now = self.now();
        let (Some(d), Some(&i)) = (&self.data, self.order.get(self.selected_row)) else {
            return;
        };
        if let (Some(m), Some(s)) = (d.missions.get(i), self.states.get_mut(i)) {
            *s = state::state_in(d, m, now);
        }
    }

    fn clamp_scrolls(&mut self) {
        for p in Panel::ALL {
            let i = p.index();
            if let Some(e) = self.drawn.panel(p) {
                self.scroll[i] = self.scroll[i].min(e.max_scroll());
            }
        }
        self.help_scroll = self.help_scroll.min(self.drawn.help.max_scroll());
    }
}

/// `at` moved by `delta`, within `0..=max`.
fn step(at: usize, delta: i64, max: usize) -> usize {
    let moved = if delta < 0 {
        at.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
    } else {
        at.saturating_add(usize::try_from(delta).unwrap_or(usize::MAX))
    };
    moved.min(max)
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn seed_app() -> App {
        testing::builtin_app("2025-09-22T12:00:00-04:00")
    }

    fn press(app: &mut App, code: KeyCode) -> Option<Command> {
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    #[test]
    fn tab_cycles_focus_through_every_panel_and_back() {
        let mut app = seed_app();
        let panels = app.panels();
        assert_eq!(panels.len(), 8);
        let start = app.focus;
        let mut seen = vec![start];
        for _ in 1..panels.len() {
            press(&mut app, KeyCode::Tab);
            seen.push(app.focus);
        }
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, start);
        seen.sort_by_key(|p| p.index());
        seen.dedup();
        assert_eq!(seen.len(), 8);
        press(&mut app, KeyCode::BackTab);
        let back =
            (panels.iter().position(|&p| p == start).unwrap() + panels.len() - 1) % panels.len();
        assert_eq!(app.focus, panels[back]);
    }

    #[test]
    fn digits_jump_to_numbered_panels() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('4'));
        assert_eq!(app.focus, Panel::Strength);
        press(&mut app, KeyCode::Char('1'));
        assert_eq!(app.focus, Panel::Missions);
        press(&mut app, KeyCode::Char('9'));
        assert_eq!(app.focus, Panel::Missions, "no panel 9: focus stays");
    }

    #[test]
    fn mission_selection_moves_and_stops_at_the_ends() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Char('1'));
        let first = app.current().unwrap().0.id.clone();
        assert_eq!(first, "mss", "soonest expiry first");
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Down);
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Char('g'));
        assert_eq!(app.current().unwrap().0.id, "mss");
        press(&mut app, KeyCode::End);
        assert_eq!(app.current().unwrap().0.id, "gsf");
    }

    #[test]
    fn zoom_help_and_escape() {
        let mut app = seed_app();
        press(&mut app, KeyCode::Enter);
        assert!(app.zoom);
        press(&mut app, KeyCode::Char('?'));
        assert!(app.help);
        press(&mut app, KeyCode::Tab);
        assert_eq!(
            app.focus,
            Panel::Missions,
            "keys other than help's own are ignored under help"
        );
        press(&mut app, KeyCode::Esc);
        assert!(!app.help);
        assert!(app.zoom, "the first Esc closes only the overlay");
        press(&mut app, KeyCode::Esc);
        assert!(!app.zoom);
        press(&mut app, KeyCode::Char('?'));
        press(&mut app, KeyCode::Char('?'));
        assert!(!app.help);
    }

    #[test]
    fn time_travel_moves_every_figure_and_t_returns() {
        let mut app = seed_app();
        let days = |a: &App| a.current().unwrap().1.days_remaining;
        assert_eq!(days(&app), Some(11));
        press(&mut app, KeyCode::Char(']'));
        assert_eq!(days(&app), Some(10));
        assert_eq!(app.travel_days(), 1);
        press(&mut app, KeyCode::Char('['));
        press(&mut app, KeyCode::Char('['));
        assert_eq!(days(&app), Some(12));
        press(&mut app, KeyCode::Char('}'));
        // 29 days on: the MSS has expired, the GSF is active; MSS sorts last now
        let mss = app
            .data
            .as_ref()
            .unwrap()
            .missions
            .iter()
            .position(|m| m.id == "mss")
            .unwrap();
        assert_eq!(app.states[mss].phase, state::Phase::Expired);
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(app.travel_days(), 0);
        assert_eq!(app.states[mss].days_remaining, Some(11));
        press(&mut app, KeyCode::Char('{'));
        assert_eq!(app.states[mss].days_remaining, Some(41));
    }

    #[test]
    fn time_travel_stops_at_the_ends_of_the_calendar() {
        for (start, key, travel, note) in [
            ("9999-12-31T00:00:00Z", '}', 0, "calendar ends 31 Dec 9999"),
            (
                "0001-01-15T12:00:00Z",
                '{',
                -14,
                "calendar starts 1 Jan 0001",
            ),
        ] {
            let real = Utc::now();
            let mut app = App::new(
                &Origin::File("f".into()),
                real,
                Some(testing::instant(start)),
            );
            app.update(Msg::FileChanged(crate::source::load(&Origin::Builtin)));
            app.update(Msg::Tick(real));
            for _ in 0..200 {
                press(&mut app, KeyCode::Char(key));
                app.update(Msg::Tick(real));
            }
            assert_eq!(app.travel_days(), travel, "{start}");
            assert!(app.travel_stop.is_some());
            assert!((state::EARLIEST..=state::LATEST).contains(&app.now()));
            let frame = crate::ui::frame_text(&mut app, 120, 40);
            assert!(frame.contains(note), "{frame}");
            press(&mut app, KeyCode::Char('t'));
            assert_eq!(app.travel_stop, None);
        }
    }

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

    #[test]
    fn the_clock_runs_on_from_now() {
        let real = Utc::now();
        let start = DateTime::parse_from_rfc3339("2025-09-22T12:00:00-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = App::new(&Origin::File("f".into()), real, Some(start));
        assert_eq!(app.now(), start);
        app.update(Msg::Tick(real + Duration::seconds(5)));
        assert_eq!(app.now(), start + Duration::seconds(5));
    }

    #[test]
    fn ticks_keep_every_state_as_a_full_recompute_would() {
        // Second by second across the MSS's last midnight in Port-au-Prince.
        let start = DateTime::parse_from_rfc3339("2025-10-02T23:59:55-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = seed_app();
        app.update(Msg::Tick(start));
        for i in 0..10 {
            app.update(Msg::Tick(start + Duration::seconds(i)));
            let full = state::states(app.data.as_ref().unwrap(), app.now());
            let sel = app.order[app.selected_row];
            assert_eq!(app.states[sel], full[sel], "selected, tick {i}");
            for (a, b) in app.states.iter().zip(&full) {
                assert_eq!(
                    (a.phase, a.today, a.days_remaining, a.days_to_start),
                    (b.phase, b.today, b.days_remaining, b.days_to_start),
                    "tick {i}"
                );
            }
            press(&mut app, KeyCode::Char('1'));
            press(&mut app, KeyCode::Char(if i % 2 == 0 { 'j' } else { 'k' }));
            let sel = app.order[app.selected_row];
            assert_eq!(app.states[sel], full[sel], "newly selected, tick {i}");
        }
    }

    #[test]
    fn the_countdown_agrees_with_the_shown_clock() {
        // A tick lands just after the second: the countdown must not lag the clock.
        let start = DateTime::parse_from_rfc3339("2025-09-22T12:00:00-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = seed_app();
        app.update(Msg::Tick(start + Duration::milliseconds(7_001)));
        assert_eq!(app.now(), start + Duration::seconds(7));
        assert_eq!(
            app.current().unwrap().1.seconds_remaining,
            Some(907_200 - 7)
        );
    }

    #[test]
    fn a_bad_file_keeps_the_last_good_data() {
        let mut app = seed_app();
        app.update(Msg::FileChanged(FileEvent::Failed(Problem::Invalid(
            crate::domain::Diagnostics::one(crate::domain::Diagnostic::error(None, "x")),
        ))));
        assert!(app.data.is_some());
        assert!(matches!(app.problem, Some(Problem::Invalid(_))));
        app.update(Msg::FileChanged(FileEvent::Failed(Problem::Missing)));
        assert_eq!(app.problem, Some(Problem::Missing));
        let data = crate::source::parse(crate::source::BUILTIN.as_bytes()).unwrap();
        app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        assert_eq!(app.problem, None);
    }

    #[test]
    fn time_travel_across_a_ceiling_cut_moves_the_ceiling() {
        let src = std::fs::read("tests/fixtures/valid/categories.toml").unwrap();
        let data = crate::source::parse(&src).unwrap();
        let now = testing::instant("2026-04-29T12:00:00Z");
        let mut app = App::new(&Origin::File("c.toml".into()), now, None);
        app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        app.update(Msg::Tick(now));
        let ceiling = |a: &App| {
            (
                a.states[0].authorized,
                a.states[0].ceiling_resolution.clone(),
            )
        };
        assert_eq!(ceiling(&app), (Some(19101), Some("2779 (2025)".into())));
        press(&mut app, KeyCode::Char(']'));
        press(&mut app, KeyCode::Char(']'));
        assert_eq!(ceiling(&app), (Some(14600), Some("a 2026 renewal".into())));
        assert!(app.states[0].deployment_ratio.unwrap() > 1.0);
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(ceiling(&app).0, Some(19101));
    }
}
