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
