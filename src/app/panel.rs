//! The panels of the dashboard: the one list of them, in their usual order.

/// A panel. Adding one: a variant here and in [`Panel::ALL`] (and its title), its view
/// in `ui::panels` (one file, one arm of `ui::panels::view`), and its place on the
/// screen in `ui/layout.rs`.
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
    /// Every panel, in the order of their numbers.
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

    /// How many panels there are.
    pub const COUNT: usize = Panel::ALL.len();

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

    /// The panel's place in [`Panel::ALL`].
    pub fn index(self) -> usize {
        Panel::ALL.iter().position(|&p| p == self).unwrap_or(0)
    }
}
