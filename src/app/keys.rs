//! The key bindings: one table feeds both the event handling and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextPanel,
    PrevPanel,
    /// Jump to panel N (1-based); the digit comes from the key.
    Jump,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Zoom,
    Back,
    Help,
    DayBack,
    DayForward,
    MonthBack,
    MonthForward,
    ClockReset,
    /// `:`: go to a date.
    GoTo,
    /// Open or close the timeline.
    Timeline,
    ZoomIn,
    ZoomOut,
    PanBack,
    PanForward,
    /// The timeline back to today in the middle.
    Today,
    /// `/`: the filter prompt.
    Filter,
    /// Cycle the sort.
    Sort,
    /// Open the selected source's URL.
    Open,
    /// Copy the selected source's URL.
    Copy,
    /// Edit the file in `$VISUAL` / `$EDITOR` at the selected mission.
    Edit,
    Reload,
    Suspend,
    Quit,
}

impl Action {
    /// Whether holding the key down repeats the action (movement and time travel do;
    /// reload, zoom, help, suspend and quit happen once per press).
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::DayBack
                | Action::DayForward
                | Action::MonthBack
                | Action::MonthForward
                | Action::PanBack
                | Action::PanForward
        )
    }
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySpec {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Any of the digits 1 to 9.
    Digit,
}

impl KeySpec {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match (self, ev.code) {
            (KeySpec::Char(c), KeyCode::Char(k)) => !ctrl && c == k,
            (KeySpec::Ctrl(c), KeyCode::Char(k)) => ctrl && c.eq_ignore_ascii_case(&k),
            (KeySpec::Digit, KeyCode::Char(k)) => !ctrl && ('1'..='9').contains(&k),
            (KeySpec::Code(c), code) => c == code,
            _ => false,
        }
    }
}

