//! The dashboard's state and its one `update` function (the Elm architecture).
//!
//! Nothing here reads a clock, a terminal or a file: time arrives in `Msg::Tick`, data
//! in `Msg::FileChanged`, keys in `Msg::Key`. Rendering is `ui::render(&App, ...)`.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use ratatui::crossterm::event::KeyEvent;

use crate::data::{Dataset, Diagnostic, Mission};
use crate::keys::{action_for, Action};
use crate::model::{self, State};

/// The panels, in their usual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Missions,
    Status,
    Countdown,
    Strength,
    Mandate,
    Funding,
    Progress,
    Sources,
}

impl Panel {
    pub const ALL: [Panel; 8] = [
        Panel::Missions,
        Panel::Status,
        Panel::Countdown,
        Panel::Strength,
        Panel::Mandate,
        Panel::Funding,
        Panel::Progress,
        Panel::Sources,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Missions => "Missions",
            Panel::Status => "Status",
            Panel::Countdown => "Countdown",
            Panel::Strength => "Strength",
            Panel::Mandate => "Mandate",
            Panel::Funding => "Funding",
            Panel::Progress => "Progress",
            Panel::Sources => "Sources",
        }
    }

    fn index(self) -> usize {
        Panel::ALL.iter().position(|&p| p == self).unwrap_or(0)
    }
}

/// What the file watcher (or a manual reload) found.
#[derive(Debug, Clone, PartialEq)]
pub enum FileEvent {
    /// A valid file.
    Loaded(Box<Dataset>),
    /// The file parses badly: every problem.
    Invalid(Vec<Diagnostic>),
    /// The file is gone.
    Missing,
    /// The file cannot be read (permissions, a directory, too large...).
    Unreadable(String),
}

/// What is wrong with the file right now, shown in a banner over the last good data.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Invalid(Vec<Diagnostic>),
    Missing,
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    /// The real time now.
    Tick(DateTime<Utc>),
    FileChanged(FileEvent),
    Resize(u16, u16),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Reload,
    Suspend,
}

#[derive(Debug, Clone)]
pub struct App {
    /// The file's name for messages (`data/mss-haiti.toml`).
    pub file_name: String,
    /// True when showing the copy built into the binary (nothing to watch).
    pub builtin: bool,
    /// The last good data, if any was ever loaded.
    pub data: Option<Dataset>,
    /// When the last good data was loaded (real time).
    pub loaded_at: Option<DateTime<Utc>>,
    pub problem: Option<Problem>,
    /// The real time at the last tick.
    pub real: DateTime<Utc>,
    /// `--now` minus the real time at start: the clock runs on from `--now`.
    pub shift: Duration,
    /// Time travel, in days.
    pub travel_days: i64,
    /// The local offset of this machine, for times of day in the status bar.
    pub local: FixedOffset,
    /// Each mission's state at `now()`, in file order.
    pub states: Vec<State>,
    /// Mission indices, soonest expiry first.
    pub order: Vec<usize>,
    /// Position in `order` of the selected mission.
    pub selected: usize,
    pub focus: Panel,
    pub zoom: bool,
    pub help: bool,
    pub help_scroll: u16,
    scroll: [u16; 8],
    pub size: (u16, u16),
    pub no_color: bool,
    /// Counts the file events applied, so a renderer can tell the data changed.
    pub generation: u64,
    /// The next instant a new day starts in any mission's zone: until then only the
    /// selected mission's state changes with the clock (its countdown).
    next_day: Option<DateTime<Utc>>,
}

impl App {
    pub fn new(
        file_name: String,
        builtin: bool,
        real: DateTime<Utc>,
        start: Option<DateTime<Utc>>,
    ) -> Self {
        App {
            file_name,
            builtin,
            data: None,
            loaded_at: None,
            problem: None,
            real,
            shift: start.map_or(Duration::zero(), |s| s - real),
            travel_days: 0,
            local: chrono::Offset::fix(&Utc),
            states: Vec::new(),
            order: Vec::new(),
            selected: 0,
            focus: Panel::Status,
            zoom: false,
            help: false,
            help_scroll: 0,
            scroll: [0; 8],
            size: (120, 40),
            no_color: false,
            generation: 0,
            next_day: None,
        }
    }

    /// The instant the dashboard shows, to the whole second: every figure on screen,
    /// the clock and the countdown, is computed at this instant, so they always agree.
    pub fn now(&self) -> DateTime<Utc> {
        let t = self.precise_now();
        t - Duration::nanoseconds(i64::from(t.timestamp_subsec_nanos()))
    }

