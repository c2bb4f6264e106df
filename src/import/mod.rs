//! `mandate --import`: read the UN's own records (resolutions as Akoma Ntoso XML or the
//! library's JSON Lines, the monthly troop and police contributions CSV) and propose
//! entries for the user's file, written in place without losing a comment.

pub mod proposal;

pub use proposal::{
    MonthFigure, NewDeployment, NewPeriod, NewSource, Proposal, Review, SourceError,
};

pub mod contributions;
pub use contributions::{read_contributions, PERSONNEL_TYPES};
pub mod edit;
pub use edit::{apply, diff, Edited, MissionChanges};
pub mod write;
pub use write::write_atomic;