pub struct Binding {
    pub keys: &'static [KeySpec],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

/// Every key binding, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[KeySpec::Code(KeyCode::Tab)],
        label: "Tab",
        action: Action::NextPanel,
        help: "next panel",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::BackTab)],
        label: "Shift-Tab",
        action: Action::PrevPanel,
        help: "previous panel",
    },
    Binding {
        keys: &[KeySpec::Digit],
        label: "1-9",
        action: Action::Jump,
        help: "jump to panel N (numbers in the titles)",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::Up), KeySpec::Char('k')],
        label: "Up / k",
        action: Action::Up,
        help: "select the previous mission, or scroll up",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::Down), KeySpec::Char('j')],
        label: "Down / j",
        action: Action::Down,
        help: "select the next mission, or scroll down",
    },
    Binding {
        keys: &[KeySpec::Char('g'), KeySpec::Code(KeyCode::Home)],
        label: "g / Home",
        action: Action::Top,
        help: "go to the top",
    },
    Binding {
        keys: &[KeySpec::Char('G'), KeySpec::Code(KeyCode::End)],
        label: "G / End",
        action: Action::Bottom,
        help: "go to the bottom",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::PageUp)],
        label: "PgUp",
        action: Action::PageUp,
        help: "one page up",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::PageDown)],
        label: "PgDn",
        action: Action::PageDown,
        help: "one page down",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Zoom,
        help: "zoom the focused panel (again: back); in the timeline: open the mission",
    },
    Binding {
        keys: &[KeySpec::Code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Back,
        help: "back: close the help, the timeline or the zoom",
    },
    Binding {
        keys: &[KeySpec::Char('?')],
        label: "?",
        action: Action::Help,
        help: "show or hide this help",
    },
    Binding {
        keys: &[KeySpec::Char('[')],
        label: "[",
        action: Action::DayBack,
        help: "time travel: clock one day back",
    },
    Binding {
        keys: &[KeySpec::Char(']')],
        label: "]",
        action: Action::DayForward,
        help: "time travel: clock one day forward",
    },
    Binding {
        keys: &[KeySpec::Char('{')],
        label: "{",
        action: Action::MonthBack,
        help: "time travel: clock 30 days back",
    },
    Binding {
        keys: &[KeySpec::Char('}')],
        label: "}",
        action: Action::MonthForward,
        help: "time travel: clock 30 days forward",
    },
    Binding {
        keys: &[KeySpec::Char('t')],
        label: "t",
        action: Action::ClockReset,
        help: "back to the start clock (real time, or --now)",
    },
    Binding {
        keys: &[KeySpec::Char(':')],
        label: ":",
        action: Action::GoTo,
        help: "go to a date: YYYY-MM-DD, noon in the mission's zone (Esc cancels)",
    },
    Binding {
        keys: &[KeySpec::Char('T')],
        label: "T",
        action: Action::Timeline,
        help: "timeline: every mandate on one time axis (again or Esc: back)",
    },
    Binding {
        keys: &[KeySpec::Char('+'), KeySpec::Char('=')],
        label: "+",
        action: Action::ZoomIn,
        help: "timeline: zoom in (down to 3 months across)",
    },
    Binding {
        keys: &[KeySpec::Char('-'), KeySpec::Char('_')],
        label: "-",
        action: Action::ZoomOut,
        help: "timeline: zoom out (up to 10 years across)",
    },
    Binding {
        keys: &[KeySpec::Char('h'), KeySpec::Code(KeyCode::Left)],
        label: "h / Left",
        action: Action::PanBack,
        help: "timeline: earlier",
    },
    Binding {
        keys: &[KeySpec::Char('l'), KeySpec::Code(KeyCode::Right)],
        label: "l / Right",
        action: Action::PanForward,
        help: "timeline: later",
    },
    Binding {
        keys: &[KeySpec::Char('0')],
        label: "0",
        action: Action::Today,
        help: "timeline: today back in the middle",
    },
    Binding {
        keys: &[KeySpec::Char('/')],
        label: "/",
        action: Action::Filter,
        help: "filter the missions (Enter keeps it, Esc clears it)",
    },
    Binding {
        keys: &[KeySpec::Char('s')],
        label: "s",
        action: Action::Sort,
        help: "sort: soonest expiry, name, deployed, figures age",
    },
    Binding {
        keys: &[KeySpec::Char('o')],
        label: "o",
        action: Action::Open,
        help: "open the selected source's URL (in Sources)",
    },
    Binding {
        keys: &[KeySpec::Char('y')],
        label: "y",
        action: Action::Copy,
        help: "copy the selected source's URL (OSC 52)",
    },
    Binding {
        keys: &[KeySpec::Char('e')],
        label: "e",
        action: Action::Edit,
        help: "edit the file at the selected mission ($VISUAL, $EDITOR or vi)",
    },
    Binding {
        keys: &[KeySpec::Char('r')],
        label: "r",
        action: Action::Reload,
        help: "reload the file now",
    },
    Binding {
        keys: &[KeySpec::Ctrl('z')],
        label: "Ctrl-Z",
        action: Action::Suspend,
        help: "suspend to the shell (fg to come back)",
    },
    Binding {
        keys: &[KeySpec::Char('q'), KeySpec::Ctrl('c')],
        label: "q / Ctrl-C",
        action: Action::Quit,
        help: "quit",
    },
];

/// The action bound to a key press, if any. Key releases and repeats of
/// non-movement keys are ignored.
pub fn action_for(ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let action = BINDINGS
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)?;
    if ev.kind == KeyEventKind::Repeat && !action.repeats() {
        return None;
    }
    Some(action)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn every_binding_is_reachable_by_its_own_keys() {
        for b in BINDINGS {
            for k in b.keys {
                let ev = match *k {
                    KeySpec::Char(c) => key(KeyCode::Char(c)),
                    KeySpec::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
                    KeySpec::Code(c) => key(c),
                    KeySpec::Digit => key(KeyCode::Char('5')),
                };
                assert_eq!(action_for(&ev), Some(b.action), "{}", b.label);
            }
        }
    }

    #[test]
    fn a_held_key_repeats_movement_but_not_a_reload() {
        let held =
            |c| KeyEvent::new_with_kind(KeyCode::Char(c), KeyModifiers::NONE, KeyEventKind::Repeat);
        assert_eq!(action_for(&held('j')), Some(Action::Down));
        assert_eq!(action_for(&held(']')), Some(Action::DayForward));
        assert_eq!(action_for(&held('r')), None);
        assert_eq!(action_for(&held('q')), None);
        assert_eq!(action_for(&key(KeyCode::Char('r'))), Some(Action::Reload));
    }

    #[test]
    fn ctrl_c_quits_but_plain_c_does_nothing() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&ctrl_c), Some(Action::Quit));
        assert_eq!(action_for(&key(KeyCode::Char('c'))), None);
        assert_eq!(action_for(&key(KeyCode::Char('c'))), None);
    }
}