    /// The shown clock with its fraction of a second (to time the next tick).
    pub fn precise_now(&self) -> DateTime<Utc> {
        self.real + self.shift + Duration::days(self.travel_days)
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
        let i = *self.order.get(self.selected)?;
        Some((data.missions.get(i)?, self.states.get(i)?))
    }

    pub fn scroll(&self, panel: Panel) -> u16 {
        self.scroll[panel.index()]
    }

    /// Every panel's scroll offset.
    pub fn scrolls(&self) -> [u16; 8] {
        self.scroll
    }

    /// Recomputes every state at `now()` and the order, keeping the selected mission.
    fn recompute(&mut self) {
        let keep = self.current().map(|(m, _)| m.id.clone());
        let now = self.now();
        self.states = match &self.data {
            Some(d) => model::states(d, now),
            None => Vec::new(),
        };
        self.next_day = self.data.as_ref().and_then(|d| {
            let zones: std::collections::HashSet<chrono_tz::Tz> =
                d.missions.iter().map(|m| m.timezone).collect();
            zones
                .into_iter()
                .map(|tz| model::end_instant(tz, model::today(tz, now)).with_timezone(&Utc))
                .min()
        });
        let mut order: Vec<usize> = (0..self.states.len()).collect();
        order.sort_by_key(|&i| model::urgency(&self.states[i]));
        self.order = order;
        let ids = self.data.as_ref().map(|d| &d.missions);
        self.selected = match (keep, ids) {
            (Some(id), Some(ms)) => self.order.iter().position(|&i| ms[i].id == id).unwrap_or(0),
            _ => 0,
        };
        if !self.panels().contains(&self.focus) {
            self.focus = self.panels()[0];
        }
    }

    pub fn update(&mut self, msg: Msg) -> Option<Command> {
        match msg {
            Msg::Tick(real) => {
                self.real = real;
                // Days, phases and the order change only when a day starts somewhere;
                // within a day only the selected mission's countdown moves.
                if self.next_day.is_some_and(|t| self.now() < t) {
                    self.refresh_selected();
                } else {
                    self.recompute();
                }
                None
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scrolls();
                None
            }
            Msg::FileChanged(ev) => {
                self.file_event(ev);
                None
            }
            Msg::Key(key) => self.key(key),
        }
    }

    fn file_event(&mut self, ev: FileEvent) {
        self.generation += 1;
        match ev {
            FileEvent::Loaded(d) => {
                self.data = Some(*d);
                self.loaded_at = Some(self.real);
                self.problem = None;
                self.recompute();
                self.clamp_scrolls();
            }
            FileEvent::Invalid(diags) => self.problem = Some(Problem::Invalid(diags)),
            FileEvent::Missing => self.problem = Some(Problem::Missing),
            FileEvent::Unreadable(why) => self.problem = Some(Problem::Unreadable(why)),
        }
    }

