//! The mission types, the problems a file can have, and the state model: pure data and
//! pure functions, with no clock, terminal or file system.

mod diagnostic;
pub mod due;
pub mod ending;
pub mod format;
mod mission;
mod personnel;
pub mod signals;
pub mod state;
pub mod strength;
pub mod text;
pub mod vote;

pub use diagnostic::{Diagnostic, Diagnostics, Pos, Severity, KEPT};
pub use mission::{
    Contributor, Dataset, Figure, Funding, Milestone, Mission, Period, Requirement, Source,
    Strength, MAX_DAYS,
};
pub use personnel::{Category, Personnel};
