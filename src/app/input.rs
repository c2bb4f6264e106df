//! Keys and the mouse: what each does to the state. Part of `update` (called from it).

use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::keys::{action_for, Action};
use super::{step, App, Command, Extent, Panel, Prompt};
use crate::domain::state;

/// The longest text a prompt takes.
const PROMPT_MAX: usize = 200;

/// Lines one notch of the wheel scrolls text.
const WHEEL_LINES: i64 = 3;

impl App {
    pub(super) fn key(&mut self, key: KeyEvent) -> Option<Command> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.notice = None;
        if self.prompt.is_some() {
            return self.prompt_key(key);
        }
        let action = action_for(&key)?;
        if self.help {
            self.help_key(action);
            return (action == Action::Quit).then_some(Command::Quit);
        }
        if self.timeline.open {
            if let Some(done) = self.timeline_key(action) {
                return done;
            }
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
                if let KeyCode::Char(c) = key.code {
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
                self.travel_secs = 0;
                self.travel_stop = None;
                self.recompute();
            }
            Action::GoTo => {
                self.prompt = Some(Prompt::Date {
                    text: String::new(),
                    error: None,
                })
            }
            Action::Timeline => self.timeline.open = true,
            Action::Filter => self.prompt = Some(Prompt::Filter),
            Action::Sort => {
                self.sort = self.sort.next();
                self.reorder();
            }
            Action::Open | Action::Copy => return self.source_command(action),
            // The timeline's own keys do nothing on the dashboard.
            Action::ZoomIn
            | Action::ZoomOut
            | Action::PanBack
            | Action::PanForward
            | Action::Today => {}
        }
        None
    }

    fn help_key(&mut self, action: Action) {
        let max = self.drawn.help.max_scroll();
        let page = self.drawn.help.page() as i64;
        match action {
            Action::Help | Action::Back => self.help = false,
            Action::Up => self.help_scroll = step(self.help_scroll, -1, max),
            Action::Down => self.help_scroll = step(self.help_scroll, 1, max),
            Action::PageUp => self.help_scroll = step(self.help_scroll, -page, max),
            Action::PageDown => self.help_scroll = step(self.help_scroll, page, max),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = max,
            _ => {}
        }
    }

    /// The timeline's keys: `Some` when the key was the timeline's, with its command.
    fn timeline_key(&mut self, action: Action) -> Option<Option<Command>> {
        let page = self.drawn.timeline.map_or(1, |(_, e)| e.page()) as i64;
        match action {
            Action::Timeline | Action::Back => self.timeline.open = false,
            Action::Zoom => {
                // Enter on a row: that mission's panels.
                self.timeline.open = false;
                self.zoom = false;
            }
            Action::ZoomIn => self.timeline.zoom_in(),
            Action::ZoomOut => self.timeline.zoom_out(),
            Action::PanBack => self.timeline.pan_by(-1),
            Action::PanForward => self.timeline.pan_by(1),
            Action::Today => self.timeline.pan = 0,
            Action::Up => self.select_by(-1),
            Action::Down => self.select_by(1),
            Action::PageUp => self.select_by(-page),
            Action::PageDown => self.select_by(page),
            Action::Top => self.select_by(i64::MIN / 2),
            Action::Bottom => self.select_by(i64::MAX / 2),
            Action::NextPanel | Action::PrevPanel | Action::Jump => {}
            Action::Open | Action::Copy => {}
            _ => return None,
        }
        Some(None)
    }

    /// Keys while a prompt is open: text for the prompt; Enter and Esc close it.
    fn prompt_key(&mut self, key: KeyEvent) -> Option<Command> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
            return Some(Command::Quit);
        }
        let typed = match key.code {
            KeyCode::Char(c) if !ctrl && !c.is_control() => Some(c),
            _ => None,
        };
        match self.prompt.take()? {
            Prompt::Filter => {
                match key.code {
                    KeyCode::Esc => self.filter.clear(),
                    KeyCode::Enter => return None,
                    KeyCode::Backspace => {
                        self.filter.pop();
                    }
                    _ => {
                        if let Some(c) = typed.filter(|_| self.filter.chars().count() < PROMPT_MAX)
                        {
                            self.filter.push(c);
                        }
                    }
                }
                if key.code != KeyCode::Esc {
                    self.prompt = Some(Prompt::Filter);
                }
                self.reorder();
            }
            Prompt::Date { mut text, error } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Err(e) = self.go_to(&text) {
                        self.prompt = Some(Prompt::Date {
                            text,
                            error: Some(e),
                        });
                    }
                }
                KeyCode::Backspace => {
                    text.pop();
                    self.prompt = Some(Prompt::Date { text, error: None });
                }
                _ => match typed {
                    Some(c) if text.chars().count() < PROMPT_MAX => {
                        text.push(c);
                        self.prompt = Some(Prompt::Date { text, error: None });
                    }
                    _ => self.prompt = Some(Prompt::Date { text, error }),
                },
            },
        }
        None
    }

    /// Jumps the clock to noon of `text` (YYYY-MM-DD) in the selected mission's zone.
    fn go_to(&mut self, text: &str) -> Result<(), String> {
        let shown = crate::domain::text::clean(text.trim());
        let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| format!("not a date: {shown} (use YYYY-MM-DD)"))?;
        let tz = self
            .current()
            .map_or(chrono_tz::Tz::UTC, |(m, _)| m.timezone);
        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
        let at = tz
            .from_local_datetime(&noon)
            .earliest()
            .unwrap_or_else(|| state::day_start(tz, day) + chrono::Duration::hours(12))
            .with_timezone(&Utc);
        if !(state::EARLIEST..=state::LATEST).contains(&at) {
            return Err(format!(
                "outside the calendar: {shown} (0001-01-01 to 9999-12-31)"
            ));
        }
        self.travel_to(at);
        Ok(())
    }

    /// `o` / `y` in Sources: the selected source's URL, if it is a web address.
    fn source_command(&mut self, action: Action) -> Option<Command> {
        if self.focus != Panel::Sources {
            self.notice = Some("select a source in Sources first (Tab or its number)".into());
            return None;
        }
        let url = self
            .current()
            .and_then(|(m, _)| m.sources.get(self.source_row))
            .and_then(|s| s.url.clone());
        match url {
            None => {
                self.notice = Some("this source has no URL".into());
                None
            }
            Some(u) if action == Action::Copy => Some(Command::Copy(u)),
            Some(u) if is_web(&u) => Some(Command::Open(u)),
            Some(_) => {
                self.notice = Some("only http:// and https:// URLs are opened".into());
                None
            }
        }
    }

    /// Rows in a page of the focused panel.
    pub(super) fn page(&self) -> usize {
        self.drawn.panel(self.focus).map_or(1, Extent::page)
    }

    /// Moves the selection (mission list), the selected source (Sources) or the scroll
    /// (other panels) by `delta`.
    pub(super) fn move_by(&mut self, delta: i64) {
        self.move_in(self.focus, delta);
    }

    fn move_in(&mut self, panel: Panel, delta: i64) {
        match panel {
            Panel::Missions => self.select_by(delta),
            Panel::Sources => {
                let n = self.current().map_or(0, |(m, _)| m.sources.len());
                self.source_row = step(self.source_row, delta, n.saturating_sub(1));
            }
            _ => {
                let i = panel.index();
                let max = self.drawn.panel(panel).map_or(0, Extent::max_scroll);
                self.scroll[i] = step(self.scroll[i], delta, max);
            }
        }
    }

    /// Moves the selected mission by `delta` rows of the list.
    fn select_by(&mut self, delta: i64) {
        let last = self.order.len().saturating_sub(1);
        self.select_row(step(self.selected_row, delta, last));
    }

    fn select_row(&mut self, row: usize) {
        if row == self.selected_row || row >= self.order.len() {
            return;
        }
        self.selected_row = row;
        self.refresh_selected();
        self.scroll = [0; Panel::COUNT];
        self.source_row = 0;
    }

    /// A click selects the mission under it, or focuses the panel (on its title: zooms
    /// it, like Enter); the wheel scrolls what is under the pointer.
    pub(super) fn mouse(&mut self, ev: MouseEvent) -> Option<Command> {
        if self.help || self.prompt.is_some() {
            return None;
        }
        let (x, y) = (ev.column, ev.row);
        let wheel = match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(x, y);
                return None;
            }
            MouseEventKind::ScrollUp => -1,
            MouseEventKind::ScrollDown => 1,
            _ => return None,
        };
        if self.timeline.open {
            if self
                .drawn
                .timeline
                .is_some_and(|(r, _)| r.contains(ratatui::layout::Position::new(x, y)))
            {
                self.select_by(wheel);
            }
            return None;
        }
        match self.drawn.panel_at(x, y) {
            Some((p @ (Panel::Missions | Panel::Sources), _)) => self.move_in(p, wheel),
            Some((p, _)) => self.move_in(p, wheel * WHEEL_LINES),
            None => {}
        }
        None
    }

    fn click(&mut self, x: u16, y: u16) {
        if let Some(row) = self.drawn.row_at(x, y) {
            if !self.timeline.open {
                self.focus = Panel::Missions;
            }
            self.select_row(row);
            return;
        }
        if self.timeline.open {
            return;
        }
        if let Some((p, title)) = self.drawn.panel_at(x, y) {
            self.focus = p;
            if title {
                self.zoom = !self.zoom;
            }
        }
    }
}