    fn key(&mut self, key: KeyEvent) -> Option<Command> {
        let action = action_for(&key)?;
        if self.help {
            match action {
                Action::Help | Action::Back => self.help = false,
                Action::Quit => return Some(Command::Quit),
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => {
                    self.help_scroll = self
                        .help_scroll
                        .saturating_add(1)
                        .min(crate::keys::BINDINGS.len() as u16)
                }
                Action::Top => self.help_scroll = 0,
                _ => {}
            }
            return None;
        }
        let panels = self.panels();
        let pos = panels.iter().position(|&p| p == self.focus).unwrap_or(0);
        match action {
            Action::Quit => return Some(Command::Quit),
            Action::Reload => return Some(Command::Reload),
            Action::Suspend => return Some(Command::Suspend),
            Action::NextPanel => self.focus = panels[(pos + 1) % panels.len()],
            Action::PrevPanel => self.focus = panels[(pos + panels.len() - 1) % panels.len()],
            Action::Jump => {
                if let ratatui::crossterm::event::KeyCode::Char(c) = key.code {
                    let n = c.to_digit(10).unwrap_or(0) as usize;
                    if let Some(&p) = panels.get(n.wrapping_sub(1)) {
                        self.focus = p;
                    }
                }
            }
            Action::Zoom => self.zoom = !self.zoom,
            Action::Back => self.zoom = false,
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page() as i64)),
            Action::PageDown => self.move_by(self.page() as i64),
            Action::Top => self.move_by(i64::MIN / 2),
            Action::Bottom => self.move_by(i64::MAX / 2),
            Action::DayBack => self.travel(-1),
            Action::DayForward => self.travel(1),
            Action::MonthBack => self.travel(-30),
            Action::MonthForward => self.travel(30),
            Action::ClockReset => {
                self.travel_days = 0;
                self.recompute();
            }
        }
        None
    }

    /// Recomputes the selected mission's state at `now()`.
    fn refresh_selected(&mut self) {
        let now = self.now();
        let (Some(d), Some(&i)) = (&self.data, self.order.get(self.selected)) else {
            return;
        };
        if let (Some(m), Some(s)) = (d.missions.get(i), self.states.get_mut(i)) {
            *s = model::state(m, d.warn_days, d.stale_days, now);
        }
    }

    fn travel(&mut self, days: i64) {
        // Keep the shown clock within chrono's range (years -262143..262142).
        self.travel_days = (self.travel_days + days).clamp(-3_000_000, 3_000_000);
        self.recompute();
    }

    /// Rows in a page of the focused panel.
    fn page(&self) -> u16 {
        crate::ui::viewport(self, self.focus).max(2) - 1
    }

    /// Moves the selection (mission list) or the scroll (other panels) by `delta`.
    fn move_by(&mut self, delta: i64) {
        if self.focus == Panel::Missions {
            let last = self.order.len().saturating_sub(1) as i64;
            self.selected = (self.selected as i64).saturating_add(delta).clamp(0, last) as usize;
            self.refresh_selected();
            for p in Panel::ALL {
                if p != Panel::Missions {
                    self.scroll[p.index()] = 0;
                }
            }
        } else {
            let i = self.focus.index();
            let max = i64::from(crate::ui::max_scroll(self, self.focus));
            self.scroll[i] = (i64::from(self.scroll[i]).saturating_add(delta)).clamp(0, max) as u16;
        }
    }

    fn clamp_scrolls(&mut self) {
        for p in Panel::ALL {
            let max = crate::ui::max_scroll(self, p);
            let i = p.index();
            self.scroll[i] = self.scroll[i].min(max);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    pub(crate) fn seed_app() -> App {
        let real = DateTime::parse_from_rfc3339("2025-09-22T12:00:00-04:00")
            .unwrap()
            .with_timezone(&Utc);
        let mut app = App::new("data/mss-haiti.toml".into(), false, real, None);
        let data = crate::data::parse(crate::cli::BUILTIN.as_bytes()).unwrap();
        app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        app.update(Msg::Tick(real));
        app
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
            Panel::Status,
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
        assert_eq!(app.travel_days, 1);
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
        assert_eq!(app.states[mss].phase, model::Phase::Expired);
        press(&mut app, KeyCode::Char('t'));
        assert_eq!(app.travel_days, 0);
        assert_eq!(app.states[mss].days_remaining, Some(11));
        press(&mut app, KeyCode::Char('{'));
        assert_eq!(app.states[mss].days_remaining, Some(41));
    }

    #[test]
    fn time_travel_to_the_ends_of_the_calendar_never_panics() {
        for (start, key) in [("9999-12-31T23:59:59Z", '}'), ("0001-01-01T00:00:00Z", '{')] {
            let real = DateTime::parse_from_rfc3339(start)
                .unwrap()
                .with_timezone(&Utc);
            let mut app = App::new("f".into(), false, Utc::now(), Some(real));
            let data = crate::data::parse(crate::cli::BUILTIN.as_bytes()).unwrap();
            app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
            app.update(Msg::Tick(Utc::now()));
            for _ in 0..200 {
                press(&mut app, KeyCode::Char(key));
                app.update(Msg::Tick(Utc::now()));
            }
            assert_eq!(app.travel_days.abs(), 6000);
            let frame = crate::ui::print(&app, 120, 40);
            assert!(frame.contains("time travel"), "{frame}");
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
        let mut app = App::new("f".into(), false, real, Some(start));
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
            let full = model::states(app.data.as_ref().unwrap(), app.now());
            let sel = app.order[app.selected];
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
            let sel = app.order[app.selected];
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
        app.update(Msg::FileChanged(FileEvent::Invalid(vec![
            Diagnostic::error(None, "x"),
        ])));
        assert!(app.data.is_some());
        assert!(matches!(app.problem, Some(Problem::Invalid(_))));
        app.update(Msg::FileChanged(FileEvent::Missing));
        assert_eq!(app.problem, Some(Problem::Missing));
        let data = crate::data::parse(crate::cli::BUILTIN.as_bytes()).unwrap();
        app.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        assert_eq!(app.problem, None);
    }
}
