//! `mandate --import`: read the UN's own records (resolutions as Akoma Ntoso XML or the
//! library's JSON Lines, the monthly troop and police contributions CSV) and propose
//! entries for the user's file, written in place without losing a comment.

pub mod contributions;
pub mod edit;
pub mod kind;
pub mod plan;
pub mod proposal;
pub mod resolution;
pub mod summary;
pub mod write;

pub use contributions::{read_contributions, PERSONNEL_TYPES};
pub use edit::{apply, diff, Edited, MissionChanges};
pub use plan::{plan, read_sources, Gathered, Plan};
pub use proposal::{
    MonthFigure, NewDeployment, NewPeriod, NewSource, Proposal, Review, SourceError, VoteDetail,
};
pub use summary::{FileOutcome, Summary};
pub use write::write_atomic;
