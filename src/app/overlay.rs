//! What opens over the screen and takes the keys while it is open: the help, or a
//! prompt on the bottom line. At most one is open.

use chrono::{NaiveDate, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keys::Action;
use super::{step, App, Command, Handled};
use crate::domain::state;

/// The longest text a prompt takes.
const PROMPT_MAX: usize = 200;

/// An overlay: every key goes to it first, and it uses them all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Overlay {
    /// `?`: the key table, scrolled this far.
    Help { scroll: usize },
    /// A line at the bottom that takes typed text.
    Prompt(Prompt),
}

/// A line at the bottom that takes the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Prompt {
    /// `/`: the filter, edited live (its text is [`App::filter`]).
    Filter,
    /// `:`: a date to go to, and the answer to the last try if it was not one.
    Date { text: String, error: Option<String> },
}

impl App {
    /// The open overlay's keys (`action` is the key's binding, if it has one).
    pub(super) fn overlay_key(&mut self, key: &KeyEvent, action: Option<Action>) -> Handled {
        match self.overlay.take() {
            None => Handled::Passed,
            Some(Overlay::Help { scroll }) => {
                self.overlay = help_key(scroll, action, &self.drawn.help);
                Handled::Used((action == Some(Action::Quit)).then_some(Command::Quit))
            }
            Some(Overlay::Prompt(prompt)) => Handled::Used(self.prompt_key(prompt, key)),
        }
    }

    /// Keys while a prompt is open: text for the prompt; Enter and Esc close it.
    fn prompt_key(&mut self, prompt: Prompt, key: &KeyEvent) -> Option<Command> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
            self.overlay = Some(Overlay::Prompt(prompt));
            return Some(Command::Quit);
        }
        let typed = match key.code {
            KeyCode::Char(c) if !ctrl && !c.is_control() => Some(c),
            _ => None,
        };
        let keep = |p: Prompt| Some(Overlay::Prompt(p));
        match prompt {
            Prompt::Filter => {
                let filter = &mut self.listing.filter;
                match key.code {
                    KeyCode::Esc => filter.clear(),
                    KeyCode::Enter => return None,
                    KeyCode::Backspace => {
                        filter.pop();
                    }
                    _ => {
                        if let Some(c) = typed.filter(|_| filter.chars().count() < PROMPT_MAX) {
                            filter.push(c);
                        }
                    }
                }
                if key.code != KeyCode::Esc {
                    self.overlay = keep(Prompt::Filter);
                }
                self.reorder();
            }
            Prompt::Date { mut text, error } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Err(e) = self.go_to(&text) {
                        self.overlay = keep(Prompt::Date {
                            text,
                            error: Some(e),
                        });
                    }
                }
                KeyCode::Backspace => {
                    text.pop();
                    self.overlay = keep(Prompt::Date { text, error: None });
                }
                _ => match typed {
                    Some(c) if text.chars().count() < PROMPT_MAX => {
                        text.push(c);
                        self.overlay = keep(Prompt::Date { text, error: None });
                    }
                    _ => self.overlay = keep(Prompt::Date { text, error }),
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
}

/// The help's keys: scrolling it, or closing it (`None`).
fn help_key(scroll: usize, action: Option<Action>, extent: &super::Extent) -> Option<Overlay> {
    let max = extent.max_scroll();
    let page = extent.page() as i64;
    let scroll = match action {
        Some(Action::Help | Action::Back) => return None,
        Some(Action::Up) => step(scroll, -1, max),
        Some(Action::Down) => step(scroll, 1, max),
        Some(Action::PageUp) => step(scroll, -page, max),
        Some(Action::PageDown) => step(scroll, page, max),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => max,
        _ => scroll,
    };
    Some(Overlay::Help { scroll })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{builtin_app, ids, instant, portfolio, press, typed};
    use super::super::*;
    use super::*;
    use crate::domain::state::Phase;
    use ratatui::crossterm::event::KeyCode;

    fn seed() -> App {
        builtin_app("2025-09-22T12:00:00-04:00")
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
    fn the_date_prompt_lands_on_noon_exactly_whatever_the_fraction_of_a_second() {
        // The real clock is rarely on a whole second: 0.3 s and 0.999 s past it here,
        // going forward (where the step was cut toward zero, to 11:59:59) and back.
        for real in [
            "2025-09-22T12:00:00.300-04:00",
            "2025-09-22T12:00:00.999-04:00",
        ] {
            for (date, noon) in [
                ("2026-01-15", "2026-01-15T12:00:00-05:00"),
                ("2024-10-03", "2024-10-03T12:00:00-04:00"),
            ] {
                let mut app = builtin_app(real);
                press(&mut app, KeyCode::Char(':'));
                typed(&mut app, date);
                press(&mut app, KeyCode::Enter);
                assert_eq!(app.now(), instant(noon), "{real} to {date}");
                let frame = crate::ui::frame_text(&mut app, 120, 40);
                assert!(frame.contains("12:00:00"), "{frame}");
            }
        }
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
}
