//! Colours and emphasis. With `NO_COLOR` the theme uses no colour at all: bold,
//! reverse, underline and glyphs carry the meaning.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::state::Phase;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn strong(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn link(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
    }

    /// The style of a phase word. Never red against green alone: the word is always shown
    /// (with [`Phase::glyph`] in the Status badge).
    pub fn phase(&self, p: Phase) -> Style {
        if !self.color {
            return match p {
                Phase::Active => Style::new().add_modifier(Modifier::BOLD),
                Phase::Expiring | Phase::Lapsed => {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
                }
                Phase::Pending => Style::new().add_modifier(Modifier::UNDERLINED),
                Phase::Unrecorded => {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                }
                Phase::Expired => Style::new(),
            };
        }
        let c = match p {
            Phase::Active => Color::Green,
            Phase::Expiring => Color::Yellow,
            Phase::Pending => Color::Cyan,
            Phase::Lapsed => Color::Magenta,
            Phase::Unrecorded => Color::LightBlue,
            Phase::Expired => Color::Red,
        };
        Style::new().fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn banner(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn gauge(&self, over: bool) -> Style {
        match (self.color, over) {
            (true, false) => Style::new().fg(Color::Cyan).bg(Color::Black),
            (true, true) => Style::new().fg(Color::Yellow).bg(Color::Black),
            (false, _) => Style::new(),
        }
    }

    pub fn status_bar(&self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unrecorded and expired differ in word, glyph, colour, and without colour too.
    #[test]
    fn unrecorded_reads_apart_from_expired_with_and_without_colour() {
        let (u, e) = (Phase::Unrecorded, Phase::Expired);
        assert_ne!(u.word(), e.word());
        assert_eq!((u.glyph(), e.glyph()), (Some("?"), None));
        for color in [true, false] {
            let t = Theme::new(color);
            assert_ne!(t.phase(u), t.phase(e), "color {color}");
        }
        assert_ne!(Theme::new(true).phase(u).fg, Theme::new(true).phase(e).fg);
        // without colour, no other phase looks like it
        let mono = Theme::new(false);
        for p in Phase::ALL.into_iter().filter(|p| *p != u) {
            assert_ne!(mono.phase(p), mono.phase(u), "{p:?}");
        }
    }
}