/// Whether `url` is a web address the opener may be given.
pub fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{builtin_app, instant};
    use super::super::{App, Drawn, Msg, Sort};
    use super::*;
    use crate::domain::state::Phase;
    use crate::source::{self, FileEvent, Origin};
    use chrono::Duration;
    use ratatui::layout::Rect;

    fn seed() -> App {
        builtin_app("2025-09-22T12:00:00-04:00")
    }

    /// A five-operation portfolio (`tests/fixtures/valid/five_operations.toml`) on 1 Mar 2026.
    fn portfolio() -> App {
        let now = instant("2026-03-01T12:00:00Z");
        let origin = Origin::File(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/valid/five_operations.toml"
            )
            .into(),
        );
        let mut app = App::new(&origin, now, None);
        app.update(Msg::FileChanged(source::load(&origin)));
        app.update(Msg::Tick(now));
        app
    }

    fn press(app: &mut App, code: KeyCode) -> Option<Command> {
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    fn ids(app: &App) -> Vec<String> {
        let d = app.data().unwrap();
        app.order()
            .iter()
            .map(|&i| d.missions[i].id.clone())
            .collect()
    }

    fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
        app.update(Msg::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }));
    }

    fn click(app: &mut App, x: u16, y: u16) {
        mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
    }

    #[test]
    fn focus_starts_on_the_list_with_many_missions_and_on_status_with_one() {
        assert_eq!(seed().focus(), Panel::Missions);
        let src = "[[mission]]\nid = \"m\"\nname = \"M\"\n[[mission.mandate]]\nstart = 2025-01-01\n[mission.strength]\nauthorized = 10\n";
        let now = instant("2025-06-01T12:00:00Z");
        let mut one = App::new(&Origin::File("f".into()), now, None);
        let data = source::parse(src.as_bytes()).unwrap();
        one.update(Msg::FileChanged(FileEvent::Loaded(Box::new(data))));
        assert_eq!(one.focus(), Panel::Status);
        // A reload keeps the focus where the user put it.
        let mut app = seed();
        press(&mut app, KeyCode::Char('4'));
        app.update(Msg::FileChanged(source::load(&Origin::Builtin)));
        assert_eq!(app.focus(), Panel::Strength);
    }

    #[test]
    fn the_filter_narrows_as_you_type_and_backspace_widens() {
        let mut app = portfolio();
        assert_eq!(app.order().len(), 5);
        press(&mut app, KeyCode::Char('/'));
        assert_eq!(app.prompt(), Some(&Prompt::Filter));
        typed(&mut app, "CONGO");
        assert_eq!(ids(&app), ["monusco"], "host, case-insensitive");
        assert_eq!(app.current().unwrap().0.id, "monusco");
        press(&mut app, KeyCode::Backspace);
        assert_eq!(app.filter(), "CONG");
        for _ in 0..4 {
            press(&mut app, KeyCode::Backspace);
        }
        assert_eq!(app.order().len(), 5);
        typed(&mut app, "unmiss");
        assert_eq!(ids(&app), ["unmiss"], "id");
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.prompt(),
            None,
            "Enter keeps the filter and closes the line"
        );
        assert_eq!(app.filter(), "unmiss");
        assert_eq!(ids(&app), ["unmiss"]);
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(ids(&app), ["unmiss"], "keys are keys again");
        press(&mut app, KeyCode::Char('/'));
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.filter(), "", "Esc clears it");
        assert_eq!(app.order().len(), 5);
        assert_eq!(app.current().unwrap().0.id, "unmiss", "the selection stays");
    }

    #[test]
    fn a_filter_that_matches_nothing_says_so() {
        let mut app = portfolio();
        press(&mut app, KeyCode::Char('/'));
        typed(&mut app, "xyz");
        assert!(app.order().is_empty());
        assert!(app.current().is_none());
        let frame = crate::ui::frame_text(&mut app, 120, 40);
        assert!(frame.contains("no mission matches /xyz"), "{frame}");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('T'));
        let frame = crate::ui::frame_text(&mut app, 80, 24);
        assert!(frame.contains("no mission matches /xyz"), "{frame}");
        for k in [KeyCode::Down, KeyCode::End, KeyCode::Enter] {
            press(&mut app, k);
        }
    }

    #[test]
    fn s_cycles_the_sort_and_the_title_says_which() {
        let mut app = portfolio();
        assert_eq!(app.sort(), Sort::Expiry);
        let by_expiry = ids(&app);
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort(), Sort::Name);
        let d = app.data().unwrap();
        let names: Vec<String> = app
            .order()
            .iter()
            .map(|&i| d.missions[i].short.to_lowercase())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let frame = crate::ui::frame_text(&mut app, 160, 48);
        assert!(frame.contains("Missions · by name"), "{frame}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort(), Sort::Deployment);
        let ratios: Vec<f64> = app
            .order()
            .iter()
            .filter_map(|&i| app.states()[i].deployment_ratio)
            .collect();
        assert!(ratios.windows(2).all(|w| w[0] <= w[1]), "{ratios:?}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(app.sort(), Sort::FiguresAge);
        let ages: Vec<_> = app
            .order()
            .iter()
            .filter_map(|&i| app.states()[i].deployed_as_of)
            .collect();
        assert!(ages.windows(2).all(|w| w[0] <= w[1]), "{ages:?}");
        press(&mut app, KeyCode::Char('s'));
        assert_eq!(ids(&app), by_expiry);
    }

    #[test]
    fn timeline_zoom_pan_today_and_back() {
        let mut app = seed();
        press(&mut app, KeyCode::Char('T'));
        assert!(app.timeline().open);
        let span = app.timeline().span();
        press(&mut app, KeyCode::Char('+'));
        assert!(app.timeline().span() < span);
        for _ in 0..20 {
            press(&mut app, KeyCode::Char('-'));
        }
        assert_eq!(app.timeline().span(), 3653);
        press(&mut app, KeyCode::Char('l'));
        press(&mut app, KeyCode::Right);
        assert!(app.timeline().pan > 0);
        press(&mut app, KeyCode::Char('h'));
        press(&mut app, KeyCode::Left);
        press(&mut app, KeyCode::Left);
        assert!(app.timeline().pan < 0);
        press(&mut app, KeyCode::Char('0'));
        assert_eq!(app.timeline().pan, 0);
        // Rows move the shared selection; Enter opens that mission's panels.
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Enter);
        assert!(!app.timeline().open);
        assert_eq!(app.current().unwrap().0.id, "gsf");
        press(&mut app, KeyCode::Char('T'));
        press(&mut app, KeyCode::Esc);
        assert!(!app.timeline().open, "Esc closes it");
        press(&mut app, KeyCode::Char('T'));
        press(&mut app, KeyCode::Char('T'));
        assert!(!app.timeline().open, "T again closes it");
        press(&mut app, KeyCode::Char('l'));
        assert_eq!(app.timeline().pan, 0, "h/l do nothing on the dashboard");
    }

    #[test]
    fn the_date_prompt_goes_to_noon_in_the_mission_zone() {
        let mut app = seed();
        press(&mut app, KeyCode::Char(':'));
        typed(&mut app, "2024-10-03");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.prompt(), None);
        // Noon in Port-au-Prince (EDT, -4) on 3 Oct 2024.
        assert_eq!(app.now(), instant("2024-10-03T12:00:00-04:00"));
        assert_eq!(app.travel_days(), -354);
        let frame = crate::ui::frame_text(&mut app, 120, 40);
        assert!(frame.contains("time travel: -354 days"), "{frame}");
        let (m, s) = app.current().unwrap();
        assert_eq!(m.id, "mss");
        assert_eq!(s.phase, Phase::Active);
        // The clock runs on from there.
        app.update(Msg::Tick(instant("2025-09-22T12:00:05-04:00")));
        assert_eq!(app.now(), instant("2024-10-03T12:00:05-04:00"));
    }

    #[test]
    fn a_bad_date_is_answered_in_the_prompt_and_changes_nothing() {
        let mut app = seed();
        let before = app.now();
        press(&mut app, KeyCode::Char(':'));
        typed(&mut app, "2025-13-01");
        press(&mut app, KeyCode::Enter);
        match app.prompt() {
            Some(Prompt::Date { error: Some(e), .. }) => {
                assert!(e.starts_with("not a date: 2025-13-01"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        let frame = crate::ui::frame_text(&mut app, 120, 40);
        assert!(frame.contains("not a date: 2025-13-01"), "{frame}");
        assert_eq!(app.now(), before);
        press(&mut app, KeyCode::Char('q'));
        assert!(app.prompt().is_some(), "q is text in the prompt");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.prompt(), None);
        assert_eq!(app.now(), before);
        assert_eq!(app.travel_days(), 0);
        // The ends of the calendar are reachable, and the clock stays within it.
        press(&mut app, KeyCode::Char(':'));
        typed(&mut app, "0001-01-01");
        press(&mut app, KeyCode::Enter);
        assert!((state::EARLIEST..=state::LATEST).contains(&app.now()));
        press(&mut app, KeyCode::Char(':'));
        typed(&mut app, "9999-12-31");
        press(&mut app, KeyCode::Enter);
        assert!((state::EARLIEST..=state::LATEST).contains(&app.now()));
    }

    /// A frame at 120x40, reported back, so the mouse has places to hit.
    fn drawn(app: &mut App) -> Drawn {
        crate::ui::frame_text(app, 120, 40);
        app.drawn.clone()
    }

    #[test]
    fn a_click_focuses_a_panel_and_a_title_click_zooms_it() {
        let mut app = seed();
        let d = drawn(&mut app);
        let r = d.places[Panel::Strength.index()].unwrap();
        click(&mut app, r.x + 2, r.y + 2);
        assert_eq!(app.focus(), Panel::Strength);
        assert!(!app.zoomed());
        click(&mut app, r.x + 4, r.y);
        assert!(app.zoomed(), "a click on the title zooms");
        let d = drawn(&mut app);
        let r = d.places[Panel::Strength.index()].unwrap();
        click(&mut app, r.x + 4, r.y);
        assert!(!app.zoomed(), "and again: back");
    }

    #[test]
    fn a_click_on_a_mission_selects_it_in_the_list_and_the_timeline() {
        let mut app = seed();
        press(&mut app, KeyCode::Char('2'));
        let d = drawn(&mut app);
        let (row, _) = d.rows.iter().find(|(_, k)| *k == 1).copied().unwrap();
        click(&mut app, row.x + 3, row.y);
        assert_eq!(app.current().unwrap().0.id, "gsf");
        assert_eq!(app.focus(), Panel::Missions);
        press(&mut app, KeyCode::Char('T'));
        let d = drawn(&mut app);
        let (row, _) = d.rows.iter().find(|(_, k)| *k == 0).copied().unwrap();
        click(&mut app, row.x + 30, row.y);
        assert_eq!(app.current().unwrap().0.id, "mss");
        mouse(&mut app, MouseEventKind::ScrollDown, row.x + 30, row.y);
        assert_eq!(
            app.current().unwrap().0.id,
            "gsf",
            "the wheel moves the rows"
        );
    }

    #[test]
    fn the_wheel_scrolls_the_panel_under_the_pointer_not_the_focused_one() {
        let mut app = seed();
        let d = drawn(&mut app);
        let r = d.places[Panel::Strength.index()].unwrap();
        let rev = app.revision();
        mouse(&mut app, MouseEventKind::ScrollDown, r.x + 2, r.y + 3);
        assert_eq!(app.scroll(Panel::Strength), 3);
        assert_eq!(app.focus(), Panel::Missions, "the focus stays");
        assert!(app.revision() > rev);
        mouse(&mut app, MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
        assert_eq!(app.scroll(Panel::Strength), 0);
        let rev = app.revision();
        mouse(&mut app, MouseEventKind::Moved, r.x, r.y);
        mouse(&mut app, MouseEventKind::Up(MouseButton::Left), r.x, r.y);
        mouse(&mut app, MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
        assert_eq!(app.revision(), rev, "nothing changed: no redraw");
    }

    #[test]
    fn o_and_y_in_sources_ask_to_open_and_copy_the_selected_url() {
        let mut app = seed();
        assert_eq!(press(&mut app, KeyCode::Char('o')), None);
        assert!(app.notice().unwrap().contains("Sources"));
        press(&mut app, KeyCode::Char('8'));
        let urls: Vec<String> = app
            .current()
            .unwrap()
            .0
            .sources
            .iter()
            .filter_map(|s| s.url.clone())
            .collect();
        assert_eq!(
            press(&mut app, KeyCode::Char('o')),
            Some(Command::Open(urls[0].clone()))
        );
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(app.source_row(), 1);
        assert_eq!(
            press(&mut app, KeyCode::Char('y')),
            Some(Command::Copy(urls[1].clone()))
        );
        app.update(Msg::Notice("copied".into()));
        let frame = crate::ui::frame_text(&mut app, 120, 40);
        assert!(frame.contains("▶ UN press release"), "{frame}");
        assert!(frame.contains(" copied"), "{frame}");
        press(&mut app, KeyCode::Char('G'));
        assert_eq!(app.source_row(), app.current().unwrap().0.sources.len() - 1);
        assert!(!is_web("file:///etc/passwd"));
        assert!(!is_web("javascript:alert(1)"));
        assert!(!is_web("https://x.org/a b"));
        assert!(is_web("HTTPS://un.org"));
    }

    #[test]
    fn time_travel_moves_the_timeline_today_line() {
        let mut app = seed();
        press(&mut app, KeyCode::Char('T'));
        let before = crate::ui::frame_text(&mut app, 120, 40);
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('}'),
            KeyModifiers::NONE,
        )));
        let after = crate::ui::frame_text(&mut app, 120, 40);
        assert_ne!(before, after);
        assert!(after.contains("today 22 Oct 2025"), "{after}");
        let _ = Rect::default();
        let _ = Duration::zero();
    }
}
